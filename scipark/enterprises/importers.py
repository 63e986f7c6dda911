"""The enterprise registry import: one row per enterprise, matched by 统一社会信用代码.

A row creates the enterprise in the target park (the upload's park, or the one named in a 园区
column), or updates the fields that differ; a row that changes nothing is not saved. A credit code
registered in another park is an error, never a silent move.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from scipark.core import access, search
from scipark.core.identifiers import credit_code_problem
from scipark.core.imports.bulk import insert_instances
from scipark.core.imports.columns import (
    ChoiceColumn,
    Column,
    DateColumn,
    DecimalColumn,
    LookupColumn,
    cell_text,
    normalize_header,
)
from scipark.core.imports.importer import Importer, RowChange, RowError, WriteContext
from scipark.core.imports.logentries import LogEntryBatch
from scipark.core.imports.modelchecks import first_invalid
from scipark.core.imports.readers import Cell
from scipark.core.services import ConflictError

from . import services
from .models import ActivityType, Enterprise, Industry
from .signals import enterprise_classified


@dataclass(frozen=True)
class CreditCodeColumn(Column):
    """The credit code, upper-cased before it is checked (a lower-case code is the same enterprise's)."""

    def parse(self, value: Cell, unit: str | None = None) -> Any:
        return super().parse(services.canonical_credit_code(cell_text(value)), unit)


def _industries() -> dict[str, Industry]:
    """Every GB/T 4754 category by code and by name (a name shared by two levels means the deeper one).

    A code also stands with its section letter in front (``C2710``, ``C27``), as statistics files write
    it; a letter that is not the code's own section is not a match.
    """
    table: dict[str, Industry] = {}
    industries = list(Industry.objects.order_by("level", "code"))
    for industry in industries:
        table[normalize_header(industry.name)] = industry
    for industry in industries:
        table[normalize_header(industry.code)] = industry
        if industry.code != industry.section:
            table[normalize_header(industry.section + industry.code)] = industry
    return table


def _parks() -> dict[str, Any]:
    """Parks by code, name and short name (rights are checked per row, not here)."""
    table: dict[str, Any] = {}
    for park in apps.get_model("parks", "Park").objects.all():
        for name in (park.short_name, park.name, park.code):
            if name:
                table[normalize_header(name)] = park
    return table


def _region_code_problem(text: str) -> str | None:
    return None if len(text) == 6 and text.isdigit() else _("行政区划代码应为6位数字(GB/T 2260)。")


def _website_problem(text: str) -> str | None:
    try:
        URLValidator()(text)
    except ValidationError:
        return _("“%(text)s”不是有效的网址(应以 http:// 或 https:// 开头)。") % {"text": text[:50]}
    return None


def activity_type_for(industry: Industry) -> str:
    """The statistical activity type implied by a GB/T 4754-2017 category (DOMAIN.md §1)."""
    division = industry.code[:2] if industry.code[:2].isdigit() else ""
    if industry.section in {"B", "C", "D"}:
        return ActivityType.INDUSTRY
    if industry.section == "E":
        return ActivityType.CONSTRUCTION
    return {
        "51": ActivityType.WHOLESALE,
        "52": ActivityType.RETAIL,
        "61": ActivityType.ACCOMMODATION,
        "62": ActivityType.CATERING,
    }.get(division, ActivityType.SERVICES)


class EnterpriseImporter(Importer):
    """Enterprises (企业名录) from Excel or CSV."""

    kind = "enterprises"
    label = "企业"
    sheet_name = "企业"
    domain = access.Domain.ENTERPRISES
    key_field = "credit_code"
    object_type = "enterprises.enterprise"
    notes = (
        "已存在的企业(按统一社会信用代码匹配)只更新填写了内容且与现有记录不同的字段;留空的单元格不修改现有值。",
        "已登记在其他园区的企业不能通过导入迁移。",
    )
    columns: ClassVar[tuple[Column, ...]] = (
        CreditCodeColumn(
            "credit_code",
            "统一社会信用代码",
            synonyms=("信用代码", "社会信用代码", "统一代码", "credit_code"),
            required=True,
            help="18位,按 GB 32100-2015 校验,用于识别企业",
            example="91630100MA7XXXXXXX",
            validate=credit_code_problem,
        ),
        Column(
            "name",
            "企业名称",
            synonyms=("名称", "单位名称", "公司名称", "企业", "name"),
            required=True,
            example="青海示例药业有限公司",
            max_length=200,
        ),
        Column("short_name", "简称", synonyms=("企业简称",), example="示例药业", max_length=50),
        LookupColumn(
            "industry",
            "行业代码",
            synonyms=("所属行业", "行业", "行业分类", "国民经济行业", "国民经济行业分类", "industry"),
            required=True,
            help="GB/T 4754-2017 国民经济行业分类,填代码(如 2710,也可带门类字母写作 C2710)或名称",
            example="2710",
            load=_industries,
            describe="GB/T 4754-2017 行业代码(如 2710 或 C2710)或行业名称",
        ),
        ChoiceColumn(
            "activity_type",
            "统计行业类型",
            synonyms=("行业类型", "统计类型"),
            help="留空时按行业代码推定(工业、批发业、零售业……)",
            example="工业",
            choices=tuple((value, str(label)) for value, label in ActivityType.choices),
        ),
        ChoiceColumn(
            "status",
            "经营状态",
            synonyms=("状态", "登记状态"),
            help="新建企业留空时为“在营”",
            example="在营",
            choices=tuple((value, str(label)) for value, label in Enterprise.Status.choices),
        ),
        DateColumn(
            "registration_date",
            "成立日期",
            synonyms=("注册日期", "成立时间", "登记日期"),
            example="2020-05-01",
        ),
        DecimalColumn(
            "registered_capital",
            "注册资本",
            synonyms=("注册资金",),
            help="表头未注明单位时按万元计",
            example="500",
            money=True,
            default_unit="万元",
        ),
        Column(
            "legal_representative", "法定代表人", synonyms=("法人", "法人代表"), example="张三", max_length=50
        ),
        Column(
            "address",
            "地址",
            synonyms=("注册地址", "企业地址", "住所"),
            example="西宁市城北区示例路1号",
            max_length=200,
        ),
        Column(
            "region_code",
            "行政区划代码",
            synonyms=("区划代码",),
            help="GB/T 2260 六位代码",
            example="630105",
            validate=_region_code_problem,
        ),
        Column(
            "website",
            "网址",
            synonyms=("网站", "官网"),
            example="https://example.com",
            validate=_website_problem,
        ),
        Column("description", "简介", synonyms=("企业简介",), example="", max_length=2000),
        LookupColumn(
            "park",
            "园区",
            synonyms=("所属园区", "园区代码"),
            help="留空时导入到上传时选择的园区",
            example="",
            load=_parks,
            describe="园区名称或代码",
        ),
    )

    def __init__(self, *, user: Any, park: Any, request: Any = None) -> None:
        super().__init__(user=user, park=park, request=request)
        self._import_parks = frozenset(
            pk
            for pk in access.scope_for(user).park_ids(self.domain, access.Action.IMPORT)
            if access.can_add_in(user, self.domain, park_id=pk)
        )
        self._changeable: set[int] = set()

    def existing(self, keys: Iterable[str]) -> Mapping[str, Enterprise]:
        found = {
            e.credit_code: e
            for e in Enterprise.objects.filter(credit_code__in=list(keys)).select_related("industry")
        }
        reachable = Enterprise.objects.restrict(self.user, access.Action.CHANGE).filter(
            pk__in=[e.pk for e in found.values()]
        )
        self._changeable.update(reachable.values_list("pk", flat=True))
        return found

    def build_change(self, row: int, values: dict[str, Any], existing: Any | None) -> RowChange:
        park = values.get("park") or self.park
        if park is None or park.pk not in self._import_parks:
            raise RowError(
                _("您无权向园区“%(park)s”导入企业。") % {"park": park} if park else _("未指定导入的园区。"),
                field="park" if values.get("park") else None,
            )
        key = values["credit_code"]
        fields = {k: v for k, v in values.items() if v is not None and k != "park"}
        if existing is None:
            fields.setdefault("activity_type", activity_type_for(fields["industry"]))
            fields.setdefault("status", Enterprise.Status.OPERATING)
            return RowChange(
                row=row,
                key=key,
                action=RowChange.CREATE,
                label=fields["name"],
                data=fields,
                changes={k: (None, v) for k, v in fields.items()},
                extra={"park": park},
            )
        if existing.park_id != park.pk:
            raise RowError(
                _("该统一社会信用代码已登记在其他园区的企业名下;导入不能迁移企业,如需迁入请由管委会办理。")
            )
        if existing.pk not in self._changeable:
            raise RowError(_("您无权修改该企业。"))
        changes = {}
        for name, value in fields.items():
            before = getattr(existing, name)
            if before != value:
                changes[name] = (before, value)
        return RowChange(
            row=row,
            key=key,
            action=RowChange.UPDATE if changes else RowChange.UNCHANGED,
            label=existing.name,
            data={name: after for name, (_before, after) in changes.items()},
            changes=changes,
            target=existing,
            version=existing.version,
            extra={"park": park},
        )

    def write_all(self, changes: Sequence[RowChange], context: WriteContext) -> None:
        """A chunk's rows in bulk (:func:`enterprises_write_many`), in the import's transaction."""
        creates = [c for c in changes if c.action == RowChange.CREATE]
        updates = [c for c in changes if c.action == RowChange.UPDATE and c.version is not None]
        ordered = [*creates, *updates]
        context.at(ordered[0] if ordered else changes[0])
        enterprises_write_many(
            user=self.user,
            creates=[(c.extra["park"], c.data) for c in creates],
            updates=[(c.target, c.data, c.version or 0) for c in updates],
            # A row refused by the checks is reported at its own file row.
            at=lambda index: context.at(ordered[index]),
        )
        context.written(len(changes))

    def write(self, change: RowChange) -> None:
        if change.action == RowChange.CREATE:
            services.enterprise_create(user=self.user, park=change.extra["park"], data=change.data)
        elif change.action == RowChange.UPDATE and change.version is not None:
            services.enterprise_update(
                user=self.user, enterprise=change.target, data=change.data, expected_version=change.version
            )


#: Foreign keys the import resolved from its lookup tables: ``full_clean`` would query each one again.
_RESOLVED = ("park", "industry")


def enterprises_write_many(
    *,
    user: Any,
    creates: Sequence[tuple[Any, Mapping[str, Any]]],
    updates: Sequence[tuple[Enterprise, Mapping[str, Any], int]],
    at: Callable[[int], None] | None = None,
) -> int:
    """Register and change many enterprises at once (the registry import): the same checks as
    ``services.enterprise_create`` and ``services.enterprise_update`` for each row, written in bulk.

    ``creates`` are (park, fields); ``updates`` are (the stored enterprise, the changed fields, the version
    the row was compared with). Access is re-checked per park inside the transaction, every row is
    ``full_clean``-ed (less the foreign keys, resolved from the import's lookup tables, and uniqueness,
    which the credit code's unique index holds), the rows are inserted with ``bulk_create`` and changed with
    ``bulk_update`` (the version moves on; a stale one is a conflict), each gets its change-log entry
    (``LogEntryBatch``, ADR 0004) and its search entry (``core.search.index_rows``); an update that changed
    the enterprise's industry (or park) is announced (``signals.enterprise_classified``, once per chunk for
    all its moves, after the write and inside the transaction). Returns the rows written.
    ``at(i)`` is told the row being checked (the creates, then the updates), for a caller that locates errors.
    """
    log = LogEntryBatch(user=user)
    with transaction.atomic():
        for park_id in sorted({park.pk for park, _data in creates}):
            access.ensure_can_add(user, access.Domain.ENTERPRISES, park_id=park_id)
        new: list[Enterprise] = []
        for park, data in creates:
            values = services._clean_enterprise_data(data)
            new.append(
                Enterprise(
                    park=park,
                    **{k: v for k, v in values.items() if k in services.REGISTRY_FIELDS and k != "tags"},
                )
            )
        # full_clean's checks a column at a time; the first row refused is checked again on its own, so
        # that the error is the one full_clean gives, reported at that row.
        refused = first_invalid(new, exclude=_RESOLVED)
        if refused is not None:
            if at is not None:
                at(refused)
            new[refused].full_clean(exclude=_RESOLVED, validate_unique=False, validate_constraints=False)
        if new and at is not None:
            at(0)  # a failed insert (a credit code registered meanwhile) is reported at the first new row
        for enterprise in new:
            enterprise.created_at = enterprise.updated_at = log.now
        insert_instances(Enterprise, new, key="credit_code")
        for enterprise in new:
            log.created(enterprise)
        locate = None if at is None else lambda index: at(len(creates) + index)
        changed, reclassified = _update_many(user, updates, log, locate)
        search.index_rows([*new, *changed])
        log.save()
        # After the write, in its transaction (a rolled-back import moves nothing), as enterprise_update does.
        if reclassified:
            if locate is not None:
                locate(reclassified[0][0])  # a receiver's failure is reported at the chunk's first move
            enterprise_classified.send(sender=Enterprise, enterprise_ids=[pk for _index, pk in reclassified])
    return len(new) + len(changed)


def _update_many(
    user: Any,
    updates: Sequence[tuple[Enterprise, Mapping[str, Any], int]],
    log: LogEntryBatch,
    at: Callable[[int], None] | None,
) -> tuple[list[Enterprise], list[tuple[int, int]]]:
    """The updates checked and written with ``bulk_update``; returns the enterprises written and, for those
    whose park or industry changed (compared on the rows locked here, no query more), (index in
    ``updates``, enterprise key), for :func:`enterprises_write_many` to announce."""
    if not updates:
        return [], []
    ids = [target.pk for target, _data, _version in updates]
    locked: dict[int, Enterprise] = {}
    for start in range(0, len(ids), 500):
        rows = Enterprise.objects.select_for_update(of=("self",)).select_related("industry", "park")
        locked.update((e.pk, e) for e in rows.filter(pk__in=ids[start : start + 500]))
    keeper: dict[int, bool] = {}
    now = timezone.now()
    written: list[Enterprise] = []
    reclassified: list[tuple[int, int]] = []
    fields: set[str] = set()
    for index, (target, data, version) in enumerate(updates):
        if at is not None:
            at(index)
        current = locked.get(target.pk)
        if current is None:
            raise access.AccessDenied(_("对象不存在或不在您的权限范围内。"), not_found=True)
        if current.park_id not in keeper:
            keeper[current.park_id] = services.enterprise_registry_editable(
                user=user, park_id=current.park_id
            )
        if not keeper[current.park_id]:
            raise access.AccessDenied(_("您无权修改该企业。"))
        if current.version != version:
            raise ConflictError(_("“%(name)s”已被他人修改,请刷新后重新导入。") % {"name": current.name})
        values = services._clean_enterprise_data(data)
        changes = {
            k: v
            for k, v in values.items()
            if k in services.REGISTRY_FIELDS and k != "tags" and getattr(current, k) != v
        }
        if not changes:
            continue
        before = copy.copy(current)
        for name, value in changes.items():
            setattr(current, name, value)
        current.full_clean(
            exclude=[f.name for f in Enterprise._meta.fields if f.name not in changes or f.name in _RESOLVED],
            validate_unique=False,
            validate_constraints=False,
        )
        current.version = version + 1
        current.updated_at = now
        log.updated(before, current, changes)
        fields.update(changes)
        written.append(current)
        if (current.park_id, current.industry_id) != (before.park_id, before.industry_id):
            reclassified.append((index, current.pk))
    if written:
        Enterprise.objects.bulk_update(written, [*sorted(fields), "version", "updated_at"], batch_size=500)
    return written, reclassified


IMPORTERS: list[type[Importer]] = [EnterpriseImporter]
