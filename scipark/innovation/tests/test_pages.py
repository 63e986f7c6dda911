"""The innovation pages as the personas: an enterprise opens, fills and submits its own archive and
staff accept it and see its tier gaps; review buttons follow FLOW's table; a stale page answers 409;
people in the libraries are masked unless the reader's work needs them (unmasked views audited);
one search box highlights and facets; incubators show the criteria's gaps."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from scipark.core.models import AuditEvent
from scipark.core.testing import make_enterprise
from scipark.innovation.models import (
    Evaluation,
    Expert,
    Incubator,
    IntellectualProperty,
    Policy,
    RuleVersion,
    Talent,
    TechArchive,
    TierCertificate,
)
from scipark.innovation.testing import FILLED
from scipark.innovation.views.dashboard import CANDIDATES_SHOWN, detail_lines

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_enterprise_fills_its_archive_and_staff_see_its_gaps(world: Any, inn: Any) -> None:
    inn.rules()
    firm = client_for(world.user("enterprise_user"))
    assert "我的科技档案" in firm.get(reverse("innovation:portal")).content.decode()
    opened = firm.post(reverse("innovation:archive_add"), {"enterprise": world.enterprise.pk, "year": 2023})
    archive = TechArchive.objects.get(enterprise=world.enterprise, year=2023)
    assert opened.status_code == 302 and opened["Location"] == reverse(
        "innovation:archive_edit", args=[archive.pk]
    )
    form = {**{k: str(v) for k, v in FILLED.items()}, "version": archive.version}
    assert firm.post(reverse("innovation:archive_edit", args=[archive.pk]), form).status_code == 302
    page = firm.get(archive.get_absolute_url()).content.decode()
    assert 'data-testid="step-submit"' in page and 'data-testid="step-accept"' not in page
    archive.refresh_from_db()
    step = reverse("innovation:archive_step", args=[archive.pk])
    assert firm.post(step, {"step": "submit", "version": archive.version}).status_code == 302
    archive.refresh_from_db()
    assert archive.state == TechArchive.State.SUBMITTED

    staff = client_for(inn.staff)
    page = staff.get(archive.get_absolute_url()).content.decode()
    assert 'data-testid="step-accept"' in page and 'data-testid="step-send_back"' in page
    assert staff.post(step, {"step": "accept", "version": archive.version}).status_code == 302
    assert Evaluation.objects.filter(enterprise=world.enterprise, is_current=True).exists()
    profile = staff.get(reverse("innovation:enterprise_profile", args=[world.enterprise.pk])).content.decode()
    assert "还需" in profile  # an exact gap, in money, people or IP
    # The enterprise sees its own position on the portal, and no other firm's archive.
    assert "还需" in firm.get(reverse("innovation:portal")).content.decode()
    other = TechArchive.objects.create(park=world.park, enterprise=world.other_enterprise, year=2023)
    assert firm.get(other.get_absolute_url()).status_code == 404


def test_review_refusals_and_a_stale_page(world: Any, inn: Any) -> None:
    archive = TechArchive.objects.create(
        park=world.park, enterprise=world.enterprise, year=2023, state="submitted", **FILLED
    )
    staff = client_for(inn.staff)
    step = reverse("innovation:archive_step", args=[archive.pk])
    answer = staff.post(step, {"step": "send_back", "version": archive.version}, follow=True)
    assert "退回时请填写退回原因" in answer.content.decode()
    archive.refresh_from_db()
    assert archive.state == TechArchive.State.SUBMITTED
    stale = staff.post(step, {"step": "accept", "version": archive.version - 1 or 99})
    assert stale.status_code == 409 and "该记录已被他人修改" in stale.content.decode()
    # Other staff read but do not review; the enterprise cannot accept its own archive.
    assert (
        'data-testid="step-accept"'
        not in client_for(world.user("economy_staff")).get(archive.get_absolute_url()).content.decode()
    )
    firm = client_for(world.user("enterprise_user"))
    firm.post(step, {"step": "accept", "version": archive.version})
    archive.refresh_from_db()
    assert archive.state == TechArchive.State.SUBMITTED


def test_the_dashboard_is_the_parks(world: Any, inn: Any) -> None:
    page = client_for(inn.staff).get(reverse("innovation:dashboard")).content.decode()
    for row in ("T1", "T2", "T3", "T4", "T5", "T6", "T7"):
        assert f'data-testid="figure-{row}"' in page
    assert 'data-testid="ladder"' in page
    assert client_for(world.user("enterprise_user")).get(reverse("innovation:dashboard")).status_code == 403
    assert client_for(world.user("zone_viewer")).get(reverse("innovation:dashboard")).status_code == 403


def test_an_archives_title_follows_the_ui_language(world: Any, inn: Any) -> None:
    """The English archive page was titled 青海测试药业有限公司 2023年科技档案 (the model's Chinese str)."""
    archive = TechArchive.objects.create(park=world.park, enterprise=world.enterprise, year=2023, **FILLED)
    staff = client_for(inn.staff)
    assert f"{world.enterprise.name} 2023年科技档案" in staff.get(archive.get_absolute_url()).content.decode()
    staff.cookies["django_language"] = "en"
    page = staff.get(archive.get_absolute_url()).content.decode()
    assert f"{world.enterprise.name}: tech archive 2023" in page and "年科技档案" not in page


def test_a_tier_held_is_marked_among_the_gaps_and_an_expired_certificate_says_so(
    world: Any, inn: Any
) -> None:
    """The walk found 高新技术企业 listed as held (valid to 2026-11-19) and, beside it, “高新技术企业 尚不符合”
    with no word that it is held (the evaluation is the renewal's), and a 科技型中小企业 certificate that had
    expired in 2023 listed like a valid one: the gap row now says 已认定, the old certificate 已过期."""
    inn.rules()
    today = dt.date.today()
    TierCertificate.objects.create(
        park=world.park, enterprise=world.enterprise, tier="high_tech", number="GR202363000112",
        granted_on=today - dt.timedelta(days=400), expires_on=today + dt.timedelta(days=300),
    )  # fmt: skip
    TierCertificate.objects.create(
        park=world.park, enterprise=world.enterprise, tier="tech_sme", number="202263010501200",
        granted_on=today - dt.timedelta(days=900), expires_on=today - dt.timedelta(days=500),
    )  # fmt: skip
    for tier in ("high_tech", "tech_sme"):
        Evaluation.objects.create(
            park=world.park, enterprise=world.enterprise, year=2023, tier=tier,
            rule=RuleVersion.objects.get(park=world.park, tier=tier), qualifies=False,
        )  # fmt: skip
    for client, url in (
        (client_for(inn.staff), reverse("innovation:enterprise_profile", args=[world.enterprise.pk])),
        (client_for(world.user("enterprise_user")), reverse("innovation:portal")),
    ):
        page = client.get(url).content.decode()
        assert 'data-testid="held-high_tech"' in page, url
        assert 'data-testid="held-tech_sme"' not in page, url
        assert page.count('data-testid="expired"') == 1, url


def test_the_dashboards_figure_details_are_labelled_not_raw_keys(world: Any, inn: Any) -> None:
    """The walk of the demo found the T cards' details as the registry's keys and codes (``by_incubator:``,
    ``universities:[]``, ``labels:tech_sme 科技型中小企业…``, ``this_year:24``): now Chinese labels, codes by
    their names, empty lists and the tier names T2 carries left out."""
    details = {
        "by_tier": {"high_tech": 2, "tech_sme": 0},
        "previous_year": {"tech_sme": 1},
        "labels": {"tech_sme": "科技型中小企业"},
        "universities": [],
        "agreements": 0,
        "platforms": [
            {"name": "藏药研发中心", "kind": "企业技术中心", "level": "省级", "date": "2025-03-01"}
        ],
        "rd_by_level": {"provincial": 1},
        "by_kind": {"invention": 3, "utility_model": 0},
        "this_year": 24,
    }
    assert detail_lines(details) == [
        "按梯次:高新技术企业 2",
        "上年:科技型中小企业 1",
        "与本省高校协议(份):0",
        "平台:藏药研发中心(企业技术中心·省级·2025-03-01)",
        "研发平台按级别:省级 1",
        "按类型:发明专利 3",
        "本年度档案:24",
    ]
    TechArchive.objects.create(park=world.park, enterprise=world.enterprise, year=2023, **FILLED)
    IntellectualProperty.objects.create(
        park=world.park, enterprise=world.enterprise, owner_name=world.enterprise.name, kind="invention",
        number="ZL202110000001.1", title="一种青稞β-葡聚糖的提取方法", status="granted",
    )  # fmt: skip
    Incubator.objects.create(
        park=world.park,
        name="青海生物医药众创空间",
        opened_on=dt.date(2018, 1, 1),
        area_m2=5000,
        incubatee_area_m2=4000,
    )
    page = client_for(inn.staff).get(reverse("innovation:dashboard") + "?year=2023").content.decode()
    assert "本年度档案:1" in page and "记录合计:" in page
    for raw in ("this_year", "by_incubator", "records:", "labels:", "previous_year", ":[]"):
        assert raw not in page, raw
    # In English the cards' titles and units are English too (they read 授权专利 … 件 among English words).
    english = client_for(inn.staff)
    english.cookies["django_language"] = "en"
    page = english.get(reverse("innovation:dashboard") + "?year=2023").content.decode()
    assert "Patents granted" in page and "Archives of the year: 1" in page and "Patent library 1" in page
    for chinese in ("授权专利", "建立科技档案的企业", "本年度档案", "专利库"):
        assert chinese not in page, chinese


def test_a_direct_route_is_named_and_long_candidate_lists_say_so(world: Any, inn: Any) -> None:
    """A tier met by a direct route (an enterprise holding 高新技术企业 is a 科技型中小企业 whatever its score)
    read “符合条件 · 22.00分” with no reason on the page; the route now shows, on the enterprise's page and
    among the dashboard's candidates. The dashboard lists 50 candidates and says how many there are in all."""
    inn.rules()
    rule = RuleVersion.objects.get(park=world.park, tier="tech_sme")
    route = "有效期内的高新技术企业"
    Evaluation.objects.create(
        park=world.park, enterprise=world.enterprise, year=2023, tier="tech_sme", rule=rule,
        qualifies=True, score_min=Decimal("22"), score_max=Decimal("22"), route=route,
    )  # fmt: skip
    staff = client_for(inn.staff)
    profile = staff.get(reverse("innovation:enterprise_profile", args=[world.enterprise.pk])).content.decode()
    assert f"认定路径:{route}" in profile and "符合条件 · 22.00" in profile
    page = staff.get(reverse("innovation:dashboard")).content.decode()
    assert route in page and 'data-testid="candidates-count"' not in page  # one candidate, all shown

    extra = [make_enterprise(world.park, 100 + i, f"候选企业{i:02d}") for i in range(CANDIDATES_SHOWN)]
    Evaluation.objects.bulk_create(
        Evaluation(park=world.park, enterprise=e, year=2023, tier="tech_sme", rule=rule, qualifies=True,
                   score_min=Decimal("70"), score_max=Decimal("70"))
        for e in extra
    )  # fmt: skip
    page = staff.get(reverse("innovation:dashboard")).content.decode()
    assert f"共 {CANDIDATES_SHOWN + 1} 条,显示前 {CANDIDATES_SHOWN} 条" in page


def test_people_in_the_libraries_are_masked_unless_needed(world: Any, inn: Any) -> None:
    expert = Expert.objects.create(
        park=world.park, name="张建国", organisation="青海大学", field="青稞育种", phone="13912345678"
    )
    talent = Talent.objects.create(
        park=world.park,
        enterprise=world.enterprise,
        name="李华",
        degree="doctor",
        field="藏药",
        phone="13700001111",
    )
    reader = client_for(world.user("economy_staff"))
    page = reader.get(expert.get_absolute_url()).content.decode()
    assert "张建国" not in page and "13912345678" not in page and 'data-testid="masked-note"' in page
    assert "张建国" not in reader.get(reverse("innovation:library_list", args=["experts"])).content.decode()
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.VIEW_PERSONAL).exists()

    page = client_for(inn.staff).get(expert.get_absolute_url()).content.decode()
    assert "张建国" in page and "13912345678" in page
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.VIEW_PERSONAL, object_id=str(expert.pk)).exists()
    # A talent's own enterprise sees its person; experts are not the enterprise's to read.
    firm = client_for(world.user("enterprise_user"))
    assert "李华" in firm.get(talent.get_absolute_url()).content.decode()
    assert firm.get(expert.get_absolute_url()).status_code == 404


