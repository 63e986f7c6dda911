"""Words of the park's data and calendar in the UI language (issue 10 item 11, ADR 0003).

Month labels are Chinese source strings with English translations in the catalogue, like every other UI
string: ``month_label(5)`` reads 5月 or May. Terms kept as data — an indicator's name or unit loaded from a
module's reference catalogue — are translated the same way: the module marks them with ``gettext_noop`` where
it defines them (so ``make translations`` keeps them in its catalogue) and pages show ``data_term(name)``.
A term nobody has translated (a row a keeper added later) reads in Chinese, as ADR 0003 wants.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.utils.translation import get_language, gettext, gettext_lazy, pgettext

#: 1月 … 12月 (index 0 is January).
MONTHS = (
    gettext_lazy("1月"),
    gettext_lazy("2月"),
    gettext_lazy("3月"),
    gettext_lazy("4月"),
    gettext_lazy("5月"),
    gettext_lazy("6月"),
    gettext_lazy("7月"),
    gettext_lazy("8月"),
    gettext_lazy("9月"),
    gettext_lazy("10月"),
    gettext_lazy("11月"),
    gettext_lazy("12月"),
)


def month_label(month: int) -> str:
    """``5`` → 5月 (May)."""
    return str(MONTHS[month - 1])


def month_span_label(first: int, last: int) -> str:
    """``(1, 2)`` → 1–2月 (Jan–Feb); one month reads as that month."""
    if first == last:
        return month_label(first)
    return pgettext("month span", "%(first)s–%(last)s") % {
        "first": month_label(first).removesuffix("月"),
        "last": month_label(last),
    }


def year_month_label(year: int, month: int) -> str:
    """``(2023, 5)`` → 2023年5月 (May 2023)."""
    return gettext("%(year)s年%(month)s") % {"year": year, "month": month_label(month)}


def month_text(period: dt.date) -> str:
    """A reporting month as a message names it: 2023年05月 on the Chinese pages (as they always wrote it),
    May 2023 on the English ones."""
    if reads_chinese():
        return f"{period:%Y年%m月}"
    return year_month_label(period.year, period.month)


def year_label(year: int) -> str:
    """``2023`` → 2023年 (2023)."""
    return gettext("%(year)s年") % {"year": year}


def joined(items: Iterable[object]) -> str:
    """Words or names listed as the reader's language lists them: 发明专利 1、实用新型专利 2 / Invention patent 1,
    Utility model patent 2."""
    return pgettext("list separator", "、").join(str(item) for item in items)


def data_term(text: str) -> str:
    """A term kept as data (an indicator's name, a unit) in the UI language, where the catalogue has it."""
    return gettext(text) if text else text


def reads_chinese(language: str | None = None) -> bool:
    """Whether a text is for a Chinese reader: ``language``, else the active one, else the site's default
    (a command that deactivated translation writes Chinese)."""
    return (language or get_language() or settings.LANGUAGE_CODE).startswith("zh")
