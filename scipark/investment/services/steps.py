"""The step functions of the project stage machine, one per action of ``workflow.FLOW``.

Each checks its data on the locked project (a signing needs a date, an amount and the signing party;
landing needs a site; 投产 needs a date and the enterprise of the registry it became, created or
linked here), then ``Take.move`` writes the stage with ``save_changes`` and records the timeline entry.
Every step moves the project's version on, an approval or an amendment too: a page that showed the
project before them is stale.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Max
from django.utils.translation import gettext as _

from scipark.core import access
from scipark.core.services import save_changes
from scipark.core.terms import joined
from scipark.enterprises.models import ActivityType, Enterprise

from ..models import Approval, ApprovalLevel, Contract, Project, StageChange
from ..workflow import FLOW, Actor, StepAction, project_actors
from .common import amount, past_date, required_text

A = StepAction

#: What each step function takes besides the project, its note and its evidence (see the functions below):
#: the page's form and the API's payload pick these, so a field of another action is never passed on.
STEP_FIELDS: dict[str, tuple[str, ...]] = {
    A.ENGAGE: ("happened_on",),
    A.APPROVE: ("happened_on",),
    A.SIGN: ("signed_on", "amount_signed", "signing_party", "event", "document"),
    A.AMEND: ("signed_on", "amount_signed", "signing_party"),
    A.LAND: ("happened_on", "site"),
    A.START: ("happened_on",),
    A.PRODUCE: ("happened_on", "enterprise", "new_enterprise"),
    A.TERMINATE: ("happened_on", "reason"),
}


def step_data(action: str, source: Mapping[str, Any]) -> dict[str, Any]:
    """The data ``action`` takes, picked from a form's or a serializer's cleaned data (empty left out)."""
    return {
        name: source[name] for name in STEP_FIELDS.get(str(action), ()) if source.get(name) not in (None, "")
    }


@dataclass
class Take:
    """One step being taken: the locked project, the stage it was in, who takes it, its note and file."""

    action: str
    user: Any
    project: Project
    old_stage: str
    note: str
    evidence: UploadedFile | None

    def date(self, value: Any, field: str = "happened_on", label: Any = None) -> dt.date:
        """The step's date: it has happened, and not before the project reached its current stage."""
        return past_date(value, field, label or _("日期"), not_before=self.project.stage_since)

    def move(self, on: dt.date, **changes: Any) -> StageChange:
        """Write the new stage (when the table moves it) and the timeline entry."""
        target = FLOW.target_state(self.action, self.old_stage)
        if FLOW.transitions[self.action].target is not None:
            changes = {"stage": target, "stage_since": on, **changes}
        save_changes(self.project, **changes)
        step = StageChange(
            project=self.project,
            action=self.action,
            from_stage=self.old_stage,
            to_stage=target,
            happened_on=on,
            by=self.user,
            note=self.note,
        )
        if self.evidence is not None:
            step.evidence = self.evidence
        step.save()
        return step


def missing_approvals(project: Project) -> list[ApprovalLevel]:
    """The park's approval levels this project has not passed yet, in order."""
    done = set(Approval.objects.filter(project=project).values_list("level_id", flat=True))
    return [lv for lv in ApprovalLevel.objects.filter(park_id=project.park_id) if lv.pk not in done]


def needed_part(level: ApprovalLevel) -> Actor:
    """The part (``workflow.Actor``) that gives a level's approval."""
    return Actor.LEADER if level.approver == ApprovalLevel.Approver.LEADER else Actor.STAFF


def signed_level(user: Any, project: Project) -> ApprovalLevel | None:
    """The level of ``project``'s approval that ``user`` has already signed, if any: one person signs one
    level of a project (ADR 0013 §3), so the 分管领导 who approved it is not also its 主任."""
    if getattr(user, "pk", None) is None:
        return None
    found = Approval.objects.filter(project=project, by=user).select_related("level").first()
    return found.level if found is not None else None


