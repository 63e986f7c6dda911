"""A surveyor's zipped ESRI Shapefile (one layer: .shp, .shx, .dbf, .prj, often .cpg) read as network features.

The zip is checked before anything is unpacked (upload cap, member count and names, declared sizes and the
compression ratio; each member is then read once, bounded, with its CRC checked) and nothing is written to
disk. The ``.prj`` must say geographic WGS-84 or CGCS2000 coordinates: a projected layer (Gauss–Krüger, UTM)
or one without a ``.prj`` is refused with what to do, never guessed (ADR 0015 §5). Attribute text is decoded
as the ``.cpg`` says, else as UTF-8, else as GB18030 (what Chinese desktop GIS writes without a ``.cpg``).
Records become segments and points through the GeoJSON path's field names and builders, so a record is
refused for the same reasons as a GeoJSON feature, named by its number.
"""

from __future__ import annotations

import codecs
import io
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any

import shapefile
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from scipark.core.imports.readers import MAX_COMPRESSION_RATIO, MAX_ZIP_MEMBERS, RATIO_CHECK_FLOOR
from scipark.core.terms import joined

from .. import geometry
from ..models import NetworkPoint, PipeSegment
from .network import (
    MAX_FEATURES,
    Checked,
    Datum,
    Progress,
    _no_progress,
    canonical_properties,
    check_size,
)

#: Names of a Shapefile's parts uploaded on their own (the layer needs them together, in a zip).
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")
LINE_TYPES = frozenset({shapefile.POLYLINE, shapefile.POLYLINEZ, shapefile.POLYLINEM})
POINT_TYPES = frozenset({shapefile.POINT, shapefile.POINTZ, shapefile.POINTM})
#: The layer's parts unpacked (.shp, .shx, .dbf…) may not exceed this, whatever the upload cap.
MAX_LAYER_BYTES = 50 * 1024 * 1024
_CHUNK = 1024 * 1024

#: Datum names (letters and digits only, lower case) of the geographic systems stored as they are.
#: CGCS2000 and WGS-84 agree to centimetres at the epoch and to well under a metre since (ADR 0015 §5).
_WGS84_DATUMS = ("wgs1984", "wgs84", "china2000", "cgcs2000", "chinageodeticcoordinatesystem2000")
_OLD_DATUMS = ("beijing1954", "beijing54", "xian1980", "xian80", "newbeijing")
_GCJ02_DATUMS = ("gcj02", "gcj2002")
_GEOGRAPHIC_EPSG = {"4326": Datum.WGS84, "4490": Datum.WGS84}
_PROJECTED = re.compile(r"\b(?:PROJCS|PROJCRS|PROJECTEDCRS)\s*\[", re.IGNORECASE)
_GEOGRAPHIC = re.compile(r"\b(?:GEOGCS|GEOGCRS|GEODCRS|GEOGRAPHICCRS|GEODETICCRS)\s*\[", re.IGNORECASE)
_DATUM = re.compile(r"\b(?:DATUM|TRF|GEODETICDATUM)\s*\[\s*\"([^\"]*)\"", re.IGNORECASE)
_FIRST_NAME = re.compile(r"\[\s*\"([^\"]*)\"")
_EPSG_ONLY = re.compile(r"^\s*EPSG\s*:\s*(\d+)\s*$", re.IGNORECASE)
#: What a .cpg may say for the Chinese code page (the .cpg of ArcGIS says a Windows code page number).
_CPG_ALIASES = {"936": "gb18030", "ansi936": "gb18030", "cp936": "gb18030", "gbk": "gb18030",
                "gb2312": "gb18030", "65001": "utf-8", "utf8": "utf-8"}  # fmt: skip


@dataclass(frozen=True)
class Layer:
    """The parts of one Shapefile layer as bytes, and the name of its ``.shp`` in the zip."""

    name: str
    shp: bytes
    shx: bytes
    dbf: bytes
    prj: str | None
    cpg: str | None


def refuse(message: str) -> ValidationError:
    return ValidationError({"file": message})


def shapefile_parts_message(name: str) -> str:
    return _(
        "「%(name)s」是 Shapefile 的一个部分,单独无法导入:请把同名的 .shp、.shx、.dbf、.prj(及 .cpg)"
        "一起压缩成一个 .zip 上传。"
    ) % {"name": name}


