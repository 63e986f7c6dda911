"""Demo step: the parks' events. In the bio park, 2023 holds exactly two job fairs (S2) with
participating enterprises, posts and hires, plus briefings, trainings and a matchmaking meeting;
2022 and 2026 have their own, and a few 2026 events are still ahead (registration open).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from scipark.demo import seed
from scipark.demo.builder import DemoContext

from .models import Event, Participation, Post

TZ = ZoneInfo("Asia/Shanghai")

#: kind, title, start (date, hour), place, organiser kind, description, participants, held
BIO_EVENTS: tuple[tuple[str, str, dt.date, int, str, str, str, int], ...] = (
    (
        "job_fair",
        "2022年生物园区秋季用工招聘会",
        dt.date(2022, 9, 17),
        9,
        "生物园区创业大厦一楼大厅",
        "service",
        "",
        12,
    ),
    (
        "policy_briefing",
        "2022年惠企政策宣讲会",
        dt.date(2022, 6, 8),
        14,
        "管委会三楼会议室",
        "economy",
        "",
        30,
    ),
    (
        "job_fair",
        "2023年生物园区春季企业用工招聘会",
        dt.date(2023, 3, 18),
        9,
        "生物园区创业大厦一楼大厅",
        "service",
        "产业链党建联盟牵头,面向园区医药企业用工需求。",
        18,
    ),
    (
        "job_fair",
        "2023年“金秋招聘月”生物园区专场招聘会",
        dt.date(2023, 9, 23),
        9,
        "青海大学体育馆",
        "service",
        "联合驻宁高校举办,重点面向应届毕业生。",
        15,
    ),
    (
        "policy_briefing",
        "2023年科技创新政策宣讲会",
        dt.date(2023, 4, 12),
        14,
        "管委会三楼会议室",
        "innovation",
        "高新技术企业认定、科技型中小企业评价政策解读。",
        26,
    ),
    (
        "policy_briefing",
        "2023年稳增长惠企政策宣讲",
        dt.date(2023, 7, 6),
        14,
        "管委会三楼会议室",
        "economy",
        "",
        34,
    ),
    (
        "training",
        "2023年企业统计业务培训",
        dt.date(2023, 2, 23),
        9,
        "管委会五楼培训室",
        "economy",
        "规上企业统计员培训。",
        38,
    ),
    (
        "training",
        "2023年安全生产与危险废物管理培训",
        dt.date(2023, 6, 15),
        9,
        "管委会五楼培训室",
        "environment",
        "",
        28,
    ),
    (
        "matchmaking",
        "2023年医药产业链供需对接会",
        dt.date(2023, 11, 9),
        14,
        "生物园区创业大厦二楼",
        "service",
        "产业链党建联盟“三张清单”供需对接。",
        22,
    ),
    (
        "job_fair",
        "2026年生物园区春季企业用工招聘会",
        dt.date(2026, 3, 21),
        9,
        "生物园区创业大厦一楼大厅",
        "service",
        "",
        16,
    ),
    (
        "matchmaking",
        "2026年医药产业链供需对接会",
        dt.date(2026, 12, 5),
        14,
        "生物园区创业大厦二楼",
        "service",
        "产业链党建联盟年度对接会,欢迎联盟成员企业报名。",
        3,
    ),
    (
        "job_fair",
        "2026年生物园区冬季用工招聘会",
        dt.date(2026, 12, 12),
        9,
        "生物园区创业大厦一楼大厅",
        "service",
        "面向园区企业冬季扩产用工,欢迎企业报名并发布岗位。",
        4,
    ),
    (
        "training",
        "2026年数据安全与个人信息保护培训",
        dt.date(2026, 12, 18),
        9,
        "管委会五楼培训室",
        "office",
        "",
        0,
    ),
)
OTHER_EVENTS: dict[str, tuple[tuple[str, str, dt.date, int, str, str, str, int], ...]] = {
    "nanchuan": (
        (
            "job_fair",
            "2023年南川园区春风行动招聘会",
            dt.date(2023, 3, 4),
            9,
            "南川园区服务中心",
            "service",
            "",
            8,
        ),
    ),
    "ganhe": (
        (
            "training",
            "2023年冶金企业安全生产培训",
            dt.date(2023, 5, 10),
            9,
            "甘河园区服务中心",
            "environment",
            "",
            10,
        ),
    ),
}
#: Posts offered at job fairs: title, requirements, monthly salary band (元)
POSTS: tuple[tuple[str, str, int, int], ...] = (
    ("生产操作工", "高中及以上学历,能适应倒班", 4000, 5500),
    ("质量检验员", "药学、化学相关专业大专及以上", 4500, 6500),
    ("QA 专员", "药学相关专业本科,熟悉 GMP", 6000, 8500),
    ("设备维修工", "机电相关专业,持电工证优先", 5000, 7000),
    ("研发助理", "生物、药学相关专业本科及以上", 6000, 9000),
    ("销售代表", "市场营销相关专业,能适应出差", 5000, 10000),
    ("仓储管理员", "熟悉仓储管理,会使用 ERP", 4000, 5000),
    ("化验员", "化学分析相关专业", 4200, 6000),
)
TODAY = dt.date(2026, 11, 26)


class EventsStep:
    """Events with participating enterprises, posts, résumés and hires."""

    name: ClassVar[str] = "events"
    order: ClassVar[int] = 61

    def build(self, ctx: DemoContext) -> None:
        plans = [(seed.REFERENCE_PARK, BIO_EVENTS), *OTHER_EVENTS.items()]
        for code, events in plans:
            if code in ctx.parks:
                self._park(ctx, code, events)

    def wipe(self, ctx: DemoContext) -> None:
        Event.objects.filter(park__code__in=[p.code for p in seed.PARKS]).delete()

    def _park(self, ctx: DemoContext, code: str, specs: tuple[tuple[Any, ...], ...]) -> None:
        rng = ctx.rng
        park = ctx.parks[code]
        candidates = [e for e in ctx.enterprises.get(code, []) if e.status == "operating"]
        named = list(ctx.named.values()) if code == seed.REFERENCE_PARK else []
        events = []
        for kind, title, day, hour, place, organiser, description, _n in specs:
            starts = dt.datetime.combine(day, dt.time(hour, 0), tzinfo=TZ)
            held = day < TODAY
            events.append(
                Event(
                    park=park, kind=kind, title=title, starts_at=starts, ends_at=starts + dt.timedelta(hours=3),
                    place=place, organiser=ctx.departments[(code, organiser)], description=description,
                    registration_open=not held, status="held" if held else "scheduled",
                    attendees=(rng.randint(6, 12) * 50 if kind == "job_fair" else rng.randint(25, 80)) if held else None,
                )
            )  # fmt: skip
        Event.objects.bulk_create(events)
        participations: list[Participation] = []
        posts: list[tuple[int, Post]] = []
        for event, spec in zip(events, specs, strict=True):
            wanted = spec[7]
            pool = sorted(
                {
                    e.pk: e for e in named[:6] + rng.sample(candidates, min(len(candidates), wanted * 2))
                }.values(),
                key=lambda e: e.pk,
            )
            chosen = rng.sample(pool, min(wanted, len(pool)))
            held = event.status == "held"
            for enterprise in chosen:
                part = Participation(event=event, enterprise=enterprise)
                offered = 0
                if event.kind == "job_fair":
                    for title, requirements, low, high in rng.sample(POSTS, rng.randint(1, 3)):
                        headcount = rng.randint(1, 6)
                        offered += headcount
                        posts.append((len(participations), Post(
                            title=title, headcount=headcount, salary_min=Decimal(low), salary_max=Decimal(high),
                            requirements=requirements,
                        )))  # fmt: skip
                    if held:
                        part.resumes = rng.randint(offered * 2, offered * 6)
                        part.hires = rng.randint(0, offered)
                participations.append(part)
        Participation.objects.bulk_create(participations)
        for index, post in posts:
            post.participation = participations[index]
        Post.objects.bulk_create([p for _i, p in posts])
