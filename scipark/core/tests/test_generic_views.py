"""Core's one error policy for pages: object lookup, form pages and action buttons (issue 8 §1)."""

from __future__ import annotations

from typing import Any, cast

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.test import RequestFactory

from scipark.core import access
from scipark.core.services import ConflictError, lock_for_change, save_changes
from scipark.core.testing import World
from scipark.core.views import ServiceActionView, ServiceFormView, denied_as_http, object_or_404
from scipark.enterprises.models import Enterprise


def request_as(user: Any, method: str = "get", data: dict[str, Any] | None = None) -> HttpRequest:
    request = getattr(RequestFactory(), method)("/x/", data or {})
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_out_of_reach_is_404_and_visible_but_not_allowed_is_403(world: World) -> None:
    economy = world.user("economy_staff")
    leader = world.user("park_leader")
    assert object_or_404(request_as(economy), Enterprise, world.enterprise.pk) == world.enterprise
    with pytest.raises(Http404):
        object_or_404(request_as(economy), Enterprise, world.foreign_enterprise.pk, access.Action.CHANGE)
    with pytest.raises(PermissionDenied):
        object_or_404(request_as(leader), Enterprise, world.enterprise.pk, access.Action.CHANGE)
    with pytest.raises(Http404):
        object_or_404(request_as(economy), Enterprise, "not-a-number")


class RenameAction(ServiceActionView):
    domain = access.Domain.ENTERPRISES
    object_model = Enterprise
    outcome: Exception | None = None

    def perform(self, request: HttpRequest, obj: Any) -> str:
        if self.outcome is not None:
            raise self.outcome
        return "已改名。"

    def get_success_url(self, obj: Any) -> str:
        return f"/enterprises/{obj.pk}/"


@pytest.mark.parametrize(
    ("outcome", "status", "message"),
    [
        (None, 302, "已改名。"),
        (ValidationError("名称不能为空。"), 302, "名称不能为空。"),
        (ConflictError(), 409, None),
    ],
)
def test_an_action_button_answers_by_one_policy(
    world: World, outcome: Exception | None, status: int, message: str | None
) -> None:
    request = request_as(world.user("economy_staff"), "post")
    response = RenameAction.as_view(outcome=outcome)(request, pk=world.enterprise.pk)
    assert response.status_code == status
    if status == 409:
        assert "该记录已被他人修改" in cast(HttpResponse, response).content.decode()
        assert f"/enterprises/{world.enterprise.pk}/" in cast(HttpResponse, response).content.decode()
    else:
        assert [str(m) for m in get_messages(request)] == [message]


def test_an_action_on_an_object_out_of_reach_is_404_before_the_service_runs(world: World) -> None:
    request = request_as(world.user("economy_staff"), "post")
    with pytest.raises(Http404):
        RenameAction.as_view(outcome=AssertionError("must not run"))(request, pk=world.foreign_enterprise.pk)


def test_a_service_access_denied_is_404_or_403() -> None:
    assert isinstance(_raised(access.AccessDenied("x", not_found=True)), Http404) and isinstance(
        _raised(access.AccessDenied("不允许")), PermissionDenied
    )


def _raised(exc: access.AccessDenied) -> Exception:

    return denied_as_http(exc)


class NameForm(forms.Form):
    name = forms.CharField()
    version = forms.IntegerField()


class RenamePage(ServiceFormView):
    domain = access.Domain.ENTERPRISES
    action = access.Action.CHANGE
    object_model = Enterprise
    form_class = NameForm
    title = "改名"

    def save(self, request: HttpRequest, form: Any) -> str:
        from django.db import transaction

        with transaction.atomic():
            locked = lock_for_change(
                Enterprise,
                self.object.pk,
                user=request.user,
                expected_version=form.cleaned_data["version"],
            )
            save_changes(locked, name=form.cleaned_data["name"])
        return "已保存。"

    def get_cancel_url(self) -> str:
        return "/enterprises/"


def test_a_form_page_saves_through_its_service_and_a_stale_version_is_409(world: World) -> None:
    user = world.user("economy_staff")
    version = world.enterprise.version
    ok = RenamePage.as_view()(
        request_as(user, "post", {"name": "青海新名药业有限公司", "version": version}), pk=world.enterprise.pk
    )
    assert ok.status_code == 302
    world.enterprise.refresh_from_db()
    assert (world.enterprise.name, world.enterprise.version) == ("青海新名药业有限公司", version + 1)
    stale = RenamePage.as_view()(
        request_as(user, "post", {"name": "又一个名字有限公司", "version": version}), pk=world.enterprise.pk
    )
    assert stale.status_code == 409
    assert "该记录已被他人修改" in cast(HttpResponse, stale).content.decode()
    world.enterprise.refresh_from_db()
    assert world.enterprise.name == "青海新名药业有限公司"


def test_a_form_page_shows_field_errors_with_400(world: World) -> None:
    response = RenamePage.as_view()(
        request_as(world.user("economy_staff"), "post", {"name": ""}), pk=world.enterprise.pk
    )
    assert response.status_code == 400
