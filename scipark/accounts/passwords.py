"""Password rules of 等保 2.0 (SECURITY.md row 7): length by role, three of four character classes."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from scipark.core.roles import ADMIN_ROLES

MIN_LENGTH = 8
ADMIN_MIN_LENGTH = 12
_CLASSES = (re.compile(r"[a-z]"), re.compile(r"[A-Z]"), re.compile(r"[0-9]"), re.compile(r"[^a-zA-Z0-9]"))


def is_admin(user: Any) -> bool:
    """Whether the user holds one of the 三员 roles (they need longer passwords)."""
    if user is None or not getattr(user, "pk", None):
        return False
    return bool(user.memberships.filter(role__in=list(ADMIN_ROLES), is_active=True).exists())


class LengthByRoleValidator:
    """At least 8 characters, 12 for administrators."""

    def validate(self, password: str, user: Any = None) -> None:
        minimum = ADMIN_MIN_LENGTH if is_admin(user) else MIN_LENGTH
        if len(password) < minimum:
            raise ValidationError(
                _("密码至少需要%(n)d个字符。") % {"n": minimum},
                code="password_too_short",
                params={"min_length": minimum},
            )

    def get_help_text(self) -> str:
        return _("密码至少8个字符(管理员至少12个)。")


class CharacterClassValidator:
    """At least three of: lower case, upper case, digits, other characters."""

    def validate(self, password: str, user: Any = None) -> None:
        classes = sum(1 for pattern in _CLASSES if pattern.search(password))
        if classes < 3:
            raise ValidationError(
                _("密码须包含大写字母、小写字母、数字、符号中的至少三类。"), code="password_too_simple"
            )

    def get_help_text(self) -> str:
        return _("密码须包含大写字母、小写字母、数字、符号中的至少三类。")