def approval_refusal(user: Any, project: Project, level: ApprovalLevel) -> str:
    """Why ``user`` may not sign ``level`` of ``project`` because they signed another level ("" if not)."""
    signed = signed_level(user, project)
    if signed is None:
        return ""
    return _("您已审批过该项目的「%(signed)s」环节,同一人不能再审批「%(level)s」环节,请由其他人审批。") % {
        "signed": signed.title,
        "level": level.title,
    }


def offered_actions(user: Any, project: Project) -> list[str]:
    """The stage actions to offer ``user`` as buttons: the table's for the user's parts, less 签约审批
    when the next level is not theirs to give (or none is pending) and less 签约 while one is pending:
    a button that the step would refuse is not shown — nor to whoever signed another level of it."""
    actors = project_actors(user, project)
    actions = FLOW.available_actions(project.stage, actors)
    if A.APPROVE in actions or A.SIGN in actions:
        pending = missing_approvals(project)
        if (
            not pending
            or needed_part(pending[0]) not in actors
            or approval_refusal(user, project, pending[0])
        ):
            actions = [a for a in actions if a != A.APPROVE]
        if pending:
            actions = [a for a in actions if a != A.SIGN]
    return actions


@FLOW.step(A.ENGAGE)
def engage(take: Take, *, happened_on: Any = None) -> None:
    """接洽: talks with the investor have begun."""
    take.move(take.date(happened_on, label=_("接洽日期")))


@FLOW.step(A.APPROVE)
def approve(take: Take, *, happened_on: Any = None) -> None:
    """签约审批: the next configured level approves the signing (招商部 → 分管领导 → 主任)."""
    pending = missing_approvals(take.project)
    if not pending:
        raise ValidationError(_("该项目的签约审批已全部完成,可以签约。"))
    level = pending[0]
    if needed_part(level) not in project_actors(take.user, take.project):
        raise access.AccessDenied(
            _("「%(level)s」环节须由%(approver)s审批。")
            % {"level": level.title, "approver": level.get_approver_display()}
        )
    refusal = approval_refusal(take.user, take.project, level)
    if refusal:
        raise ValidationError(refusal)
    on = take.date(happened_on, label=_("审批日期"))
    Approval.objects.create(project=take.project, level=level, decided_on=on, by=take.user, note=take.note)
    take.note = f"{level.title}:{take.note}" if take.note else f"{level.title}审批通过"
    take.move(on)


@FLOW.step(A.SIGN)
def sign(
    take: Take,
    *,
    signed_on: Any = None,
    amount_signed: Any = None,
    signing_party: Any = None,
    event: str | None = None,
    document: UploadedFile | None = None,
) -> None:
    """签约: the contract with its date, amount (合同投资额) and signing party; revision 1."""
    pending = missing_approvals(take.project)
    if pending:
        names = joined(lv.title for lv in pending)
        raise ValidationError(_("签约前须完成审批,尚缺:%(levels)s。") % {"levels": names})
    on = take.date(signed_on, "signed_on", _("签约日期"))
    value = amount(amount_signed, "amount_signed", _("签约金额(合同投资额)"))
    party = required_text(signing_party, "signing_party", _("签约主体"))
    contract = Contract(
        project=take.project,
        revision=1,
        signed_on=on,
        amount=value,
        signing_party=party,
        event=(take.project.source_event if event is None else event).strip(),
        note=take.note,
        recorded_by=take.user,
    )
    if document is not None:
        contract.document = document
    contract.save()
    take.move(on)


