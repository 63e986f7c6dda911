"""The indicator alerts' rules with hand-worked numbers: which targets are behind, at which level, and what
the daily evaluation does with the alerts it keeps."""

from __future__ import annotations

from decimal import Decimal

from scipark.reports import indicator_alerts as rules
from scipark.reports.indicator_alerts import ALARM, GROWTH_SHORT, TARGET_BEHIND, WARNING, Known


def facts(**changes: object) -> rules.TargetFacts:
    base: dict[str, object] = {
        "code": "industrial_output",
        "name": "规模以上工业产值",
        "department": "economy",
        "growth": False,
        "year": 2023,
        "month": 6,
        "target": Decimal(100),
        "actual": Decimal(45),
        "warning_gap": Decimal(0),
        "alarm_gap": Decimal(10),
    }
    base.update(changes)
    return rules.TargetFacts(**base)  # type: ignore[arg-type]


def test_an_amount_target_behind_time_progress_warns() -> None:
    # June: time progress 6/12 = 50 %; 45 of 100 done = 45 %, 5 points behind (≤ the alarm gap of 10).
    condition = rules.target_condition(facts())
    assert condition is not None
    assert (condition.kind, condition.level) == (TARGET_BEHIND, WARNING)
    assert condition.message == "规模以上工业产值:1-6月完成年度目标45%,时间进度50%,落后5个百分点"
    assert condition.key == (TARGET_BEHIND, "industrial_output", 2023)


def test_beyond_the_alarm_gap_it_alarms() -> None:
    # 38 of 100 in June: 12 points behind > 10.
    condition = rules.target_condition(facts(actual=Decimal(38)))
    assert condition is not None and condition.level == ALARM
    assert condition.message.endswith("落后12个百分点")


def test_the_catalogues_warning_gap_tolerates_a_small_lag() -> None:
    # 5 points behind with a warning gap of 5: not beyond it, no alert; 5.5 behind is.
    assert rules.target_condition(facts(warning_gap=Decimal(5))) is None
    assert rules.target_condition(facts(warning_gap=Decimal(5), actual=Decimal("44.5"))) is not None


def test_on_track_or_without_data_no_alert() -> None:
    assert rules.target_condition(facts(actual=Decimal(50))) is None  # exactly on time progress
    assert rules.target_condition(facts(actual=None)) is None
    # October: 10/12 = 83.3 %; 85 done is ahead.
    assert rules.target_condition(facts(month=10, actual=Decimal(85))) is None


def test_a_completion_is_printed_to_one_decimal() -> None:
    # 1-5 months: time progress 41.666… %; 1 234 of 3 600 = 34.277… %, 7.388… points behind.
    condition = rules.target_condition(facts(month=5, target=Decimal(3600), actual=Decimal(1234)))
    assert condition is not None
    assert condition.message == "规模以上工业产值:1-5月完成年度目标34.3%,时间进度41.7%,落后7.4个百分点"


def test_a_growth_target_warns_when_the_growth_falls_short() -> None:
    growth = facts(growth=True, target=Decimal(10), actual=Decimal("8.25"), warning_gap=Decimal(1))
    condition = rules.target_condition(growth)
    # 10 − 8.25 = 1.75 points short > 1.
    assert condition is not None
    assert (condition.kind, condition.level) == (GROWTH_SHORT, WARNING)
    assert condition.message == "规模以上工业产值:1-6月累计增长8.3%,低于年度目标10%"
    # 0.5 short ≤ 1: tolerated; no growth known: nothing to say.
    assert (
        rules.target_condition(
            facts(growth=True, target=Decimal(10), actual=Decimal("9.5"), warning_gap=Decimal(1))
        )
        is None
    )
    assert rules.target_condition(facts(growth=True, target=Decimal(10), actual=None)) is None


def test_evaluate_keeps_one_condition_per_indicator_and_year() -> None:
    found = rules.evaluate([facts(), facts(actual=Decimal(30)), facts(code="sales", actual=Decimal(60))])
    assert [(c.subject, c.level) for c in found] == [("industrial_output", WARNING)]


# --- the plan ---------------------------------------------------------------------------------------------

KEY = (TARGET_BEHIND, "industrial_output", 2023)


def test_a_new_condition_raises_an_alert_and_notifies() -> None:
    condition = rules.target_condition(facts())
    assert condition is not None
    result = rules.plan([condition], {})
    assert result.create == [condition] and result.notify == [condition]
    assert result.refresh == [] and result.cleared == []


def test_the_same_condition_again_refreshes_without_notifying() -> None:
    condition = rules.target_condition(facts())
    assert condition is not None
    result = rules.plan([condition], {KEY: Known(open_level=WARNING)})
    assert result.create == [] and result.refresh == [condition] and result.notify == []


def test_a_worsening_notifies_again() -> None:
    condition = rules.target_condition(facts(actual=Decimal(30)))
    assert condition is not None and condition.level == ALARM
    result = rules.plan([condition], {KEY: Known(open_level=WARNING)})
    assert result.refresh == [condition] and result.notify == [condition]


def test_a_cleared_condition_resolves_and_releases() -> None:
    result = rules.plan([], {KEY: Known(open_level=WARNING)})
    assert result.cleared == [KEY]
    held = rules.plan([], {KEY: Known(held_level=ALARM)})
    assert held.cleared == [KEY]


def test_a_person_resolved_alert_stays_resolved_unless_it_worsens() -> None:
    warning = rules.target_condition(facts())
    alarm = rules.target_condition(facts(actual=Decimal(30)))
    assert warning is not None and alarm is not None
    assert rules.plan([warning], {KEY: Known(held_level=WARNING)}).create == []
    assert rules.plan([alarm], {KEY: Known(held_level=WARNING)}).create == [alarm]
    assert rules.plan([warning], {KEY: Known(held_level=ALARM)}).notify == []


def test_a_sentence_reads_in_english_for_an_english_reader_and_january_alone_is_one_month() -> None:
    behind = rules.target_condition(facts(month=5, target=Decimal(3600), actual=Decimal(1234)))
    short = rules.target_condition(
        facts(growth=True, month=1, target=Decimal(10), actual=Decimal("8.25"), warning_gap=Decimal(1))
    )
    assert behind is not None and short is not None
    assert behind.sentence.text("en") == (
        "Above-scale industrial output: 34.3% of the annual target done in Jan–May against 41.7% of the "
        "year elapsed, 7.4 percentage points behind"
    )
    assert short.message == "规模以上工业产值:1月累计增长8.3%,低于年度目标10%"
    assert short.sentence.text("en") == (
        "Above-scale industrial output: cumulative growth of 8.3% in Jan, below the annual target of 10%"
    )
