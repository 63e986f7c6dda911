"""A Chinese word with two senses reads each in English: Django merges every catalogue into one per
language, so a plain msgid reads one translation everywhere (``test_no_two_catalogues_translate_a_message_
differently``). 退出 is the sign-out button's “Log out” and, in context, an incubator's exited enterprise or
an above-scale set's leaver; 项目 is investment's and economy's project and alliance's joint action."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import models
from django.utils import translation
from django.utils.translation import gettext

from scipark.alliance.models import JointAction, Milestone
from scipark.economy.models import FixedAssetProject, ScaleDecision
from scipark.environment.models import Finding
from scipark.innovation.models import Incubation
from scipark.investment.models import Contract, Loan, Project
from scipark.open311.models import ServiceAttribute


def _label(model: type[models.Model], field: str) -> str:
    found = model._meta.get_field(field)
    assert isinstance(found, models.Field)
    return str(found.verbose_name)


@pytest.mark.parametrize(
    ("shown", "english"),
    [
        (lambda: gettext("退出"), "Log out"),
        (lambda: Incubation.Outcome.EXITED.label, "Exited"),
        (lambda: ScaleDecision.Direction.LEAVE.label, "Left"),
        (lambda: ScaleDecision.Direction.ENTER.label, "Entered"),
        (lambda: _label(Project, "name"), "Project name"),
        (lambda: _label(Contract, "project"), "Project"),
        (lambda: _label(FixedAssetProject, "name"), "Project name"),
        (lambda: _label(JointAction, "title"), "Action name"),
        (lambda: _label(Milestone, "action"), "Joint action"),
        (lambda: _label(Finding, "title"), "Problem"),
        (lambda: _label(ServiceAttribute, "description"), "Question"),
        (lambda: _label(Loan, "confirmed_by"), "Confirmed by"),
        (lambda: gettext("设置"), "Settings"),
    ],
)
def test_each_sense_reads_its_own_english(shown: Any, english: str) -> None:
    with translation.override("en"):
        assert str(shown()) == english
