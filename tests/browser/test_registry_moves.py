"""In Debian's chromium, as the park's 经济发展 staff at 1440 px and 390 px: the registry import that moves
several enterprises to another industry moves their figures on the dashboard with them.

The dashboard's breakdown by industry division (大类) for March 2023 shows 医药制造业 (27) with four
above-scale firms and 专用设备制造业 (35) with one. A registry .xlsx, uploaded through the import page,
reclassifies three of the four to 3511: the check's preview lists exactly those three, the write's run is
followed on the page (held in the queue first, so the page polls it) to its end, and on reload division 27
is down, and division 35 up, by exactly those three firms' January–March output, as the records add up.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.db.models import Sum

from scipark.core import tasks as core_tasks
from scipark.core.testing import World, ensure_industry, make_enterprise
from scipark.core.tests import hostile
from scipark.economy import services
from scipark.economy.dashboard import money_text
from scipark.economy.models import MonthlyReturn
from scipark.enterprises.models import Enterprise

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/moves_shots")
MARCH = dt.date(2023, 3, 1)
#: Division 35's path in GB/T 4754-2017 (a transactional test's flush may have emptied the loaded table).
MINING_MACHINERY = (
    ("35", "专用设备制造业", 2),
    ("351", "采矿、冶金、建筑专用设备制造", 3),
    ("3511", "矿山机械制造", 4),
)


def ensure_mining_machinery() -> Any:
    industry = apps.get_model("enterprises", "Industry")
    parent = ensure_industry().parent.parent.parent  # section C
    for code, name, level in MINING_MACHINERY:
        parent = industry.objects.get_or_create(
            code=code, defaults={"name": name, "level": level, "parent": parent, "section": "C"}
        )[0]
    return parent


def reported_firms(world: World) -> tuple[list[Enterprise], Enterprise]:
    """Four above-scale firms in division 27 and one in 35, each with its own output for Jan–Mar 2023."""
    staff = world.user("economy_staff")
    in_27 = [
        world.enterprise,
        world.other_enterprise,
        make_enterprise(world.park, 41, "青海高原制药有限公司"),
        make_enterprise(world.park, 42, "西宁康源生物制品有限公司"),
    ]
    in_35 = make_enterprise(world.park, 43, "青海矿机装备有限公司", industry=ensure_mining_machinery())
    for n, enterprise in enumerate([*in_27, in_35]):
        services.scale_decision_record(
            user=staff,
            enterprise=enterprise,
            scale_set="above_scale_industry",
            direction="enter",
            effective_period=dt.date(2022, 1, 1),
            decided_on=dt.date(2022, 1, 10),
        )
        for m in (1, 2, 3):
            amount = 1_000_000 + 137_500 * n + 10_000 * m  # every firm and month its own figure
            services.return_record(
                user=staff,
                enterprise=enterprise,
                period=dt.date(2023, m, 1),
                data={"industrial_output": amount, "revenue": amount, "value_added": amount // 3},
                reasons={"industrial_output": "样例", "revenue": "样例", "value_added": "样例"},
            )
    return in_27, in_35


def year_to_march(enterprises: list[Enterprise]) -> Decimal:
    """规上工业产值 January–March 2023 of these firms, added up from their accepted returns."""
    total = MonthlyReturn.objects.filter(
        enterprise__in=enterprises, is_current=True, period__gte=dt.date(2023, 1, 1), period__lte=MARCH
    ).aggregate(total=Sum("industrial_output"))["total"]
    return Decimal(total or 0)


def division_figures(page: Any) -> dict[str, str]:
    """The breakdown table's 累计 column by division code."""
    rows = page.locator("[data-testid=breakdown-table] tbody tr")
    figures = {}
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td").all_inner_texts()
        if len(cells) >= 3:
            figures[cells[0].strip()] = cells[2].strip()
    return figures


#: The text an ECharts chart drew (axis labels, names, legend) as boxes on its canvas: zrender's display list
#: holds what is shown (a label hidden for overlapping is left out), each box in the chart's pixels.
CHART_TEXTS = """(el) => window.echarts.getInstanceByDom(el).getZr().storage.getDisplayList(true)
  .filter((d) => d.type === "tspan" && d.style && d.style.text)
  .map((d) => { const r = d.getBoundingRect().clone(); r.applyTransform(d.getComputedTransform());
    return {text: String(d.style.text), x: r.x, y: r.y, w: r.width, h: r.height}; })"""


def overlapping_texts(page: Any, selector: str) -> list[tuple[str, str]]:
    """Pairs of texts the chart drew over each other (a pixel spared for anti-aliasing)."""
    boxes = page.eval_on_selector(selector, CHART_TEXTS)
    assert boxes, f"no text drawn in {selector}"
    pairs = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart_x = a["x"] + a["w"] <= b["x"] + 1 or b["x"] + b["w"] <= a["x"] + 1
            apart_y = a["y"] + a["h"] <= b["y"] + 1 or b["y"] + b["h"] <= a["y"] + 1
            if not (apart_x or apart_y):
                pairs.append((a["text"], b["text"]))
    return pairs


