"""The roles of DESIGN.md's table, and the departments of a park administration."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a membership lets its user be in a park or zone."""

    ZONE_VIEWER = "zone_viewer", _("开发区/市级查看")
    PARK_LEADER = "park_leader", _("园区领导")
    DEPARTMENT_STAFF = "department_staff", _("部门工作人员")
    ENTERPRISE_USER = "enterprise_user", _("企业用户")
    SYSTEM_ADMIN = "system_admin", _("系统管理员")
    SECURITY_ADMIN = "security_admin", _("安全管理员")
    AUDIT_ADMIN = "audit_admin", _("审计管理员")


#: 三员: the three administrator roles, whose powers are disjoint and never held together.
ADMIN_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})
STAFF_ROLES = frozenset({Role.PARK_LEADER, Role.DEPARTMENT_STAFF})


class DepartmentKind(models.TextChoices):
    """The administration's departments, by the domain each one keeps."""

    ECONOMY = "economy", _("经济发展")
    INVESTMENT = "investment", _("招商")
    INNOVATION = "innovation", _("科技创新")
    ENVIRONMENT = "environment", _("生态环保")
    SERVICE = "service", _("企业服务")
    OFFICE = "office", _("综合办公室")
