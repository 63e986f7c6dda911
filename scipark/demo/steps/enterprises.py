"""Step 2: the enterprise registry of each park, with statuses (规上/限上, 在孵), contacts and tags.

The bio park holds every enterprise the article names plus generated ones; the populations follow
``seed.ParkSeed`` (537 firms in incubation at 2023-12-31, the above-scale and above-quota firms,
2 industrial and 7 trade firms entering in 2023 …), so that the figures come out of the records.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, ClassVar

from django.apps import apps

from scipark.core.identifiers import credit_code_from_number

from .. import names, seed
from ..builder import DemoContext
from ..industries import activity_type_for, industry_rows

#: 小类 codes the generator picks from, per 大类.
DIVISION_CODES: dict[str, tuple[str, ...]] = {
    "13": ("1353",),
    "14": ("1431", "1491", "1492", "1495", "1499"),
    "15": ("1513", "1524"),
    "24": ("2437",),
    "26": ("2662",),
    "27": ("2710", "2720", "2730", "2740", "2740", "2750", "2761", "2762", "2770", "2780"),
    "29": ("2926",),
    "31": ("3140",),
    "32": ("3216",),
    "35": ("3581",),
    "51": ("5119", "5123", "5126", "5127", "5131", "5151", "5152", "5152", "5154", "5165"),
    "52": ("5212", "5251", "5252"),
    "62": ("6210",),
    "65": ("6513", "6513", "6560"),
    "73": ("7310", "7340"),
    "75": ("7512", "7512", "7514", "7540"),
}

#: Weights of 大类 for each kind of generated enterprise, per park.
INCUBATEE_DIVISIONS = {"65": 22, "73": 14, "75": 16, "14": 12, "27": 14, "35": 8, "51": 10, "13": 2, "15": 2}
INDUSTRIAL_DIVISIONS: dict[str, dict[str, int]] = {
    "bio": {"27": 45, "14": 25, "15": 6, "13": 6, "35": 8, "26": 5, "29": 5},
    "nanchuan": {"24": 30, "26": 20, "29": 15, "14": 15, "13": 10, "35": 10},
    "ganhe": {"31": 35, "32": 35, "26": 20, "29": 10},
}
OTHER_DIVISIONS: dict[str, dict[str, int]] = {
    "bio": {"27": 18, "14": 10, "51": 22, "52": 8, "62": 3, "65": 12, "73": 10, "75": 10, "35": 5, "29": 2},
    "nanchuan": {"24": 20, "26": 12, "29": 10, "14": 12, "51": 20, "52": 8, "65": 8, "75": 10},
    "ganhe": {"31": 20, "32": 20, "26": 20, "29": 8, "51": 20, "75": 12},
}
PHARMA_CHAIN_DIVISIONS = frozenset({"27", "35"})
PHARMA_CHAIN_CODES = frozenset({"1492", "5151", "5152", "5154", "5251", "5252", "7340"})
KIND_BY_ACTIVITY = {
    "industry": "above_scale_industry",
    "wholesale": "above_quota_wholesale",
    "retail": "above_quota_retail",
    "catering": "above_quota_catering",
}


@dataclass
class Plan:
    """What one enterprise to be created is: its role in the park's statistics, industry and dates."""

    role: str  # incubating, graduated, above_scale, exited, wholesale, retail, catering, other
    code: str = ""
    name: str = ""
    registered: date = date(2010, 1, 1)
    capital_wan: int = 100
    tags: list[str] = field(default_factory=list)
    statuses: list[tuple[str, date, date | None, str]] = field(default_factory=list)
    seed: seed.NamedEnterprise | None = None
    status: str = "operating"


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


