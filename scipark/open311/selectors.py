"""Reads of the Open311 layer: a park's services and their definitions, a client's requests and tokens."""

from __future__ import annotations

from django.utils.translation import gettext as _

from scipark.appeals.models import CLOSED_STATES, OPEN_STATES, Appeal, AppealCategory
from scipark.parks.models import Park

from .appeal_source import client_appeals, park_services
from .errors import Open311Error
from .models import Open311Client, ServiceAttribute, Submission
from .params import MAX_RESULTS, RequestQuery


def park_for_jurisdiction(jurisdiction_id: str) -> Park:
    """The park whose code is ``jurisdiction_id`` (404 when there is none)."""
    park = Park.objects.filter(code=jurisdiction_id).first()
    if park is None:
        raise Open311Error(404, _("jurisdiction_id“%(id)s”不存在。") % {"id": jurisdiction_id[:50]})
    return park


def service_list(park: Park) -> list[tuple[AppealCategory, bool]]:
    """The park's active services, each with whether it has attributes (the ``metadata`` flag)."""
    categories = list(park_services(park))
    with_attributes = set(
        ServiceAttribute.objects.filter(category__in=categories).values_list("category_id", flat=True)
    )
    return [(c, c.pk in with_attributes) for c in categories]


def service_get(park: Park, service_code: str) -> tuple[AppealCategory, list[ServiceAttribute]]:
    """One active service of the park with its attributes in order (404 when unknown)."""
    category = park_services(park).filter(code=service_code).first()
    if category is None:
        raise Open311Error(404, _("service_code“%(code)s”不存在。") % {"code": service_code[:50]})
    return category, list(ServiceAttribute.objects.filter(category=category).order_by("order", "code"))


def request_list(client: Open311Client, query: RequestQuery) -> list[Appeal]:
    """The client's park's Open311 requests matching ``query``, newest first, at most 1000."""
    appeals = client_appeals(client.park)
    if query.ids:
        appeals = appeals.filter(number__in=query.ids)
    else:
        appeals = appeals.filter(received_at__gte=query.start, received_at__lte=query.end)
        if query.service_codes:
            appeals = appeals.filter(category__code__in=query.service_codes)
        if set(query.statuses) != {"open", "closed"}:
            states = OPEN_STATES if "open" in query.statuses else CLOSED_STATES
            appeals = appeals.filter(state__in=states)
    return list(appeals[:MAX_RESULTS])


def request_get(client: Open311Client, service_request_id: str) -> Appeal:
    """One request of the client's park filed through Open311 (404 otherwise, whoever else filed it)."""
    appeal = client_appeals(client.park).filter(number=service_request_id).first()
    if appeal is None:
        raise Open311Error(404, _("service_request_id“%(id)s”不存在。") % {"id": service_request_id[:50]})
    return appeal


def token_get(client: Open311Client, token: str) -> Submission:
    """The request a token stands for, if it was filed by a client of the same park (404 otherwise)."""
    submission = (
        Submission.objects.select_related("appeal")
        .filter(token=token, client__park_id=client.park_id)
        .first()
    )
    if submission is None:
        raise Open311Error(404, _("token“%(token)s”不存在。") % {"token": token[:50]})
    return submission
