"""Excel/CSV imports of the ten tech-service libraries through the shared pipeline (core.imports).

One importer per library (``scipark import innovation-patents FILE`` …), its columns read from the
model's fields (the page's labels are the headers; amounts in 元 unless the header declares another
unit). A row is recognised in the park by the library's key (a patent by its number, a policy by its
title …): a new one is added, a known one has the fields that differ corrected. Each row is checked as
the services check it (their message, at the row and column); the pipeline writes all rows or none, and
every write goes through ``services.library_save`` (so the search index follows, row by row).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from scipark.core import access
from scipark.core.imports.columns import ChoiceColumn, Column, DateColumn, DecimalColumn, LookupColumn
from scipark.core.imports.importer import Importer, RowChange, RowError
from scipark.enterprises.models import Enterprise

# The environment import's generic helpers (enterprises by name and credit code; a service's refusal as a
# row error), read rather than copied, as the investment importers do.
from scipark.environment.importers import _enterprises, _first_error

from . import services
from .libraries import LIBRARIES, Library
from .models import IntellectualProperty
from .services.records import check_ip, check_record, entry_fields

YES_NO = (("yes", "是"), ("no", "否"))
ENTERPRISE_FIELDS = ("enterprise", "owner")
#: The field that recognises a row of each library in the park.
KEYS = {
    "patents": "number", "achievements": "title", "experts": "name", "talents": "name", "demands": "title",
    "platforms": "name", "equipment": "name", "policies": "title", "institutions": "name", "providers": "name",
}  # fmt: skip
UNIT = re.compile(r"[((](元|m²)[))]$")


def column_for(field: models.Field[Any, Any], key: str) -> Column:
    """The import column of one model field, headed by the field's label."""
    label = str(field.verbose_name)
    required = field.name == key or not (field.blank or field.null or field.has_default())
    if isinstance(field, models.ForeignKey):
        return LookupColumn(field.name, label, synonyms=("企业名称", "统一社会信用代码"), required=required,
                            load=_enterprises, describe="本园区企业的名称或统一社会信用代码")  # fmt: skip
    if isinstance(field, models.BooleanField):
        return ChoiceColumn(field.name, label, choices=YES_NO)
    if field.choices:
        choices = tuple((str(v), str(lbl)) for v, lbl in field.flatchoices)
        return ChoiceColumn(field.name, label, required=required, choices=choices)
    if isinstance(field, models.DateField):
        return DateColumn(field.name, label, required=required)
    if isinstance(field, models.DecimalField):
        return DecimalColumn(field.name, UNIT.sub("", label), synonyms=(label,), required=required, money=True,
                             default_unit="元")  # fmt: skip
    if isinstance(field, models.IntegerField):
        return DecimalColumn(field.name, label, required=required, decimal_places=0, max_digits=9)
    return Column(field.name, label, required=required, max_length=getattr(field, "max_length", None))


class LibraryImporter(Importer):
    """One library's records, from Excel or CSV."""

    domain = access.Domain.INNOVATION
    library: ClassVar[Library]

    def __init__(self, *, user: Any, park: Any, request: Any = None) -> None:
        super().__init__(user=user, park=park, request=request)
        self.may_import = park is not None and access.can_add_in(user, self.domain, park_id=park.pk)

    @property
    def model(self) -> type[Any]:
        return self.library.model

    def existing(self, keys: Iterable[str]) -> Mapping[str, Any]:
        rows = self.model.objects.filter(park=self.park, **{f"{self.key_field}__in": list(keys)})
        return {getattr(row, self.key_field): row for row in rows.order_by("-pk")}

    def build_change(self, row: int, values: dict[str, Any], existing: Any | None) -> RowChange:
        if not self.may_import:
            raise RowError(_("您无权向园区“%(park)s”导入科技服务库记录。") % {"park": self.park})
        for name in ENTERPRISE_FIELDS:
            enterprise: Enterprise | None = values.get(name)
            if enterprise is not None and enterprise.park_id != self.park.pk:
                # Said as "not found": whether a firm exists in another park is not this user's business.
                raise RowError(
                    _("未找到本园区的该企业,请填写本园区企业的名称或统一社会信用代码。"), field=name
                )
        for name, value in list(values.items()):
            if isinstance(self.model._meta.get_field(name), models.BooleanField) and value is not None:
                values[name] = value == "yes"
            elif isinstance(self.model._meta.get_field(name), models.IntegerField) and value is not None:
                values[name] = int(value)
        fields = {k: v for k, v in values.items() if v is not None}
        key = str(values[self.key_field])
        if existing is None:
            self._check(self.model(park=self.park, **fields))
            return RowChange(row=row, key=key, action=RowChange.CREATE, label=key, data=fields,
                             changes={k: (None, v) for k, v in fields.items()})  # fmt: skip
        changes = {k: (getattr(existing, k), v) for k, v in fields.items() if getattr(existing, k) != v}
        if changes:
            probe = self.model(
                **{f.attname: getattr(existing, f.attname) for f in self.model._meta.concrete_fields}
            )
            for name, (_before, after) in changes.items():
                setattr(probe, name, after)
            self._check(probe)
        return RowChange(
            row=row, key=key, action=RowChange.UPDATE if changes else RowChange.UNCHANGED, label=key,
            data={k: after for k, (_b, after) in changes.items()}, changes=changes, target=existing,
            version=existing.version,
        )  # fmt: skip

    def _check(self, probe: Any) -> None:
        try:
            (check_ip if self.model is IntellectualProperty else check_record)(probe)
        except ValidationError as exc:
            raise _first_error(exc) from None

    def write(self, change: RowChange) -> None:
        if change.action == RowChange.CREATE:
            services.library_save(user=self.user, model=self.model, park=self.park, data=change.data)
        elif change.action == RowChange.UPDATE:
            services.library_save(user=self.user, model=self.model, park=self.park, data=change.data,
                                  instance=change.target, expected_version=change.version)  # fmt: skip


def importer_for(library: Library) -> type[LibraryImporter]:
    model = library.model
    key = KEYS[library.slug]
    columns = tuple(column_for(model._meta.get_field(name), key) for name in entry_fields(model))
    return type(
        f"{model.__name__}Importer",
        (LibraryImporter,),
        {
            "__doc__": f"{library.label}的记录,从 Excel 或 CSV 导入。",
            "library": library,
            "kind": f"innovation-{library.slug}",
            "label": library.label,
            "sheet_name": library.label,
            "key_field": key,
            "object_type": model._meta.label_lower,
            "columns": columns,
            "notes": (
                f"按“{model._meta.get_field(key).verbose_name}”识别记录:本园区没有的新增,已有的只更新填写了内容且不同的字段。",
                "金额默认单位为元,可在表头括号中声明单位,如“转化金额(万元)”。",
            ),
        },
    )


IMPORTERS = {lib.slug: importer_for(lib) for lib in LIBRARIES}
PatentImporter = IMPORTERS["patents"]
AchievementImporter = IMPORTERS["achievements"]
ExpertImporter = IMPORTERS["experts"]
TalentImporter = IMPORTERS["talents"]
DemandImporter = IMPORTERS["demands"]
PlatformImporter = IMPORTERS["platforms"]
EquipmentImporter = IMPORTERS["equipment"]
PolicyImporter = IMPORTERS["policies"]
InstitutionImporter = IMPORTERS["institutions"]
ProviderImporter = IMPORTERS["providers"]
