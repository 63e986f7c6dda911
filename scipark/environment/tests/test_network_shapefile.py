"""Zipped Shapefile import of the pipe network: lines and points mapped, GBK attributes, the .prj's coordinate
system, missing parts, hostile zips, bad records named; all or nothing. Every file is written here by pyshp."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import pytest
import shapefile
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from scipark.core.testing import World
from scipark.environment import geometry
from scipark.environment.models import NetworkPoint, PipeSegment
from scipark.environment.services import network, network_import
from scipark.environment.services.network import Datum
from scipark.environment.services.network_shapefile import attribute_encoding, prj_datum

WGS84_PRJ = (
    'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],'
    'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'
)
CGCS2000_GEOG = (
    'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",'
    'SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'
)
CGCS2000_GK = (
    f'PROJCS["CGCS2000_3_Degree_GK_CM_102E",{CGCS2000_GEOG},PROJECTION["Gauss_Kruger"],'
    'PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",102.0],'
    'PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]'
)
UTM_47N = (
    f'PROJCS["WGS_1984_UTM_Zone_47N",{WGS84_PRJ},PROJECTION["Transverse_Mercator"],'
    'PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",99.0],'
    'PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]'
)
BEIJING54 = (
    'GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]],'
    'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'
)

SEGMENT_FIELDS = [("CODE", "C", 20), ("NETWORK", "C", 14), ("DIAMETER", "N", 10, 1), ("MATERIAL", "C", 30),
                  ("WORK", "C", 10), ("COMPLETED", "D"), ("ISMAIN", "L")]  # fmt: skip
A, B, C = (101.74, 36.67), (101.75, 36.67), (101.75, 36.68)


def write_layer(shape_type: int, features: Sequence[tuple[Any, Sequence[Any]]], fields: Sequence[tuple[Any, ...]],
                encoding: str = "utf-8") -> dict[str, bytes]:  # fmt: skip
    """The .shp, .shx and .dbf of a layer; a feature's geometry is its parts (lines) or its point, or None."""
    shp, shx, dbf = io.BytesIO(), io.BytesIO(), io.BytesIO()
    writer = shapefile.Writer(shp=shp, shx=shx, dbf=dbf, shapeType=shape_type, encoding=encoding)
    for field in fields:
        writer.field(*field)
    for geom, values in features:
        if geom is None:
            writer.null()
        elif shape_type == shapefile.POLYLINE:
            writer.line(geom)
        elif shape_type == shapefile.POLYLINEZ:
            writer.linez(geom)
        elif shape_type == shapefile.POINT:
            writer.point(*geom)
        elif shape_type == shapefile.POINTM:
            writer.pointm(*geom)
        elif shape_type == shapefile.POLYGON:
            writer.poly(geom)
        elif shape_type == shapefile.MULTIPATCH:
            writer.multipatch(geom, partTypes=[shapefile.TRIANGLE_STRIP] * len(geom))
        writer.record(*values)
    writer.close()
    return {".shp": shp.getvalue(), ".shx": shx.getvalue(), ".dbf": dbf.getvalue()}


def zipped(parts: dict[str, bytes], *, prj: str | None = WGS84_PRJ, cpg: str | None = None,
           stem: str = "survey/pipes", drop: Sequence[str] = ()) -> bytes:  # fmt: skip
    files = dict(parts)
    if prj is not None:
        files[".prj"] = prj.encode()
    if cpg is not None:
        files[".cpg"] = cpg.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for ext, data in files.items():
            if ext not in drop:
                archive.writestr(stem + ext, data)
    return out.getvalue()


def lines(*features: tuple[Any, Sequence[Any]], shape_type: int = shapefile.POLYLINE) -> dict[str, bytes]:
    return write_layer(shape_type, features, SEGMENT_FIELDS)


def pipe(code: str, coords: Sequence[tuple[float, ...]] = (A, B), **values: Any) -> tuple[Any, list[Any]]:
    row = {"NETWORK": "sewage", "DIAMETER": None, "MATERIAL": "", "WORK": "existing", "COMPLETED": None,
           "ISMAIN": None, **values}  # fmt: skip
    return [list(coords)], [code, *row.values()]


def run(world: World, raw: bytes, name: str = "pipes.zip", datum: str = Datum.WGS84) -> Any:
    return network_import(
        user=world.user("environment_staff"), park=world.park, name=name, raw=raw, datum=datum
    )


