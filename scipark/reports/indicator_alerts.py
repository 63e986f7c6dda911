"""Indicator alerts, computed: which of a park's annual targets are behind, and what the daily evaluation
does with the alerts it already keeps. Pure functions over plain values (no database), so that every rule
is tested with hand-worked numbers; ``alert_services`` reads the facts and writes the plan.

The thresholds are the indicator catalogue's (economy's ``Indicator.warning_gap``/``alarm_gap``, applied
by economy's own ``kpi.target_progress``/``kpi.growth_target_alert``): an amount or count target warns
when its completion falls behind the time progress by more than the warning gap and alarms beyond the
alarm gap; a growth target warns when the cumulative growth falls short of it by more than the warning gap.

A condition's sentence is a ``core.messages.Message`` (ADR 0003 rule 7): the alert keeps it and the page
words it in its reader's language; ``Condition.message`` is its wording in the site's language (Chinese).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_noop

from scipark.core.messages import Message, phrase, term
from scipark.economy import kpi

WARNING, ALARM = "warning", "alarm"
#: How serious a level is, to tell a worsening (warning → alarm) from a repeat.
RANK = {WARNING: 1, ALARM: 2}
TARGET_BEHIND, GROWTH_SHORT = "target_behind", "growth_short"


@dataclass(frozen=True)
class TargetFacts:
    """One annual target of a park as the evaluation needs it (read through economy's selectors)."""

    code: str  # the indicator's code: the alert's subject
    name: str
    department: str  # the indicator's owner department (DepartmentKind)
    growth: bool  # a growth target (%), else an amount or a count against time progress
    year: int
    month: int  # the month evaluated (累计 to it)
    target: Decimal  # the target: an amount, a count, or a growth rate in percent
    actual: Decimal | None  # the same unit; growth in percent; None = no data yet
    warning_gap: Decimal
    alarm_gap: Decimal


@dataclass(frozen=True)
class Condition:
    """A target found behind: the alert it keeps open (one per park, kind, subject and year)."""

    kind: str
    subject: str
    subject_name: str
    department: str
    year: int
    level: str
    sentence: Message  # what it says, worded when read

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.kind, self.subject, self.year)

    @property
    def message(self) -> str:
        """The sentence in the site's language (Chinese): the alert's stored text."""
        return self.sentence.text(settings.LANGUAGE_CODE)


#: The conditions' sentences (their values: ``indicator``, a data term; ``months``, see ``_months``).
GROWTH_SENTENCE = gettext_noop("%(indicator)s:%(months)s累计增长%(actual)s%%,低于年度目标%(target)s%%")
BEHIND_SENTENCE = gettext_noop(
    "%(indicator)s:%(months)s完成年度目标%(done)s%%,时间进度%(elapsed)s%%,落后%(behind)s个百分点"
)


def _months(month: int) -> dict[str, Any]:
    """The months counted (累计) as a value: 1-6月 / Jan–Jun; January alone reads as itself.

    The month names are ``core.terms.MONTHS``' catalogue strings (1月 … 12月)."""
    if month == 1:
        return phrase("1月")
    return phrase(gettext_noop("1-%(last)s"), last=phrase(f"{month}月"))


def _number(value: Decimal, places: str = "0.1") -> str:
    text = format(value.quantize(Decimal(places), rounding=ROUND_HALF_UP), "f")  # 8.25 → 8.3, as printed
    return text.rstrip("0").rstrip(".") if "." in text else text


def target_condition(facts: TargetFacts) -> Condition | None:
    """The alert a target calls for, or None when it is on track (or has no data to judge)."""
    if facts.growth:
        rate = None if facts.actual is None else facts.actual / 100
        alert = kpi.growth_target_alert(
            actual=rate, target_percent=facts.target, warning_gap=facts.warning_gap
        )
        if alert != kpi.Alert.WARNING or facts.actual is None:
            return None
        sentence = Message(
            GROWTH_SENTENCE,
            {
                "indicator": term(facts.name),
                "months": _months(facts.month),
                "actual": _number(facts.actual),
                "target": _number(facts.target),
            },
        )
        return Condition(
            GROWTH_SHORT, facts.code, facts.name, facts.department, facts.year, WARNING, sentence
        )
    progress = kpi.target_progress(
        actual=facts.actual,
        target=facts.target,
        month=facts.month,
        warning_gap=facts.warning_gap,
        alarm_gap=facts.alarm_gap,
    )
    if progress.alert not in (kpi.Alert.WARNING, kpi.Alert.ALARM):
        return None
    assert progress.completion is not None and progress.gap_points is not None
    sentence = Message(
        BEHIND_SENTENCE,
        {
            "indicator": term(facts.name),
            "months": _months(facts.month),
            "done": _number(progress.completion * 100),
            "elapsed": _number(progress.time_progress * 100),
            "behind": _number(-progress.gap_points),
        },
    )
    level = ALARM if progress.alert == kpi.Alert.ALARM else WARNING
    return Condition(TARGET_BEHIND, facts.code, facts.name, facts.department, facts.year, level, sentence)


def evaluate(targets: Iterable[TargetFacts]) -> list[Condition]:
    """Every target behind, each once (the first target of an indicator wins)."""
    found: dict[tuple[str, str, int], Condition] = {}
    for facts in targets:
        condition = target_condition(facts)
        if condition is not None:
            found.setdefault(condition.key, condition)
    return list(found.values())


# --- what to do with the alerts kept --------------------------------------------------------------------


@dataclass(frozen=True)
class Known:
    """What is kept for one key: the open alert's level, and the highest level a person resolved while
    the condition held (``held``: not cleared by the records since)."""

    open_level: str | None = None
    held_level: str | None = None


@dataclass
class Plan:
    """The writes one evaluation makes: raise, refresh (``worse``: notify again), resolve and clear."""

    create: list[Condition] = field(default_factory=list)
    refresh: list[Condition] = field(default_factory=list)
    worse: list[Condition] = field(default_factory=list)
    cleared: list[tuple[str, str, int]] = field(default_factory=list)

    @property
    def notify(self) -> list[Condition]:
        return [*self.create, *self.worse]


def plan(conditions: Sequence[Condition], known: Mapping[tuple[str, str, int], Known]) -> Plan:
    """What the evaluation does, given today's conditions and the alerts kept per key:

    - a condition with an open alert refreshes it (``worse`` as well when its level rose: notify again);
    - a condition a person resolved while it held stays resolved unless its level rose (then a new alert);
    - any other condition raises a new alert (and notifies);
    - a key kept but without a condition today is cleared: its open alert resolves, a held one is released
      (the condition's return then raises a new alert).
    """
    result = Plan()
    seen = set()
    for condition in conditions:
        seen.add(condition.key)
        kept = known.get(condition.key, Known())
        if kept.open_level is not None:
            result.refresh.append(condition)
            if RANK[condition.level] > RANK.get(kept.open_level, 0):
                result.worse.append(condition)
        elif kept.held_level is not None and RANK[condition.level] <= RANK.get(kept.held_level, 0):
            continue
        else:
            result.create.append(condition)
    result.cleared = [
        key
        for key, kept in known.items()
        if key not in seen and (kept.open_level is not None or kept.held_level is not None)
    ]
    return result
