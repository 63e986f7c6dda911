"""The ten tech-service libraries (十大科技服务能力提升库), and the registry beside them in the search:
for each, its model, its name, and what the search indexes (title weighs more than the body)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps

from .models import (
    Achievement,
    Expert,
    Institution,
    IntellectualProperty,
    Policy,
    RdInstitution,
    ServiceProvider,
    SharedEquipment,
    Talent,
    TechDemand,
)


@dataclass(frozen=True)
class Library:
    slug: str
    label: str
    model: type[Any]
    title: tuple[str, ...]
    body: tuple[str, ...]
    enterprise_field: str | None
    #: The columns of the list page (besides the title).
    columns: tuple[str, ...] = ()
    #: Names of people are personal data: masked in search results for roles that do not need them.
    personal: bool = False


LIBRARIES: tuple[Library, ...] = (
    Library("patents", "专利库", IntellectualProperty, ("title",), ("number", "owner_name", "field", "abstract"), "enterprise", ("kind", "number", "owner_name", "status", "granted_on")),
    Library("achievements", "成果库", Achievement, ("title",), ("holder", "field", "summary"), "enterprise", ("holder", "field", "maturity", "converted_on")),
    Library("experts", "专家库", Expert, ("field",), ("organisation", "title", "specialties"), None, ("name", "title", "organisation", "field"), personal=True),
    Library("talents", "人才库", Talent, ("field",), ("degree", "title", "programme"), "enterprise", ("name", "enterprise", "degree", "field", "programme"), personal=True),
    Library("demands", "技术需求库", TechDemand, ("title",), ("field", "description"), "enterprise", ("enterprise", "field", "published_on", "state")),
    Library("platforms", "研发平台库", RdInstitution, ("name",), ("field", "approver"), "enterprise", ("enterprise", "kind", "level", "approved_on")),
    Library("equipment", "仪器设备共享库", SharedEquipment, ("name",), ("owner_name", "category", "model_no", "location"), "owner", ("owner_name", "category", "model_no", "location")),
    Library("policies", "政策库", Policy, ("title",), ("issuer", "document_no", "summary"), None, ("issuer", "document_no", "level", "published_on")),
    Library("institutions", "合作机构库", Institution, ("name",), ("province", "strengths"), None, ("kind", "province")),
    Library("providers", "科技服务机构库", ServiceProvider, ("name",), ("services", "qualification"), None, ("kind", "qualification")),
)  # fmt: skip
BY_SLUG = {lib.slug: lib for lib in LIBRARIES}
BY_MODEL = {lib.model: lib for lib in LIBRARIES}
REGISTRY = "registry"
REGISTRY_LABEL = "企业名录"
FACET_LABELS = {**{lib.slug: lib.label for lib in LIBRARIES}, REGISTRY: REGISTRY_LABEL}


def text_of(row: Any, names: tuple[str, ...]) -> str:
    """The display text of ``names`` on ``row`` (choices by their label), joined by spaces."""
    parts = []
    for name in names:
        display = getattr(row, f"get_{name}_display", None)
        value = display() if display else getattr(row, name, "")
        if value not in (None, ""):
            parts.append(str(value))
    return " ".join(parts)


def enterprise_model() -> type[Any]:
    return apps.get_model("enterprises", "Enterprise")
