"""Serializers of the economy API: read representations, and the payloads of the write actions."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from ..models import AnnualTarget, FixedAssetProject, Indicator, MonthlyReturn


class MonthlyReturnSerializer(serializers.ModelSerializer[MonthlyReturn]):
    """A return as stored (amounts in 元, energy in tce); writes go through the submit payload."""

    class Meta:
        model = MonthlyReturn
        fields = [
            "id",
            "park",
            "enterprise",
            "period",
            "months",
            "revision",
            "is_current",
            "status",
            "industrial_output",
            "revenue",
            "value_added",
            "profit",
            "sales",
            "employees",
            "energy_tce",
            "reasons",
            "submitted_at",
            "reviewed_at",
            "review_note",
            "revision_reason",
            "version",
        ]
        read_only_fields = fields


class MonthlyReturnSubmitSerializer(serializers.Serializer[Any]):
    """What an enterprise (or staff) submits for one month; amounts in 元, energy in physical units."""

    enterprise = serializers.IntegerField()
    period = serializers.DateField(help_text="所属月份的第一天,如 2023-12-01")
    months = serializers.IntegerField(default=1, min_value=1, max_value=2)
    industrial_output = serializers.DecimalField(
        max_digits=18, decimal_places=2, required=False, allow_null=True
    )
    revenue = serializers.DecimalField(max_digits=18, decimal_places=2, required=False, allow_null=True)
    value_added = serializers.DecimalField(max_digits=18, decimal_places=2, required=False, allow_null=True)
    profit = serializers.DecimalField(max_digits=18, decimal_places=2, required=False, allow_null=True)
    sales = serializers.DecimalField(max_digits=18, decimal_places=2, required=False, allow_null=True)
    employees = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    energy = serializers.DictField(
        child=serializers.DecimalField(max_digits=18, decimal_places=4, min_value=0),
        required=False,
        help_text='能源品种代码 → 实物量,如 {"electricity": 10000}',
    )
    reasons = serializers.DictField(child=serializers.CharField(max_length=500), required=False)
    revision_reason = serializers.CharField(
        max_length=500, required=False, allow_blank=True, help_text="修改已关账月份时必填:修订原因"
    )
    draft = serializers.BooleanField(default=False)


class ReviewSerializer(serializers.Serializer[Any]):
    version = serializers.IntegerField()
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class FixedAssetProjectSerializer(serializers.ModelSerializer[FixedAssetProject]):
    version = serializers.IntegerField(required=False)

    class Meta:
        model = FixedAssetProject
        fields = [
            "id",
            "park",
            "enterprise",
            "name",
            "planned_total",
            "start_date",
            "end_date",
            "in_scope",
            "note",
            "version",
        ]
        read_only_fields = ["id", "in_scope"]


class AnnualTargetSerializer(serializers.ModelSerializer[AnnualTarget]):
    class Meta:
        model = AnnualTarget
        fields = ["id", "park", "indicator", "year", "value", "note", "version"]
        read_only_fields = ["id", "version"]


class IndicatorSerializer(serializers.ModelSerializer[Indicator]):
    class Meta:
        model = Indicator
        fields = [
            "id",
            "code",
            "name",
            "definition",
            "unit",
            "owner_department",
            "frequency",
            "measure",
            "scale_set",
            "target_kind",
            "warning_gap",
            "alarm_gap",
            "source",
        ]
        read_only_fields = fields
