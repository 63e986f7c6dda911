"""Evaluating the tiers: one enterprise after its archive is accepted, a whole park after a rule changes.

Each evaluation stores the rule version and the inputs as read, and the previous evaluation stays (no
longer current), so an old result is reproducible from its own row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from scipark.core import access
from scipark.core.services import lock_for_change, save_changes

from .. import selectors
from ..cultivation import EVALUATORS, Profile, evaluate
from ..models import Evaluation, RuleVersion, TechArchive


def evaluate_enterprise(*, enterprise: Any, year: int) -> list[Evaluation]:
    """Evaluate every tier that has a rule in force at the end of ``year`` (a system step: no user)."""
    profile = selectors.build_profile(enterprise, year)
    if profile is None:
        return []
    end = dt.date(year, 12, 31)
    made: list[Evaluation] = []
    with transaction.atomic():
        for tier in EVALUATORS:
            rule = selectors.rule_for(enterprise.park_id, tier, end)
            if rule is None:
                continue
            result = evaluate(tier, profile, rule.params)
            Evaluation.objects.filter(enterprise=enterprise, tier=tier, is_current=True).update(
                is_current=False
            )
            made.append(
                Evaluation(
                    park_id=enterprise.park_id,
                    enterprise=enterprise,
                    year=year,
                    tier=tier,
                    rule=rule,
                    qualifies=result.qualifies,
                    score_min=result.score_min,
                    score_max=result.score_max,
                    gaps=[*result.gaps_json(), *({"condition": "说明", "message": n} for n in result.notes)],
                    inputs={"profile": profile.as_json(), "route": result.route},
                )
            )
        Evaluation.objects.bulk_create(made)
    return made


def evaluate_park(*, park: Any, year: int) -> int:
    """Re-evaluate every enterprise of ``park`` with an archive for ``year``; returns how many."""
    archives = TechArchive.objects.filter(park=park, year=year).select_related("enterprise")
    for archive in archives:
        evaluate_enterprise(enterprise=archive.enterprise, year=year)
    return len(archives)


RULE_FIELDS = ("tier", "name", "source", "valid_from", "valid_to", "params", "confirmed")


def rule_version_save(
    *, user: Any, park: Any, data: Mapping[str, Any], rule: RuleVersion | None = None,
    expected_version: int | None = None, year: int | None = None,
) -> RuleVersion:  # fmt: skip
    """Add a rule version (or correct one), then re-evaluate the park's archives of ``year``."""
    values = {k: v for k, v in data.items() if k in RULE_FIELDS}
    if not isinstance(values.get("params", {}), dict):
        raise ValidationError({"params": "规则参数须为 JSON 对象。"})
    with transaction.atomic():
        if rule is None:
            access.ensure_can_add(user, access.Domain.INNOVATION, park_id=park.pk)
            current = RuleVersion(park=park, **values)
            current.full_clean()
            current.save()
        else:
            current = lock_for_change(RuleVersion, rule.pk, user=user, expected_version=expected_version)
            for key, value in values.items():
                setattr(current, key, value)
            current.full_clean()
            current = save_changes(current, **values)
        _check_params(current)
        if year is not None:
            evaluate_park(park=park, year=year)
    return current


def _check_params(rule: RuleVersion) -> None:
    """A version must be evaluable: try it on an empty profile so a typo fails here, not on a page."""
    try:
        evaluate(rule.tier, Profile(year=rule.valid_from.year), rule.params)
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise ValidationError({"params": f"规则参数不完整或格式有误:{exc}"}) from None
