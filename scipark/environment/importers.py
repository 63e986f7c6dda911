"""Excel/CSV imports of the environment department through the shared pipeline (core.imports).

- ``findings``: the ledger of an inspection round (督察整改台账), one row per item, recognised by its 编号
  in the park; a new item is registered, a known one has its descriptive fields corrected (its state moves
  only by the ledger's steps).
- ``boilers``: boilers and their measurements, recognised by the 使用登记证编号 (TSG 08-2017, unique in
  the country); a boiler on file without one is matched by its enterprise and 锅炉编号 and gets it.

Each row is checked as the services check it (the rule's message, at the row and column); the pipeline
writes all rows or none, and a file imported twice changes nothing the second time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from scipark.core import access
from scipark.core.imports.columns import (
    ChoiceColumn,
    Column,
    DateColumn,
    DecimalColumn,
    LookupColumn,
    normalize_header,
)
from scipark.core.imports.importer import Importer, RowChange, RowError
from scipark.enterprises.models import Enterprise

from . import services
from .models import Boiler, Finding
from .services.records import check_boiler


def _enterprises() -> dict[str, Enterprise]:
    """Enterprises by credit code and by name; the row's park is checked per row."""
    table: dict[str, Enterprise] = {}
    for enterprise in Enterprise.objects.only("pk", "name", "credit_code", "park_id"):
        table[normalize_header(enterprise.name)] = enterprise
        if enterprise.credit_code:
            table[normalize_header(enterprise.credit_code)] = enterprise
    return table


def _enterprise_column(field: str, header: str, *, required: bool) -> LookupColumn:
    return LookupColumn(
        field,
        header,
        synonyms=("企业", "企业名称", "单位名称", "统一社会信用代码"),
        required=required,
        help="本园区企业的名称或统一社会信用代码",
        example="青海示例药业有限公司",
        load=_enterprises,
        describe="本园区企业的名称或统一社会信用代码",
    )


def _choices(choices: Any) -> tuple[tuple[str, str], ...]:
    return tuple((value, str(label)) for value, label in choices)


def _first_error(exc: ValidationError) -> RowError:
    """A service rule's refusal as a row error pointing at its field."""
    if hasattr(exc, "error_dict"):
        field, errors = next(iter(exc.message_dict.items()))
        return RowError("; ".join(errors), field=field if field != "__all__" else None)
    return RowError("; ".join(exc.messages))


class EnvironmentImporter(Importer):
    domain = access.Domain.ENVIRONMENT

    def __init__(self, *, user: Any, park: Any, request: Any = None) -> None:
        super().__init__(user=user, park=park, request=request)
        self.may_import = park is not None and access.can_add_in(user, self.domain, park_id=park.pk)

    def in_park(self, enterprise: Enterprise | None, field: str) -> None:
        if not self.may_import:
            raise RowError(_("您无权向园区“%(park)s”导入生态环境记录。") % {"park": self.park})
        if enterprise is not None and enterprise.park_id != self.park.pk:
            # Said as "not found": whether a firm exists in another park is not this user's business.
            raise RowError(_("未找到本园区的该企业,请填写本园区企业的名称或统一社会信用代码。"), field=field)

    #: The record's own rule (the service's check) and the fields its model check leaves to the service.
    rule: ClassVar[Any]  # a staticmethod taking the unsaved record
    clean_exclude: ClassVar[tuple[str, ...]] = ("park",)

    def check(self, probe: Any) -> None:
        """The row as the service would store it, checked by the same rules: a refusal names its column."""
        try:
            type(self).rule(probe)
            probe.full_clean(
                exclude=list(self.clean_exclude), validate_unique=False, validate_constraints=False
            )
        except ValidationError as exc:
            raise _first_error(exc) from None

    def update(self, row: int, key: str, existing: Any, fields: Mapping[str, Any], label: str) -> RowChange:
        """What a row does to a stored record: the fields that differ, checked on a copy of the record."""
        changes = {k: (getattr(existing, k), v) for k, v in fields.items() if getattr(existing, k) != v}
        if changes:
            model = type(existing)
            probe = model(**{f.attname: getattr(existing, f.attname) for f in model._meta.concrete_fields})
            for name, (_before, after) in changes.items():
                setattr(probe, name, after)
            self.check(probe)
        return RowChange(
            row=row, key=key, action=RowChange.UPDATE if changes else RowChange.UNCHANGED, label=label,
            data={k: after for k, (_b, after) in changes.items()}, changes=changes, target=existing,
            version=existing.version,
        )  # fmt: skip


