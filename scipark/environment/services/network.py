"""Import of the pipe network from GeoJSON, a zipped Shapefile or CSV: all features checked first, then written,
or nothing.

The check is a pass over plain data (:class:`Checked`: each feature's fields and coordinates); lengths, the
simplified copy, the datum conversion and the model instances are made only once the whole file is known good,
so a bad file is refused after the check alone (SECURITY.md row 11: ≤ 5 s for 50,000 features, ADR 0015).

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
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from scipark.core import access
from scipark.core.terms import joined

from .. import geometry
from ..models import NetworkPoint, PipeSegment
from ..models.network import Network, box_fields

MAX_FEATURES = 50_000
MAX_VERTICES = 5_000
#: At most this many located errors are listed; the check stops there.
MAX_ERRORS = 20
#: How often (features) the check and the build report their progress.
PROGRESS_EVERY = 500
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


@functools.cache
def _field_of_name() -> dict[str, tuple[str, int]]:
    """Each name a file may give (lower case) → its field and its rank among that field's names."""
    return {
        name: (field_name, rank)
        for field_name, names in FIELD_NAMES.items()
        for rank, name in enumerate(names)
    }


def canonical_properties(props: dict[str, Any]) -> dict[str, Any]:
    """A feature's properties under the field names of :data:`FIELD_NAMES` (the first name present wins)."""
    names = _field_of_name()
    found: dict[str, Any] = {}
    ranks: dict[str, int] = {}
    for key, value in props.items():
        known = names.get(str(key).strip().lower())
        if known is not None and known[1] <= ranks.get(known[0], len(FIELD_NAMES[known[0]])):
            found[known[0]] = value
            ranks[known[0]] = known[1]
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
        {
            "file": _("文件声明的坐标系「%(name)s」无法识别:只接受 WGS-84(EPSG:4326)或 GCJ-02。")
            % {"name": name or crs}
        }
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
        raise ValidationError(
            {
                "file": _("%(label)s:日期「%(value)s」格式无效(应为 YYYY-MM-DD)。")
                % {"label": label, "value": value}
            }
        ) from None


def _choice(
    value: Any, choices: type[models.TextChoices], label: str, what: str, default: str | None = None
) -> str:
    """A choice given by its code (``sewage``) or its Chinese name (污水)."""
    text = str(value or "").strip() or (default or "")
    if text.lower() in _codes(choices):
        return text.lower()
    by_name = _chinese_names(choices)
    if text in by_name:
        return by_name[text]
    raise ValidationError(
        {
            "file": _("%(label)s:%(what)s「%(value)s」无效,可选:%(choices)s。")
            % {"label": label, "what": what, "value": text, "choices": joined(choices.values)}
        }
    )


@functools.cache
def _codes(choices: type[models.TextChoices]) -> frozenset[str]:
    """The choices' codes (``TextChoices.values`` makes a new list on every call: too slow per feature)."""
    return frozenset(choices.values)


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
        raise ValidationError(
            {"file": _("%(label)s:管径「%(value)s」须为正整数(毫米)。") % {"label": label, "value": value}}
        )
    return int(text)


def segment_fields(props: dict[str, Any], label: str) -> dict[str, Any]:
    """A pipe segment's fields from a feature's properties (:data:`FIELD_NAMES`), checked: plain values only."""
    code = str(props.get("code") or "").strip()
    if not code:
        raise ValidationError({"file": _("%(label)s:缺少管段编号 code。") % {"label": label}})
    diameter = _diameter(props.get("diameter_mm"), label)
    work = _choice(props.get("work"), PipeSegment.Work, label, _("建设类型"), PipeSegment.Work.EXISTING)
    completed_on = _date(props.get("completed_on"), label)
    if work != PipeSegment.Work.EXISTING and completed_on is None:
        raise ValidationError(
            {"file": _("%(label)s:新建或改造的管段须填写建成日期 completed_on。") % {"label": label}}
        )
    return {
        "network": _choice(props.get("network"), Network, label, _("管网类型")),
        "code": code[:40],
        "diameter_mm": diameter,
        "material": str(props.get("material") or "")[:30],
        "is_main": str(props.get("is_main", "")).strip().lower()
        in {"1", "1.0", "true", "yes", "y", "t", "是"},
        "work": work,
        "completed_on": completed_on,
    }


