"""Serializers of the investment API: explicit read representations (amounts in 元), and the payloads
of the writes, which go through the services (``version`` is the one the caller read: stale → 409)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from scipark.enterprises.models import Industry
from scipark.parks.models import Park

from ..models import (
    Contract,
    EquityRound,
    Fund,
    FundInvestment,
    FundPartner,
    FundsInPlace,
    Listing,
    Loan,
    Origin,
    Project,
    StageChange,
    Target,
)
from ..services import PROJECT_FIELDS
from ..workflow import StepAction

VERSION_HELP = _("读取时的版本号;已被他人修改时返回 409")
CHANGE_VERSION_HELP = _("修改时必填:读取时的版本号;已被他人修改时返回 409")


def industry_field(**extra: Any) -> Any:
    """A GB/T 4754-2017 category given by its code."""
    return serializers.SlugRelatedField(
        slug_field="code", queryset=Industry.objects.all(), required=False, allow_null=True, **extra
    )


class ProjectSerializer(serializers.ModelSerializer[Project]):
    """A project as the department follows it; the stage moves only through ``steps``."""

    industry = industry_field(help_text=_("GB/T 4754-2017 代码,如 2740"))
    park_name = serializers.CharField(source="park.name", read_only=True)
    tracker_name = serializers.CharField(source="tracker.full_name", read_only=True, default=None)

    class Meta:
        model = Project
        fields = [
            "id",
            "park",
            "park_name",
            *PROJECT_FIELDS,
            "tracker_name",
            "stage",
            "stage_since",
            "site",
            "enterprise",
            "termination_reason",
            "version",
        ]
        read_only_fields = fields


class ProjectCreateSerializer(serializers.ModelSerializer[Project]):
    """A new lead (线索): its park, the day it came in (today if left out) and its descriptive fields."""

    park = serializers.PrimaryKeyRelatedField(queryset=Park.objects.all(), help_text=_("园区 id"))
    found_on = serializers.DateField(required=False, allow_null=True, help_text=_("线索日期(默认今天)"))
    industry = industry_field()

    class Meta:
        model = Project
        fields = ["park", "found_on", *PROJECT_FIELDS]


class ProjectUpdateSerializer(serializers.ModelSerializer[Project]):
    """A change of a project's descriptive fields, with the version the caller read."""

    version = serializers.IntegerField(min_value=1, help_text=VERSION_HELP)
    industry = industry_field()

    class Meta:
        model = Project
        fields = ["version", *PROJECT_FIELDS]


class StageChangeSerializer(serializers.ModelSerializer[StageChange]):
    """One entry of a project's stage history."""

    by_name = serializers.CharField(source="by.full_name", read_only=True, default=None)

    class Meta:
        model = StageChange
        fields = [
            "id",
            "action",
            "from_stage",
            "to_stage",
            "happened_on",
            "by",
            "by_name",
            "note",
            "evidence",
        ]
        read_only_fields = fields


class NewEnterpriseSerializer(serializers.Serializer[Any]):
    """The enterprise a project became, registered in the same step as 投产."""

    name = serializers.CharField(max_length=200)
    credit_code = serializers.CharField(max_length=18, help_text=_("统一社会信用代码"))
    industry = industry_field()


class StepSerializer(serializers.Serializer[Any]):
    """One stage action, as the step page posts it (JSON, or multipart with ``evidence``/``document``).

    Each action reads only its own fields (``services.STEP_FIELDS``); the others are ignored."""

    action = serializers.ChoiceField(choices=StepAction.choices[1:], help_text=_("要执行的操作"))
    version = serializers.IntegerField(min_value=1, help_text=VERSION_HELP)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    happened_on = serializers.DateField(required=False, allow_null=True)
    signed_on = serializers.DateField(required=False, allow_null=True, help_text=_("签约/变更日期"))
    amount_signed = serializers.DecimalField(
        max_digits=16, decimal_places=2, required=False, allow_null=True, help_text=_("合同投资额(元)")
    )
    signing_party = serializers.CharField(max_length=150, required=False, allow_blank=True)
    event = serializers.CharField(max_length=60, required=False, allow_blank=True)
    site = serializers.CharField(max_length=150, required=False, allow_blank=True)
    enterprise = serializers.IntegerField(required=False, allow_null=True, help_text=_("投产关联的企业 id"))
    new_enterprise = NewEnterpriseSerializer(required=False, allow_null=True)
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True)
    evidence = serializers.FileField(required=False, allow_null=True)
    document = serializers.FileField(required=False, allow_null=True, help_text=_("合同文本(签约)"))


class ContractSerializer(serializers.ModelSerializer[Contract]):
    class Meta:
        model = Contract
        fields = [
            "id",
            "project",
            "revision",
            "signed_on",
            "amount",
            "signing_party",
            "event",
            "note",
            "document",
        ]
        read_only_fields = fields


