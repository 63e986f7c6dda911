"""A return sent back and submitted again is waiting for review: it used to keep the refusal's reviewer and
time, so the reviewer's list read 已报送 · 审核人 张海燕 · 审核时间 … beside the old note, and the API said
the submitted return had been reviewed. The reviewer and time go; the note stays, shown as the last refusal."""

from __future__ import annotations

from typing import Any

import pytest

from scipark.core.testing import World
from scipark.economy.models import MonthlyReturn

from .test_portal import DEC, filled


@pytest.fixture
def november(world: World, record: Any) -> Any:
    """Last month's accepted return, so December's figures need no reasons."""
    return record(
        world.enterprise, 2023, 11, industrial_output=1_200_000, revenue=1_000_000, value_added=300_000
    )


def test_a_return_submitted_again_after_a_refusal_is_unreviewed(
    world: World, client_for: Any, november: Any
) -> None:
    enterprise = client_for("enterprise_user")
    staff = client_for("economy_staff")
    assert enterprise.post(DEC, filled()).status_code == 302
    record = MonthlyReturn.objects.get(enterprise=world.enterprise, period__month=12)
    note = "工业增加值与总产值之比偏低,请核实后重报"
    sent_back = staff.post(
        f"/economy/returns/{record.pk}/send-back/", {"version": record.version, "review_note": note}
    )
    assert sent_back.status_code == 302
    assert enterprise.post(DEC, filled(value_added="42")).status_code == 302
    record.refresh_from_db()
    assert (record.status, record.revision, record.review_note) == ("submitted", 1, note)
    assert record.reviewed_by is None and record.reviewed_at is None
    page = staff.get(f"/economy/returns/{record.pk}/").content.decode()
    assert f"上次退回:{note}" in page
    accepted = staff.post(f"/economy/returns/{record.pk}/accept/", {"version": record.version})
    assert accepted.status_code == 302
    record.refresh_from_db()
    assert record.status == "accepted" and record.reviewed_at is not None
    assert "上次退回" not in staff.get(f"/economy/returns/{record.pk}/").content.decode()
