"""A park's evaluation a chunk at a time gives what evaluating each enterprise alone gives: the same
profiles (inputs read together) and the same stored evaluations, on a varied park — full and sparse
archives, missing years, IP granted after the year end, expired certificates, firms founded during the
year, moved out to another park (its rules apply), deregistered, with and without monthly returns."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from scipark.core.testing import make_enterprise
from scipark.economy.models import MonthlyReturn
from scipark.innovation import selectors, services
from scipark.innovation.models import (
    Achievement,
    Award,
    Evaluation,
    IntellectualProperty,
    LedStandard,
    RdInstitution,
    RuleVersion,
    TechArchive,
    TierCertificate,
    with_inputs,
)

pytestmark = pytest.mark.django_db

D = Decimal
YEAR = 2023
FULL = {
    "employees": 120, "tech_staff": 30, "sales": D("48000000.00"), "main_revenue": D("45000000.00"),
    "total_assets": D("60000000"), "total_liabilities": D("21000000"), "total_cost": D("40000000"),
    "net_assets": D("39000000"), "rd_expense": D("2100000.50"), "rd_expense_domestic": D("2000000"),
    "high_tech_income": D("30000000"), "new_equity": D("6000000"), "niche_years": 4, "key_field": True,
    "strategic_emerging": True, "rd_management_score": 15,
}  # fmt: skip


def _archive(enterprise: Any, year: int, park: Any = None, **values: Any) -> TechArchive:
    return TechArchive.objects.create(
        park=park or enterprise.park, enterprise=enterprise, year=year, state="accepted", **values
    )


def _ip(
    enterprise: Any, n: int, kind: str, granted_on: dt.date | None, status: str = "granted", **extra: Any
) -> None:
    IntellectualProperty.objects.create(
        park=enterprise.park, enterprise=enterprise, owner_name=enterprise.name, kind=kind,
        number=f"ZL20231{n:07d}.X", title=f"专利{n}", applied_on=dt.date(2018, 1, 1), granted_on=granted_on,
        status=status, **extra,
    )  # fmt: skip


def _certificate(enterprise: Any, tier: str, granted_on: dt.date, expires_on: dt.date | None) -> None:
    TierCertificate.objects.create(
        park=enterprise.park, enterprise=enterprise, tier=tier, granted_on=granted_on, expires_on=expires_on
    )


def _varied_park(world: Any, inn: Any) -> dict[str, Any]:
    """Twelve enterprises of ``world.park`` (plus the world's own) that differ in every input."""
    park = world.park
    inn.rules()
    inn.rules(world.other_park)
    # The other park is stricter for 科技型: the moved-out firm is judged by its own (new) park's rules.
    RuleVersion.objects.filter(park=world.other_park, tier="tech_sme").update(
        params={**RuleVersion.objects.get(park=park, tier="tech_sme").params, "pass_score": 101}
    )
    made: dict[str, Any] = {}

    def firm(key: str, **extra: Any) -> Any:
        extra.setdefault("registration_date", dt.date(2015, 5, 1))
        made[key] = make_enterprise(park, 9100 + len(made), f"批量评估测试企业{key}", **extra)
        return made[key]

    full = firm("full")
    for year, scale in ((2021, D("0.8")), (2022, D("0.9")), (YEAR, D(1))):
        _archive(full, year, **{k: v * scale if isinstance(v, Decimal) else v for k, v in FULL.items()})
    _ip(full, 1, "invention", dt.date(2021, 3, 1), high_value=True, in_use=True)
    _ip(full, 2, "invention", dt.date(YEAR, 12, 31), self_developed=False)  # granted on the year end
    _ip(full, 3, "utility_model", dt.date(2022, 7, 1))
    _ip(full, 4, "design", None, status="applied")
    _ip(full, 5, "invention", dt.date(YEAR + 1, 2, 1))  # after the year end
    _ip(full, 6, "software", dt.date(2019, 1, 1), status="lapsed")
    Award.objects.create(
        park=park,
        enterprise=full,
        name="省科技进步奖",
        level="provincial",
        rank=2,
        granted_on=dt.date(2020, 6, 1),
    )
    Award.objects.create(
        park=park,
        enterprise=full,
        name="国家科技进步奖",
        level="national",
        rank=5,
        granted_on=dt.date(2022, 6, 1),
    )
    Award.objects.create(
        park=park,
        enterprise=full,
        name="国家技术发明奖",
        level="national",
        rank=1,
        granted_on=dt.date(2018, 6, 1),
    )
    RdInstitution.objects.create(
        park=park,
        enterprise=full,
        name="省级企业技术中心",
        kind="tech_centre",
        level="provincial",
        approved_on=dt.date(2019, 1, 1),
    )
    RdInstitution.objects.create(
        park=park,
        enterprise=full,
        name="国家重点实验室",
        kind="key_lab",
        level="national",
        approved_on=dt.date(YEAR + 1, 1, 1),
    )
    LedStandard.objects.create(
        park=park,
        enterprise=full,
        code="GB/T 1-2021",
        title="国家标准",
        level="national",
        published_on=dt.date(2021, 1, 1),
    )
    for n, day in enumerate(
        (dt.date(2021, 1, 1), dt.date(2022, 5, 1), dt.date(YEAR, 12, 31), dt.date(2020, 12, 31))
    ):
        Achievement.objects.create(
            park=park, enterprise=full, title=f"成果{n}", holder="某大学", converted_on=day
        )
    _certificate(full, "tech_sme", dt.date(YEAR, 5, 1), dt.date(YEAR, 12, 31))  # valid on the last day
    _certificate(full, "high_tech", dt.date(2020, 11, 1), dt.date(YEAR, 11, 30))  # expired before the end
    _certificate(full, "specialised", dt.date(YEAR + 1, 1, 5), None)  # granted after the end  # fmt: skip

    sparse = firm("sparse")  # an archive with most figures missing
    _archive(sparse, YEAR, employees=12)
    _ip(sparse, 10, "software", dt.date(YEAR, 3, 1))
    LedStandard.objects.create(park=park, enterprise=sparse, code="DB63/T 1", title="地方标准", level="local", published_on=dt.date(2022, 1, 1))  # fmt: skip

    no_archive = firm("no_archive")  # last year's archive only: not evaluated this year
    _archive(no_archive, YEAR - 1, **FULL)

    gap_year = firm("gap_year")  # 2021 and 2023, no 2022
    _archive(gap_year, 2021, **FULL)
    _archive(gap_year, YEAR, **{**FULL, "sales": D("260000000"), "main_revenue": D("250000000")})
    _certificate(gap_year, "high_tech", dt.date(2021, 12, 1), dt.date(2024, 11, 30))

    entering = firm("entering", registration_date=dt.date(YEAR, 6, 1))  # founded and entered this year
    _archive(entering, YEAR, **{**FULL, "new_equity": None, "rd_management_score": None})

    firm("no_date", registration_date=None)
    _archive(made["no_date"], YEAR, **FULL)

    moved = firm("moved")  # its archive was filed here; it has since moved to the other park
    _archive(moved, YEAR - 1, **FULL)
    _archive(moved, YEAR, **FULL)
    type(moved).objects.filter(pk=moved.pk).update(park=world.other_park, status="moved_out")

    leaving = firm("leaving", status="deregistered")
    _archive(leaving, YEAR, **{**FULL, "major_incident": True})

    returns = firm("returns")  # monthly returns filed, archive without sales
    _archive(returns, YEAR, **{**FULL, "sales": None})
    for month in (1, 2, 12):
        MonthlyReturn.objects.create(
            park=park, enterprise=returns, period=dt.date(YEAR, month, 1), status="accepted",
            is_current=True, revenue=D("1000000"), employees=90,
        )  # fmt: skip

    for n in range(3):  # small firms, some scoring well, some not
        small = firm(f"small{n}")
        rd = {"rd_expense": D(150_000 * n), "rd_expense_domestic": D(100_000 * n)}
        _archive(small, YEAR - 1, **{**FULL, "sales": D(3_000_000 + n), **rd})
        rd = {"rd_expense": D(200_000 * n), "rd_expense_domestic": D(190_000 * n)}
        _archive(small, YEAR, **{**FULL, "sales": D(4_000_000 + n), "employees": 40 + n, "tech_staff": 4 * n, **rd})  # fmt: skip
        if n:
            _ip(small, 20 + n, "utility_model", dt.date(2022, 1, 1))
    _archive(world.enterprise, YEAR, **FULL)
    return made


def _rows(**filters: Any) -> list[tuple[Any, ...]]:
    """Stored evaluations as comparable values (everything but the key and the time written)."""
    fields = ("park_id", "enterprise_id", "year", "tier", "rule_id", "qualifies", "score_min", "score_max", "gaps")  # fmt: skip
    rows = with_inputs(Evaluation.objects.filter(**filters))
    return sorted(((*(getattr(e, f) for f in fields), e.inputs) for e in rows), key=repr)


def test_profiles_read_together_equal_profiles_read_one_by_one(world: Any, inn: Any) -> None:
    made = _varied_park(world, inn)
    chunks = list(selectors.park_evaluees(park=world.park, year=YEAR, chunk=3))
    evaluees = [e for chunk in chunks for e in chunk]
    assert [len(c) for c in chunks][:-1] == [3] * (len(chunks) - 1) and len(chunks) >= 4
    # Every enterprise with this year's archive in the park, the moved-out one too; not the one without.
    expected = {e.pk for k, e in made.items() if k != "no_archive"} | {world.enterprise.pk}
    assert {e.pk for e in evaluees} == expected and len(evaluees) == len(expected)
    moved = next(e for e in evaluees if e.pk == made["moved"].pk)
    assert moved.park_id == world.other_park.pk
    together = {}
    for chunk in chunks:
        together.update(selectors.build_profiles(chunk, YEAR))
    enterprises = type(world.enterprise).objects.in_bulk([e.pk for e in evaluees])
    for pk, enterprise in enterprises.items():
        assert together[pk] == selectors.build_profile(enterprise, YEAR), enterprise.name
        assert together[pk].as_json() == selectors.build_profile(enterprise, YEAR).as_json()  # type: ignore[union-attr]
    assert (
        selectors.build_profiles([selectors.Evaluee(made["no_archive"].pk, world.park.pk, None)], YEAR) == {}
    )

    # Worked by hand from the records above, so that both paths cannot be wrong together.
    full = together[made["full"].pk]
    assert (full.class_i, full.class_ii, full.class_i_high_value, full.class_i_own, full.class_i_in_use) == (
        2,
        1,
        1,
        1,
        1,
    )
    assert (full.conversions_3y, full.award_level, full.institution_level, full.led_standard) == (
        3,
        "provincial",
        "provincial",
        True,
    )
    assert full.held == frozenset({"tech_sme"})
    assert [h.year for h in full.history] == [2021, 2022] and full.history[0].sales == D("38400000.00")
    sparse = together[made["sparse"].pk]
    assert (sparse.employees, sparse.sales, sparse.class_i, sparse.class_ii, sparse.led_standard) == (
        12,
        None,
        0,
        1,
        False,
    )
    assert [h.year for h in together[made["gap_year"].pk].history] == [2021]
    assert together[made["gap_year"].pk].held == frozenset({"high_tech"})
    assert together[made["no_date"].pk].registered_on is None
    assert together[made["returns"].pk].sales is None  # the archive's figure: returns are not copied in  # fmt: skip


def test_a_park_evaluated_in_chunks_stores_what_one_by_one_stores(world: Any, inn: Any) -> None:
    made = _varied_park(world, inn)
    evaluees = [e for chunk in selectors.park_evaluees(park=world.park, year=YEAR) for e in chunk]
    enterprises = type(world.enterprise).objects.in_bulk([e.pk for e in evaluees])
    for enterprise in enterprises.values():
        services.evaluate_enterprise(enterprise=enterprise, year=YEAR)
    one_by_one = _rows(is_current=True)
    assert len(one_by_one) == 6 * len(evaluees)
    assert {r[0] for r in one_by_one if r[1] == made["moved"].pk} == {world.other_park.pk}
    tech_sme = {r[1]: r[5] for r in one_by_one if r[3] == "tech_sme"}
    assert len(set(tech_sme.values())) > 1  # the park is varied: some qualify, some do not

    done: list[int] = []
    assert services.evaluate_park(park=world.park, year=YEAR, chunk=3, progress=done.append) == len(evaluees)
    assert done == [*range(3, len(evaluees), 3), len(evaluees)]
    assert _rows(is_current=True) == one_by_one
    # The one-by-one results stay, no longer current; each enterprise and tier has one current evaluation.
    assert _rows(is_current=False) == one_by_one
    assert Evaluation.objects.filter(is_current=True).count() == len(one_by_one)
    assert not Evaluation.objects.filter(enterprise=made["no_archive"]).exists()


def test_a_park_evaluation_retires_only_what_it_replaces_with_one_update_per_chunk(
    world: Any, inn: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    made = _varied_park(world, inn)
    services.evaluate_park(park=world.park, year=YEAR)
    # Kept current: last year's evaluation of the firm without this year's archive, and a tier the park
    # has no rule for any more (its evaluation was made with a rule since withdrawn).
    last_year = made["no_archive"]
    services.evaluate_enterprise(enterprise=last_year, year=YEAR - 1)
    assert Evaluation.objects.filter(enterprise=last_year, year=YEAR - 1, is_current=True).count() == 6
    withdrawn = RuleVersion.objects.get(park=world.park, tier="tech_giant")
    RuleVersion.objects.filter(pk=withdrawn.pk).update(valid_to=dt.date(YEAR - 1, 12, 31))
    evaluated = Evaluation.objects.filter(park=world.park, is_current=True).exclude(enterprise=last_year)
    giants = set(evaluated.filter(tier="tech_giant").values_list("pk", flat=True))
    before = set(evaluated.exclude(tier="tech_giant").values_list("pk", flat=True))
    assert len(giants) == 11 and len(before) == 5 * 11  # eleven firms of the park have this year's archive

    with CaptureQueriesContext(connection) as queries:
        assert services.evaluate_park(park=world.park, year=YEAR, chunk=3) == 12
    updates = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    # 12 enterprises, 3 a chunk: one UPDATE a chunk, and one more in the chunk of the moved firm, whose
    # park's rules cover six tiers where this park's now cover five.
    assert len(updates) == 5
    assert Evaluation.objects.filter(pk__in=before, is_current=True).count() == 0  # replaced, kept
    assert Evaluation.objects.filter(pk__in=before).count() == len(before)
    assert set(evaluated.filter(tier="tech_giant").values_list("pk", flat=True)) == giants
    assert Evaluation.objects.filter(enterprise=last_year, is_current=True).count() == 6
    # The moved firm is judged by its own park's rules, which still have 科技小巨人: replaced there.
    moved = Evaluation.objects.filter(enterprise=made["moved"], tier="tech_giant")
    assert (moved.count(), moved.filter(is_current=True).count()) == (2, 1)


def test_a_rule_version_saved_re_evaluates_its_own_tier_only(world: Any, inn: Any) -> None:
    _varied_park(world, inn)
    services.evaluate_park(park=world.park, year=YEAR)
    current = Evaluation.objects.filter(park=world.park, is_current=True)
    before = dict(current.values_list("pk", "tier"))
    old_rule = RuleVersion.objects.get(park=world.park, tier="high_tech")
    new_rule = services.rule_version_save(
        user=inn.staff, park=world.park, year=YEAR,
        data={"tier": "high_tech", "name": "新版本", "source": "测试", "valid_from": dt.date(YEAR, 6, 1), "params": old_rule.params},
    )  # fmt: skip
    after = dict(current.values_list("pk", "tier"))
    assert len(after) == len(before) == 6 * 11
    kept = {pk for pk, tier in before.items() if tier != "high_tech"}
    assert kept == {pk for pk, tier in after.items() if tier != "high_tech"}  # the same rows stand
    assert not {pk for pk, tier in after.items() if tier == "high_tech"} & set(before)  # new ones
    assert set(current.filter(tier="high_tech").values_list("rule_id", flat=True)) == {new_rule.pk}
    old = Evaluation.objects.filter(park=world.park, tier="high_tech", is_current=False)
    assert old.count() == 11 and set(old.values_list("rule_id", flat=True)) == {old_rule.pk}


def test_a_chunk_reads_its_inputs_in_seven_queries_whatever_its_size(
    world: Any, inn: Any, django_assert_num_queries: Any
) -> None:
    _varied_park(world, inn)
    chunk = next(selectors.park_evaluees(park=world.park, year=YEAR, chunk=100))
    with django_assert_num_queries(7):
        assert len(selectors.build_profiles(chunk, YEAR)) == len(chunk) > 10
    with django_assert_num_queries(7):
        assert len(selectors.build_profiles(chunk[:2], YEAR)) == 2


def _asdict_plain(value: Any) -> Any:
    """The stored form as it was first written (``dataclasses.asdict`` then plain), kept as the reference."""
    if isinstance(value, dict):
        return {k: _asdict_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, frozenset, set)):
        items = [_asdict_plain(v) for v in value]
        return sorted(items) if isinstance(value, (frozenset, set)) else items
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def test_the_stored_inputs_and_gaps_are_what_they_were_before_the_fast_path() -> None:
    from dataclasses import asdict

    from scipark.innovation.cultivation import Profile, YearFigures, evaluate
    from scipark.innovation.cultivation.defaults import DEFAULT_RULES

    profile = Profile(
        year=YEAR, registered_on=dt.date(2023, 6, 1), employees=40, tech_staff=3, sales=D("4000000.00"),
        main_revenue=None, total_assets=D("5000000"), rd_expense=D("120000.50"), rd_expense_domestic=D("100000"),
        high_tech_income=D("1000000"), class_ii=2, award_level="municipal", held=frozenset({"tech_sme", "high_tech"}),
        history=(YearFigures(2021, D("3000000.00"), None, D("90000"), None), YearFigures(2022, sales=D("3500000"))),
    )  # fmt: skip
    assert profile.as_json() == _asdict_plain(asdict(profile))
    assert profile.as_json()["held"] == ["high_tech", "tech_sme"]
    assert Profile.from_json(profile.as_json()) == profile
    gaps = 0
    for rule in DEFAULT_RULES:
        result = evaluate(rule.tier, profile, rule.params)
        assert result.gaps_json() == [_asdict_plain(asdict(g)) for g in result.gaps]
        gaps += len(result.gaps)
    assert gaps > 5  # gaps with amounts in 元, people and points were compared


def test_the_command_evaluates_the_named_parks_in_chunks(world: Any, inn: Any) -> None:
    from io import StringIO

    from django.core.management import CommandError, call_command

    made = _varied_park(world, inn)
    _archive(world.foreign_enterprise, YEAR, **FULL)
    out = StringIO()
    call_command("evaluate_tiers", year=YEAR, park=[world.park.code], chunk=4, stdout=out, stderr=StringIO())
    evaluated = len(made)  # eleven of them have this year's archive, and the world's own
    assert f"已评估 {evaluated} 家企业" in out.getvalue()
    assert not Evaluation.objects.filter(enterprise=world.foreign_enterprise).exists()
    assert Evaluation.objects.filter(is_current=True).values("enterprise_id").distinct().count() == evaluated
    call_command("evaluate_tiers", year=YEAR, stdout=out, stderr=StringIO())  # every park
    assert Evaluation.objects.filter(enterprise=world.foreign_enterprise, is_current=True).count() == 6
    with pytest.raises(CommandError, match="找不到园区"):
        call_command("evaluate_tiers", year=YEAR, park=["nowhere"], stdout=out, stderr=StringIO())
