"""Form helpers shared by every app: Bootstrap 5 classes on widgets (no inline styles under the CSP), and the
browser's date picker for every date field."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from .money import from_wan, wan_text

#: The value a date picker takes: ISO, whatever the language (zh-Hans's first input format is "%Y/%m/%d",
#: which an ``<input type="date">`` does not show, so an edit form came up with its dates blank).
DATE_FORMAT = "%Y-%m-%d"


def use_date_picker(field: forms.Field) -> None:
    """Make a date field's text box (Django's default ``DateInput``) the browser's date picker with an ISO
    value; a range of dates (django-filter's ``DateRangeField``) gets one for each end. Months (报告期,
    ``economy.filters.PeriodField``) are text fields, not dates, and are left alone."""
    if isinstance(field, forms.DateField) and isinstance(field.widget, forms.DateInput):
        field.widget.input_type = "date"
        field.widget.format = DATE_FORMAT
    elif isinstance(field, forms.MultiValueField) and isinstance(field.widget, forms.MultiWidget):
        for sub_field, sub_widget in zip(field.fields, field.widget.widgets, strict=False):
            if isinstance(sub_field, forms.DateField) and isinstance(sub_widget, forms.DateInput):
                sub_widget.input_type = "date"
                sub_widget.format = DATE_FORMAT


def style_form(form: forms.BaseForm, *, small: bool = False) -> forms.BaseForm:
    """Give every widget of ``form`` its Bootstrap class (``-sm`` sizes for filter bars), and every date
    field the date picker (so no form declares its own date widget)."""
    size = " form-control-sm" if small else ""
    select_size = " form-select-sm" if small else ""
    for field in form.fields.values():
        use_date_picker(field)
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
            widget.attrs.setdefault("class", "form-select" + select_size)
        else:
            widget.attrs.setdefault("class", "form-control" + size)
    return form


class BootstrapMixin:
    """Mixed into a form: call ``self._style()`` at the end of ``__init__``."""

    def _style(self) -> None:
        style_form(self)  # type: ignore[arg-type]


class ServiceValidatedMixin:
    """Mixed into a ModelForm (before it in the bases) whose record its service checks: the form validates
    only what was typed, and the model's own checks — constraints, uniqueness, validators — run in the
    service on the row as it will be saved, inside its transaction, with messages naming the field. Left to
    the form they came first, and a constraint answered with its name at the top of the form (约束
    “funds_amount_positive” 是无效的)."""

    def _post_clean(self) -> None:
        pass


def wan_label(label: Any) -> Any:
    """A label naming 元 (a model field's ``计划总投资(元)``, ``下限(元,含)``) as the same label in 万元, in
    the language of the page: ``计划总投资(万元)``, ``Planned investment (10,000 yuan)``. The amount keeps
    one name wherever it is written; only the unit a person types in changes."""

    def text() -> str:
        shown = str(label)
        return shown.replace("(元", "(万元").replace("(yuan", "(10,000 yuan")

    return lazy(text, str)()


class WanYuanField(forms.DecimalField):
    """An amount stored in 元 and typed in 万元, as park staff keep it in their 台账 and as every list,
    detail and dashboard shows it: a stored value comes up in 万元 (``500000000.00`` → ``50000``), and what is
    typed is cleaned to 元 to the fen (six decimal places in 万元 are two in 元). Negative amounts, and more
    digits than the stored field keeps, are refused at the field, in the page's language; ``max_digits`` is
    the stored field's (its integer digits shrink by four as its places grow by four)."""

    def __init__(
        self, *, max_digits: int = 16, min_value: Decimal | None = Decimal(0), **kwargs: Any
    ) -> None:
        kwargs.setdefault("widget", forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}))
        if min_value == 0:
            kwargs["error_messages"] = {
                "min_value": _("金额不能为负数。"),
                **kwargs.get("error_messages", {}),
            }
        super().__init__(max_digits=max_digits, decimal_places=6, min_value=min_value, **kwargs)

    @classmethod
    def for_model_field(cls, field: models.DecimalField, **kwargs: Any) -> WanYuanField:
        """The 万元 field for a model's amount in 元: its label in 万元, its digits, required unless blank."""
        kwargs.setdefault("label", wan_label(field.verbose_name))
        kwargs.setdefault("required", not field.blank)
        kwargs.setdefault("help_text", field.help_text)
        return cls(max_digits=field.max_digits or 16, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        """A stored amount (元, a number) shows in 万元; what was typed (text) shows as typed."""
        if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
            return wan_text(value)
        return value

    def to_yuan(self, wan: Decimal | None) -> Decimal | None:
        return from_wan(wan)

    def clean(self, value: Any) -> Any:
        return self.to_yuan(super().clean(value))

    def has_changed(self, initial: Any, data: Any) -> bool:
        if self.disabled:
            return False
        try:
            typed = self.to_yuan(self.to_python(data))
        except ValidationError:
            return True
        if initial in (None, "") or typed is None:
            return initial not in (None, "") or typed is not None
        return Decimal(initial) != typed


def is_yuan_amount(field: Any) -> bool:
    """Whether a model field is an amount in 元: a decimal whose label names 元 (``贷款金额(元)``)."""
    if not isinstance(field, models.DecimalField):
        return False
    with translation.override(None):
        return "(元" in str(field.verbose_name)


def yuan_as_wan(db_field: Any, **kwargs: Any) -> Any:
    """A ModelForm's ``formfield_callback``: every amount in 元 is typed in 万元 (``WanYuanField``), every
    other field as Django makes it."""
    if is_yuan_amount(db_field):
        return WanYuanField.for_model_field(db_field, **kwargs)
    return db_field.formfield(**kwargs)