def no_page_scroll(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


@pytest.mark.parametrize("width", [1440, 390])
def test_a_registry_import_that_moves_firms_to_another_division_moves_their_figures(
    page: Any, live_server: Any, world: World, width: int, monkeypatch: Any
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    in_27, in_35 = reported_firms(world)
    movers = in_27[1:]  # three of the four; the enterprise user's own firm stays in 27
    stays = in_27[:1]
    base = live_server.url
    dashboard = f"{base}/economy/?park={world.park.pk}&year=2023&month=3&level=division"
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, base, "economy_staff")

    page.goto(dashboard)
    page.wait_for_selector("[data-testid=chart-breakdown][data-rendered=true]")
    before = division_figures(page)
    assert before == {
        "27": money_text(year_to_march(in_27)),
        "35": money_text(year_to_march([in_35])),
    }, before
    page.screenshot(path=str(SHOTS / f"dashboard-before-{width}.png"), full_page=True)
    assert no_page_scroll(page), "the dashboard scrolls sideways"

    # The registry as the park keeps it: every firm, three of them now in 3511 (the others unchanged).
    rows = [["统一社会信用代码", "企业名称", "行业代码"]]
    rows += [[e.credit_code, e.name, "3511" if e in movers else e.industry_id] for e in [*in_27, in_35]]
    page.goto(f"{base}/enterprises/import/")
    page.select_option("[data-testid=import-upload] select[name=park]", str(world.park.pk))
    page.set_input_files(
        "[data-testid=import-upload] input[name=file]",
        {"name": "企业名录-2023.xlsx", "mimeType": "application/octet-stream", "buffer": hostile.xlsx(rows)},
    )
    with page.expect_navigation(wait_until="load"):
        page.click("[data-testid=import-upload-submit]")
    preview = page.locator("[data-testid=import-preview]")
    preview.wait_for()
    changed = page.locator("[data-testid=import-preview-rows] tbody").inner_text()
    for enterprise in movers:
        assert enterprise.name in changed
    for enterprise in [*stays, in_35]:
        assert enterprise.name not in changed
    page.screenshot(path=str(SHOTS / f"import-preview-{width}.png"), full_page=True)
    assert no_page_scroll(page), "the import preview scrolls sideways"
    # Every cell of the preview is read in place: its box ends inside the table's, whose box scrolls nothing
    # (at 390 px the five columns squeezed the change into a sliver one had to scroll to; now rows are cards).
    overflow = page.evaluate(
        """() => {
          const table = document.querySelector('[data-testid=import-preview-rows]');
          const box = table.parentElement;
          const right = box.getBoundingClientRect().right + 0.5;
          const cut = [...table.querySelectorAll('td')].filter(td => td.getBoundingClientRect().right > right);
          return {inner: box.scrollWidth - box.clientWidth, cut: cut.length};
        }"""
    )
    assert overflow == {"inner": 0, "cut": 0}, overflow

    # The worker has not taken the write yet: the page shows its progress and polls until it ends.
    held: list[dict[str, Any]] = []
    real = core_tasks.import_file
    monkeypatch.setattr(core_tasks, "import_file", SimpleNamespace(enqueue=lambda **kw: held.append(kw)))
    with page.expect_navigation(wait_until="load"):
        page.click("[data-testid=import-confirm]")
    page.wait_for_selector("[data-testid=task-run][data-state=queued]")
    assert "任务在后台进行" in page.locator("[data-testid=task-run]").inner_text()
    assert [Enterprise.objects.get(pk=e.pk).industry_id for e in movers] == ["2710"] * 3
    real.call(**held[0])
    done = page.locator("[data-testid=import-done]")
    done.wait_for()  # the poll swapped the outcome in
    assert "更新 3 条" in done.inner_text(), done.inner_text()
    page.screenshot(path=str(SHOTS / f"import-done-{width}.png"), full_page=True)
    assert no_page_scroll(page), "the import's outcome scrolls sideways"
    assert [Enterprise.objects.get(pk=e.pk).industry_id for e in movers] == ["3511"] * 3

    page.goto(dashboard)
    page.wait_for_selector("[data-testid=chart-breakdown][data-rendered=true]")
    after = division_figures(page)
    moved = year_to_march(movers)
    assert moved > 0
    assert after == {
        "27": money_text(year_to_march(in_27) - moved),
        "35": money_text(year_to_march([in_35]) + moved),
    }, (before, after)
    assert after["27"] == money_text(year_to_march(stays))
    # the breakdown chart's value axis read "300600900" run together at 390 px
    assert overlapping_texts(page, "[data-testid=chart-breakdown]") == []
    page.goto(dashboard.replace("month=3", "month=12"))
    page.wait_for_selector("[data-testid=chart-trend-month][data-rendered=true]")
    # twelve months' bars named "Jan–FebMarAprMay…" run together at 390 px
    assert overlapping_texts(page, "[data-testid=chart-trend-month]") == []
    page.goto(dashboard)
    page.wait_for_selector("[data-testid=chart-breakdown][data-rendered=true]")
    page.screenshot(path=str(SHOTS / f"dashboard-after-{width}.png"), full_page=True)
    assert no_page_scroll(page), "the dashboard scrolls sideways"

    # The figure opens the firms behind it: division 35 is now its own firm and the three that moved.
    with page.expect_navigation(wait_until="load"):
        page.locator("[data-testid=breakdown-table] tbody tr", has_text="专用设备制造业").locator("a").click()
    listed = page.locator("[data-testid=drill-table] tbody").inner_text()
    for enterprise in [*movers, in_35]:
        assert enterprise.name in listed, enterprise.name
    assert stays[0].name not in listed
    assert f"4 家企业,合计 {after['35']}" in page.content()
    page.screenshot(path=str(SHOTS / f"drill-35-{width}.png"), full_page=True)
    assert no_page_scroll(page), "the drill-down scrolls sideways"
    assert page.console_errors == []
