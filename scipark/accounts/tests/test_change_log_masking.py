"""The audit admin sees no business or personal data (issue 9, item 3; SECURITY.md rows 4, 10, 20).

The change log and its export show who changed which fields of what, and when; the values of fields a
model declares confidential (``CONFIDENTIAL_FIELDS``: one enterprise's statistics) or personal
(``PERSONAL_FIELDS``: the personal-data inventory) read 〔已隐去〕, and rows named by such values are
named by kind and key — nor can they be found by those values.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from auditlog.context import set_actor
from django.db import models
from django.urls import reverse
from openpyxl import load_workbook

from scipark.core import access
from scipark.core.changelog import Masked, business_models, declared, masked_fields
from scipark.economy.models import EnergyCarrier, EnergyUse, MonthlyReturn
from scipark.enterprises.models import Contact

CHANGES = reverse("accounts:change_log")
AUDIT = reverse("accounts:audit_log")

#: What the economy staff writes below: none of it may reach the audit admin.
SECRETS = (
    "王小明",
    "王大明",
    "13912345678",
    "13987654321",
    "wxm@example.com",
    "987654321",
    "123456789",
    "55555",
    "4321.1234",
    "核实利润",
)


@pytest.fixture
def logged(world):
    """A contact and a monthly return with its energy, written and changed by the economy staff."""
    with set_actor(world.user("economy_staff")):
        contact = Contact.objects.create(
            enterprise=world.enterprise, name="王小明", phone="13912345678", email="wxm@example.com"
        )
        contact.name, contact.phone = "王大明", "13987654321"
        contact.save()
        record = MonthlyReturn.objects.create(
            park=world.park,
            enterprise=world.enterprise,
            period=dt.date(2023, 11, 1),
            revenue=Decimal("987654321.00"),
            profit=Decimal("55555"),
            employees=321,
        )
        record.revenue, record.review_note = Decimal("123456789.00"), "请核实利润"
        record.save()
        carrier = EnergyCarrier.objects.filter(is_current=True).order_by("pk").first()
        assert carrier is not None
        EnergyUse.objects.create(monthly_return=record, carrier=carrier, quantity=Decimal("4321.1234"), tce=1)
        staff = world.user("economy_staff")
        staff.phone = "13900001111"
        staff.save()
    return contact, record


def sheet_text(response) -> str:
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content), read_only=True)
    return "\n".join(
        " ".join(str(v) for v in row if v is not None)
        for ws in book.worksheets
        for row in ws.iter_rows(values_only=True)
    )


def test_the_audit_admin_sees_who_changed_which_fields_but_no_values(world, client_for, logged):
    auditor = client_for("audit_admin")
    page = auditor.get(CHANGES).content.decode()
    export = sheet_text(auditor.get(CHANGES, {"export": "xlsx"}))
    for shown in (page, export):
        leaks = [s for s in (*SECRETS, "13900001111") if s in shown]
        assert not leaks, leaks
        # Who, what and which fields are still there.
        assert "economy_staff" in shown
        assert "联系人" in shown and "月度报表" in shown and "能源消费" in shown
        # Labels as the forms show them (an amount's "(元)" moves to its value, as on the record's page).
        assert "电话" in shown and "营业收入" in shown and "审核意见" in shown
        assert "〔已隐去〕" in shown
    contact, record = logged
    assert f"联系人 #{contact.pk}" in page and f"月度报表 #{record.pk}" in page


def test_the_audit_log_pages_show_no_values_either(world, client_for, logged):
    auditor = client_for("audit_admin")
    for shown in (auditor.get(AUDIT).content.decode(), sheet_text(auditor.get(AUDIT, {"export": "xlsx"}))):
        assert not [s for s in SECRETS if s in shown]


def test_a_masked_row_cannot_be_found_or_sorted_by_its_name(world, client_for, logged):
    auditor = client_for("audit_admin")
    assert len(auditor.get(CHANGES, {"object_repr": "王"}).context["table"].data) == 0
    assert len(auditor.get(CHANGES, {"object_repr": world.enterprise.name}).context["table"].data) == 0
    # Sorting by the object would order the masked names: neither the page nor its export does.
    plain = sheet_text(auditor.get(CHANGES, {"export": "xlsx"}))
    for sort in ("object_repr", "-object_repr"):
        assert sheet_text(auditor.get(CHANGES, {"export": "xlsx", "sort": sort})) == plain
        rows = auditor.get(CHANGES, {"sort": sort}).context["table"].page.object_list
        default = auditor.get(CHANGES).context["table"].page.object_list
        assert [r.record.pk for r in rows] == [r.record.pk for r in default]


def test_unmasked_fields_keep_their_before_and_after(world, client_for, logged):
    contact, _record = logged
    with set_actor(world.user("economy_staff")):
        contact.position = "财务总监"
        contact.save()
    page = client_for("audit_admin").get(CHANGES).content.decode()
    assert "<del>—</del> → <ins>财务总监</ins>" in page


def test_a_business_role_still_reads_the_values_on_its_own_audited_pages(world, client_for, logged):
    # The masking is the audit admin's view; the economy staff's own page of the return shows the figures
    # and records that they were viewed.
    from scipark.core.models import AuditEvent

    _contact, record = logged
    response = client_for("economy_staff").get(reverse("economy:return_detail", args=[record.pk]))
    assert response.status_code == 200
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.VIEW_CONFIDENTIAL, object_id=str(record.pk)
    ).exists()


# --- the declarations -----------------------------------------------------------------------------


def test_every_declared_field_exists(world):
    wrong = [
        f"{model._meta.label}.{name}"
        for model in business_models()
        for name in masked_fields(model)
        if name not in {f.name for f in model._meta.get_fields()}
    ]
    assert not wrong, "masked fields that the model does not have: " + ", ".join(wrong)


#: Every economy statistic of one enterprise is confidential (统计法): every amount (the test below), and
#: beyond the amounts, a return's headcount and the notes that discuss its figures.
BEYOND_AMOUNTS = {"economy.monthlyreturn": {"employees", "reasons", "review_note"}}
#: The economy's models that hold one enterprise's (or project's) figures.
STATISTICS = {
    "economy.monthlyreturn",
    "economy.energyuse",
    "economy.fixedassetproject",
    "economy.projectmonthlyinvestment",
}
#: Economy models whose amounts are no enterprise's statistics, and why.
NOT_STATISTICS = {
    "economy.indicator": "reference data: warning and alarm thresholds",
    "economy.energycarrier": "reference data: conversion factors",
    "economy.annualtarget": "a park's own target, published in its work plan",
}


def test_every_economy_statistic_is_declared_confidential(world):
    undeclared, checked = [], set()
    for model in business_models():
        label = model._meta.label_lower
        if getattr(model, "access_domain", None) != access.Domain.ECONOMY or label in NOT_STATISTICS:
            continue
        if not declared(model).logged:
            continue
        checked.add(label)
        confidential = {n for n, why in masked_fields(model).items() if why == Masked.CONFIDENTIAL}
        wanted = {f.name for f in model._meta.concrete_fields if isinstance(f, models.DecimalField)}
        wanted |= BEYOND_AMOUNTS.get(label, set())
        undeclared += [f"{label}.{n}" for n in sorted(wanted - confidential)]
    assert checked >= STATISTICS
    assert not undeclared, "economy statistics not declared confidential: " + ", ".join(undeclared)
