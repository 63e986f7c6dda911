"""The alliance lists on a phone: below md each need, resource, joint action and party organisation is a card
(``table.sp-stack-sm``) whose cells carry their column's header as ``data-label`` — at 390 px the joint
actions' nine columns were a table scrolling sideways."""

from __future__ import annotations

import pytest
from django.urls import reverse

from scipark.alliance.testing import route_samples
from scipark.core.testing import World
from scipark.core.tests.stacked import card_labels, labels_on, signed_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("route", "testid"),
    [
        ("alliance:need_list", "need-table"),
        ("alliance:resource_list", "resource-table"),
        ("alliance:action_list", "action-table"),
        ("alliance:party_org_list", "party-org-table"),
    ],
)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_each_row_is_a_card_whose_cells_are_labelled(
    world: World, route: str, testid: str, language: str
) -> None:
    route_samples(world)
    labels_on(world.user("park_leader"), language, reverse(route), testid)


@pytest.mark.parametrize(
    ("route", "key", "testid", "labels"),
    [
        ("alliance:home", None, "chain-table", ["产业链", "上游", "中游", "下游", "成员企业", "党组织", "园区部门"]),
        ("alliance:chain_detail", "alliance.chain", "member-table", ["成员", "成员类型", "链上位置", "链上角色", "说明", "加入日期"]),
        ("alliance:action_detail", "alliance.jointaction", "milestone-table", ["节点", "权重", "计划日期", "完成日期"]),
    ],
)  # fmt: skip
def test_the_details_tables_are_labelled_cards(
    world: World, route: str, key: str | None, testid: str, labels: list[str]
) -> None:
    """The crawl at 390 px found the 联盟 page's chains, a chain's members and an action's milestones
    scrolling sideways in their box: each is a list of records, so a card each, a member's 移出 its 操作 line."""
    samples = route_samples(world)
    args = [samples[key]["own"].pk] if key else []
    for language in ("zh-hans", "en"):
        page = signed_in(world.user("park_leader"), language).get(reverse(route, args=args)).content.decode()
        found = card_labels(page, testid)
        if language == "zh-hans":
            assert [label for label in found if label != "操作"][: len(labels)] == labels, found
        else:
            assert not set(found) & set(labels), found  # in English


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("zh-hans", ["资源", "提供方", "类别", "得分", "推荐理由"]),
        ("en", ["Resource", "Offered by", "Category", "Score", "Why"]),
    ],
)
def test_a_needs_suggested_resources_are_labelled_cards(
    world: World, language: str, labels: list[str]
) -> None:
    """对接资源: the suggestions' six columns scrolled sideways at 390 px in English (the crawl of the demo)."""
    need = route_samples(world)["alliance.need"]["own"]
    found = labels_on(
        world.user("service_staff"),
        language,
        reverse("alliance:need_match", args=[need.pk]),
        "suggestion-table",
    )
    assert [label for label in found if label not in ("选择", "Pick")][: len(labels)] == labels, found


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("zh-hans", ["产业链", "链上位置", "链上角色", "加入日期"]),
        ("en", ["Industry chain", "Segment", "Role in the chain", "Joined on"]),
    ],
)
def test_an_enterprises_memberships_on_its_profile_are_labelled_cards(
    world: World, language: str, labels: list[str]
) -> None:
    """The enterprise profile's alliance panel scrolled sideways at 390 px in English."""
    route_samples(world)
    url = reverse("enterprises:enterprise_profile", args=[world.enterprise.pk])
    found = labels_on(world.user("park_leader"), language, url, "profile-alliance-table")
    assert found[: len(labels)] == labels, found