def test_a_line_layer_becomes_segments_with_z_dropped_and_attributes_mapped(world: World) -> None:
    z_line = [(*A, 2.5), (*B, 2.1), (*C, 1.8)]
    raw = zipped(lines(pipe("WS-01", z_line, DIAMETER=300.0, MATERIAL="HDPE", WORK="rebuilt",
                            COMPLETED="20230928", ISMAIN=True),
                       pipe("YS-01", NETWORK="rain"), shape_type=shapefile.POLYLINEZ))  # fmt: skip
    result = run(world, raw)
    assert (result.segments, result.points) == (2, 0)
    segment = PipeSegment.objects.get(park=world.park, code="WS-01")
    assert segment.geometry == {"type": "LineString", "coordinates": [list(A), list(B), list(C)]}
    assert (segment.network, segment.diameter_mm, segment.material) == ("sewage", 300, "HDPE")
    assert (segment.work, str(segment.completed_on), segment.is_main) == ("rebuilt", "2023-09-28", True)
    # 0.01° of longitude along 36.67° N plus 0.01° of latitude, on the ellipsoid
    expected = geometry.vincenty_m(A, B) + geometry.vincenty_m(B, C)
    assert segment.length_m == Decimal(str(round(expected, 2)))
    assert PipeSegment.objects.get(park=world.park, code="YS-01").network == "rain"


def test_a_point_layer_with_chinese_field_names_becomes_points(world: World) -> None:
    fields = [("编号", "C", 20), ("类型", "C", 10), ("名称", "C", 40), ("管网", "C", 10)]
    parts = write_layer(shapefile.POINTM, [((101.745, 36.671, 7.0), ["J-1", "检查井", "一号井", "污水"]),
                                           ((101.746, 36.672, 7.0), ["PK-1", "outfall", "东排口", ""])],
                        fields)  # fmt: skip
    assert run(world, zipped(parts, cpg="UTF-8")).points == 2
    manhole = NetworkPoint.objects.get(park=world.park, code="J-1")
    assert (manhole.kind, manhole.name, manhole.network) == ("manhole", "一号井", "sewage")
    assert (manhole.longitude, manhole.latitude) == (101.745, 36.671)
    assert NetworkPoint.objects.get(park=world.park, code="PK-1").kind == "outfall"


def test_gbk_attributes_without_a_cpg_are_read_as_gb18030(world: World) -> None:
    fields = [("管段编号", "C", 20), ("管网类型", "C", 10), ("管径", "N", 6, 0), ("材质", "C", 20),
              ("建设类型", "C", 6), ("建成日期", "C", 10)]  # fmt: skip
    parts = write_layer(shapefile.POLYLINE, [([[A, B]], ["污水-甲1", "污水", 400, "球墨铸铁", "新建", "2023/9/28"])],
                        fields, encoding="gbk")  # fmt: skip
    assert "管段编号".encode("gbk") in parts[".dbf"]  # really GBK on disk, and no .cpg in the zip
    run(world, zipped(parts))
    segment = PipeSegment.objects.get(park=world.park, code="污水-甲1")
    assert (segment.network, segment.diameter_mm, segment.material) == ("sewage", 400, "球墨铸铁")
    assert (segment.work, str(segment.completed_on)) == ("new", "2023-09-28")


def test_a_cpg_naming_the_chinese_code_page_is_followed(world: World) -> None:
    parts = write_layer(shapefile.POINT, [((101.745, 36.671), ["J-9", "manhole", "九号井"])],
                        [("CODE", "C", 10), ("KIND", "C", 14), ("NAME", "C", 20)], encoding="gbk")  # fmt: skip
    run(world, zipped(parts, cpg="936"))
    assert NetworkPoint.objects.get(park=world.park, code="J-9").name == "九号井"


@pytest.mark.parametrize(
    ("cpg", "codec"),
    [("UTF-8", "utf-8"), ("utf8", "utf-8"), ("65001", "utf-8"), ("GBK", "gb18030"), ("936", "gb18030"),
     ("ANSI 936", "gb18030"), ("CP936", "gb18030"), ("GB18030", "gb18030"), ("", None), ("no such", None)],
)  # fmt: skip
def test_the_cpg_names_a_codec(cpg: str, codec: str | None) -> None:
    assert attribute_encoding(cpg) == codec


