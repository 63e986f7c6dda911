"""``first_invalid``: full_clean's field checks a column at a time answer the row full_clean refuses first."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from scipark.core.identifiers import credit_code_from_number
from scipark.core.imports.modelchecks import first_invalid
from scipark.enterprises.models import Enterprise

EXCLUDE = ("park", "industry")


def enterprise(n: int, **values: Any) -> Enterprise:
    fields: dict[str, Any] = {
        "credit_code": credit_code_from_number(n),
        "name": f"企业{n}",
        "activity_type": "industry",
        "status": "operating",
        "registered_capital": Decimal("100.00"),
        "registration_date": dt.date(2020, 5, 1),
    }
    return Enterprise(**(fields | values))


def row_by_row(instances: list[Enterprise]) -> int | None:
    """What the checks were before: full_clean on each row in turn."""
    for index, instance in enumerate(instances):
        try:
            instance.full_clean(exclude=EXCLUDE, validate_unique=False, validate_constraints=False)
        except ValidationError:
            return index
    return None


@pytest.mark.parametrize(
    ("bad", "where"),
    [
        ({}, None),
        ({"name": "名" * 201}, 2),  # longer than the column holds
        ({"credit_code": "91630100MA7XXXXXX0"}, 1),  # wrong check digit
        ({"status": "closed"}, 0),  # not a choice
        ({"registered_capital": Decimal("-1.00")}, 3),  # below the minimum
        ({"registered_capital": Decimal("1.000")}, 1),  # equal to a good value, one place too many
        ({"activity_type": ""}, 2),  # required
    ],
)
def test_the_first_refused_row_is_the_one_full_clean_refuses_first(bad, where):
    # Four rows sharing their repeated values; the bad value is put at ``where`` (and again after it).
    def build() -> list[Enterprise]:
        rows = [enterprise(100 + n) for n in range(5)]
        if where is not None:
            for index in (where, 4):
                for name, value in bad.items():
                    setattr(rows[index], name, value)
        return rows

    assert first_invalid(build(), exclude=EXCLUDE) == where
    assert row_by_row(build()) == where


def test_a_value_refused_once_is_refused_wherever_it_repeats_and_good_rows_before_pass():
    rows = [enterprise(200), enterprise(201, status="closed"), enterprise(202, status="closed")]
    assert first_invalid(rows, exclude=EXCLUDE) == 1
    assert first_invalid(rows[2:], exclude=EXCLUDE) == 0
    assert first_invalid(rows[:1], exclude=EXCLUDE) is None
    assert first_invalid([], exclude=EXCLUDE) is None


def test_cleaned_values_are_set_as_clean_fields_sets_them():
    rows = [enterprise(300, registered_capital="12.50"), enterprise(301, registered_capital="12.50")]
    assert first_invalid(rows, exclude=EXCLUDE) is None
    assert [r.registered_capital for r in rows] == [Decimal("12.50"), Decimal("12.50")]


def test_an_excluded_field_is_not_checked():
    rows = [enterprise(400, name="名" * 201)]
    assert first_invalid(rows, exclude=(*EXCLUDE, "name")) is None
