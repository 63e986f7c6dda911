"""The list API's fast path (plain rows) gives exactly what the brief serializer's declared fields give."""

import datetime as dt
from decimal import Decimal

from scipark.enterprises.api.serializers import EnterpriseBriefSerializer
from scipark.enterprises.models import EnterpriseStatus, Tag
from scipark.enterprises.selectors import enterprise_list


def test_the_fast_list_rows_equal_the_declared_representation(world, client_for):
    enterprise = world.enterprise
    enterprise.registered_capital = Decimal("12345678.50")
    enterprise.registration_date = dt.date(2019, 3, 7)
    enterprise.save()
    enterprise.tags.add(
        Tag.objects.create(park=world.park, name="重点企业"), Tag.objects.create(park=world.park, name="医药")
    )
    EnterpriseStatus.objects.create(
        enterprise=enterprise, kind="above_scale_industry", valid_from=dt.date(2020, 1, 1)
    )
    EnterpriseStatus.objects.create(
        enterprise=world.other_enterprise,
        kind="incubation",
        valid_from=dt.date(2020, 1, 1),
        valid_to=dt.date(2021, 1, 1),
    )

    response = client_for("economy_staff").get("/api/v1/enterprises/?page_size=10")
    assert response.status_code == 200
    fast = {row["id"]: row for row in response.json()["results"]}

    user = world.user("economy_staff")
    for instance in enterprise_list(user=user):
        declared = dict(EnterpriseBriefSerializer(instance).data)
        declared["tags"] = sorted(declared["tags"])
        row = dict(fast[instance.pk])
        row["tags"] = sorted(row["tags"])
        assert row == declared
    assert fast[enterprise.pk]["above_scale_now"] is True
    assert fast[world.other_enterprise.pk]["incubating_now"] is False  # that period ended


def test_a_page_of_the_list_api_takes_a_constant_number_of_queries(
    world, client_for, django_assert_max_num_queries
):
    client = client_for("economy_staff")
    client.get("/api/v1/enterprises/")  # warm the session
    # session, user, memberships, count, page, tags, current statuses; and the session's idle-timeout
    # renewal (savepoint, update, release).
    with django_assert_max_num_queries(10):
        response = client.get("/api/v1/enterprises/?page=1")
    assert response.status_code == 200
