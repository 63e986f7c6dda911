"""The map's segment layer for a viewport: the two index range queries find every segment whose box meets the
viewport (a long main crossing it from far away included), and geometry is simplified by zoom."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from scipark.core.testing import World
from scipark.environment import selectors
from scipark.environment.models import PipeSegment
from scipark.environment.models.network import WIDE_DEG, box_fields

#: The viewport: 0.01° × 0.01° south-west of the park.
BOX = (101.600, 36.600, 101.610, 36.610)


def segment(
    world: World, code: str, coords: list[list[float]], lite: list[list[float]] | None = None
) -> PipeSegment:
    return PipeSegment.objects.create(
        park=world.park,
        network="sewage",
        code=code,
        geometry={"type": "LineString", "coordinates": coords},
        geometry_lite=lite or coords,
        length_m=Decimal(1),
        **box_fields(coords),
    )


def codes(features: list[dict[str, Any]]) -> set[str]:
    return {f["properties"]["code"] for f in features}


def test_box_fields_mark_a_wide_box() -> None:
    assert box_fields([[101.0, 36.0], [101.0 + WIDE_DEG, 36.001]])["wide"] is False
    assert box_fields([[101.0, 36.0], [101.0 + WIDE_DEG * 1.01, 36.0]])["wide"] is True
    assert box_fields([[101.0, 36.0], [101.0, 36.0 + WIDE_DEG * 1.5]])["wide"] is True
    assert box_fields([[101.2, 36.3], [101.1, 36.4], [101.15, 36.2]]) == {
        "min_lng": 101.1, "min_lat": 36.2, "max_lng": 101.2, "max_lat": 36.4, "wide": True,
    }  # fmt: skip


def test_the_viewport_finds_every_segment_that_meets_it(world: World) -> None:
    segment(world, "inside", [[101.603, 36.603], [101.604, 36.604]])
    segment(world, "enters-from-west", [[101.595, 36.605], [101.601, 36.605]])  # narrow, starts west
    segment(world, "main-across", [[101.40, 36.605], [101.80, 36.606]])  # wide: starts 0.2° west
    segment(world, "main-tall", [[101.605, 36.30], [101.606, 36.90]])  # wide north–south
    segment(world, "west", [[101.585, 36.605], [101.599, 36.605]])  # ends before the box
    segment(world, "north", [[101.603, 36.611], [101.604, 36.615]])
    segment(world, "main-elsewhere", [[101.40, 36.700], [101.80, 36.701]])  # wide, misses the box
    found = selectors.segment_features(PipeSegment.objects.filter(park=world.park), BOX, 16)
    assert codes(found) == {"inside", "enters-from-west", "main-across", "main-tall"}
    # The two range queries together give what one unbounded filter gives.
    west, south, east, north = BOX
    everything = PipeSegment.objects.filter(
        park=world.park, min_lng__lte=east, max_lng__gte=west, min_lat__lte=north, max_lat__gte=south
    )
    assert codes(found) == set(everything.values_list("code", flat=True))


def test_the_limit_holds_across_both_queries(world: World) -> None:
    for n in range(3):
        segment(world, f"n{n}", [[101.603, 36.603 + n / 10_000], [101.604, 36.604]])
        segment(world, f"w{n}", [[101.40, 36.605 + n / 10_000], [101.80, 36.606]])
    assert len(selectors.segment_features(PipeSegment.objects.filter(park=world.park), BOX, 16, limit=4)) == 4


@pytest.mark.parametrize(
    ("zoom", "points"),
    [
        (17, 4),  # the surveyed line
        (16, 4),
        (15, 3),  # the simplified copy
        (14, 3),
        (13, 2),  # a few pixels across at this zoom: its two ends
        (10, 2),
    ],
)
def test_geometry_is_simplified_by_zoom(world: World, zoom: int, points: int) -> None:
    # 0.0005° × 0.0004°: under 4 pixels of zoom 13 (0.00069°), over 4 pixels of zoom 14.
    full = [[101.6030, 36.6030], [101.6031, 36.6031], [101.6033, 36.6032], [101.6035, 36.6034]]
    segment(world, "short", full, lite=[full[0], full[2], full[3]])
    (feature,) = selectors.segment_features(PipeSegment.objects.filter(park=world.park), BOX, zoom)
    coords = feature["geometry"]["coordinates"]
    assert len(coords) == points
    assert coords[0] == full[0] and coords[-1] == full[-1]


def test_a_long_line_keeps_its_shape_at_a_small_zoom(world: World) -> None:
    bent = [[101.40, 36.605], [101.60, 36.65], [101.80, 36.606]]
    segment(world, "main-bent", bent)
    (feature,) = selectors.segment_features(PipeSegment.objects.filter(park=world.park), BOX, 10)
    assert feature["geometry"]["coordinates"] == bent


@pytest.mark.parametrize("zoom", [10, 15, 17])
def test_the_layer_endpoint_writes_the_same_document_as_the_features(
    world: World, client_for: Any, zoom: int
) -> None:
    full = [[101.6030, 36.6030], [101.6031, 36.6031], [101.6033, 36.6032], [101.6035, 36.6034]]
    segment(world, "short", full, lite=[full[0], full[2], full[3]])
    segment(world, "main-across", [[101.40, 36.605], [101.60, 36.65], [101.80, 36.606]])
    segment(world, '代码"引号', [[101.603, 36.603], [101.604, 36.604]])
    response = client_for("environment_staff").get(
        reverse("environment:map_layer", args=["sewage"]), {"bbox": ",".join(map(str, BOX)), "zoom": zoom}
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    sent = json.loads(response.content)
    expected = selectors.segment_features(PipeSegment.objects.filter(park=world.park), BOX, zoom)
    assert sent["truncated"] is False
    assert sorted(sent["features"], key=lambda f: f["id"]) == sorted(expected, key=lambda f: f["id"])
    assert codes(sent["features"]) == {"short", "main-across", '代码"引号'}