class EnterprisesStep:
    """Named and generated enterprises for every park, bulk-created with their statuses."""

    name: ClassVar[str] = "enterprises"
    order: ClassVar[int] = 20

    def build(self, ctx: DemoContext) -> None:
        taken = {n.name for n in seed.NAMED_ENTERPRISES}
        plans: dict[str, list[Plan]] = {}
        for park_seed in seed.PARKS:
            plans[park_seed.code] = self._plan_park(ctx.rng, park_seed, taken)
            self._create_tags(ctx, park_seed.code)
        codes = {p.code for park_plans in plans.values() for p in park_plans}
        industries = industry_rows(codes)
        for index, park_seed in enumerate(seed.PARKS):
            self._create_park(ctx, park_seed, index, plans[park_seed.code], industries)

    # --- planning: pure, from the rng ------------------------------------------------------------

    def _plan_park(self, rng: random.Random, park: seed.ParkSeed, taken: set[str]) -> list[Plan]:
        named = self._named_plans() if park.code == seed.REFERENCE_PARK else []
        is_bio = park.code == seed.REFERENCE_PARK

        def named_count(role: str) -> int:
            return sum(1 for p in named if p.role == role)

        wanted = [
            ("incubating", park.incubating_at_year_end - named_count("incubating")),
            ("graduated", park.graduated_incubatees),
            ("above_scale", park.above_scale_industry - named_count("above_scale")),
            ("exited", 2 if is_bio else 1),
            ("wholesale", park.above_quota_wholesale - named_count("wholesale")),
            ("retail", park.above_quota_retail - named_count("retail")),
            ("catering", park.above_quota_catering - named_count("catering")),
        ]
        generated: list[Plan] = []
        for role, count in wanted:
            generated.extend(Plan(role=role) for _ in range(max(0, count)))
        rest = park.enterprise_count - len(named) - len(generated)
        generated.extend(Plan(role="other") for _ in range(max(0, rest)))
        # The year's newcomers (E4, E5): in the bio park, the named ones plus this many generated.
        named_new = [
            p
            for p in named
            if any(s[1].year == seed.REFERENCE_YEAR and s[0] != "incubation" for s in p.statuses)
        ]
        named_new_industry = sum(1 for p in named_new if p.role == "above_scale")
        new_industry = seed.NEW_ABOVE_SCALE_INDUSTRY - named_new_industry if is_bio else 0
        new_trade = seed.NEW_ABOVE_QUOTA_TRADE - (len(named_new) - named_new_industry) if is_bio else 0
        new_retail = 1 if new_trade > 0 else 0
        new_wholesale = max(0, new_trade - new_retail)
        for plan in generated:
            self._fill_generated(rng, park, plan)
            if plan.role == "above_scale" and new_industry > 0:
                new_industry -= 1
                plan.statuses = [("above_scale_industry", date(2023, 1, 1), None, "2023年新纳入规模以上工业")]
            elif plan.role == "wholesale" and new_wholesale > 0:
                new_wholesale -= 1
                plan.statuses = [
                    ("above_quota_wholesale", date(2023, 1, 1), None, "2023年新纳入限额以上批发业")
                ]
            elif plan.role == "retail" and new_retail > 0:
                new_retail -= 1
                plan.statuses = [("above_quota_retail", date(2023, 1, 1), None, "2023年新纳入限额以上零售业")]
            plan.name = names.enterprise_name(rng, plan.code, taken)
        return named + generated

    def _named_plans(self) -> list[Plan]:
        plans = []
        for item in seed.NAMED_ENTERPRISES:
            activity = activity_type_for(item.industry)
            plan = Plan(
                role="other", code=item.industry, name=item.name, registered=item.registered, seed=item
            )
            plan.capital_wan = item.capital_wan
            plan.tags = list(item.tags)
            if item.above_scale_since:
                plan.role = "above_scale" if activity == "industry" else activity
                note = (
                    f"{item.above_scale_since.year}年新纳入"
                    if item.above_scale_since.year == seed.REFERENCE_YEAR
                    else ""
                )
                plan.statuses.append((KIND_BY_ACTIVITY[activity], item.above_scale_since, None, note))
            if item.incubating_since:
                plan.role = "incubating"
                plan.statuses.append(("incubation", item.incubating_since, None, ""))
            plans.append(plan)
        return plans

    def _fill_generated(self, rng: random.Random, park: seed.ParkSeed, plan: Plan) -> None:
        role = plan.role
        if role in ("incubating", "graduated"):
            division = _weighted(rng, INCUBATEE_DIVISIONS)
        elif role in ("above_scale", "exited"):
            division = _weighted(rng, INDUSTRIAL_DIVISIONS[park.code])
        elif role in ("wholesale", "retail", "catering"):
            division = {"wholesale": "51", "retail": "52", "catering": "62"}[role]
        else:
            division = _weighted(rng, OTHER_DIVISIONS[park.code])
        plan.code = rng.choice(DIVISION_CODES[division])
        if role == "incubating":
            plan.registered = _day(rng, date(2016, 1, 1), date(2023, 9, 30))
            start = _day(rng, plan.registered, min(plan.registered + timedelta(days=300), seed.YEAR_END))
            plan.statuses = [("incubation", start, None, "")]
            plan.capital_wan = rng.choice((10, 30, 50, 100, 100, 200, 300, 500))
            if rng.random() < 0.3:
                plan.tags.append("科技型中小企业")
        elif role == "graduated":
            plan.registered = _day(rng, date(2013, 1, 1), date(2019, 12, 31))
            start = _day(rng, plan.registered, plan.registered + timedelta(days=200))
            end = min(start + timedelta(days=rng.randint(730, 1460)), date(2023, 11, 30))
            plan.statuses = [("incubation", start, end, "毕业")]
            plan.capital_wan = rng.choice((100, 200, 500, 1000))
        elif role in ("above_scale", "exited", "wholesale", "retail", "catering"):
            plan.registered = _day(rng, date(1996, 1, 1), date(2018, 12, 31))
            kind = KIND_BY_ACTIVITY[activity_type_for(plan.code)]
            since = date(rng.randint(plan.registered.year + 1, 2022), 1, 1)
            until = date(2022, 12, 31) if role == "exited" else None
            plan.statuses = [(kind, since, until, "2023年退出" if until else "")]
            plan.capital_wan = rng.choice((500, 1000, 2000, 3000, 5000, 8000, 12000))
            if role == "above_scale" and rng.random() < 0.4:
                plan.tags.append("重点企业")
        else:
            plan.registered = _day(rng, date(2000, 1, 1), date(2023, 10, 31))
            plan.capital_wan = rng.choice((50, 100, 200, 300, 500, 1000, 2000))
            if rng.random() < 0.02:
                plan.status = "suspended"
        if plan.code[:2] in PHARMA_CHAIN_DIVISIONS or plan.code in PHARMA_CHAIN_CODES:
            plan.tags.append("医药产业链")
        if role != "incubating" and rng.random() < 0.12:
            plan.tags.append("高新技术企业")
        if rng.random() < 0.02:
            plan.tags.append("专精特新")

    # --- writing ---------------------------------------------------------------------------------

    def _create_tags(self, ctx: DemoContext, park_code: str) -> None:
        tag_model = apps.get_model("enterprises", "Tag")
        park = ctx.parks[park_code]
        created = tag_model.objects.bulk_create([tag_model(park=park, name=n, color=c) for n, c in seed.TAGS])
        for tag in created:
            ctx.tags[(park_code, tag.name)] = tag

    def _create_park(
        self, ctx: DemoContext, park: seed.ParkSeed, index: int, plans: list[Plan], industries: dict[str, Any]
    ) -> None:
        rng = ctx.rng
        enterprise_model = apps.get_model("enterprises", "Enterprise")
        status_model = apps.get_model("enterprises", "EnterpriseStatus")
        contact_model = apps.get_model("enterprises", "Contact")
        through = enterprise_model.tags.through
        park_row = ctx.parks[park.code]
        rows = []
        for number, plan in enumerate(plans, start=1):
            item = plan.seed
            rows.append(
                enterprise_model(
                    park=park_row,
                    # Spread the numbers so that codes do not look consecutive; unique per park.
                    credit_code=credit_code_from_number(
                        (index + 1) * 10**9 + number * 104_729, region=park.region_code
                    ),
                    name=plan.name,
                    short_name=item.key if item else names.short_name(plan.name),
                    registration_date=plan.registered,
                    registered_capital=Decimal(plan.capital_wan) * 10_000,
                    legal_representative=names.person_name(rng),
                    address=names.address(rng, park.district, park.roads),
                    region_code=park.region_code,
                    industry=industries[plan.code],
                    activity_type=activity_type_for(plan.code),
                    status=plan.status,
                    description=item.description if item else "",
                )
            )
        created = enterprise_model.objects.bulk_create(rows, batch_size=500)
        ctx.enterprises[park.code] = created
        statuses, contacts, links = [], [], []
        for enterprise, plan in zip(created, plans, strict=True):
            if plan.seed is not None:
                ctx.named[plan.seed.key] = enterprise
            for kind, valid_from, valid_to, note in plan.statuses:
                statuses.append(
                    status_model(
                        enterprise=enterprise, kind=kind, valid_from=valid_from, valid_to=valid_to, note=note
                    )
                )
            for position_index in range(1 if rng.random() < 0.6 else 2):
                contacts.append(
                    contact_model(
                        enterprise=enterprise,
                        name=names.person_name(rng),
                        position=names.POSITIONS[0]
                        if position_index == 0
                        else rng.choice(names.POSITIONS[1:]),
                        phone=names.mobile(rng),
                        is_primary=position_index == 0,
                    )
                )
            for tag_name in dict.fromkeys(plan.tags):  # ordered, without repeats
                links.append(through(enterprise_id=enterprise.pk, tag_id=ctx.tags[(park.code, tag_name)].pk))
        status_model.objects.bulk_create(statuses, batch_size=1000)
        contact_model.objects.bulk_create(contacts, batch_size=1000)
        through.objects.bulk_create(links, batch_size=1000)

    def wipe(self, ctx: DemoContext) -> None:
        park_codes = [p.code for p in seed.PARKS]
        enterprise_model = apps.get_model("enterprises", "Enterprise")
        enterprise_model.objects.filter(park__code__in=park_codes).delete()
        apps.get_model("enterprises", "Tag").objects.filter(park__code__in=park_codes).delete()
