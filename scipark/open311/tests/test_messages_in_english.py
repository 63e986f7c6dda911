"""GeoReport refusals read in English for a client asking for English, and in Chinese otherwise."""

from __future__ import annotations

from typing import Any

import pytest

from scipark.appeals.models import Appeal

from .conftest import BASE, body

VALID = {
    "service_code": "telecom",
    "lat": "36.6500",
    "long": "101.7500",
    "attribute[carrier]": "telecom",
    "description": "企业周边电信信号弱,影响生产调度。",
}


@pytest.mark.parametrize(
    ("changes", "english", "chinese"),
    [
        ({"api_key": "o311_not-a-key"}, "The api_key is not valid.", "api_key 无效。"),
        ({"service_code": None}, "The service_code parameter is missing.", "缺少参数 service_code。"),
        (
            {"attribute[carrier]": "unicom"},
            "The value “unicom” of parameter attribute[carrier] is not one of telecom, mobile.",
            "参数 attribute[carrier] 的值“unicom”不在可选项 telecom, mobile 之中。",
        ),
    ],
)
@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_refused_request_is_described_in_the_clients_language(
    api: Any, changes: dict[str, Any], english: str, chinese: str, language: str
) -> None:
    data = {k: v for k, v in {"api_key": api.key, **VALID, **changes}.items() if v is not None}
    headers = {"HTTP_ACCEPT_LANGUAGE": "en"} if language == "en" else {}
    response = api.http.post(f"{BASE}/requests.json", data, **headers)
    assert response.status_code in (400, 403)
    (error,) = body(response)
    assert error["description"] == (english if language == "en" else chinese)
    assert not Appeal.objects.exists()
