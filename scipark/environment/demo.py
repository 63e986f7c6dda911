"""Demo step: the bio park's environment work, from which G1–G7 come out as the 2023 article prints them.

2022–2023: the two earlier central inspection rounds' 5 problems and 22 petitions rectified and closed, the
third round's 6 petitions closed in 2023; four boilers (49.5 t/h) retrofitted in 2023; 34 water-related
firms monitored in two rounds; 4 key and 46 non-key waste producers inspected, everything treated; 5
water-saving enterprises, 2 provincial green factories, the province's first zero-carbon factory; 1.73 km
of rain and sewage mains built or rebuilt and 5 misconnections fixed. The current year holds open work for
``bio-environment``: items in rectification (one overdue, one awaiting review), a monitoring round under
way, a boiler retrofit in progress.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, ClassVar

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from scipark.demo import seed
from scipark.demo.builder import DemoContext

from . import geometry
from .coverage import WASTE_CHECKLIST
from .models import (
    Boiler,
    Campaign,
    CampaignResult,
    CampaignRound,
    CampaignTarget,
    Certification,
    Finding,
    FindingEvidence,
    FindingStep,
    NetworkPoint,
    NoxAssumption,
    PipeSegment,
    WasteProducer,
    WasteRecord,
)
from .models.network import Network, box_fields
from .services.network import LITE_TOLERANCE

D = Decimal
S = Finding.Source
K = Finding.Kind
#: round, kind, count, received, rectified, closed
CENTRAL: tuple[tuple[int, str, int, dt.date, dt.date, dt.date], ...] = (
    (1, K.PROBLEM, 2, dt.date(2017, 8, 20), dt.date(2022, 6, 30), dt.date(2022, 9, 15)),
    (1, K.PETITION, 8, dt.date(2017, 8, 12), dt.date(2022, 3, 31), dt.date(2022, 5, 20)),
    (2, K.PROBLEM, 3, dt.date(2021, 4, 20), dt.date(2023, 6, 30), dt.date(2023, 9, 8)),
    (2, K.PETITION, 14, dt.date(2021, 4, 12), dt.date(2023, 3, 31), dt.date(2023, 5, 26)),
    (3, K.PETITION, 6, dt.date(2023, 11, 20), dt.date(2023, 12, 12), dt.date(2023, 12, 22)),
)
PROBLEMS = (
    "园区污水处理厂进水超负荷运行",
    "部分企业危险废物贮存场所不规范",
    "雨污管网混接导致雨季溢流",
    "园区集中供热锅炉氮氧化物排放偏高",
    "企业挥发性有机物无组织排放",
)
PETITIONS = (
    "夜间发酵异味扰民",
    "厂区噪声超标",
    "污水排入雨水管网",
    "锅炉烟囱冒黑烟",
    "原料药车间废气异味",
    "建筑工地扬尘",
    "危废暂存间渗漏",
)
#: capacity t/h, before mg/m³, O₂ %, after, O₂ %, hours, load, completed
BOILERS_2023: tuple[tuple[str, str, str, str, str, str, int, str, dt.date], ...] = (
    ("1#燃气锅炉", "20", "186", "3.5", "28", "3.5", 5600, "0.95", dt.date(2023, 8, 30)),
    ("2#燃气锅炉", "15", "168", "4.2", "29", "3.8", 5300, "0.90", dt.date(2023, 9, 20)),
    ("1#燃气锅炉", "10", "205", "5.0", "32", "3.9", 4900, "0.92", dt.date(2023, 10, 15)),
    ("1#燃气锅炉", "4.5", "176", "3.9", "30", "3.6", 4517, "0.85", dt.date(2023, 10, 28)),
)
CENTRE = (101.7429, 36.6732)  # the bio park (seed), WGS-84


def _picks(ctx: DemoContext) -> list[Any]:
    """The park's operating industrial enterprises in a fixed order (the demo's environmental population)."""
    everyone = ctx.enterprises.get(seed.REFERENCE_PARK, [])
    chosen = [e for e in everyone if e.status == "operating" and e.activity_type == "industry"]
    rest = [e for e in everyone if e not in chosen and e.status == "operating"]
    return sorted(chosen, key=lambda e: e.pk) + sorted(rest, key=lambda e: e.pk)


class EnvironmentStep:
    """Findings, boilers, campaigns, hazardous waste, certifications and the pipe network of the bio park."""

    name: ClassVar[str] = "environment"
    order: ClassVar[int] = 95  # after the accounts (90): steps name the department's demo user

    def build(self, ctx: DemoContext) -> None:
        if seed.REFERENCE_PARK not in ctx.parks:
            return
        park = ctx.park()
        firms = _picks(ctx)
        staff = apps.get_model("accounts", "User").objects.filter(username="bio-environment").first()
        today = timezone.localdate()
        self._findings(park, firms, staff, today)
        self._boilers(park, firms, today)
        self._water(park, firms[:40], today)
        self._waste(park, firms[10:60])
        self._certifications(park, firms)
        self._network(park, firms, today)

    def wipe(self, ctx: DemoContext) -> None:
        parks = [p.pk for p in ctx.parks.values()] or list(
            apps.get_model("parks", "Park")
            .objects.filter(code__in=[p.code for p in seed.PARKS])
            .values_list("pk", flat=True)
        )
        for model in (FindingEvidence, FindingStep, Finding, CampaignResult, CampaignTarget, CampaignRound, Campaign,
                      WasteRecord, WasteProducer, Boiler, NoxAssumption, Certification, PipeSegment, NetworkPoint):  # fmt: skip
            model.objects.filter(park_id__in=parks).delete()

    # --- the ledger ---------------------------------------------------------------------------------

    def _findings(self, park: Any, firms: list[Any], staff: Any, today: dt.date) -> None:
        proof = default_storage.save(
            "environment/evidence/demo-rectification.txt",
            ContentFile("整改完成现场核查记录(演示数据)".encode()),
        )
        findings: list[Finding] = []
        n = 0
        for round_no, kind, count, received, rectified, closed in CENTRAL:
            for i in range(count):
                n += 1
                titles = PROBLEMS if kind == K.PROBLEM else PETITIONS
                firm = firms[n % 30]
                findings.append(Finding(
                    park=park, number=f"ZY{round_no}-{'W' if kind == K.PROBLEM else 'X'}{i + 1:02d}", source=S.CENTRAL,
                    round_no=round_no, kind=kind, title=titles[(n + i) % len(titles)], enterprise=firm,
                    responsible_unit=firm.name, received_on=received, deadline=rectified + dt.timedelta(days=30),
                    measures="制定整改方案,落实治理设施并开展复查。", state="closed", rectified_on=rectified,
                    closed_on=closed, closure_document=f"西经环销〔{closed.year}〕{n}号", closure_approver="马建国",
                    closed_by=staff, longitude=CENTRE[0] + (n % 7 - 3) * 0.0021, latitude=CENTRE[1] + (n % 5 - 2) * 0.0017,
                ))  # fmt: skip
        year = today.year
        open_items = (
            (S.PROVINCIAL, 1, K.PROBLEM, "污水处理站在线监测数据异常", "rectifying", today - dt.timedelta(days=60), today - dt.timedelta(days=5)),
            (S.PROVINCIAL, 1, K.PETITION, "厂界异味投诉", "review", today - dt.timedelta(days=40), today + dt.timedelta(days=10)),
            (S.PARK_CHECK, None, K.PROBLEM, "危废暂存间标识不全", "registered", today - dt.timedelta(days=3), today + dt.timedelta(days=27)),
            (S.PARK_CHECK, None, K.PROBLEM, "雨水排放口有污水痕迹", "rectifying", today - dt.timedelta(days=20), today + dt.timedelta(days=7)),
        )  # fmt: skip
        for i, (source, round_number, kind, title, state, received, deadline) in enumerate(
            open_items, start=1
        ):
            firm = firms[i]
            findings.append(Finding(
                park=park, number=f"{'SJ' if source == S.PROVINCIAL else 'ZC'}{year}-{i:02d}", source=source,
                round_no=round_number, kind=kind, title=title, enterprise=firm, responsible_unit=firm.name,
                received_on=received, deadline=deadline, measures="" if state == "registered" else "限期整改并提交证明材料。",
                state=state, longitude=CENTRE[0] + i * 0.003, latitude=CENTRE[1] - i * 0.002,
            ))  # fmt: skip
        Finding.objects.bulk_create(findings)
        steps: list[FindingStep] = []
        for f in findings:
            if f.state == "closed" and f.rectified_on and f.closed_on:
                at = dt.datetime.combine(f.rectified_on, dt.time(10), tzinfo=timezone.get_current_timezone())
                steps.append(FindingStep(park=park, finding=f, action="approve", from_state="review", to_state="rectified", notes="现场复核通过。", user=staff, at=at))  # fmt: skip
                steps.append(FindingStep(park=park, finding=f, action="close", from_state="rectified", to_state="closed", notes=f.closure_document, user=staff, at=at + dt.timedelta(days=(f.closed_on - f.rectified_on).days)))  # fmt: skip
            elif f.state in ("rectifying", "review"):
                steps.append(FindingStep(park=park, finding=f, action="start", from_state="registered", to_state="rectifying", user=staff))  # fmt: skip
        FindingStep.objects.bulk_create(steps)
        FindingEvidence.objects.bulk_create(
            FindingEvidence(park=park, finding=f, file=proof, name="整改完成现场核查记录.txt", content_type="text/plain", size=42, uploaded_by=staff)
            for f in findings if f.state in ("closed", "review")
        )  # fmt: skip

    # --- boilers ------------------------------------------------------------------------------------

    def _boilers(self, park: Any, firms: list[Any], today: dt.date) -> None:
        NoxAssumption.objects.create(
            park=park, valid_from=dt.date(2022, 1, 1), gas_per_steam_tonne=D("78.8"), flue_gas_per_m3=D("10.23"),
            reference_o2=D("3.5"), source="燃气锅炉经验折算系数:1蒸吨/小时≈0.7MW≈78.8m³/h天然气(低位热值35.53MJ/m³,锅炉效率0.90);干烟气量≈10.23Nm³/m³天然气;基准氧含量3.5%(GB 13271-2014《锅炉大气污染物排放标准》燃气锅炉)",
        )  # fmt: skip
        rows = []
        for i, (name, cap, before, o2b, after, o2a, hours, load, done) in enumerate(BOILERS_2023):
            rows.append(Boiler(
                park=park, enterprise=firms[i], name=name, capacity_tph=D(cap), installed_year=2012 + i,
                operating_hours=hours, load_factor=D(load), nox_before=D(before), o2_before=D(o2b), nox_after=D(after),
                o2_after=D(o2a), retrofit_started_on=done - dt.timedelta(days=75), retrofit_completed_on=done,
            ))  # fmt: skip
        rows.append(Boiler(park=park, enterprise=firms[4], name="1#燃气锅炉", capacity_tph=D(6), installed_year=2016, operating_hours=4200, load_factor=D("0.8"), nox_before=D(160), o2_before=D("3.8"), retrofit_started_on=today - dt.timedelta(days=30)))  # fmt: skip
        rows.append(Boiler(park=park, enterprise=firms[5], name="1#燃气锅炉", capacity_tph=D(4), installed_year=2020, operating_hours=3600, load_factor=D("0.7"), nox_before=D(28), o2_before=D("3.5")))  # fmt: skip
        Boiler.objects.bulk_create(rows)

    # --- campaigns ----------------------------------------------------------------------------------

    def _campaign(
        self, park: Any, kind: str, year: int, title: str, rounds: list[tuple[dt.date, dt.date]]
    ) -> tuple[Campaign, list[CampaignRound]]:
        campaign = Campaign.objects.create(park=park, kind=kind, year=year, title=title)
        made = CampaignRound.objects.bulk_create(
            CampaignRound(park=park, campaign=campaign, number=i, starts_on=a, ends_on=b) for i, (a, b) in enumerate(rounds, start=1)
        )  # fmt: skip
        return campaign, made

    def _water(self, park: Any, firms: list[Any], today: dt.date) -> None:
        plans = (
            (2022, firms[:32], [(dt.date(2022, 4, 1), dt.date(2022, 6, 30)), (dt.date(2022, 9, 1), dt.date(2022, 11, 30))], 2),
            (2023, firms[:34], [(dt.date(2023, 4, 1), dt.date(2023, 6, 30)), (dt.date(2023, 9, 1), dt.date(2023, 11, 30))], 2),
            (today.year, firms[:36], [(dt.date(today.year, 4, 1), dt.date(today.year, 6, 30)), (today - dt.timedelta(days=20), today + dt.timedelta(days=25))], 1),
        )  # fmt: skip
        for year, members, periods, finished in plans:
            campaign, rounds = self._campaign(
                park, Campaign.Kind.WATER_MONITORING, year, f"{year}年涉水企业监督性监测", periods
            )
            targets = CampaignTarget.objects.bulk_create(
                CampaignTarget(park=park, campaign=campaign, enterprise=e, joined_on=dt.date(year, 1, 1))
                for e in members
            )
            results = []
            for rnd in rounds[:finished]:
                for i, t in enumerate(targets):
                    results.append(CampaignResult(park=park, target=t, round=rnd, done_on=rnd.starts_on + dt.timedelta(days=i % 60), outcome="compliant" if i % 11 else "basically", notes="出水 COD、氨氮达标。"))  # fmt: skip
            if finished < len(rounds):  # the current round is under way: a third of the firms done so far
                rnd = rounds[finished]
                results += [CampaignResult(park=park, target=t, round=rnd, done_on=rnd.starts_on + dt.timedelta(days=i % 15), outcome="compliant") for i, t in enumerate(targets[:12])]  # fmt: skip
            CampaignResult.objects.bulk_create(results)

    def _waste(self, park: Any, firms: list[Any]) -> None:
        producers = WasteProducer.objects.bulk_create(
            WasteProducer(park=park, enterprise=e, is_key=i < 4, registered_on=dt.date(2021, 3, 1))
            for i, e in enumerate(firms)
        )
        records = []
        for year in (2022, 2023):
            for i, p in enumerate(producers):
                generated = D(120 + i * 7) / (1 if p.is_key else 10)
                category = ("HW02", "HW49", "HW08", "HW06")[i % 4]
                records.append(WasteRecord(park=park, producer=p, year=year, category=category, generated_t=generated, treated_t=generated, stored_t=D(0), route="licensed"))  # fmt: skip
        WasteRecord.objects.bulk_create(records)
        campaign, rounds = self._campaign(park, Campaign.Kind.WASTE_INSPECTION, 2023, "2023年危险废物规范化环境管理检查", [(dt.date(2023, 5, 1), dt.date(2023, 10, 31))])  # fmt: skip
        targets = CampaignTarget.objects.bulk_create(
            CampaignTarget(park=park, campaign=campaign, enterprise=p.enterprise, category="key" if p.is_key else "non_key", joined_on=dt.date(2023, 1, 1)) for p in producers
        )  # fmt: skip
        results = []
        for i, t in enumerate(targets):
            checks = {code: True for code, _label, _critical in WASTE_CHECKLIST}
            if i % 9 == 5:
                checks["labels"] = False
            results.append(CampaignResult(park=park, target=t, round=rounds[0], done_on=dt.date(2023, 5, 8) + dt.timedelta(days=i * 3), outcome="basically" if i % 9 == 5 else "compliant", checklist=checks))  # fmt: skip
        CampaignResult.objects.bulk_create(results)

    def _certifications(self, park: Any, firms: list[Any]) -> None:
        C = Certification
        rows = [C(park=park, enterprise=firms[i], kind=C.Kind.WATER_SAVING, level=C.Level.PROVINCIAL, standard="GB/T 7119-2018", issuer="青海省水利厅", granted_on=dt.date(2023, 11, 20), valid_until=dt.date(2026, 11, 19), document_no="青水资〔2023〕88号") for i in range(6, 11)]  # fmt: skip
        rows += [C(park=park, enterprise=firms[i], kind=C.Kind.GREEN_FACTORY, level=C.Level.PROVINCIAL, standard="GB/T 36132-2018", issuer="青海省工业和信息化厅", granted_on=dt.date(2023, 12, 8), document_no="青工信节〔2023〕112号") for i in (11, 12)]  # fmt: skip
        rows.append(C(park=park, enterprise=firms[13], kind=C.Kind.ZERO_CARBON, level=C.Level.PROVINCIAL, issuer="青海省工业和信息化厅", granted_on=dt.date(2023, 12, 26), valid_until=dt.date(2026, 12, 25), distinction="全省首个零碳工厂"))  # fmt: skip
        rows.append(C(park=park, enterprise=firms[14], kind=C.Kind.WATER_SAVING, level=C.Level.MUNICIPAL, standard="GB/T 7119-2018", issuer="西宁市水务局", granted_on=dt.date(2022, 10, 12), valid_until=dt.date(2025, 10, 11)))  # fmt: skip
        C.objects.bulk_create(rows)

    # --- the pipe network ---------------------------------------------------------------------------

    def _network(self, park: Any, firms: list[Any], today: dt.date) -> None:
        lng, lat = CENTRE
        lines: list[tuple[str, str, bool, str, dt.date | None, list[tuple[float, float]]]] = [
            # 2023 works: a rebuilt sewage main and a new rain main, 1.73 km together
            (Network.SEWAGE, "WS-Z01", True, "rebuilt", dt.date(2023, 9, 28), [(101.7380, 36.6760), (101.7430, 36.6760), (101.7480, 36.6761)]),
            (Network.RAIN, "YS-Z07", True, "new", dt.date(2023, 10, 30), [(101.7480, 36.6761), (101.7481, 36.6800), (101.7482, 36.68363)]),
            (Network.RAIN, "YS-F03", False, "new", dt.date(2023, 7, 5), [(101.7440, 36.6700), (101.7455, 36.6700)]),
        ]  # fmt: skip
        for row in range(5):  # the existing grid along the park's roads
            y = lat - 0.008 + row * 0.004
            lines.append(
                (
                    Network.RAIN,
                    f"YS-{row + 1:02d}",
                    True,
                    "existing",
                    None,
                    [(lng - 0.012, y), (lng, y + 0.0002), (lng + 0.012, y)],
                )
            )
            lines.append(
                (
                    Network.SEWAGE,
                    f"WS-{row + 1:02d}",
                    True,
                    "existing",
                    None,
                    [(lng - 0.012, y - 0.0004), (lng + 0.012, y - 0.0004)],
                )
            )
            x = lng - 0.008 + row * 0.004
            lines.append(
                (
                    Network.WATER_SUPPLY,
                    f"JS-{row + 1:02d}",
                    row % 2 == 0,
                    "existing",
                    None,
                    [(x, lat - 0.010), (x + 0.0003, lat), (x, lat + 0.010)],
                )
            )
        segments = []
        for network, code, main, work, done, coords in lines:
            segments.append(PipeSegment(
                park=park, network=network, code=code, is_main=main, work=work, completed_on=done,
                diameter_mm=800 if main else 400, material="HDPE" if network != Network.WATER_SUPPLY else "球墨铸铁",
                geometry={"type": "LineString", "coordinates": [list(c) for c in coords]},
                geometry_lite=[list(c) for c in geometry.simplify(coords, LITE_TOLERANCE)],
                length_m=D(str(round(geometry.line_length_m(coords), 2))),
                **box_fields(coords),
            ))  # fmt: skip
        PipeSegment.objects.bulk_create(segments)
        P = NetworkPoint
        points = [P(park=park, kind=P.Kind.MISCONNECTION, network=Network.RAIN, code=f"HJ-{i + 1:02d}", name="雨污混接点", longitude=lng - 0.010 + i * 0.004, latitude=lat + 0.0002, found_on=dt.date(2023, 3, 15), fixed_on=dt.date(2023, 8, 10 + i), notes="污水支管接入雨水管,已改接。") for i in range(5)]  # fmt: skip
        points += [P(park=park, kind=P.Kind.MISCONNECTION, network=Network.RAIN, code=f"HJ-{i + 6:02d}", name="雨污混接点", longitude=lng + 0.006 + i * 0.002, latitude=lat - 0.0038, found_on=today - dt.timedelta(days=50)) for i in range(2)]  # fmt: skip
        points += [P(park=park, kind=P.Kind.OUTFALL, network=Network.RAIN, code=f"PK-{i + 1:02d}", name=f"雨水排放口{i + 1}", longitude=lng + 0.0125, latitude=lat - 0.008 + i * 0.004) for i in range(5)]  # fmt: skip
        points += [P(park=park, kind=P.Kind.MANHOLE, network=Network.SEWAGE, code=f"JC-{i + 1:03d}", longitude=lng - 0.012 + (i % 7) * 0.004, latitude=lat - 0.0084 + (i // 7) * 0.004) for i in range(35)]  # fmt: skip
        points += [P(park=park, kind=P.Kind.MONITORING, code=f"JK-{i + 1:02d}", name=f"{firms[i].short_name or firms[i].name}总排口", enterprise=firms[i], longitude=lng - 0.009 + i * 0.0023, latitude=lat + 0.006 - (i % 3) * 0.003) for i in range(8)]  # fmt: skip
        points += [P(park=park, kind=P.Kind.ENTERPRISE, code=f"QY-{i + 1:02d}", name=firms[i].name, enterprise=firms[i], longitude=lng - 0.0095 + i * 0.0023, latitude=lat + 0.0065 - (i % 3) * 0.003) for i in range(14)]  # fmt: skip
        P.objects.bulk_create(points)
