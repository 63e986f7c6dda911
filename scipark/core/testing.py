"""A small two-park world for tests: one user per role, own/other enterprise, other park.

Every app's tests use it through the fixtures in ``scipark/conftest.py``; the access matrix walks it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.apps import apps

from .identifiers import credit_code_from_number
from .roles import DepartmentKind, Role

PASSWORD = "Scipark-Test-2026!"


@dataclass
class World:
    """Everything a test needs: parks, enterprises and a signed-in-able user for each persona."""

    zone: Any
    park: Any
    other_park: Any
    enterprise: Any  # in ``park``, bound to the enterprise user
    other_enterprise: Any  # in ``park``, not the enterprise user's
    foreign_enterprise: Any  # in ``other_park``
    users: dict[str, Any] = field(default_factory=dict)

    def user(self, persona: str) -> Any:
        return self.users[persona]


#: persona -> (role, department kind or None, park: "park"/"other_park"/None)
PERSONAS: dict[str, tuple[Role, str | None, str | None]] = {
    "zone_viewer": (Role.ZONE_VIEWER, None, None),
    "park_leader": (Role.PARK_LEADER, None, "park"),
    "economy_staff": (Role.DEPARTMENT_STAFF, DepartmentKind.ECONOMY, "park"),
    "service_staff": (Role.DEPARTMENT_STAFF, DepartmentKind.SERVICE, "park"),
    "environment_staff": (Role.DEPARTMENT_STAFF, DepartmentKind.ENVIRONMENT, "park"),
    "other_park_staff": (Role.DEPARTMENT_STAFF, DepartmentKind.SERVICE, "other_park"),
    "enterprise_user": (Role.ENTERPRISE_USER, None, "park"),
    "system_admin": (Role.SYSTEM_ADMIN, None, None),
    "security_admin": (Role.SECURITY_ADMIN, None, None),
    "audit_admin": (Role.AUDIT_ADMIN, None, None),
}


def ensure_industry(code: str = "2710", name: str = "化学药品原料药制造") -> Any:
    """The industry row tests point enterprises at (the real table is loaded by a data migration)."""
    industry_model = apps.get_model("enterprises", "Industry")
    found = industry_model.objects.filter(code=code).first()
    if found:
        return found
    section = industry_model.objects.get_or_create(
        code="C", defaults={"name": "制造业", "level": 1, "section": "C"}
    )[0]
    division = industry_model.objects.get_or_create(
        code=code[:2], defaults={"name": "医药制造业", "level": 2, "parent": section, "section": "C"}
    )[0]
    group = industry_model.objects.get_or_create(
        code=code[:3], defaults={"name": name, "level": 3, "parent": division, "section": "C"}
    )[0]
    return industry_model.objects.get_or_create(
        code=code, defaults={"name": name, "level": 4, "parent": group, "section": "C"}
    )[0]


def make_enterprise(park: Any, number: int, name: str, **extra: Any) -> Any:
    enterprise_model = apps.get_model("enterprises", "Enterprise")
    defaults = {"industry": ensure_industry(), "activity_type": "industry"}
    defaults.update(extra)
    return enterprise_model.objects.create(
        park=park, credit_code=credit_code_from_number(number), name=name, **defaults
    )


def load_reference_data() -> None:
    """Reload what data migrations put in (factors, calendars …): a transactional test's flush empties
    those tables, and the browser tests run after such flushes. Each app that has reference data offers
    ``load_reference_data()`` in the testing module its AppConfig declares; loading is idempotent."""
    from .contributions import contributed_modules

    for module in contributed_modules("testing"):
        loader = getattr(module, "load_reference_data", None)
        if loader is not None and loader is not load_reference_data:
            loader()


def build_world() -> World:
    """Create the zone, two parks with all departments, three enterprises and one user per persona."""
    load_reference_data()
    zone_model = apps.get_model("parks", "Zone")
    park_model = apps.get_model("parks", "Park")
    department_model = apps.get_model("parks", "Department")
    user_model = apps.get_model("accounts", "User")
    membership_model = apps.get_model("accounts", "Membership")

    zone = zone_model.objects.create(name="测试经济技术开发区", region_code="630100")
    park = park_model.objects.create(zone=zone, name="测试生物园区", code="test-bio")
    other_park = park_model.objects.create(zone=zone, name="测试南川园区", code="test-nanchuan")
    for p in (park, other_park):
        for kind in DepartmentKind:
            department_model.objects.create(park=p, kind=kind, name=str(kind.label))
    enterprise = make_enterprise(park, 1, "青海测试药业有限公司")
    other_enterprise = make_enterprise(park, 2, "青海另一家胶囊有限公司")
    foreign_enterprise = make_enterprise(other_park, 3, "南川外园企业有限公司")
    world = World(zone, park, other_park, enterprise, other_enterprise, foreign_enterprise)
    parks = {"park": park, "other_park": other_park}
    for persona, (role, department_kind, park_key) in PERSONAS.items():
        user = user_model.objects.create_user(username=persona, password=PASSWORD, full_name=persona)
        the_park = parks.get(park_key) if park_key else None
        membership_model.objects.create(
            user=user,
            role=role,
            zone=zone if role == Role.ZONE_VIEWER else None,
            park=the_park,
            department=department_model.objects.get(park=the_park, kind=department_kind)
            if department_kind
            else None,
            enterprise=enterprise if role == Role.ENTERPRISE_USER else None,
        )
        world.users[persona] = user
    return world
