"""Registry services: create, update per role, optimistic locking, status periods, contacts."""

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from scipark.core.access import AccessDenied, forget_scope
from scipark.core.services import ConflictError
from scipark.enterprises import services
from scipark.enterprises.models import Contact, Enterprise, EnterpriseStatus


def test_economy_staff_register_an_enterprise_in_their_park(world, registry_data):
    enterprise = services.enterprise_create(
        user=world.user("economy_staff"), park=world.park, data=registry_data()
    )
    assert enterprise.park == world.park and enterprise.version == 1


def test_a_new_enterprise_in_another_park_is_refused(world, registry_data):
    with pytest.raises(AccessDenied):
        services.enterprise_create(
            user=world.user("economy_staff"), park=world.other_park, data=registry_data()
        )


def test_environment_staff_and_enterprise_users_cannot_register_enterprises(world, registry_data):
    for persona in ("environment_staff", "enterprise_user", "park_leader"):
        with pytest.raises(AccessDenied):
            services.enterprise_create(user=world.user(persona), park=world.park, data=registry_data())


def test_a_bad_credit_code_is_refused_with_a_chinese_message_naming_the_field(world, registry_data):
    with pytest.raises(ValidationError) as info:
        services.enterprise_create(
            user=world.user("economy_staff"),
            park=world.park,
            data=registry_data(credit_code="91630100ABCDEFGHI0"),
        )
    assert "credit_code" in info.value.message_dict
    assert "统一社会信用代码" in info.value.message_dict["credit_code"][0]


def test_a_duplicate_credit_code_is_refused(world, registry_data):
    data = registry_data(credit_code=world.enterprise.credit_code)
    with pytest.raises(ValidationError) as info:
        services.enterprise_create(user=world.user("economy_staff"), park=world.park, data=data)
    assert "credit_code" in info.value.message_dict


def test_staff_keeping_the_registry_change_registry_fields(world):
    e = world.enterprise
    updated = services.enterprise_update(
        user=world.user("service_staff"),
        enterprise=e,
        data={"name": "青海测试药业股份有限公司", "status": "suspended"},
        expected_version=e.version,
    )
    assert updated.name == "青海测试药业股份有限公司" and updated.status == "suspended"
    assert updated.version == e.version + 1


def test_an_enterprise_user_changes_its_address_website_and_description(world):
    e = world.enterprise
    services.enterprise_update(
        user=world.user("enterprise_user"),
        enterprise=e,
        data={
            "address": "西宁市城北区生物园区经二路",
            "website": "https://example.com",
            "description": "简介",
        },
        expected_version=e.version,
    )
    e.refresh_from_db()
    assert e.address == "西宁市城北区生物园区经二路" and e.version == 2


@pytest.mark.parametrize(
    ("field", "value"),
    [("name", "改名有限公司"), ("status", "deregistered"), ("credit_code", "91630100000000009X")],
)
def test_an_enterprise_user_cannot_change_registry_fields_and_nothing_is_written(world, field, value):
    e = world.enterprise
    before = Enterprise.objects.values().get(pk=e.pk)
    with pytest.raises(ValidationError) as info:
        services.enterprise_update(
            user=world.user("enterprise_user"),
            enterprise=e,
            data={field: value, "address": "新地址"},
            expected_version=e.version,
        )
    assert "您无权修改" in info.value.message_dict[field][0]
    assert Enterprise.objects.values().get(pk=e.pk) == before


def test_an_enterprise_user_cannot_move_its_enterprise_to_another_park(world):
    e = world.enterprise
    with pytest.raises(ValidationError):
        services.enterprise_update(
            user=world.user("enterprise_user"),
            enterprise=e,
            data={"park": world.other_park},
            expected_version=1,
        )
    e.refresh_from_db()
    assert e.park == world.park


def test_unchanged_registry_values_sent_by_an_enterprise_user_are_accepted(world):
    e = world.enterprise
    services.enterprise_update(
        user=world.user("enterprise_user"),
        enterprise=e,
        data={"name": e.name, "address": "新地址"},
        expected_version=e.version,
    )
    e.refresh_from_db()
    assert e.address == "新地址"


def test_an_enterprise_user_cannot_change_another_enterprise(world):
    with pytest.raises(AccessDenied) as info:
        services.enterprise_update(
            user=world.user("enterprise_user"),
            enterprise=world.other_enterprise,
            data={"address": "x"},
            expected_version=1,
        )
    assert info.value.not_found


def test_a_stale_version_is_a_conflict_and_nothing_is_overwritten(world):
    e = world.enterprise
    services.enterprise_update(
        user=world.user("economy_staff"), enterprise=e, data={"short_name": "测试药业"}, expected_version=1
    )
    with pytest.raises(ConflictError) as info:
        services.enterprise_update(
            user=world.user("service_staff"), enterprise=e, data={"short_name": "覆盖"}, expected_version=1
        )
    assert "该记录已被他人修改" in str(info.value)
    e.refresh_from_db()
    assert e.short_name == "测试药业"


def test_access_is_rechecked_inside_the_transaction(world):
    user = world.user("economy_staff")
    services.enterprise_update(
        user=user, enterprise=world.enterprise, data={"short_name": "a"}, expected_version=1
    )
    from scipark.accounts.models import Membership

    Membership.objects.filter(user=user).update(is_active=False)
    forget_scope(user)
    with pytest.raises(AccessDenied):
        services.enterprise_update(
            user=user, enterprise=world.enterprise, data={"short_name": "b"}, expected_version=2
        )


