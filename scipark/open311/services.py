"""Writes of the Open311 layer: file a request (an appeal, through ``appeals.services.appeal_submit``)
and keep the attributes each service asks for. Client keys are in ``client_services``."""

from __future__ import annotations

import secrets
from typing import Any

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from scipark.appeals.models import Appeal, AppealCategory, AppealChannel
from scipark.appeals.services import appeal_submit
from scipark.core import access
from scipark.core.audit import client_ip
from scipark.core.identifiers import credit_code_problem, normalize_credit_code
from scipark.core.services import lock_for_change, model_update
from scipark.enterprises.models import Enterprise

from .errors import Open311Error
from .models import LIST_DATATYPES, Open311Client, ServiceAttribute, Submission
from .params import NewRequest
from .values import AttributeSpec, attribute_value, values_problem

#: Attribute codes every service accepts; a service may not define its own with these codes.
ENTERPRISE_ATTRIBUTE = "enterprise_credit_code"
RESERVED_CODES = frozenset({ENTERPRISE_ATTRIBUTE, "media_url"})
ATTRIBUTE_FIELDS = (
    "code",
    "variable",
    "datatype",
    "required",
    "datatype_description",
    "order",
    "description",
    "values",
)


def attribute_spec(attribute: ServiceAttribute) -> AttributeSpec:
    return AttributeSpec(
        code=attribute.code,
        datatype=attribute.datatype,
        required=attribute.required,
        variable=attribute.variable,
        description=attribute.description,
        keys=tuple(str(v["key"]) for v in attribute.values) if attribute.datatype in LIST_DATATYPES else (),
    )


def request_submit(
    *, client: Open311Client, new: NewRequest, request: Any = None
) -> tuple[Appeal, Submission]:
    """File ``new`` as an appeal of the client's park (channel Open311, state 待受理) and keep the
    request's Open311 fields; all or nothing. 404 for an unknown service, 400 for a bad value.

    An enterprise named by ``attribute[enterprise_credit_code]`` is only the requester's claim: the
    appeal reaches that enterprise when 企业服务 accept it and confirm the enterprise (ADR 0008)."""
    park = client.park
    category = AppealCategory.objects.filter(park=park, code=new.service_code, is_active=True).first()
    if category is None:
        raise Open311Error(404, _("service_code“%(code)s”不存在。") % {"code": new.service_code[:50]})
    attributes = _attribute_values(category, new.attributes)
    enterprise = _enterprise(park, new.attributes.get(ENTERPRISE_ATTRIBUTE, []))
    if new.media_url:
        attributes["media_url"] = new.media_url
    description = new.description or _default_description(category)
    # The change log records no actor: the request comes from the client, not from a signed-in session.
    with transaction.atomic(), set_actor(None, remote_addr=client_ip(request)):
        try:
            appeal = appeal_submit(
                user=None,
                park=park,
                category=category,
                description=description,
                enterprise=enterprise,
                channel=AppealChannel.OPEN311,
                requester_name=new.requester_name,
                requester_phone=new.phone,
                requester_email=new.email,
                address=new.address_string,
                latitude=new.lat,
                longitude=new.long,
                attributes=attributes,
            )
        except ValidationError as exc:
            raise Open311Error(400, " ".join(exc.messages)) from exc
        except access.AccessDenied as exc:  # the appeals service refused the channel: a bug, not the client's
            raise Open311Error(403, str(exc)) from exc
        submission = Submission.objects.create(
            client=client,
            appeal=appeal,
            token=secrets.token_hex(16),
            device_id=new.device_id,
            account_id=new.account_id,
            address_id=new.address_id,
            media_url=new.media_url,
        )
    return appeal, submission


def _attribute_values(category: AppealCategory, given: dict[str, list[str]]) -> dict[str, Any]:
    attributes = list(ServiceAttribute.objects.filter(category=category).order_by("order", "code"))
    known = {a.code for a in attributes} | RESERVED_CODES
    unknown = sorted(set(given) - known)
    if unknown:
        raise Open311Error(
            400,
            _("服务“%(code)s”没有属性 %(attr)s。")
            % {"code": category.code, "attr": f"attribute[{unknown[0]}]"},
        )
    values: dict[str, Any] = {}
    for attribute in attributes:
        try:
            value = attribute_value(attribute_spec(attribute), given.get(attribute.code, []))
        except ValueError as exc:
            raise Open311Error(400, str(exc)) from None
        if value is not None and attribute.variable:
            values[attribute.code] = value
    return values


