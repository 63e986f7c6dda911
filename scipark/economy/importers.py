"""The monthly import: one row per enterprise for one month, matched by 统一社会信用代码.

A row creates the enterprise's return for the month (accepted: staff import the statistics bureau's or
the enterprises' own figures), or, when the figures differ from the counting revision, a new revision
that replaces it; a row equal to what counts changes nothing, so a re-import is a no-op. Amounts are in
千元 unless the header declares 元/万元/亿元. The period comes from ``--period`` (or the upload form) or
from a 报告期 column. Every row is checked by the same ``services.return_clean`` the form's write runs,
once, before the preview (the write takes the rows as checked); the rows are written through the one write path, ``services.returns_write``, a
chunk at a time (the pipeline hands ``write_all`` each chunk it checked), which numbers revisions,
supersedes, moves the aggregates (``aggregates.apply_return_changes``, once per chunk with the chunk's
returns) and writes the change log in the import's transaction.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, ClassVar, NamedTuple

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from scipark.core import access
from scipark.core.identifiers import credit_code_problem
from scipark.core.imports.columns import CellError, Column, DecimalColumn, cell_text
from scipark.core.imports.importer import Importer, RowChange, RowError, WriteContext
from scipark.core.imports.readers import Cell
from scipark.enterprises.models import Enterprise

from . import services
from .models import ClosedPeriod, MonthlyReturn
from .reference import ENERGY_CARRIERS
from .services.common import month_text
from .services.revisions import among

AMOUNTS: tuple[str, ...] = ("industrial_output", "revenue", "value_added", "profit", "sales")
#: A value this many times larger or smaller than last month's is taken for a unit mistake.
UNIT_SLIP_RATIO = Decimal(500)
#: Rows handed to ``services.returns_write`` at a time (bounds the memory of a 100,000-row month).
WRITE_BATCH = 20_000
_PERIOD = re.compile(r"^(\d{4})\s*(?:[-/.年])\s*(\d{1,2})\s*月?(?:[-/.]\d{1,2}日?)?$")


def parse_period(text: str) -> dt.date:
    """``2023-12``, ``2023/12``, ``2023年12月``, ``202312`` or a date → the first of that month."""
    value = text.strip()
    match = _PERIOD.match(value) or re.match(r"^(\d{4})(\d{2})$", value)
    if not match:
        raise ValueError(
            _("无法识别的报告期“%(value)s”,请写作 2023-12 或 2023年12月。") % {"value": value[:30]}
        )
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12 or not 1990 <= year <= 2100:
        raise ValueError(_("“%(value)s”不是有效的月份。") % {"value": value[:30]})
    return dt.date(year, month, 1)


class PeriodColumn(Column):
    """The reporting month (报告期)."""

    def allowed(self) -> str:
        return "月份,如 2023-12 或 2023年12月"

    def parse(self, value: Cell, unit: str | None = None) -> Any:
        if isinstance(value, dt.datetime):
            return value.date().replace(day=1)
        if isinstance(value, dt.date):
            return value.replace(day=1)
        text = cell_text(value)
        if not text:
            return None
        try:
            return parse_period(text)
        except ValueError as exc:
            raise CellError(str(exc)) from exc


def _money(field: str, header: str, synonyms: tuple[str, ...], **kwargs: Any) -> DecimalColumn:
    return DecimalColumn(
        field, header, synonyms=synonyms, money=True, default_unit="千元", example="1250.5", **kwargs
    )


def _energy_columns() -> tuple[DecimalColumn, ...]:
    return tuple(
        DecimalColumn(
            f"energy_{code}",
            f"{name}消费量({unit})",
            synonyms=(name, f"{name}消费量", f"{name}({unit})"),
            help=f"实物量,单位 {unit};按 GB/T 2589 系数折算标准煤",
            example="",
            decimal_places=4,
        )
        for code, name, unit, _factor, _basis in ENERGY_CARRIERS
    )


class EnterpriseRow(NamedTuple):
    """What the import needs of an enterprise (read as plain values: 100,000 model instances are slow)."""

    pk: int
    credit_code: str
    name: str
    park_id: int
    park_name: str
    industry_id: str
    section: str


COUNTING_FIELDS: tuple[str, ...] = (
    "pk",
    "enterprise_id",
    "period",
    "version",
    *AMOUNTS,
    "employees",
    "energy_tce",
)


class MonthlyReturnImporter(Importer):
    """A month of returns (月度统计报表) from Excel or CSV."""

    kind = "monthly"
    label = "月度报表"
    sheet_name = "月报"
    domain = access.Domain.ECONOMY
    key_field = "credit_code"
    object_type = "economy.monthlyreturn"
    #: Moving the aggregates costs per call as well as per row: larger chunks than the pipeline's, still
    #: small enough that a 100,000-row month stays under 500 MB (``python -m bench.imports``).
    chunk_rows = 5_000
    #: Options this importer takes besides the file (``scipark import monthly FILE --period 2023-12``).
    options: ClassVar[tuple[str, ...]] = ("period",)
    notes = (
        "每行一家企业一个月的数据,按统一社会信用代码匹配企业名录中本园区的企业。",
        "金额默认单位为千元,可在表头括号中声明(元/千元/万元/亿元);能源为实物量。",
        "与现行数据相同的行不会改动;数据不同的行生成新的修订版本并取代原数据,原数据保留为历史。",
        "企业尚未审核的报表(草稿、已报送或已退回)由导入的数据填写并审核通过,与工作人员代录相同。",
        "报告期可用导入时选择的月份,或在“报告期”列填写。",
    )
    columns: ClassVar[tuple[Column, ...]] = (
        Column(
            "credit_code",
            "统一社会信用代码",
            synonyms=("信用代码", "社会信用代码", "统一代码", "credit_code"),
            required=True,
            example="91630100MA7XXXXXXX",
            validate=credit_code_problem,
        ),
        Column(
            "name",
            "企业名称",
            synonyms=("单位名称", "企业", "名称"),
            example="青海示例药业有限公司",
            max_length=200,
        ),
        PeriodColumn(
            "period", "报告期", synonyms=("月份", "所属月份", "统计月份", "报告月份"), example="2023-12"
        ),
        _money("industrial_output", "工业总产值", ("工业总产值(当年价格)", "总产值", "产值")),
        _money("revenue", "营业收入", ("主营业务收入", "营业收入合计", "营业总收入")),
        _money("value_added", "工业增加值", ("工业增加值(可比价)", "增加值")),
        _money("profit", "利润总额", ("利润",), min_value=None),
        _money("sales", "商品销售额", ("销售额", "营业额", "商品零售额")),
        DecimalColumn(
            "employees",
            "从业人员期末人数",
            synonyms=("从业人员", "从业人数", "期末从业人员"),
            decimal_places=0,
            example="120",
        ),
        *_energy_columns(),
        Column("reason", "异常说明", synonyms=("说明", "备注"), max_length=500, example=""),
    )

    def __init__(self, *, user: Any, park: Any, request: Any = None, period: Any = None) -> None:
        super().__init__(user=user, park=park, request=request)
        self.period: dt.date | None = parse_period(period) if isinstance(period, str) else period
        self._staff_parks = frozenset(
            pk
            for pk in access.scope_for(user).park_ids(self.domain, access.Action.IMPORT)
            if services.is_economy_staff(user, pk)
        )
        self._carriers = services.energy_carriers()
        self._counting: dict[tuple[int, dt.date], dict[str, Any]] = {}
        self._now = services.current_period()
        self._previous: dict[tuple[int, dt.date], dict[str, Any]] = {}
        self._batch_ids: list[int] = []
        self._closed_months: dict[tuple[int, dt.date], bool] = {}

    # --- reading ---------------------------------------------------------------------------------------

    def existing(self, keys: Iterable[str]) -> Mapping[str, EnterpriseRow]:
        found = {
            row[1]: EnterpriseRow(*row)
            for row in Enterprise.objects.filter(credit_code__in=list(keys)).values_list(
                "pk", "credit_code", "name", "park_id", "park__name", "industry_id", "industry__section"
            )
        }
        self._batch_ids = [e.pk for e in found.values()]
        # One chunk's months at a time: memory stays flat with the file's size.
        self._counting.clear()
        self._previous.clear()
        self._load_counting(self._batch_ids)
        return found

    def _load_counting(self, ids: list[int]) -> None:
        """The counting returns of the period and the month before, for these enterprises."""
        if self.period is not None and ids:
            previous = (self.period - dt.timedelta(days=1)).replace(day=1)
            for record in MonthlyReturn.objects.filter(
                among(MonthlyReturn, "enterprise", ids),
                period__in=[self.period, previous],
                is_current=True,
            ).values(*COUNTING_FIELDS):
                if record["period"] == self.period:
                    self._counting[(record["enterprise_id"], record["period"])] = record
                else:
                    self._previous[(record["enterprise_id"], self.period)] = record

    def build_change(self, row: int, values: dict[str, Any], existing: Any | None) -> RowChange:
        period = self._period(values)
        key = values["credit_code"]
        if existing is None:
            raise RowError(
                _("企业名录中没有统一社会信用代码为“%(code)s”的企业,请先登记该企业。") % {"code": key}
            )
        if self.park is None or existing.park_id != self.park.pk:
            raise RowError(
                _("该企业登记在“%(registered)s”,不属于本次导入的园区“%(park)s”。")
                % {"registered": existing.park_name, "park": self.park.name if self.park else "—"}
            )
        if existing.park_id not in self._staff_parks:
            raise RowError(_("只有本园区经济发展部门的工作人员可以导入月度报表。"))
        amounts = {name: values.get(name) for name in AMOUNTS}
        self._check_units(amounts, existing.pk, period)
        energy = {
            code: values[f"energy_{code}"]
            for code in self._carriers
            if values.get(f"energy_{code}") is not None
        }
        reason = values.get("reason") or ""
        try:
            clean = services.return_clean(
                period=period,
                data={**amounts, "employees": values.get("employees")},
                energy=energy,
                reasons={"_": reason} if reason else {},
                carriers=self._carriers,
                this_month=self._now,
                # As the write checks an accepted return (``_period`` has refused the running month).
                submitting=True,
            )
        except ValidationError as error:
            raise self._row_error(error) from error
        data = clean.values
        current = self._counting.get((existing.pk, period))
        # The write takes the row as checked here (``cleaned``): one ``return_clean`` per row.
        extra = {"enterprise": existing, "period": period, "clean": clean}
        if current is not None:
            changes = {name: (current[name], value) for name, value in data.items() if current[name] != value}
            if not changes:
                return RowChange(row=row, key=key, action=RowChange.UNCHANGED, label=existing.name)
        if self._closed(existing.park_id, period):
            # A closed month changes only through a revision with its reason, one return at a time.
            raise RowError(
                _("%(month)s已关账,不能通过导入修改;请在该企业的月报页面修订并填写修订原因。")
                % {"month": month_text(period)},
                field="period",
            )
        if current is not None:
            return RowChange(
                row=row,
                key=key,
                action=RowChange.UPDATE,
                label=existing.name,
                data=data,
                changes=changes,
                target=current,
                version=current["version"],
                extra=extra,
            )
        return RowChange(
            row=row,
            key=key,
            action=RowChange.CREATE,
            label=existing.name,
            data=data,
            changes={k: (None, v) for k, v in data.items() if v is not None},
            extra=extra,
        )

    def _row_error(self, error: ValidationError) -> RowError:
        """The first problem ``return_clean`` found, pointed at its column (energy totals: at the row)."""
        found = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
        name, messages = next(iter(found.items()))
        fields = {c.field for c in self.columns}
        field = name if name in fields else f"energy_{name}" if f"energy_{name}" in fields else None
        return RowError(messages[0], field=field)

    def _period(self, values: dict[str, Any]) -> dt.date:
        period = values.get("period") or self.period
        if period is None:
            raise RowError(_("未指定报告期:请在导入时选择月份(--period 2023-12),或填写“报告期”列。"))
        if self.period is not None and period != self.period:
            raise RowError(
                _("报告期 %(period)s 与本次导入的月份 %(chosen)s 不一致。")
                % {"period": f"{period:%Y-%m}", "chosen": f"{self.period:%Y-%m}"},
                field="period",
            )
        if period > self._now:
            raise RowError(
                _("报告期 %(period)s 尚未到来,不能导入未来月份的数据。") % {"period": f"{period:%Y-%m}"},
                field="period",
            )
        if period == self._now:
            raise RowError(
                _("%(month)s尚未结束,月末之后才能导入该月报表。") % {"month": month_text(period)},
                field="period",
            )
        if self.period is None:
            self.period = period
            self._load_counting(self._batch_ids)
        return period

    def _closed(self, park_id: int, period: dt.date) -> bool:
        """Whether the park has closed this month (read once per park and month)."""
        key = (park_id, period)
        if key not in self._closed_months:
            self._closed_months[key] = ClosedPeriod.objects.filter(park_id=park_id, period=period).exists()
        return self._closed_months[key]

    def _check_units(self, amounts: dict[str, Decimal | None], enterprise_id: int, period: dt.date) -> None:
        output, value_added = amounts.get("industrial_output"), amounts.get("value_added")
        if output is not None and value_added is not None and value_added > output > 0:
            raise RowError(
                _("工业增加值大于工业总产值,请检查两列的单位(元/千元/万元)是否一致。"), field="value_added"
            )
        previous = self._previous.get((enterprise_id, period), {})
        for name, value in amounts.items():
            before = previous.get(name)
            if value is None or before is None or value <= 0 or before <= 0:
                continue
            ratio = value / before
            if ratio >= UNIT_SLIP_RATIO or ratio <= 1 / UNIT_SLIP_RATIO:
                times = ratio if ratio >= 1 else 1 / ratio
                raise RowError(
                    _("与上月数据相差约%(times)s倍,疑似金额单位填错(请核对表头声明的单位:元/千元/万元)。")
                    % {"times": f"{times:.0f}"},
                    field=name,
                )

    # --- writing ---------------------------------------------------------------------------------------

    def write(self, change: RowChange) -> None:
        self._write_batch([change])

    def write_all(self, changes: Sequence[RowChange], context: WriteContext) -> None:
        """Hand the rows to the one write path a batch at a time (inside the import's transaction)."""
        for start in range(0, len(changes), WRITE_BATCH):
            batch = changes[start : start + WRITE_BATCH]
            context.at(batch[0])
            self._write_batch(batch)
            context.written(len(batch))

    def _write_batch(self, batch: Sequence[RowChange]) -> None:
        services.returns_write(
            user=self.user,
            rows=[
                services.ReturnInput(
                    enterprise_id=change.extra["enterprise"].pk,
                    period=change.extra["period"],
                    data=change.data,
                    # What the row was compared with: a month changed since the preview is a conflict.
                    counting_version=change.version or 0,
                )
                for change in batch
            ],
            status=MonthlyReturn.Status.ACCEPTED,
            check_reasons=False,
            review_note="导入",
            cleaned=[change.extra["clean"] for change in batch],
        )

    @classmethod
    def display(cls, field_name: str, value: Any) -> str:
        if isinstance(value, dt.date):
            return f"{value:%Y-%m}"  # the reporting month
        return super().display(field_name, value)


IMPORTERS: list[type[Importer]] = [MonthlyReturnImporter]
