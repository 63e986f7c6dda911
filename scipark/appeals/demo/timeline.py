"""The timeline of a demo appeal: the steps that brought it to its planned state, as the services
would have written them (the states each step lands in come from the workflow's table)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from scipark.core.roles import DepartmentKind as K

from ..models import Appeal, AppealState, AppealStep
from ..workflow import FLOW
from .data import TODAY, Plan, at

S = AppealState
A = AppealStep.Action
#: The main line of the workflow, for "how far did this appeal get".
ORDER: list[str] = [S.SUBMITTED, S.ACCEPTED, S.ASSIGNED, S.IN_PROGRESS, S.CONCLUDED, S.RATED, S.ARCHIVED]
LEAD_USERS: dict[str, str] = {
    K.ECONOMY: "bio-economy",
    K.INVESTMENT: "bio-investment",
    K.ENVIRONMENT: "bio-environment",
}
HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)


def timeline(a: Appeal, p: Plan, service: Any, ent_user: Any, users: dict[str, Any]) -> list[AppealStep]:
    """The steps of appeal ``a`` up to its planned state, by 企业服务, the lead department's staff and the
    enterprise's user."""
    service_name = getattr(service, "full_name", "") or "企业服务"
    handler = users.get(LEAD_USERS.get(str(p.lead.kind) if p.lead else "", "bio-service")) or service
    by_service = (service, service_name)
    by_handler = (handler, getattr(handler, "full_name", "") or service_name)
    by_enterprise = (ent_user, "企业用户")
    t = p.received
    out: list[AppealStep] = []

    def add(action: str, frm: str, when: dt.datetime, who: tuple[Any, str], notes: str = "") -> None:
        if action in FLOW.transitions:
            to = FLOW.target_state(action, frm)
        else:  # filing and escalation are not steps of the table
            to = S.SUBMITTED if action == A.SUBMIT else frm
        out.append(
            AppealStep(
                appeal=a,
                action=action,
                from_state=frm,
                to_state=to,
                actor=who[0],
                actor_name=who[1],
                at=when,
                notes=notes,
            )
        )

    add(A.SUBMIT, "", t, (a.submitted_by, getattr(a.submitted_by, "full_name", "") or service_name))
    reach = ORDER.index(p.state) if p.state in ORDER else 3
    if p.state == S.SENT_BACK:
        add(A.ACCEPT, S.SUBMITTED, t + HOUR, by_service)
        add(A.ASSIGN, S.ACCEPTED, t + 2 * HOUR, by_service, "请牵头办理")
        add(A.SEND_BACK, S.ASSIGNED, t + DAY, by_handler, "该事项不属于本部门职责,请重新转办。")
        return out
    if reach >= 1:
        add(A.ACCEPT, S.SUBMITTED, t + HOUR, by_service)
    if reach >= 2:
        co = f";协办:{p.co.name}" if p.co else ""
        add(A.ASSIGN, S.ACCEPTED, t + 2 * HOUR, by_service, f"牵头:{p.lead.name}{co}" if p.lead else "")
    if reach >= 3:
        telecom = a.title == "企业周边电信信号弱"
        add(
            A.START,
            S.ASSIGNED,
            t + 4 * HOUR,
            by_handler,
            "工作人员前往企业了解情况。" if telecom else "已开始办理。",
        )
        if telecom:
            notes = "调查清楚具体情况后已与移动公司联系,移动公司安排技术人员现场测试。"
            add(A.NOTE, S.IN_PROGRESS, t + DAY, by_handler, notes)
    if p.reopened:
        rated = at(TODAY - dt.timedelta(days=4), 10)
        add(A.CONCLUDE, S.IN_PROGRESS, at(TODAY - dt.timedelta(days=6), 16), by_handler, "已协调处理。")
        add(A.RATE, S.CONCLUDED, rated, by_enterprise, "问题仍未解决")
        add(A.REOPEN, S.RATED, rated, by_enterprise, "评价不满意(2 分):问题仍未解决")
    if p.escalated is not None:
        add(A.ESCALATE, p.state, p.escalated, (None, "系统"), "超过办理期限,已提请园区领导督办。")
    if p.closed is not None:
        if reach >= 4:
            add(A.CONCLUDE, S.IN_PROGRESS, p.closed, by_handler, p.reply)
        if reach >= 5:
            add(A.RATE, S.CONCLUDED, p.closed + 2 * DAY, by_service, f"电话回访,满意度 {p.score} 分")
        if reach >= 6:
            add(A.ARCHIVE, S.RATED, p.closed + 3 * DAY, by_service)
    return out
