"""The annual summary from the demo park's records: the Word document reads back with every computed figure
as the registry gives it, the seed article's sentences, 【待补充】 for the rest, and its appendix; narrative
edits survive regeneration; a records change after generation is flagged 与发布时不同."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Generator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import docx
import pytest
from django.core.management import call_command
from django.test import Client

from scipark.accounts.models import User
from scipark.core import access
from scipark.core.figures import compute_figures
from scipark.core.testing import World
from scipark.demo.builder import DemoBuilder
from scipark.events.models import Event
from scipark.parks.models import Department, Park
from scipark.reports import selectors, services
from scipark.reports.catalogue import BY_ID, ROW_IDS
from scipark.reports.models import SummaryIssue
from scipark.reports.wording import number_text, printed

TZ = ZoneInfo("Asia/Shanghai")
#: How the seed article prints the rows whose modules are done, as the summary must print them.
ARTICLE = (
    "规模以上工业产值同比增长10%(同口径)",
    "完成固定资产投资18.2亿元,同比增长14.9%",
    "完成限额以上批发业销售额148.7亿元,同比增长17.5%",
    "2户工业企业纳入规模以上企业",
    "7户商贸企业纳入限额以上企业",
    "规模以上工业单位增加值能耗降低9.9%",
    "青洽会项目签约额21亿元,完成目标任务的105%",
    "省外到位资金15.03亿元,完成目标任务的100.2%",
    "落地5000万元投资以上工业项目6个,总投资约28.8亿元",
    "已筹建4支产业投资基金",
    "基金规模2亿元",
    "7家企业在股交中心区域板块挂牌",
    "共计1697万元",
    "5项反馈问题和22件信访举报件已全部完成整改",
    "6件转办信访举报件全部办结",
    "完成4家企业49.5蒸吨锅炉低氮改造,削减氮氧化物约30.99吨",
    "34家涉水企业",
    "新建和改造雨污水主管网1.73km,改造混接错接市政管网5处",
    "4家重点产废单位和46家非重点产废单位",
    "危险废物无害化处理达100%",
    "5家企业成功创建节水型企业",
    "为企业解决问题54个",
    "组织企业用工招聘会2场",
)


@pytest.fixture(scope="module")
def demo(module_world: World) -> Generator[Park]:
    DemoBuilder().build()
    yield Park.objects.get(code="bio")


@pytest.fixture(autouse=True)
def media_in_tmp(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def document_text(data: bytes) -> tuple[str, list[list[str]]]:
    document = docx.Document(io.BytesIO(data))
    body = "\n".join(p.text for p in document.paragraphs)
    table = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    return body, table


def generate(park: Park, out: Path) -> tuple[str, list[list[str]]]:
    call_command(
        "report", "annual", "--park", park.code, "--year", "2023", "--out", str(out), stdout=io.StringIO()
    )
    return document_text(out.read_bytes())


@pytest.mark.django_db
def test_the_document_prints_every_figure_as_the_registry_gives_it(demo: Park, tmp_path: Path) -> None:
    body, table = generate(demo, tmp_path / "summary.docx")
    assert body.startswith("生物科技产业园区2023年度工作总结")
    for heading in (
        "经济运行",
        "招商引资与项目建设",
        "科技创新与企业培育",
        "生态环境",
        "企业服务与党建",
        "荣誉",
    ):
        assert heading in body
    for sentence in ARTICLE:
        assert sentence in body, sentence
    figures = compute_figures(demo, 2023)
    appendix = {row[0]: row for row in table[1:]}
    assert set(ROW_IDS) <= set(appendix)
    for row_id in ROW_IDS:
        figure = figures.get(row_id)
        shown = printed(BY_ID[row_id], figure)
        assert shown.text in body, row_id
        if shown.missing:
            assert shown.text.startswith("【待补充:") and appendix[row_id][2] == "", row_id
        else:
            assert figure is not None
            _id, _label, value, unit, basis, sources, _note = appendix[row_id]
            assert (value, unit, basis) == (number_text(figure["value"]), figure["unit"], figure["basis"])
            for source in figure["sources"]:
                assert f"{source['rule']} {source['count']}条" in sources
    assert "【待补充:荣誉由工作人员撰写】" in body


@pytest.mark.django_db
def test_the_document_is_laid_out_for_a_chinese_office(demo: Park, tmp_path: Path) -> None:
    """A4 with GB/T 9704's margins (python-docx's template is US Letter), a title that fits one line, and an
    appendix whose long 口径 column is the widest and whose header row repeats on every page."""
    out = tmp_path / "summary.docx"
    generate(demo, out)
    document = docx.Document(io.BytesIO(out.read_bytes()))
    section = document.sections[0]

    def cm(length: Any) -> float:
        assert length is not None
        return round(float(length.cm), 2)

    assert (cm(section.page_width), cm(section.page_height)) == (21.0, 29.7)
    assert (cm(section.top_margin), cm(section.left_margin)) == (3.7, 2.8)
    text_width = cm(section.page_width) - cm(section.left_margin) - cm(section.right_margin)
    assert document.styles["Title"].font.size.pt == 22
    title = document.paragraphs[0].text
    assert len(title) * 22 / 72 * 2.54 <= text_width  # one line of 二号 characters
    table = document.tables[0]
    widths = {cell.text: cell.width.cm for cell in table.rows[0].cells}
    assert max(widths, key=lambda header: widths[header]) == "口径"
    assert sum(widths.values()) == pytest.approx(text_width, abs=0.05)
    assert all(
        [round(cell.width.cm, 2) for cell in row.cells] == [round(w, 2) for w in widths.values()]
        for row in table.rows
    )
    properties = table.rows[0]._tr.trPr
    assert properties is not None
    repeats = properties.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader")
    assert repeats is not None


@pytest.mark.django_db
def test_a_row_no_module_computes_is_marked_not_printed_as_zero(
    demo: Park, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = services.compute_figures

    def without_patents(park: Any, year: int, only: Any = None) -> dict[str, Any]:
        return {k: v for k, v in real(park, year, only).items() if k != "T5"}

    monkeypatch.setattr(services, "compute_figures", without_patents)
    body, table = generate(demo, tmp_path / "summary.docx")
    assert "【待补充:授权专利尚未计算,待科技创新模块提供】" in body
    row = next(r for r in table if r[0] == "T5")
    assert row[2] == "" and "尚未计算" in row[6]
    issue = SummaryIssue.objects.get(park=demo, year=2023)
    assert issue.figures["T5"] == {**issue.figures["T5"], "registered": False, "value": None, "missing": True}


@pytest.mark.django_db
def test_narrative_edits_survive_regeneration(demo: Park, tmp_path: Path) -> None:
    office = User.objects.get(username="bio-office")
    text = "园区获评“省级节水型园区”,{park}高原生物医药特色产业集群获批省级中小企业特色产业集群。"
    services.narrative_save(user=office, park=demo, year=2023, section="honours", text=text)
    first, _ = generate(demo, tmp_path / "first.docx")
    second, _ = generate(demo, tmp_path / "second.docx")
    expected = (
        "园区获评“省级节水型园区”,生物科技产业园区高原生物医药特色产业集群获批省级中小企业特色产业集群。"
    )
    assert expected in first and expected in second
    assert list(SummaryIssue.objects.filter(park=demo, year=2023).values_list("number", flat=True)) == [2, 1]


@pytest.mark.django_db
def test_a_narrative_cannot_type_a_figure_in_nor_be_written_by_a_leader(demo: Park) -> None:
    office = User.objects.get(username="bio-office")
    with pytest.raises(Exception, match="占位符"):
        services.narrative_save(
            user=office, park=demo, year=2023, section="service", text="为企业解决问题54个。"
        )
    with pytest.raises(access.AccessDenied):
        services.narrative_save(
            user=User.objects.get(username="bio-leader"), park=demo, year=2023, section="service", text="{S1}"
        )


@pytest.mark.django_db
def test_a_records_change_after_generation_is_flagged(demo: Park, tmp_path: Path) -> None:
    generate(demo, tmp_path / "published.docx")
    issue = SummaryIssue.objects.get(park=demo, year=2023)
    assert selectors.differences(issue, compute_figures(demo, 2023)) == []
    Event.objects.create(
        park=demo,
        kind=Event.Kind.JOB_FAIR,
        title="2023年冬季补充招聘会",
        starts_at=dt.datetime(2023, 12, 8, 9, tzinfo=TZ),
        place="创业大厦",
        organiser=Department.objects.get(park=demo, kind="service"),
        status=Event.Status.HELD,
    )
    changed = selectors.differences(issue, compute_figures(demo, 2023))
    assert [(c.row_id, c.then, c.now) for c in changed] == [
        ("S2", "组织企业用工招聘会2场", "组织企业用工招聘会3场")
    ]
    client = Client()
    client.force_login(User.objects.get(username="bio-leader"))
    page = client.get("/reports/summary/", {"park": "bio", "year": "2023"}).content.decode()
    assert "与发布时不同" in page and "组织企业用工招聘会3场" in page


@pytest.mark.django_db
def test_the_page_generates_and_downloads_the_document(demo: Park) -> None:
    client = Client()
    client.force_login(User.objects.get(username="bio-leader"))
    response = client.post("/reports/summary/generate/", {"park": "bio", "year": "2023"})
    assert response.status_code == 302
    issue = SummaryIssue.objects.get(park=demo, year=2023)
    download = client.get(f"/reports/summary/{issue.pk}/download/")
    assert download.status_code == 200 and download["Content-Disposition"].endswith('.docx"')
    body, _table = document_text(download.getvalue())
    assert "为企业解决问题54个" in body
    zone = Client()
    zone.force_login(User.objects.get(username="zone-viewer"))
    assert zone.get(f"/reports/summary/{issue.pk}/download/").status_code == 404
    assert "只能查看汇总数据" in zone.get("/reports/summary/").content.decode()


@pytest.mark.django_db
def test_the_command_refuses_an_unknown_park_and_a_wrong_file(demo: Park, tmp_path: Path) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="找不到园区“nowhere”"):
        call_command("report", "annual", "--park", "nowhere", "--year", "2023")
    # (.pdf is refused only where LibreOffice is missing: test_summary_pdf covers it with and without.)
    with pytest.raises(CommandError, match=r"应以 \.docx 或 \.pdf 结尾"):
        call_command("report", "annual", "--park", "bio", "--year", "2023", "--out", str(tmp_path / "x.txt"))


@pytest.mark.django_db
def test_the_summary_is_made_in_chinese_for_an_english_reader(demo: Park) -> None:
    """The summary is the park's Chinese document, kept with the figures it printed: made for a reader of the
    English pages, its figures carried English periods and bases (“Jan–Dec 2023”, “Comparable basis”)."""
    from django.utils import translation

    chinese = services.summary_now(demo, 2023, charts=False)
    with translation.override("en"):
        english_reader = services.summary_now(demo, 2023, charts=False)
    assert english_reader.figures == chinese.figures
    assert english_reader.content.appendix == chinese.content.appendix
    assert english_reader.content.sections == chinese.content.sections
    assert chinese.figures["E1"]["details"]["period"] == "2023年1–12月"
