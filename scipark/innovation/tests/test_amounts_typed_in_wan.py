"""The innovation archive's and the libraries' forms take amounts in 万元, as the lists and the evaluation
show them: they asked for 研发费用总额(元), 种子资金(元) …, so an enterprise typing its 台账 figures in 万元
recorded a ten-thousandth of them. Every amount reads (万元), is stored in 元, and comes back on the edit page
in 万元 as it was typed."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from scipark.core.forms import WanYuanField
from scipark.innovation.forms import ArchiveForm, entry_form
from scipark.innovation.libraries import LIBRARIES
from scipark.innovation.models import Achievement, Incubator, TechArchive
from scipark.innovation.services.records import INCUBATOR_FIELDS, entry_fields

pytestmark = pytest.mark.django_db


def amount_fields(form_class: Any) -> dict[str, forms.Field]:
    """The form's decimal fields that name a money unit (not ㎡, %, scores)."""
    with translation.override("zh-hans"):
        return {
            name: field
            for name, field in form_class.base_fields.items()
            if isinstance(field, forms.DecimalField) and "元" in str(field.label)
        }


FORMS: list[Any] = [
    ArchiveForm,
    entry_form(Incubator, INCUBATOR_FIELDS),
    *(entry_form(library.model, entry_fields(library.model)) for library in LIBRARIES),
]


def test_every_amount_of_every_form_is_typed_in_wan() -> None:
    seen = 0
    for form_class in FORMS:
        for name, field in amount_fields(form_class).items():
            seen += 1
            assert isinstance(field, WanYuanField), (form_class.__name__, name)
            with translation.override("zh-hans"):
                assert "(万元" in str(field.label) and "(元" not in str(field.label), str(field.label)
            with translation.override("en"):
                assert "(10,000 yuan" in str(field.label), str(field.label)
    assert seen >= 14  # ten of the archive's, the seed fund, a budget, an original value, a conversion


def test_an_archive_typed_in_wan_is_stored_in_yuan_and_edited_in_wan(world: Any, client_for: Any) -> None:
    archive = TechArchive.objects.create(park=world.park, enterprise=world.enterprise, year=2023)
    firm = client_for("enterprise_user")
    url = reverse("innovation:archive_edit", args=[archive.pk])
    page = firm.get(url).content.decode()
    assert "研发费用总额(万元)" in page and "(元)" not in page
    data = {"rd_expense": "120", "rd_expense_domestic": "100.5", "sales": "2000", "total_assets": "3000",
            "employees": "80", "tech_staff": "20", "version": archive.version}  # fmt: skip
    response = firm.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    archive.refresh_from_db()
    assert (archive.rd_expense, archive.rd_expense_domestic, archive.sales) == (
        Decimal("1200000.00"), Decimal("1005000.00"), Decimal("20000000.00"),
    )  # fmt: skip
    page = firm.get(url).content.decode()
    assert 'name="rd_expense" value="120"' in page and 'name="rd_expense_domestic" value="100.5"' in page
    assert "E+" not in page and ".000000" not in page


def test_a_library_amount_is_typed_in_wan_and_a_negative_one_refused_at_its_field(
    world: Any, client_for: Any
) -> None:
    staff = client_for("innovation_staff")
    add = reverse("innovation:record_add", args=["achievements"])
    data = {"title": "牦牛乳酪蛋白提取工艺", "holder": "青海大学", "maturity": "pilot",
            "registered_on": "2023-02-01", "converted_on": "2023-06-01", "conversion_amount": "-1"}  # fmt: skip
    refused = staff.post(add, data)
    assert refused.status_code == 400
    assert refused.context["form"].errors["conversion_amount"] == ["金额不能为负数。"]
    assert staff.post(add, {**data, "conversion_amount": "10"}).status_code == 302
    achievement = Achievement.objects.get()
    assert achievement.conversion_amount == Decimal("100000.00")
    edit = reverse("innovation:record_edit", args=["achievements", achievement.pk])
    page = staff.get(edit).content.decode()
    assert "转化金额(万元)" in page and 'name="conversion_amount" value="10"' in page


def test_an_archives_amounts_read_back_in_wan_on_the_list_and_the_page(world: Any, client_for: Any) -> None:
    """An enterprise typed 661.7104 万元 and read 6,617,104.00 元 on the archive list and page: they read in
    万元 as typed, the list to two places (as investment's lists), the page as the form takes it."""
    archive = TechArchive.objects.create(park=world.park, enterprise=world.enterprise, year=2023)
    firm = client_for("enterprise_user")
    edit = firm.get(reverse("innovation:archive_edit", args=[archive.pk])).content.decode()
    version = edit.split('name="version" value="', 1)[1].split('"', 1)[0]
    saved = firm.post(
        reverse("innovation:archive_edit", args=[archive.pk]),
        {"rd_expense": "661.7104", "sales": "12345.678", "version": version},
    )
    assert saved.status_code == 302
    archive.refresh_from_db()
    assert archive.rd_expense == Decimal("6617104.00")
    listed = firm.get(reverse("innovation:archive_list")).content.decode()
    table = listed.split('data-testid="archive-table"', 1)[1].split("</table>", 1)[0]
    assert "研发费用(万元)" in table and "销售收入(万元)" in table
    assert ">661.71<" in table and ">12,345.68<" in table
    assert "6,617,104" not in table and "(元)" not in table
    page = firm.get(archive.get_absolute_url()).content.decode()
    assert '研发费用总额(万元)</th><td class="text-end">661.7104<' in page
    assert '销售收入(万元)</th><td class="text-end">12,345.678<' in page
    assert "6,617,104" not in page and "(元)" not in page
    with translation.override("en"):
        english = client_for("enterprise_user")
        english.cookies["django_language"] = "en"
        listed = english.get(reverse("innovation:archive_list")).content.decode()
    assert "R&amp;D expense (10,000 yuan)" in listed and ">661.71<" in listed


def test_the_archive_export_keeps_yuan_under_a_header_that_says_yuan(world: Any, client_for: Any) -> None:
    """The .xlsx export keeps 元, as the API and the imports do (its header says so): a sheet of exact amounts
    that an import reads back unchanged, whatever unit the pages write."""
    from io import BytesIO

    from openpyxl import load_workbook

    TechArchive.objects.create(
        park=world.park, enterprise=world.enterprise, year=2023, rd_expense=Decimal("6617104.00")
    )
    export = client_for("innovation_staff").get(reverse("innovation:archive_list") + "?export=xlsx")
    assert export.status_code == 200
    header, row = list(load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True))
    column = header.index("研发费用总额(元)")
    assert Decimal(str(row[column])) == Decimal("6617104")
