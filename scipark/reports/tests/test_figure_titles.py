"""A figure's title names what is measured, for any park and year; the seed article's wording (one park,
2023) may only be its description. Regression: "规模以上工业产值同比增长10%" was printed as the title of
E1 for every park and year."""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest
from django.core.management import call_command

from scipark.core.figures import RESULT_IN_TITLE, figure, registered

#: Words of the seed article that belong to its park and year, not to the figure.
SEED_WORDING = (
    "10%",
    "18.2亿元",
    "148.7亿元",
    "9.9%",
    "54个",
    "2场",
    "宏远",
    "一家亲",
    "三个领域",
    "传统医药",
)


def _looks_neutral(title: str) -> bool:
    return RESULT_IN_TITLE.search(title) is None and not any(word in title for word in SEED_WORDING)


def test_every_registered_title_is_neutral() -> None:
    specs = registered()
    assert {"E1", "E6", "S1", "S2", "S3"} <= {s.row_id for s in specs}
    loud = [f"{s.row_id}: {s.title}" for s in specs if not _looks_neutral(s.title)]
    assert not loud, "titles holding one park's one year:\n" + "\n".join(loud)
    e1 = next(s for s in specs if s.row_id == "E1")
    assert e1.title == "规模以上工业产值同比增长" and "10%" in e1.description


def test_a_title_holding_a_result_is_refused_at_registration() -> None:
    for title in ("规上工业产值同比增长10%", "为企业解决问题54个", "完成固定资产投资18.2亿元"):
        with pytest.raises(ValueError, match="holds a result"):
            figure("Z8", title=title, module="test")
    # A threshold that defines the figure is not a result.
    figure("Z8", title="落地5000万元以上工业项目", module="test")


@pytest.mark.django_db
def test_command_and_page_print_neutral_titles_for_another_park_and_year(world: Any, client_for: Any) -> None:
    out = io.StringIO()
    call_command("figures", park=world.other_park.code, year=2021, stdout=out)
    titles = [line.split("\t")[1] for line in out.getvalue().splitlines()]
    assert len(titles) == len(registered())
    assert all(_looks_neutral(t) for t in titles), titles

    out = io.StringIO()
    call_command("figures", park=world.other_park.code, year=2021, json=True, stdout=out)
    figures = json.loads(out.getvalue())["figures"]
    assert all(_looks_neutral(f["title"]) for f in figures.values())

    response = client_for("zone_viewer").get(
        "/reports/figures/", {"park": world.other_park.code, "year": 2021}
    )
    assert response.status_code == 200
    page = [f["title"] for f in response.context["figures"]]
    assert page == titles
    assert "规上工业产值同比增长10%" not in response.content.decode()


#: What an internal key looks like in printed text: ``details.reduction_percent``, ``completion_percent``.
INTERNAL_KEY = re.compile(r"\b[a-z]+(?:[._][a-z]+)+\b")


@pytest.mark.django_db
def test_no_internal_key_is_printed_in_a_basis_or_a_source(world: Any, client_for: Any) -> None:
    """Regression: the energy row's basis printed "降低率(details.reduction_percent)"."""
    response = client_for("park_leader").get("/reports/figures/", {"park": world.park.code, "year": 2023})
    rows = response.context["figures"]
    printed = [
        f"{f['title']}: {text}"
        for f in rows
        for text in [f.get("basis") or "", f.get("note") or "", *(s["rule"] for s in f.get("sources") or ())]
        if INTERNAL_KEY.search(text)
    ]
    assert len(rows) == len(registered()) and not printed, printed


@pytest.mark.django_db
def test_the_page_opens_on_the_last_complete_year_with_every_row_and_no_codes(
    world: Any, client_for: Any
) -> None:
    from django.utils import timezone

    from scipark.reports.catalogue import BY_ID, ROW_IDS

    response = client_for("park_leader").get("/reports/figures/")
    assert response.context["year"] == timezone.localdate().year - 1
    html = response.content.decode()
    assert all(f'data-testid="figure-{row_id}"' in html for row_id in ROW_IDS)
    known = {spec.row_id for spec in registered()}
    for row in response.context["rows"]:
        if row.row_id not in known:
            assert row.status == "not_computed"
            assert f"待{BY_ID[row.row_id].module}模块提供" in html
    visible = re.sub(r"<[^>]+>", " ", html.split('data-testid="figures"', 1)[1])
    codes = re.findall(r"(?<![A-Za-z0-9])[A-Z]\d{1,2}(?![A-Za-z0-9.])", visible)  # E1, S12; not PM2.5
    assert not codes, f"row codes printed on the page: {codes}"