class FundsInPlaceSerializer(serializers.ModelSerializer[FundsInPlace]):
    """Money that arrived for a signed project on a date; more than the signed amount needs a note."""

    project = serializers.PrimaryKeyRelatedField(queryset=Project.objects.all(), help_text=_("项目 id"))
    source_class = serializers.ChoiceField(choices=Origin.choices)

    class Meta:
        model = FundsInPlace
        fields = ["id", "project", "arrived_on", "amount", "source_class", "kind", "note", "version"]
        read_only_fields = ["id", "version"]


class TargetSerializer(serializers.ModelSerializer[Target]):
    """An annual target; posting one for a (park, year, indicator, event) that exists changes its value."""

    park = serializers.PrimaryKeyRelatedField(queryset=Park.objects.all(), help_text=_("园区 id"))
    version = serializers.IntegerField(
        min_value=1, required=False, help_text=_("修改已有目标时:读取时的版本号")
    )

    class Meta:
        model = Target
        fields = ["id", "park", "year", "indicator", "event", "value", "version"]
        read_only_fields = ["id"]
        validators: list[Any] = []  # the service tells "set" from "change"; no unique-together check here


class FundPartnerSerializer(serializers.ModelSerializer[FundPartner]):
    class Meta:
        model = FundPartner
        fields = ["id", "name", "commitment", "share", "is_guidance_fund"]
        read_only_fields = ["id"]
        validators: list[Any] = []


class FundInvestmentSerializer(serializers.ModelSerializer[FundInvestment]):
    project = serializers.IntegerField(source="project_id", required=False, allow_null=True)
    enterprise = serializers.IntegerField(source="enterprise_id", required=False, allow_null=True)

    class Meta:
        model = FundInvestment
        fields = ["id", "project", "enterprise", "amount", "invested_on", "note"]
        read_only_fields = ["id"]


class FundSerializer(serializers.ModelSerializer[Fund]):
    """A fund with its partners and investments (read), and its leverage on the projects it brought."""

    park = serializers.PrimaryKeyRelatedField(queryset=Park.objects.all(), help_text=_("园区(仅新建时设置)"))
    partners = FundPartnerSerializer(many=True, read_only=True)
    investments = FundInvestmentSerializer(many=True, read_only=True)
    version = serializers.IntegerField(min_value=1, required=False, help_text=CHANGE_VERSION_HELP)

    class Meta:
        model = Fund
        fields = [
            "id",
            "park",
            "name",
            "kind",
            "manager",
            "size",
            "guidance_share",
            "set_up_on",
            "status",
            "description",
            "partners",
            "investments",
            "version",
        ]
        read_only_fields = ["id", "partners", "investments"]
        validators: list[Any] = []


FINANCING_COMMON = [
    "id",
    "enterprise",
    "enterprise_name",
    "status",
    "confirmed_on",
    "reject_reason",
    "version",
]
FINANCING_READ_ONLY = ["id", "enterprise_name", "status", "confirmed_on", "reject_reason"]


class FinancingSerializer(serializers.ModelSerializer[Any]):
    """A financing record; ``enterprise`` is set when reporting, ``version`` is needed to change one."""

    enterprise = serializers.IntegerField(source="enterprise_id", help_text=_("企业 id(仅新建时设置)"))
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    version = serializers.IntegerField(min_value=1, required=False, help_text=CHANGE_VERSION_HELP)


class LoanSerializer(FinancingSerializer):
    product = serializers.IntegerField(source="product_id", help_text=_("贷款产品 id(本园区的)"))
    product_name = serializers.CharField(source="product.name", read_only=True)

    class Meta:
        model = Loan
        fields = [
            *FINANCING_COMMON,
            "product",
            "product_name",
            "bank",
            "contract_no",
            "amount",
            "rate",
            "granted_on",
            "term_months",
        ]
        read_only_fields = [*FINANCING_READ_ONLY, "product_name"]
        validators: list[Any] = []  # the contract number is checked once per bank by the model


class ListingSerializer(FinancingSerializer):
    class Meta:
        model = Listing
        fields = [*FINANCING_COMMON, "exchange", "board", "listed_on", "code"]
        read_only_fields = FINANCING_READ_ONLY
        validators: list[Any] = []


class EquityRoundSerializer(FinancingSerializer):
    class Meta:
        model = EquityRound
        fields = [*FINANCING_COMMON, "round_name", "amount", "investors", "closed_on"]
        read_only_fields = FINANCING_READ_ONLY


class ConfirmSerializer(serializers.Serializer[Any]):
    version = serializers.IntegerField(min_value=1, help_text=VERSION_HELP)


class RejectSerializer(serializers.Serializer[Any]):
    version = serializers.IntegerField(min_value=1, help_text=VERSION_HELP)
    reason = serializers.CharField(max_length=300, help_text=_("退回原因"))
