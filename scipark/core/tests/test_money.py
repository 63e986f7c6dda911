"""元 read in 万元, by hand (``core.money``): one conversion for every page, table, form and message. The
registry, economy's lists, innovation's and investment's filters each had their own, rounding half to even
(Python's default) where the park's reports round half up (四舍五入), and parsing a template's value their
own way before it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from scipark.core.money import as_decimal, from_wan, in_wan, in_yi, wan_figure, wan_text

D = Decimal


@pytest.mark.parametrize(
    ("yuan", "number", "form", "detail", "listed"),
    [
        # nothing: no number, a dash on a page
        (None, None, None, "—", "—"),
        # zero yuan is zero 万元, written without decimals in a form and on a page, to two places in a list
        (D("0.00"), D("0.00"), "0", "0", "0.00"),
        # 1 元 = 0.0001 万元: kept on a detail page as in a form, below a list's two places
        (D(1), D("0.00"), "0.0001", "0.0001", "0.00"),
        # 12,345,678.9 元 = 1,234.56789 万元; a list rounds the third place (7) up
        (D("12345678.9"), D("1234.57"), "1234.56789", "1,234.56789", "1,234.57"),
        # a loss (利润总额 −12,345.67 元 = −1.234567 万元) keeps its sign
        (D("-12345.67"), D("-1.23"), "-1.234567", "-1.234567", "-1.23"),
        # a loss below a list's places reads 0.00, not −0.00
        (D("-1"), D("0.00"), "-0.0001", "-0.0001", "0.00"),
        # 6,617,104 元 typed as 661.7104 万元 reads 661.7104 on its page, 661.71 in a list
        (D("6617104.00"), D("661.71"), "661.7104", "661.7104", "661.71"),
        # 114,088,000 元 typed as 11408.8 万元: the page drops the trailing zeros, the list keeps two places
        (D("114088000.00"), D("11408.80"), "11408.8", "11,408.8", "11,408.80"),
        # 5亿 in an exponent's form is 50,000 万元, never 5E+4
        (D("5E+8"), D("50000.00"), "50000", "50,000", "50,000.00"),
    ],
)
def test_an_amount_in_yuan_read_in_wan(
    yuan: Decimal | None, number: Decimal | None, form: str | None, detail: str, listed: str
) -> None:
    assert in_wan(yuan) == number
    if number is not None:
        assert str(in_wan(yuan)) == str(number)  # the places too: 0.00, not 0 or -0.00
    if form is not None and yuan is not None:
        assert wan_text(yuan) == form
    assert wan_figure(yuan) == detail
    assert wan_figure(yuan, places=2) == listed


@pytest.mark.parametrize(
    ("yuan", "listed"),
    [
        # exactly half a hundredth of 万元 (50 元) rounds up, as 四舍五入: 1,234.565 → 1,234.57 (half to even
        # gave 1,234.56) and 1,234.575 → 1,234.58
        (D("12345650"), "1,234.57"),
        (D("12345750"), "1,234.58"),
        (D("12345649.99"), "1,234.56"),
        (D("-12345650"), "-1,234.57"),
        (D(50), "0.01"),
        (D(49), "0.00"),
    ],
)
def test_a_list_rounds_half_up_at_the_second_place(yuan: Decimal, listed: str) -> None:
    assert wan_figure(yuan, places=2) == listed


def test_a_figure_can_be_rounded_up_so_that_a_gap_is_enough() -> None:
    assert in_wan(D(1), rounding="ROUND_CEILING") == D("0.01")
    assert in_wan(D(470_000), rounding="ROUND_CEILING") == D("47.00")
    assert in_wan(D("12345678.9"), 0) == D(1235)


@pytest.mark.parametrize(
    ("value", "number"),
    [
        (D("6617104.00"), D("6617104.00")),
        (6617104, D(6617104)),
        (0.5, D("0.5")),  # through its shortest text, not 0.5000000000000000277…
        ("6617104.00", D("6617104.00")),
        (" 12 ", D(12)),
        (None, None),
        ("", None),  # a template's missing value
        ("abc", None),
        ("1,234", None),
        (True, None),
        (D("NaN"), None),
        (float("inf"), None),
    ],
)
def test_what_a_template_passes_is_read_once(value: Any, number: Decimal | None) -> None:
    assert as_decimal(value) == number
    if number is None:
        assert wan_figure(value) == "—" and wan_figure(value, places=2) == "—"


def test_a_page_and_its_form_show_the_same_decimals() -> None:
    """A detail page writes what the form's box shows, with separators: every decimal the stored amount has
    (up to six: the fen), none it has not."""
    for yuan in (D("12345.67"), D("0.01"), D("123456789012.34"), D(3000000)):
        assert wan_figure(yuan).replace(",", "") == wan_text(yuan)
    assert wan_figure(D("123456789012.34")) == "12,345,678.901234"


@pytest.mark.parametrize(
    ("wan", "yuan"),
    [
        (None, None),  # an empty box
        (D("0"), D("0.00")),
        (D("1234.56"), D("12345600.00")),
        (D("600"), D("6000000.00")),
        (D("0.000001"), D("0.01")),  # the sixth place of 万元 is the fen
        (D("-1.234567"), D("-12345.67")),  # a loss
        (D("0.0000005"), D("0.01")),  # half a fen (beyond a box's six places) rounds up, as the park rounds
    ],
)
def test_an_amount_typed_in_wan_is_stored_in_yuan_to_the_fen(
    wan: Decimal | None, yuan: Decimal | None
) -> None:
    stored = from_wan(wan)
    assert stored == yuan
    assert stored is None or stored.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("yuan", "yi"),
    [
        (None, None),
        (D("1825000000"), D("18.25")),  # 18.25亿元
        (D("1825500000"), D("18.26")),  # the third place 5 rounds up (half to even gave 18.26 too) ...
        (D("1822500000"), D("18.23")),  # ... and here half to even gave 18.22
        (D("100000000"), D("1.00")),
        (D("-1"), D("0.00")),  # a loss below two places reads 0.00, not -0.00
    ],
)
def test_an_amount_in_yuan_reads_in_yi_rounded_half_up(yuan: Decimal | None, yi: Decimal | None) -> None:
    assert in_yi(yuan) == yi
    assert yi is None or str(in_yi(yuan)) == str(yi)
