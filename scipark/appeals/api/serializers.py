"""Appeal API serializers: reads show the requester masked by role; writes go through the services."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from scipark.core import access
from scipark.core.roles import STAFF_ROLES

from ..models import CATEGORY_FIELDS, DESCRIPTION_MAX, Appeal, AppealCategory, AppealChannel, AppealStep
from ..selectors import appeal_requester
from ..workflow import FLOW


class CategorySerializer(serializers.ModelSerializer[AppealCategory]):
    default_department = serializers.CharField(source="default_department.name", read_only=True)

    class Meta:
        model = AppealCategory
        fields = ["id", "park", *CATEGORY_FIELDS, "version"]
        read_only_fields = fields


class StepSerializer(serializers.ModelSerializer[AppealStep]):
    class Meta:
        model = AppealStep
        fields = ["id", "action", "from_state", "to_state", "actor_name", "at", "notes", "internal"]
        read_only_fields = fields


class AppealSerializer(serializers.ModelSerializer[Appeal]):
    category_code = serializers.CharField(source="category.code", read_only=True)
    lead_department = serializers.CharField(source="lead_department.name", read_only=True, default=None)
    is_overdue = serializers.BooleanField(read_only=True)
    requester_name = serializers.SerializerMethodField()
    requester_phone = serializers.SerializerMethodField()
    requester_email = serializers.SerializerMethodField()
    claimed_enterprise = serializers.SerializerMethodField(
        help_text=_("Open311 诉求人所称企业 id(仅工作人员可见,受理时确认或更正)")
    )

    class Meta:
        model = Appeal
        fields = [
            "id",
            "number",
            "park",
            "enterprise",
            "claimed_enterprise",
            "category",
            "category_code",
            "title",
            "description",
            "channel",
            "state",
            "lead_department",
            "requester_name",
            "requester_phone",
            "requester_email",
            "address",
            "latitude",
            "longitude",
            "received_at",
            "due_at",
            "closed_at",
            "resolved",
            "reply",
            "is_overdue",
            "reopen_count",
            "version",
        ]
        read_only_fields = fields

    def _requester(self, obj: Appeal) -> Any:
        request = self.context.get("request")
        return appeal_requester(getattr(request, "user", None), obj)

    def get_claimed_enterprise(self, obj: Appeal) -> int | None:
        # Enterprise users never learn which enterprise an outside requester named.
        user = getattr(self.context.get("request"), "user", None)
        staff = access.scope_for(user).roles & STAFF_ROLES
        return obj.claimed_enterprise_id if staff else None

    def get_requester_name(self, obj: Appeal) -> str:
        return str(self._requester(obj).name)

    def get_requester_phone(self, obj: Appeal) -> str:
        return str(self._requester(obj).phone)

    def get_requester_email(self, obj: Appeal) -> str:
        return str(self._requester(obj).email)


class AppealCreateSerializer(serializers.Serializer[Any]):
    category = serializers.PrimaryKeyRelatedField(
        queryset=AppealCategory.objects.all(), help_text=_("诉求类别 id")
    )
    enterprise = serializers.IntegerField(required=False, allow_null=True, help_text=_("企业 id"))
    channel = serializers.ChoiceField(choices=AppealChannel.choices, default=AppealChannel.PORTAL)
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    description = serializers.CharField(max_length=DESCRIPTION_MAX)
    requester_name = serializers.CharField(max_length=50, required=False, allow_blank=True)
    requester_phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    requester_email = serializers.EmailField(required=False, allow_blank=True)
    address = serializers.CharField(max_length=200, required=False, allow_blank=True)
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True)


class TransitionSerializer(serializers.Serializer[Any]):
    """One step, as the detail page posts it (JSON, or multipart with ``attachments``)."""

    action = serializers.ChoiceField(
        choices=[c for c in AppealStep.Action.choices if c[0] in FLOW.transitions]
    )
    version = serializers.IntegerField(required=False, help_text=_("读取时的版本号;备注可省略"))
    notes = serializers.CharField(max_length=DESCRIPTION_MAX, required=False, allow_blank=True, default="")
    enterprise = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text=_("受理 Open311 诉求时确认(或更正)的所属企业 id;不填则不关联企业"),
    )
    lead_department = serializers.IntegerField(required=False)
    co_departments = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    resolved = serializers.BooleanField(required=False, default=True)
    score = serializers.IntegerField(required=False, min_value=1, max_value=5)
    internal = serializers.BooleanField(required=False, default=False)
    attachments = serializers.ListField(child=serializers.FileField(), required=False, default=list)
