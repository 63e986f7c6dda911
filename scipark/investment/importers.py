"""Excel/CSV imports of the investment department through the shared pipeline (core.imports).

- ``projects``: the department's project ledger (招商项目台账), one row per project, recognised in the
  park by its 项目名称 and 投资方 (the duplicate check of the pages). A new row is recorded as a lead
  (线索) on its 线索日期; a known project has its descriptive fields corrected. The stage moves only by
  its steps, never by an import.
- ``financing``: the loans of the park's enterprises (科创贷, 专精特新贷 … from the banks' ledgers),
  recognised by bank and 借款合同编号; recorded by the department, so they count at once.

Amounts are 万元 unless the header declares another unit (元/千元/万元/亿元). Each row is checked as the
services check it (their message, at the row and column); the pipeline writes all rows or none, and a
file imported twice changes nothing the second time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
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
from scipark.enterprises.importers import _industries
from scipark.enterprises.models import Enterprise

# The environment import's two generic helpers (a service's refusal as a row error; the enterprises by
# name and credit code), read rather than copied: they belong in core.imports once a third module needs them.
from scipark.environment.importers import _enterprises, _first_error

from . import services
from .models import Channel, Loan, LoanProduct, Origin, Project
from .services.common import past_date
from .services.projects import check_project

YES_NO = (("yes", "是"), ("no", "否"))
LOAN_FIELDS = ("contract_no", "product", "bank", "amount", "rate", "granted_on", "term_months")


def _choices(choices: Any) -> tuple[tuple[str, str], ...]:
    return tuple((value, str(label)) for value, label in choices)


def _changes(existing: Any, fields: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    return {k: (getattr(existing, k), v) for k, v in fields.items() if getattr(existing, k) != v}


class InvestmentImporter(Importer):
    domain = access.Domain.INVESTMENT

    def __init__(self, *, user: Any, park: Any, request: Any = None) -> None:
        super().__init__(user=user, park=park, request=request)
        self.may_import = park is not None and access.can_add_in(user, self.domain, park_id=park.pk)

    def ensure_may_import(self) -> None:
        if not self.may_import:
            raise RowError(_("您无权向园区“%(park)s”导入招商数据。") % {"park": self.park})


class ProjectImporter(InvestmentImporter):
    """招商项目台账, from Excel or CSV."""

    kind = "projects"
    label = "招商项目"
    sheet_name = "招商项目"
    key_field = "name"
    object_type = "investment.project"
    notes = (
        "按“项目名称”和“投资方”识别项目:本园区没有的记为新线索(线索日期默认为今天),已有的只更新填写了内容且不同的字段。",
        "项目阶段只能在项目页面逐步推进(签约、落地、开工、投产),导入不改变阶段。",
        "金额默认单位为万元,可在表头括号中声明单位,如“计划总投资(亿元)”。",
    )
    columns: ClassVar[tuple[Column, ...]] = (
        Column("name", "项目名称", synonyms=("项目",), required=True, example="高原药材提取物基地", max_length=150),
        Column("investor", "投资方", synonyms=("投资主体", "投资企业"), required=True, example="成都某药业有限公司", max_length=150),
        ChoiceColumn("origin", "投资方来源", synonyms=("来源",), required=True, example="省外境内", choices=_choices(Origin.choices)),
        Column("origin_province", "来源省份/国家", synonyms=("来源省份", "来源地"), example="四川省", max_length=30),
        LookupColumn("industry", "行业", synonyms=("行业代码", "国民经济行业"), example="2710", load=_industries,
                     describe="GB/T 4754-2017 代码或名称"),
        Column("chain", "产业链", example="中藏药", max_length=50),
        ChoiceColumn("is_industrial", "工业项目", synonyms=("是否工业项目",), example="是", choices=YES_NO),
        DecimalColumn("planned_investment", "计划总投资", synonyms=("总投资", "计划投资"), required=True,
                      money=True, default_unit="万元", example="30000"),
        DecimalColumn("expected_output", "预计年产值", money=True, default_unit="万元", example="50000"),
        DecimalColumn("expected_tax", "预计年税收", money=True, default_unit="万元", example="2000"),
        DecimalColumn("land_need", "用地需求(亩)", synonyms=("用地需求",), example="80", max_digits=10),
        DecimalColumn("space_need", "厂房/办公需求(平方米)", synonyms=("厂房需求",), example="", max_digits=12),
        ChoiceColumn("channel", "招商方式", example="展会/会议", choices=_choices(Channel.choices)),
        Column("source_event", "展会/会议", synonyms=("展会",), example="青洽会", max_length=60),
        Column("introducer", "引进人", example="", max_length=50),
        Column("description", "项目简介", example="", max_length=4000),
        DateColumn("found_on", "线索日期", synonyms=("录入日期",), example="2023-03-15"),
    )  # fmt: skip

    def existing(self, keys: Iterable[str]) -> Mapping[str, dict[str, Project]]:
        """The park's projects of these names, by name and then by investor (a name may recur)."""
        found: dict[str, dict[str, Project]] = defaultdict(dict)
        for project in Project.objects.filter(park=self.park, name__in=list(keys)):
            found[project.name][normalize_header(project.investor)] = project
        return found

    def build_change(self, row: int, values: dict[str, Any], existing: Any | None) -> RowChange:
        self.ensure_may_import()
        found_on = values.pop("found_on", None)
        if found_on is not None:
            try:
                past_date(found_on, "found_on", _("线索日期"))
            except ValidationError as exc:
                raise _first_error(exc) from None
        if values.get("is_industrial") is not None:
            values["is_industrial"] = values["is_industrial"] == "yes"
        fields = {k: v for k, v in values.items() if v is not None}
        project = (existing or {}).get(normalize_header(values["investor"]))
        key = f"{values['investor']} · {values['name']}"
        if project is None:
            probe = Project(park=self.park, stage="lead", stage_since=found_on or "2000-01-01", **fields)
            self._check(probe)
            data = {**fields, "found_on": found_on}
            return RowChange(row=row, key=key, action=RowChange.CREATE, label=key, data=data,
                             changes={k: (None, v) for k, v in fields.items()})  # fmt: skip
        changes = _changes(project, {k: v for k, v in fields.items() if k in services.PROJECT_FIELDS})
        if changes:
            probe = Project(**{f.attname: getattr(project, f.attname) for f in Project._meta.concrete_fields})
            for name, (_before, after) in changes.items():
                setattr(probe, name, after)
            self._check(probe)
        return RowChange(
            row=row, key=key, action=RowChange.UPDATE if changes else RowChange.UNCHANGED, label=key,
            data={k: after for k, (_b, after) in changes.items()}, changes=changes, target=project,
            version=project.version,
        )  # fmt: skip

    @staticmethod
    def _check(probe: Project) -> None:
        try:
            check_project(probe)
        except ValidationError as exc:
            raise _first_error(exc) from None

    def write(self, change: RowChange) -> None:
        if change.action == RowChange.CREATE:
            data = dict(change.data)
            found_on = data.pop("found_on", None)
            services.project_create(user=self.user, park=self.park, data=data, found_on=found_on)
        elif change.action == RowChange.UPDATE:
            services.project_update(
                user=self.user, project=change.target, version=change.version, data=change.data
            )


