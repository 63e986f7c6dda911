"""Serializers of the environment API: rows as stored (reads), and the payloads the services take (writes).

Related rows a client names (park, enterprise, target, round) are looked up among those in the user's reach,
so an id outside it reads as "does not exist", never as "exists but not yours".
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from scipark.core import access
from scipark.enterprises.models import Enterprise
from scipark.parks.models import Park

from ..models import (
    Boiler,
    Campaign,
    CampaignResult,
    CampaignRound,
    CampaignTarget,
    Certification,
    Finding,
    FindingState,
    FindingStep,
    WasteRecord,
)
from ..selectors import campaign_coverage
from ..workflow import FLOW


def inline_choice(choices: list[tuple[str, Any]], **kwargs: Any) -> serializers.ChoiceField:
    """A choice field whose values the schema lists in its description: the park's modules share field
    names such as ``state`` and ``kind`` for different choice sets, and drf-spectacular would name every
    such enum after the field and collide (the values are still checked on input)."""
    schema = {
        "type": "string",
        "description": "可选值:" + "; ".join(f"{value}={label}" for value, label in choices),
    }
    field_class = extend_schema_field(schema)(type("InlineChoiceField", (serializers.ChoiceField,), {}))
    return field_class(choices=choices, **kwargs)


def _user(serializer: serializers.Serializer[Any]) -> Any:
    request = serializer.context.get("request")
    return getattr(request, "user", None)


class ReachMixin:
    """Restrict the querysets of ``park`` (parks the user keeps environment records in) and the other
    related fields (rows the user may read) to the user's reach."""

    def get_fields(self) -> dict[str, Any]:
        fields: dict[str, Any] = super().get_fields()  # type: ignore[misc]
        user = _user(self)  # type: ignore[arg-type]
        for name, field in fields.items():
            queryset = getattr(field, "queryset", None)
            if queryset is None or getattr(field, "read_only", False):
                continue
            if name == "park":
                field.queryset = Park.objects.restrict(
                    user, access.Action.ADD, domain=access.Domain.ENVIRONMENT
                )
            else:
                field.queryset = queryset.model.objects.restrict(user, access.Action.VIEW)
        return fields


class VersionedMixin(serializers.Serializer[Any]):
    version = serializers.IntegerField(
        required=False, help_text=_("修改时必填:读取时的版本号(已被他人修改时返回 409)")
    )


# --- findings -------------------------------------------------------------------------------------------


class FindingSerializer(serializers.ModelSerializer[Finding]):
    kind = inline_choice(Finding.Kind.choices, read_only=True)
    state = inline_choice(FindingState.choices, read_only=True)
    round_label = serializers.CharField(read_only=True)
    is_open = serializers.BooleanField(read_only=True)

    class Meta:
        model = Finding
        fields = [
            "id", "park", "number", "source", "round_no", "round_label", "kind", "title", "description",
            "enterprise", "responsible_unit", "received_on", "deadline", "measures", "state", "is_open",
            "rectified_on", "closed_on", "closure_document", "closure_approver", "longitude", "latitude",
            "version",
        ]  # fmt: skip
        read_only_fields = fields


class FindingCreateSerializer(ReachMixin, serializers.ModelSerializer[Finding]):
    """A finding or petition to register (the department)."""

    kind = inline_choice(Finding.Kind.choices)

    class Meta:
        model = Finding
        fields = [
            "park", "number", "source", "round_no", "kind", "title", "description", "enterprise",
            "responsible_unit", "received_on", "deadline", "measures", "longitude", "latitude",
        ]  # fmt: skip
        validators: list[Any] = []  # the service checks the number per park, naming the field


class FindingStepSerializer(serializers.ModelSerializer[FindingStep]):
    action = inline_choice(FindingStep.Action.choices, read_only=True)
    from_state = inline_choice(FindingState.choices, read_only=True)
    to_state = inline_choice(FindingState.choices, read_only=True)
    user_name = serializers.CharField(source="user.full_name", read_only=True, default="")

    class Meta:
        model = FindingStep
        fields = ["id", "action", "from_state", "to_state", "notes", "user_name", "at"]
        read_only_fields = fields


class StepRequestSerializer(serializers.Serializer[Any]):
    """One step of the ledger, as the step page posts it (JSON, or multipart with ``evidence``)."""

    action = inline_choice([c for c in FindingStep.Action.choices if c[0] in FLOW.transitions])
    version = serializers.IntegerField(help_text=_("读取时的版本号"))
    notes = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    evidence = serializers.ListField(child=serializers.FileField(), required=False, default=list)
    measures = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    rectified_on = serializers.DateField(required=False)
    closure_document = serializers.CharField(required=False, allow_blank=True, max_length=60)
    closure_approver = serializers.CharField(required=False, allow_blank=True, max_length=50)
    closed_on = serializers.DateField(required=False)


# --- records --------------------------------------------------------------------------------------------


class BoilerSerializer(ReachMixin, VersionedMixin, serializers.ModelSerializer[Boiler]):
    class Meta:
        model = Boiler
        fields = [
            "id", "park", "enterprise", "name", "registration_no", "capacity_tph", "fuel", "installed_year", "operating_hours",
            "load_factor", "nox_before", "o2_before", "nox_after", "o2_after", "after_note",
            "retrofit_started_on", "retrofit_completed_on", "version",
        ]  # fmt: skip
        read_only_fields = ["id"]
        validators: list[Any] = []  # the service names the boiler and the field


