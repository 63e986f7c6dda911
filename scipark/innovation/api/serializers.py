"""Serializers of the innovation API: explicit representations (amounts in 元), the payloads of the writes
(which go through the services; ``version`` is the one the caller read: stale → 409), and the libraries'
records with experts' and talents' personal fields masked unless the reader's work needs them."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from scipark.enterprises.models import Enterprise

from .. import selectors
from ..models import (
    Evaluation,
    Incubation,
    Incubator,
    IntellectualProperty,
    TechArchive,
    TierCertificate,
    with_inputs,
)
from ..services.archives import ARCHIVE_FIELDS
from ..services.records import CERTIFICATE_FIELDS, IP_FIELDS, STAY_FIELDS, entry_fields

VERSION_HELP = _("修改时必填:读取时的版本号;已被他人修改时返回 409")


def enterprise_field(**extra: Any) -> Any:
    return serializers.PrimaryKeyRelatedField(
        queryset=Enterprise.objects.all(), help_text=_("企业 id"), **extra
    )


class ArchiveSerializer(serializers.ModelSerializer[TechArchive]):
    """A tech archive: ``enterprise`` and ``year`` are set when opening it; its state moves only on the
    review pages (submit, accept, send back, reopen)."""

    enterprise = enterprise_field()
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    version = serializers.IntegerField(min_value=1, required=False, help_text=VERSION_HELP)

    class Meta:
        model = TechArchive
        fields = ["id", "park", "enterprise", "enterprise_name", "year", "state", *ARCHIVE_FIELDS, "version"]
        read_only_fields = ["id", "park", "enterprise_name", "state"]
        validators: list[Any] = []  # the service tells an archive of a year that exists (Chinese message)


class IpSerializer(serializers.ModelSerializer[IntellectualProperty]):
    """A patent, software copyright, plant variety, new drug or IC layout, with its class (I or II)."""

    enterprise = enterprise_field(required=False, allow_null=True)
    ip_class = serializers.CharField(read_only=True, help_text=_("I 类或 II 类知识产权"))
    version = serializers.IntegerField(min_value=1, required=False, help_text=VERSION_HELP)

    class Meta:
        model = IntellectualProperty
        fields = ["id", "park", *IP_FIELDS, "ip_class", "version"]
        read_only_fields = ["id", "park", "ip_class"]
        validators: list[Any] = []


class CertificateSerializer(serializers.ModelSerializer[TierCertificate]):
    """A tier an enterprise holds (高企 with number and validity, 科技型 registration of a year, …)."""

    enterprise = enterprise_field()
    version = serializers.IntegerField(min_value=1, required=False, help_text=VERSION_HELP)

    class Meta:
        model = TierCertificate
        fields = ["id", "park", *CERTIFICATE_FIELDS, "version"]
        read_only_fields = ["id", "park"]


class IncubatorSerializer(serializers.ModelSerializer[Incubator]):
    class Meta:
        model = Incubator
        fields = [
            "id", "park", "name", "operator", "kind", "level", "recognised_on", "opened_on", "area_m2",
            "incubatee_area_m2", "seed_fund", "staff", "professional_staff",
        ]  # fmt: skip
        read_only_fields = fields


class StaySerializer(serializers.ModelSerializer[Incubation]):
    """One stay of an incubatee: entered, then graduated or exited (or still in); written by the park's
    innovation department (an entry opens the enterprise's 在孵 status, a graduation or exit ends it)."""

    enterprise = enterprise_field()
    version = serializers.IntegerField(min_value=1, required=False, help_text=VERSION_HELP)

    class Meta:
        model = Incubation
        fields = ["id", "park", *STAY_FIELDS, "version"]
        read_only_fields = ["id", "park"]


class EvaluationListSerializer(serializers.ListSerializer[Evaluation]):
    """A page of evaluations: their runs' profiles read in one query (``models.with_inputs``)."""

    def to_representation(self, data: Any) -> list[Any]:
        rows = data.all() if hasattr(data, "all") else data
        return super().to_representation(with_inputs(rows))


class EvaluationSerializer(serializers.ModelSerializer[Evaluation]):
    """One tier evaluated with one rule version: the result, the exact gaps and the inputs as read
    (``{"profile": …, "route": …}``: :attr:`Evaluation.inputs`)."""

    rule_name = serializers.CharField(source="rule.name", read_only=True)
    inputs = serializers.JSONField(read_only=True)

    class Meta:
        list_serializer_class = EvaluationListSerializer
        model = Evaluation
        fields = [
            "id", "park", "enterprise", "year", "tier", "rule", "rule_name", "qualifies", "score_min",
            "score_max", "gaps", "inputs", "evaluated_at", "is_current",
        ]  # fmt: skip
        read_only_fields = fields


class RecordSerializer(serializers.ModelSerializer[Any]):
    """A library record; a person's name and contacts masked unless the reader's work needs them (the
    serializer's context collects the rows shown unmasked, which the view audits)."""

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        if getattr(type(instance), "PERSONAL_FIELDS", None):
            sees = selectors.sees_person(self.context["request"].user, instance)
            data.update(selectors.person_view(instance, unmasked=sees))
            unmasked = self.context.get("unmasked")
            if sees and unmasked is not None:
                unmasked.append(instance.pk)
        return data


def record_serializer(model: type[Any]) -> type[RecordSerializer]:
    """A library's record as read (with the ``version`` a change must send back)."""
    meta = type("Meta", (), {"model": model, "fields": ["id", "park", *entry_fields(model), "version"]})
    meta.read_only_fields = meta.fields  # type: ignore[attr-defined]
    return type(f"{model.__name__}Serializer", (RecordSerializer,), {"Meta": meta})


class RecordWriteSerializer(serializers.ModelSerializer[Any]):
    """The payload of a library record's write: its entry fields and, on a change, the version read
    (the service checks it; the model's uniqueness is told by the service in Chinese)."""

    version = serializers.IntegerField(min_value=1, required=False, help_text=VERSION_HELP)


def record_write_serializer(model: type[Any]) -> type[RecordWriteSerializer]:
    fields = list(entry_fields(model))
    meta = type("Meta", (), {"model": model, "fields": [*fields, "version"], "validators": []})
    extra: dict[str, Any] = {"Meta": meta}
    for name in fields:
        field = model._meta.get_field(name)
        if field.is_relation and field.related_model is Enterprise:
            extra[name] = enterprise_field(required=not field.null, allow_null=field.null)
    return type(f"{model.__name__}WriteSerializer", (RecordWriteSerializer,), extra)
