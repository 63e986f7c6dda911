"""Sample objects for the route matrix: for each model, one in reach, one beside it, one in another park."""

from __future__ import annotations

import datetime
import importlib
import importlib.util
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.urls import reverse

from scipark.core.testing import World

from .routes import Route

VARIANTS = ("own", "other", "foreign")


@dataclass
class SampleObjects:
    """Objects by model label and variant; literal values for non-object URL arguments."""

    objects: dict[str, dict[str, Any]] = field(default_factory=dict)
    literal_kwargs: dict[str, Any] = field(default_factory=dict)

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
    department = apps.get_model("parks", "Department").objects.get(park=world.park, kind="office")
    spare_membership = membership_model.objects.create(
        user=spare, role="department_staff", park=world.park, department=department
    )
    samples.objects["accounts.user"] = {"own": spare}
    samples.objects["accounts.membership"] = {"own": spare_membership}
    samples.literal_kwargs.update(
        {"token": "0" * 32, "upload_id": "0" * 32, "code": "2710", "kind": "enterprises", "format": "json"}
    )
    add_app_samples(world, samples)
    return samples


def add_app_samples(world: World, samples: SampleObjects) -> None:
    """Let each app add its own: ``<app>/testing.py`` may define ``route_samples(world)`` returning
    ``{"app_label.model": {"own": obj, "other": obj, "foreign": obj}}`` and ``ROUTE_LITERALS`` (URL
    arguments that are not objects, by name)."""
    for config in apps.get_app_configs():
        module_name = f"{config.name}.testing"
        if not config.name.startswith("scipark.") or importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        if hasattr(module, "route_samples"):
            samples.objects.update(module.route_samples(world))
        samples.literal_kwargs.update(getattr(module, "ROUTE_LITERALS", {}))
