"""Writes of the reports app: a section's narrative, and generating (and keeping) the annual summary."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from scipark.core import access
from scipark.core.figures import compute_figures
from scipark.core.services import ConflictError, lock_for_change, save_changes
from scipark.parks.models import Park

from .catalogue import SECTION_KEYS
from .models import Narrative, SummaryIssue
from .selectors import SectionText, output_trend, section_texts, snapshot
from .summary.content import SummaryContent, summary_content
from .summary.document import build_docx
from .wording import Printed, narrative_problems, printed_rows

FIRST_YEAR, LAST_YEAR = 1990, 2100


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            {
                "year": _("年份“%(year)s”不在 %(first)s–%(last)s 之间。")
                % {"year": year, "first": FIRST_YEAR, "last": LAST_YEAR}
            }
        )


def narrative_save(
    *, user: Any, park: Park, year: int, section: str, text: str, expected_version: int | None = None
) -> Narrative:
    """Store one section's words for the park's summary of ``year`` (figures only as placeholders).

    ``expected_version`` is the version the writer started from (``None``: the article's wording, nothing
    stored yet); a text stored by someone else since is a conflict, never overwritten.
    """
    _check_year(year)
    if section not in SECTION_KEYS:
        raise ValidationError({"section": _("没有“%(section)s”这一章节。") % {"section": section}})
    text = text.strip().replace("\r\n", "\n")
    problems = narrative_problems(text)
    if problems:
        raise ValidationError({"text": problems})
    if not Narrative.may_write_in(user, park.pk):
        raise access.AccessDenied(_("只有本园区的部门工作人员可以修改年度总结的文字。"))
    with transaction.atomic():
        stored = Narrative.objects.filter(park=park, year=year, section=section).first()
        if stored is None:
            if expected_version is not None:
                raise ConflictError()
            return Narrative.objects.create(park=park, year=year, section=section, text=text, updated_by=user)
        locked = lock_for_change(
            Narrative, stored.pk, user=user, action=access.Action.CHANGE, expected_version=expected_version
        )
        save_changes(locked, text=text, updated_by=user)
        return locked


@dataclass
class Summary:
    """The summary as it would be generated now: the figures, each row as printed, the narrative, content."""

    figures: dict[str, dict[str, Any]]
    rows: dict[str, Printed]
    texts: list[SectionText]
    content: SummaryContent


def summary_now(park: Park, year: int, *, charts: bool = True) -> Summary:
    """The park's summary of ``year`` from the records and the narrative as they are now (``charts``:
    draw the charts too, which only the document needs). The summary is the park's Chinese document: it is
    made in Chinese whatever the reader's language (the figures' notes, periods and rates with it)."""
    _check_year(year)
    with translation.override("zh-hans"):
        figures = compute_figures(park, year)
        rows = printed_rows(figures)
        texts = section_texts(park, year)
        content = summary_content(
            park_name=park.name,
            year=year,
            figures=figures,
            rows=rows,
            texts=texts,
            trend=output_trend(park, year) if charts else None,
            draw_charts=charts,
        )
    return Summary(figures, rows, texts, content)


def summary_generate(*, user: Any | None, park: Park, year: int) -> SummaryIssue:
    """Generate the annual summary (.docx) and keep it with the values and source counts it printed.

    ``user`` is None for the ``scipark report annual`` command (an operator on the server).
    """
    if user is not None and not SummaryIssue.may_write_in(user, park.pk):
        raise access.AccessDenied(_("只有本园区的工作人员和领导可以生成年度工作总结。"))
    summary = summary_now(park, year)
    with transaction.atomic():
        # Numbering per park and year: the park's row serialises two generations at the same moment.
        Park.objects.select_for_update().filter(pk=park.pk).first()
        last = SummaryIssue.objects.filter(park=park, year=year).aggregate(n=Max("number"))["n"] or 0
        number = last + 1
        when = timezone.localtime()
        who = getattr(user, "display_name", None) or getattr(user, "username", None) or "命令行"
        edition = f"第{number}版 · {when:%Y-%m-%d %H:%M} 由{who}生成 · 数据由平台根据业务记录计算"
        data = build_docx(summary.content, edition=edition)
        issue = SummaryIssue(
            park=park,
            year=year,
            number=number,
            sha256=hashlib.sha256(data).hexdigest(),
            figures=snapshot(summary.figures, summary.rows),
            narrative={t.section.key: t.text for t in summary.texts},
            generated_by=user,
        )
        issue.file.save(f"{park.code}-{year}-v{number}.docx", ContentFile(data), save=False)
        try:
            issue.save()
        except Exception:
            issue.file.delete(save=False)  # no file without its record
            raise
    return issue
