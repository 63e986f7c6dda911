"""Sample objects for the route matrix: for each model, one in reach, one beside it, one in another park."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.urls import reverse

from scipark.core.contributions import contributed_modules
from scipark.core.identifiers import credit_code_from_number
from scipark.core.testing import World, as_shown, csv_upload, enterprise_for, park_of

from .routes import Route

VARIANTS = ("own", "other", "foreign")


@dataclass
class SampleObjects:
    """Objects by model label and variant; literal values for non-object URL arguments."""

    objects: dict[str, dict[str, Any]] = field(default_factory=dict)
    literal_kwargs: dict[str, Any] = field(default_factory=dict)
    #: route name -> ``(world, obj, user) -> data``: what a person fills in (see ``route_posts``).
    posts: dict[str, Callable[[World, Any, Any], dict[str, Any]]] = field(default_factory=dict)

    def model_of(self, route: Route) -> type[models.Model] | None:
        view = route.view_class
        model = getattr(view, "object_model", None) or getattr(view, "model", None)
        if model is None:
            queryset = getattr(view, "queryset", None)
            model = getattr(queryset, "model", None)
        return model

    def model_named(self, name: str) -> type[models.Model] | None:
        for model in apps.get_models():
            if model._meta.model_name == name.replace("_", ""):
                return model
        return None

    def pick(self, model: type[models.Model] | None, which: str) -> Any:
        if model is None:
            return None
        per_variant = self.objects.get(model._meta.label_lower)
        if per_variant is None:
            return model._default_manager.order_by("pk").first()
        return per_variant.get(which) or per_variant.get("own")

    def variants(self, route: Route) -> tuple[str, ...]:
        model = self.model_of(route)
        # Rows outside the park scope (users, role grants) have no "other park" to try.
        if (
            not route.kwargs
            or model is None
            or not hasattr(model, "access_domain")
            or model._meta.label_lower not in self.objects
        ):
            return ("own",)
        if model._meta.label_lower in {"accounts.user", "accounts.membership"}:
            return ("own",)
        return VARIANTS

    def url(self, route: Route, kwargs: dict[str, Any]) -> str:
        return reverse(route.name, kwargs=kwargs or None)


def build_samples(world: World) -> SampleObjects:
    """Give each scoped model of the world an own / other / foreign instance."""
    samples = SampleObjects()
    samples.objects["enterprises.enterprise"] = {
        "own": world.enterprise,
        "other": world.other_enterprise,
        "foreign": world.foreign_enterprise,
    }
    samples.objects["parks.park"] = {"own": world.park, "other": world.park, "foreign": world.other_park}
    department = apps.get_model("parks", "Department")
    samples.objects["parks.department"] = {
        "own": department.objects.filter(park=world.park).first(),
        "foreign": department.objects.filter(park=world.other_park).first(),
    }
    contact = apps.get_model("enterprises", "Contact")
    status = apps.get_model("enterprises", "EnterpriseStatus")
    tag = apps.get_model("enterprises", "Tag")
    contacts, statuses = {}, {}
    for variant, enterprise in samples.objects["enterprises.enterprise"].items():
        contacts[variant] = contact.objects.create(enterprise=enterprise, name="王小明", phone="13800001234")
        statuses[variant] = status.objects.create(
            enterprise=enterprise, kind="incubation", valid_from=datetime.date(2022, 1, 1)
        )
    samples.objects["enterprises.contact"] = contacts
    samples.objects["enterprises.enterprisestatus"] = statuses
    samples.objects["enterprises.tag"] = {
        "own": tag.objects.create(park=world.park, name="重点企业"),
        "foreign": tag.objects.create(park=world.other_park, name="重点企业"),
    }
    # A spare account for the security admin's pages to act on (deactivating a persona would end the walk).
    user_model = apps.get_model("accounts", "User")
    membership_model = apps.get_model("accounts", "Membership")
    spare = user_model.objects.create_user(
        username="spare", password="Spare-Account-2026!", full_name="备用账号"
    )
    office = apps.get_model("parks", "Department").objects.get(park=world.park, kind="office")
    spare_membership = membership_model.objects.create(
        user=spare, role="department_staff", park=world.park, department=office
    )
    samples.objects["accounts.user"] = {"own": spare}
    samples.objects["accounts.membership"] = {"own": spare_membership}
    samples.literal_kwargs.update(
        {"token": "0" * 32, "upload_id": "0" * 32, "code": "2710", "kind": "enterprises", "format": "json"}
    )
    add_app_samples(world, samples)
    return samples


def add_app_samples(world: World, samples: SampleObjects) -> None:
    """Let each app add its own, from the testing module its AppConfig declares (``testing``):
    ``route_samples(world)`` returning ``{"app_label.model": {"own": obj, "other": obj, "foreign": obj}}``,
    ``ROUTE_LITERALS`` (URL arguments that are not objects, by name) and ``ROUTE_POSTS`` (valid data)."""
    for module in contributed_modules("testing"):
        if hasattr(module, "route_samples"):
            samples.objects.update(module.route_samples(world))
        samples.literal_kwargs.update(getattr(module, "ROUTE_LITERALS", {}))
    samples.posts.update(route_posts())


def route_posts() -> dict[str, Callable[[World, Any, Any], dict[str, Any]]]:
    """Valid data per route name, from core's list below and each app's ``ROUTE_POSTS``.

    ``ROUTE_POSTS = {"events:event_add": lambda world, obj, user: {...}}``: ``obj`` is the object the URL
    names (None on a create page), ``user`` who posts. For a page, the matrix GETs the page (for a POST-only button, the page
    that carries its form), takes the form's own values as a browser would send them, and lays these
    over them: declare what a person types in. For an API route it is the whole JSON body.
    """
    posts = dict(CORE_POSTS)
    for module in contributed_modules("testing"):
        posts.update(getattr(module, "ROUTE_POSTS", {}))
    return posts


#: Valid data for the routes of core, accounts, parks and enterprises (apps declare theirs in testing.py).
CORE_POSTS: dict[str, Callable[[World, Any, Any], dict[str, Any]]] = {
    "accounts:logout": as_shown,
    "accounts:otp_verify": as_shown,
    "accounts:user_edit": as_shown,
    "accounts:user_deactivate": as_shown,
    "accounts:user_reactivate": as_shown,
    "accounts:password_reset": as_shown,
    "accounts:membership_revoke": as_shown,
    "enterprises:enterprise_edit": as_shown,
    "enterprises:contact_edit": as_shown,
    "enterprises:tag_edit": as_shown,
    "enterprise-detail": lambda world, obj, user: {
        "credit_code": obj.credit_code,
        "name": obj.name,
        "park": obj.park_id,
        "industry": obj.industry_id,
        "activity_type": obj.activity_type,
        "version": obj.version,
    },
    "enterprise-contact-detail": lambda world, obj, user: {
        "enterprise": obj.enterprise_id,
        "name": obj.name,
        "phone": obj.phone,
        "version": obj.version,
    },
    "accounts:user_create": lambda world, obj, user: {"username": "matrix-new", "full_name": "矩阵新用户"},
    "accounts:membership_grant": lambda world, obj, user: {"role": "park_leader", "park": world.park.pk},
    "enterprises:enterprise_add": lambda world, obj, user: {
        "credit_code": credit_code_from_number(4242),
        "name": "青海矩阵测试有限公司",
        "industry": "2710",
        "activity_type": "industry",
    },
    "enterprises:status_add": lambda world, obj, user: {
        "kind": "incubation",
        "valid_from": "2020-01-01",
        "valid_to": "2020-12-31",
    },
    "enterprises:status_end": lambda world, obj, user: {"valid_to": "2024-06-30"},
    "enterprises:contact_add": lambda world, obj, user: {"name": "李四", "phone": "13900001234"},
    "enterprises:tag_add": lambda world, obj, user: {"name": "矩阵标签", "color": "blue"},
    "enterprise-list": lambda world, obj, user: {
        "credit_code": credit_code_from_number(4243),
        "name": "青海矩阵接口有限公司",
        "park": park_of(user, world).pk,
        "industry": "2710",
        "activity_type": "industry",
    },
    "enterprise-contact-list": lambda world, obj, user: {
        "enterprise": enterprise_of(user),
        "name": "赵六",
        "phone": "13700001234",
    },
    "enterprise-status-list": lambda world, obj, user: {
        "enterprise": enterprise_of(user),
        "kind": "incubation",
        "valid_from": "2020-01-01",
        "valid_to": "2020-12-31",
    },
    "enterprise-status-end": lambda world, obj, user: {"valid_to": "2024-06-30", "version": obj.version},
    # one new enterprise, into the park the page offers first: the answer is the preview
    "enterprises:import": lambda world, obj, user: {
        "park": park_of(user, world).pk,
        "file": csv_upload(
            "enterprises.csv",
            [
                ["统一社会信用代码", "企业名称", "行业代码"],
                [credit_code_from_number(4244), "青海矩阵导入有限公司", "C2710"],
            ],
        ),
    },
}


def enterprise_of(user: Any) -> int:
    """An enterprise the user may change (their own park's first, or their own)."""
    return int(enterprise_for(user, "change").pk)
