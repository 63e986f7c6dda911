"""Demo step: the bio park's innovation work, from which T1–T7 come out as the 2023 article prints them.

537 firms in incubation at 2023-12-31 (the registry's incubation periods, as stays in three incubators);
11 new 高企, 19 new 科技型 and 5 new 专精特新 in 2023 (besides renewals, which are not new); 7 universities of
the province signed with in 2023; the provincial-level incubator and the two municipal R&D centres; 281
patents granted in 2023; 169 enterprises with a tech archive; the ten libraries. The current year holds
work for ``bio-innovation``: last year's archives awaiting review or still being filled, certificates
about to expire, open tech demands.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any, ClassVar

from django.apps import apps
from django.utils import timezone

from scipark.demo import names, seed
from scipark.demo.builder import DemoContext

from . import search
from .cultivation.defaults import DEFAULT_RULES
from .models import (
    Achievement,
    Agreement,
    Award,
    Evaluation,
    EvaluationProfile,
    Expert,
    Incubation,
    Incubator,
    Institution,
    IntellectualProperty,
    LedStandard,
    Policy,
    RdInstitution,
    RuleVersion,
    SearchEntry,
    SearchPosting,
    ServiceProvider,
    SharedEquipment,
    Talent,
    TechArchive,
    TechDemand,
    TierCertificate,
)  # fmt: skip
from .services.evaluation import evaluate_park

D = Decimal
W = 10_000
#: 2023 patents granted by type (281), and 2022's (for the year before).
PATENTS = {
    2023: {"invention": 42, "utility_model": 198, "design": 41},
    2022: {"invention": 35, "utility_model": 170, "design": 31},
}
UNIVERSITIES = ("青海大学", "青海师范大学", "青海民族大学", "青海理工大学", "青海卫生职业技术学院", "青海畜牧兽医职业技术学院", "青海柴达木职业技术学院")  # fmt: skip
FIELDS = ("藏药现代化", "青稞精深加工", "牦牛乳制品", "生物医药", "枸杞与沙棘资源", "冬虫夏草", "动物疫苗", "食品安全检测", "中藏药材种植", "软件与信息服务")  # fmt: skip
TITLES = ("一种青稞β-葡聚糖的提取方法", "藏药复方制剂的质量检测装置", "牦牛骨胶原蛋白肽的制备工艺", "沙棘黄酮提取设备", "一种枸杞多糖纯化系统", "冬虫夏草菌丝体发酵罐", "青稞酒蒸馏冷却装置", "藏药材粉碎筛分机", "牦牛乳粉喷雾干燥塔", "动物疫苗冻干瓶", "胶囊外观检测机", "生物药品包装盒")  # fmt: skip


def _d(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


class InnovationStep:
    """Archives, certificates, IP, platforms, incubators and stays, the libraries and the search index."""

    name: ClassVar[str] = "innovation"
    order: ClassVar[int] = 96  # after the accounts (90) and the registry

    def build(self, ctx: DemoContext) -> None:
        if seed.REFERENCE_PARK not in ctx.parks:
            return
        park = ctx.park()
        rng = random.Random(seed.RANDOM_SEED + 12)  # noqa: S311  (demo data)
        today = timezone.localdate()
        firms = self._archive_firms(ctx)
        for rule in DEFAULT_RULES:
            RuleVersion.objects.create(park=park, tier=rule.tier, name=rule.name, source=rule.source,
                                       valid_from=rule.valid_from, params=rule.params, confirmed=rule.confirmed)  # fmt: skip
        self._incubators(ctx, park)
        self._archives(park, firms, rng, today)
        self._certificates(park, firms, today)
        self._ip(park, firms, rng)
        self._platforms(ctx, park, firms)
        self._libraries(park, firms, rng, today)
        evaluate_park(park=park, year=2023)
        evaluate_park(park=park, year=today.year - 1)
        search.reindex()

    def wipe(self, ctx: DemoContext) -> None:
        parks = [p.pk for p in ctx.parks.values()] or list(
            apps.get_model("parks", "Park").objects.filter(code__in=[p.code for p in seed.PARKS]).values_list("pk", flat=True)
        )  # fmt: skip
        SearchPosting.objects.filter(park_id__in=parks).delete()
        EvaluationProfile.objects.filter(park_id__in=parks).delete()  # the evaluations' inputs
        for model in (SearchEntry, Evaluation, RuleVersion, Incubation, Incubator, Agreement, Institution, Achievement,
                      Expert, Talent, TechDemand, SharedEquipment, Policy, ServiceProvider, Award, LedStandard,
                      RdInstitution, IntellectualProperty, TierCertificate, TechArchive):  # fmt: skip
            model.objects.filter(park_id__in=parks).delete()

    # --- who ----------------------------------------------------------------------------------------

    def _archive_firms(self, ctx: DemoContext) -> list[Any]:
        """169 operating firms founded by mid-2023: the named tech firms first, then by registry order."""
        named = [
            ctx.named[k]
            for k in ("藏软信息", "华实青稞食品", "百岁", "瑞湖", "央宗", "金河藏药", "佰抗生物")
            if k in ctx.named
        ]
        rest = sorted(
            (e for e in ctx.enterprises[seed.REFERENCE_PARK] if e not in named and e.status == "operating"
             and e.registration_date and e.registration_date <= dt.date(2022, 6, 30)),
            key=lambda e: e.pk,
        )  # fmt: skip
        return (named + rest)[:169]

    # --- incubators and stays (T1, T4) ---------------------------------------------------------------

    def _incubators(self, ctx: DemoContext, park: Any) -> None:
        food = Incubator.objects.create(
            park=park, name="青海食品保健专业化科技企业孵化器", operator=ctx.named.get("食品保健孵化器"), kind="specialised",
            level="provincial", recognised_on=dt.date(2023, 10, 26), opened_on=dt.date(2015, 12, 1), area_m2=D(12000),
            incubatee_area_m2=D(9000), seed_fund=D(5_000_000), staff=24, professional_staff=14,
        )  # fmt: skip
        hub = Incubator.objects.create(
            park=park, name="生物科技产业园区科技企业孵化器", kind="comprehensive", level="municipal",
            recognised_on=dt.date(2019, 6, 18), opened_on=dt.date(2012, 5, 1), area_m2=D(30000),
            incubatee_area_m2=D(22000), seed_fund=D(10_000_000), staff=40, professional_staff=22,
        )  # fmt: skip
        maker = Incubator.objects.create(
            park=park, name="青海生物医药众创空间", kind="specialised", level="park", opened_on=dt.date(2016, 1, 1),
            area_m2=D(2500), incubatee_area_m2=D(1500), seed_fund=D(2_000_000), staff=8, professional_staff=3,
        )  # fmt: skip
        status = apps.get_model("enterprises", "EnterpriseStatus")
        periods = status.objects.filter(enterprise__park=park, kind="incubation").order_by(
            "enterprise_id", "valid_from"
        )
        stays = []
        for i, p in enumerate(periods):
            where = hub if p.valid_from < dt.date(2016, 1, 1) else (food, hub, maker)[i % 5 % 3]
            outcome = "" if p.valid_to is None else ("graduated" if "毕业" in p.note else "exited")
            stays.append(Incubation(park=park, incubator=where, enterprise_id=p.enterprise_id, entered_on=p.valid_from,
                                    left_on=p.valid_to, outcome=outcome, note=p.note))  # fmt: skip
        Incubation.objects.bulk_create(stays)

    # --- archives (T6) -------------------------------------------------------------------------------

    def _archive(self, park: Any, firm: Any, year: int, i: int, state: str, grow: Decimal) -> TechArchive:
        employees = 20 + (i * 37) % 380
        sales = D((800 + (i * 997) % 18000) * W) * grow
        rd = (sales * D(2 + (i * 7) % 60) / D(1000)).quantize(D(1))
        assets = (sales * D("1.4")).quantize(D(1))
        liabilities = (assets * D(30 + i % 45) / 100).quantize(D(1))
        return TechArchive(
            park=park, enterprise=firm, year=year, state=state, rd_expense=rd, rd_expense_domestic=rd,
            sales=sales, main_revenue=(sales * D("0.92")).quantize(D(1)), high_tech_income=(sales * D(40 + i % 45) / 100).quantize(D(1)),
            total_cost=(sales * D("0.85")).quantize(D(1)), total_assets=assets, total_liabilities=liabilities,
            net_assets=assets - liabilities, employees=employees, tech_staff=employees * (5 + i % 30) // 100,
            rd_staff=employees * (3 + i % 20) // 100, niche_years=1 + i % 8, key_field=i % 3 != 0,
            strategic_emerging=i % 2 == 0,
        )  # fmt: skip

    def _archives(self, park: Any, firms: list[Any], rng: random.Random, today: dt.date) -> None:
        rows = [self._archive(park, f, 2022, i, "accepted", D(1)) for i, f in enumerate(firms[:120])]
        rows += [self._archive(park, f, 2023, i, "accepted", D("1.12")) for i, f in enumerate(firms)]
        last = today.year - 1
        for i, f in enumerate(firms[:24]):
            state = "accepted" if i < 10 else ("submitted" if i < 18 else "draft")
            row = self._archive(park, f, last, i, state, D("1.3"))
            if state == "submitted":
                row.submitted_at = timezone.now() - dt.timedelta(days=i)
            rows.append(row)
        TechArchive.objects.bulk_create(rows)

    # --- certificates (T2) ----------------------------------------------------------------------------

    def _certificates(self, park: Any, firms: list[Any], today: dt.date) -> None:
        rows: list[TierCertificate] = []

        def cert(
            firm: Any, tier: str, granted: dt.date, years: int | None, number: str = "", issuer: str = ""
        ) -> None:
            expires = (
                None if years is None else granted.replace(year=granted.year + years) - dt.timedelta(days=1)
            )
            rows.append(TierCertificate(park=park, enterprise=firm, tier=tier, granted_on=granted, expires_on=expires, number=number, issuer=issuer))  # fmt: skip

        hn = "青海省科学技术厅 青海省财政厅 国家税务总局青海省税务局"
        for i, f in enumerate(firms[:2]):  # 藏软 and 华实: 高企 since 2021, renewed 2024
            cert(f, "high_tech", dt.date(2021, 11, 15), 3, f"GR2021630000{i + 11}", hn)
            cert(f, "high_tech", dt.date(2024, 11, 20), 3, f"GR2024630000{i + 31}", hn)
        for i, f in enumerate(firms[2:6]):  # first in 2020, renewed in December 2023 (not new), expiring soon
            cert(f, "high_tech", dt.date(2020, 12, 1), 3, f"GR2020630000{i + 41}", hn)
            cert(f, "high_tech", dt.date(2023, 12, 12), 3, f"GR2023630001{i + 51}", hn)
        for i, f in enumerate(firms[6:17]):  # 11 new 高企 in 2023
            cert(f, "high_tech", dt.date(2023, 11, 20), 3, f"GR2023630001{i + 10}", hn)
            cert(f, "tech_sme", dt.date(2022, 5, 10), 1, f"20226301050{i + 10}00", "青海省科学技术厅")
        for i, f in enumerate(firms[17:25]):  # 8 new 高企 in 2022
            cert(f, "high_tech", dt.date(2022, 12, 14), 3, f"GR2022630000{i + 60}", hn)
        for year in (2021, 2022, 2023, today.year):  # 科技型: registered every year (only the first is new)
            for i, f in enumerate(firms[:2] + firms[49:64]):
                if year == today.year and i > 4:
                    break
                cert(f, "tech_sme", dt.date(year, 4, 20), None, f"{year}630105{i:04d}", "青海省科学技术厅")
                rows[-1].expires_on = dt.date(year, 12, 31)
        for i, f in enumerate(firms[30:49]):  # 19 new 科技型 in 2023
            cert(f, "tech_sme", dt.date(2023, 6, 8), None, f"20236301050{i + 100}", "青海省科学技术厅")
            rows[-1].expires_on = dt.date(2023, 12, 31)
        for i, f in enumerate(firms[64:76]):
            cert(f, "innovative_sme", dt.date(2022, 9, 1), 3, f"QHCX2022{i:03d}", "青海省工业和信息化厅")
        for f in firms[64:69]:  # 5 new 专精特新 in 2023
            cert(f, "specialised", dt.date(2023, 10, 16), 3, "", "青海省工业和信息化厅")
        for f in (*firms[2:5], *firms[69:72]):
            cert(f, "specialised", dt.date(2022, 10, 20), 3, "", "青海省工业和信息化厅")
        cert(firms[2], "little_giant", dt.date(2021, 7, 19), 3, "", "工业和信息化部")
        TierCertificate.objects.bulk_create(rows)

    # --- IP (T5) ---------------------------------------------------------------------------------------

    def _ip(self, park: Any, firms: list[Any], rng: random.Random) -> None:
        rows = []
        serial = 100000
        types = {"invention": "1", "utility_model": "2", "design": "3"}
        for year, per_kind in PATENTS.items():
            for kind, count in per_kind.items():
                for i in range(count):
                    serial += 7
                    firm = firms[(serial // 7) % len(firms)]
                    applied = _d(
                        rng,
                        dt.date(year - (2 if kind == "invention" else 1), 1, 1),
                        dt.date(year - 1, 12, 31),
                    )
                    number = f"ZL{applied.year}{types[kind]}{serial:07d}.{serial % 10}"
                    rows.append(IntellectualProperty(
                        park=park, enterprise=firm, owner_name=firm.name, kind=kind, number=number,
                        title=TITLES[(serial + i) % len(TITLES)], applied_on=applied, granted_on=_d(rng, dt.date(year, 1, 1), dt.date(year, 12, 31)),
                        status="granted", high_value=kind == "invention" and i % 5 == 0, in_use=i % 2 == 0,
                        field=FIELDS[i % len(FIELDS)],
                    ))  # fmt: skip
        for i in range(60):
            firm = firms[(i * 13) % len(firms)]
            rows.append(IntellectualProperty(
                park=park, enterprise=firm, owner_name=firm.name, kind="software", number=f"2023SR{1_200_000 + i * 37:07d}",
                title=f"{FIELDS[i % len(FIELDS)]}管理信息系统V{1 + i % 3}.0", applied_on=dt.date(2023, 2, 1), granted_on=dt.date(2023, 3, 1 + i % 28),
                status="granted",
            ))  # fmt: skip
        IntellectualProperty.objects.bulk_create(rows)

    # --- platforms (T4), awards, standards ----------------------------------------------------------------

    def _platforms(self, ctx: DemoContext, park: Any, firms: list[Any]) -> None:
        rows = [
            RdInstitution(park=park, enterprise=ctx.named.get("藏软信息"), name="青海藏软信息研发中心", kind="rd_centre", level="municipal", approved_on=dt.date(2023, 9, 12), approver="西宁市科学技术局", field="藏文信息处理"),
            RdInstitution(park=park, enterprise=ctx.named.get("华实青稞食品"), name="青海华实青稞食品研发中心", kind="rd_centre", level="municipal", approved_on=dt.date(2023, 9, 12), approver="西宁市科学技术局", field="青稞精深加工"),
        ]  # fmt: skip
        for i, f in enumerate(firms[2:26]):
            level = ("provincial", "municipal", "municipal")[i % 3]
            rows.append(RdInstitution(park=park, enterprise=f, name=f"{f.short_name or f.name}{FIELDS[i % len(FIELDS)]}工程技术研究中心", kind="engineering_centre", level=level, approved_on=dt.date(2016 + i % 7, 6, 1), approver="青海省科学技术厅" if level == "provincial" else "西宁市科学技术局", field=FIELDS[i % len(FIELDS)]))  # fmt: skip
        RdInstitution.objects.bulk_create(rows)
        Award.objects.bulk_create(Award(park=park, enterprise=f, name="青海省科学技术进步奖", level="provincial", rank=1 + i % 4, granted_on=dt.date(2021 + i % 3, 12, 1)) for i, f in enumerate(firms[2:8]))  # fmt: skip
        LedStandard.objects.bulk_create(LedStandard(park=park, enterprise=f, code=f"T/QHSP {10 + i}-2022", title=f"{FIELDS[i]}团体标准", level="group", published_on=dt.date(2022, 8, 1)) for i, f in enumerate(firms[2:6]))  # fmt: skip

    # --- the libraries (T3, T7) ---------------------------------------------------------------------------

    def _libraries(self, park: Any, firms: list[Any], rng: random.Random, today: dt.date) -> None:
        Achievement.objects.bulk_create(
            Achievement(park=park, enterprise=firms[i % 40] if i % 3 == 0 else None, title=f"{FIELDS[i % len(FIELDS)]}关键技术研究与应用", holder=firms[i % 40].name if i % 3 == 0 else UNIVERSITIES[i % 7],
                        field=FIELDS[i % len(FIELDS)], maturity=("lab", "pilot", "industrial")[i % 3], registered_on=dt.date(2021 + i % 3, 3, 1),
                        converted_on=dt.date(2021 + i % 3, 9, 1) if i % 3 == 0 else None, conversion_amount=D((50 + i * 10) * W) if i % 3 == 0 else None,
                        summary=f"围绕{FIELDS[i % len(FIELDS)]}开展攻关,形成可转化的工艺与装备。")
            for i in range(42)
        )  # fmt: skip
        Expert.objects.bulk_create(
            Expert(park=park, name=names.person_name(rng), title=("教授", "研究员", "正高级工程师", "副教授")[i % 4], organisation=((*UNIVERSITIES, "中国科学院西北高原生物研究所"))[i % 8],
                   field=FIELDS[i % len(FIELDS)], specialties=f"{FIELDS[i % len(FIELDS)]}、成果转化评价", phone=names.mobile(rng), email=f"expert{i + 1:02d}@example.cn")
            for i in range(48)
        )  # fmt: skip
        Talent.objects.bulk_create(
            Talent(park=park, enterprise=firms[i % 60], name=names.person_name(rng), degree=("doctor", "master", "master", "bachelor")[i % 4], title=("高级工程师", "工程师", "")[i % 3],
                   field=FIELDS[i % len(FIELDS)], programme="昆仑英才" if i % 6 == 0 else "", phone=names.mobile(rng))
            for i in range(96)
        )  # fmt: skip
        TechDemand.objects.bulk_create(
            TechDemand(park=park, enterprise=firms[i * 3], title=f"{FIELDS[i % len(FIELDS)]}工艺优化技术需求", field=FIELDS[i % len(FIELDS)],
                       description="寻求高校或科研院所合作,解决量产过程中的得率与稳定性问题。", budget=D((30 + i * 5) * W),
                       published_on=today - dt.timedelta(days=20 + i * 9) if i < 4 else dt.date(2023, 1 + i % 12, 10),
                       state="open" if i < 4 else ("matched" if i % 2 else "closed"))
            for i in range(32)
        )  # fmt: skip
        SharedEquipment.objects.bulk_create(
            SharedEquipment(park=park, owner=firms[i % 20] if i % 2 else None, owner_name=firms[i % 20].name if i % 2 else "园区公共检测平台",
                            name=("高效液相色谱仪", "气相色谱-质谱联用仪", "原子吸收光谱仪", "冷冻干燥机", "发酵罐", "流式细胞仪")[i % 6],
                            model_no=f"M-{100 + i}", category="分析测试" if i % 3 else "中试设备", value=D((40 + i * 7) * W), location="生物园区创业路", fee_note="按机时收费")
            for i in range(36)
        )  # fmt: skip
        Policy.objects.bulk_create(
            Policy(park=park, title=title, issuer=issuer, document_no=no, level=level, published_on=when, summary=summary)
            for title, issuer, no, level, when, summary in (
                ("高新技术企业认定管理办法", "科技部 财政部 税务总局", "国科发火〔2016〕32号", "national", dt.date(2016, 1, 29), "高新技术企业认定条件、程序与监督管理。"),
                ("科技型中小企业评价办法", "科技部 财政部 税务总局", "国科发政〔2017〕115号", "national", dt.date(2017, 5, 3), "科技型中小企业评价指标与入库。"),
                ("优质中小企业梯度培育管理暂行办法", "工业和信息化部", "工信部企业〔2022〕63号", "national", dt.date(2022, 6, 1), "创新型、专精特新、小巨人梯度培育。"),
                ("青海省科技企业孵化器认定和管理办法", "青海省科学技术厅", "", "provincial", dt.date(2021, 5, 20), "孵化器认定条件:场地、在孵企业、毕业企业、种子资金。"),
                ("西宁市企业研发中心认定管理办法", "西宁市科学技术局", "", "municipal", dt.date(2020, 3, 1), "市级企业研发中心认定与绩效评价。"),
            )
        )  # fmt: skip
        institutions = Institution.objects.bulk_create(
            [Institution(park=park, name=n, kind="university", province="青海省", strengths=FIELDS[i]) for i, n in enumerate(UNIVERSITIES)]
            + [Institution(park=park, name="兰州大学", kind="university", province="甘肃省", strengths="生命科学"),
               Institution(park=park, name="中国科学院西北高原生物研究所", kind="research", province="青海省", strengths="高原生物资源"),
               Institution(park=park, name="青海省医药行业协会", kind="association", province="青海省")]
        )  # fmt: skip
        agreements = [Agreement(park=park, institution=inst, title=f"{inst.name}与生物科技产业园区产学研合作协议", signed_on=dt.date(2023, 3 + i, 15), expires_on=dt.date(2026, 3 + i, 14), scope="共建产学研创新联合体、联合攻关与人才培养。") for i, inst in enumerate(institutions[:7])]  # fmt: skip
        agreements.append(
            Agreement(
                park=park,
                institution=institutions[7],
                title="兰州大学合作备忘录",
                signed_on=dt.date(2023, 11, 2),
            )
        )
        agreements.append(
            Agreement(
                park=park,
                institution=institutions[0],
                enterprise=firms[1],
                title="青稞功能食品联合研发协议",
                signed_on=dt.date(2022, 6, 1),
            )
        )
        Agreement.objects.bulk_create(agreements)
        ServiceProvider.objects.bulk_create(
            ServiceProvider(park=park, name=f"青海{('智权', '正信', '高原', '科创', '三江', '昆仑')[i % 6]}{('知识产权代理', '检验检测', '技术转移', '科技金融', '科技咨询')[i % 5]}有限公司",
                            kind=("ip_agency", "testing", "transfer", "finance", "consulting")[i % 5], services="专利挖掘与申请、认定申报辅导" if i % 5 == 0 else "检测、评估与咨询服务")
            for i in range(18)
        )  # fmt: skip
