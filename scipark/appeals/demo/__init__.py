"""Demo step: the bio park's appeal categories, 2023's appeals (54 resolved, among them the seed's
telecom-signal appeal from the alliance's work group), a living 2026 inbox (today is 2026-11-26 in the
demo: open, sent back, reopened and overdue appeals), visits and the demo users' notifications.

The data are in ``data``, the plans of the appeals in ``plans``, their timelines in ``timeline``. Rows are
written with ``bulk_create`` from ``ctx.rng``; ``wipe`` removes them again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.apps import apps
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_noop

from scipark.core.messages import Message
from scipark.core.roles import DepartmentKind as K
from scipark.demo import seed
from scipark.demo.builder import DemoContext

from ..calendar import WorkCalendar, work_calendar
from ..models import (
    Appeal,
    AppealCategory,
    AppealChannel,
    AppealDepartment,
    AppealRating,
    AppealState,
    AppealStep,
    Visit,
)
from .data import CATEGORIES, DEMO_USERS, TODAY, TZ, Plan, Pool, at
from .plans import plans_2023, plans_2026, telecom_plan
from .timeline import timeline

S = AppealState

__all__ = ["AppealsStep"]


class AppealsStep:
    name: ClassVar[str] = "appeals"
    order: ClassVar[int] = 100  # after the accounts (90): steps and notifications name demo users

    def build(self, ctx: DemoContext) -> None:
        park = ctx.park(seed.REFERENCE_PARK)
        rng = ctx.rng
        user_model = apps.get_model("accounts", "User")
        users = {u.username: u for u in user_model.objects.filter(username__in=DEMO_USERS)}
        departments: dict[str, Any] = {str(kind): ctx.departments[(park.code, kind)] for kind in K}
        categories = AppealCategory.objects.bulk_create(
            [
                AppealCategory(
                    park=park,
                    code=code,
                    name=name,
                    group=group,
                    default_department=departments[kind],
                    time_limit_days=days,
                    keywords=keywords,
                    description=f"{name}方面的诉求,默认由{departments[kind].name}承办。",
                    order=i * 10,
                )
                for i, (code, name, group, kind, days, keywords, _samples) in enumerate(CATEGORIES)
            ]
        )
        by_code = {c.code: c for c in categories}
        samples = {c.code: row[6] for c, row in zip(categories, CATEGORIES, strict=True)}
        enterprises = [ctx.named[k] for k in ("明诺胶囊", "金河藏药")] + [
            e for e in ctx.enterprises.get(park.code, []) if e.pk not in {ctx.named["明诺胶囊"].pk}
        ][:60]
        calendar = work_calendar()
        plans: list[Plan] = [telecom_plan(ctx, by_code["telecom"], departments)]
        pool = Pool(categories, samples, enterprises, departments, calendar)
        plans += plans_2023(rng, pool)
        plans += plans_2026(pool)
        appeals = self._write(plans, park, users, calendar)
        self._visits(ctx, park, appeals, plans, users, departments)
        self._notifications(appeals, plans, users)

    # --- writing -----------------------------------------------------------------------------------

    def _write(
        self, plans: list[Plan], park: Any, users: dict[str, Any], calendar: WorkCalendar
    ) -> list[Appeal]:
        service = users.get("bio-service")
        now = at(TODAY, 8, 0)
        appeals = []
        for n, p in enumerate(plans):
            due_day = calendar.add(p.received.date(), p.category.time_limit_days)
            due_at = dt.datetime.combine(due_day, dt.time(23, 59, 59), tzinfo=TZ)
            if p.reopened:
                due_at = dt.datetime.combine(
                    calendar.add(TODAY - dt.timedelta(days=4), 10), dt.time(23, 59, 59), TZ
                )
            overdue = p.closed is None and due_at < now
            p.escalated = (
                dt.datetime.combine(due_day + dt.timedelta(days=1), dt.time(8, 0), TZ) if overdue else None
            )
            submitter = (
                users.get("mingnuo")
                if p.channel == AppealChannel.PORTAL and p.enterprise.name.startswith("青海明诺")
                else None
            )
            submitter = submitter or (service if p.channel != AppealChannel.PORTAL else None)
            appeals.append(
                Appeal(
                    park=park,
                    number=f"DEMO{n:08d}",
                    enterprise=p.enterprise,
                    category=p.category,
                    title=p.title,
                    description=p.description,
                    channel=p.channel,
                    state=p.state,
                    lead_department=p.lead,
                    requester_name=("杨秀英", "多杰", "王经理", "李主任", "陈女士")[n % 5],
                    requester_phone=f"1390971{n:04d}",
                    submitted_by=submitter,
                    received_at=p.received,
                    due_at=due_at,
                    closed_at=p.closed,
                    resolved=p.resolved,
                    reply=p.reply,
                    overdue=overdue,
                    escalated_at=p.escalated,
                    reopen_count=1 if p.reopened else 0,
                    version=1,
                )
            )
        Appeal.objects.bulk_create(appeals)
        for a in appeals:
            a.number = f"SQ{a.received_at.astimezone(TZ):%Y}{a.pk:06d}"
        Appeal.objects.bulk_update(appeals, ["number"])
        AppealDepartment.objects.bulk_create(
            [AppealDepartment(appeal=a, department=p.co) for a, p in zip(appeals, plans, strict=True) if p.co]
        )
        steps: list[AppealStep] = []
        ratings: list[AppealRating] = []
        ent_user = users.get("mingnuo")
        for a, p in zip(appeals, plans, strict=True):
            steps += timeline(a, p, service, ent_user, users)
            if p.score is not None and p.closed is not None:
                ratings.append(
                    AppealRating(
                        appeal=a,
                        score=p.score,
                        comment="感谢园区及时解决" if p.score >= 4 else "",
                        rated_by=None,
                        rated_at=p.closed + dt.timedelta(days=2),
                    )
                )
            if p.reopened:
                ratings.append(
                    AppealRating(
                        appeal=a,
                        score=2,
                        comment="问题仍未解决",
                        rated_at=at(TODAY - dt.timedelta(days=4), 10),
                    )
                )
        AppealStep.objects.bulk_create(steps)
        AppealRating.objects.bulk_create(ratings)
        return appeals

    def _visits(
        self,
        ctx: DemoContext,
        park: Any,
        appeals: list[Appeal],
        plans: list[Plan],
        users: dict[str, Any],
        departments: dict[str, Any],
    ) -> None:
        service = users.get("bio-service")
        visit_appeals = [
            (a, p) for a, p in zip(appeals, plans, strict=True) if p.channel == AppealChannel.VISIT
        ]
        visits = []
        links = []
        telecom = appeals[0]
        visits.append(
            Visit(
                park=park,
                enterprise=telecom.enterprise,
                visited_on=dt.date(2023, 6, 12),
                department=departments[K.SERVICE],
                participants="企业行政负责人、园区企业服务部工作人员",
                notes="收到工作群反映的信号问题后前往企业,实地查看信号弱的区域,随后与移动公司联系。",
                recorded_by=service,
            )
        )
        links.append([telecom])
        for a, _p in visit_appeals:
            visits.append(
                Visit(
                    park=park,
                    enterprise=a.enterprise,
                    visited_on=a.received_at.astimezone(TZ).date(),
                    department=departments[K.SERVICE],
                    participants="企业负责人",
                    notes=f"走访了解生产经营情况,企业反映:{a.description}",
                    recorded_by=service,
                )
            )
            links.append([a])
        for i in range(6):
            enterprise = ctx.rng.choice(ctx.enterprises.get(park.code, []) or [telecom.enterprise])
            visits.append(
                Visit(
                    park=park,
                    enterprise=enterprise,
                    visited_on=TODAY - dt.timedelta(days=5 + i * 9),
                    department=departments[K.SERVICE],
                    participants="企业负责人",
                    notes="走访了解生产经营、用工和政策需求,企业暂无诉求。",
                    recorded_by=service,
                )
            )
            links.append([])
        Visit.objects.bulk_create(visits)
        through_appeals = Visit.appeals.through
        through_staff = Visit.staff.through
        through_appeals.objects.bulk_create(
            [
                through_appeals(visit_id=v.pk, appeal_id=a.pk)
                for v, group in zip(visits, links, strict=True)
                for a in group
            ]
        )
        if service is not None:
            through_staff.objects.bulk_create(
                [through_staff(visit_id=v.pk, user_id=service.pk) for v in visits]
            )

    def _notifications(self, appeals: list[Appeal], plans: list[Plan], users: dict[str, Any]) -> None:
        """The demo users' messages, titled with the senders' own catalogue strings (``services``), so that
        they read in their reader's language as sent ones do (ADR 0003 rule 7)."""
        notification = apps.get_model("notifications", "Notification")
        rows = []

        def tell(username: str, kind: str, msg: str, a: Appeal, when: dt.datetime) -> None:
            if username in users:
                title = Message(msg, {"title": a.title})
                rows.append(
                    notification(
                        recipient=users[username],
                        kind=kind,
                        title=title.text(settings.LANGUAGE_CODE)[:200],
                        title_msg=title.msg,
                        params=dict(title.params),
                        url=f"/appeals/{a.pk}/",
                        created_at=when,
                    )
                )

        for a, p in zip(appeals, plans, strict=True):
            if p.state == S.SUBMITTED:
                tell(
                    "bio-service",
                    "appeal_submitted",
                    gettext_noop("新诉求待受理:%(title)s"),
                    a,
                    a.received_at,
                )
            if p.escalated is not None:
                for name in ("bio-leader", "bio-service"):
                    tell(name, "appeal_overdue", gettext_noop("诉求超期督办:%(title)s"), a, p.escalated)
            if p.state == S.ASSIGNED and p.lead is not None and p.lead.kind == K.ECONOMY:
                when = a.received_at + dt.timedelta(hours=2)
                tell("bio-economy", "appeal_assigned", gettext_noop("诉求转办至您的部门:%(title)s"), a, when)
            if p.state == S.CONCLUDED and p.enterprise.name.startswith("青海明诺") and p.closed:
                tell("mingnuo", "appeal_reply", gettext_noop("您的诉求已办结:%(title)s"), a, p.closed)
        notification.objects.bulk_create(rows)

    def wipe(self, ctx: DemoContext) -> None:
        codes = [p.code for p in seed.PARKS]
        Visit.objects.filter(park__code__in=codes).delete()
        Appeal.objects.filter(park__code__in=codes).delete()
        AppealCategory.objects.filter(park__code__in=codes).delete()
        apps.get_model("notifications", "Notification").objects.filter(
            Q(recipient__username__in=DEMO_USERS) & Q(kind__startswith="appeal_")
        ).delete()
