"""A campaign's target set by rule: store the rule and bring the set on file in line with it on a day
(``targeting.reconcile``): enterprises the rule takes in join, those it no longer takes in leave."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from scipark.core import access
from scipark.core.services import lock_for_change, save_changes
from scipark.enterprises.models import Enterprise

from ..models import Campaign, CampaignTarget, WasteProducer
from ..targeting import EnterpriseFacts, Member, Plan, RuleError, TargetRule, reconcile

#: Why a target left, as the set records it.
LEFT_BY_RULE = "不再符合对象规则"


def enterprise_facts(park_id: int, on: dt.date) -> list[EnterpriseFacts]:
    """What a rule reads of each enterprise of the park on ``on`` (three queries)."""
    tags: dict[int, set[str]] = {}
    for pk, tag in Enterprise.objects.filter(park_id=park_id, tags__isnull=False).values_list(
        "pk", "tags__name"
    ):
        tags.setdefault(pk, set()).add(tag)
    producers = {
        enterprise_id: "key" if is_key else "non_key"
        for enterprise_id, is_key, left in WasteProducer.objects.filter(
            park_id=park_id, registered_on__lte=on
        ).values_list("enterprise_id", "is_key", "deregistered_on")
        if left is None or left > on
    }
    return [
        EnterpriseFacts(
            enterprise_id=pk,
            industry_code=industry or "",
            tags=frozenset(tags.get(pk, ())),
            producer=producers.get(pk),
            operating=status == Enterprise.Status.OPERATING,
        )
        for pk, industry, status in Enterprise.objects.filter(park_id=park_id).values_list(
            "pk", "industry_id", "status"
        )
    ]


@dataclass(frozen=True)
class RuleApplied:
    campaign: Campaign
    plan: Plan


def campaign_apply_rule(
    *,
    user: Any,
    campaign: Campaign,
    rule: Mapping[str, Any] | None,
    on: dt.date,
    expected_version: int | None,
) -> RuleApplied:
    """Store ``rule`` on ``campaign`` (``None``: keep the one on file) and reconcile its target set on ``on``:
    the department's write, one transaction; a rule that cannot be read is refused naming the field."""
    if expected_version is None:
        raise ValidationError({"version": _("请提供读取时的版本号,刷新页面后重试。")})
    with transaction.atomic():
        access.ensure_can_add(user, access.Domain.ENVIRONMENT, park_id=campaign.park_id)
        locked = lock_for_change(Campaign, campaign.pk, user=user, expected_version=expected_version)
        data = dict(rule) if rule is not None else locked.target_rule
        try:
            parsed = TargetRule.from_data(data)
        except RuleError as exc:
            raise ValidationError({"target_rule": str(exc)}) from None
        if parsed is None:
            raise ValidationError({"target_rule": _("请填写对象规则。")})
        if not dt.date(locked.year, 1, 1) <= on <= dt.date(locked.year, 12, 31):
            raise ValidationError({"on": _("生效日期须在行动年度 %(year)s 年内。") % {"year": locked.year}})
        facts = enterprise_facts(locked.park_id, on)
        targets = {t.enterprise_id: t for t in CampaignTarget.objects.filter(campaign=locked)}
        members = [Member(e, t.joined_on, t.left_on) for e, t in targets.items()]
        plan = reconcile(parsed, facts, members, on)
        producers = {f.enterprise_id: f.producer for f in facts}
        for enterprise_id in plan.join:
            target = CampaignTarget(
                park_id=locked.park_id,
                campaign=locked,
                enterprise_id=enterprise_id,
                category=CampaignTarget.Category.KEY
                if producers.get(enterprise_id) == "key"
                else CampaignTarget.Category.NON_KEY,
                joined_on=on,
            )
            target.full_clean()
            target.save()
        for enterprise_id in plan.leave:
            leaving = lock_for_change(CampaignTarget, targets[enterprise_id].pk, user=user)
            save_changes(leaving, left_on=on, left_reason=LEFT_BY_RULE)
        stored = parsed.as_data()
        if stored != locked.target_rule or plan.changes:
            locked = save_changes(locked, target_rule=stored)
    return RuleApplied(locked, plan)
