"""Results of coverage campaigns: the department records what a round found at an enterprise; the
enterprise uploads evidence and its reply on its own result.

A waste inspection's outcome is never typed: it follows from the checklist (``coverage.checklist_outcome``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from scipark.core import access
from scipark.core.services import lock_for_change, save_changes

from ..coverage import WASTE_CHECKLIST, checklist_outcome
from ..models import Campaign, CampaignResult, CampaignRound
from .evidence import check_evidence, content_type, stored_name

#: What the department records; what the enterprise may change on its own result.
STAFF_FIELDS = ("done_on", "outcome", "checklist", "notes")
ENTERPRISE_FIELDS = ("response",)


def is_department(user: Any, park_id: int) -> bool:
    """Whether ``user`` keeps environment records in the park (the environment department)."""
    return access.can_add_in(user, access.Domain.ENVIRONMENT, park_id=park_id)


def _settle_outcome(campaign: Campaign, values: dict[str, Any]) -> None:
    """A waste inspection's outcome from its whole checklist; other kinds need the outcome chosen."""
    if campaign.kind == Campaign.Kind.WASTE_INSPECTION:
        checks = values.get("checklist") or {}
        try:
            values["outcome"] = checklist_outcome({k: bool(v) for k, v in checks.items()})
        except ValueError as exc:
            raise ValidationError({"checklist": str(exc)}) from None
        values["checklist"] = {code: bool(checks[code]) for code, _label, _critical in WASTE_CHECKLIST}
    elif not values.get("outcome"):
        raise ValidationError({"outcome": _("请选择结论。")})


def _check_result(result: CampaignResult) -> None:
    target = result.target
    if result.done_on < target.joined_on or (target.left_on and result.done_on > target.left_on):
        raise ValidationError(
            {
                "done_on": _("完成日期须在「%(enterprise)s」纳入行动期间(自%(joined_on)s起)。")
                % {"enterprise": target.enterprise, "joined_on": target.joined_on.isoformat()}
            }
        )
    rnd = result.round
    if not rnd.starts_on <= result.done_on <= rnd.ends_on:
        raise ValidationError(
            {
                "done_on": _("完成日期须在第%(number)s轮期间(%(starts_on)s至%(ends_on)s)。")
                % {
                    "number": rnd.number,
                    "starts_on": rnd.starts_on.isoformat(),
                    "ends_on": rnd.ends_on.isoformat(),
                }
            }
        )


def _attach(result: CampaignResult, evidence: UploadedFile | None) -> dict[str, Any]:
    """Store a checked evidence file on ``result`` (unsaved): the fields it changes."""
    if evidence is None:
        return {}
    check_evidence([evidence])
    result.evidence.save(stored_name(evidence), evidence, save=False)
    return {
        "evidence": result.evidence.name,
        "evidence_name": (evidence.name or "")[:200],
        "evidence_type": content_type(evidence),
    }


def campaign_result_record(
    *, user: Any, campaign: Campaign, data: Mapping[str, Any], evidence: UploadedFile | None = None
) -> CampaignResult:
    """What a round found at one enterprise of ``campaign`` (``data``: target, round, done_on, outcome or
    checklist, notes), by the department; one result per enterprise and round."""
    values = {k: v for k, v in data.items() if k in STAFF_FIELDS}
    with transaction.atomic():
        access.ensure_can_add(user, access.Domain.ENVIRONMENT, park_id=campaign.park_id)
        target, rnd = data["target"], data["round"]
        if target.campaign_id != campaign.pk:
            raise ValidationError({"target": _("该企业不在本行动的对象中。")})
        if rnd.campaign_id != campaign.pk:
            raise ValidationError({"round": _("该轮次不属于本行动。")})
        if CampaignResult.objects.filter(target=target, round=rnd).exists():
            raise ValidationError(
                {
                    "round": _("「%(enterprise)s」第%(number)s轮已有结果,请修改原记录。")
                    % {"enterprise": target.enterprise, "number": rnd.number}
                }
            )
        _settle_outcome(campaign, values)
        result = CampaignResult(
            park_id=campaign.park_id, target=target, round=rnd, recorded_by=user, **values
        )
        _check_result(result)
        result.full_clean()
        _attach(result, evidence)  # last: a refused result leaves no stored file behind
        result.save()
    return result