# --- the zip -----------------------------------------------------------------------------------------


def unpack_layer(raw: bytes) -> Layer:
    """The one layer of a zipped Shapefile, its parts read into memory with every limit checked first."""
    check_size(raw)
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise refuse(_("文件不是有效的 zip 压缩包(可能已损坏):请重新压缩 Shapefile 后上传。")) from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            raise refuse(_("压缩包内有 %(count)d 个文件,不是一个 Shapefile 图层。") % {"count": len(members)})
        for member in members:
            if not _safe_member_name(member.filename):
                raise refuse(
                    _("压缩包内的文件名「%(name)s」含有绝对路径或「..」,出于安全原因拒绝导入。")
                    % {"name": member.filename}
                )
        files = {m.filename: m for m in members if not m.is_dir() and not _is_clutter(m.filename)}
        shps = sorted(n for n in files if n.lower().endswith(".shp"))
        if not shps:
            raise refuse(
                _("压缩包中没有 .shp 文件:请把 Shapefile 的 .shp、.shx、.dbf、.prj 一起压缩后上传。")
            )
        if len(shps) > 1:
            raise refuse(
                _("压缩包中有 %(count)d 个图层(%(names)s),一次只能导入一个:请每个图层单独压缩上传。")
                % {"count": len(shps), "names": joined(shps[:5])}
            )
        stem = shps[0][:-4]
        name = _display_name(files[shps[0]])
        parts = {ext: _sibling(files, stem, ext) for ext in SHAPEFILE_PARTS}
        missing = [ext for ext in (".shx", ".dbf") if parts[ext] is None]
        if missing:
            raise refuse(
                _("图层「%(name)s」缺少 %(parts)s 文件:Shapefile 须有同名的 .shp、.shx、.dbf(及 .prj)。")
                % {"name": name, "parts": joined(missing)}
            )
        wanted = [m for m in parts.values() if m is not None]
        if any(m.flag_bits & 0x1 for m in wanted):
            raise refuse(_("压缩包已加密:请取消密码后重新压缩上传。"))
        total = sum(m.file_size for m in wanted)
        packed = sum(m.compress_size for m in wanted) or 1
        if total > MAX_LAYER_BYTES:
            raise refuse(
                _("图层解压后达 %(size).0f MB,超过 %(cap)d MB 上限:请分批导入。")
                % {"size": total / 1048576, "cap": MAX_LAYER_BYTES // 1048576}
            )
        if total > RATIO_CHECK_FLOOR and total / packed > MAX_COMPRESSION_RATIO:
            raise refuse(_("压缩比为 %(ratio).0f:1,异常偏高(疑似压缩炸弹)。") % {"ratio": total / packed})
        try:
            read = {ext: _read_member(archive, m) if m else None for ext, m in parts.items()}
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError):
            raise refuse(
                _("压缩包的数据已损坏,或使用了不支持的压缩方式:请用标准 zip 格式重新压缩。")
            ) from None
    return Layer(
        name=name,
        shp=read[".shp"] or b"",
        shx=read[".shx"] or b"",
        dbf=read[".dbf"] or b"",
        prj=_text(read[".prj"]),
        cpg=_text(read[".cpg"]),
    )


def _safe_member_name(name: str) -> bool:
    """Relative, without ``..`` or a drive: the zip is never unpacked to disk, but such a name is hostile."""
    normal = name.replace("\\", "/")
    if normal.startswith("/") or re.match(r"^[A-Za-z]:", normal):
        return False
    return ".." not in normal.split("/")


def _is_clutter(name: str) -> bool:
    """What zipping on a Mac adds (``__MACOSX/``, ``._name``): not part of the layer."""
    return name.startswith("__MACOSX/") or posixpath.basename(name).startswith("._")


def _display_name(member: zipfile.ZipInfo) -> str:
    """The member's name as its author wrote it: Chinese Windows zips names in GBK without saying so."""
    if member.flag_bits & 0x800:
        return member.filename
    try:
        return member.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return member.filename


