"""The plans of the demo appeals: the seed's telecom-signal appeal, 2023's (54 resolved) and the living
2026 inbox (open, sent back, reopened and overdue appeals before TODAY)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from scipark.core.roles import DepartmentKind as K
from scipark.demo.builder import DemoContext

from ..models import AppealCategory, AppealChannel, AppealState
from .data import RESOLVED_2023, TELECOM_TEXT, TODAY, UNRESOLVED_2023, Plan, Pool, at

S = AppealState


def telecom_plan(ctx: DemoContext, category: AppealCategory, departments: dict[str, Any]) -> Plan:
    """The seed's appeal from the alliance's work group (2023-06-12), solved in three days."""
    received = at(dt.date(2023, 6, 12), 9, 40)
    return Plan(
        category=category,
        enterprise=ctx.named["明诺胶囊"],
        channel=AppealChannel.WORK_GROUP,
        title="企业周边电信信号弱",
        description=TELECOM_TEXT + "(医药产业链党建联盟工作群)",
        received=received,
        state=S.ARCHIVED,
        lead=departments[K.SERVICE],
        closed=at(dt.date(2023, 6, 15), 17, 30),
        resolved=True,
        reply="园区工作人员当天前往企业了解情况,查明信号弱的区域后联系移动公司,移动公司已调整基站覆盖,企业周边信号恢复正常。",
        score=5,
    )


def plans_2023(rng: Any, pool: Pool) -> list[Plan]:
    """56 appeals spread over 2023, all archived: 53 resolved besides the telecom one, 3 not."""
    categories, samples, enterprises, calendar = (
        pool.categories,
        pool.samples,
        pool.enterprises,
        pool.calendar,
    )
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
        received = at(day, rng.randint(8, 16), rng.choice((0, 15, 30, 45)))
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
                co=pool.departments[K.ECONOMY] if category.code == "land" and i % 2 else None,
                closed=at(closed_day, 16, 30),
                resolved=resolved,
                reply="已协调相关单位办理完毕。"
                if resolved
                else "经核实,该事项不属于园区职权范围,已告知企业向主管部门反映。",
                score=rng.choice((5, 5, 5, 4, 4, 3)) if resolved else 3,
            )
        )
    return plans


def plans_2026(pool: Pool) -> list[Plan]:
    """The living inbox: states spread over the last two months before TODAY."""
    categories, samples, enterprises, calendar = (
        pool.categories,
        pool.samples,
        pool.enterprises,
        pool.calendar,
    )
    layout = (
        [S.ARCHIVED] * 8
        + [S.RATED] * 2
        + [S.CONCLUDED] * 3
        + [S.IN_PROGRESS] * 6
        + [S.ASSIGNED] * 3
        + [S.ACCEPTED] * 2
        + [S.SENT_BACK] * 2
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
        received = at(day, 9 + i % 8, (i * 7) % 60)
        text = samples[category.code][i % len(samples[category.code])]
        closed_states = {S.ARCHIVED, S.RATED, S.CONCLUDED}
        closed = at(calendar.add(day, 3 + i % 4), 17) if state in closed_states else None
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
                co=pool.departments[K.ECONOMY] if state == S.IN_PROGRESS and i % 2 else None,
                closed=closed,
                resolved=closed is not None and i % 5 != 0,
                reply="已办理完毕,详见答复。" if closed else "",
                score=(5 if i % 2 else 4) if state in {S.ARCHIVED, S.RATED} else None,
                sent_back=state == S.SENT_BACK,
                reopened=state == S.IN_PROGRESS and i == 14,
            )
        )
    return plans
