"""The per-park enterprise counts (``enterprises.counts``) equal the rows after every kind of write, and the
list API's ``count`` comes from them only when the list is the user's whole reach of whole parks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scipark.core.identifiers import credit_code_from_number
from scipark.core.imports.runner import run_import
from scipark.core.testing import make_enterprise
from scipark.core.tests import hostile
from scipark.enterprises import services
from scipark.enterprises.api.page_rows import page_extras
from scipark.enterprises.counts import (
    ParkEnterpriseCount,
    counts_install,
    enterprise_count_in_parks,
    enterprise_count_in_reach,
)
from scipark.enterprises.importers import EnterpriseImporter
from scipark.enterprises.models import Enterprise, EnterpriseStatus, Tag
from scipark.enterprises.selectors import enterprise_current_flags, enterprise_tag_ids

API = "/api/v1/enterprises/"


def kept() -> dict[int, int]:
    return {c.park_id: c.enterprises for c in ParkEnterpriseCount.objects.all() if c.enterprises}


def real() -> dict[int, int]:
    counted: dict[int, int] = {}
    for park_id in Enterprise.objects.values_list("park_id", flat=True):
        counted[park_id] = counted.get(park_id, 0) + 1
    return counted


def test_the_shared_world_is_counted(world):
    assert kept() == real() == {world.park.pk: 2, world.other_park.pk: 1}


def test_a_created_enterprise_is_counted(world):
    services.enterprise_create(
        user=world.user("economy_staff"),
        park=world.park,
        data={
            "credit_code": credit_code_from_number(501),
            "name": "新登记企业有限公司",
            "industry": world.enterprise.industry,
            "activity_type": "industry",
        },
    )
    assert kept() == real() == {world.park.pk: 3, world.other_park.pk: 1}


def test_deleted_enterprises_are_no_longer_counted(world):
    make_enterprise(world.park, 502, "待删除一有限公司").delete()
    Enterprise.objects.filter(pk=make_enterprise(world.park, 503, "待删除二有限公司").pk).delete()
    (bare,) = Enterprise.objects.bulk_create(  # no signals: nothing else refers to it
        [
            Enterprise(
                park=world.other_park,
                credit_code=credit_code_from_number(508),
                name="只在名录中的企业有限公司",
                industry=world.enterprise.industry,
                activity_type="industry",
            )
        ]
    )
    assert kept() == real() == {world.park.pk: 2, world.other_park.pk: 2}
    with connection.cursor() as cursor:  # a write that goes around the ORM is counted too
        cursor.execute("DELETE FROM enterprises_enterprise WHERE id = %s", [bare.pk])
    assert kept() == real() == {world.park.pk: 2, world.other_park.pk: 1}


def test_an_enterprise_moved_to_another_park_is_counted_there(world):
    moving = make_enterprise(world.park, 504, "迁移企业有限公司")
    moving.park = world.other_park
    moving.save()
    assert kept() == real() == {world.park.pk: 2, world.other_park.pk: 2}
    Enterprise.objects.filter(pk=moving.pk).update(park=world.park)
    assert kept() == real() == {world.park.pk: 3, world.other_park.pk: 1}
    Enterprise.objects.filter(pk=moving.pk).update(name="改名不迁移有限公司")  # same park: no change
    assert kept() == real() == {world.park.pk: 3, world.other_park.pk: 1}


def test_bulk_inserts_are_counted(world):
    industry = world.enterprise.industry
    Enterprise.objects.bulk_create(
        [
            Enterprise(
                park=world.other_park if n % 3 == 0 else world.park,
                credit_code=credit_code_from_number(600 + n),
                name=f"批量企业{n}有限公司",
                industry=industry,
                activity_type="industry",
            )
            for n in range(7)
        ]
    )
    # n = 0, 3, 6 go to the other park
    assert kept() == real() == {world.park.pk: 2 + 4, world.other_park.pk: 1 + 3}


def test_an_import_is_counted(world, tmp_path: Path):
    path = tmp_path / "upload"
    path.write_bytes(hostile.xlsx(hostile.good_rows(3)))
    result = run_import(
        EnterpriseImporter(user=world.user("economy_staff"), park=world.park), path, filename="企业.xlsx"
    )
    assert result.ok and result.created == 3
    assert kept() == real() == {world.park.pk: 5, world.other_park.pk: 1}


def test_a_refused_import_leaves_the_counts_as_they_were(world, tmp_path: Path):
    rows = hostile.good_rows(3)
    rows[3][0] = "not a credit code"
    path = tmp_path / "upload"
    path.write_bytes(hostile.xlsx(rows))
    result = run_import(
        EnterpriseImporter(user=world.user("economy_staff"), park=world.park), path, filename="企业.xlsx"
    )
    assert not result.ok
    assert kept() == real() == {world.park.pk: 2, world.other_park.pk: 1}


def test_installing_again_rebuilds_counts_that_went_wrong(world):
    ParkEnterpriseCount.objects.filter(park_id=world.park.pk).update(enterprises=99)
    counts_install()
    assert kept() == real()
    counts_install()  # idempotent: the triggers are not installed twice
    make_enterprise(world.park, 505, "重装后新增有限公司")
    assert kept() == real() == {world.park.pk: 3, world.other_park.pk: 1}


def test_the_count_in_parks_sums_the_kept_counts(world):
    assert enterprise_count_in_parks(park_ids=[]) == 0
    assert enterprise_count_in_parks(park_ids=[world.park.pk]) == 2
    assert enterprise_count_in_parks(park_ids=[world.park.pk, world.other_park.pk, world.park.pk]) == 3


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("economy_staff", 2), ("park_leader", 2), ("enterprise_user", None), ("zone_viewer", 0)],
)
def test_the_count_in_reach_is_kept_only_for_whole_parks(world, persona, expected):
    """Staff and leaders reach their park; an enterprise user its own enterprise (counted from the rows);
    a zone viewer reads no enterprise rows."""
    assert enterprise_count_in_reach(user=world.user(persona)) == expected


@pytest.mark.parametrize("persona", ["economy_staff", "park_leader", "enterprise_user"])
def test_the_list_count_equals_the_rows_in_reach_with_or_without_a_filter(world, client_for, persona):
    make_enterprise(world.park, 506, "另加一家有限公司")
    client = client_for(persona)
    reach = Enterprise.objects.restrict(world.user(persona), "view")
    assert client.get(f"{API}?page=1").json()["count"] == reach.count()
    named = client.get(f"{API}?page=1&q=另加").json()
    assert named["count"] == reach.filter(name__contains="另加").count() == len(named["results"])


def test_an_unfiltered_page_reads_the_kept_count_not_the_rows(world, client_for):
    client = client_for("economy_staff")
    client.get(f"{API}?page=1")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"{API}?page=1").json()["count"] == 2
    sqls = [q["sql"] for q in queries.captured_queries]
    assert any("enterprises_parkenterprisecount" in s for s in sqls)
    assert not any("COUNT(" in s.upper() and "enterprises_enterprise" in s for s in sqls)


# --- the page's tags and current flags, read in one query, equal the selectors' ----------------------


def test_page_extras_equal_the_selectors_on_the_edges_of_a_period(world):
    today = dt.date(2026, 6, 15)
    e1, e2, e3 = world.enterprise, world.other_enterprise, make_enterprise(world.park, 507, "第三家有限公司")
    tags = [Tag.objects.create(park=world.park, name=n) for n in ("乙", "甲", "丙")]
    e1.tags.add(tags[2], tags[0])
    e3.tags.add(tags[1])
    periods = [
        (e1, "above_scale_industry", today, None),  # starts today: current
        (e1, "incubation", dt.date(2020, 1, 1), today - dt.timedelta(days=1)),  # ended yesterday
        (e2, "incubation", dt.date(2020, 1, 1), today),  # ends today: current
        (e2, "above_quota_retail", today + dt.timedelta(days=1), None),  # starts tomorrow
        (e3, "above_scale_services", dt.date(2021, 1, 1), None),
        (e3, "incubation", dt.date(2021, 1, 1), dt.date(2030, 1, 1)),
    ]
    for enterprise, kind, valid_from, valid_to in periods:
        EnterpriseStatus.objects.create(
            enterprise=enterprise, kind=kind, valid_from=valid_from, valid_to=valid_to
        )
    ids = [e1.pk, e2.pk, e3.pk, world.foreign_enterprise.pk]
    extras = page_extras(enterprise_ids=ids, day=today)
    assert extras.flags == {e1.pk: (True, False), e2.pk: (False, True), e3.pk: (True, True)}
    assert extras.tags == {e1.pk: sorted([tags[2].pk, tags[0].pk]), e3.pk: [tags[1].pk]}
    assert extras.tags == enterprise_tag_ids(enterprise_ids=ids)
    assert page_extras(enterprise_ids=[]).tags == {}


def test_page_extras_today_equal_the_selectors_today(world):
    EnterpriseStatus.objects.create(
        enterprise=world.enterprise, kind="incubation", valid_from=dt.date(2020, 1, 1)
    )
    ids = [world.enterprise.pk, world.other_enterprise.pk]
    assert page_extras(enterprise_ids=ids).flags == enterprise_current_flags(enterprise_ids=ids)