def test_tags_must_belong_to_the_enterprises_park(world):
    from scipark.enterprises.models import Tag

    foreign_tag = Tag.objects.create(park=world.other_park, name="外园标签")
    with pytest.raises(ValidationError) as info:
        services.enterprise_update(
            user=world.user("economy_staff"),
            enterprise=world.enterprise,
            data={"tags": [foreign_tag]},
            expected_version=1,
        )
    assert "tags" in info.value.message_dict


def test_a_tags_only_change_moves_the_version_on(world):
    from scipark.enterprises.models import Tag

    tag = Tag.objects.create(park=world.park, name="重点企业")
    updated = services.enterprise_update(
        user=world.user("economy_staff"),
        enterprise=world.enterprise,
        data={"tags": [tag]},
        expected_version=1,
    )
    assert updated.version == 2 and list(updated.tags.all()) == [tag]


def add_status(world, persona="economy_staff", **kwargs):
    values: dict[str, Any] = {
        "kind": EnterpriseStatus.Kind.ABOVE_SCALE_INDUSTRY,
        "valid_from": dt.date(2023, 1, 1),
    }
    values.update(kwargs)
    return services.enterprise_status_add(user=world.user(persona), enterprise=world.enterprise, **values)


def test_status_periods_of_the_same_kind_may_not_overlap(world):
    add_status(world, valid_to=dt.date(2023, 12, 31))
    with pytest.raises(ValidationError) as info:
        add_status(world, valid_from=dt.date(2023, 6, 1))
    assert "重叠" in info.value.message_dict["valid_from"][0]
    add_status(world, valid_from=dt.date(2024, 1, 1))
    add_status(world, kind=EnterpriseStatus.Kind.INCUBATION, valid_from=dt.date(2023, 6, 1))
    assert EnterpriseStatus.objects.filter(enterprise=world.enterprise).count() == 3


def test_an_open_period_blocks_any_later_one_of_the_same_kind(world):
    add_status(world)
    with pytest.raises(ValidationError):
        add_status(world, valid_from=dt.date(2030, 1, 1))


def test_ending_a_period_closes_it_and_cannot_precede_its_start(world):
    period = add_status(world)
    with pytest.raises(ValidationError):
        services.enterprise_status_end(
            user=world.user("economy_staff"), status=period, valid_to=dt.date(2022, 1, 1)
        )
    ended = services.enterprise_status_end(
        user=world.user("economy_staff"), status=period, valid_to=dt.date(2023, 12, 31)
    )
    assert ended.valid_to == dt.date(2023, 12, 31)
    with pytest.raises(ValidationError):
        services.enterprise_status_end(
            user=world.user("economy_staff"), status=ended, valid_to=dt.date(2024, 1, 1)
        )


def test_stale_versions_of_statuses_contacts_and_tags_are_conflicts_and_change_nothing(world):
    staff = world.user("economy_staff")
    period = add_status(world)
    with pytest.raises(ConflictError):
        services.enterprise_status_end(
            user=staff, status=period, valid_to=dt.date(2023, 12, 31), expected_version=period.version + 1
        )
    contact = services.contact_create(user=staff, enterprise=world.enterprise, data={"name": "张三"})
    with pytest.raises(ConflictError):
        services.contact_update(
            user=staff, contact=contact, data={"position": "经理"}, expected_version=contact.version + 1
        )
    tag = services.tag_create(user=staff, park=world.park, name="重点企业")
    with pytest.raises(ConflictError):
        services.tag_update(user=staff, tag=tag, name="改名", color="red", expected_version=tag.version + 1)
    period.refresh_from_db()
    contact.refresh_from_db()
    tag.refresh_from_db()
    assert (period.valid_to, contact.position, tag.name) == (None, "", "重点企业")


def test_enterprise_users_cannot_record_their_own_statuses(world):
    with pytest.raises(AccessDenied):
        add_status(world, persona="enterprise_user")


def test_enterprise_users_add_and_edit_their_contacts(world):
    user = world.user("enterprise_user")
    contact = services.contact_create(
        user=user,
        enterprise=world.enterprise,
        data={"name": "张三", "phone": "13812345678", "is_primary": True},
    )
    second = services.contact_create(
        user=user,
        enterprise=world.enterprise,
        data={"name": "李四", "phone": "13900000000", "is_primary": True},
    )
    contact.refresh_from_db()
    assert second.is_primary and not contact.is_primary
    updated = services.contact_update(
        user=user,
        contact=second,
        data={"position": "总经理", "enterprise": world.other_enterprise},
        expected_version=1,
    )
    assert updated.position == "总经理" and updated.enterprise == world.enterprise


def test_contacts_of_another_enterprise_are_out_of_reach(world):
    other = Contact.objects.create(enterprise=world.other_enterprise, name="王五")
    with pytest.raises(AccessDenied):
        services.contact_update(
            user=world.user("enterprise_user"), contact=other, data={"name": "x"}, expected_version=1
        )
    with pytest.raises(AccessDenied):
        services.contact_create(
            user=world.user("enterprise_user"), enterprise=world.other_enterprise, data={"name": "x"}
        )


def test_a_contact_without_a_name_is_refused_naming_the_field(world):
    with pytest.raises(ValidationError) as info:
        services.contact_create(
            user=world.user("service_staff"), enterprise=world.enterprise, data={"phone": "1"}
        )
    assert "name" in info.value.message_dict
