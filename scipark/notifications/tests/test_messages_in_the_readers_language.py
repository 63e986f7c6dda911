"""A notification is kept as a catalogue string and its values and worded in the reader's language when
shown; its stored text stays in the site's language (Chinese) for e-mail and old readers; a row sent before
the key existed shows its stored text."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.utils import translation

from scipark.appeals.models import Appeal
from scipark.core.messages import Message, choice, day, month, phrase, term, value_text, word
from scipark.core.testing import World
from scipark.notifications.models import Notification, NotificationPreference
from scipark.notifications.services import notify
from scipark.notifications.testing import notification_pages

SUBMITTED = "%(enterprise)s报送了%(month)s月度报表%(revised)s,待审核"  # economy's, in its catalogue


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "zh-hans",
            (
                "甲公司报送了2023年12月月度报表(第2版),待审核",
                "2024年01月10日",
                "办理中",
                "规模以上工业总产值",
            ),
        ),
        (
            "en",
            (
                "甲公司 submitted its monthly return for Dec 2023 (revision 2): awaiting review",
                "Jan. 10, 2024",
                "In progress",
                "Gross output of above-scale industry",
            ),
        ),
    ],
)
def test_values_are_worded_in_the_active_language(language: str, expected: tuple[str, ...]) -> None:
    params = {
        "enterprise": "甲公司",  # typed by a user: as it is
        "month": month(dt.date(2023, 12, 1)),
        "revised": phrase("(第%(revision)s版)", revision=2),  # a catalogue string with its own values
    }
    with translation.override(language):
        worded = (
            word(SUBMITTED, params),
            value_text(day(dt.date(2024, 1, 10))),
            value_text(choice(Appeal, "state", "in_progress")),
            value_text(term("规模以上工业总产值")),
        )
    assert worded == expected


def test_a_value_in_no_catalogue_and_a_choice_no_longer_known_read_as_stored() -> None:
    with translation.override("en"):
        assert word("%(a)s/%(b)s", {"a": term("园区自定义指标"), "b": choice(Appeal, "state", "gone")}) == (
            "园区自定义指标/gone"
        )
        assert (
            word("%(n)s %(x)s", {"n": 3, "x": phrase("(第%(revision)s版)", revision=3)}) == "3  (revision 3)"
        )


def _notify(user: Any, **extra: Any) -> Notification:
    (row,) = notify(
        recipients=[user],
        kind="return_reviewed",
        title=Message("%(month)s月度报表已审核通过", {"month": month(dt.date(2023, 10, 1))}),
        body=Message(
            "%(enterprise)s%(month)s的月度统计报表已审核通过。%(opinion)s",
            {"enterprise": "甲公司", "month": month(dt.date(2023, 10, 1)), "opinion": ""},
        ),
        **extra,
    )
    return row


def test_the_row_keeps_the_chinese_wording_whatever_the_senders_language(world: World) -> None:
    user = world.user("enterprise_user")
    with translation.override("en"):
        row = _notify(user)
    row.refresh_from_db()
    assert (row.title, row.body) == (
        "2023年10月月度报表已审核通过",
        "甲公司2023年10月的月度统计报表已审核通过。",
    )
    assert (row.title_msg, row.params["month"]) == ("%(month)s月度报表已审核通过", {"month": "2023-10"})
    with translation.override("en"):
        assert row.title_text == "Monthly return for Oct 2023 accepted"


def test_the_mail_stays_in_chinese_for_an_english_sender(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    # The user model keeps no language preference: a mail cannot know its reader's language.
    user = world.user("enterprise_user")
    user.email = "a@example.com"
    user.save()
    NotificationPreference.objects.create(user=user, kind="return_reviewed", channel="email", enabled=True)
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        _notify(user)
    (sent,) = mail.outbox
    assert sent.subject == "[scipark] 2023年10月月度报表已审核通过"
    assert sent.body.startswith("甲公司2023年10月的月度统计报表已审核通过。")


@pytest.mark.parametrize("english", [True, False], ids=["en", "zh"])
def test_the_list_words_a_message_for_its_reader_and_an_old_row_shows_its_stored_text(
    world: World, client_for: Any, english: bool
) -> None:
    user = world.user("enterprise_user")
    _notify(user)
    Notification.objects.create(
        recipient=user, kind="return_reviewed", title="旧消息:2023年09月月度报表已审核通过"
    )
    listing, badge = notification_pages(client_for("enterprise_user"), english=english)
    if english:
        assert "Monthly return for Oct 2023 accepted" in listing
        assert "The monthly statistical return of 甲公司 for Oct 2023 has been accepted." in listing
        assert "Messages, 2 unread" in badge
    else:
        assert "2023年10月月度报表已审核通过" in listing and "Monthly return" not in listing
        assert "消息,2条未读" in badge
    assert "旧消息:2023年09月月度报表已审核通过" in listing  # no key: the stored text, in either language


def test_a_message_whose_values_no_longer_fit_shows_its_stored_text(world: World, client_for: Any) -> None:
    row = _notify(world.user("enterprise_user"))
    Notification.objects.filter(pk=row.pk).update(params={"month": {"month": "not a month"}})
    listing, _badge = notification_pages(client_for("enterprise_user"), english=True)
    assert "2023年10月月度报表已审核通过" in listing


def test_a_message_opened_when_its_page_is_gone_reads_in_english(world: World, client_for: Any) -> None:
    row = _notify(world.user("enterprise_user"), url="/economy/returns/999999/")
    client = client_for("enterprise_user")
    client.cookies["django_language"] = "en"
    response = client.get("/notifications/open/", {"id": row.pk})
    assert response.status_code == 410
    assert "Monthly return for Oct 2023 accepted" in response.content.decode()


def test_title_and_body_must_agree_on_a_shared_value(world: World) -> None:
    with pytest.raises(TypeError):
        notify(
            recipients=[world.user("enterprise_user")],
            kind="return_reviewed",
            title=Message("%(month)s", {"month": "a"}),
            body=Message("%(month)s", {"month": "b"}),
        )
