"""A figure's note, basis, sources and unit read in the reader's language; the Chinese page is unchanged.

Regression: the modules wrote them as Chinese f-strings, so under English titles the figures page and the
environment dashboard read 没有2019年的涉水企业监督性监测行动记录。 and the suppression notes in Chinese.
On the demo park (bio): 2023 has every figure computed, 2019 lacks most records, so most rows carry a
note; the zone viewer may not see bio's individual investment data, so F3 is suppressed and I4, I5 keep
their counts with the amounts hidden. Only data may stay Chinese on the English page: I1's fair (青洽会).
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from scipark.accounts.models import User
from scipark.core.suppression import SUPPRESSED_NOTE
from scipark.core.testing import World, in_chinese
from scipark.demo.builder import DemoBuilder
from scipark.parks.models import Park

pytestmark = pytest.mark.django_db

#: Data the registry quotes in its words: the fair I1 counts (a name, never translated).
DATA = ("青洽会",)


@pytest.fixture(scope="module")
def demo(module_world: World) -> Generator[Park]:
    DemoBuilder().build()
    yield Park.objects.get(code="bio")


def reader(username: str, language: str | None = None) -> Client:
    signed_in = Client()
    signed_in.force_login(User.objects.get(username=username))
    if language:
        signed_in.cookies["django_language"] = language
    return signed_in


def without_data(text: str) -> str:
    for name in DATA:
        text = text.replace(name, "")
    return text


def figures_page(username: str, year: int, language: str | None = None) -> dict[str, Any]:
    response = reader(username, language).get("/reports/figures/", {"park": "bio", "year": str(year)})
    assert response.status_code == 200
    return {row.row_id: row for row in response.context["rows"]} | {"html": response.content.decode()}


def words(row: Any) -> list[str]:
    """What the figures page prints of a row beside its title and value."""
    return [row.note, row.basis, row.unit, *(source["rule"] for source in row.sources)]


@pytest.mark.parametrize("username", ["bio-leader", "zone-viewer"])
@pytest.mark.parametrize("year", [2023, 2019])
def test_the_english_figures_page_words_every_note_basis_source_and_unit_in_english(
    demo: Park, username: str, year: int
) -> None:
    page = figures_page(username, year, "en")
    rows = [row for key, row in page.items() if key != "html" and row.status != "not_computed"]
    assert {row.row_id[0] for row in rows} == {"E", "F", "G", "I", "S", "T"}  # every app's rows
    assert in_chinese(without_data(text) for row in rows for text in words(row)) == []


def test_the_english_figures_page_reads_as_written(demo: Park) -> None:
    earlier = figures_page("bio-leader", 2019, "en")
    assert (
        earlier["G4"].note
        == "No record of a supervisory monitoring campaign of water-related enterprises in 2019."
    )
    assert earlier["S3"].note == "No alliance on record"
    assert (
        earlier["I1"].note
        == "No fair signing target is set for 2019, so it is not known which fair to count."
    )
    assert earlier["T6"].note == "No tech archive of 2019 or earlier."
    assert earlier["G4"].note in earlier["html"]
    now = figures_page("bio-leader", 2023, "en")
    assert (
        now["I1"].basis
        == "Contracts first signed at “青洽会” in 2023, their latest contract investment added up"
    )
    assert now["S1"].sources[0]["rule"] == (
        "Appeals of park bio closed in 2023 (closed, followed up or archived) and resolved"
    )
    assert now["T3"].basis.startswith("Universities of Qinghai Province with a cooperation agreement")
    assert "Patents granted in 2023: 281" in now["html"]  # a source and its records, spaced in English
    # The seed article's wording (bio, 2023) in English, its enterprise names kept as data.
    assert now["E1"].article == "2023 report: above-scale industrial output up 10% year on year"
    assert now["F2"].article.startswith("2023 report: 7 enterprises, among them 中油云翰")
    # Units: a measure word goes (the title says what is counted), amounts and weights are translated.
    assert (now["S1"].unit, now["G3"].unit, now["S3"].unit, now["G5"].unit) == ("", "t", "fields", "km")
    zone = figures_page("zone-viewer", 2023, "en")
    assert zone["F3"].status == "no_value" and zone["F3"].note.startswith("Confidential: fewer than 3")
    assert zone["I4"].note.startswith("The count is shown as usual; its amounts are confidential")


def test_the_chinese_figures_page_is_unchanged(demo: Park) -> None:
    earlier = figures_page("bio-leader", 2019)
    assert earlier["G4"].note == "没有2019年的涉水企业监督性监测行动记录。"
    assert (earlier["S3"].note, earlier["S3"].basis) == (
        "无联盟记录",
        "截至2019年末园区尚未建立产业链党建联盟",
    )
    assert earlier["E1"].note == "缺少本年或上年同期的规模以上工业数据。"
    assert earlier["T6"].note == "没有2019年及以前的科技档案。"
    assert earlier["I1"].note == "2019年未设置展会签约额目标,不知统计哪个展会。"
    now = figures_page("bio-leader", 2023)
    assert now["S1"].basis == "诉求办结且标记为已解决,按办结时间计入当年"
    assert now["S1"].sources[0]["rule"] == "bio 园区 2023 年办结(已办结/已回访/已归档)且已解决的诉求"
    assert now["S2"].basis == "2023年内开始、未取消的“招聘会”类活动"
    assert "2023年授权的专利:281" in now["html"]
    assert now["E1"].article == "2023年报道:规上工业产值同比增长10%"
    assert now["I1"].basis == "2023年在「青洽会」首次签约的合同,按最新版本的合同投资额求和"
    assert now["E4"].basis == "规模以上工业状态起始于2023年的企业(来自企业状态历史及统计部门入规决定)"
    assert now["T3"].basis == "2023年签订合作协议的青海省高校(同一高校多份协议计一所)"
    assert now["E1"].basis.startswith(
        "同口径:2023年12月在规工业企业1–12月工业总产值(当年价格)与其本身上年同期之比;总量口径增速 "
    )
    assert (now["S1"].unit, now["G3"].unit, now["S3"].unit, now["E2"].unit) == ("个", "吨", "个领域", "亿元")
    zone = figures_page("zone-viewer", 2023)
    assert zone["F3"].note == SUPPRESSED_NOTE
    assert zone["I4"].note == "数量照常显示;所涉金额" + SUPPRESSED_NOTE


@pytest.mark.parametrize("year", [2023, 2019])
def test_the_environment_dashboard_words_its_figures_in_english(demo: Park, year: int) -> None:
    url = reverse("environment:dashboard")
    english = reader("bio-environment", "en").get(url, {"year": year})
    figures = english.context["figures"]
    assert set(figures) == {f"G{n}" for n in range(1, 8)}
    texts = [text for f in figures.values() for text in (f["note"], f["basis"], f["unit"])]
    assert in_chinese(texts) == []
    chinese = reader("bio-environment").get(url, {"year": year}).context["figures"]
    if year == 2019:
        assert "No record of green certifications granted in 2019." in english.content.decode()
        assert chinese["G7"]["note"] == "没有2019年获得的绿色认证记录。"
    else:
        assert figures["G6"]["basis"].startswith("Safe treatment rate = treated or used in the year")
        assert (
            f'title="{figures["G6"]["basis"]}"' in english.content.decode()
        )  # cut at a word, whole on hover
        assert chinese["G6"]["basis"] == "无害化处理率 = 年内处置利用量 /(年内产生量 + 上年末贮存量)"
        assert (figures["G4"]["unit"], chinese["G4"]["unit"]) == ("", "家")


def test_the_innovation_dashboard_words_its_figures_in_english(demo: Park) -> None:
    english = {
        f["id"]: f
        for f in reader("bio-innovation", "en").get("/innovation/", {"year": "2019"}).context["figures"]
    }
    assert english["T6"]["note"] == "No tech archive of 2019 or earlier."
    chinese = {
        f["id"]: f for f in reader("bio-innovation").get("/innovation/", {"year": "2019"}).context["figures"]
    }
    assert chinese["T6"]["note"] == "没有2019年及以前的科技档案。"
    now = {
        f["id"]: f
        for f in reader("bio-innovation", "en").get("/innovation/", {"year": "2023"}).context["figures"]
    }
    platforms = now["T4"]["lines"][0]
    assert "青海食品保健专业化科技企业孵化器(Incubator·Provincial·2023-10-26)" in platforms
