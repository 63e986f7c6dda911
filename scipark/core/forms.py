"""Form helpers shared by every app: Bootstrap 5 classes on widgets (no inline styles under the CSP)."""

from __future__ import annotations

from django import forms


def style_form(form: forms.BaseForm, *, small: bool = False) -> forms.BaseForm:
    """Give every widget of ``form`` its Bootstrap class (``-sm`` sizes for filter bars)."""
    size = " form-control-sm" if small else ""
    select_size = " form-select-sm" if small else ""
    for field in form.fields.values():
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
