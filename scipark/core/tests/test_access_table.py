"""The golden access table: role × department × domain → actions, written out by hand.

The route matrix asks ``core.access`` what to expect, so a wrong rule there would pass it. This table is
the reference instead: it is read from DESIGN.md's "Who uses it" table, SECURITY.md rows 2, 4 and 20 and
the rules ``core.access`` states in words (a department keeps its own domain and reads the others; the
三员 each administer one thing and see no business data), and is typed out as data, never computed. A
change of rule must change both this table and ``core.access``; a new role, department or domain fails
here until someone writes its row or column.

Letters: v view, e export, a add, c change, d delete, i import; ``-`` nothing.
"""

from __future__ import annotations

import pytest
from django.db.models import Q

from scipark.core.access import Action, Domain, Grant, Scope, grant_clause
from scipark.core.roles import DepartmentKind, Role

LETTERS = {
    "v": Action.VIEW,
    "e": Action.EXPORT,
    "a": Action.ADD,
    "c": Action.CHANGE,
    "d": Action.DELETE,
    "i": Action.IMPORT,
}

# fmt: off
#: One row per role (per department for department staff; ``*`` = whatever department, or none).
GOLDEN = """
role              department   parks   enterprises economy investment innovation environment service reports accounts audit  config
zone_viewer       *            ve      -           -       -          -          -           -       ve      -        -      -
park_leader       *            ve      ve          ve      ve         ve         ve          ve      ve      -        -      -
department_staff  economy      ve      vacdie      vacdie  ve         ve         ve          ve      ve      -        -      -
department_staff  investment   ve      ve          ve      vacdie     ve         ve          ve      ve      -        -      -
department_staff  innovation   ve      ve          ve      ve         vacdie     ve          ve      ve      -        -      -
department_staff  environment  ve      ve          ve      ve         ve         vacdie      ve      ve      -        -      -
department_staff  service      ve      vacdie      ve      ve         ve         ve          vacdie  ve      -        -      -
department_staff  office       ve      ve          ve      ve         ve         ve          ve      ve      -        -      -
department_staff  none         ve      ve          ve      ve         ve         ve          ve      ve      -        -      -
enterprise_user   *            v       vc          vac     vac        vac        vc          vac     -       -        -      -
system_admin      *            vacdie  -           -       -          -          -           -       -       -        -      vacdie
security_admin    *            v       -           -       -          -          -           -       -       vacdie   -      -
audit_admin       *            -       -           -       -          -          -           -       -       -        ve     -
"""
# fmt: on

#: SECURITY.md row 20: who sees an enterprise's contact persons unmasked, by where the grant is
#: (the enterprise's own park, another park) — only the departments whose work needs them, and the
#: enterprise itself.
PERSONAL_DATA = """
role              department   own_park  other_park  own_enterprise  other_enterprise
zone_viewer       *            no        no          no              no
park_leader       *            no        no          no              no
department_staff  economy      yes       no          -               -
department_staff  service      yes       no          -               -
department_staff  investment   no        no          -               -
department_staff  innovation   no        no          -               -
department_staff  environment  no        no          -               -
department_staff  office       no        no          -               -
enterprise_user   *            -         -           yes             no
system_admin      *            no        no          no              no
security_admin    *            no        no          no              no
audit_admin       *            no        no          no              no
"""

#: How far one grant reaches into a model that carries park, zone and enterprise fields (DESIGN.md rule
#: 1): ``park`` its own park's rows, ``zone`` its zone's, ``enterprise`` its enterprise's, ``all`` every
#: row (the 三员 in the domains they administer), ``-`` none. Checked on the role's first allowed domain
#: below and, for the enterprise user, on the park structure (read through the park: no enterprise field).
REACH = {
    Role.ZONE_VIEWER: ("reports", "zone"),
    Role.PARK_LEADER: ("economy", "park"),
    Role.DEPARTMENT_STAFF: ("economy", "park"),
    Role.ENTERPRISE_USER: ("economy", "enterprise"),
    Role.SYSTEM_ADMIN: ("parks", "all"),
    Role.SECURITY_ADMIN: ("accounts", "all"),
    Role.AUDIT_ADMIN: ("audit", "all"),
}

DEPARTMENTS: tuple[str | None, ...] = (*DepartmentKind.values, None)


def _rows(text: str) -> tuple[list[str], list[list[str]]]:
    lines = [line.split() for line in text.strip().splitlines()]
    return lines[0], lines[1:]


def golden() -> dict[tuple[Role, str | None], dict[Domain, frozenset[Action]]]:
    """The table as (role, department) → domain → actions, with ``*`` spread over every department."""
    header, rows = _rows(GOLDEN)
    table: dict[tuple[Role, str | None], dict[Domain, frozenset[Action]]] = {}
    for row in rows:
        role, department, cells = Role(row[0]), row[1], row[2:]
        per_domain = {
            Domain(name): frozenset(LETTERS[c] for c in cell if c != "-")
            for name, cell in zip(header[2:], cells, strict=True)
        }
        departments = DEPARTMENTS if department == "*" else (None if department == "none" else department,)
        for kind in departments:
            table[(role, kind)] = per_domain
    return table


