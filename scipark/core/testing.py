"""A small two-park world for tests: one user per role, own/other enterprise, other park.

Every app's tests use it through the fixtures of the root ``conftest.py``; the access matrix walks it.
The world is built once per test session (per xdist worker) and committed; each test's transaction
rolls back to it, and each test gets fresh Python objects for it (:func:`load_world`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile

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


@dataclass(frozen=True)
class WorldKeys:
    """The primary keys of a built world: what survives from one test to the next."""

    zone: int
    parks: tuple[int, int]
    enterprises: tuple[int, int, int]
    users: tuple[tuple[str, int], ...]

    @classmethod
    def of(cls, world: World) -> WorldKeys:
        return cls(
            zone=world.zone.pk,
            parks=(world.park.pk, world.other_park.pk),
            enterprises=(world.enterprise.pk, world.other_enterprise.pk, world.foreign_enterprise.pk),
            users=tuple((persona, user.pk) for persona, user in world.users.items()),
        )


#: A script a real process runs (``python -c``) to seed its database with the test world.
SEED_SCRIPT = """
import django
django.setup()
from scipark.core.testing import build_world
build_world()
"""


def sqlite_file_env(db: Path) -> dict[str, str]:
    """The environment of a real process (``manage.py`` …) working on the SQLite file ``db`` with the
    development settings, whatever back end the suite runs on."""
    env = dict(os.environ)
    env.pop("TEST_DATABASE_URL", None)
    env.update(DJANGO_SETTINGS_MODULE="scipark.settings.dev", DATABASE_URL=f"sqlite:///{db}")
    return env


def build_shared_world() -> WorldKeys:
    """Build the world that a whole test session shares, and commit it (the caller unblocks the database).

    It writes no change-log entries: they would be rows that no test made, in a table no test may empty
    (the log is append-only), so a test that asks for an empty log could never have one.
    """
    from auditlog.context import disable_auditlog

    with disable_auditlog():
        return WorldKeys.of(build_world())


def remove_world(keys: WorldKeys) -> None:
    """Delete the shared world inside the current test's transaction (rolled back with it), for the few
    tests that need a database without it (the demo park)."""
    from auditlog.context import disable_auditlog

    user_pks = [pk for _persona, pk in keys.users]
    with disable_auditlog():
        apps.get_model("accounts", "Membership").objects.filter(user_id__in=user_pks).delete()
        apps.get_model("accounts", "User").objects.filter(pk__in=user_pks).delete()
        apps.get_model("enterprises", "Enterprise").objects.filter(pk__in=keys.enterprises).delete()
        apps.get_model("parks", "Department").objects.filter(park_id__in=keys.parks).delete()
        apps.get_model("parks", "Park").objects.filter(pk__in=keys.parks).delete()
        apps.get_model("parks", "Zone").objects.filter(pk=keys.zone).delete()


def load_world(keys: WorldKeys) -> World:
    """Fresh instances of a built world's rows (four queries): nothing one test caches on them — a
    resolved access scope, a related object, an edited field — reaches the next test."""
    zone = apps.get_model("parks", "Zone").objects.get(pk=keys.zone)
    parks = apps.get_model("parks", "Park").objects.in_bulk(keys.parks)
    enterprises = apps.get_model("enterprises", "Enterprise").objects.in_bulk(keys.enterprises)
    users = apps.get_model("accounts", "User").objects.in_bulk([pk for _persona, pk in keys.users])
    park, other_park = (parks[pk] for pk in keys.parks)
    enterprise, other_enterprise, foreign_enterprise = (enterprises[pk] for pk in keys.enterprises)
    world = World(zone, park, other_park, enterprise, other_enterprise, foreign_enterprise)
    world.users = {persona: users[pk] for persona, pk in keys.users}
    return world


#: persona -> (role, department kind or None, park: "park"/"other_park"/None)
PERSONAS: dict[str, tuple[Role, str | None, str | None]] = {
    "zone_viewer": (Role.ZONE_VIEWER, None, None),
    "park_leader": (Role.PARK_LEADER, None, "park"),
    "economy_staff": (Role.DEPARTMENT_STAFF, DepartmentKind.ECONOMY, "park"),
    "service_staff": (Role.DEPARTMENT_STAFF, DepartmentKind.SERVICE, "park"),
    "environment_staff": (Role.DEPARTMENT_STAFF, DepartmentKind.ENVIRONMENT, "park"),
    # 招商专员: the only persona who keeps the investment pipeline (projects, funds, confirmations)
    "investment_officer": (Role.DEPARTMENT_STAFF, DepartmentKind.INVESTMENT, "park"),
    # 科技创新部门: the only persona who keeps innovation (archives' review, IP, certificates, libraries)
    "innovation_staff": (Role.DEPARTMENT_STAFF, DepartmentKind.INNOVATION, "park"),
    "other_park_staff": (Role.DEPARTMENT_STAFF, DepartmentKind.SERVICE, "other_park"),
    "enterprise_user": (Role.ENTERPRISE_USER, None, "park"),
    "system_admin": (Role.SYSTEM_ADMIN, None, None),
    "security_admin": (Role.SECURITY_ADMIN, None, None),
    "audit_admin": (Role.AUDIT_ADMIN, None, None),
}


def as_shown(world: World, obj: Any, user: Any) -> dict[str, Any]:
    """Route-matrix data (``ROUTE_POSTS``) for a form that is valid as the page shows it: an edit page
    filled with the record, a button whose form carries everything it needs."""
    return {}


def park_of(user: Any, world: World) -> Any:
    """The park a staff user works in (the world's park for everyone else): where their new rows go."""
    membership = user.memberships.filter(park__isnull=False).order_by("pk").first()
    return membership.park if membership is not None else world.park


def enterprise_for(user: Any, action: str = "change", domain: str | None = None) -> Any:
    """The first enterprise (by key) on which the user may ``action`` (in ``domain``), or None: the one
    route-matrix data names when a person picks an enterprise."""
    enterprises = apps.get_model("enterprises", "Enterprise").objects.restrict(user, action, domain=domain)
    return enterprises.order_by("pk").first()


def csv_upload(name: str, rows: list[list[str]]) -> Any:
    """An uploaded CSV file as a statistics office sends one (GB18030), for import pages."""
    body = "\r\n".join(",".join(row) for row in rows) + "\r\n"
    return SimpleUploadedFile(name, body.encode("gb18030"), content_type="text/csv")


def load_industry_catalogue() -> None:
    """Put back the GB/T 4754-2017 table the data migration loads (a transactional test's flush empties it;
    the load skips the codes already there)."""
    import importlib

    importlib.import_module("scipark.enterprises.migrations.0002_load_industries").load(apps, None)


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


#: A Han character (CJK Unified Ideographs and Extension A).
HAN = re.compile(r"[\u3400-\u9fff]")


def in_chinese(texts: Iterable[str]) -> list[str]:
    """The ``texts`` that hold a Chinese character: on an English page only names (of parks, enterprises,
    industries) may."""
    return [text for text in texts if HAN.search(text)]