class LoanImporter(InvestmentImporter):
    """The loans of the park's enterprises (企业融资), from the banks' ledgers in Excel or CSV."""

    kind = "financing"
    label = "企业贷款"
    sheet_name = "企业贷款"
    key_field = "contract_no"
    object_type = "investment.loan"
    notes = (
        "按“贷款银行”和“借款合同编号”识别贷款:没有的新登记(由招商部门登记,直接计为已确认),已有的只更新不同的字段。",
        "贷款产品须是本园区已设置的产品(招商设置 → 贷款产品);放款日期不能晚于今天。",
        "金额默认单位为万元,可在表头括号中声明单位,如“贷款金额(元)”。",
    )
    columns: ClassVar[tuple[Column, ...]] = (
        Column("contract_no", "借款合同编号", synonyms=("合同编号", "贷款合同编号"), required=True, example="QHB-2023-0415", max_length=60),
        LookupColumn("enterprise", "企业", synonyms=("企业名称", "借款企业", "统一社会信用代码"), required=True,
                     example="青海示例药业有限公司", load=_enterprises, describe="本园区企业的名称或统一社会信用代码"),
        Column("product", "贷款产品", synonyms=("产品",), required=True, example="科创贷", max_length=50),
        Column("bank", "贷款银行", synonyms=("银行", "放款银行"), required=True, example="青海银行", max_length=100),
        DecimalColumn("amount", "贷款金额", synonyms=("金额",), required=True, money=True, default_unit="万元", example="500"),
        DecimalColumn("rate", "年利率(%)", synonyms=("利率", "年利率"), example="3.65", max_digits=5),
        DateColumn("granted_on", "放款日期", synonyms=("发放日期",), required=True, example="2023-04-15"),
        DecimalColumn("term_months", "期限(月)", synonyms=("期限", "贷款期限"), required=True, example="12",
                      decimal_places=0, max_digits=3),
    )  # fmt: skip

    def existing(self, keys: Iterable[str]) -> Mapping[str, list[Loan]]:
        """The park's loans of these contract numbers (a number is the bank's: one per bank)."""
        self._products = {normalize_header(p.name): p for p in LoanProduct.objects.filter(park=self.park)}
        found: dict[str, list[Loan]] = defaultdict(list)
        for loan in Loan.objects.filter(enterprise__park=self.park, contract_no__in=list(keys)):
            found[loan.contract_no].append(loan)
        return found

    def build_change(self, row: int, values: dict[str, Any], existing: Any | None) -> RowChange:
        self.ensure_may_import()
        enterprise: Enterprise = values["enterprise"]
        if enterprise.park_id != self.park.pk:
            # Said as "not found": whether a firm exists in another park is not this user's business.
            raise RowError(
                _("未找到本园区的该企业,请填写本园区企业的名称或统一社会信用代码。"), field="enterprise"
            )
        product = self._products.get(normalize_header(values["product"]))
        if product is None:
            raise RowError(
                _("本园区没有贷款产品“%(product)s”,请先在招商设置中添加。") % {"product": values["product"]},
                field="product",
            )
        values["product"] = product
        values["term_months"] = int(values["term_months"])
        fields = {k: v for k, v in values.items() if v is not None and k != "enterprise"}
        key = f"{values['bank']} {values['contract_no']}"
        loan = next((x for x in existing or () if x.bank == values["bank"]), None)
        label = f"{enterprise.name} · {product.name} · {values['granted_on']}"
        if loan is None:
            self._check(Loan(enterprise=enterprise, **fields))
            return RowChange(row=row, key=key, action=RowChange.CREATE, label=label, data=fields,
                             changes={k: (None, v) for k, v in fields.items()}, extra={"enterprise": enterprise})  # fmt: skip
        if loan.enterprise_id != enterprise.pk:
            raise RowError(_("该借款合同编号已登记在另一家企业的贷款上。"), field="contract_no")
        changes = _changes(loan, fields)
        return RowChange(
            row=row, key=key, action=RowChange.UPDATE if changes else RowChange.UNCHANGED, label=label,
            data={k: after for k, (_b, after) in changes.items()}, changes=changes, target=loan, version=loan.version,
        )  # fmt: skip

    @staticmethod
    def _check(probe: Loan) -> None:
        try:
            services.financing_check(Loan, probe.enterprise, {f: getattr(probe, f) for f in LOAN_FIELDS})
        except ValidationError as exc:
            raise _first_error(exc) from None

    def write(self, change: RowChange) -> None:
        if change.action == RowChange.CREATE:
            services.financing_report(
                user=self.user, model=Loan, enterprise=change.extra["enterprise"], data=change.data
            )
        elif change.action == RowChange.UPDATE:
            services.financing_update(
                user=self.user, model=Loan, record=change.target, version=change.version, data=change.data
            )
