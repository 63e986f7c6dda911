"""Every tag colour is readable (issue 10, item 8: the 专精特新 tag, white on orange, read 2.57:1): the
text of each ``sp-tag-<colour>`` badge contrasts at least 4.5:1 with its background (WCAG 2.x AA)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scipark.enterprises.models import TagColor

CSS = Path(__file__).resolve().parents[2] / "core" / "static" / "scipark" / "scipark.css"


def luminance(hex_colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb`` (or ``#rgb``)."""
    h = hex_colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    channels = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_by_hand() -> None:
    assert contrast("#ffffff", "#000000") == pytest.approx(21.0)
    assert contrast("#fff", "#fd7e14") == pytest.approx(2.57, abs=0.01)  # the defect's figure
    assert contrast("#212529", "#fd7e14") == pytest.approx(6.0, abs=0.01)


def colours_of(css: str, colour: str) -> tuple[str, str]:
    """The (text, background) of one tag colour: its rule's ``color`` or the ``.sp-tag`` default."""
    default = re.search(r"\.sp-tag\s*\{[^}]*\bcolor:\s*(#[0-9a-fA-F]{3,6})", css)
    rule = re.search(rf"\.sp-tag-{colour}\s*\{{([^}}]*)\}}", css)
    assert default and rule, colour
    background = re.search(r"background:\s*(#[0-9a-fA-F]{3,6})", rule.group(1))
    text = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{3,6})", rule.group(1))
    assert background, colour
    return (text.group(1) if text else default.group(1)), background.group(1)


@pytest.mark.parametrize("colour", TagColor.values)
def test_every_tag_colour_reads_at_least_4_5_to_1(colour: str) -> None:
    text, background = colours_of(CSS.read_text(encoding="utf-8"), colour)
    assert contrast(text, background) >= 4.5, (colour, text, background, round(contrast(text, background), 2))
