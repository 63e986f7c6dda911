"""梯度培育测评 (issue: the evaluation could only be run by ``scipark evaluate_tiers`` and read through the API):
the page lists the park's current evaluations with a per-tier summary, filters them, links each row to the
enterprise's innovation page, and its 重新测评 button runs the evaluation as a background run the page
follows (ADR 0011). The park's innovation department runs it; its leaders and other departments read it; an
enterprise user and a zone viewer do not reach it."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from scipark.core.models import TaskRun
from scipark.innovation import tasks
from scipark.innovation.models import Evaluation, TechArchive, TierCertificate
from scipark.innovation.services import evaluate_park
from scipark.innovation.testing import FILLED

pytestmark = pytest.mark.django_db

URL = reverse("innovation:evaluation_list")
RUN = reverse("innovation:evaluation_run")
HAN = re.compile(r"[\u3400-\u9fff]")


def client_for(user: Any, language: str | None = None) -> Client:
    client = Client()
    client.force_login(user)
    if language:
        client.cookies["django_language"] = language
    return client


def evaluated(world: Any, inn: Any) -> None:
    """Two enterprises of the park and one of the other park, each with an archive of 2023, evaluated."""
    inn.rules()
    inn.rules(world.other_park)
    for enterprise in (world.enterprise, world.other_enterprise, world.foreign_enterprise):
        TechArchive.objects.create(
            park_id=enterprise.park_id, enterprise=enterprise, year=2023, state="accepted", **FILLED
        )
    evaluate_park(park=world.park, year=2023)
    evaluate_park(park=world.other_park, year=2023)


def test_staff_see_the_parks_current_evaluations_with_the_summary_and_links(world: Any, inn: Any) -> None:
    evaluated(world, inn)
    response = client_for(inn.staff).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    current = Evaluation.objects.filter(park=world.park, is_current=True)
    assert page.count('data-testid="result"') == current.count() == 12
    assert world.foreign_enterprise.name not in page  # the other park's are not this page's
    profile = reverse("innovation:enterprise_profile", args=[world.enterprise.pk])
    assert f'href="{profile}"' in page
    assert 'data-testid="evaluation-summary"' in page and 'data-testid="evaluation-run"' in page
    # the summary counts what the list shows: one-gap rows of a tier not held
    near = response.context["summary"]
    rows = [row.record for row in response.context["table"].page.object_list]  # 已认定 is the page's
    for row in near:
        one_short = [r for r in rows if r.tier == row.tier and r.qualifies is False and r.gap_count == 1]
        assert row.near_miss == len([r for r in one_short if not r.held]), row.tier
        assert row.evaluated == 2
    # the dashboard and the section menu lead here
    assert f'href="{URL}"' in client_for(inn.staff).get(reverse("innovation:dashboard")).content.decode()
    assert f'href="{URL}"' in page


def test_the_filters_narrow_by_tier_result_gap_count_and_name(world: Any, inn: Any) -> None:
    evaluated(world, inn)
    staff = client_for(inn.staff)
    tier = staff.get(URL, {"tier": "high_tech"}).context["table"].data
    assert {e.tier for e in tier} == {"high_tech"} and len(tier) == 2
    for value, check in (
        ("eligible", lambda e: e.qualifies is True),
        ("not_eligible", lambda e: e.qualifies is False),
        ("open", lambda e: e.qualifies is None),
    ):
        rows = list(staff.get(URL, {"result": value}).context["table"].data)
        assert all(check(e) for e in rows), value
    everyone = list(staff.get(URL).context["table"].data)
    for gaps in ("0", "1", "2", "3"):
        rows = list(staff.get(URL, {"gaps": gaps}).context["table"].data)
        expected = [e for e in everyone if (e.gap_count >= 3 if gaps == "3" else e.gap_count == int(gaps))]
        assert sorted(e.pk for e in rows) == sorted(e.pk for e in expected), gaps
        # a note (说明) is no unmet condition
        for e in rows:
            assert e.gap_count == len([g for g in e.gaps if g["condition"] != "说明"])
    named = staff.get(URL, {"q": world.other_enterprise.name}).context["table"].data
    assert {e.enterprise_id for e in named} == {world.other_enterprise.pk}
    assert {e.enterprise_id for e in staff.get(URL, {"year": 2022}).context["table"].data} == set()


def test_the_button_re_evaluates_the_park_in_the_background_and_the_page_follows_the_run(
    world: Any, inn: Any
) -> None:
    evaluated(world, inn)
    before = set(Evaluation.objects.filter(park=world.park, is_current=True).values_list("pk", flat=True))
    foreign = set(
        Evaluation.objects.filter(park=world.other_park, is_current=True).values_list("pk", flat=True)
    )
    staff = client_for(inn.staff)
    response = staff.post(RUN, {"park": world.park.pk, "year": 2023})
    run = TaskRun.objects.get(kind=tasks.KIND)
    assert response.status_code == 302 and f"run={run.token.hex}" in response["Location"]
    assert run.user == inn.staff and run.park == world.park and run.state == TaskRun.State.DONE
    assert run.result == {"evaluated": 2, "year": 2023} and (run.done, run.total) == (2, 2)
    now = set(Evaluation.objects.filter(park=world.park, is_current=True).values_list("pk", flat=True))
    assert len(now) == 12 and not now & before  # every tier re-evaluated, the old rows kept, not current
    assert (
        set(Evaluation.objects.filter(park=world.other_park, is_current=True).values_list("pk", flat=True))
        == foreign
    )
    page = staff.get(response["Location"]).content.decode()
    assert 'data-testid="evaluation-run-done"' in page and "已按现行规则重新测评 2 家企业" in page
    fragment = staff.get(response["Location"], headers={"HX-Request": "true"})
    assert fragment.templates[0].name == "innovation/_evaluation_run.html"
    # core's run page sends the owner here; nobody else reads the run
    assert staff.get(reverse("core:task_run", args=[run.token.hex]))["Location"].startswith(URL)
    assert client_for(world.user("park_leader")).get(URL, {"run": run.token.hex}).status_code == 404
    english = client_for(inn.staff, "en").get(response["Location"]).content.decode()
    assert "Re-evaluated 2 enterprises" in english


def test_leaders_read_the_page_but_only_the_innovation_department_runs_it(world: Any, inn: Any) -> None:
    evaluated(world, inn)
    for persona in ("park_leader", "economy_staff"):
        reader = client_for(world.user(persona))
        page = reader.get(URL)
        assert page.status_code == 200, persona
        assert 'data-testid="evaluation-run"' not in page.content.decode(), persona
        assert reader.post(RUN, {"park": world.park.pk, "year": 2023}).status_code == 403, persona
    for persona in ("enterprise_user", "zone_viewer"):
        outsider = client_for(world.user(persona))
        assert outsider.get(URL).status_code == 403, persona
        assert outsider.post(RUN, {"park": world.park.pk, "year": 2023}).status_code == 403, persona
    # another park's innovation staff re-evaluate their own park, whatever park the form names
    client_for(inn.other_staff).post(RUN, {"park": world.park.pk, "year": 2023})
    assert TaskRun.objects.get(kind=tasks.KIND).park == world.other_park
    assert not TaskRun.objects.filter(kind=tasks.KIND, park=world.park).exists()


def test_the_list_reads_in_english_without_chinese_in_results_or_gaps(world: Any, inn: Any) -> None:
    evaluated(world, inn)
    page = client_for(inn.staff, "en").get(URL).content.decode()
    gaps = re.findall(r'data-testid="gap">(.*?)</span>', page)
    results = re.findall(r'data-testid="result">(.*?)</span>', page)
    assert gaps and results
    assert not [text for text in gaps + results if HAN.search(text)]
    summary = page.split('data-testid="evaluation-summary"')[1].split("</table>")[0]
    assert not HAN.search(summary)
    assert re.search(r'data-testid="summary-evaluated">2 enterprises evaluated<', page)


def test_a_tier_held_is_marked_on_its_row_and_left_out_of_the_summarys_candidates(
    world: Any, inn: Any
) -> None:
    # 已认定 is asked for the page's rows only (not per evaluation of the park): the row of a tier held by a
    # certificate in force is marked, an expired certificate marks nothing, and the summary's qualifying and
    # one-short counts leave the held ones out, as they did when every row carried it.
    evaluated(world, inn)
    today = dt.date.today()
    held = Evaluation.objects.filter(park=world.park, is_current=True, enterprise=world.enterprise)
    tiers = list(held.values_list("tier", flat=True).order_by("tier"))
    for tier, expires in (
        (tiers[0], today + dt.timedelta(days=30)),
        (tiers[1], today - dt.timedelta(days=1)),
    ):
        TierCertificate.objects.create(
            park=world.park, enterprise=world.enterprise, tier=tier, number=f"T-{tier}",
            granted_on=today - dt.timedelta(days=400), expires_on=expires,
        )  # fmt: skip
    response = client_for(inn.staff).get(URL)
    rows = [row.record for row in response.context["table"].page.object_list]
    marked = {(r.enterprise_id, r.tier) for r in rows if r.held}
    assert marked == {(world.enterprise.pk, tiers[0])}
    assert response.content.decode().count('data-testid="held"') == 1
    summary = {row.tier: row for row in response.context["summary"]}
    every = list(Evaluation.objects.filter(park=world.park, is_current=True))
    for tier, row in summary.items():
        candidates = [e for e in every if e.tier == tier and (e.enterprise_id, e.tier) not in marked]
        assert row.qualifying == sum(1 for e in candidates if e.qualifies is True), tier
        assert row.near_miss == sum(1 for e in candidates if e.qualifies is False and e.gap_count == 1), tier
        assert row.open == sum(1 for e in candidates if e.qualifies is None), tier  # the dashboard's ladder
        assert row.holding == (1 if tier == tiers[0] else 0), tier


def test_on_a_phone_each_evaluation_is_a_card_whose_cells_are_labelled(world: Any, inn: Any) -> None:
    # At 390 px the six columns were a table scrolling sideways; below md the rows are cards (table.sp-stack-sm)
    # and every cell carries its column's header as data-label, the columns with classes of their own too.
    evaluated(world, inn)
    page = client_for(inn.staff, "en").get(URL).content.decode()
    table = re.search(r'<table[^>]*data-testid="evaluation-table".*?</table>', page, flags=re.S)
    assert table is not None and "sp-stack-sm" in table.group(0).split(">", 1)[0]
    cells = re.findall(r"<td\b[^>]*>", table.group(0))
    assert cells and all("data-label=" in cell for cell in cells)
    assert 'data-label="Gaps"' in table.group(0) and 'data-label="Enterprise"' in table.group(0)


def test_the_run_is_worded_in_the_language_of_the_page_that_started_it(world: Any, inn: Any) -> None:
    """The run's own text (``core.tasks.finish``' message, read where a run is listed by itself) is in the
    language of the page whose button queued it, as the page's fragment is; a worker knows no language."""
    evaluated(world, inn)
    client_for(inn.staff, "en").post(RUN, {"park": world.park.pk, "year": 2023})
    client_for(inn.staff).post(RUN, {"park": world.park.pk, "year": 2023})
    english, chinese = TaskRun.objects.filter(kind=tasks.KIND).order_by("pk")
    assert english.message == "Evaluated 2 enterprises (tech archives of 2023)."
    assert chinese.message == "已测评 2 家企业(2023年度科技档案)。"
