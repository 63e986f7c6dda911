"""Import of the pipe network from GeoJSON, a zipped Shapefile or CSV: all features checked first, then written,
or nothing.

Coordinates are stored as WGS-84. A file says its system in GeoJSON's ``crs`` member (EPSG:4326, CRS84) or a
Shapefile's ``.prj``, or the importer is told ``GCJ-02``; any other system is refused, never guessed (a
projected file would land somewhere in the ocean). Each feature's length and bounding box are computed here,
and a simplified copy of the line is kept for the map's small zoom levels. GeoJSON properties and Shapefile
attributes go through the same field names (:data:`FIELD_NAMES`) and the same builders.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import translation

from scipark.core import access

from .. import geometry
from ..models import NetworkPoint, PipeSegment
from ..models.network import Network, box_fields

MAX_FEATURES = 50_000
MAX_VERTICES = 5_000
MAX_BYTES = 50 * 1024 * 1024
#: Tolerance of the simplified copy (degrees, ≈ 5 m at the park's latitude).
LITE_TOLERANCE = 0.00005

WGS84_NAMES = frozenset(
    {"epsg:4326", "urn:ogc:def:crs:epsg::4326", "urn:ogc:def:crs:ogc:1.3:crs84", "crs84", "wgs84", "wgs-84"}
)
GCJ02_NAMES = frozenset({"gcj-02", "gcj02"})


class Datum:
    WGS84 = "wgs84"
    GCJ02 = "gcj02"


#: Field name → the names a file may give it, in order of preference (compared without case). A dBASE field
#: name holds at most 10 bytes (5 Chinese characters in GBK, 3 in UTF-8), so each field has a short name too.
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "code": ("code", "编号", "管段编号", "点位编号", "管线编号"),
    "network": ("network", "管网", "管网类型", "管线类别"),
    "diameter_mm": ("diameter_mm", "diameter", "diam_mm", "dn", "管径", "管径mm"),
    "material": ("material", "材质", "管材"),
    "is_main": ("is_main", "ismain", "主管网", "是否主管"),
    "work": ("work", "建设类型"),
    "completed_on": ("completed_on", "completed", "built_on", "建成日期", "竣工日期"),
    "kind": ("kind", "点位类型", "类型"),
    "name": ("name", "名称"),
    "found_on": ("found_on", "发现日期"),
    "fixed_on": ("fixed_on", "整改日期"),
    "notes": ("notes", "note", "remark", "说明", "备注"),
}
_DATE_SEPARATORS = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")


def canonical_properties(props: dict[str, Any]) -> dict[str, Any]:
    """A feature's properties under the field names of :data:`FIELD_NAMES` (the first name present wins)."""
    lowered = {str(key).strip().lower(): value for key, value in props.items()}
    found: dict[str, Any] = {}
    for field_name, names in FIELD_NAMES.items():
        for name in names:
            if name in lowered:
                found[field_name] = lowered[name]
                break
    return found


@dataclass
class ImportResult:
    segments: int = 0
    points: int = 0
    length_m: Decimal = Decimal(0)
    errors: list[str] = field(default_factory=list)


def declared_datum(crs: Any, told: str) -> str:
    """The datum the file declares (``crs`` member), or the one the importer was told; unknown → error."""
    if crs is None:
        return told
    name = str(((crs or {}).get("properties") or {}).get("name", "")).strip().lower()
    if name in WGS84_NAMES:
        return Datum.WGS84
    if name in GCJ02_NAMES:
        return Datum.GCJ02
    raise ValidationError(
        {"file": f"文件声明的坐标系「{name or crs}」无法识别:只接受 WGS-84(EPSG:4326)或 GCJ-02。"}
    )


def _to_wgs84(coords: list[geometry.Coord], datum: str) -> list[geometry.Coord]:
    if datum == Datum.GCJ02:
        return [geometry.gcj02_to_wgs84(lng, lat) for lng, lat in coords]
    return coords


