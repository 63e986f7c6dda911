"""Import of the pipe network from GeoJSON or CSV: all features checked first, then written, or nothing.

Coordinates are stored as WGS-84. A file says its system in GeoJSON's ``crs`` member (EPSG:4326, CRS84) or
the importer is told ``GCJ-02``; any other system is refused, never guessed (a projected file would land
somewhere in the ocean). Each feature's length and bounding box are computed here, and a simplified copy
of the line is kept for the map's small zoom levels.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

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
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise ValidationError({"file": f"{label}:日期「{value}」格式无效(应为 YYYY-MM-DD)。"}) from None


def _choice(value: Any, choices: Iterable[str], label: str, what: str, default: str | None = None) -> str:
    text = str(value or "").strip() or (default or "")
    if text not in set(choices):
        raise ValidationError({"file": f"{label}:{what}「{text}」无效,可选:{'、'.join(choices)}。"})
    return text


def _segment(park: Any, props: dict[str, Any], line: list[geometry.Coord], label: str) -> PipeSegment:
    code = str(props.get("code") or "").strip()
    if not code:
        raise ValidationError({"file": f"{label}:缺少管段编号 code。"})
    diameter = props.get("diameter_mm")
    if diameter not in (None, "") and (not str(diameter).isdigit() or int(diameter) <= 0):
        raise ValidationError({"file": f"{label}:管径「{diameter}」须为正整数(毫米)。"})
    work = _choice(props.get("work"), PipeSegment.Work.values, label, "建设类型", PipeSegment.Work.EXISTING)
    completed_on = _date(props.get("completed_on"), label)
    if work != PipeSegment.Work.EXISTING and completed_on is None:
        raise ValidationError({"file": f"{label}:新建或改造的管段须填写建成日期 completed_on。"})
    return PipeSegment(
        park=park,
        network=_choice(props.get("network"), Network.values, label, "管网类型"),
        code=code[:40],
        diameter_mm=int(diameter) if diameter not in (None, "") else None,
        material=str(props.get("material") or "")[:30],
        is_main=str(props.get("is_main", "")).lower() in {"1", "true", "yes", "是"},
        work=work,
        completed_on=completed_on,
        geometry={"type": "LineString", "coordinates": [list(c) for c in line]},
        geometry_lite=[list(c) for c in geometry.simplify(line, LITE_TOLERANCE)],
        length_m=Decimal(str(round(geometry.line_length_m(line), 2))),
        **box_fields(line),
    )


def _point(park: Any, props: dict[str, Any], coord: geometry.Coord, label: str) -> NetworkPoint:
    code = str(props.get("code") or "").strip()
    if not code:
        raise ValidationError({"file": f"{label}:缺少点位编号 code。"})
    network = str(props.get("network") or "").strip()
    if network and network not in Network.values:
        raise ValidationError({"file": f"{label}:管网类型「{network}」无效。"})
    return NetworkPoint(
        park=park,
        kind=_choice(props.get("kind"), NetworkPoint.Kind.values, label, "点位类型"),
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
        props = (feature or {}).get("properties") or {} if isinstance(feature, dict) else {}
        label = f"第 {index} 个要素" + (f"(编号 {props['code']})" if props.get("code") else "")
        try:
            geom: dict[str, Any] = (feature.get("geometry") if isinstance(feature, dict) else None) or {}
            kind = geom.get("type")
            if kind == "LineString":
                line = geometry.check_line(geom["coordinates"], label, max_vertices=MAX_VERTICES)
                segments.append(_segment(park, props, _to_wgs84(line, datum), label))
            elif kind == "Point":
                coord = geometry.check_position(geom.get("coordinates"), label)
                points.append(_point(park, props, _to_wgs84([coord], datum)[0], label))
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
            points.append(_point(park, row, _to_wgs84([coord], datum)[0], label))
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
    """Import a GeoJSON (segments and points) or CSV (points) file into ``park``: all or nothing.

    A code already present in the park is refused (an import adds; changing a segment is a rebuild)."""
    if datum not in (Datum.WGS84, Datum.GCJ02):
        raise ValidationError({"datum": "坐标系只能是 WGS-84 或 GCJ-02。"})
    lower = (name or "").lower()
    if lower.endswith((".geojson", ".json")):
        segments, points = read_geojson(park, raw, datum=datum)
    elif lower.endswith(".csv"):
        segments, points = [], read_points_csv(park, raw, datum=datum)
    else:
        raise ValidationError({"file": f"文件「{name}」的类型不受支持:只接受 .geojson、.json 或 .csv。"})
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