class FindingImporter(EnvironmentImporter):
    """督察整改台账 of a round, from Excel or CSV."""

    kind = "environment-findings"
    label = "督察整改事项"
    sheet_name = "督察整改台账"
    key_field = "number"
    object_type = "environment.finding"
    rule = staticmethod(services.check_finding)
    notes = (
        "按“编号”识别事项:本园区没有的编号新登记为“待整改”,已有的只更新填写了内容且不同的字段;状态只能在台账中逐步办理。",
        "中央或省级督察交办的事项须填写督察轮次;责任企业和责任单位至少填写一项。",
    )
    columns: ClassVar[tuple[Column, ...]] = (
        Column(
            "number",
            "编号",
            synonyms=("事项编号", "序号编号"),
            required=True,
            example="ZY3-XF-001",
            max_length=40,
        ),
        ChoiceColumn(
            "source",
            "来源",
            synonyms=("督察来源",),
            required=True,
            example="中央生态环境保护督察",
            choices=_choices(Finding.Source.choices),
        ),
        DecimalColumn(
            "round_no", "督察轮次", synonyms=("轮次",), example="3", decimal_places=0, max_digits=2
        ),
        ChoiceColumn(
            "kind", "类别", required=True, example="信访举报件", choices=_choices(Finding.Kind.choices)
        ),
        Column(
            "title",
            "问题",
            synonyms=("问题名称", "反映问题"),
            required=True,
            example="夜间异味扰民",
            max_length=200,
        ),
        Column("description", "问题描述", synonyms=("具体问题",), example="", max_length=4000),
        _enterprise_column("enterprise", "责任企业", required=False),
        Column("responsible_unit", "责任单位", synonyms=("责任部门",), example="园区环保局", max_length=100),
        DateColumn(
            "received_on", "交办日期", synonyms=("受理日期", "转办日期"), required=True, example="2023-11-20"
        ),
        DateColumn(
            "deadline", "整改期限", synonyms=("整改时限", "完成时限"), required=True, example="2023-12-31"
        ),
        Column("measures", "整改措施", example="", max_length=4000),
        DecimalColumn("longitude", "经度", example="101.7450", decimal_places=6, min_value=Decimal(-180)),
        DecimalColumn("latitude", "纬度", example="36.6720", decimal_places=6, min_value=Decimal(-90)),
    )

    def existing(self, keys: Iterable[str]) -> Mapping[str, Finding]:
        return {f.number: f for f in Finding.objects.filter(park=self.park, number__in=list(keys))}

    def build_change(self, row: int, values: dict[str, Any], existing: Any | None) -> RowChange:
        self.in_park(values.get("enterprise"), "enterprise")
        if values.get("round_no") is not None:
            values["round_no"] = int(values["round_no"])
        fields = {k: v for k, v in values.items() if v is not None}
        key = values["number"]
        if existing is None:
            probe = Finding(
                park=self.park, **{"responsible_unit": "", "measures": "", "description": "", **fields}
            )
            self.check(probe)
            return RowChange(row=row, key=key, action=RowChange.CREATE, label=fields["title"], data=fields,
                             changes={k: (None, v) for k, v in fields.items()})  # fmt: skip
        return self.update(row, key, existing, fields, existing.title)

    def write(self, change: RowChange) -> None:
        if change.action == RowChange.CREATE:
            services.finding_create(user=self.user, park=self.park, data=change.data)
        elif change.action == RowChange.UPDATE:
            services.finding_update(
                user=self.user, finding=change.target, data=change.data, expected_version=change.version
            )


