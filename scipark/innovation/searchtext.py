"""The tokens of the Chinese search (ADR 0014): overlapping character bigrams of each run of Han
characters, plus each Latin/digit word lowercased — the same on SQLite and PostgreSQL, because the
database only matches whole tokens with an index.

A two-character query (青稞, 藏药, 牦牛) is one bigram; a longer one is all its bigrams, and a row
matches when it has every one of them. A single Han character has no bigram: it is kept as a one-character
token so that 1-character queries still find titles that contain it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
RUN = re.compile(rf"[{HAN}]+|[0-9A-Za-z]+")
IS_HAN = re.compile(rf"[{HAN}]")
MAX_TOKEN = 32


def tokens(text: str) -> list[str]:
    """The tokens of ``text`` in order, with repeats."""
    found: list[str] = []
    for run in RUN.findall(text or ""):
        if IS_HAN.match(run):
            if len(run) == 1:
                found.append(run)
            else:
                found.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            found.append(run.lower()[:MAX_TOKEN])
    return found


def query_tokens(query: str) -> list[str]:
    """The distinct tokens a row must all have to match ``query``."""
    return list(dict.fromkeys(tokens(query)))


def weighted(fields: Iterable[tuple[str, int]]) -> dict[str, int]:
    """Token → weight for one row: each field's tokens times its weight (the title weighs more)."""
    total: dict[str, int] = {}
    for text, weight in fields:
        for token in set(tokens(text)):
            total[token] = total.get(token, 0) + weight
    return total


def highlight(text: str, query: str) -> str:
    """``text`` escaped for HTML, with the query's runs wrapped in <mark> (case-insensitive)."""
    runs = sorted({r for r in RUN.findall(query or "") if r}, key=len, reverse=True)
    escaped = html.escape(text or "")
    if not runs:
        return escaped
    pattern = re.compile("|".join(re.escape(html.escape(r)) for r in runs), re.IGNORECASE)
    return pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", escaped)


def snippet(text: str, query: str, width: int = 60) -> str:
    """A piece of ``text`` around the first hit (plain text, not yet highlighted)."""
    text = " ".join((text or "").split())
    runs = [r for r in RUN.findall(query or "") if r]
    where = min((i for r in runs if (i := text.lower().find(r.lower())) >= 0), default=0)
    start = max(0, where - width // 3)
    piece = text[start : start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")


def is_han_run(word: str) -> bool:
    """Whether ``word`` is Han characters only (its bigrams are all the index holds of it)."""
    return bool(word) and all(IS_HAN.match(c) for c in word)
