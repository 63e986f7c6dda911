"""A record that breaks one of the models' rules reads the rule, not the constraint's name.

Django words a broken CheckConstraint (or a conditional UniqueConstraint) as 约束 “loan_amount_positive”
是无效的, which a ModelForm running the model's checks showed at the top of the form (the loan, fund and
archive forms did). Every such constraint of scipark's models carries a sentence of its own, in Chinese
with its English; a plain field UniqueConstraint keeps Django's readable 包含 … 的 … 已经存在。."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.db.models import BaseConstraint, CheckConstraint, UniqueConstraint
from django.forms import modelform_factory
from django.utils import timezone, translation

from scipark.core.testing import World
from scipark.environment.models import Boiler
from scipark.events.models import Event
from scipark.innovation.models import TechArchive
from scipark.investment.models import Loan

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _worded_constraints() -> Iterator[tuple[str, BaseConstraint]]:
    """Every constraint whose violation Django words with its name: checks and conditional or expression
    uniqueness, of every model of a scipark app."""
    for model in apps.get_models():
        if not model.__module__.startswith("scipark."):
            continue
        for constraint in model._meta.constraints:
            if isinstance(constraint, CheckConstraint) or (
                isinstance(constraint, UniqueConstraint)
                and (constraint.condition is not None or constraint.expressions)
            ):
                yield model._meta.label, constraint


CONSTRAINTS = sorted(_worded_constraints(), key=lambda pair: pair[1].name)


def test_the_models_have_such_constraints() -> None:
    assert len(CONSTRAINTS) >= 45  # 37 checks and 8 conditional uniqueness constraints when this was written


@pytest.mark.parametrize(("label", "constraint"), CONSTRAINTS, ids=[c.name for _, c in CONSTRAINTS])
def test_every_constraint_says_its_rule_in_both_languages(label: str, constraint: BaseConstraint) -> None:
    assert constraint.violation_error_message != constraint.default_violation_error_message, label
    with translation.override("zh-hans"):
        chinese = str(constraint.get_violation_error_message())
    with translation.override("en"):
        english = str(constraint.get_violation_error_message())
    assert constraint.name not in chinese and constraint.name not in english
    assert chinese.endswith("。") and CHINESE.search(chinese), chinese
    assert english != chinese and not CHINESE.search(english) and english.endswith("."), english


def _errors(form: Any, language: str) -> list[str]:
    with translation.override(language):
        assert not form.is_valid()
        return [str(message) for message in form.non_field_errors()]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh-hans", "贷款金额须大于 0。"), ("en", "The loan amount must be greater than 0.")],
)
def test_a_loan_of_nothing_reads_its_rule(world: World, language: str, expected: str) -> None:
    form_class = modelform_factory(Loan, fields=["amount"])
    form = form_class(data={"amount": "0"}, instance=Loan(park=world.park, enterprise=world.enterprise))
    assert _errors(form, language) == [expected]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh-hans", "结束时间不能早于开始时间。"),
        ("en", "The end time cannot be earlier than the start time."),
    ],
)
def test_an_event_ending_before_it_starts_reads_its_rule(world: World, language: str, expected: str) -> None:
    form_class = modelform_factory(Event, fields=["starts_at", "ends_at"])
    start = timezone.localtime().replace(second=0, microsecond=0)
    data = {"starts_at": start, "ends_at": start - dt.timedelta(hours=1)}
    form = form_class(data=data, instance=Event(park=world.park))
    assert _errors(form, language) == [expected]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh-hans", "科技人员数不能超过职工总数(占比不能超过100%)。"),
        ("en", "Science and technology staff cannot exceed total employees (the share cannot exceed 100%)."),
    ],
)
def test_more_scientists_than_employees_reads_its_rule(world: World, language: str, expected: str) -> None:
    form_class = modelform_factory(TechArchive, fields=["employees", "tech_staff"])
    form = form_class(
        data={"employees": "10", "tech_staff": "12"},
        instance=TechArchive(park=world.park, enterprise=world.enterprise, year=2025),
    )
    assert _errors(form, language) == [expected]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh-hans", "该使用登记证编号已在本园区登记。"),
        ("en", "This use registration certificate number is already registered in this park."),
    ],
)
def test_a_boiler_registered_twice_reads_its_rule(world: World, language: str, expected: str) -> None:
    """A conditional uniqueness: two boilers of a park may both be unregistered, not share a number."""
    values = {
        "park": world.park, "capacity_tph": Decimal(4), "operating_hours": 3000, "load_factor": Decimal("0.7"),
        "nox_before": Decimal(150), "o2_before": Decimal("3.5"),
    }  # fmt: skip
    Boiler.objects.create(enterprise=world.enterprise, name="1#", registration_no="锅青A0001", **values)
    form_class = modelform_factory(Boiler, fields=["park", "registration_no"])
    second = Boiler(enterprise=world.other_enterprise, name="1#", **values)
    form = form_class(data={"park": world.park.pk, "registration_no": "锅青A0001"}, instance=second)
    assert _errors(form, language) == [expected]
    unregistered = form_class(data={"park": world.park.pk, "registration_no": ""}, instance=second)
    assert unregistered.is_valid(), unregistered.errors