def _sibling(files: dict[str, zipfile.ZipInfo], stem: str, ext: str) -> zipfile.ZipInfo | None:
    for name, member in files.items():
        if name[: len(stem)] == stem and name[len(stem) :].lower() == ext:
            return member
    return None


def _read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bytes:
    """The member's bytes, stopping at its declared size: a member that lies about it fails the CRC check."""
    out = bytearray()
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            out += chunk
            if len(out) > member.file_size:
                raise zipfile.BadZipFile("member longer than declared")
    return bytes(out)


def _text(raw: bytes | None) -> str | None:
    if raw is None:
        return None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding).strip()
        except UnicodeDecodeError:
            continue
    return None


# --- the coordinate system ------------------------------------------------------------------------------


def prj_datum(prj: str | None, told: str) -> str:
    """The datum to read the coordinates in: a geographic WGS-84 / CGCS2000 ``.prj`` reads as WGS-84, or as
    GCJ-02 when the importer says so (GCJ-02 has no ``.prj`` of its own: its files carry a WGS-84 one).
    Projected, older-datum, unknown or missing → refused with what to do."""
    if not prj:
        raise refuse(
            _(
                "压缩包中缺少 .prj(坐标系)文件,无法确定坐标系:请在 GIS 软件中将图层导出为 WGS-84 或 CGCS2000 "
                "地理坐标(经纬度)并保留 .prj 后重新压缩上传;坐标为 GCJ-02(高德、腾讯地图)时请同时在“坐标系”中选择 GCJ-02。"
            )
        )
    epsg = _EPSG_ONLY.match(prj)
    if epsg:
        if epsg[1] in _GEOGRAPHIC_EPSG:
            return Datum.GCJ02 if told == Datum.GCJ02 else _GEOGRAPHIC_EPSG[epsg[1]]
        raise refuse(_projected_message(f"EPSG:{epsg[1]}"))
    if _PROJECTED.search(prj):
        name = _FIRST_NAME.search(prj)
        raise refuse(_projected_message(name[1] if name else ""))
    if not _GEOGRAPHIC.search(prj):
        raise refuse(
            _("无法识别 .prj 中的坐标系:请将图层导出为 WGS-84 或 CGCS2000 地理坐标(经纬度)后重新上传。")
        )
    datum_match = _DATUM.search(prj)
    datum = re.sub(r"[^0-9a-z]", "", (datum_match[1] if datum_match else "").lower())
    if "degree" not in prj.lower():
        raise refuse(_("坐标系的角度单位不是度:请将图层导出为以度为单位的经纬度后重新上传。"))
    if any(name in datum for name in _GCJ02_DATUMS):
        return Datum.GCJ02
    if any(name in datum for name in _WGS84_DATUMS):
        return Datum.GCJ02 if told == Datum.GCJ02 else Datum.WGS84
    if any(name in datum for name in _OLD_DATUMS):
        raise refuse(
            _(
                "坐标系为「%(datum)s」(北京54/西安80),与 WGS-84 相差可达上百米,不能直接导入:"
                "请在 GIS 软件中转换为 CGCS2000 或 WGS-84 地理坐标后重新上传。"
            )
            % {"datum": datum_match[1] if datum_match else ""}
        )
    raise refuse(
        _("坐标系的基准「%(datum)s」无法识别:只接受 WGS-84 或 CGCS2000 地理坐标(经纬度)。")
        % {"datum": datum_match[1] if datum_match else ""}
    )


def _projected_message(name: str) -> str:
    return _(
        "图层是投影坐标「%(name)s」(单位为米,如高斯-克吕格、UTM),不能直接导入:请在 GIS 软件中将图层"
        "导出(另存)为 WGS-84 或 CGCS2000 地理坐标(经纬度,EPSG:4326 或 4490)后重新压缩上传。"
    ) % {"name": name}


# --- the records -----------------------------------------------------------------------------------------


def attribute_encoding(cpg: str | None) -> str | None:
    """The codec a ``.cpg`` names (``UTF-8``, ``GBK``, ``936``…), or ``None`` to try UTF-8 then GB18030."""
    if not cpg:
        return None
    name = re.sub(r"[\s_-]", "", cpg.strip().lower())
    name = _CPG_ALIASES.get(name, name)
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return "gb18030" if codec in {"gbk", "gb2312", "cp936"} else codec


