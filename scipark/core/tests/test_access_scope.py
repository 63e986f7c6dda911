"""The access mechanism on the shared two-park world: who reaches which enterprise rows."""

from scipark.core import access
from scipark.enterprises.models import Enterprise


def visible(world, persona, action="view"):
    return set(Enterprise.objects.restrict(world.user(persona), action).values_list("name", flat=True))


def test_staff_see_every_enterprise_of_their_park_only(world):
    assert visible(world, "environment_staff") == {world.enterprise.name, world.other_enterprise.name}
    assert visible(world, "other_park_staff") == {world.foreign_enterprise.name}


def test_enterprise_user_sees_only_its_own_enterprise(world):
    assert visible(world, "enterprise_user") == {world.enterprise.name}


def test_zone_viewer_and_the_three_admins_see_no_individual_enterprise(world):
    for persona in ("zone_viewer", "system_admin", "security_admin", "audit_admin"):
        assert visible(world, persona) == set(), persona


def test_only_departments_that_keep_the_registry_may_change_it(world):
    assert visible(world, "economy_staff", "change") == {world.enterprise.name, world.other_enterprise.name}
    assert visible(world, "service_staff", "change") == {world.enterprise.name, world.other_enterprise.name}
    assert visible(world, "environment_staff", "change") == set()
    assert visible(world, "park_leader", "change") == set()


def test_route_permissions_follow_roles(world):
    assert access.has_permission(world.user("audit_admin"), "audit", "view")
    assert not access.has_permission(world.user("audit_admin"), "enterprises", "view")
    assert not access.has_permission(world.user("system_admin"), "accounts", "change")
    assert access.has_permission(world.user("security_admin"), "accounts", "change")


def test_personal_data_is_unmasked_only_for_liaison_departments_and_the_enterprise(world):
    def sees(persona, enterprise):
        return access.scope_for(world.user(persona)).sees_personal_data(
            park_id=enterprise.park_id, enterprise_id=enterprise.pk
        )

    assert sees("service_staff", world.enterprise)
    assert sees("enterprise_user", world.enterprise)
    assert not sees("enterprise_user", world.other_enterprise)
    assert not sees("environment_staff", world.enterprise)
    assert not sees("other_park_staff", world.enterprise)
