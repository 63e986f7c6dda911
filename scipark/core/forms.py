"""Form helpers shared by every app: Bootstrap 5 classes on widgets (no inline styles under the CSP), and the
browser's date picker for every date field."""

from __future__ import annotations

from django import forms

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
