"""Amounts typed in 万元 and stored in 元 (``core.forms.WanYuanField``): staff typed a 5亿 project as
500000000 on a form labelled 计划总投资(元) while every list showed 万元 or 亿元, or typed 50000 thinking 万元
and recorded 5万. The field shows a stored amount in 万元 without an exponent or trailing zeros, cleans what
is typed to 元 to the fen, and refuses at the field what the stored amount cannot hold."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from scipark.core.forms import WanYuanField, style_form, wan_label
from scipark.core.money import wan_text


class AmountForm(forms.Form):
    amount = WanYuanField(label=wan_label("贷款金额(元)"))
    optional = WanYuanField(label=wan_label("预计年产值(元)"), required=False)


@pytest.mark.parametrize(
    ("yuan", "shown"),
    [
        (Decimal("500000000.00"), "50000"),
        (Decimal("500000000"), "50000"),
        (Decimal("12345600.00"), "1234.56"),
        (Decimal("12345.67"), "1.234567"),
        (Decimal("0.01"), "0.000001"),
        (Decimal("0.00"), "0"),
        (3000000, "300"),
    ],
)
def test_a_stored_amount_shows_in_wan_without_exponent_or_trailing_zeros(yuan: Decimal, shown: str) -> None:
    assert wan_text(yuan) == shown
    form = AmountForm(initial={"amount": yuan})
    assert f'value="{shown}"' in str(form["amount"])


def test_what_is_typed_is_stored_in_yuan_to_the_fen() -> None:
    form = AmountForm({"amount": "50000", "optional": "1.234567"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"amount": Decimal("500000000.00"), "optional": Decimal("12345.67")}
    empty = AmountForm({"amount": "0.5", "optional": ""})
    assert empty.is_valid(), empty.errors
    assert empty.cleaned_data == {"amount": Decimal("5000.00"), "optional": None}


def test_a_refused_amount_is_shown_as_typed_and_named_at_its_field_in_chinese() -> None:
    with translation.override("zh-hans"):
        for typed, words in [
            ("-1", "金额不能为负数。"),
            ("1.2345678", "小数不超过 6 位"),
            ("12345678901", "小数点前不超过 10 位"),
            ("五万", "输入一个数字"),
        ]:
            form = AmountForm({"amount": typed})
            assert not form.is_valid()
            assert list(form.errors) == ["amount"], (typed, form.errors)
            assert words in " ".join(str(e) for e in form.errors["amount"]), (typed, form.errors)
            assert f'value="{typed}"' in str(form["amount"])


def test_the_label_says_wan_in_the_pages_language() -> None:
    with translation.override("zh-hans"):
        assert str(AmountForm().fields["amount"].label) == "贷款金额(万元)"
        assert str(wan_label("下限(元,含)")) == "下限(万元,含)"
    assert str(wan_label("Loan amount (yuan)")) == "Loan amount (10,000 yuan)"


def test_a_number_input_that_takes_any_decimal() -> None:
    html = str(style_form(AmountForm())["amount"])
    assert 'type="number"' in html and 'step="any"' in html and 'inputmode="decimal"' in html


def test_an_unchanged_amount_is_not_a_change() -> None:
    field = AmountForm.base_fields["amount"]
    assert not field.has_changed(Decimal("500000000.00"), "50000")
    assert field.has_changed(Decimal("500000000.00"), "500000000")
    assert field.has_changed(None, "1")
    assert not AmountForm.base_fields["optional"].has_changed(None, "")