def point_fields(props: dict[str, Any], label: str) -> dict[str, Any]:
    """A network point's fields from a feature's properties (:data:`FIELD_NAMES`), checked: plain values only."""
    code = str(props.get("code") or "").strip()
    if not code:
        raise ValidationError({"file": _("%(label)s:缺少点位编号 code。") % {"label": label}})
    network = str(props.get("network") or "").strip()
    if network:
        network = _choice(network, Network, label, _("管网类型"))
    return {
        "kind": _choice(props.get("kind"), NetworkPoint.Kind, label, _("点位类型")),
        "network": network,
        "code": code[:40],
        "name": str(props.get("name") or "")[:100],
        "found_on": _date(props.get("found_on"), label),
        "fixed_on": _date(props.get("fixed_on"), label),
        "notes": str(props.get("notes") or "")[:300],
    }


def make_segment(park: Any, fields: dict[str, Any], line: list[geometry.Coord]) -> PipeSegment:
    """The segment of checked ``fields`` along a WGS-84 line: its length, simplified copy and box computed."""
    return PipeSegment(
        park=park,
        **fields,
        geometry={"type": "LineString", "coordinates": [list(c) for c in line]},
        geometry_lite=[list(c) for c in geometry.simplify(line, LITE_TOLERANCE)],
        length_m=Decimal(str(round(geometry.line_length_m(line), 2))),
        **box_fields(line),
    )


def make_point(park: Any, fields: dict[str, Any], coord: geometry.Coord) -> NetworkPoint:
    """The point of checked ``fields`` at a WGS-84 coordinate."""
    return NetworkPoint(park=park, **fields, longitude=coord[0], latitude=coord[1])


def build_segment(park: Any, props: dict[str, Any], line: list[geometry.Coord], label: str) -> PipeSegment:
    """A pipe segment from a feature's properties (:data:`FIELD_NAMES`) along a WGS-84 line."""
    return make_segment(park, segment_fields(props, label), line)


def build_point(park: Any, props: dict[str, Any], coord: geometry.Coord, label: str) -> NetworkPoint:
    """A network point from a feature's properties (:data:`FIELD_NAMES`) at a WGS-84 coordinate."""
    return make_point(park, point_fields(props, label), coord)


Progress = Callable[[str, int, int], None]


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


