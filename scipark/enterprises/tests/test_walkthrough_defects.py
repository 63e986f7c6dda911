"""Registry defects found when the product was tried as its users would (issue 10, item 8): 注册资本 typed
in 元 but shown in 万元, a lowercase credit code refused, a search with a space finding nothing."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from scipark.core.imports.runner import run_import
from scipark.core.testing import World, make_enterprise
from scipark.core.tests import hostile
from scipark.enterprises.importers import EnterpriseImporter
from scipark.enterprises.models import Enterprise
from scipark.enterprises.services import canonical_credit_code

pytestmark = pytest.mark.django_db

LIST = "/enterprises/"
NEW_CODE = "91350100M000100Y43"


def new_enterprise(**changes: Any) -> dict[str, Any]:
    return {
        "credit_code": NEW_CODE,
        "name": "新药研发有限公司",
        "industry": "2720",
        "activity_type": "industry",
        "status": "operating",
        **changes,
    }


def test_registered_capital_is_typed_in_wan_on_the_form_and_stored_in_yuan(
    world: World, client_for: Any
) -> None:
    client = client_for("economy_staff")
    page = client.get("/enterprises/add/").content.decode()
    assert "注册资本(万元)" in page
    response = client.post(
        "/enterprises/add/", new_enterprise(park=world.park.pk, registered_capital="1234.56")
    )
    assert response.status_code == 302
    created = Enterprise.objects.get(credit_code=NEW_CODE)
    assert created.registered_capital == Decimal("12345600.00")
    assert created.registered_capital_wan == Decimal("1234.56")
    detail = client.get(f"/enterprises/{created.pk}/").content.decode()
    assert "1,234.56 万元" in detail
    # The edit form shows the same number in the same unit, and saving it unchanged changes nothing.
    form = client.get(f"/enterprises/{created.pk}/edit/").context["form"]
    assert 'value="1234.56"' in str(form["registered_capital"])
    assert not form.fields["registered_capital"].has_changed(created.registered_capital, "1234.56")


@pytest.mark.parametrize(
    ("language", "label", "refusals"),
    [
        ("zh-hans", "注册资本(万元)", {"-1": "金额不能为负数。", "1.2345678": "小数不超过 6 位", "1234567890123": "小数点前不超过 12 位"}),
        ("en", "Registered capital (10,000 yuan)", {"-1": "An amount cannot be negative.", "1.2345678": "more than 6 decimal places", "1234567890123": "more than 12 digits before the decimal point"}),
    ],
)  # fmt: skip
def test_registered_capital_is_core_s_wan_field_with_the_registry_s_label_and_refusals(
    world: World, client_for: Any, language: str, label: str, refusals: dict[str, str]
) -> None:
    """The registry's 注册资本 is ``core.forms.WanYuanField``: its own label in both languages, a negative
    amount and more digits than 元 to the fen in 18 digits holds refused at the field, as typed."""
    client = client_for("economy_staff")
    client.cookies["django_language"] = language
    assert label in client.get("/enterprises/add/").content.decode()
    for typed, words in refusals.items():
        response = client.post(
            "/enterprises/add/", new_enterprise(park=world.park.pk, registered_capital=typed)
        )
        assert response.status_code == 400, typed  # the form again, with its errors
        form = response.context["form"]
        assert list(form.errors) == ["registered_capital"], (typed, form.errors)
        assert words in " ".join(form.errors["registered_capital"]), (typed, form.errors)
        assert f'value="{typed}"' in str(form["registered_capital"])
    assert not Enterprise.objects.filter(credit_code=NEW_CODE).exists()


def test_a_lowercase_credit_code_is_upper_cased_not_refused(world: World, client_for: Any) -> None:
    assert canonical_credit_code(" 91350100m000100y43\u3000") == NEW_CODE
    response = client_for("economy_staff").post(
        "/enterprises/add/", new_enterprise(park=world.park.pk, credit_code=NEW_CODE.lower())
    )
    assert response.status_code == 302
    assert Enterprise.objects.filter(credit_code=NEW_CODE).exists()


def test_an_import_with_a_lowercase_credit_code_matches_the_enterprise(world: World, tmp_path: Path) -> None:
    rows = hostile.good_rows(1)
    rows[1][0] = NEW_CODE.lower()
    path = tmp_path / "upload"
    path.write_bytes(hostile.xlsx(rows))
    importer = EnterpriseImporter(user=world.user("economy_staff"), park=world.park)
    result = run_import(importer, path, filename="企业.xlsx")
    assert result.ok and result.created == 1, result.problems
    assert Enterprise.objects.filter(credit_code=NEW_CODE).exists()


def test_a_search_with_a_space_matches_every_word(world: World, client_for: Any) -> None:
    make_enterprise(world.park, 31, "西宁众和医药有限公司")
    make_enterprise(world.park, 32, "西宁长宁商贸有限公司")
    client = client_for("economy_staff")

    def names(q: str) -> set[str]:
        return {row.record.name for row in client.get(LIST, {"q": q}).context["table"].page.object_list}

    assert names("西宁 众和") == {"西宁众和医药有限公司"}
    assert names("众和  西宁") == {"西宁众和医药有限公司"}  # any order, any spacing
    assert names("西宁") == {"西宁众和医药有限公司", "西宁长宁商贸有限公司"}
    assert names("西宁 不存在") == set()


def test_registered_capital_reads_as_typed_on_its_pages_and_to_two_places_in_the_list(
    world: World, client_for: Any
) -> None:
    """One rule with the other 万元 amounts (ADR 0013): 12,345.6789 万元 typed reads so on the detail page and
    the profile, as its form shows it — it read 12345.68 there — and 12,345.68 in the list (四舍五入)."""
    enterprise = world.enterprise
    Enterprise.objects.filter(pk=enterprise.pk).update(registered_capital=Decimal("123456789.00"))
    client = client_for("economy_staff")
    detail = client.get(f"/enterprises/{enterprise.pk}/").content.decode()
    assert "12,345.6789 万元" in detail
    profile = client.get(f"/enterprises/{enterprise.pk}/profile/").content.decode()
    assert "12,345.6789" in profile and "12345.68" not in profile
    listed = client.get(LIST, {"q": enterprise.credit_code}).content.decode()
    assert ">12,345.68<" in listed
    form = client.get(f"/enterprises/{enterprise.pk}/edit/").context["form"]
    assert 'value="12345.6789"' in str(form["registered_capital"])