def campaign_result_update(
    *,
    user: Any,
    result: CampaignResult,
    data: Mapping[str, Any],
    evidence: UploadedFile | None = None,
    expected_version: int | None,
) -> CampaignResult:
    """Change a result with the version read: the department its findings, the enterprise its reply and
    evidence on its own result only (anything else it sends is refused, not ignored)."""
    if expected_version is None:
        raise ValidationError({"version": _("请提供读取时的版本号,刷新页面后重试。")})
    with transaction.atomic():
        locked = lock_for_change(
            CampaignResult,
            result.pk,
            user=user,
            expected_version=expected_version,
            related=("target__campaign", "target__enterprise", "round"),
        )
        allowed = (
            (*STAFF_FIELDS, *ENTERPRISE_FIELDS) if is_department(user, locked.park_id) else ENTERPRISE_FIELDS
        )
        refused = sorted(set(data) - set(allowed))
        if refused:
            raise access.AccessDenied(_("只有生态环境部门可以修改检查结论和日期。"))
        values = dict(data)
        if "response" in values:
            values["response"] = (values["response"] or "").strip()
            if len(values["response"]) > 2000:
                raise ValidationError({"response": _("企业说明不能超过 2000 字。")})
        if set(values) & set(STAFF_FIELDS):
            merged = {"outcome": locked.outcome, "checklist": locked.checklist, **values}
            _settle_outcome(locked.target.campaign, merged)
            values.update(outcome=merged["outcome"], checklist=merged["checklist"])
        changed = {k: v for k, v in values.items() if getattr(locked, k) != v}
        for key, value in changed.items():
            setattr(locked, key, value)
        _check_result(locked)
        locked.full_clean()
        changed.update(_attach(locked, evidence))
        if not changed:
            return locked
        return save_changes(locked, **changed)


def campaign_create(
    *,
    user: Any,
    park: Any,
    data: Mapping[str, Any],
    rounds: Sequence[tuple[dt.date | None, dt.date | None]],
) -> Campaign:
    """A new campaign of ``park`` (kind, year, title, description) with its rounds numbered in order; each
    round has both dates, ends on or after it starts, and lies in the campaign's year. All or nothing."""
    with transaction.atomic():
        access.ensure_can_add(user, access.Domain.ENVIRONMENT, park_id=park.pk)
        campaign = Campaign(park=park, **{k: data.get(k) for k in ("kind", "year", "title")})
        campaign.description = (data.get("description") or "").strip()
        campaign.full_clean()
        given: list[tuple[int, dt.date, dt.date]] = []
        for n, (starts, ends) in enumerate(rounds, 1):
            if starts is None and ends is None:
                continue
            if starts is None or ends is None:
                field = f"round{n}_starts_on" if starts is None else f"round{n}_ends_on"
                raise ValidationError({field: _("第 %(n)s 轮须填写开始和结束日期。") % {"n": n}})
            given.append((n, starts, ends))
        if not given:
            raise ValidationError({"round1_starts_on": _("至少要有一轮。")})
        for n, starts, ends in given:
            if ends < starts:
                raise ValidationError(
                    {f"round{n}_ends_on": _("第 %(n)s 轮的结束日期早于开始日期。") % {"n": n}}
                )
            if starts.year != campaign.year or ends.year != campaign.year:
                raise ValidationError(
                    {
                        f"round{n}_starts_on": _("第 %(n)s 轮须在行动年度 %(year)s 年内。")
                        % {"n": n, "year": campaign.year}
                    }
                )
        campaign.save()
        for number, (_n, starts, ends) in enumerate(given, 1):
            CampaignRound.objects.create(
                park=park, campaign=campaign, number=number, starts_on=starts, ends_on=ends
            )
    return campaign