class BoilerImporter(EnvironmentImporter):
    """Boilers and their NOx measurements before and after the retrofit, from Excel or CSV."""

    kind = "environment-boilers"
    label = "锅炉"
    sheet_name = "锅炉"
    key_field = "registration_no"
    object_type = "environment.boiler"
    rule = staticmethod(check_boiler)
    clean_exclude = ("park", "enterprise")
    notes = (
        "按“使用登记证编号”识别锅炉;尚未登记编号的已有锅炉按企业和锅炉编号匹配并补上编号。留空的单元格不修改现有值。",
        "浓度为实测值(mg/m³),同时填写实测氧含量;改造后浓度高于改造前时须填写说明。一年最多 8784 小时。",
    )
    columns: ClassVar[tuple[Column, ...]] = (
        Column(
            "registration_no",
            "使用登记证编号",
            synonyms=("登记证编号", "使用登记编号"),
            required=True,
            example="锅11青A00123(23)",
            max_length=40,
        ),
        _enterprise_column("enterprise", "企业", required=True),
        Column("name", "锅炉编号", synonyms=("锅炉名称",), required=True, example="1#", max_length=60),
        DecimalColumn(
            "capacity_tph",
            "额定蒸发量(蒸吨/小时)",
            synonyms=("额定蒸发量", "蒸吨"),
            required=True,
            example="10",
            decimal_places=2,
            max_digits=6,
        ),
        ChoiceColumn("fuel", "燃料", example="天然气", choices=_choices(Boiler.Fuel.choices)),
        DecimalColumn("installed_year", "投运年份", example="2015", decimal_places=0, max_digits=4),
        DecimalColumn(
            "operating_hours",
            "年运行小时",
            synonyms=("运行小时",),
            required=True,
            example="4000",
            decimal_places=0,
            max_digits=5,
        ),
        DecimalColumn(
            "load_factor",
            "平均负荷率",
            synonyms=("负荷率",),
            required=True,
            example="0.8",
            decimal_places=3,
            max_digits=4,
            help="0 到 1 之间",
        ),
        DecimalColumn(
            "nox_before",
            "改造前实测NOx(mg/m³)",
            synonyms=("改造前NOx", "改造前氮氧化物浓度"),
            required=True,
            example="180",
            decimal_places=1,
            max_digits=7,
        ),
        DecimalColumn(
            "o2_before",
            "改造前实测氧含量(%)",
            synonyms=("改造前氧含量",),
            required=True,
            example="3.5",
            decimal_places=1,
            max_digits=4,
        ),
        DecimalColumn(
            "nox_after",
            "改造后实测NOx(mg/m³)",
            synonyms=("改造后NOx", "改造后氮氧化物浓度"),
            example="28",
            decimal_places=1,
            max_digits=7,
        ),
        DecimalColumn(
            "o2_after",
            "改造后实测氧含量(%)",
            synonyms=("改造后氧含量",),
            example="3.5",
            decimal_places=1,
            max_digits=4,
        ),
        Column("after_note", "改造后浓度说明", example="", max_length=300),
        DateColumn("retrofit_started_on", "改造开始日期", example="2023-05-01"),
        DateColumn("retrofit_completed_on", "改造完成日期", example="2023-08-01"),
    )

    def existing(self, keys: Iterable[str]) -> Mapping[str, Boiler]:
        found = {
            b.registration_no: b
            for b in Boiler.objects.filter(park=self.park, registration_no__in=list(keys))
        }
        self._unregistered = {
            (b.enterprise_id, b.name): b for b in Boiler.objects.filter(park=self.park, registration_no="")
        }
        return found

    def build_change(self, row: int, values: dict[str, Any], existing: Any | None) -> RowChange:
        self.in_park(values["enterprise"], "enterprise")
        for name in ("installed_year", "operating_hours"):
            if values.get(name) is not None:
                values[name] = int(values[name])
        fields = {k: v for k, v in values.items() if v is not None}
        key = values["registration_no"]
        if existing is None:
            existing = self._unregistered.get((values["enterprise"].pk, values["name"]))
        if existing is None:
            self.check(Boiler(park=self.park, **{"after_note": "", **fields}))
            return RowChange(row=row, key=key, action=RowChange.CREATE, label=f"{values['enterprise'].name} {values['name']}",
                             data=fields, changes={k: (None, v) for k, v in fields.items()})  # fmt: skip
        if existing.enterprise_id != values["enterprise"].pk:
            raise RowError(_("该使用登记证编号已登记在另一家企业的锅炉上。"), field="registration_no")
        return self.update(row, key, existing, fields, str(existing))

    def write(self, change: RowChange) -> None:
        if change.action == RowChange.CREATE:
            services.boiler_save(user=self.user, park=self.park, data=change.data)
        elif change.action == RowChange.UPDATE:
            services.boiler_save(
                user=self.user, boiler=change.target, data=change.data, expected_version=change.version
            )
