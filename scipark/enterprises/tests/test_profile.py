"""企业画像 (issue 10, item 3): each module's panel, read as the viewer may read it, and nothing more."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from scipark.appeals.testing import make_appeal, make_category
from scipark.core.contributions import contributed_modules, profile_panels_for
from scipark.economy.models import MonthlyReturn

ALL_PANELS = [
    "registry",
    "economy",
    "appeals",
    "events",
    "alliance",
    "investment",
    "innovation",
    "environment",
]


def profile(enterprise: Any) -> str:
    return reverse("enterprises:enterprise_profile", args=[enterprise.pk])


@pytest.fixture
def records(world: Any) -> dict[str, Any]:
    """Every module's sample rows for the world's three enterprises, and an appeal each with a title of its
    own (what must not show on another enterprise's profile)."""
    for module in contributed_modules("testing"):
        if hasattr(module, "route_samples"):
            module.route_samples(world)
    category = make_category(world.park, "profile")
    own = make_appeal(world.park, category, enterprise=world.enterprise, title="本企业食堂油烟扰民")
    other = make_appeal(world.park, category, enterprise=world.other_enterprise, title="邻企业厂区道路破损")
    return {"own": own, "other": other}


def slugs(response: Any) -> list[str]:
    return [panel.slug for panel in response.context["panels"]]


def test_park_staff_see_every_module_panel_of_the_enterprise_only(
    client_for: Any, world: Any, records: Any
) -> None:
    response = client_for("park_leader").get(profile(world.enterprise))
    assert response.status_code == 200
    assert slugs(response) == ALL_PANELS
    body = response.content.decode()
    assert "本企业食堂油烟扰民" in body
    assert "邻企业厂区道路破损" not in body
    assert 'data-testid="profile-visit-list"' in body  # staff read the park's visit records
    assert "2023-11" in body  # the sample return, submitted: listed, not yet in the accepted trend


def test_an_enterprise_user_sees_its_own_profile_without_staff_records(
    client_for: Any, world: Any, records: Any
) -> None:
    client = client_for("enterprise_user")
    response = client.get(profile(world.enterprise))
    assert response.status_code == 200
    body = response.content.decode()
    assert "本企业食堂油烟扰民" in body
    assert 'data-testid="profile-visit-list"' not in body  # visit notes are the staff's
    assert 'data-testid="profile-project-list"' not in body  # the pipeline is the staff's
    assert client.get(profile(world.other_enterprise)).status_code == 404
    assert client.get(profile(world.foreign_enterprise)).status_code == 404


def test_no_individual_data_for_a_zone_viewer_or_another_park(
    client_for: Any, world: Any, records: Any
) -> None:
    assert client_for("zone_viewer").get(profile(world.enterprise)).status_code == 403
    assert client_for("other_park_staff").get(profile(world.enterprise)).status_code == 404


def test_a_panel_is_left_out_when_its_module_is_closed_to_the_viewer(world: Any, records: Any) -> None:
    """Each panel asks the access mechanism: a 三员 reads no business domain, so no panel at all."""
    assert profile_panels_for(world.user("system_admin"), world.enterprise) == []


def test_the_returns_trend_reads_the_current_revisions_in_wan(client_for: Any, world: Any) -> None:
    for month, revenue in ((1, None), (3, "2500000"), (4, "1234567")):
        MonthlyReturn.objects.create(
            park=world.park,
            enterprise=world.enterprise,
            period=dt.date(2024, month, 1),
            months=2 if month == 2 else 1,
            status=MonthlyReturn.Status.ACCEPTED,
            is_current=True,
            revenue=Decimal(revenue) if revenue else None,
        )
    panel = next(
        p
        for p in client_for("economy_staff").get(profile(world.enterprise)).context["panels"]
        if p.slug == "economy"
    )
    chart = panel.extra["chart"]
    assert chart["labels"] == ["2024-01", "2024-03", "2024-04"]
    assert chart["series"][0]["data"] == [None, 250.0, 123.46]  # 元 → 万元, a gap stays a gap
    assert dict(panel.facts)["最近营业收入(万元)"] == "123.46"


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_profile_answers_in_the_same_number_of_queries_whatever_its_rows(
    client_for: Any, world: Any, records: Any
) -> None:
    client = client_for("park_leader")
    url = profile(world.enterprise)
    client.get(url)  # warm the per-process caches
    few = _queries(client, url)
    category = make_category(world.park, "more")
    for n in range(12):
        make_appeal(world.park, category, enterprise=world.enterprise, title=f"诉求{n}")
        MonthlyReturn.objects.create(
            park=world.park,
            enterprise=world.enterprise,
            period=dt.date(2022, 1 + n, 1),
            status=MonthlyReturn.Status.ACCEPTED,
            is_current=True,
            revenue=Decimal(1000 * n),
        )
    assert _queries(client, url) == few


def test_every_list_names_the_enterprise_with_a_link_to_its_profile(client_for: Any, world: Any) -> None:
    """Names link to the 企业画像 from each module's lists and drill-downs, read by the department's staff."""
    samples: dict[str, Any] = {}
    for module in contributed_modules("testing"):
        if hasattr(module, "route_samples"):
            samples.update(module.route_samples(world))
    for key in ("economy.fixedassetproject", "investment.project"):
        project = samples[key]["own"]
        project.enterprise = world.enterprise
        project.save(update_fields=["enterprise"])
    own = {key: rows["own"] for key, rows in samples.items() if "own" in rows}
    pages = [
        ("environment_staff", reverse("environment:finding_list")),
        ("environment_staff", reverse("environment:finding_detail", args=[own["environment.finding"].pk])),
        ("environment_staff", reverse("environment:boiler_list")),
        ("environment_staff", reverse("environment:certification_list")),
        ("environment_staff", reverse("environment:waste_list")),
        ("environment_staff", reverse("environment:campaign_detail", args=[own["environment.campaign"].pk])),
        ("service_staff", reverse("events:event_detail", args=[own["events.event"].pk])),
        ("service_staff", reverse("alliance:chain_detail", args=[own["alliance.chain"].pk])),
        ("economy_staff", reverse("economy:missing_returns")),
        ("economy_staff", reverse("economy:pipeline")),
        ("economy_staff", reverse("economy:project_list")),
        ("economy_staff", reverse("economy:project_detail", args=[own["economy.fixedassetproject"].pk])),
        ("innovation_staff", reverse("innovation:incubator_detail", args=[own["innovation.incubator"].pk])),
        ("innovation_staff", reverse("innovation:enterprise_profile", args=[world.enterprise.pk])),
        (
            "innovation_staff",
            reverse("innovation:record_detail", args=["patents", own["innovation.intellectualproperty"].pk]),
        ),
        ("investment_officer", reverse("investment:project_list")),
    ]
    link = f'href="{profile(world.enterprise)}"'
    named = []
    for persona, url in pages:
        response = client_for(persona).get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        if world.enterprise.name in body:
            named.append(url)
            assert link in body, url
    # The 催报 board names only enterprises due to report, the pipeline only those near the threshold.
    maybe = {reverse("economy:missing_returns"), reverse("economy:pipeline")}
    assert {url for _persona, url in pages if url not in named} <= maybe


def test_a_name_the_reader_may_not_see_gets_no_link(client_for: Any, world: Any) -> None:
    """An enterprise user reads the other participants and chain members unnamed: no link to their profile."""
    samples: dict[str, Any] = {}
    for module in contributed_modules("testing"):
        if hasattr(module, "route_samples"):
            samples.update(module.route_samples(world))
    client = client_for("enterprise_user")
    for url in (
        reverse("events:event_detail", args=[samples["events.event"]["own"].pk]),
        reverse("alliance:chain_detail", args=[samples["alliance.chain"]["own"].pk]),
    ):
        body = client.get(url).content.decode()
        assert f'href="{profile(world.enterprise)}"' in body, url
        assert world.other_enterprise.name not in body, url
        assert f'href="{profile(world.other_enterprise)}"' not in body, url
