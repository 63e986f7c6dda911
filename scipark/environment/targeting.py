"""A campaign's target set by rule: which of the park's enterprises a rule takes in, and how the set on file
must change on a day for it to match the rule again. Plain values, no ORM.

A rule is data (``Campaign.target_rule``)::

    {"industries": ["27", "2620"], "tags": ["涉水"], "producers": "key"}

- ``industries``: GB/T 4754-2017 codes at any level (大类 ``27``, 中类 ``262``, 小类 ``2620``); an enterprise
  whose 小类 starts with one of them is taken in. Empty: any industry.
- ``tags``: the enterprise carries at least one of these tags. Empty: any.
- ``producers``: ``""`` any enterprise; ``"any"`` registered hazardous-waste producers; ``"key"`` /
  ``"non_key"`` key or non-key producers only (the class on file that day).

Conditions are joined by AND; only operating enterprises are taken in. An empty rule takes nothing (a
campaign "of every enterprise" says so with ``{"all": true}``).

Reconciling on a day: an enterprise the rule takes in that is not in the set joins that day; one in the set
that the rule no longer takes in leaves that day (its rounds so far still count, ``coverage``'s rule); one
that left before and is taken in again is reported, not re-added: the set keeps one membership per
enterprise, and re-admitting it would count the rounds it missed while out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from scipark.core.terms import joined

PRODUCER_CHOICES = {
    "": "",
    "any": gettext_lazy("危险废物产废单位"),
    "key": gettext_lazy("重点产废单位"),
    "non_key": gettext_lazy("非重点产废单位"),
}


class RuleError(ValueError):
    """A rule that cannot be read: the message names the field (Chinese, for the form and the API)."""


@dataclass(frozen=True)
class TargetRule:
    industries: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    producers: str = ""
    all: bool = False

    @classmethod
    def from_data(cls, data: Mapping[str, Any] | None) -> TargetRule | None:
        """The rule stored as ``data``; ``None`` when there is none (the set is a typed list)."""
        if not data:
            return None
        if not isinstance(data, Mapping):
            raise RuleError(_("对象规则须为 JSON 对象。"))
        unknown = sorted(set(data) - {"industries", "tags", "producers", "all"})
        if unknown:
            raise RuleError(_("对象规则含未知条件:%(names)s。") % {"names": joined(unknown)})
        industries = _strings(data.get("industries"), _("行业代码"))
        bad = [c for c in industries if not (c.isdigit() and 2 <= len(c) <= 4)]
        if bad:
            raise RuleError(
                _("行业代码「%(codes)s」须为 GB/T 4754 大类、中类或小类代码(2–4 位数字)。")
                % {"codes": joined(bad)}
            )
        producers = data.get("producers") or ""
        if producers not in PRODUCER_CHOICES:
            raise RuleError(
                _("产废单位条件「%(value)s」无效,可选:any、key、non_key。") % {"value": producers}
            )
        rule = cls(industries, _strings(data.get("tags"), _("标签")), producers, bool(data.get("all")))
        if not rule.all and not (rule.industries or rule.tags or rule.producers):
            raise RuleError(_("对象规则至少要有一个条件(行业、标签或产废单位),或写明 all。"))
        return rule

    def as_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if self.all:
            data["all"] = True
        if self.industries:
            data["industries"] = list(self.industries)
        if self.tags:
            data["tags"] = list(self.tags)
        if self.producers:
            data["producers"] = self.producers
        return data

    def describe(self) -> str:
        """The rule in words, for the campaign's page."""
        parts = []
        if self.industries:
            parts.append(_("行业 %(codes)s") % {"codes": joined(self.industries)})
        if self.tags:
            parts.append(_("标签 %(tags)s") % {"tags": joined(self.tags)})
        if self.producers:
            parts.append(str(PRODUCER_CHOICES[self.producers]))
        return _(",且").join(parts) if parts else _("园区全部在营企业")

    def takes(self, facts: EnterpriseFacts) -> bool:
        if not facts.operating:
            return False
        if self.industries and not any(facts.industry_code.startswith(c) for c in self.industries):
            return False
        if self.tags and not (facts.tags & set(self.tags)):
            return False
        if self.producers == "any":
            return facts.producer is not None
        if self.producers:
            return facts.producer == self.producers
        return True


def _strings(value: Any, what: str) -> tuple[str, ...]:
    if value in (None, ""):
        return ()
    if isinstance(value, str):
        value = value.replace(",", ",").split(",")
    if not isinstance(value, list | tuple):
        raise RuleError(_("%(what)s须为列表。") % {"what": what})
    return tuple(dict.fromkeys(str(v).strip() for v in value if str(v).strip()))


@dataclass(frozen=True)
class EnterpriseFacts:
    """What a rule reads of one enterprise on the day: its 小类, its tags, its producer class, whether it
    operates."""

    enterprise_id: int
    industry_code: str = ""
    tags: frozenset[str] = field(default_factory=frozenset)
    producer: str | None = None  # "key" / "non_key" / None (not a registered producer)
    operating: bool = True


@dataclass(frozen=True)
class Member:
    """An enterprise in the set on file."""

    enterprise_id: int
    joined_on: dt.date
    left_on: dt.date | None = None


@dataclass(frozen=True)
class Plan:
    join: tuple[int, ...]  # enterprise ids that join on the day
    leave: tuple[int, ...]  # enterprise ids that leave on the day
    returning: tuple[int, ...]  # left before, taken in again: reported, not re-added

    @property
    def changes(self) -> bool:
        return bool(self.join or self.leave)


def reconcile(
    rule: TargetRule, enterprises: Iterable[EnterpriseFacts], members: Iterable[Member], on: dt.date
) -> Plan:
    """How the set ``members`` changes on ``on`` to match ``rule`` over ``enterprises``."""
    taken = {f.enterprise_id for f in enterprises if rule.takes(f)}
    current = {m.enterprise_id: m for m in members}
    active = {e for e, m in current.items() if m.left_on is None or m.left_on > on}
    join = sorted(taken - set(current))
    leave = sorted(e for e in active - taken if current[e].joined_on <= on)
    returning = sorted(e for e in taken & set(current) if e not in active)
    return Plan(tuple(join), tuple(leave), tuple(returning))
