"""Exports are named by the page's Chinese title and the period or year asked for (issue 10, item 10),
sent with an RFC 6266/5987 Content-Disposition (UTF-8 ``filename*`` plus an ASCII ``filename``)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import unquote

from django.test import RequestFactory
from django.utils import timezone

from scipark.core.views.lists import export_download_name


def disposition(header: str) -> tuple[str, str]:
    """(UTF-8 file name, ASCII fallback) read back by the RFC 6266 grammar's two parameters."""
    match = re.fullmatch(
        r'attachment; filename="([\x20-\x7e]+)"; filename\*=UTF-8\'\'([A-Za-z0-9%._~-]+)', header
    )
    assert match, header
    return unquote(match.group(2), errors="strict"), match.group(1)


def test_a_year_filtered_list_downloads_under_its_title_and_year(world: Any, client_for: Any) -> None:
    response = client_for("economy_staff").get("/economy/targets/", {"year": "2023", "export": "xlsx"})
    assert response.status_code == 200
    name, fallback = disposition(response["Content-Disposition"])
    assert name == "年度目标-2023.xlsx"
    stamp = timezone.localdate().strftime("%Y%m%d")
    assert fallback == f"annual-targets-{stamp}.xlsx" and fallback.isascii()


def test_an_unfiltered_list_downloads_under_its_title_and_today(world: Any, client_for: Any) -> None:
    response = client_for("economy_staff").get("/economy/indicators/", {"export": "xlsx"})
    name, _fallback = disposition(response["Content-Disposition"])
    assert name == f"指标目录-{timezone.localdate().isoformat()}.xlsx"


def test_the_period_comes_from_the_query_and_nonsense_falls_back_to_today() -> None:
    factory = RequestFactory()
    assert export_download_name(factory.get("/", {"period": "2023-12"}), "月度报表") == "月度报表-2023-12"
    assert export_download_name(factory.get("/", {"year": "2024"}), "年度目标") == "年度目标-2024"
    today = timezone.localdate().isoformat()
    assert export_download_name(factory.get("/", {"period": "2023-13"}), "月度报表") == f"月度报表-{today}"
    assert export_download_name(factory.get("/", {"year": "x"}), "a/b") == f"a-b-{today}"
    assert dt.date.fromisoformat(today)


def test_a_view_with_its_own_chinese_name_keeps_it(world: Any, client_for: Any, record: Any) -> None:
    record(world.enterprise, 2023, 12, revenue=1_000_000)
    response = client_for("economy_staff").get("/economy/returns/", {"period": "2023-12", "export": "xlsx"})
    name, fallback = disposition(response["Content-Disposition"])
    stamp = timezone.localdate().strftime("%Y%m%d")
    assert name == f"月报-2023-12-{stamp}.xlsx"
    assert fallback.isascii()
