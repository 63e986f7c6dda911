"""The timeline of a demo appeal: the steps that brought it to its planned state, as the services
would have written them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from scipark.core.roles import DepartmentKind as K

from ..models import Appeal, AppealState, AppealStep
from .data import TODAY, Plan, at

S = AppealState
A = AppealStep.Action


def timeline(a: Appeal, p: Plan, service: Any, ent_user: Any, users: dict[str, Any]) -> list[AppealStep]:
    """The steps of appeal ``a`` up to its planned state, by 企业服务, the lead department's staff and the
    enterprise's user."""
    service_name = getattr(service, "full_name", "") or "企业服务"
    lead_user: dict[str, str] = {
        K.ECONOMY: "bio-economy",
        K.INVESTMENT: "bio-investment",
        K.ENVIRONMENT: "bio-environment",
    }
    handler = users.get(lead_user.get(str(p.lead.kind) if p.lead else "", "bio-service")) or service
    handler_name = getattr(handler, "full_name", "") or service_name
    t = p.received
    out: list[AppealStep] = []

    def add(action: str, frm: str, to: str, when: dt.datetime, who: Any, name: str, notes: str = "") -> None:
        out.append(
            AppealStep(
                appeal=a,
                action=action,
                from_state=frm,
                to_state=to,
                actor=who,
                actor_name=name,
                at=when,
                notes=notes,
            )
        )

    add(
        A.SUBMIT,
        "",
        S.SUBMITTED,
        t,
        a.submitted_by,
        getattr(a.submitted_by, "full_name", "") or service_name,
    )
    order: list[str] = [
        S.SUBMITTED,
        S.ACCEPTED,
        S.ASSIGNED,
        S.IN_PROGRESS,
        S.CONCLUDED,
        S.RATED,
        S.ARCHIVED,
    ]
    reach = order.index(p.state) if p.state in order else 3
    if p.state == S.SENT_BACK:
        add(A.ACCEPT, S.SUBMITTED, S.ACCEPTED, t + dt.timedelta(hours=1), service, service_name)
        add(
            A.ASSIGN,
            S.ACCEPTED,
            S.ASSIGNED,
            t + dt.timedelta(hours=2),
            service,
            service_name,
            "请牵头办理",
        )
        add(
            A.SEND_BACK,
            S.ASSIGNED,
            S.SENT_BACK,
            t + dt.timedelta(days=1),
            handler,
            handler_name,
            "该事项不属于本部门职责,请重新转办。",
        )
        return out
    if reach >= 1:
        add(A.ACCEPT, S.SUBMITTED, S.ACCEPTED, t + dt.timedelta(hours=1), service, service_name)
    if reach >= 2:
        co = f";协办:{p.co.name}" if p.co else ""
        add(
            A.ASSIGN,
            S.ACCEPTED,
            S.ASSIGNED,
            t + dt.timedelta(hours=2),
            service,
            service_name,
            f"牵头:{p.lead.name}{co}" if p.lead else "",
        )
    if reach >= 3:
        notes = "工作人员前往企业了解情况。" if a.title == "企业周边电信信号弱" else "已开始办理。"
        add(A.START, S.ASSIGNED, S.IN_PROGRESS, t + dt.timedelta(hours=4), handler, handler_name, notes)
        if a.title == "企业周边电信信号弱":
            add(
                A.NOTE,
                S.IN_PROGRESS,
                S.IN_PROGRESS,
                t + dt.timedelta(days=1),
                handler,
                handler_name,
                "调查清楚具体情况后已与移动公司联系,移动公司安排技术人员现场测试。",
            )
    if p.reopened:
        closed = at(TODAY - dt.timedelta(days=6), 16)
        add(A.CONCLUDE, S.IN_PROGRESS, S.CONCLUDED, closed, handler, handler_name, "已协调处理。")
        add(
            A.RATE,
            S.CONCLUDED,
            S.RATED,
            at(TODAY - dt.timedelta(days=4), 10),
            ent_user,
            "企业用户",
            "问题仍未解决",
        )
        add(
            A.REOPEN,
            S.RATED,
            S.IN_PROGRESS,
            at(TODAY - dt.timedelta(days=4), 10),
            ent_user,
            "企业用户",
            "评价不满意(2 分):问题仍未解决",
        )
    if p.escalated is not None:
        add(A.ESCALATE, p.state, p.state, p.escalated, None, "系统", "超过办理期限,已提请园区领导督办。")
    if reach >= 4 and p.closed is not None:
        add(A.CONCLUDE, S.IN_PROGRESS, S.CONCLUDED, p.closed, handler, handler_name, p.reply)
    if reach >= 5 and p.closed is not None:
        add(
            A.RATE,
            S.CONCLUDED,
            S.RATED,
            p.closed + dt.timedelta(days=2),
            service,
            service_name,
            f"电话回访,满意度 {p.score} 分",
        )
    if reach >= 6 and p.closed is not None:
        add(A.ARCHIVE, S.RATED, S.ARCHIVED, p.closed + dt.timedelta(days=3), service, service_name)
    return out
