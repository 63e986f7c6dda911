"""The KPI panel in one statement beside its stamps (issue 15 item 5): ``kpi_panel`` gives what ``kpi_value`` and
``kpi_breakdown`` give, with the suppression of an aggregate-only viewer, and reads the database once."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

from scipark.core.testing import World, ensure_industry, make_enterprise
from scipark.economy.selectors import Reach, kpi_breakdown, kpi_panel, kpi_value
from scipark.economy.selectors.panel_read import forget_kept_reads

from .conftest import month


def _world(world: World, record: Any) -> None:
    third = make_enterprise(world.park, 11, "青海第三家制药有限公司")
    power = make_enterprise(
        world.park, 12, "青海电力设备有限公司", industry=ensure_industry("3511", "发电设备")
    )
    for enterprise, amount in ((world.enterprise, 100), (world.other_enterprise, 90), (third, 110)):
        record(enterprise, 2022, 3, industrial_output=amount - 10)
        record(enterprise, 2023, 3, industrial_output=amount)
    record(power, 2023, 3, industrial_output=80)


def test_the_panel_is_the_value_and_the_breakdown_from_one_statement(
    world: World, record: Any, django_assert_num_queries: Any
) -> None:
    _world(world, record)
    park = world.park.pk
    for reach in (Reach((park,), frozenset({park})), Reach((park,), frozenset())):
        args: dict[str, Any] = {
            "reach": reach,
            "period": month(2023, 3),
            "scale_set": "all",
            "measure": "industrial_output",
        }
        forget_kept_reads()  # counted from nothing kept (``test_panel_stamps``: a kept read costs the stamps)
        with django_assert_num_queries(2):  # the parks' stamps, then the one statement
            value, rows = kpi_panel(**args, level="division")
        assert value == kpi_value(**args)
        assert rows == kpi_breakdown(**args, level="division")
        # January to March: 100 + 90 + 110 + 80; the same enterprises a year before: 90 + 80 + 100.
        assert value.cumulative == D(380)
        assert value.cumulative_growth.comparable == D(380) / D(270) - 1
        by_code = {r.code: r for r in rows}
        assert by_code["27"].value.cumulative == D(300)
        assert by_code["27"].name == "医药制造业"
        if reach.individual:
            assert by_code["35"].value.cumulative == D(80)
        else:
            # One enterprise in division 35: hidden from a viewer without individual data; the three
            # in 27 (none over 85 %) and the park's total are not.
            assert by_code["35"].value.suppressed and by_code["35"].value.cumulative is None
            assert not by_code["27"].value.suppressed and not value.suppressed


def test_an_empty_reach_reads_nothing(db: None, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(0):
        value, rows = kpi_panel(
            reach=Reach((), frozenset()), period=month(2023, 3), scale_set="all", measure="revenue"
        )
    assert rows == [] and value.cumulative is None and not value.suppressed


def test_the_headings_follow_the_active_language(world: World, record: Any) -> None:
    """The headings are kept per language (``panel._labels``): a panel read in Chinese, then in English,
    then in Chinese again is headed in each one's language."""
    from django.utils import translation

    _world(world, record)
    park = world.park.pk
    args: dict[str, Any] = {
        "reach": Reach((park,), frozenset({park})),
        "period": month(2023, 3),
        "scale_set": "all",
        "measure": "industrial_output",
    }
    with translation.override("zh-hans"):
        chinese, _ = kpi_panel(**args)
    with translation.override("en"):
        english, _ = kpi_panel(**args)
    with translation.override("zh-hans"):
        again, _ = kpi_panel(**args)
    assert chinese.cumulative_label == again.cumulative_label == "2023年1–3月"
    assert english.cumulative_label != chinese.cumulative_label and "2023" in english.cumulative_label
    assert chinese.measure_label == again.measure_label != english.measure_label