@dataclass
class Checked:
    """A file's features checked as plain data (the fields and the coordinates as the file gives them), and the
    located errors; :meth:`build` makes the instances once the whole file is known good."""

    total: int
    progress: Progress = _no_progress
    lines: list[tuple[dict[str, Any], list[geometry.Coord]]] = field(default_factory=list)
    points: list[tuple[dict[str, Any], geometry.Coord]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def line(self, props: dict[str, Any], coords: Any, label: str) -> None:
        line = geometry.check_line(coords, label, max_vertices=MAX_VERTICES)
        self.lines.append((segment_fields(props, label), line))

    def point(self, props: dict[str, Any], position: Any, label: str) -> None:
        coord = geometry.check_position(position, label)
        self.points.append((point_fields(props, label), coord))

    def refused(self, exc: Exception) -> None:
        """Note a feature's error (a ``GeometryError`` or the builders' ``ValidationError``)."""
        self.errors.extend(exc.messages if isinstance(exc, ValidationError) else [str(exc)])

    def step(self, number: int) -> bool:
        """After feature ``number``: report progress; whether the check must stop (enough errors listed)."""
        if number % PROGRESS_EVERY == 0:
            self.progress("validate", number, self.total)
        return len(self.errors) >= MAX_ERRORS

    def build(self, park: Any, datum: str) -> tuple[list[PipeSegment], list[NetworkPoint]]:
        """The instances, in WGS-84 with their lengths; or every located error at once."""
        if self.errors:
            raise ValidationError({"file": self.errors})
        count = len(self.lines) + len(self.points)
        self.progress("build", 0, count)
        segments: list[PipeSegment] = []
        for number, (fields, line) in enumerate(self.lines, start=1):
            segments.append(make_segment(park, fields, _to_wgs84(line, datum)))
            if number % PROGRESS_EVERY == 0:
                self.progress("build", number, count)
        if datum == Datum.GCJ02:
            coords = [geometry.gcj02_to_wgs84(*coord) for _fields, coord in self.points]
        else:
            coords = [coord for _fields, coord in self.points]
        points = [
            make_point(park, fields, coord) for (fields, _raw), coord in zip(self.points, coords, strict=True)
        ]
        self.progress("build", count, count)
        return segments, points


def check_size(raw: bytes) -> None:
    """The configurable upload cap (``SCIPARK_UPLOAD_MAX_BYTES``), for every kind of network file."""
    cap = int(settings.SCIPARK_UPLOAD_MAX_BYTES)
    if len(raw) > cap:
        raise ValidationError(
            {
                "file": _("文件大小 %(size).1f MB,超过上限 %(cap).1f MB。")
                % {"size": len(raw) / 1048576, "cap": cap / 1048576}
            }
        )


def read_geojson(
    park: Any, raw: bytes, *, datum: str = Datum.WGS84, progress: Progress = _no_progress
) -> tuple[list[PipeSegment], list[NetworkPoint]]:
    """Every feature of a GeoJSON FeatureCollection checked; the first problems raised together."""
    check_size(raw)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError({"file": _("文件不是有效的 GeoJSON:%(error)s。") % {"error": exc}}) from None
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(data.get("features"), list)
    ):
        raise ValidationError({"file": _("文件须是 GeoJSON 的 FeatureCollection。")})
    features = data["features"]
    if len(features) > MAX_FEATURES:
        raise ValidationError(
            {
                "file": _("要素过多(%(count)s 个,一次最多 %(limit)s 个),请分批导入。")
                % {"count": len(features), "limit": MAX_FEATURES}
            }
        )
    datum = declared_datum(data.get("crs"), datum)
    checked = Checked(total=len(features), progress=progress)
    for index, feature in enumerate(features, start=1):
        raw_props = (feature or {}).get("properties") or {} if isinstance(feature, dict) else {}
        props = canonical_properties(raw_props) if isinstance(raw_props, dict) else {}
        if props.get("code"):
            label = _("第 %(number)s 个要素(编号 %(code)s)") % {"number": index, "code": props["code"]}
        else:
            label = _("第 %(number)s 个要素") % {"number": index}
        try:
            geom: dict[str, Any] = (feature.get("geometry") if isinstance(feature, dict) else None) or {}
            kind = geom.get("type")
            if kind == "LineString":
                checked.line(props, geom["coordinates"], label)
            elif kind == "Point":
                checked.point(props, geom.get("coordinates"), label)
            else:
                raise geometry.GeometryError(
                    _("%(label)s:几何类型「%(kind)s」不受支持(只接受 LineString 和 Point)。")
                    % {"label": label, "kind": kind}
                )
        except (geometry.GeometryError, ValidationError) as exc:
            checked.refused(exc)
        if checked.step(index):
            break
    return checked.build(park, datum)


def read_points_csv(
    park: Any, raw: bytes, *, datum: str = Datum.WGS84, progress: Progress = _no_progress
) -> list[NetworkPoint]:
    """Points from a CSV with columns kind, code, longitude, latitude (and name, network, dates, notes)."""
    check_size(raw)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError({"file": _("CSV 文件须为 UTF-8 编码。")}) from None
    reader = csv.DictReader(io.StringIO(text))
    try:
        missing = {"kind", "code", "longitude", "latitude"} - set(reader.fieldnames or ())
        if missing:
            raise ValidationError(
                {"file": _("CSV 缺少列:%(columns)s。") % {"columns": joined(sorted(missing))}}
            )
        rows = list(reader)
    except csv.Error as exc:  # a field past the csv module's limit (128 KB)
        raise ValidationError(
            {
                "file": _("CSV 文件第 %(line)s 行无法读取:%(error)s。")
                % {"line": reader.line_num + 1, "error": exc}
            }
        ) from None
    if len(rows) > MAX_FEATURES:
        raise ValidationError(
            {
                "file": _("点位过多(%(count)s 行,一次最多 %(limit)s 行),请分批导入。")
                % {"count": len(rows), "limit": MAX_FEATURES}
            }
        )
    checked = Checked(total=len(rows), progress=progress)
    for line_no, row in enumerate(rows, start=2):
        label = _("第 %(line)s 行") % {"line": line_no}
        try:
            try:
                position = [float(row["longitude"]), float(row["latitude"])]
            except (TypeError, ValueError):
                raise geometry.GeometryError(_("%(label)s:经纬度须为数字。") % {"label": label}) from None
            checked.point(row, position, label)
        except (geometry.GeometryError, ValidationError) as exc:
            checked.refused(exc)
        if checked.step(line_no - 1):
            break
    return checked.build(park, datum)[1]