@pytest.mark.parametrize(
    ("prj", "told", "datum"),
    [(WGS84_PRJ, Datum.WGS84, Datum.WGS84), (CGCS2000_GEOG, Datum.WGS84, Datum.WGS84),
     (WGS84_PRJ, Datum.GCJ02, Datum.GCJ02), ("EPSG:4490", Datum.WGS84, Datum.WGS84),
     ('GEOGCRS["China Geodetic Coordinate System 2000",DATUM["China 2000",ELLIPSOID["CGCS2000",6378137,'
      '298.257222101]],CS[ellipsoidal,2],ANGLEUNIT["degree",0.0174532925199433]]', Datum.WGS84, Datum.WGS84)],
)  # fmt: skip
def test_geographic_wgs84_and_cgcs2000_are_read_and_gcj02_is_the_form_s_choice(
    prj: str, told: str, datum: str
) -> None:
    assert prj_datum(prj, told) == datum


@pytest.mark.parametrize(
    ("prj", "words"),
    [(CGCS2000_GK, r"投影坐标「CGCS2000_3_Degree_GK_CM_102E」.*地理坐标\(经纬度"),
     (UTM_47N, r"投影坐标「WGS_1984_UTM_Zone_47N」"),
     ("EPSG:4547", r"投影坐标「EPSG:4547」"),
     (BEIJING54, r"北京54/西安80.*CGCS2000"),
     ("not a prj", r"无法识别"),
     (None, r"缺少 \.prj.*GCJ-02")],
)  # fmt: skip
def test_projected_older_unknown_or_missing_systems_are_refused_with_what_to_do(
    world: World, prj: str | None, words: str
) -> None:
    with pytest.raises(ValidationError, match=words):
        run(world, zipped(lines(pipe("P1")), prj=prj))
    assert not PipeSegment.objects.filter(park=world.park).exists()


def test_gcj02_chosen_on_the_form_is_converted(world: World) -> None:
    gcj = [geometry.wgs84_to_gcj02(*A), geometry.wgs84_to_gcj02(*B)]
    run(world, zipped(lines(pipe("G1", gcj))), datum=Datum.GCJ02)
    stored = PipeSegment.objects.get(park=world.park, code="G1").geometry["coordinates"]
    assert geometry.vincenty_m(tuple(stored[0]), A) < 0.01


