"""Evaluating the tiers: one enterprise after its archive is accepted, a whole park after a rule changes
(a chunk of enterprises at a time, through the same pure rules).

Each evaluation stores the rule version and the inputs as read, and the previous evaluation stays (no
longer current), so an old result is reproducible from its own row.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from scipark.core import access
from scipark.core.imports import bulk
from scipark.core.services import lock_for_change, save_changes

from .. import selectors
from ..cultivation import Profile, evaluate
from ..models import Evaluation, RuleVersion


def evaluate_enterprise(*, enterprise: Any, year: int) -> list[Evaluation]:
    """Evaluate every tier that has a rule in force at the end of ``year`` (a system step: no user)."""
    profile = selectors.build_profile(enterprise, year)
    if profile is None:
        return []
    rules = selectors.rules_in_force(enterprise.park_id, dt.date(year, 12, 31))
    rows = evaluation_rows(enterprise.pk, enterprise.park_id, profile, rules)
    made = [
        Evaluation(
            enterprise=enterprise, rule=rules[row["tier"]], **{k: v for k, v in row.items() if k != "rule_id"}
        )
        for row in rows
    ]
    with transaction.atomic():
        _retire_current(rows)
        Evaluation.objects.bulk_create(made)
    return made


def evaluate_park(
    *, park: Any, year: int, chunk: int = selectors.CHUNK, progress: Callable[[int], None] | None = None
) -> int:
    """Re-evaluate every enterprise of ``park`` with an archive for ``year``; returns how many.

    A chunk of enterprises at a time: their inputs read together (``selectors.build_profiles``), each
    evaluated with the same rules and functions as :func:`evaluate_enterprise`, the chunk's evaluations
    written together; memory holds one chunk. ``progress`` is told how many are done after each chunk.
    """
    end = dt.date(year, 12, 31)
    rules: dict[int, dict[str, RuleVersion]] = {}
    done = 0
    for evaluees in selectors.park_evaluees(park=park, year=year, chunk=chunk):
        profiles = selectors.build_profiles(evaluees, year)
        rows: list[dict[str, Any]] = []
        for evaluee in evaluees:
            profile = profiles.get(evaluee.pk)
            if profile is None:
                continue
            if evaluee.park_id not in rules:
                rules[evaluee.park_id] = selectors.rules_in_force(evaluee.park_id, end)
            rows.extend(evaluation_rows(evaluee.pk, evaluee.park_id, profile, rules[evaluee.park_id]))
        now = timezone.now()
        with transaction.atomic():
            _retire_current(rows)
            bulk.insert(
                Evaluation,
                [*ROW_FIELDS, *WRITE_FIELDS],
                ([*(row[f] for f in ROW_FIELDS), now, now, 1, now, True] for row in rows),
            )
        done += len(evaluees)
        if progress is not None:
            progress(done)
    return done


#: An evaluation's own values, in the order :func:`evaluation_rows` gives them.
ROW_FIELDS = (
    "park_id", "enterprise_id", "year", "tier", "rule_id", "qualifies", "score_min", "score_max", "gaps", "inputs",
)  # fmt: skip
#: What saving a new evaluation sets besides (``created_at``, ``updated_at``, ``version``, …).
WRITE_FIELDS = ("created_at", "updated_at", "version", "evaluated_at", "is_current")


def evaluation_rows(
    enterprise_id: int, park_id: int, profile: Profile, rules: Mapping[str, RuleVersion]
) -> list[dict[str, Any]]:
    """One enterprise's evaluations as field values (``ROW_FIELDS``), one per tier with a rule: the pure
    rules on its profile, the inputs stored beside each result."""
    inputs = profile.as_json()
    rows = []
    for tier, rule in rules.items():
        result = evaluate(tier, profile, rule.params)
        rows.append({
            "park_id": park_id, "enterprise_id": enterprise_id, "year": profile.year, "tier": tier,
            "rule_id": rule.pk, "qualifies": result.qualifies, "score_min": result.score_min,
            "score_max": result.score_max,
            "gaps": [*result.gaps_json(), *({"condition": "说明", "message": n} for n in result.notes)],
            "inputs": {"profile": inputs, "route": result.route},
        })  # fmt: skip
    return rows


def _retire_current(rows: list[dict[str, Any]]) -> None:
    """The evaluations the new rows replace stay, no longer current (an old result stays reproducible)."""
    by_tier: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        by_tier[row["tier"]].append(row["enterprise_id"])
    for tier, enterprise_ids in by_tier.items():
        Evaluation.objects.filter(enterprise_id__in=enterprise_ids, tier=tier, is_current=True).update(
            is_current=False
        )


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
