"""Demo step: the bio park's appeal categories, 2023's appeals (54 resolved, among them the seed's
telecom-signal appeal from the alliance's work group), a living 2026 inbox (today is 2026-11-26 in the
demo: open, returned, reopened and overdue appeals), visits and the demo users' notifications.

Rows are written with ``bulk_create`` from ``ctx.rng``; ``wipe`` removes them again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar

from django.apps import apps
from django.db.models import Q

from scipark.core.roles import DepartmentKind as K
from scipark.demo import seed
from scipark.demo.builder import DemoContext

from .calendar import WorkCalendar, work_calendar
from .models import (
    Appeal,
    AppealCategory,
    AppealChannel,
    AppealDepartment,
    AppealRating,
    AppealState,
    AppealStep,
    Visit,
)

TZ = dt.timezone(dt.timedelta(hours=8))
TODAY = dt.date(2026, 11, 26)
S = AppealState
A = AppealStep.Action

#: (code, name, group, department kind, working days, keywords, sample problems)
CATEGORIES: tuple[tuple[str, str, str, str, int, str, tuple[str, ...]], ...] = (
    (
        "utilities",
        "水电气暖",
        "基础设施",
        K.SERVICE,
        5,
        "停电 供水 供暖 燃气",
        (
            "厂区计划外停电频繁,影响生产线连续运行,请协调供电公司。",
            "冬季供暖温度不达标,车间温度偏低。",
            "园区路段供水管网压力不足,高峰期用水困难。",
        ),
    ),
    (
        "telecom",
        "通信网络",
        "基础设施",
        K.SERVICE,
        5,
        "信号 宽带 网络 基站",
        (
            "企业周边手机信号差,影响业务联系。",
            "园区宽带带宽不足,申请光纤扩容。",
        ),
    ),
    (
        "land",
        "土地与厂房",
        "要素保障",
        K.INVESTMENT,
        15,
        "用地 厂房 租赁 规划",
        (
            "扩产需要新增标准化厂房约2000平方米,咨询租赁条件。",
            "项目用地红线与规划道路存在冲突,请协调。",
        ),
    ),
    (
        "permits",
        "审批与证照",
        "政务服务",
        K.OFFICE,
        10,
        "审批 许可 证照 备案",
        (
            "药品生产许可证变更办理进度咨询。",
            "新建仓库消防验收办理流程咨询。",
        ),
    ),
    (
        "finance",
        "融资与金融",
        "要素保障",
        K.ECONOMY,
        10,
        "贷款 融资 担保 上市",
        (
            "申请流动资金贷款贴息,需了解办理条件。",
            "希望对接园区担保机构解决设备采购资金缺口。",
        ),
    ),
    (
        "hiring",
        "用工招聘",
        "人才服务",
        K.SERVICE,
        10,
        "招聘 用工 人才 培训",
        (
            "急需招聘质量检验岗位人员10名。",
            "希望参加园区组织的招聘会并发布岗位。",
        ),
    ),
    (
        "policy",
        "政策咨询与兑现",
        "政策服务",
        K.ECONOMY,
        10,
        "政策 补贴 奖励 申报",
        (
            "规上企业奖励资金兑现进度咨询。",
            "咨询高新技术企业认定补助申报材料。",
        ),
    ),
    (
        "environment",
        "环保与安全",
        "生态环保",
        K.ENVIRONMENT,
        10,
        "环评 排污 安全 危废",
        (
            "环评批复变更手续咨询。",
            "危废暂存间建设标准咨询,请上门指导。",
        ),
    ),
    (
        "innovation",
        "科技项目",
        "科技创新",
        K.INNOVATION,
        10,
        "科技 研发 专利 项目",
        (
            "省级科技项目申报指导需求。",
            "企业研发中心认定材料辅导。",
        ),
    ),
)

TELECOM_TEXT = "企业周边电信信号弱,望相关单位能落实一下……"
RESOLVED_2023 = 54
UNRESOLVED_2023 = 3
DEMO_USERS = (
    "bio-service",
    "bio-leader",
    "bio-economy",
    "bio-investment",
    "bio-environment",
    "mingnuo",
    "jinhe",
)


@dataclass
class Plan:
    """One demo appeal and the steps that brought it to its state."""

    category: AppealCategory
    enterprise: Any
    channel: str
    title: str
    description: str
    received: dt.datetime
    state: str
    lead: Any = None
    co: Any = None
    closed: dt.datetime | None = None
    resolved: bool = False
    reply: str = ""
    score: int | None = None
    returned: bool = False
    reopened: bool = False
    escalated: dt.datetime | None = None


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


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
        plans: list[Plan] = [self._telecom_plan(ctx, by_code["telecom"], departments)]
        plans += self._plans_2023(rng, categories, samples, enterprises, departments, calendar)
        plans += self._plans_2026(rng, categories, samples, enterprises, departments, calendar)
        appeals = self._write(plans, park, users, calendar)
        self._visits(ctx, park, appeals, plans, users, departments)
        self._notifications(appeals, plans, users)

    # --- plans -------------------------------------------------------------------------------------

    def _telecom_plan(self, ctx: DemoContext, category: AppealCategory, departments: dict[str, Any]) -> Plan:
        received = _at(dt.date(2023, 6, 12), 9, 40)
        return Plan(
            category=category,
            enterprise=ctx.named["明诺胶囊"],
            channel=AppealChannel.WORK_GROUP,
            title="企业周边电信信号弱",
            description=TELECOM_TEXT + "(医药产业链党建联盟工作群)",
            received=received,
            state=S.ARCHIVED,
            lead=departments[K.SERVICE],
            closed=_at(dt.date(2023, 6, 15), 17, 30),
            resolved=True,
            reply="园区工作人员当天前往企业了解情况,查明信号弱的区域后联系移动公司,移动公司已调整基站覆盖,企业周边信号恢复正常。",
            score=5,
        )

    def _plans_2023(
        self,
        rng: Any,
        categories: list[AppealCategory],
        samples: dict[str, tuple[str, ...]],
        enterprises: list[Any],
        departments: dict[str, Any],
        calendar: WorkCalendar,
    ) -> list[Plan]:
        plans = []
        channels = (
            [AppealChannel.WORK_GROUP] * 4
            + [AppealChannel.PORTAL] * 3
            + [
                AppealChannel.PHONE,
                AppealChannel.VISIT,
                AppealChannel.LETTER,
            ]
        )
        for i in range(RESOLVED_2023 - 1 + UNRESOLVED_2023):
            category = rng.choice(categories)
            day = dt.date(2023, 1, 9) + dt.timedelta(days=int(i * 320 / 56) + rng.randint(0, 3))
            while not calendar.is_working_day(day):
                day += dt.timedelta(days=1)
            received = _at(day, rng.randint(8, 16), rng.choice((0, 15, 30, 45)))
            handling = rng.choice((1, 2, 3, 4, 5, 6, 8, 12, 16))
            closed_day = calendar.add(day, min(handling, category.time_limit_days + (3 if i % 9 == 4 else 0)))
            resolved = i < RESOLVED_2023 - 1
            text = rng.choice(samples[category.code])
            plans.append(
                Plan(
                    category=category,
                    enterprise=rng.choice(enterprises),
                    channel=rng.choice(channels),
                    title=text.split(",")[0].rstrip("。")[:40],
                    description=text,
                    received=received,
                    state=S.ARCHIVED,
                    lead=category.default_department,
                    co=departments[K.ECONOMY] if category.code == "land" and i % 2 else None,
                    closed=_at(closed_day, 16, 30),
                    resolved=resolved,
                    reply="已协调相关单位办理完毕。"
                    if resolved
                    else "经核实,该事项不属于园区职权范围,已告知企业向主管部门反映。",
                    score=rng.choice((5, 5, 5, 4, 4, 3)) if resolved else 3,
                )
            )
        return plans

    def _plans_2026(
        self,
        rng: Any,
        categories: list[AppealCategory],
        samples: dict[str, tuple[str, ...]],
        enterprises: list[Any],
        departments: dict[str, Any],
        calendar: WorkCalendar,
    ) -> list[Plan]:
        """The living inbox: states spread over the last two months before TODAY."""
        layout = (
            [S.ARCHIVED] * 8
            + [S.RATED] * 2
            + [S.CONCLUDED] * 3
            + [S.IN_PROGRESS] * 6
            + [S.ASSIGNED] * 3
            + [S.ACCEPTED] * 2
            + [S.RETURNED] * 2
            + [S.SUBMITTED] * 4
        )
        plans = []
        for i, state in enumerate(layout):
            category = categories[i % len(categories)]
            age = 60 - i * 2 if state in {S.ARCHIVED, S.RATED, S.CONCLUDED} else 40 - i
            day = TODAY - dt.timedelta(days=max(age, 0))
            if state == S.SUBMITTED:
                day = TODAY - dt.timedelta(days=i % 3)
            while not calendar.is_working_day(day):
                day -= dt.timedelta(days=1)
            received = _at(day, 9 + i % 8, (i * 7) % 60)
            text = samples[category.code][i % len(samples[category.code])]
            closed_states = {S.ARCHIVED, S.RATED, S.CONCLUDED}
            closed = _at(calendar.add(day, 3 + i % 4), 17) if state in closed_states else None
            plans.append(
                Plan(
                    category=category,
                    enterprise=enterprises[i % len(enterprises)],
                    channel=(AppealChannel.PORTAL, AppealChannel.WORK_GROUP, AppealChannel.PHONE)[i % 3],
                    title=text.split(",")[0].rstrip("。")[:40],
                    description=text,
                    received=received,
                    state=state,
                    lead=category.default_department if state not in {S.SUBMITTED, S.ACCEPTED} else None,
                    co=departments[K.ECONOMY] if state == S.IN_PROGRESS and i % 2 else None,
                    closed=closed,
                    resolved=closed is not None and i % 5 != 0,
                    reply="已办理完毕,详见答复。" if closed else "",
                    score=(5 if i % 2 else 4) if state in {S.ARCHIVED, S.RATED} else None,
                    returned=state == S.RETURNED,
                    reopened=state == S.IN_PROGRESS and i == 14,
                )
            )
        return plans

    # --- writing -----------------------------------------------------------------------------------

    def _write(
        self, plans: list[Plan], park: Any, users: dict[str, Any], calendar: WorkCalendar
    ) -> list[Appeal]:
        service = users.get("bio-service")
        now = _at(TODAY, 8, 0)
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
            steps += self._steps(a, p, service, ent_user, users)
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
                        rated_at=_at(TODAY - dt.timedelta(days=4), 10),
                    )
                )
        AppealStep.objects.bulk_create(steps)
        AppealRating.objects.bulk_create(ratings)
        return appeals

    def _steps(
        self, a: Appeal, p: Plan, service: Any, ent_user: Any, users: dict[str, Any]
    ) -> list[AppealStep]:
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

        def add(
            action: str, frm: str, to: str, at: dt.datetime, who: Any, name: str, notes: str = ""
        ) -> None:
            out.append(
                AppealStep(
                    appeal=a,
                    action=action,
                    from_state=frm,
                    to_state=to,
                    actor=who,
                    actor_name=name,
                    at=at,
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
        if p.state == S.RETURNED:
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
                A.RETURN,
                S.ASSIGNED,
                S.RETURNED,
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
            closed = _at(TODAY - dt.timedelta(days=6), 16)
            add(A.RESOLVE, S.IN_PROGRESS, S.CONCLUDED, closed, handler, handler_name, "已协调处理。")
            add(
                A.RATE,
                S.CONCLUDED,
                S.RATED,
                _at(TODAY - dt.timedelta(days=4), 10),
                ent_user,
                "企业用户",
                "问题仍未解决",
            )
            add(
                A.REOPEN,
                S.RATED,
                S.IN_PROGRESS,
                _at(TODAY - dt.timedelta(days=4), 10),
                ent_user,
                "企业用户",
                "评价不满意(2 分):问题仍未解决",
            )
        if p.escalated is not None:
            add(A.ESCALATE, p.state, p.state, p.escalated, None, "系统", "超过办理期限,已提请园区领导督办。")
        if reach >= 4 and p.closed is not None:
            add(A.RESOLVE, S.IN_PROGRESS, S.CONCLUDED, p.closed, handler, handler_name, p.reply)
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
        notification = apps.get_model("notifications", "Notification")
        rows = []
        for a, p in zip(appeals, plans, strict=True):
            url = f"/appeals/{a.pk}/"
            if p.state == S.SUBMITTED and "bio-service" in users:
                rows.append(
                    notification(
                        recipient=users["bio-service"],
                        kind="appeal_submitted",
                        title=f"新诉求待受理:{a.title}",
                        url=url,
                        created_at=a.received_at,
                    )
                )
            if p.escalated is not None:
                for name in ("bio-leader", "bio-service"):
                    if name in users:
                        rows.append(
                            notification(
                                recipient=users[name],
                                kind="appeal_overdue",
                                title=f"诉求超期督办:{a.title}",
                                url=url,
                                created_at=p.escalated,
                            )
                        )
            if (
                p.state == S.ASSIGNED
                and p.lead is not None
                and p.lead.kind == K.ECONOMY
                and "bio-economy" in users
            ):
                rows.append(
                    notification(
                        recipient=users["bio-economy"],
                        kind="appeal_assigned",
                        title=f"诉求转办至您的部门:{a.title}",
                        url=url,
                        created_at=a.received_at + dt.timedelta(hours=2),
                    )
                )
            if (
                p.state == S.CONCLUDED
                and p.enterprise.name.startswith("青海明诺")
                and "mingnuo" in users
                and p.closed
            ):
                rows.append(
                    notification(
                        recipient=users["mingnuo"],
                        kind="appeal_reply",
                        title=f"您的诉求已办结:{a.title}",
                        url=url,
                        created_at=p.closed,
                    )
                )
        notification.objects.bulk_create(rows)

    def wipe(self, ctx: DemoContext) -> None:
        codes = [p.code for p in seed.PARKS]
        Visit.objects.filter(park__code__in=codes).delete()
        Appeal.objects.filter(park__code__in=codes).delete()
        AppealCategory.objects.filter(park__code__in=codes).delete()
        apps.get_model("notifications", "Notification").objects.filter(
            Q(recipient__username__in=DEMO_USERS) & Q(kind__startswith="appeal_")
        ).delete()