def network_import(
    *,
    user: Any,
    park: Any,
    name: str,
    raw: bytes,
    datum: str = Datum.WGS84,
    progress: Progress = _no_progress,
    before_commit: Callable[[ImportResult], None] | None = None,
) -> ImportResult:
    """Import a GeoJSON or zipped Shapefile (segments and points) or CSV (points) into ``park``: all or nothing.

    A code already present in the park is refused (an import adds; changing a segment is a rebuild).
    ``progress(stage, done, total)`` hears the check, the build and the write; ``before_commit`` is called with
    the result inside the write's transaction (the background task records its outcome there, so the rows and
    the run's "done" commit together: a worker killed in between leaves neither)."""
    # The Shapefile reader builds with this module's builders, so it is imported here, not at the top.
    from .network_shapefile import SHAPEFILE_PARTS, read_shapefile_zip, shapefile_parts_message

    if datum not in (Datum.WGS84, Datum.GCJ02):
        raise ValidationError({"datum": _("坐标系只能是 WGS-84 或 GCJ-02。")})
    lower = (name or "").lower()
    if lower.endswith((".geojson", ".json")):
        segments, points = read_geojson(park, raw, datum=datum, progress=progress)
    elif lower.endswith(".zip"):
        segments, points = read_shapefile_zip(park, raw, datum=datum, progress=progress)
    elif lower.endswith(".csv"):
        segments, points = [], read_points_csv(park, raw, datum=datum, progress=progress)
    elif lower.endswith(SHAPEFILE_PARTS):
        raise ValidationError({"file": shapefile_parts_message(name)})
    else:
        raise ValidationError(
            {
                "file": _(
                    "文件「%(name)s」的类型不受支持:只接受 .geojson、.json、.csv 或 Shapefile 的 .zip 压缩包。"
                )
                % {"name": name}
            }
        )
    result = ImportResult(
        segments=len(segments), points=len(points), length_m=sum((s.length_m for s in segments), Decimal(0))
    )
    progress("write", 0, result.segments + result.points)
    with transaction.atomic():
        access.ensure_can_add(user, access.Domain.ENVIRONMENT, park_id=park.pk)
        _refuse_duplicates(park, segments, points)
        PipeSegment.objects.bulk_create(segments, batch_size=2000)
        NetworkPoint.objects.bulk_create(points, batch_size=2000)
        if before_commit is not None:
            before_commit(result)
    return result


def _refuse_duplicates(park: Any, segments: list[PipeSegment], points: list[NetworkPoint]) -> None:
    segment_keys = Counter((s.network, s.code) for s in segments)
    point_keys = Counter((p.kind, p.code) for p in points)
    errors = [
        _("管段编号「%(code)s」在文件中重复。") % {"code": c} for (_n, c), k in segment_keys.items() if k > 1
    ]
    errors += [
        _("点位编号「%(code)s」在文件中重复。") % {"code": c} for (_k, c), k in point_keys.items() if k > 1
    ]
    stored = set(
        PipeSegment.objects.filter(park=park, code__in={c for _n, c in segment_keys}).values_list(
            "network", "code"
        )
    )
    errors += [_("管段编号「%(code)s」已存在。") % {"code": c} for n, c in segment_keys if (n, c) in stored]
    stored_points = set(
        NetworkPoint.objects.filter(park=park, code__in={c for _k, c in point_keys}).values_list(
            "kind", "code"
        )
    )
    errors += [
        _("点位编号「%(code)s」已存在。") % {"code": c} for k, c in point_keys if (k, c) in stored_points
    ]
    if errors:
        raise ValidationError({"file": errors[:20]})
