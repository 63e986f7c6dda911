"""What the annual summary says, assembled from the figures, the narrative and the charts' data: plain values
the Word builder lays out (and tests read without opening a document)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..catalogue import BY_ID, HONOURS, INVESTMENT, SERVICE
from ..catalogue import ECONOMY as ECONOMY_SECTION
from ..selectors import MonthlySeries, SectionText
from ..wording import Printed, Segment, expand, extra_row, gap, number_text
from . import charts


@dataclass(frozen=True)
class Chart:
    title: str
    png: bytes


@dataclass
class SectionContent:
    heading: str
    paragraphs: list[list[Segment]]
    unmentioned: list[Printed]  # the section's rows its narrative leaves out, listed after it
    charts: list[Chart] = field(default_factory=list)


@dataclass(frozen=True)
class AppendixRow:
    row_id: str
    label: str
    value: str
    unit: str
    basis: str
    sources: str
    note: str
    missing: bool


@dataclass
class SummaryContent:
    park_name: str
    year: int
    lead: list[list[Segment]]
    sections: list[SectionContent]
    appendix: list[AppendixRow]


def _paragraphs(text: str, rows: Mapping[str, Printed], year: int, park_name: str) -> list[list[Segment]]:
    return [
        expand(line.strip(), rows, year=year, park_name=park_name)
        for line in text.splitlines()
        if line.strip()
    ]


def appendix_rows(figures: Mapping[str, Mapping[str, Any]], rows: Mapping[str, Printed]) -> list[AppendixRow]:
    """Every row: its value, unit, basis and source-record count as the registry gave them."""
    found = []
    for row_id, shown in rows.items():
        figure = figures.get(row_id)
        row = BY_ID.get(row_id) or extra_row(figure or {"id": row_id, "title": row_id})
        if figure is None:
            found.append(AppendixRow(row_id, row.label, "", "", "", "", shown.text, True))
            continue
        sources = "、".join(f"{s['rule']} {s['count']}条" for s in figure["sources"]) or "—"
        value = "" if figure["value"] is None else number_text(figure["value"])
        note = shown.text if shown.missing else (figure.get("note") or "")
        found.append(
            AppendixRow(
                row_id, row.label, value, figure["unit"], figure["basis"], sources, note, shown.missing
            )
        )
    return found


def _trend_chart(series: MonthlySeries | None, year: int) -> list[Chart]:
    if series is None or not series.has_data:
        return []
    png = charts.trend_chart(
        "规模以上工业总产值累计(按月)",
        series.labels,
        [charts.Series(f"{year}年", series.this_year), charts.Series(f"{year - 1}年", series.last_year)],
        "亿元",
    )
    return [Chart("规模以上工业总产值累计(按月)", png)]


def _target_chart(figures: Mapping[str, Mapping[str, Any]]) -> list[Chart]:
    labels, completion = [], []
    for row_id, figure in figures.items():
        done = (figure.get("details") or {}).get("completion_percent")
        if done is not None and figure.get("value") is not None:
            event = (figure.get("details") or {}).get("event")
            label = BY_ID[row_id].label if row_id in BY_ID else figure["title"]
            labels.append(f"{event}{label.removeprefix('展会')}" if event else label)
            completion.append(float(done))
    if not labels:
        return []
    return [Chart("目标任务完成情况", charts.completion_chart("目标任务完成情况", labels, completion))]


def _appeals_chart(figures: Mapping[str, Mapping[str, Any]]) -> list[Chart]:
    by_category = ((figures.get("S1") or {}).get("details") or {}).get("by_category") or {}
    if not by_category:
        return []
    items = sorted(by_category.items(), key=lambda kv: -kv[1])
    png = charts.bar_chart(
        "为企业解决问题(按诉求类别)", [k for k, _ in items], [float(v) for _, v in items], "个"
    )
    return [Chart("为企业解决问题(按诉求类别)", png)]


def summary_content(
    *,
    park_name: str,
    year: int,
    figures: Mapping[str, Mapping[str, Any]],
    rows: Mapping[str, Printed],
    texts: list[SectionText],
    trend: MonthlySeries | None,
    draw_charts: bool = True,
) -> SummaryContent:
    """The summary: the lead, each section's narrative with its figures (and the rows it leaves out), the
    charts after the sections they illustrate, and the appendix of every row."""
    lead: list[list[Segment]] = []
    sections = []
    for section_text in texts:
        section = section_text.section
        paragraphs = _paragraphs(section_text.text, rows, year, park_name)
        if section.key == "lead":
            lead = paragraphs
            continue
        if not paragraphs:
            why = "荣誉由工作人员撰写" if section.key == HONOURS else "本节文字尚未撰写"
            paragraphs = [[Segment(gap(why), "gap")]]
        mentioned = {s.row_id for p in paragraphs for s in p if s.row_id}
        content = SectionContent(
            heading=section.heading,
            paragraphs=paragraphs,
            unmentioned=[rows[r] for r in section_text.row_ids if r not in mentioned],
        )
        if not draw_charts:
            pass
        elif section.key == ECONOMY_SECTION:
            content.charts = _trend_chart(trend, year)
        elif section.key == INVESTMENT:
            content.charts = _target_chart(figures)
        elif section.key == SERVICE:
            content.charts = _appeals_chart(figures)
        sections.append(content)
    return SummaryContent(park_name, year, lead, sections, appendix_rows(figures, rows))


def plain_text(content: SummaryContent) -> str:
    """The summary's words without layout (tests, and the page's preview)."""
    lines = ["".join(s.text for s in p) for p in content.lead]
    for section in content.sections:
        lines.append(section.heading)
        lines += ["".join(s.text for s in p) for p in section.paragraphs]
        lines += [r.text for r in section.unmentioned]
    return "\n".join(lines)
