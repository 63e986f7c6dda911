"""The demo park: deterministic, with the populations the figures need, and accounts that sign in."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command
from django.db.models import Q
from django.test import Client, RequestFactory

from scipark.accounts.models import User
from scipark.core.identifiers import credit_code_problem
from scipark.demo import seed
from scipark.demo.builder import DemoBuilder
from scipark.demo.industries import activity_type_for
from scipark.demo.steps.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from scipark.enterprises.models import Enterprise, EnterpriseStatus
from scipark.parks.models import Department, Park, Zone

YEAR_END = date(2023, 12, 31)
COVERS_YEAR_END = Q(valid_from__lte=YEAR_END) & (Q(valid_to__isnull=True) | Q(valid_to__gte=YEAR_END))


@pytest.fixture
def demo(without_world):
    return DemoBuilder().build()


def snapshot():
    return list(
        Enterprise.objects.order_by("credit_code").values_list(
            "credit_code", "name", "industry_id", "park__code"
        )
    )


def test_the_zone_holds_three_parks_with_every_department(demo):
    zone = Zone.objects.get()
    assert zone.name == "西宁经济技术开发区" and zone.region_code == "630100"
    assert sorted(Park.objects.values_list("code", flat=True)) == ["bio", "ganhe", "nanchuan"]
    assert Department.objects.filter(park__code="bio").count() == 6


def test_the_bio_park_holds_a_realistic_population_with_537_incubatees_at_the_year_end(demo):
    bio = Enterprise.objects.filter(park__code="bio")
    assert bio.count() >= 600
    incubating = EnterpriseStatus.objects.filter(
        COVERS_YEAR_END, kind="incubation", enterprise__park__code="bio"
    )
    assert incubating.count() == 537
    assert Enterprise.objects.filter(park__code="nanchuan").count() > 0
    assert Enterprise.objects.filter(park__code="ganhe").count() > 0


def test_two_industrial_and_seven_trade_firms_enter_above_scale_in_2023(demo):
    new = EnterpriseStatus.objects.filter(valid_from__year=2023, enterprise__park__code="bio").exclude(
        kind="incubation"
    )
    industrial = set(new.filter(kind="above_scale_industry").values_list("enterprise__name", flat=True))
    trade = set(
        new.filter(
            kind__in=["above_quota_wholesale", "above_quota_retail", "above_quota_catering"]
        ).values_list("enterprise__name", flat=True)
    )
    assert len(industrial) == 2 and "青海宏远胶原蛋白肠衣有限公司" in industrial
    assert len(trade) == 7 and {"青海一家亲农产品有限公司", "青海嘉珂商贸有限公司"} <= trade


def test_every_enterprise_the_article_names_exists_in_the_bio_park(demo):
    names = set(Enterprise.objects.filter(park__code="bio").values_list("name", flat=True))
    for item in seed.NAMED_ENTERPRISES:
        assert item.name in names
    assert demo.named["明诺胶囊"].name == "青海明诺胶囊有限公司"


def test_every_enterprise_has_a_valid_unique_credit_code_a_unique_name_and_a_consistent_activity_type(demo):
    rows = list(
        Enterprise.objects.values_list(
            "credit_code", "name", "industry_id", "activity_type", "registered_capital"
        )
    )
    assert all(credit_code_problem(code) is None for code, *_ in rows)
    assert len({r[0] for r in rows}) == len(rows)
    assert len({r[1] for r in rows}) == len(rows)
    assert all(activity == activity_type_for(industry) for _c, _n, industry, activity, _k in rows)
    assert all(capital is not None and capital > 0 for *_rest, capital in rows)
    assert Enterprise.objects.filter(contacts__is_primary=True).distinct().count() == len(rows)


def test_the_demo_is_the_same_on_every_build_and_writes_no_change_log(demo):
    first = snapshot()
    DemoBuilder().rebuild()
    assert snapshot() == first
    assert LogEntry.objects.count() == 0


def test_every_demo_account_signs_in_with_the_shared_password(demo):
    factory = RequestFactory()
    for account in DEMO_ACCOUNTS:
        client = Client()
        assert client.login(request=factory.post("/"), username=account.username, password=DEMO_PASSWORD), (
            account
        )
        user = User.objects.get(username=account.username)
        assert list(user.memberships.values_list("role", flat=True)) == [account.role]
        validate_password(DEMO_PASSWORD, user)
    roles = {a.role for a in DEMO_ACCOUNTS}
    assert roles == {"zone_viewer", "park_leader", "department_staff", "enterprise_user"} | {
        "system_admin",
        "security_admin",
        "audit_admin",
    }


def test_demo_if_empty_leaves_a_populated_database_alone(demo):
    before = snapshot()
    Enterprise.objects.filter(name="青海明诺胶囊有限公司").update(short_name="改过")
    call_command("demo", "--if-empty", stdout=StringIO())
    assert snapshot() == before
    assert Enterprise.objects.get(name="青海明诺胶囊有限公司").short_name == "改过"


def test_demo_command_rebuilds_and_demo_accounts_prints_the_table(without_world):
    out = StringIO()
    call_command("demo", stdout=out)
    assert "生物科技产业园区" in out.getvalue()
    call_command("demo", stdout=StringIO())  # a second run replaces the first
    assert Zone.objects.count() == 1
    table = StringIO()
    call_command("demo_accounts", stdout=table)
    for account in DEMO_ACCOUNTS:
        assert account.username in table.getvalue()
    assert DEMO_PASSWORD in table.getvalue()