@FLOW.step(A.AMEND)
def amend(take: Take, *, signed_on: Any = None, amount_signed: Any = None, signing_party: Any = None) -> None:
    """合同变更: a new revision of the contract; the latest counts, the earlier ones stay."""
    latest = Contract.objects.filter(project=take.project).order_by("-revision").first()
    if latest is None:
        raise ValidationError(_("该项目没有签约合同,无法变更。"))
    on = past_date(signed_on, "signed_on", _("变更日期"), not_before=latest.signed_on)
    value = amount(amount_signed, "amount_signed", _("变更后合同投资额"))
    if not take.note:
        raise ValidationError({"note": _("请填写合同变更的原因。")})
    number = (Contract.objects.filter(project=take.project).aggregate(n=Max("revision"))["n"] or 0) + 1
    Contract.objects.create(
        project=take.project,
        revision=number,
        signed_on=on,
        amount=value,
        signing_party=str(signing_party or "").strip() or latest.signing_party,
        event=latest.event,
        note=take.note,
        recorded_by=take.user,
    )
    take.note = f"第{number}版:{latest.amount:,.2f} → {value:,.2f} 元;{take.note}"
    take.move(on)


@FLOW.step(A.LAND)
def land(take: Take, *, happened_on: Any = None, site: Any = None) -> None:
    """落地: the company is registered in the park and its land or space secured."""
    on = take.date(happened_on, label=_("落地日期"))
    take.move(on, site=required_text(site, "site", _("落地地块/载体")))


@FLOW.step(A.START)
def start(take: Take, *, happened_on: Any = None) -> None:
    """开工: construction or fit-out has started."""
    take.move(take.date(happened_on, label=_("开工日期")))


@FLOW.step(A.PRODUCE)
def produce(
    take: Take,
    *,
    happened_on: Any = None,
    enterprise: Enterprise | int | None = None,
    new_enterprise: Mapping[str, Any] | None = None,
) -> None:
    """投产: producing; the project becomes an enterprise of the registry, linked or created here."""
    on = take.date(happened_on, label=_("投产日期"))
    if enterprise not in (None, ""):
        found = _existing_enterprise(take, enterprise)
    elif new_enterprise:
        found = _new_enterprise(take, new_enterprise, on)
    else:
        raise ValidationError({"enterprise": _("投产须关联企业名录中的企业,或登记新企业。")})
    take.move(on, enterprise=found)


def _existing_enterprise(take: Take, enterprise: Enterprise | int) -> Enterprise:
    pk = enterprise.pk if isinstance(enterprise, Enterprise) else enterprise
    found = Enterprise.objects.restrict(take.user, access.Action.VIEW).filter(pk=pk).first()
    if found is None or found.park_id != take.project.park_id:
        raise ValidationError({"enterprise": _("投产企业须是该项目所在园区企业名录中的企业。")})
    return found


def _new_enterprise(take: Take, data: Mapping[str, Any], on: dt.date) -> Enterprise:
    """Register the enterprise the project became.

    The investment department records it here without the registry keepers' ADD right: it is the
    project's own outcome, and 经济发展 completes the record afterwards in the registry (whose change
    log shows who created it).
    """
    project = take.project
    industry = data.get("industry") or project.industry
    if industry is None:
        raise ValidationError({"industry": _("登记新企业须填写行业(可先在项目中填写)。")})
    activity = data.get("activity_type") or (
        ActivityType.INDUSTRY if project.is_industrial else ActivityType.OTHER
    )
    created = Enterprise(
        park_id=project.park_id,
        credit_code=str(data.get("credit_code") or "").strip().upper(),
        name=required_text(data.get("name"), "name", _("企业名称")),
        industry=industry,
        activity_type=activity,
        registration_date=data.get("registration_date") or on,
        description=f"由招商项目「{project.name}」投产登记。",
    )
    if Enterprise.objects.filter(credit_code=created.credit_code).exists():
        raise ValidationError({"credit_code": _("该统一社会信用代码已在企业名录中,请直接关联该企业。")})
    created.full_clean(exclude=["park", "version"])
    created.save()
    return created


@FLOW.step(A.TERMINATE)
def terminate(take: Take, *, happened_on: Any = None, reason: Any = None) -> None:
    """终止/流失: the project is given up, with the reason."""
    text = required_text(reason, "reason", _("终止/流失原因"))
    on = take.date(happened_on, label=_("终止日期"))
    take.note = take.note or text
    take.move(on, termination_reason=text)
