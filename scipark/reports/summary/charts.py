"""The summary's charts, drawn on the server as PNG with Chinese labels.

The font is WenQuanYi Micro Hei from the ``paperang-p2-fonts-cjk`` package, which ``pyproject.toml``
installs (so ``make run`` and CI need no font by hand); matplotlib's own fonts have no Chinese glyphs.
Figures are built with the object API (no pyplot state), so concurrent requests do not share a canvas.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

FONT_PACKAGE = "paperang_p2_fonts_cjk"
FONT_FILE = "fonts/wqy-microhei.ttc"
BLUE, GREY, RED, GREEN = "#0d6efd", "#adb5bd", "#dc3545", "#198754"
#: Characters per line of a category's name under a bar: 4 Chinese characters fit a bar's width at 8 pt.
LABEL_LINE = 4


@cache
def chinese_font() -> font_manager.FontProperties:
    """The CJK font, registered with matplotlib once per process."""
    path = str(resources.files(FONT_PACKAGE).joinpath(FONT_FILE))
    font_manager.fontManager.addfont(path)
    return font_manager.FontProperties(fname=path)


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    FigureCanvasAgg(figure).print_png(buffer)
    return buffer.getvalue()


def _new(title: str, size: tuple[float, float] = (7.0, 3.4)) -> tuple[Figure, Axes]:
    font = chinese_font()
    figure = Figure(figsize=size, dpi=150)
    axes: Axes = figure.subplots()
    axes.set_title(title, fontproperties=font, fontsize=12)
    axes.spines[["top", "right"]].set_visible(False)
    return figure, axes


def unit_caption(axes: Axes, unit: str) -> None:
    """The unit written level above the value axis, left-aligned (单位:亿元), as Chinese charts print it: a
    y-axis label is turned on its side, which lays 亿元 and 个 down sideways."""
    axes.set_title(f"单位:{unit}", loc="left", fontproperties=chinese_font(), fontsize=8, color="#6c757d")


def wrapped(name: str, width: int = LABEL_LINE) -> str:
    """A category's name broken into balanced lines of at most ``width`` characters, so it reads level under
    its bar instead of slanted, without a lone last character (融资与金融 → 融资与 / 金融, not 融资与金 / 融)."""
    if len(name) <= width:
        return name
    lines = -(-len(name) // width)
    step = -(-len(name) // lines)
    return "\n".join(name[i : i + step] for i in range(0, len(name), step))


def trend_chart(title: str, labels: Sequence[str], series: Sequence[Series], unit: str) -> bytes:
    """Month by month lines (this year against last), gaps where a month has no data."""
    font = chinese_font()
    figure, axes = _new(title)
    for colour, line in zip((BLUE, GREY), series, strict=False):
        values = [float("nan") if v is None else v for v in line.values]
        axes.plot(range(len(values)), values, marker="o", markersize=3, color=colour, label=line.name)
    axes.set_xticks(range(len(labels)), labels, fontproperties=font, fontsize=8)
    unit_caption(axes, unit)
    axes.legend(prop=font, fontsize=8, frameon=False)
    axes.grid(axis="y", alpha=0.3)
    figure.tight_layout()
    return _png(figure)


def completion_chart(title: str, labels: Sequence[str], completion: Sequence[float]) -> bytes:
    """Target completion in % per indicator, against the 100 % line."""
    font = chinese_font()
    figure, axes = _new(title, (7.0, 0.6 * len(labels) + 1.4))
    colours = [GREEN if c >= 100 else RED for c in completion]
    positions = list(range(len(labels)))
    axes.barh(positions, completion, color=colours, height=0.5)
    axes.axvline(100, color=GREY, linestyle="--", linewidth=1)
    axes.set_yticks(positions, labels, fontproperties=font, fontsize=9)
    axes.invert_yaxis()
    axes.set_xlabel("完成目标任务(%)", fontproperties=font)
    for y, value in zip(positions, completion, strict=True):
        axes.text(value, y, f" {value:g}%", va="center", fontproperties=font, fontsize=9)
    figure.tight_layout()
    return _png(figure)


def bar_chart(title: str, labels: Sequence[str], values: Sequence[float], unit: str) -> bytes:
    """Counts per category, largest first as given."""
    font = chinese_font()
    figure, axes = _new(title)
    positions = list(range(len(labels)))
    axes.bar(positions, values, color=BLUE, width=0.6)
    axes.set_xticks(positions, [wrapped(label) for label in labels], fontproperties=font, fontsize=8)
    unit_caption(axes, unit)
    for x, value in zip(positions, values, strict=True):
        axes.text(x, value, f"{value:g}", ha="center", va="bottom", fontproperties=font, fontsize=8)
    figure.tight_layout()
    return _png(figure)
