"""An indicator alert's sentence reads in the reader's language — on the alerts page, in the alert's
notification and in the cockpit's list of targets behind — while the alert keeps it in Chinese too; an alert
kept before its sentence had a key shows its stored text (ADR 0003 rule 7)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import models
from django.utils import translation
from django.utils.translation import gettext

from scipark.core.testing import World
from scipark.notifications.testing import notification_pages
from scipark.reports.alert_services import alerts_evaluate
from scipark.reports.models import Alert
from scipark.reports.testing import alert_samples

from .test_alert_services import JANUARY, target
from .test_cockpit import returns_of_one_enterprise

pytestmark = pytest.mark.django_db
LANGUAGES = pytest.mark.parametrize("english", [True, False], ids=["en", "zh"])

BEHIND_ZH = "规模以上工业总产值:1-12月完成年度目标60%,时间进度100%,落后40个百分点"
BEHIND_EN = (
    "Gross output of above-scale industry: 60% of the annual target done in Jan–Dec against 100% of the "
    "year elapsed, 40 percentage points behind"
)
GROWTH_ZH = "规模以上工业产值增速:1-12月累计增长20%,低于年度目标25%"
GROWTH_EN = (
    "Growth of above-scale industrial output: cumulative growth of 20% in Jan–Dec, below the annual "
    "target of 25%"
)


def page(client: Any, url: str, *, english: bool) -> str:
    if english:
        client.cookies["django_language"] = "en"
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def behind_and_short(world: World) -> None:
    """Two alerts through the evaluation: an amount target 40 points behind, a growth target 5 short."""
    returns_of_one_enterprise(world)  # 1 200 000 元 of output in 2023, +20 % on the comparable basis
    target(world, 2_000_000)
    target(world, 25, code="above_scale_output_growth")
    assert alerts_evaluate(park=world.park, today=JANUARY).created == 2


@LANGUAGES
def test_the_alerts_page_words_each_sentence_in_the_readers_language(
    world: World, client_for: Any, english: bool
) -> None:
    behind_and_short(world)
    # The alert keeps its sentence in Chinese, whatever language is read: search and old readers use it.
    assert sorted(Alert.objects.values_list("message", flat=True)) == sorted([BEHIND_ZH, GROWTH_ZH])
    html = page(client_for("park_leader"), "/reports/alerts/", english=english)
    if english:
        assert BEHIND_EN in html and GROWTH_EN in html
        assert "<strong>Gross output of above-scale industry</strong>" in html
        assert '"badge text-bg-danger">Alarm<' in html and '"badge text-bg-warning">Warning<' in html
        assert "1-12月" not in html and "规模以上工业" not in html
        # 确认 is acknowledging an alert here (context “alert”), not investment's “Confirm” of a report
        assert 'data-testid="alert-acknowledge">Acknowledge</button>' in html
    else:
        assert BEHIND_ZH in html and GROWTH_ZH in html
        assert "<strong>规模以上工业总产值</strong>" in html
        assert '"badge text-bg-danger">告警<' in html and '"badge text-bg-warning">预警<' in html


@LANGUAGES
def test_the_alerts_notification_body_is_the_same_sentence(
    world: World, client_for: Any, english: bool
) -> None:
    behind_and_short(world)
    listing, _badge = notification_pages(client_for("park_leader"), english=english)
    if english:
        assert BEHIND_EN in listing and GROWTH_EN in listing
    else:
        assert BEHIND_ZH in listing and GROWTH_ZH in listing


@LANGUAGES
def test_the_cockpit_names_the_targets_behind_in_the_readers_language(
    world: World, client_for: Any, english: bool
) -> None:
    behind_and_short(world)
    html = page(client_for("park_leader"), "/reports/cockpit/", english=english)
    if english:
        assert "Gross output of above-scale industry: 60.0% done, 100.0% of the time" in html
        assert "Growth of above-scale industrial output: growth 20.0%, target 25%" in html
    else:
        assert "规模以上工业总产值:完成60.0%,时间进度100.0%" in html
        assert "规模以上工业产值增速:实际增速20.0%,目标25%" in html


def test_an_alert_kept_without_its_sentences_key_shows_its_stored_text(world: World, client_for: Any) -> None:
    old = alert_samples(world)["own"]  # written as the rows before the key were: message only
    assert (old.message_msg, old.params) == ("", {})
    html = page(client_for("park_leader"), "/reports/alerts/", english=True)
    assert f'<div data-testid="alert-message">{old.message}</div>' in html


def test_the_next_evaluation_gives_a_kept_alert_its_sentences_key(world: World) -> None:
    returns_of_one_enterprise(world)
    target(world, 2_000_000)
    alerts_evaluate(park=world.park, today=JANUARY)
    Alert.objects.update(message_msg="", params={})  # as kept before the key
    assert alerts_evaluate(park=world.park, today=JANUARY + dt.timedelta(days=1)).refreshed == 1
    alert = Alert.objects.get()
    assert alert.message == BEHIND_ZH and alert.message_msg and alert.params["indicator"]


def test_who_acknowledged_an_alert_reads_acknowledged_in_english() -> None:
    """确认人 is “Acknowledged by” for an alert, investment's financing records' “Confirmed by” elsewhere."""
    field = Alert._meta.get_field("acknowledged_by")
    assert isinstance(field, models.Field)
    with translation.override("en"):
        assert str(field.verbose_name) == "Acknowledged by"
        assert gettext("确认人") == "Confirmed by"