@pytest.mark.parametrize(
    ("drop", "words"),
    [((".shx",), r"缺少 \.shx"), ((".dbf",), r"缺少 \.dbf"), ((".shx", ".dbf"), r"\.shx、\.dbf"),
     ((".shp",), r"没有 \.shp")],
)  # fmt: skip
def test_a_layer_missing_a_part_is_refused(world: World, drop: tuple[str, ...], words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        run(world, zipped(lines(pipe("P1")), drop=drop))


def test_two_layers_in_one_zip_are_refused(world: World) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for stem in ("rain", "sewage"):
            for ext, data in lines(pipe("P1")).items():
                archive.writestr(stem + ext, data)
    with pytest.raises(ValidationError, match=r"2 个图层.*一次只能导入一个"):
        run(world, out.getvalue())


@pytest.mark.parametrize(
    ("shape_type", "geom", "words"),
    [(shapefile.POLYGON, [[A, B, C, A]], "POLYGON"),
     (shapefile.MULTIPATCH, [[(*A, 0.0), (*B, 0.0), (*C, 1.0)]], "MULTIPATCH")],
)  # fmt: skip
def test_polygons_and_multipatches_are_refused(world: World, shape_type: int, geom: Any, words: str) -> None:
    parts = write_layer(shape_type, [(geom, ["P1"])], [("CODE", "C", 10)])
    with pytest.raises(ValidationError, match=rf"几何类型是 {words}.*只接受线"):
        run(world, zipped(parts))


@pytest.mark.parametrize(
    ("feature", "words"),
    [(pipe("X1", [(101.74, 36.67), (101.76, 36.69), (101.76, 36.67), (101.74, 36.69)]),
      r"第 2 条记录\(FID 1,编号 X1\):线要素自相交"),
     (pipe("X2", [(2.35, 48.85), (2.36, 48.86)]), r"第 2 条记录\(FID 1,编号 X2\):坐标.*不在中国境内"),
     (pipe("X3", NETWORK="gas"), r"编号 X3.*管网类型「gas」无效"),
     (pipe("X4", WORK="new"), r"编号 X4.*completed_on"),
     (pipe("X5", DIAMETER=-5.0), r"编号 X5.*管径"),
     ((None, ["X6", "sewage", None, "", "existing", None, None]), r"编号 X6.*没有几何"),
     (([[A, B], [C, (101.76, 36.68)]], ["X7", "sewage", None, "", "existing", None, None]), r"编号 X7.*2 段不相连")],
)  # fmt: skip
def test_a_bad_record_is_named_and_nothing_is_written(world: World, feature: Any, words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        run(world, zipped(lines(pipe("OK1"), feature)))
    assert not PipeSegment.objects.filter(park=world.park).exists()


def test_every_bad_record_is_listed_and_a_duplicate_code_refuses_the_file(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        run(world, zipped(lines(pipe("B1", NETWORK="gas"), pipe("OK"), pipe("B3", WORK="new"))))
    assert [m.split(":")[0] for m in caught.value.messages] == [
        "第 1 条记录(FID 0,编号 B1)",
        "第 3 条记录(FID 2,编号 B3)",
    ]
    with pytest.raises(ValidationError, match="管段编号「D1」在文件中重复"):
        run(world, zipped(lines(pipe("D1"), pipe("D1"))))
    assert not PipeSegment.objects.filter(park=world.park).exists()


def test_broken_hostile_or_oversized_zips_are_refused(world: World) -> None:
    with pytest.raises(ValidationError, match="不是有效的 zip"):
        run(world, b"PK\x03\x04 this is not really a zip")
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("pipes.shp", b"\0" * (20 * 1024 * 1024))
        archive.writestr("pipes.shx", b"")
        archive.writestr("pipes.dbf", b"")
    assert len(bomb.getvalue()) < 100_000
    with pytest.raises(ValidationError, match="疑似压缩炸弹"):
        run(world, bomb.getvalue())
    for evil in ("../pipes", "/tmp/pipes", "C:/pipes"):
        with pytest.raises(ValidationError, match="出于安全原因"):
            run(world, zipped(lines(pipe("P1")), stem=evil))
    with override_settings(SCIPARK_UPLOAD_MAX_BYTES=1000), pytest.raises(ValidationError, match="超过上限"):
        run(world, zipped(lines(*(pipe(f"P{i}") for i in range(40)))))


def test_a_corrupt_shp_is_refused_without_a_traceback(world: World) -> None:
    parts = lines(pipe("P1"))
    parts[".shp"] = parts[".shp"][:120]
    with pytest.raises(ValidationError, match=r"无法读取图层「survey/pipes\.shp」"):
        run(world, zipped(parts))


def test_a_part_uploaded_alone_is_asked_for_as_a_zip(world: World) -> None:
    with pytest.raises(ValidationError, match=r"「pipes.shp」是 Shapefile 的一个部分.*\.zip"):
        run(world, lines(pipe("P1"))[".shp"], name="pipes.shp")


def test_the_import_page_takes_a_zipped_shapefile_and_its_run_shows_a_refusal_then_the_counts(
    client_for: Any, world: World
) -> None:
    client = client_for("environment_staff")
    url = reverse("environment:network_import")
    page = client.get(url).content.decode()
    assert "Shapefile" in page and ".zip" in page
    refused = client.post(url, {"park": world.park.pk, "datum": "wgs84",
                                "file": SimpleUploadedFile("gk.zip", zipped(lines(pipe("P1")), prj=CGCS2000_GK))},
                          follow=True)  # fmt: skip
    text = refused.content.decode()
    assert 'data-state="failed"' in text and "投影坐标" in text and 'name="file"' in text  # the form again
    done = client.post(url, {"park": world.park.pk, "datum": "wgs84",
                             "file": SimpleUploadedFile("pipes.zip", zipped(lines(pipe("P1"))))}, follow=True)  # fmt: skip
    assert "已导入管段 1 条" in done.content.decode()
    assert PipeSegment.objects.filter(park=world.park, code="P1").exists()


def test_a_bad_last_record_is_refused_before_any_instance_or_length_is_made(
    world: World, monkeypatch: Any
) -> None:
    """The Shapefile reader shares the GeoJSON reader's check over plain data (``network.Checked``)."""

    def never(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("built before the whole layer was checked")

    for name in ("make_segment", "make_point", "_to_wgs84"):
        monkeypatch.setattr(network, name, never)
    layer = lines(*(pipe(f"P{i}", ((101.74, 36.67 + i / 1e4), (101.75, 36.67 + i / 1e4))) for i in range(300)),
                  pipe("LAST", NETWORK="gas"))  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        run(world, zipped(layer))
    assert refused.value.messages == [
        "第 301 条记录(FID 300,编号 LAST):管网类型「gas」无效,可选:rain、sewage、water_supply。"
    ]
