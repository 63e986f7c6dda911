"""The Python-written <select> is the markup Django's own templates write, option for option."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy

from scipark.core.forms_renderer import Renderer, SelectTemplate
from scipark.enterprises.models import Industry

CHOICES: list[Any] = [
    ("", "——"),
    ("a", "甲 <b>&"),
    (2023, 2023),
    ("组", [("x", "X'\""), ("y", gettext_lazy("园区"))]),
    (None, "空"),
]


class Sample(forms.Form):
    plain = forms.ChoiceField(choices=CHOICES, required=False)
    many = forms.MultipleChoiceField(choices=CHOICES, required=False)
    styled = forms.ChoiceField(
        choices=CHOICES,
        widget=forms.Select(
            attrs={"class": "form-select", "data-x": 'q"<', "disabled": True, "hidden": False}
        ),
    )
    inherits = forms.ChoiceField(
        choices=CHOICES, widget=type("Inherits", (forms.Select,), {"option_inherits_attrs": True})()
    )
    radio = forms.ChoiceField(choices=CHOICES[:3], widget=forms.RadioSelect)


@pytest.mark.parametrize(
    "data", [{}, {"plain": "a", "many": ["x", "2023"], "styled": "y", "inherits": "2023", "radio": "a"}]
)
def test_the_select_matches_djangos_templates(data: dict[str, Any]) -> None:
    ours = Sample(data=data or None, renderer=Renderer())
    django_own = Sample(data=data or None, renderer=DjangoTemplates())
    for name in Sample.base_fields:
        assert str(ours[name]) == str(django_own[name]), name
    assert "&lt;b&gt;&amp;" in str(ours["plain"])
    assert '<optgroup label="组">' in str(ours["plain"])


def test_the_project_renders_selects_with_it() -> None:
    template = Renderer().get_template("django/forms/widgets/select.html")
    assert isinstance(template, SelectTemplate)
    assert isinstance(Sample().renderer, Renderer)


@pytest.mark.django_db
def test_a_model_choice_select_matches(world: Any) -> None:
    class ByIndustry(forms.Form):
        industry = forms.ModelChoiceField(Industry.objects.order_by("code")[:40])

    first = Industry.objects.order_by("code").first()
    ours = ByIndustry(data={"industry": first.pk if first else ""}, renderer=Renderer())
    django_own = ByIndustry(data={"industry": first.pk if first else ""}, renderer=DjangoTemplates())
    assert str(ours["industry"]) == str(django_own["industry"])
    assert "selected" in str(ours["industry"])
