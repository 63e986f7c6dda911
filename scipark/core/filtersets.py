"""Filters shared by the apps' FilterSets."""

from __future__ import annotations

import django_filters
from django import forms

MAX_ID = 2**63 - 1  # the largest primary key either database stores


class IdFieldForm(forms.IntegerField):
    """A whole, positive id within the database's range (a float or a huge number is a clear 400)."""

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)  # type: ignore[arg-type]


class IdFilter(django_filters.NumberFilter):
    """Filter on a foreign key by id, validated as a whole number in range."""

    field_class = IdFieldForm
