"""One's own API tokens on the profile page on a phone: the 390 px crawl found the table scrolling sideways in
its box; each token is a card (table.sp-stack-sm) labelled in the UI language, 吊销 its 操作 line."""

from __future__ import annotations

import pytest
from django.urls import reverse

from scipark.accounts.testing import token_for
from scipark.core.testing import World
from scipark.core.tests.stacked import card_labels, signed_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("zh-hans", ["名称", "令牌前缀", "权限", "创建时间", "到期时间", "最近使用", "状态", "操作"]),
        ("en", ["Name", "Token prefix"]),
    ],
)
def test_ones_tokens_are_labelled_cards(world: World, language: str, labels: list[str]) -> None:
    user = world.user("economy_staff")
    token_for(user)
    page = signed_in(user, language).get(reverse("accounts:profile")).content.decode()
    assert card_labels(page, "my-tokens")[: len(labels)] == labels


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("zh-hans", ["角色", "范围", "有效", "授予时间", "操作"]),
        ("en", ["Role", "Scope", "Active", "Granted", "Action"]),
    ],
)
def test_a_users_grants_are_labelled_cards(world: World, language: str, labels: list[str]) -> None:
    """An account's role grants (用户详情): the crawl as the security administrator found the page 423 px wide at
    390 px in English; each grant is a card, 撤销 its 操作 line."""
    user = world.user("economy_staff")
    url = reverse("accounts:user_detail", args=[user.pk])
    page = signed_in(world.user("security_admin"), language).get(url).content.decode()
    assert card_labels(page, "membership-table")[: len(labels)] == labels
