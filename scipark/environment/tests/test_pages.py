"""Pages as the personas: the department edits, other staff read, the enterprise sees its own only."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from scipark.core.testing import World, in_chinese
from scipark.environment.models import Finding, FindingState
from scipark.environment.testing import route_samples

PAGES = [
    "environment:dashboard",
    "environment:finding_list",
    "environment:boiler_list",
    "environment:campaign_list",
    "environment:certification_list",
    "environment:waste_list",
    "environment:map",
]


@pytest.fixture
def samples(world: World) -> dict[str, dict[str, Any]]:
    return route_samples(world)


@pytest.mark.parametrize("name", PAGES)
def test_lists_for_staff_and_refused_to_zone_viewers(client_for: Any, samples: Any, name: str) -> None:
    assert client_for("environment_staff").get(reverse(name)).status_code == 200
    assert client_for("economy_staff").get(reverse(name)).status_code == 200
    assert client_for("zone_viewer").get(reverse(name)).status_code == 403


def test_details_for_staff(client_for: Any, samples: Any) -> None:
    staff = client_for("environment_staff")
    for label, route in (
        ("environment.finding", "environment:finding_detail"),
        ("environment.boiler", "environment:boiler_detail"),
        ("environment.campaign", "environment:campaign_detail"),
        ("environment.pipesegment", "environment:segment_detail"),
        ("environment.networkpoint", "environment:point_detail"),
    ):
        assert staff.get(reverse(route, args=[samples[label]["own"].pk])).status_code == 200, route
        assert staff.get(reverse(route, args=[samples[label]["foreign"].pk])).status_code == 404, route


def test_the_enterprise_sees_only_its_own_findings(client_for: Any, samples: Any) -> None:
    client = client_for("enterprise_user")
    own, other = samples["environment.finding"]["own"], samples["environment.finding"]["other"]
    page = client.get(reverse("environment:finding_list")).content.decode()
    assert own.number in page and other.number not in page
    assert client.get(reverse("environment:finding_detail", args=[other.pk])).status_code == 404
    answered = client.post(
        reverse("environment:finding_step", args=[own.pk, "progress"]),
        {
            "notes": "已安装除臭设备",
            "version": own.version,
            "evidence": SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\n0000"),
        },
    )
    assert answered.status_code == 302
    assert own.evidence.count() == 2  # the sample's and the uploaded one
    refused = client.post(
        reverse("environment:finding_step", args=[other.pk, "progress"]), {"notes": "x", "version": 1}
    )
    assert refused.status_code == 404


def test_a_stale_step_answers_409(client_for: Any, samples: Any) -> None:
    own = samples["environment.finding"]["own"]
    response = client_for("environment_staff").post(
        reverse("environment:finding_step", args=[own.pk, "progress"]),
        {"notes": "x", "version": own.version + 5},
    )
    assert response.status_code == 409


def test_register_a_finding_through_the_page(client_for: Any, world: World) -> None:
    response = client_for("environment_staff").post(
        reverse("environment:finding_add"),
        {
            "park": world.park.pk, "number": "SJ-9", "source": "provincial", "round_no": 1, "kind": "problem",
            "title": "废水超标", "enterprise": world.enterprise.pk, "received_on": "2026-11-01", "deadline": "2026-12-31",
        },
    )  # fmt: skip
    assert response.status_code == 302
    assert Finding.objects.get(number="SJ-9").state == FindingState.REGISTERED


def test_the_layer_endpoint_filters_by_viewport(client_for: Any, samples: Any) -> None:
    client = client_for("environment_staff")
    url = reverse("environment:map_layer", args=["rain"])
    inside = json.loads(client.get(url, {"bbox": "101.7,36.6,101.8,36.7", "zoom": 15}).content)
    outside = json.loads(client.get(url, {"bbox": "90,30,91,31", "zoom": 15}).content)
    assert [f["properties"]["code"] for f in inside["features"]] == ["A1"]
    assert outside["features"] == []
    assert client.get(reverse("environment:map_layer", args=["nope"])).status_code == 404


def test_open_findings_on_the_map(client_for: Any, samples: Any) -> None:
    own = samples["environment.finding"]["own"]
    Finding.objects.filter(pk=own.pk).update(longitude=101.745, latitude=36.672)
    data = json.loads(
        client_for("environment_staff").get(reverse("environment:map_layer", args=["findings"])).content
    )
    assert [f["properties"]["url"] for f in data["features"]] == [own.get_absolute_url()]


def test_evidence_downloads_and_a_missing_file_is_404(client_for: Any, samples: Any) -> None:
    item = samples["environment.findingevidence"]["own"]
    url = reverse("environment:evidence_download", args=[item.pk])
    assert client_for("environment_staff").get(url).status_code == 200
    other = samples["environment.findingevidence"]["other"]
    assert (
        client_for("enterprise_user")
        .get(reverse("environment:evidence_download", args=[other.pk]))
        .status_code
        == 404
    )
    item.file.storage.delete(item.file.name)
    assert client_for("environment_staff").get(url).status_code == 404


def test_the_dashboard_shows_the_ledger_by_round_and_state(client_for: Any, samples: Any) -> None:
    Finding.objects.filter(pk=samples["environment.finding"]["own"].pk).update(state=FindingState.REVIEW)
    page = client_for("environment_staff").get(reverse("environment:dashboard")).content.decode()
    states = re.findall(r'data-testid="ledger-states">(.*?)</div>', page, flags=re.S)
    assert states, "no states under the rounds"
    shown = re.sub(r"<[^>]+>", " ", " ".join(states))
    assert re.search(r"待复核\s+1\b", shown) and "整改中" in shown


def test_overdue_warnings_deadline_reminders_and_expiring_certifications(
    client_for: Any, world: World
) -> None:
    import datetime as dt

    from django.utils import timezone

    from scipark.environment.models import Certification

    today = timezone.localdate()
    base = {
        "park": world.park,
        "source": "park_check",
        "kind": "problem",
        "received_on": today - dt.timedelta(60),
    }
    Finding.objects.create(number="R-LATE", title="逾期事项", deadline=today - dt.timedelta(3), **base)
    Finding.objects.create(number="R-SOON", title="临期事项", deadline=today + dt.timedelta(5), **base)
    Finding.objects.create(number="R-LATER", title="远期事项", deadline=today + dt.timedelta(40), **base)
    Finding.objects.create(
        number="R-DONE",
        title="已销号事项",
        deadline=today - dt.timedelta(3),
        state=FindingState.CLOSED,
        **base,
    )
    Certification.objects.create(
        park=world.park, enterprise=world.enterprise, kind="green_factory", level="provincial", issuer="省工信厅",
        granted_on=today - dt.timedelta(1000), valid_until=today + dt.timedelta(30),
    )  # fmt: skip
    staff = client_for("environment_staff")
    page = staff.get(reverse("environment:finding_list")).content.decode()
    overdue = re.search(r'data-testid="overdue">(.*?)</div>', page, flags=re.S)
    soon = re.search(r'data-testid="due-soon">(.*?)</div>', page, flags=re.S)
    assert overdue and soon
    assert (
        "R-LATE" in overdue.group(1) and "R-DONE" not in overdue.group(1) and "R-SOON" not in overdue.group(1)
    )
    assert "R-SOON" in soon.group(1) and "R-LATER" not in soon.group(1)
    certificates = staff.get(reverse("environment:certification_list")).content.decode()
    expiring = re.search(r'data-testid="expiring">(.*?)</div>', certificates, flags=re.S)
    assert expiring and world.enterprise.name in expiring.group(1)


def test_the_dashboard_embeds_the_network_map(client_for: Any) -> None:
    """Issue 13 item 8: the dashboard has the map (the same layers and script as the map page)."""
    page = client_for("environment_staff").get(reverse("environment:dashboard")).content.decode()
    assert 'id="network-map"' in page and 'id="map-config"' in page
    assert "environment/map.js" in page and "data-layer checked" in page


def test_the_map_names_its_layers_in_the_readers_language(client_for: Any) -> None:
    """The layers' names were made once, when the module was imported, so the English map listed them in
    Chinese (雨水管网 …)."""
    client = client_for("environment_staff")
    chinese = client.get(reverse("environment:map")).context["map_config"]["labels"]
    client.cookies["django_language"] = "en"
    english = client.get(reverse("environment:map")).context["map_config"]["labels"]
    assert (chinese["rain"], chinese["findings"]) == ("雨水管网", "未销号督察事项")
    assert (english["findings"], english["misconnection"]) == ("Open inspection findings", "Misconnection")
    assert english["rain"].endswith(" network")
    assert not in_chinese(english.values())


def test_a_findings_round_reads_in_either_language() -> None:
    """第二轮 was glued to the English source's name (“第二轮Central … inspection”) on the English ledger."""
    from django.utils import translation

    from scipark.environment.models import Finding

    finding = Finding(source=Finding.Source.CENTRAL, round_no=2)
    assert finding.round_label == "第二轮中央生态环境保护督察"
    with translation.override("en"):
        assert finding.round_label == "Central ecological and environmental inspection, round 2"
    assert Finding(source=Finding.Source.CENTRAL).round_label == "中央生态环境保护督察"


