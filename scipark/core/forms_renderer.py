"""The form renderer: Django's templates, except a <select>'s options, which are written in Python.

Django renders every ``<option>`` through its own template include (``select_option.html`` and
``attrs.html``); a form with the GB/T 4754 industry list or a park's enterprises carries hundreds to
thousands of them, and that include was most of such a page's time. ``SelectTemplate`` writes exactly
the markup Django's ``select.html`` writes (``scipark/core/tests/test_forms_renderer.py`` compares the
two on optgroups, multiple choice, boolean attributes and escaping) and leaves any widget with its own
option template to Django.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _attrs(attrs: Mapping[str, Any]) -> str:
    """What ``django/forms/widgets/attrs.html`` writes."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(parts)


def _option(option: Mapping[str, Any]) -> str:
    value = conditional_escape(str(option["value"]))
    label = conditional_escape(localize(option["label"]))
    # select_option.html ends with a newline, which Django writes after every option
    return f'<option value="{value}"{_attrs(option["attrs"])}>{label}</option>\n'


class SelectTemplate:
    """A stand-in for the compiled ``select.html``: ``render(context, request)`` as a backend template."""

    def __init__(self, fallback: Any) -> None:
        self.fallback = fallback

    def render(self, context: Mapping[str, Any] | None = None, request: Any = None) -> SafeString:
        widget = (context or {})["widget"]
        groups = widget["optgroups"]
        if any(option["template_name"] != OPTION_TEMPLATE for _, options, _ in groups for option in options):
            return self.fallback.render(context, request)
        parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in groups:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(localize(group_name))}">')
            for option in options:
                parts.append("\n  " + _option(option))
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>\n")
        return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


class Renderer(DjangoTemplates):
    """settings.FORM_RENDERER."""

    def get_template(self, template_name: str) -> Any:
        template = super().get_template(template_name)
        if template_name == SELECT_TEMPLATE:
            return SelectTemplate(template)
        return template
