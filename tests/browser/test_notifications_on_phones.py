"""A message's 标为已读 on a phone: beside a long title and body the button's column was squeezed until it
stood one character a line (标/为/已/读, four lines tall) at 390 px. It keeps its words on one line."""

from __future__ import annotations

from typing import Any

import pytest

from scipark.core.testing import World
from scipark.notifications.models import EventKind, Notification

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BUTTONS = """() => [...document.querySelectorAll('.list-group-item form button')].map((el) => {
  const box = el.getBoundingClientRect();
  const words = document.createRange();
  words.selectNodeContents(el);  // one rectangle per line the words take
  const lines = new Set([...words.getClientRects()].map((r) => Math.round(r.top))).size;
  return {lines, height: box.height, width: box.width, right: box.right};
})"""


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_mark_read_keeps_to_one_line_on_a_phone(
    page: Any, live_server: Any, world: World, language: str
) -> None:
    user = world.user("enterprise_user")
    Notification.objects.create(
        recipient=user,
        kind=EventKind.APPEAL_REPLY,
        title="您的诉求已办结:三号厂房夜间频繁停电",
        body="SQ2026000088 已解决。答复:供电所已更换三号厂房进线电缆接头,连续三晚未再停电。\n请对办理结果进行评价。",
    )
    base = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
    sign_in(page, base, "enterprise_user")
    page.goto(f"{base}/notifications/")
    buttons = page.evaluate(BUTTONS)
    assert buttons, "no 标为已读 button"
    for button in buttons:
        assert button["lines"] == 1 and button["right"] <= 390, button
        assert button["height"] >= 44 - 0.5 and button["width"] >= 44 - 0.5, button