def _records(layer: Layer, encoding: str) -> tuple[int, list[tuple[Any, dict[str, Any]]]]:
    """The file's shape type and each record's shape and attributes, decoded in ``encoding``."""
    reader = shapefile.Reader(
        shp=io.BytesIO(layer.shp), shx=io.BytesIO(layer.shx), dbf=io.BytesIO(layer.dbf), encoding=encoding
    )
    with reader:
        count = len(reader)
        if count > MAX_FEATURES:
            raise refuse(
                _("要素过多(%(count)d 个,一次最多 %(max)d 个),请分批导入。")
                % {"count": count, "max": MAX_FEATURES}
            )
        if reader.numRecords != count:
            raise refuse(
                _("图层的几何(%(shapes)d 条)与属性表(%(records)d 条)条数不一致,文件可能已损坏。")
                % {"shapes": count, "records": reader.numRecords}
            )
        rows = [(item.shape, item.record.as_dict()) for item in reader.iterShapeRecords()]
        return reader.shapeType, rows


def read_layer(layer: Layer) -> tuple[int, list[tuple[Any, dict[str, Any]]]]:
    """The layer's records, its attribute text decoded per the ``.cpg``, else UTF-8, else GB18030."""
    encoding = attribute_encoding(layer.cpg)
    attempts = [encoding] if encoding else ["utf-8", "gb18030"]
    for attempt in attempts:
        try:
            return _records(layer, attempt)
        except ValidationError:
            raise
        # A third-party parser meets hostile bytes here: any failure means the file cannot be read.
        except Exception:  # noqa: S112
            continue
    raise refuse(
        _("无法读取图层「%(name)s」:文件已损坏,或属性表的编码不是 %(encodings)s。")
        % {"name": layer.name, "encodings": joined(a.upper() for a in attempts)}
    )


def _plain(value: Any) -> Any:
    """A dBASE value as the builders take it: whole numbers as ``int`` (``300.0`` → ``300``), text trimmed."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return value.strip()
    return value


def read_shapefile_zip(
    park: Any, raw: bytes, *, datum: str = Datum.WGS84, progress: Progress = _no_progress
) -> tuple[list[PipeSegment], list[NetworkPoint]]:
    """Every record of a zipped one-layer Shapefile checked; the first problems raised together."""
    layer = unpack_layer(raw)
    datum = prj_datum(layer.prj, datum)
    shape_type, rows = read_layer(layer)
    if shape_type not in LINE_TYPES | POINT_TYPES:
        kind = shapefile.SHAPETYPE_LOOKUP.get(shape_type, str(shape_type))
        raise refuse(
            _(
                "图层「%(name)s」的几何类型是 %(kind)s,不受支持:只接受线(PolyLine,导入为管段)"
                "或点(Point,导入为检查井、排放口等点位)图层。"
            )
            % {"name": layer.name, "kind": kind}
        )
    checked = Checked(total=len(rows), progress=progress)
    for number, (shape, record) in enumerate(rows, start=1):
        props = canonical_properties({key: _plain(value) for key, value in record.items()})
        if props.get("code"):
            label = _("第 %(number)s 条记录(FID %(fid)s,编号 %(code)s)") % {
                "number": number,
                "fid": number - 1,
                "code": props["code"],
            }
        else:
            label = _("第 %(number)s 条记录(FID %(fid)s)") % {"number": number, "fid": number - 1}
        try:
            if shape.shapeType == shapefile.NULL:
                raise geometry.GeometryError(_("%(label)s:没有几何图形(空记录)。") % {"label": label})
            if shape_type in LINE_TYPES:
                if len(shape.parts) > 1:
                    raise geometry.GeometryError(
                        _("%(label)s:由 %(parts)s 段不相连的线组成,请拆分为单独的管段后再导入。")
                        % {"label": label, "parts": len(shape.parts)}
                    )
                checked.line(props, [tuple(p[:2]) for p in shape.points], label)
            else:
                checked.point(props, tuple(shape.points[0][:2]) if shape.points else None, label)
        except (geometry.GeometryError, ValidationError) as exc:
            checked.refused(exc)
        if checked.step(number):
            break
    return checked.build(park, datum)