def _date(value: Any, label: str) -> dt.date | None:
    """ISO dates, and the 2023/9/28, 2023.09.28 and 20230928 that survey tables write; a dBASE date as is."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value if not isinstance(value, dt.datetime) else value.date()
    text = str(value).strip()
    match = _DATE_SEPARATORS.match(text[:10])
    try:
        if match:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        if len(text) == 8 and text.isdigit():
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ValidationError({"file": f"{label}:日期「{value}」格式无效(应为 YYYY-MM-DD)。"}) from None


def _choice(
    value: Any, choices: type[models.TextChoices], label: str, what: str, default: str | None = None
) -> str:
    """A choice given by its code (``sewage``) or its Chinese name (污水)."""
    text = str(value or "").strip() or (default or "")
    if text.lower() in choices.values:
        return text.lower()
    by_name = _chinese_names(choices)
    if text in by_name:
        return by_name[text]
    raise ValidationError({"file": f"{label}:{what}「{text}」无效,可选:{'、'.join(choices.values)}。"})


@functools.cache
def _chinese_names(choices: type[models.TextChoices]) -> dict[str, str]:
    with translation.override("zh-hans"):
        return {str(name): code for code, name in choices.choices}


def _diameter(value: Any, label: str) -> int | None:
    """Whole millimetres; a dBASE number may arrive as ``300.0``."""
    if value in (None, ""):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if not text.isdigit() or int(text) <= 0:
        raise ValidationError({"file": f"{label}:管径「{value}」须为正整数(毫米)。"})
    return int(text)


def build_segment(park: Any, props: dict[str, Any], line: list[geometry.Coord], label: str) -> PipeSegment:
    """A pipe segment from a feature's properties (:data:`FIELD_NAMES`) along a WGS-84 line."""
    code = str(props.get("code") or "").strip()
    if not code:
        raise ValidationError({"file": f"{label}:缺少管段编号 code。"})
    diameter = _diameter(props.get("diameter_mm"), label)
    work = _choice(props.get("work"), PipeSegment.Work, label, "建设类型", PipeSegment.Work.EXISTING)
    completed_on = _date(props.get("completed_on"), label)
    if work != PipeSegment.Work.EXISTING and completed_on is None:
        raise ValidationError({"file": f"{label}:新建或改造的管段须填写建成日期 completed_on。"})
    return PipeSegment(
        park=park,
        network=_choice(props.get("network"), Network, label, "管网类型"),
        code=code[:40],
        diameter_mm=diameter,
        material=str(props.get("material") or "")[:30],
        is_main=str(props.get("is_main", "")).strip().lower() in {"1", "1.0", "true", "yes", "y", "t", "是"},
        work=work,
        completed_on=completed_on,
        geometry={"type": "LineString", "coordinates": [list(c) for c in line]},
        geometry_lite=[list(c) for c in geometry.simplify(line, LITE_TOLERANCE)],
        length_m=Decimal(str(round(geometry.line_length_m(line), 2))),
        **box_fields(line),
    )


def build_point(park: Any, props: dict[str, Any], coord: geometry.Coord, label: str) -> NetworkPoint:
    """A network point from a feature's properties (:data:`FIELD_NAMES`) at a WGS-84 coordinate."""
    code = str(props.get("code") or "").strip()
    if not code:
        raise ValidationError({"file": f"{label}:缺少点位编号 code。"})
    network = str(props.get("network") or "").strip()
    if network:
        network = _choice(network, Network, label, "管网类型")
    return NetworkPoint(
        park=park,
        kind=_choice(props.get("kind"), NetworkPoint.Kind, label, "点位类型"),
        network=network,
        code=code[:40],
        name=str(props.get("name") or "")[:100],
        longitude=coord[0],
        latitude=coord[1],
        found_on=_date(props.get("found_on"), label),
        fixed_on=_date(props.get("fixed_on"), label),
        notes=str(props.get("notes") or "")[:300],
    )


def read_geojson(
    park: Any, raw: bytes, *, datum: str = Datum.WGS84
) -> tuple[list[PipeSegment], list[NetworkPoint]]:
    """Every feature of a GeoJSON FeatureCollection checked; the first problems raised together."""
    if len(raw) > MAX_BYTES:
        raise ValidationError(
            {"file": f"文件过大({len(raw) // 1024 // 1024} MB,上限 {MAX_BYTES // 1024 // 1024} MB)。"}
        )
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError({"file": f"文件不是有效的 GeoJSON:{exc}。"}) from None
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(data.get("features"), list)
    ):
        raise ValidationError({"file": "文件须是 GeoJSON 的 FeatureCollection。"})
    features = data["features"]
    if len(features) > MAX_FEATURES:
        raise ValidationError(
            {"file": f"要素过多({len(features)} 个,一次最多 {MAX_FEATURES} 个),请分批导入。"}
        )
    datum = declared_datum(data.get("crs"), datum)
    segments: list[PipeSegment] = []
    points: list[NetworkPoint] = []
    errors: list[str] = []
    for index, feature in enumerate(features, start=1):
        raw_props = (feature or {}).get("properties") or {} if isinstance(feature, dict) else {}
        props = canonical_properties(raw_props) if isinstance(raw_props, dict) else {}
        label = f"第 {index} 个要素" + (f"(编号 {props['code']})" if props.get("code") else "")
        try:
            geom: dict[str, Any] = (feature.get("geometry") if isinstance(feature, dict) else None) or {}
            kind = geom.get("type")
            if kind == "LineString":
                line = geometry.check_line(geom["coordinates"], label, max_vertices=MAX_VERTICES)
                segments.append(build_segment(park, props, _to_wgs84(line, datum), label))
            elif kind == "Point":
                coord = geometry.check_position(geom.get("coordinates"), label)
                points.append(build_point(park, props, _to_wgs84([coord], datum)[0], label))
            else:
                raise geometry.GeometryError(
                    f"{label}:几何类型「{kind}」不受支持(只接受 LineString 和 Point)。"
                )
        except geometry.GeometryError as exc:
            errors.append(str(exc))
        except ValidationError as exc:
            errors.extend(exc.messages)
        if len(errors) >= 20:
            break
    if errors:
        raise ValidationError({"file": errors})
    return segments, points


