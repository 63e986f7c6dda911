"""The API's one error policy (issue 8 §2): one exception handler in core answers for every viewset."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from scipark.core.access import AccessDenied
from scipark.core.api.exceptions import exception_handler
from scipark.core.services import CONFLICT_MESSAGE, ConflictError


@pytest.mark.parametrize(
    "exc",
    [ConflictError(), ConflictError("该报表已被他人修改,请刷新后重试。"), ConflictError("版本已变化。")],
)
def test_every_conflict_answers_409_with_the_one_message(exc: ConflictError) -> None:
    response = exception_handler(exc, {})
    assert response is not None and response.status_code == 409
    assert response.data == {"detail": CONFLICT_MESSAGE, "code": "conflict"}


@pytest.mark.parametrize(
    ("exc", "status", "detail"),
    [
        (
            AccessDenied("对象不存在或不在您的权限范围内。", not_found=True),
            404,
            "对象不存在或不在您的权限范围内。",
        ),
        (AccessDenied(not_found=True), 404, "对象不存在,或不在您的权限范围内。"),
        (AccessDenied("没有权限执行此操作。"), 403, "没有权限执行此操作。"),
        (AccessDenied(), 403, "您没有权限执行此操作。"),
        (Http404("No Enterprise matches the given query."), 404, "对象不存在,或不在您的权限范围内。"),
    ],
)
def test_access_is_answered_in_chinese_even_without_words(exc: Exception, status: int, detail: str) -> None:
    response = exception_handler(exc, {})
    assert response is not None and response.status_code == status
    assert str(response.data["detail"]) == detail


def test_a_service_validation_error_is_a_400_naming_the_fields() -> None:
    response: Any = exception_handler(ValidationError({"valid_to": "终止日期不能早于起始日期。"}), {})
    assert response.status_code == 400
    assert [str(m) for m in response.data["valid_to"]] == ["终止日期不能早于起始日期。"]