def _enterprise(park: Any, raw: list[str]) -> Enterprise | None:
    """The enterprise named by ``attribute[enterprise_credit_code]``, which must be in the client's park
    (kept as the appeal's claimed enterprise, not linked: ``appeals.services.appeal_submit``)."""
    codes = [normalize_credit_code(v) for v in raw if v.strip()]
    if not codes:
        return None
    if len(codes) > 1:
        raise Open311Error(400, _("attribute[enterprise_credit_code] 只能有一个值。"))
    problem = credit_code_problem(codes[0])
    if problem:
        raise Open311Error(400, f"attribute[{ENTERPRISE_ATTRIBUTE}]: {problem}")
    enterprise = Enterprise.objects.filter(park=park, credit_code=codes[0]).first()
    if enterprise is None:
        raise Open311Error(400, _("本园区没有统一社会信用代码为 %(code)s 的企业。") % {"code": codes[0]})
    return enterprise


def _default_description(category: AppealCategory) -> str:
    return _("(通过 Open311 客户端提交“%(name)s”,未填写描述)") % {"name": category.name}


# --- service attributes ----------------------------------------------------------------------------


def _check_attribute(data: dict[str, Any]) -> dict[str, Any]:
    cleaned = dict(data)
    code = str(cleaned.get("code", "")).strip()
    cleaned["code"] = code
    if code in RESERVED_CODES:
        raise ValidationError({"code": _("代码“%(code)s”是保留的,请换一个。") % {"code": code}})
    values = cleaned.get("values") or []
    problem = values_problem(str(cleaned.get("datatype", "")), values)
    if problem:
        raise ValidationError({"values": problem})
    cleaned["values"] = [{"key": str(v["key"]).strip(), "name": str(v["name"]).strip()} for v in values]
    return cleaned


@transaction.atomic
def service_attribute_create(
    *, user: Any, category: AppealCategory, data: dict[str, Any]
) -> ServiceAttribute:
    """Add a question to a service (an appeal category of a park the user serves)."""
    # Locking the service serialises two colleagues adding the same code.
    locked = lock_for_change(AppealCategory, category, user=user)
    cleaned = _check_attribute(data)
    if ServiceAttribute.objects.filter(category=locked, code=cleaned["code"]).exists():
        raise ValidationError({"code": _("该服务已有代码为“%(code)s”的属性。") % {"code": cleaned["code"]}})
    attribute = ServiceAttribute(category=locked, **{k: cleaned[k] for k in ATTRIBUTE_FIELDS if k in cleaned})
    attribute.full_clean()
    attribute.save()
    return attribute


@transaction.atomic
def service_attribute_update(
    *, user: Any, attribute: ServiceAttribute | int, data: dict[str, Any], version: int | None = None
) -> ServiceAttribute:
    """Change a question; a stale ``version`` is a conflict (SECURITY.md row 14)."""
    locked = lock_for_change(ServiceAttribute, attribute, user=user, expected_version=version)
    cleaned = _check_attribute({**_current(locked), **data})
    clash = ServiceAttribute.objects.filter(category=locked.category_id, code=cleaned["code"])
    if clash.exclude(pk=locked.pk).exists():
        raise ValidationError({"code": _("该服务已有代码为“%(code)s”的属性。") % {"code": cleaned["code"]}})
    updated, _changed = model_update(instance=locked, data=cleaned, fields=ATTRIBUTE_FIELDS)
    return updated


def _current(attribute: ServiceAttribute) -> dict[str, Any]:
    return {name: getattr(attribute, name) for name in ATTRIBUTE_FIELDS}


@transaction.atomic
def service_attribute_delete(*, user: Any, attribute: ServiceAttribute | int) -> ServiceAttribute:
    """Remove a question; requests already filed keep the answers they gave. Returns what was removed."""
    locked = lock_for_change(ServiceAttribute, attribute, user=user, action=access.Action.DELETE)
    locked.delete()
    return locked
