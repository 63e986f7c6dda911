"""The innovation lists on a phone: below md each row is a card (table.sp-stack-sm) whose cells carry their
column's header as ``data-label`` — the walk at 390 px found the archive list's eight columns, the incubators'
six and the rules' six in tables scrolling sideways, and a number column's label pushed to the right."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse

from scipark.innovation.models import Incubator, TechArchive
from scipark.innovation.testing import FILLED

from .test_evaluation_page import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("route", "testid"),
    [
        ("innovation:archive_list", "archive-table"),
        ("innovation:incubator_list", "incubator-table"),
        ("innovation:rule_list", "rule-table"),
    ],
)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_each_row_is_a_card_whose_cells_are_labelled(
    world: Any, inn: Any, route: str, testid: str, language: str
) -> None:
    inn.rules()
    TechArchive.objects.create(
        park_id=world.park.pk, enterprise=world.enterprise, year=2023, state="accepted", **FILLED
    )
    Incubator.objects.create(
        park=world.park,
        name="生物园孵化器",
        opened_on=dt.date(2018, 1, 1),
        area_m2=5000,
        incubatee_area_m2=4000,
    )
    page = client_for(inn.staff, language).get(reverse(route)).content.decode()
    table = re.search(rf'<table[^>]*data-testid="{testid}".*?</table>', page, flags=re.S)
    assert table is not None and "sp-stack-sm" in table.group(0).split(">", 1)[0]
    cells = re.findall(r"<td\b[^>]*>", table.group(0))
    assert cells and all("data-label=" in cell for cell in cells), testid
