"""Matching a need to resources: a pure score over plain values, with the reasons shown to staff.

score = 50 × (same category) + 30 × Dice(keyword bigrams) + 20 × Dice(text bigrams), 0–100.

Chinese has no spaces between words, so overlap is measured on character bigrams (“通信信号” →
通信, 信信, 信号): two texts about 基站 and 信号 share bigrams whatever else they say. The Dice
coefficient 2|A∩B| / (|A| + |B|) is 1 for identical sets and 0 for disjoint ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

CATEGORY_WEIGHT = 50
KEYWORD_WEIGHT = 30
TEXT_WEIGHT = 20
#: Suggestions below this score are not shown (neither the category nor any wording in common).
MIN_SCORE = 5.0

_SEPARATORS = re.compile(r"[\s,,、;;/|]+")
_RUNS = re.compile(r"[0-9a-z\u3400-\u9fff]+")


def parse_keywords(text: str) -> tuple[str, ...]:
    """Keywords as typed (顿号, commas, semicolons or spaces between them), without repeats."""
    return tuple(dict.fromkeys(k for k in _SEPARATORS.split(text.strip().lower()) if k))


def bigrams(text: str) -> frozenset[str]:
    """Character bigrams of each run of letters, digits or Chinese characters; a lone character counts."""
    grams: set[str] = set()
    for run in _RUNS.findall(text.lower()):
        if len(run) == 1:
            grams.add(run)
        grams.update(run[i : i + 2] for i in range(len(run) - 1))
    return frozenset(grams)


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """2|A∩B| / (|A| + |B|); 0 when both are empty."""
    if not a and not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


@dataclass(frozen=True)
class Item:
    """What matching reads of a need or a resource."""

    id: int
    category: str
    keywords: tuple[str, ...]
    text: str  # title and description


@dataclass(frozen=True)
class Match:
    """A resource's score for a need, and why."""

    resource_id: int
    score: float
    same_category: bool
    keyword_overlap: float
    text_overlap: float
    shared_keywords: tuple[str, ...] = field(default_factory=tuple)


def _keyword_bigrams(keywords: Iterable[str]) -> frozenset[str]:
    grams: set[str] = set()
    for keyword in keywords:
        grams |= bigrams(keyword)
    return frozenset(grams)


def score(need: Item, resource: Item) -> Match:
    """How well ``resource`` answers ``need`` (0–100, one decimal)."""
    same = need.category == resource.category
    keyword_overlap = dice(_keyword_bigrams(need.keywords), _keyword_bigrams(resource.keywords))
    text_overlap = dice(bigrams(need.text), bigrams(resource.text))
    value = CATEGORY_WEIGHT * same + KEYWORD_WEIGHT * keyword_overlap + TEXT_WEIGHT * text_overlap
    resource_grams = _keyword_bigrams(resource.keywords) | bigrams(resource.text)
    shared = tuple(k for k in need.keywords if bigrams(k) & resource_grams)
    return Match(
        resource_id=resource.id,
        score=round(value, 1),
        same_category=same,
        keyword_overlap=round(keyword_overlap, 3),
        text_overlap=round(text_overlap, 3),
        shared_keywords=shared,
    )


def rank(
    need: Item, resources: Sequence[Item], *, limit: int = 10, minimum: float = MIN_SCORE
) -> list[Match]:
    """The best ``limit`` resources for ``need``, highest score first (ties: lower id first)."""
    matches = [score(need, r) for r in resources]
    kept = [m for m in matches if m.score >= minimum]
    kept.sort(key=lambda m: (-m.score, m.resource_id))
    return kept[:limit]
