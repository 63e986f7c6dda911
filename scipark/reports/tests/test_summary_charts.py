"""The summary's charts as a Chinese reader expects them: category names level under their bars in balanced
lines, the unit written level above the value axis (a y-label turned on its side lays 亿元 down sideways)."""

from __future__ import annotations

import io

import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from PIL import Image

from scipark.reports.summary import charts


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("通信网络", "通信网络"),  # fits one line
        ("融资与金融", "融资与\n金融"),  # not 融资与金 / 融
        ("政策咨询与兑现", "政策咨询\n与兑现"),
        ("一二三四五六七八九", "一二三\n四五六\n七八九"),
        ("", ""),
    ],
)
def test_a_category_name_breaks_into_balanced_lines(name: str, shown: str) -> None:
    assert charts.wrapped(name) == shown
    assert "".join(shown.split("\n")) == name
    assert all(len(line) <= charts.LABEL_LINE for line in shown.split("\n"))


def test_the_unit_is_written_level_above_the_axis() -> None:
    axes: Axes = Figure().subplots()
    charts.unit_caption(axes, "亿元")
    assert axes.get_title(loc="left") == "单位:亿元"
    assert axes.get_ylabel() == ""


def test_the_bar_chart_sets_its_names_level_and_its_unit_above(monkeypatch: pytest.MonkeyPatch) -> None:
    drawn: list[Figure] = []

    def keep(figure: Figure) -> bytes:
        drawn.append(figure)
        return b""

    monkeypatch.setattr(charts, "_png", keep)
    charts.bar_chart("为企业解决问题(按诉求类别)", ["政策咨询与兑现", "融资与金融"], [9, 2], "个")
    (axes,) = drawn[0].axes
    ticks = axes.get_xticklabels()
    assert [t.get_text() for t in ticks] == ["政策咨询\n与兑现", "融资与\n金融"]
    assert {t.get_rotation() for t in ticks} == {0.0}
    assert axes.get_title(loc="left") == "单位:个" and axes.get_ylabel() == ""


def test_the_charts_are_pngs() -> None:
    png = charts.trend_chart(
        "规模以上工业总产值累计(按月)", ["1月", "2月"], [charts.Series("2023年", [1.0, None])], "亿元"
    )
    assert Image.open(io.BytesIO(png)).format == "PNG"