class CertificationSerializer(ReachMixin, VersionedMixin, serializers.ModelSerializer[Certification]):
    kind = inline_choice(Certification.Kind.choices)

    class Meta:
        model = Certification
        fields = [
            "id", "park", "enterprise", "kind", "level", "standard", "issuer", "document_no", "granted_on",
            "valid_until", "distinction", "version",
        ]  # fmt: skip
        read_only_fields = ["id"]
        validators: list[Any] = []


class WasteRecordSerializer(ReachMixin, VersionedMixin, serializers.ModelSerializer[WasteRecord]):
    """A producer's year for one HW category; the producer is registered with its first record."""

    enterprise = serializers.PrimaryKeyRelatedField(
        source="producer.enterprise", queryset=Enterprise.objects.none(), help_text=_("产废单位(企业 id)")
    )
    is_key = serializers.BooleanField(source="producer.is_key", default=False, help_text=_("重点产废单位"))

    class Meta:
        model = WasteRecord
        fields = [
            "id", "park", "enterprise", "is_key", "year", "category", "generated_t", "treated_t", "stored_t",
            "route", "version",
        ]  # fmt: skip
        read_only_fields = ["id"]
        validators: list[Any] = []


# --- campaigns ------------------------------------------------------------------------------------------


class RoundSerializer(serializers.ModelSerializer[CampaignRound]):
    class Meta:
        model = CampaignRound
        fields = ["id", "number", "starts_on", "ends_on"]
        read_only_fields = fields


class CoverageSerializer(serializers.Serializer[Any]):
    planned = serializers.IntegerField()
    done = serializers.IntegerField()
    rate = serializers.DecimalField(max_digits=7, decimal_places=4, allow_null=True)


class CampaignSerializer(serializers.ModelSerializer[Campaign]):
    kind = inline_choice(Campaign.Kind.choices, read_only=True)
    rounds = RoundSerializer(many=True, read_only=True)
    coverage = serializers.SerializerMethodField(
        help_text=_("覆盖率 = 已完成 / 应完成(无应完成时 rate 为 null)")
    )

    class Meta:
        model = Campaign
        fields = ["id", "park", "kind", "year", "title", "description", "rounds", "coverage", "version"]
        read_only_fields = fields

    @extend_schema_field(CoverageSerializer)
    def get_coverage(self, obj: Campaign) -> dict[str, Any]:
        found = campaign_coverage(obj)
        return dict(
            CoverageSerializer({"planned": found.planned, "done": found.done, "rate": found.rate}).data
        )


class CampaignResultSerializer(serializers.ModelSerializer[CampaignResult]):
    campaign = serializers.IntegerField(source="target.campaign_id", read_only=True)
    enterprise = serializers.IntegerField(source="target.enterprise_id", read_only=True)
    round_number = serializers.IntegerField(source="round.number", read_only=True)
    has_evidence = serializers.SerializerMethodField()

    class Meta:
        model = CampaignResult
        fields = [
            "id", "park", "campaign", "target", "enterprise", "round", "round_number", "done_on", "outcome",
            "checklist", "notes", "response", "has_evidence", "evidence_name", "version",
        ]  # fmt: skip
        read_only_fields = fields

    def get_has_evidence(self, obj: CampaignResult) -> bool:
        return bool(obj.evidence)


class ResultCreateSerializer(ReachMixin, serializers.Serializer[Any]):
    """What a round found at one enterprise (the department); a waste inspection's outcome follows from
    its ``checklist``."""

    target = serializers.PrimaryKeyRelatedField(
        queryset=CampaignTarget.objects.none(), help_text=_("行动对象 id")
    )
    round = serializers.PrimaryKeyRelatedField(queryset=CampaignRound.objects.none(), help_text=_("轮次 id"))
    done_on = serializers.DateField()
    outcome = serializers.ChoiceField(choices=CampaignResult.Outcome.choices, required=False)
    checklist = serializers.DictField(child=serializers.BooleanField(), required=False)
    notes = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)
    evidence = serializers.FileField(required=False)


class ResultUpdateSerializer(serializers.Serializer[Any]):
    """A change of a result: the department any field, the enterprise ``response`` and ``evidence`` only."""

    version = serializers.IntegerField(help_text=_("读取时的版本号"))
    done_on = serializers.DateField(required=False)
    outcome = serializers.ChoiceField(choices=CampaignResult.Outcome.choices, required=False)
    checklist = serializers.DictField(child=serializers.BooleanField(), required=False)
    notes = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    response = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    evidence = serializers.FileField(required=False)


# --- pipe network ---------------------------------------------------------------------------------------


class LineGeometrySerializer(serializers.Serializer[Any]):
    type = serializers.CharField(help_text="LineString")
    coordinates = serializers.ListField(
        child=serializers.ListField(child=serializers.FloatField(), min_length=2, max_length=2),
        help_text=_("WGS-84 经度、纬度"),
    )


class SegmentPropertiesSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    network = serializers.CharField()
    length_m = serializers.FloatField()
    work = serializers.CharField()
    url = serializers.CharField()


class SegmentFeatureSerializer(serializers.Serializer[Any]):
    type = serializers.CharField(help_text="Feature")
    id = serializers.IntegerField()
    geometry = LineGeometrySerializer()
    properties = SegmentPropertiesSerializer()


@extend_schema_serializer(many=False)  # the list answers one FeatureCollection, not an array of them
class SegmentCollectionSerializer(serializers.Serializer[Any]):
    type = serializers.CharField(help_text="FeatureCollection")
    features = SegmentFeatureSerializer(many=True)
    truncated = serializers.BooleanField(help_text=_("要素超过上限被截断时为 true:请缩小范围"))
