"""A list's filters on a phone: the "筛选" button counts the filters applied, and a field the form refused opens
the folded panel so its error is seen (core/object_list.html, core/_filters_toggle.html)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict
from django_filters.fields import RangeField
from django_filters.widgets import RangeWidget

from scipark.core.testing import World
from scipark.core.views.lists import active_filter_count


class Filters(forms.Form):
    q = forms.CharField(required=False)
    status = forms.ChoiceField(required=False, choices=[("", "---------"), ("operating", "在营")])
    tags = forms.MultipleChoiceField(required=False, choices=[("1", "a"), ("2", "b")])
    above_scale = forms.NullBooleanField(required=False, widget=forms.NullBooleanSelect)
    mine = forms.BooleanField(required=False)
    capital = RangeField(required=False, widget=RangeWidget)


def count(query: str) -> int:
    return active_filter_count(Filters(QueryDict(query)))


def test_an_unfiltered_list_counts_nothing() -> None:
    assert active_filter_count(Filters()) == 0  # no query string: the form is unbound
    assert count("") == 0
    assert count("page=3&sort=-name&per_page=100&export=xlsx") == 0  # not filter fields


def test_blank_values_and_empty_choices_filter_nothing() -> None:
    assert count("q=&q=%20%20&status=&above_scale=unknown&capital_min=&capital_max=") == 0


def test_each_field_with_a_value_counts_once() -> None:
    assert count("q=药业") == 1
    assert count("q=药业&status=operating") == 2
    assert count("tags=1&tags=2") == 1  # a multiple choice is one filter, whatever it holds
    assert count("capital_min=100") == 1  # so is a range, from either end
    assert count("capital_min=100&capital_max=500") == 1
    assert count("above_scale=false") == 1  # "no" is a choice, not an empty select
    assert count("mine=on") == 1
    assert count("q=药业&status=operating&tags=2&capital_max=5&above_scale=true&mine=on&page=2") == 6


def test_an_unticked_box_is_not_a_filter() -> None:
    assert count("mine=") == 0


def _context(client: Any, path: str) -> Any:
    response = client.get(path)
    assert response.status_code == 200
    return response


def test_the_list_page_shows_the_count_on_the_phone_button(world: World, client_for: Any) -> None:
    client = client_for("economy_staff")
    response = _context(client, "/enterprises/?q=测试&status=&industry=&page=1&sort=name")
    assert response.context["active_filters"] == 1
    assert response.context["filters_open"] is False
    body = response.content.decode()
    assert 'data-testid="filters-toggle"' in body
    assert 'aria-expanded="false"' in body and 'aria-controls="sp-filter-fields"' in body
    assert 'id="sp-filter-fields" class="collapse d-md-block"' in body  # folded on a phone
    assert 'data-testid="filters-active">1<' in body

    plain = _context(client, "/enterprises/")
    assert plain.context["active_filters"] == 0
    assert 'data-testid="filters-active"' not in plain.content.decode()  # no badge for nothing


def test_a_refused_filter_opens_the_panel_so_its_error_is_seen(world: World, client_for: Any) -> None:
    response = _context(client_for("economy_staff"), "/economy/returns/?period=abcd")
    assert response.context["filters_open"] is True
    assert response.context["active_filters"] == 1
    body = response.content.decode()
    assert 'id="sp-filter-fields" class="collapse d-md-block show"' in body
    assert 'aria-expanded="true"' in body
    assert "invalid-feedback" in body

    fine = _context(client_for("economy_staff"), "/economy/returns/?period=2023-12")
    assert fine.context["filters_open"] is False
