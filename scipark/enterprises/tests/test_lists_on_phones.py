"""The registry's lists on a phone: below md each enterprise and each tag is a card (``table.sp-stack-sm``)
whose cells carry their column's header as ``data-label`` — at 390 px the registry's ten columns were a table
scrolling sideways. An enterprise's tags and a tag's 编辑 / 查看企业 links are one element of their card's
line: a card gives each element of a cell a line of its grid, so a second badge fell under the label."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from scipark.core.testing import World
from scipark.core.tests.stacked import card_labels, signed_in
from scipark.enterprises.models import Contact, EnterpriseStatus, Tag

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "route", "testid"),
    [
        ("park_leader", "enterprises:enterprise_list", "enterprise-table"),
        ("economy_staff", "enterprises:tag_list", "tag-table"),
    ],
)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_each_row_is_a_card_whose_cells_are_labelled(
    world: World, persona: str, route: str, testid: str, language: str
) -> None:
    world.enterprise.tags.add(
        Tag.objects.create(park=world.park, name="重点企业", color="red"),
        Tag.objects.create(park=world.park, name="医药产业链", color="green"),
    )
    response = signed_in(world.user(persona), language).get(reverse(route))
    assert response.status_code == 200
    page = response.content.decode()
    labels = card_labels(page, testid)
    if testid == "tag-table":
        assert ("Action" if language == "en" else "操作") in labels, labels
        cells = re.findall(
            r'<td data-label="(?:操作|Action)" class="sp-actions">(.*?)</td>', page, flags=re.S
        )
        assert cells and all(re.fullmatch(r"<span>.*</span>", c.strip(), flags=re.S) for c in cells), cells
    else:
        tags = re.findall(r'<td data-label="(?:标签|Tags)">(.*?)</td>', page, flags=re.S)
        two = [cell for cell in tags if cell.count("sp-tag ") == 2]
        assert two and all(re.fullmatch(r"<span>.*</span>", cell.strip(), flags=re.S) for cell in two), tags


@pytest.mark.parametrize(
    ("language", "statuses", "contacts"),
    [
        ("zh-hans", ["状态", "起始日期", "终止日期", "说明", "操作"], ["姓名", "职务", "电话", "电子邮箱", "操作"]),
        ("en", ["Status", "Start date", "End date", "Notes", "Action"], ["Name", "Position", "Phone", "Email", "Action"]),
    ],
)  # fmt: skip
def test_an_enterprises_statuses_and_contacts_are_labelled_cards(
    world: World, language: str, statuses: list[str], contacts: list[str]
) -> None:
    """An enterprise's page: its statuses and contacts scrolled sideways in their box at 390 px in English.
    Each is a card; a value left blank (a status without note, a contact without e-mail) is an empty cell,
    which a card shows as "—" (scipark.css), never a bare label."""
    EnterpriseStatus.objects.create(
        enterprise=world.enterprise, park=world.park, kind="incubation", valid_from=dt.date(2023, 1, 1)
    )
    Contact.objects.create(enterprise=world.enterprise, park=world.park, name="李华", phone="13100000000")
    url = reverse("enterprises:enterprise_detail", args=[world.enterprise.pk])
    page = signed_in(world.user("service_staff"), language).get(url).content.decode()
    assert card_labels(page, "status-table") == statuses
    assert card_labels(page, "contact-table") == contacts
    assert f'<td data-label="{statuses[3]}"></td>' in page  # no note
    assert f'<td data-label="{contacts[3]}"></td>' in page  # no e-mail