def test_one_search_box_highlights_and_facets(world: Any, inn: Any) -> None:
    Policy.objects.create(
        park=world.park, title="青稞产业科技创新扶持办法", issuer="科技局", level="municipal",
        published_on=dt.date(2023, 3, 1), summary="支持青稞深加工",
    )  # fmt: skip
    Policy.objects.create(
        park=world.other_park,
        title="青稞种植补贴",
        issuer="农业局",
        level="municipal",
        published_on=dt.date(2023, 3, 1),
    )
    page = client_for(inn.staff).get(reverse("innovation:library_index"), {"q": "青稞"}).content.decode()
    assert "<mark>青稞</mark>" in page and "政策库 1" in page
    assert "种植补贴" not in page  # the other park's row is restricted away before ranking


def test_an_incubator_shows_its_criteria_gaps(world: Any, inn: Any) -> None:
    incubator = Incubator.objects.create(
        park=world.park, name="生物园孵化器", opened_on=dt.date(2023, 1, 1), area_m2=Decimal(1000),
        incubatee_area_m2=Decimal(500), staff=2, professional_staff=1,
    )  # fmt: skip
    page = client_for(inn.staff).get(incubator.get_absolute_url()).content.decode()
    assert 'data-testid="criteria"' in page and "项未达到" in page
    listing = client_for(inn.staff).get(reverse("innovation:incubator_list")).content.decode()
    assert "生物园孵化器" in listing


def test_exports_are_audited(world: Any, inn: Any) -> None:
    staff = client_for(inn.staff)
    for url in (reverse("innovation:archive_list"), reverse("innovation:library_list", args=["experts"])):
        answer = staff.get(url, {"export": "xlsx"})
        assert answer.status_code == 200 and "spreadsheetml" in answer["Content-Type"]
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.EXPORT).count() == 2
    assert (
        client_for(world.user("enterprise_user"))
        .get(reverse("innovation:archive_list"), {"export": "xlsx"})
        .status_code
        == 403
    )
