"""The department's key figures on the workbench (issue 10 item 1): the person's department's rows of the
figures registry for their park, as they may see them, linking to the figures page."""

from __future__ import annotations

from typing import Any

from scipark.core.testing import World
from scipark.reports.catalogue import BY_ID
from scipark.reports.workbench import KEY_FIGURES, key_figures


def test_each_department_sees_its_own_rows(world: World, client_for: Any) -> None:
    economy = key_figures(world.user("economy_staff"))
    assert 0 < len(economy) <= KEY_FIGURES
    assert [str(f.label) for f in economy] == [BY_ID[r].label for r in ("E1", "E2", "E3", "E4")][
        : len(economy)
    ]
    service = [str(f.label) for f in key_figures(world.user("service_staff"))]
    assert BY_ID["S1"].label in service and BY_ID["E1"].label not in service
    assert all(f.url.startswith("/reports/figures/?park=") for f in economy)
    # Without records an amount reads "—" with why, never a made-up 0 (a count of none is 0户).
    values = {str(f.label): (f.value, f.level) for f in economy}
    assert values[BY_ID["E1"].label] == ("—", "muted") and values[BY_ID["E4"].label] == ("0户", "")
    # Enterprise users, leaders (cockpit) and administrators have no department rows.
    assert key_figures(world.user("enterprise_user")) == []
    assert key_figures(world.user("audit_admin")) == []
    page = client_for("service_staff").get("/").content.decode()
    assert 'data-testid="key-figures"' in page and BY_ID["S1"].label in page


def test_the_workbench_reads_its_dates_in_the_readers_language(world: World, client_for: Any) -> None:
    """The English workbench greeted “Hello, … · 2026年12月5日 Saturday” and noted each key figure's year as
    2023年."""
    from django.utils import timezone, translation
    from django.utils.formats import date_format

    client = client_for("economy_staff")
    client.cookies["django_language"] = "en"
    page = client.get("/").content.decode()
    today = timezone.localdate()
    with translation.override("en"):
        assert date_format(today, "l, F j, Y") in page
    assert "年" not in page.split('data-testid="key-figures"')[0].split("<main")[-1]
    assert not [f for f in key_figures(world.user("economy_staff")) if "年" in str(f.note)]
    chinese = client_for("economy_staff").get("/").content.decode()
    assert f"{today.year}年{today.month}月{today.day}日" in chinese
