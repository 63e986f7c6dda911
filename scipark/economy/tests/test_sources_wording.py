"""The basis (依据) a reader sees names the statistical system or the standard, never our repository's files:
the indicators' source read "DOMAIN.md §2" on the targets page, the energy factors' "…附录A(DOMAIN.md §2)"."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest

from scipark.core.testing import World
from scipark.economy.models import EnergyCarrier, Indicator

pytestmark = pytest.mark.django_db


def test_no_reference_row_names_a_file_of_ours(world: World) -> None:
    sources = [
        *Indicator.objects.values_list("source", flat=True),
        *EnergyCarrier.objects.values_list("source", flat=True),
    ]
    assert sources and not [s for s in sources if "DOMAIN" in s or "§" in s]
    assert set(Indicator.objects.values_list("source", flat=True)) == {
        "国家统计局统计报表制度;增速按同口径(本期在统企业与其上年同期)计算"
    }


def test_the_indicator_catalogues_export_gives_the_basis_in_plain_words(
    world: World, client_for: Any
) -> None:
    answer = client_for("economy_staff").get("/economy/indicators/", {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(answer.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    basis = [row[list(rows[0]).index("依据")] for row in rows[1:]]
    assert basis and all(str(b).startswith("国家统计局统计报表制度") for b in basis)
