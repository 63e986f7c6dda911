"""Keeping a service's attributes: the service department adds, changes and removes them, checked."""

import pytest
from django.core.exceptions import ValidationError

from scipark.appeals.testing import make_category
from scipark.core.access import AccessDenied
from scipark.core.services import ConflictError
from scipark.open311 import services
from scipark.open311.models import ServiceAttribute

CARRIER = {
    "code": "carrier",
    "datatype": "singlevaluelist",
    "required": True,
    "order": 1,
    "description": "运营商",
    "values": [{"key": "telecom", "name": "中国电信"}, {"key": " mobile ", "name": "中国移动"}],
}


@pytest.fixture
def category(world):
    return make_category(world.park, "telecom")


def test_the_service_department_adds_an_attribute_with_trimmed_options(world, category):
    attribute = services.service_attribute_create(
        user=world.user("service_staff"), category=category, data=CARRIER
    )
    assert attribute.values[1] == {"key": "mobile", "name": "中国移动"}
    assert attribute.required and attribute.variable


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"code": "enterprise_credit_code"}, "code", "代码“enterprise_credit_code”是保留的,请换一个。"),
        ({"values": []}, "values", "单选、多选属性至少要有一个选项。"),
        ({"datatype": "number"}, "values", "只有单选、多选属性才有选项。"),
        ({"datatype": "colour", "values": []}, "datatype", None),
        ({"code": "有空 格"}, "code", None),
    ],
)
def test_bad_attributes_are_refused_naming_the_field(world, category, changes, field, message):
    with pytest.raises(ValidationError) as caught:
        services.service_attribute_create(
            user=world.user("service_staff"), category=category, data={**CARRIER, **changes}
        )
    assert field in caught.value.message_dict
    if message:
        assert caught.value.message_dict[field] == [message]
    assert not ServiceAttribute.objects.exists()


def test_a_code_is_unique_within_its_service(world, category):
    staff = world.user("service_staff")
    services.service_attribute_create(user=staff, category=category, data=CARRIER)
    with pytest.raises(ValidationError, match="该服务已有代码为“carrier”的属性"):
        services.service_attribute_create(user=staff, category=category, data=CARRIER)


def test_an_update_with_a_stale_version_is_a_conflict(world, category):
    staff = world.user("service_staff")
    attribute = services.service_attribute_create(user=staff, category=category, data=CARRIER)
    seen = attribute.version
    services.service_attribute_update(
        user=staff, attribute=attribute, data={"description": "哪家运营商?"}, version=seen
    )
    stale = ServiceAttribute.objects.get(pk=attribute.pk)
    with pytest.raises(ConflictError):
        services.service_attribute_update(user=staff, attribute=stale, data={"order": 5}, version=seen)
    stale.refresh_from_db()
    assert stale.description == "哪家运营商?" and stale.order == 1


def test_only_staff_keeping_the_service_domain_of_that_park_may_edit(world, category):
    foreign = make_category(world.other_park, "telecom")
    with pytest.raises(AccessDenied):
        services.service_attribute_create(
            user=world.user("environment_staff"), category=category, data=CARRIER
        )
    with pytest.raises(AccessDenied):
        services.service_attribute_create(user=world.user("service_staff"), category=foreign, data=CARRIER)
    attribute = services.service_attribute_create(
        user=world.user("service_staff"), category=category, data=CARRIER
    )
    with pytest.raises(AccessDenied):
        services.service_attribute_delete(user=world.user("park_leader"), attribute=attribute)
    services.service_attribute_delete(user=world.user("service_staff"), attribute=attribute)
    assert not ServiceAttribute.objects.exists()