def read_points_csv(park: Any, raw: bytes, *, datum: str = Datum.WGS84) -> list[NetworkPoint]:
    """Points from a CSV with columns kind, code, longitude, latitude (and name, network, dates, notes)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError({"file": "CSV 文件须为 UTF-8 编码。"}) from None
    reader = csv.DictReader(io.StringIO(text))
    missing = {"kind", "code", "longitude", "latitude"} - set(reader.fieldnames or ())
    if missing:
        raise ValidationError({"file": f"CSV 缺少列:{'、'.join(sorted(missing))}。"})
    points: list[NetworkPoint] = []
    errors: list[str] = []
    for line_no, row in enumerate(reader, start=2):
        label = f"第 {line_no} 行"
        try:
            try:
                position = [float(row["longitude"]), float(row["latitude"])]
            except (TypeError, ValueError):
                raise geometry.GeometryError(f"{label}:经纬度须为数字。") from None
            coord = geometry.check_position(position, label)
            points.append(build_point(park, row, _to_wgs84([coord], datum)[0], label))
        except geometry.GeometryError as exc:
            errors.append(str(exc))
        except ValidationError as exc:
            errors.extend(exc.messages)
        if len(errors) >= 20 or line_no > MAX_FEATURES + 1:
            break
    if errors:
        raise ValidationError({"file": errors})
    return points


def network_import(*, user: Any, park: Any, name: str, raw: bytes, datum: str = Datum.WGS84) -> ImportResult:
    """Import a GeoJSON or zipped Shapefile (segments and points) or CSV (points) into ``park``: all or nothing.

    A code already present in the park is refused (an import adds; changing a segment is a rebuild)."""
    # The Shapefile reader builds with this module's builders, so it is imported here, not at the top.
    from .network_shapefile import SHAPEFILE_PARTS, read_shapefile_zip, shapefile_parts_message

    if datum not in (Datum.WGS84, Datum.GCJ02):
        raise ValidationError({"datum": "坐标系只能是 WGS-84 或 GCJ-02。"})
    lower = (name or "").lower()
    if lower.endswith((".geojson", ".json")):
        segments, points = read_geojson(park, raw, datum=datum)
    elif lower.endswith(".zip"):
        segments, points = read_shapefile_zip(park, raw, datum=datum)
    elif lower.endswith(".csv"):
        segments, points = [], read_points_csv(park, raw, datum=datum)
    elif lower.endswith(SHAPEFILE_PARTS):
        raise ValidationError({"file": shapefile_parts_message(name)})
    else:
        raise ValidationError(
            {
                "file": f"文件「{name}」的类型不受支持:只接受 .geojson、.json、.csv 或 Shapefile 的 .zip 压缩包。"
            }
        )
    with transaction.atomic():
        access.ensure_can_add(user, access.Domain.ENVIRONMENT, park_id=park.pk)
        _refuse_duplicates(park, segments, points)
        PipeSegment.objects.bulk_create(segments, batch_size=2000)
        NetworkPoint.objects.bulk_create(points, batch_size=2000)
    return ImportResult(
        segments=len(segments), points=len(points), length_m=sum((s.length_m for s in segments), Decimal(0))
    )


def _refuse_duplicates(park: Any, segments: list[PipeSegment], points: list[NetworkPoint]) -> None:
    segment_keys = Counter((s.network, s.code) for s in segments)
    point_keys = Counter((p.kind, p.code) for p in points)
    errors = [f"管段编号「{c}」在文件中重复。" for (_n, c), k in segment_keys.items() if k > 1]
    errors += [f"点位编号「{c}」在文件中重复。" for (_k, c), k in point_keys.items() if k > 1]
    stored = set(
        PipeSegment.objects.filter(park=park, code__in={c for _n, c in segment_keys}).values_list(
            "network", "code"
        )
    )
    errors += [f"管段编号「{c}」已存在。" for n, c in segment_keys if (n, c) in stored]
    stored_points = set(
        NetworkPoint.objects.filter(park=park, code__in={c for _k, c in point_keys}).values_list(
            "kind", "code"
        )
    )
    errors += [f"点位编号「{c}」已存在。" for k, c in point_keys if (k, c) in stored_points]
    if errors:
        raise ValidationError({"file": errors[:20]})
