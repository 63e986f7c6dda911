"""An import's preview shows each change as the record's history shows it (``core.history``), in the reader's
language: a stored field under its form's label, a choice by its label, yes/no, an amount in 元 or 万元 with its
unit, a linked row by its name; a column that is not a stored field keeps its header. Each importer had written
its own (是/否 and the choices' Chinese labels on the English page, an amount in 元 under one label and in 万元
under another)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from scipark.enterprises.importers import EnterpriseImporter
from scipark.enterprises.models import Industry
from scipark.investment.importers import ProjectImporter


def shown(field: str, value: object, language: str) -> tuple[str, str]:
    with translation.override(language):
        return ProjectImporter.field_label(field), ProjectImporter.display(field, value)


def test_a_choice_reads_its_label_in_the_readers_language() -> None:
    assert shown("origin", "other_province", "zh-hans") == ("投资方来源", "省外境内")
    assert shown("origin", "other_province", "en")[1] == "Other provinces of China"


def test_yes_and_no_are_words_of_the_readers_language() -> None:
    assert shown("is_industrial", True, "zh-hans") == ("工业项目", "是")
    assert shown("is_industrial", False, "en")[1] == "No"


def test_an_amount_reads_with_its_unit_and_the_label_loses_the_yuan() -> None:
    assert shown("planned_investment", Decimal("500000000.00"), "zh-hans") == ("计划总投资", "50,000.00 万元")
    assert shown("planned_investment", Decimal("3500"), "zh-hans")[1] == "3,500.00 元"
    assert shown("planned_investment", Decimal("500000000.00"), "en") == (
        "Planned total investment",
        "50,000.00 × 10,000 yuan",
    )


@pytest.mark.django_db
def test_a_linked_row_reads_its_name_and_nothing_reads_none() -> None:
    industry = Industry.objects.filter(code="2710").first() or Industry.objects.create(
        code="2710", name="化学药品原料药制造", level=4
    )
    assert shown("industry", industry, "zh-hans")[1] == str(industry)
    assert shown("industry", None, "en")[1] == "—"
    assert shown("description", "", "zh-hans")[1] == "—"


def test_a_column_that_is_no_stored_field_keeps_its_header() -> None:
    assert shown("found_on", None, "zh-hans")[0] == "线索日期"


def test_the_registry_preview_reads_a_capital_in_wan_yuan_once() -> None:
    """It read 注册资本(万元):8000 万元 → 12345.67 万元 — the unit twice, no separators, and Chinese labels on
    the English page."""
    with translation.override("zh-hans"):
        assert EnterpriseImporter.field_label("registered_capital") == "注册资本"
        assert EnterpriseImporter.display("registered_capital", Decimal("123456700.00")) == "12,345.67 万元"
        assert EnterpriseImporter.display("status", "suspended") == "停产"
    with translation.override("en"):
        assert EnterpriseImporter.display("status", "suspended") == "Production suspended"
        assert "万" not in EnterpriseImporter.field_label("registered_capital")