def cases() -> list[tuple[Role, str | None, Domain, frozenset[Action]]]:
    return [
        (role, department, domain, actions)
        for (role, department), per_domain in golden().items()
        for domain, actions in per_domain.items()
    ]


def test_the_table_names_every_role_department_domain_and_action() -> None:
    header, rows = _rows(GOLDEN)
    assert set(header[2:]) == {str(d) for d in Domain}, "a domain without a column in the golden table"
    assert {(r, d) for r, d in golden()} == {(r, d) for r in Role for d in DEPARTMENTS}, (
        "a role or department without a row in the golden table"
    )
    assert set(LETTERS.values()) == set(Action)
    assert all(len(row) == len(header) for row in rows)


@pytest.mark.parametrize(
    ("role", "department", "domain", "expected"),
    cases(),
    ids=lambda v: str(v) if not isinstance(v, frozenset) else "".join(sorted(a[0] for a in v)) or "-",
)
def test_a_grant_allows_exactly_what_the_golden_table_says(
    role: Role, department: str | None, domain: Domain, expected: frozenset[Action]
) -> None:
    grant = Grant(role=role, zone_id=1, park_id=1, department=department, enterprise_id=1)
    assert grant.actions(domain) == expected


def test_the_route_level_check_is_the_union_of_the_grants() -> None:
    """A user with two memberships (economy and service staff) may do what either allows, no more."""
    table = golden()
    economy = (Role.DEPARTMENT_STAFF, str(DepartmentKind.ECONOMY))
    service = (Role.DEPARTMENT_STAFF, str(DepartmentKind.SERVICE))
    scope = Scope(
        user_id=1,
        grants=(
            Grant(role=economy[0], park_id=1, department=economy[1]),
            Grant(role=service[0], park_id=1, department=service[1]),
        ),
    )
    for domain in Domain:
        for action in Action:
            expected = action in table[economy][domain] | table[service][domain]
            assert scope.can(domain, action) is expected, (domain, action)


def personal_data_cases() -> list[tuple[Role, str | None, str, bool]]:
    header, rows = _rows(PERSONAL_DATA)
    found = []
    for row in rows:
        departments = DEPARTMENTS if row[1] == "*" else (row[1],)
        for department in departments:
            for where, cell in zip(header[2:], row[2:], strict=True):
                if cell != "-":
                    found.append((Role(row[0]), department, where, cell == "yes"))
    return found


@pytest.mark.parametrize(("role", "department", "where", "expected"), personal_data_cases())
def test_contact_persons_are_unmasked_only_where_the_table_says(
    role: Role, department: str | None, where: str, expected: bool
) -> None:
    grant = Grant(role=role, zone_id=1, park_id=1, department=department, enterprise_id=7)
    scope = Scope(user_id=1, grants=(grant,))
    park_id = 1 if where in ("own_park", "own_enterprise", "other_enterprise") else 2
    enterprise_id = 7 if where == "own_enterprise" else 8
    assert scope.sees_personal_data(park_id=park_id, enterprise_id=enterprise_id) is expected


class _Scoped:
    """Stands for a business model: the access mechanism reads only these three attributes."""

    scope_park_field = "park_id"
    scope_zone_field = "park__zone_id"
    scope_enterprise_field = "enterprise_id"


class _ParkStructure:
    """Stands for the park structure: park-scoped rows with no enterprise field."""

    scope_park_field = "id"
    scope_zone_field = "zone_id"
    scope_enterprise_field = None


EXPECTED_CLAUSE = {
    "park": Q(park_id=11),
    "zone": Q(park__zone_id=10),
    "enterprise": Q(enterprise_id=12),
    "all": Q(),
}


@pytest.mark.parametrize("role", list(Role))
def test_a_grant_reaches_only_its_park_zone_or_enterprise(role: Role) -> None:
    domain, reach = REACH[role]
    grant = Grant(role=role, zone_id=10, park_id=11, department="economy", enterprise_id=12)
    assert grant_clause(_Scoped, grant, Domain(domain), Action.VIEW) == EXPECTED_CLAUSE[reach]  # type: ignore[arg-type]
    # Nothing outside the golden table opens any row, whatever the model.
    for other in Domain:
        for action in Action:
            if action not in golden()[(role, "economy")][other]:
                assert grant_clause(_Scoped, grant, other, action) is None, (other, action)  # type: ignore[arg-type]


def test_an_enterprise_user_reads_its_own_park_structure_only() -> None:
    grant = Grant(role=Role.ENTERPRISE_USER, park_id=11, enterprise_id=12)
    assert grant_clause(_ParkStructure, grant, Domain.PARKS, Action.VIEW) == Q(id=11)  # type: ignore[arg-type]
    assert grant_clause(_ParkStructure, grant, Domain.PARKS, Action.CHANGE) is None  # type: ignore[arg-type]