def test_the_dashboards_figures_are_titled_in_english(client_for: Any) -> None:
    """The registry's titles were plain Chinese strings, so the English dashboard read “G4 · 涉水企业监督性监测覆盖”."""
    client = client_for("environment_staff")
    client.cookies["django_language"] = "en"
    figures = client.get(reverse("environment:dashboard"), {"year": 2023}).context["figures"]
    assert figures["G4"]["title"] == "Supervisory monitoring coverage of water-related enterprises"
    assert not in_chinese(f["title"] for f in figures.values())
    rows = client_for("park_leader")
    rows.cookies["django_language"] = "en"
    page = rows.get("/reports/figures/").context["rows"]
    assert not in_chinese(r.title for r in page)


def test_a_findings_step_and_registration_are_said_in_the_readers_language(
    client_for: Any, samples: Any, world: World
) -> None:
    """The step's 「SJ-1:开始整改完成。」 and the registration's 「已登记事项 SJ-1。」 were Chinese f-strings, so
    the English ledger said them in Chinese."""
    from django.contrib.messages import get_messages

    own = samples["environment.finding"]["own"]
    client = client_for("environment_staff")
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("environment:finding_step", args=[own.pk, "progress"]), {"notes": "x", "version": own.version}
    )
    assert response.status_code == 302
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert said == [f"{own.number}: “Report progress” done."] and not in_chinese(said)
    response = client.post(
        reverse("environment:finding_add"),
        {
            "park": world.park.pk, "number": "SJ-9", "source": "provincial", "round_no": 1, "kind": "problem",
            "title": "废水超标", "enterprise": world.enterprise.pk, "received_on": "2026-11-01", "deadline": "2026-12-31",
        },
    )  # fmt: skip
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)][-1] == "Registered item SJ-9."
