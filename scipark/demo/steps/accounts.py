"""Step 3: one demo account per role and persona, all with the shared demo password.

``manage.py demo_accounts`` prints them (``make run`` does so before serving). The accounts are kept
across rebuilds (their sign-in history stays valid); only their memberships are replaced.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db.models import Q

from scipark.core.roles import DepartmentKind, Role

from .. import seed
from ..builder import DemoContext

#: The shared demo password: 17 characters, four character classes (passes the admins' 12-character rule).
DEMO_PASSWORD = "Scipark-Demo-2026"


@dataclass(frozen=True)
class DemoAccount:
    """A demo user and the one membership it holds."""

    username: str
    full_name: str
    role: Role
    park: str | None = None  # park code
    department: str | None = None  # DepartmentKind
    enterprise: str | None = None  # seed key of a named enterprise


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("zone-viewer", "马建国", Role.ZONE_VIEWER),
    DemoAccount("bio-leader", "李卫东", Role.PARK_LEADER, "bio"),
    # 管委会主任: the investment approval's last level, which the 分管领导 (bio-leader) may not also sign
    DemoAccount("bio-director", "吴国华", Role.PARK_LEADER, "bio"),
    DemoAccount("bio-economy", "张海燕", Role.DEPARTMENT_STAFF, "bio", DepartmentKind.ECONOMY),
    DemoAccount("bio-investment", "王志强", Role.DEPARTMENT_STAFF, "bio", DepartmentKind.INVESTMENT),
    DemoAccount("bio-innovation", "陈静", Role.DEPARTMENT_STAFF, "bio", DepartmentKind.INNOVATION),
    DemoAccount("bio-environment", "祁永红", Role.DEPARTMENT_STAFF, "bio", DepartmentKind.ENVIRONMENT),
    DemoAccount("bio-service", "韩明", Role.DEPARTMENT_STAFF, "bio", DepartmentKind.SERVICE),
    DemoAccount("bio-office", "周丽", Role.DEPARTMENT_STAFF, "bio", DepartmentKind.OFFICE),
    DemoAccount("nanchuan-leader", "冶文斌", Role.PARK_LEADER, "nanchuan"),
    DemoAccount("nanchuan-economy", "才让卓玛", Role.DEPARTMENT_STAFF, "nanchuan", DepartmentKind.ECONOMY),
    DemoAccount("ganhe-service", "郭宁", Role.DEPARTMENT_STAFF, "ganhe", DepartmentKind.SERVICE),
    DemoAccount("mingnuo", "杨秀英", Role.ENTERPRISE_USER, "bio", enterprise="明诺胶囊"),
    DemoAccount("jinhe", "多杰", Role.ENTERPRISE_USER, "bio", enterprise="金河藏药"),
    DemoAccount("sysadmin", "赵磊", Role.SYSTEM_ADMIN),
    DemoAccount("secadmin", "孙娟", Role.SECURITY_ADMIN),
    DemoAccount("auditadmin", "何涛", Role.AUDIT_ADMIN),
)

DEMO_USERNAMES = tuple(a.username for a in DEMO_ACCOUNTS)


class AccountsStep:
    """Create (or refresh) the demo users and give each its membership."""

    name: ClassVar[str] = "accounts"
    order: ClassVar[int] = 90

    def build(self, ctx: DemoContext) -> None:
        user_model = apps.get_model("accounts", "User")
        membership_model = apps.get_model("accounts", "Membership")
        password_hash = make_password(DEMO_PASSWORD)  # one hash: the password is public anyway
        existing = {u.username: u for u in user_model.objects.filter(username__in=DEMO_USERNAMES)}
        users: dict[str, Any] = {}
        new_users: list[Any] = []
        for account in DEMO_ACCOUNTS:
            user = existing.get(account.username) or user_model(username=account.username)
            user.full_name = account.full_name
            user.password = password_hash
            user.is_active = True
            users[account.username] = user
            if user.pk is None:
                new_users.append(user)
        user_model.objects.bulk_create(new_users)
        user_model.objects.bulk_update(
            [u for u in users.values() if u not in new_users], ["full_name", "password", "is_active"]
        )
        memberships = []
        for account in DEMO_ACCOUNTS:
            park = ctx.parks[account.park] if account.park else None
            memberships.append(
                membership_model(
                    user=users[account.username],
                    role=account.role,
                    zone=ctx.zone if account.role == Role.ZONE_VIEWER else None,
                    park=park,
                    department=ctx.departments[(account.park or "", account.department)]
                    if account.department
                    else None,
                    enterprise=ctx.named[account.enterprise] if account.enterprise else None,
                )
            )
        membership_model.objects.bulk_create(memberships)

    def wipe(self, ctx: DemoContext) -> None:
        membership_model = apps.get_model("accounts", "Membership")
        codes = [p.code for p in seed.PARKS]
        membership_model.objects.filter(
            Q(user__username__in=DEMO_USERNAMES)
            | Q(park__code__in=codes)
            | Q(zone__name=seed.ZONE.name)
            | Q(department__park__code__in=codes)
            | Q(enterprise__park__code__in=codes)
        ).delete()


def demo_account_rows() -> list[tuple[str, str, str, str]]:
    """(username, role, where, password) for every demo account that exists, for the console table."""
    membership_model = apps.get_model("accounts", "Membership")
    memberships = (
        membership_model.objects.filter(user__username__in=DEMO_USERNAMES, is_active=True)
        .select_related("user", "zone", "park", "department", "enterprise")
        .order_by("user__username")
    )
    by_user = {m.user.username: m for m in memberships}
    rows = []
    for account in DEMO_ACCOUNTS:
        membership = by_user.get(account.username)
        if membership is None:
            continue
        where = [str(x) for x in (membership.zone, membership.park) if x is not None]
        if membership.department is not None:
            where.append(membership.department.name)
        if membership.enterprise is not None:
            where.append(membership.enterprise.name)
        rows.append(
            (account.username, str(Role(account.role).label), " / ".join(where) or "—", DEMO_PASSWORD)
        )
    return rows
