"""The unfiltered list reads a page's tags and current flags in its own statement
(``api.page_rows.with_page_extras``): they equal the selectors' (``enterprise_tag_ids``,
``enterprise_current_flags``) and ``page_extras``', follow the day, and take no statement of their own."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from scipark.core.api import statements
from scipark.core.testing import make_enterprise
from scipark.enterprises.api import views
from scipark.enterprises.api.page_rows import page_extras, page_row_extras, with_page_extras
from scipark.enterprises.models import Enterprise, EnterpriseStatus, Tag
from scipark.enterprises.selectors import enterprise_current_flags, enterprise_tag_ids

API = "/api/v1/enterprises/"
DAY = dt.date(2026, 6, 15)


def folded(ids, day):
    rows = with_page_extras(Enterprise.objects.filter(pk__in=ids).values("id"), day=day)
    read = {}
    for row in rows:
        page_row_extras(row)
        read[row["id"]] = row
    return read


def test_the_folded_tags_and_flags_equal_the_selectors_on_the_edges_of_a_period(world):
    e1, e2, e3 = world.enterprise, world.other_enterprise, make_enterprise(world.park, 507, "第三家有限公司")
    tags = [Tag.objects.create(park=world.park, name=n) for n in ("乙", "甲", "丙", "丁")]
    e1.tags.add(tags[2], tags[0], tags[3])
    e3.tags.add(tags[1])
    periods = [
        (e1, "above_scale_industry", DAY, None),  # starts on the day: current
        (e1, "incubation", dt.date(2020, 1, 1), DAY - dt.timedelta(days=1)),  # ended the day before
        (e2, "incubation", dt.date(2020, 1, 1), DAY),  # ends on the day: current
        (e2, "above_quota_retail", DAY + dt.timedelta(days=1), None),  # starts the day after
        (e3, "above_scale_services", dt.date(2021, 1, 1), None),
        (e3, "incubation", dt.date(2021, 1, 1), dt.date(2030, 1, 1)),
        (e3, "above_quota_catering", dt.date(2021, 1, 1), None),  # two current above-scale kinds
    ]
    for enterprise, kind, valid_from, valid_to in periods:
        EnterpriseStatus.objects.create(
            enterprise=enterprise, kind=kind, valid_from=valid_from, valid_to=valid_to
        )
    ids = [e1.pk, e2.pk, e3.pk, world.foreign_enterprise.pk]
    rows = folded(ids, DAY)

    assert {pk: row["tags"] for pk, row in rows.items() if row["tags"]} == enterprise_tag_ids(
        enterprise_ids=ids
    )
    assert rows[e1.pk]["tags"] == sorted(t.pk for t in (tags[0], tags[2], tags[3]))
    flags = {pk: (row["above_scale_now"], row["incubating_now"]) for pk, row in rows.items()}
    assert flags == {e1.pk: (True, False), e2.pk: (False, True), e3.pk: (True, True), ids[3]: (False, False)}
    extras = page_extras(enterprise_ids=ids, day=DAY)
    assert {pk: f for pk, f in flags.items() if f != (False, False)} == extras.flags
    assert {pk: row["tags"] for pk, row in rows.items() if row["tags"]} == extras.tags

    # ``enterprise_current_flags`` reads today: ask both for today.
    today = timezone.localdate()
    current = {pk: (row["above_scale_now"], row["incubating_now"]) for pk, row in folded(ids, today).items()}
    assert {pk: f for pk, f in current.items() if f != (False, False)} == enterprise_current_flags(
        enterprise_ids=ids
    )


def test_the_page_reads_its_tags_and_statuses_in_its_own_statement(world, client_for):
    statements.statements_forget()
    world.enterprise.tags.add(Tag.objects.create(park=world.park, name="重点企业"))
    EnterpriseStatus.objects.create(
        enterprise=world.enterprise, kind="incubation", valid_from=dt.date(2020, 1, 1)
    )
    client = client_for("economy_staff")
    client.get(API)
    with CaptureQueriesContext(connection) as queries:
        body = client.get(API).json()
    row = next(r for r in body["results"] if r["id"] == world.enterprise.pk)
    assert row["tags"] and row["incubating_now"] is True
    tags_read = [q["sql"] for q in queries.captured_queries if "enterprises_enterprise_tags" in q["sql"]]
    statuses_read = [q["sql"] for q in queries.captured_queries if "enterprises_enterprisestatus" in q["sql"]]
    assert len(tags_read) == len(statuses_read) == 1
    assert tags_read == statuses_read  # one statement: the page's
    assert 'FROM "enterprises_enterprise" ' in tags_read[0]


def test_a_stored_page_statement_follows_the_day(world, client_for, monkeypatch):
    statements.statements_forget()
    EnterpriseStatus.objects.create(
        enterprise=world.enterprise, kind="incubation", valid_from=dt.date(2020, 1, 1), valid_to=DAY
    )
    client = client_for("economy_staff")

    def incubating_on(day):
        monkeypatch.setattr(views, "timezone", SimpleNamespace(localdate=lambda: day))
        rows = client.get(API).json()["results"]
        return next(r for r in rows if r["id"] == world.enterprise.pk)["incubating_now"]

    assert incubating_on(DAY) is True
    assert incubating_on(DAY) is True  # the stored statement
    assert incubating_on(DAY + dt.timedelta(days=1)) is False  # the next day: a statement of its own


def test_filtered_and_unfiltered_pages_give_the_same_rows(world, client_for):
    world.enterprise.tags.add(Tag.objects.create(park=world.park, name="医药"))
    EnterpriseStatus.objects.create(
        enterprise=world.other_enterprise, kind="above_scale_industry", valid_from=dt.date(2020, 1, 1)
    )
    client = client_for("park_leader")
    unfiltered = client.get(API).json()["results"]
    filtered = client.get(API, {"status": "operating"}).json()["results"]  # the filtered path
    assert filtered == [row for row in unfiltered if row["status"] == "operating"]
    assert {world.enterprise.pk, world.other_enterprise.pk} <= {row["id"] for row in filtered}
