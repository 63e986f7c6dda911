"""GeoJSON and CSV import of the pipe network: valid, invalid, huge, other coordinate systems; all or nothing."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from scipark.core.access import AccessDenied
from scipark.core.testing import World
from scipark.environment import geometry
from scipark.environment.models import NetworkPoint, PipeSegment
from scipark.environment.services import network, network_import
from scipark.environment.services.network import MAX_FEATURES
from scipark.environment.tests.network_files import network_geojson


def line(code: str, coords: list[list[float]], **props: Any) -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": {"code": code, "network": "sewage", **props},
        "geometry": {"type": "LineString", "coordinates": coords},
    }


def collection(*features: dict[str, Any], crs: str | None = None) -> bytes:
    data: dict[str, Any] = {"type": "FeatureCollection", "features": list(features)}
    if crs:
        data["crs"] = {"type": "name", "properties": {"name": crs}}
    return json.dumps(data).encode()


GOOD = [[101.74, 36.67], [101.75, 36.67]]


def run(world: World, raw: bytes, name: str = "net.geojson", datum: str = "wgs84") -> Any:
    return network_import(
        user=world.user("environment_staff"), park=world.park, name=name, raw=raw, datum=datum
    )


def test_a_valid_file_is_imported_with_geodesic_lengths(world: World) -> None:
    point = {"type": "Feature", "properties": {"code": "HJ-1", "kind": "misconnection"},
             "geometry": {"type": "Point", "coordinates": [101.745, 36.671]}}  # fmt: skip
    result = run(world, collection(line("W1", GOOD, work="rebuilt", completed_on="2023-09-28"), point))
    assert (result.segments, result.points) == (1, 1)
    segment = PipeSegment.objects.get(park=world.park, code="W1")
    assert segment.length_m == Decimal(str(round(geometry.vincenty_m((101.74, 36.67), (101.75, 36.67)), 2)))
    assert (segment.min_lng, segment.max_lng) == (101.74, 101.75)


@pytest.mark.parametrize(
    ("feature", "words"),
    [
        (line("X1", [[101.74, 36.67], [101.76, 36.69], [101.76, 36.67], [101.74, 36.69]]), "X1.*自相交"),
        (line("X2", [[2.35, 48.85], [2.36, 48.86]]), "X2.*不在中国境内"),
        (line("X3", [[101.74, 36.67]]), "X3.*至少"),
        (line("X4", GOOD, network="gas"), "X4.*管网类型"),
        (line("X5", GOOD, work="new"), "X5.*completed_on"),
    ],
)
def test_bad_features_are_refused_by_name_and_nothing_is_written(
    world: World, feature: Any, words: str
) -> None:
    with pytest.raises(ValidationError, match=words):
        run(world, collection(line("OK1", GOOD), feature))
    assert not PipeSegment.objects.filter(park=world.park).exists()


def test_an_unknown_crs_is_refused(world: World) -> None:
    with pytest.raises(ValidationError, match=r"EPSG:3857|坐标系"):
        run(world, collection(line("A", GOOD), crs="EPSG:3857"))


def test_gcj02_is_converted_to_wgs84(world: World) -> None:
    gcj = [list(geometry.wgs84_to_gcj02(*c)) for c in ((101.74, 36.67), (101.75, 36.67))]
    run(world, collection(line("G1", gcj), crs="GCJ-02"))
    stored = PipeSegment.objects.get(park=world.park, code="G1").geometry["coordinates"]
    assert geometry.vincenty_m(tuple(stored[0]), (101.74, 36.67)) < 0.01


def test_a_huge_file_is_refused_before_anything_is_read(world: World) -> None:
    features = [{"type": "Feature"}] * (MAX_FEATURES + 1)
    with pytest.raises(ValidationError, match="要素过多"):
        run(world, collection(*features))


def test_duplicates_in_the_file_or_the_park_are_refused(world: World) -> None:
    with pytest.raises(ValidationError, match="重复"):
        run(world, collection(line("D1", GOOD), line("D1", GOOD)))
    run(world, collection(line("D1", GOOD)))
    with pytest.raises(ValidationError, match="已存在"):
        run(world, collection(line("D1", GOOD)))


def test_csv_points(world: World) -> None:
    raw = "kind,code,longitude,latitude,name\noutfall,PK-1,101.745,36.671,排放口1\n".encode()
    assert run(world, raw, name="points.csv").points == 1
    assert NetworkPoint.objects.get(park=world.park, code="PK-1").name == "排放口1"
    with pytest.raises(ValidationError, match=r"第 2 行.*数字"):
        run(world, b"kind,code,longitude,latitude\noutfall,PK-2,x,y\n", name="p.csv")
    with pytest.raises(ValidationError, match="类型不受支持"):
        run(world, b"", name="net.kml")
    with pytest.raises(ValidationError, match=r"Shapefile 的一个部分.*\.zip"):
        run(world, b"", name="net.shp")


def test_properties_may_use_chinese_and_short_field_names_and_chinese_choices(world: World) -> None:
    feature = {
        "type": "Feature",
        "properties": {
            "编号": "C1",
            "管网类型": "污水",
            "DIAMETER": 300,
            "建设类型": "改造",
            "建成日期": "2023/9/28",
        },
        "geometry": {"type": "LineString", "coordinates": GOOD},
    }
    run(world, collection(feature))
    segment = PipeSegment.objects.get(park=world.park, code="C1")
    assert (segment.network, segment.diameter_mm, segment.work) == ("sewage", 300, "rebuilt")
    assert str(segment.completed_on) == "2023-09-28"


def test_only_the_department_imports(world: World) -> None:
    with pytest.raises(AccessDenied):
        network_import(
            user=world.user("economy_staff"),
            park=world.park,
            name="n.geojson",
            raw=collection(line("Z", GOOD)),
        )


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("net.geojson", collection(*(line(f"C{i}", GOOD) for i in range(40)))),
        (
            "points.csv",
            b"kind,code,longitude,latitude\n"
            + b"".join(f"outfall,PK-{i},101.745,36.671\n".encode() for i in range(100)),
        ),
    ],
)
def test_geojson_and_csv_are_capped_by_the_configurable_upload_cap(
    world: World, name: str, raw: bytes
) -> None:
    assert len(raw) > 2000
    with override_settings(SCIPARK_UPLOAD_MAX_BYTES=2000), pytest.raises(ValidationError) as refused:
        run(world, raw, name=name)
    assert refused.value.messages == [f"文件大小 {len(raw) / 1048576:.1f} MB,超过上限 0.0 MB。"]
    with override_settings(SCIPARK_UPLOAD_MAX_BYTES=len(raw)):
        result = run(world, raw, name=name)  # at the cap: read and imported
    assert result.segments + result.points in (40, 100)


def test_the_cap_message_names_the_size_and_the_cap_in_megabytes(world: World) -> None:
    raw = collection(*(line(f"M{i}", GOOD) for i in range(20_000)))
    with override_settings(SCIPARK_UPLOAD_MAX_BYTES=1024 * 1024), pytest.raises(ValidationError) as refused:
        run(world, raw)
    assert refused.value.messages == [f"文件大小 {len(raw) / 1048576:.1f} MB,超过上限 1.0 MB。"]
    assert not PipeSegment.objects.filter(park=world.park).exists()


def test_a_csv_over_the_feature_limit_is_refused_not_cut(world: World, monkeypatch: Any) -> None:
    monkeypatch.setattr(network, "MAX_FEATURES", 3)
    raw = b"kind,code,longitude,latitude\n" + b"".join(
        f"outfall,PK-{i},101.745,36.67{i}\n".encode() for i in range(4)
    )
    with pytest.raises(ValidationError, match=r"点位过多\(4 行,一次最多 3 行\)"):
        run(world, raw, name="points.csv")
    assert not NetworkPoint.objects.filter(park=world.park).exists()


def test_a_bad_last_feature_is_refused_by_number_and_code_before_any_instance_or_length_is_made(
    world: World, monkeypatch: Any
) -> None:
    """The check is a pass over plain data: a bad file never reaches the lengths, the simplified copies,
    the datum conversion or the model instances (where 50,000 features spent their 30 s)."""

    def never(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("built before the whole file was checked")

    for name in ("make_segment", "make_point", "_to_wgs84"):
        monkeypatch.setattr(network, name, never)
    monkeypatch.setattr(geometry, "line_length_m", never)
    raw = network_geojson(2_000, bad_last=True)
    with pytest.raises(ValidationError) as refused:
        run(world, raw)
    assert refused.value.messages == [
        "第 2000 个要素(编号 JC-001999):管网类型「燃气」无效,可选:rain、sewage、water_supply。"
    ]


def test_every_located_error_up_to_twenty_is_listed_in_file_order(world: World) -> None:
    features = [line(f"E{i}", GOOD, network="gas" if i % 2 else "sewage") for i in range(60)]
    with pytest.raises(ValidationError) as refused:
        run(world, collection(*features))
    messages = refused.value.messages
    assert len(messages) == 20
    assert messages[0].startswith("第 2 个要素(编号 E1):管网类型「gas」无效")
    assert messages[-1].startswith("第 40 个要素(编号 E39):")


def test_a_generated_network_file_is_imported_whole_with_its_progress(world: World) -> None:
    seen: list[tuple[str, int, int]] = []
    raw = network_geojson(1_200, vertices=5)
    result = network_import(
        user=world.user("environment_staff"),
        park=world.park,
        name="survey.geojson",
        raw=raw,
        progress=lambda stage, done, total: seen.append((stage, done, total)),
    )
    assert (result.segments, result.points) == (960, 240)
    assert PipeSegment.objects.filter(park=world.park).count() == 960
    total = sum(s.length_m for s in PipeSegment.objects.filter(park=world.park))
    assert total == result.length_m > 0
    assert ("validate", 1000, 1200) in seen and ("build", 1200, 1200) in seen and ("write", 0, 1200) in seen


def test_a_csv_the_csv_module_cannot_read_is_refused_by_line(world: World) -> None:
    raw = b"kind,code,longitude,latitude\noutfall,PK-1,101.745,36.671\noutfall," + b"x" * 200_000 + b",1,2\n"
    with pytest.raises(ValidationError, match=r"CSV 文件第 3 行无法读取"):
        run(world, raw, name="points.csv")
    assert not NetworkPoint.objects.filter(park=world.park).exists()
