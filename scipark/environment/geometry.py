"""Geometry of the pipe network without GDAL: WGS-84 lines, their geodesic length, validity, simplification.

Stored coordinates are WGS-84 (EPSG:4326) longitude/latitude. Survey files of Chinese utilities often come
in GCJ-02 (the "Mars" datum of Chinese web maps); :func:`gcj02_to_wgs84` converts them on import, and the
file must say which one it is (ADR 0015). Lengths are geodesic on the WGS-84 ellipsoid (Vincenty's inverse
formula, millimetre accuracy at pipe scales).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from django.utils.translation import gettext as _

Coord = tuple[float, float]  # (longitude, latitude)

#: A generous box around the PRC (incl. the South China Sea islands' latitudes): a coordinate outside it
#: is a swapped pair, a projected coordinate, or a file of somewhere else.
CHINA_LNG = (73.4, 135.1)
CHINA_LAT = (3.8, 53.6)

WGS84_A = 6378137.0
WGS84_F = 1 / 298.257223563
WGS84_B = WGS84_A * (1 - WGS84_F)


class GeometryError(ValueError):
    """A geometry the network cannot hold; the message names the feature."""


def in_china(lng: float, lat: float) -> bool:
    return CHINA_LNG[0] <= lng <= CHINA_LNG[1] and CHINA_LAT[0] <= lat <= CHINA_LAT[1]


def vincenty_m(a: Coord, b: Coord) -> float:
    """The geodesic distance in metres between two WGS-84 points (Vincenty's inverse formula)."""
    lng1, lat1 = a
    lng2, lat2 = b
    if a == b:
        return 0.0
    u1 = math.atan((1 - WGS84_F) * math.tan(math.radians(lat1)))
    u2 = math.atan((1 - WGS84_F) * math.tan(math.radians(lat2)))
    big_l = math.radians(lng2 - lng1)
    lam = big_l
    sin_u1, cos_u1, sin_u2, cos_u2 = math.sin(u1), math.cos(u1), math.sin(u2), math.cos(u2)
    for _iteration in range(200):
        sin_lam, cos_lam = math.sin(lam), math.cos(lam)
        sin_sigma = math.hypot(cos_u2 * sin_lam, cos_u1 * sin_u2 - sin_u1 * cos_u2 * cos_lam)
        if sin_sigma == 0:
            return 0.0
        cos_sigma = sin_u1 * sin_u2 + cos_u1 * cos_u2 * cos_lam
        sigma = math.atan2(sin_sigma, cos_sigma)
        sin_alpha = cos_u1 * cos_u2 * sin_lam / sin_sigma
        cos2_alpha = 1 - sin_alpha**2
        cos_2sm = cos_sigma - 2 * sin_u1 * sin_u2 / cos2_alpha if cos2_alpha else 0.0
        c = WGS84_F / 16 * cos2_alpha * (4 + WGS84_F * (4 - 3 * cos2_alpha))
        previous = lam
        lam = big_l + (1 - c) * WGS84_F * sin_alpha * (
            sigma + c * sin_sigma * (cos_2sm + c * cos_sigma * (-1 + 2 * cos_2sm**2))
        )
        if abs(lam - previous) < 1e-12:
            break
    u_sq = cos2_alpha * (WGS84_A**2 - WGS84_B**2) / WGS84_B**2
    big_a = 1 + u_sq / 16384 * (4096 + u_sq * (-768 + u_sq * (320 - 175 * u_sq)))
    big_b = u_sq / 1024 * (256 + u_sq * (-128 + u_sq * (74 - 47 * u_sq)))
    delta = (
        big_b
        * sin_sigma
        * (
            cos_2sm
            + big_b
            / 4
            * (
                cos_sigma * (-1 + 2 * cos_2sm**2)
                - big_b / 6 * cos_2sm * (-3 + 4 * sin_sigma**2) * (-3 + 4 * cos_2sm**2)
            )
        )
    )
    return WGS84_B * big_a * (sigma - delta)


def line_length_m(coords: Sequence[Coord]) -> float:
    """The geodesic length of a line in metres."""
    return sum(vincenty_m(coords[i], coords[i + 1]) for i in range(len(coords) - 1))


def bbox(coords: Sequence[Coord]) -> tuple[float, float, float, float]:
    """(min lng, min lat, max lng, max lat)."""
    lngs = [c[0] for c in coords]
    lats = [c[1] for c in coords]
    return min(lngs), min(lats), max(lngs), max(lats)


def _orientation(p: Coord, q: Coord, r: Coord) -> int:
    value = (q[1] - p[1]) * (r[0] - q[0]) - (q[0] - p[0]) * (r[1] - q[1])
    return 0 if abs(value) < 1e-18 else (1 if value > 0 else 2)


def _on_segment(p: Coord, q: Coord, r: Coord) -> bool:
    return min(p[0], r[0]) <= q[0] <= max(p[0], r[0]) and min(p[1], r[1]) <= q[1] <= max(p[1], r[1])


def segments_cross(p1: Coord, p2: Coord, q1: Coord, q2: Coord) -> bool:
    """Whether segments p1p2 and q1q2 share a point (touching counts)."""
    o1, o2 = _orientation(p1, p2, q1), _orientation(p1, p2, q2)
    o3, o4 = _orientation(q1, q2, p1), _orientation(q1, q2, p2)
    if o1 != o2 and o3 != o4:
        return True
    return (
        (o1 == 0 and _on_segment(p1, q1, p2))
        or (o2 == 0 and _on_segment(p1, q2, p2))
        or (o3 == 0 and _on_segment(q1, p1, q2))
        or (o4 == 0 and _on_segment(q1, p2, q2))
    )


def self_intersects(coords: Sequence[Coord]) -> bool:
    """Whether a line crosses or touches itself anywhere but between consecutive segments.

    Quadratic, but only over segments whose boxes overlap after a sort: fine for the few hundred vertices
    of a surveyed pipe (the importer caps vertices per feature).
    """
    segments = [(coords[i], coords[i + 1]) for i in range(len(coords) - 1)]
    order = sorted(range(len(segments)), key=lambda i: min(segments[i][0][0], segments[i][1][0]))
    active: list[int] = []
    for i in order:
        a, b = segments[i]
        left = min(a[0], b[0])
        active = [j for j in active if max(segments[j][0][0], segments[j][1][0]) >= left]
        for j in active:
            if abs(i - j) <= 1:
                continue  # consecutive segments share their joint
            c, d = segments[j]
            if segments_cross(a, b, c, d):
                return True
        active.append(i)
    return False


def check_line(coords: object, label: str, *, max_vertices: int) -> list[Coord]:
    """A LineString's coordinates as (lng, lat) floats, or ``GeometryError`` naming ``label``."""
    if not isinstance(coords, list) or len(coords) < 2:
        raise GeometryError(_("%(label)s:线要素至少需要两个坐标点。") % {"label": label})
    if len(coords) > max_vertices:
        raise GeometryError(
            _("%(label)s:坐标点过多(%(count)s 个,上限 %(limit)s)。")
            % {"label": label, "count": len(coords), "limit": max_vertices}
        )
    line: list[Coord] = []
    for position in coords:
        line.append(check_position(position, label))
    if any(line[i] == line[i + 1] for i in range(len(line) - 1)):
        raise GeometryError(_("%(label)s:存在重复的相邻坐标点。") % {"label": label})
    if len(set(line)) < 2:
        raise GeometryError(_("%(label)s:线要素长度为零。") % {"label": label})
    if self_intersects(line):
        raise GeometryError(_("%(label)s:线要素自相交。") % {"label": label})
    return line


def check_position(position: object, label: str) -> Coord:
    """One [lng, lat] pair of finite numbers inside China."""
    if (
        not isinstance(position, list | tuple)
        or len(position) < 2
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in position[:2])
    ):
        raise GeometryError(_("%(label)s:坐标格式无效(应为 [经度, 纬度])。") % {"label": label})
    lng, lat = float(position[0]), float(position[1])
    if not (math.isfinite(lng) and math.isfinite(lat)):
        raise GeometryError(_("%(label)s:坐标不是有限数值。") % {"label": label})
    if not in_china(lng, lat):
        raise GeometryError(
            _("%(label)s:坐标 (%(lng)s, %(lat)s) 不在中国境内,请检查经纬度顺序或坐标系。")
            % {"label": label, "lng": lng, "lat": lat}
        )
    return lng, lat


def simplify(coords: Sequence[Coord], tolerance: float) -> list[Coord]:
    """Douglas–Peucker simplification with ``tolerance`` in degrees (ends are kept)."""
    if len(coords) <= 2 or tolerance <= 0:
        return list(coords)
    keep = [False] * len(coords)
    keep[0] = keep[-1] = True
    stack = [(0, len(coords) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = coords[first], coords[last]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy)
        worst, index = -1.0, first
        for i in range(first + 1, last):
            x, y = coords[i]
            d = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm if norm else math.hypot(x - x1, y - y1)
            if d > worst:
                worst, index = d, i
        if worst > tolerance:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    return [c for c, k in zip(coords, keep, strict=True) if k]


# --- GCJ-02 (the datum of Chinese web maps) ----------------------------------------------------------

_GCJ_A = 6378245.0
_GCJ_EE = 0.00669342162296594323


def _transform_lat(x: float, y: float) -> float:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return ret


def _transform_lng(x: float, y: float) -> float:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return ret


def wgs84_to_gcj02(lng: float, lat: float) -> Coord:
    """The published forward transform (only defined inside China)."""
    dlat = _transform_lat(lng - 105.0, lat - 35.0)
    dlng = _transform_lng(lng - 105.0, lat - 35.0)
    radlat = lat / 180.0 * math.pi
    magic = 1 - _GCJ_EE * math.sin(radlat) ** 2
    sqrtmagic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((_GCJ_A * (1 - _GCJ_EE)) / (magic * sqrtmagic) * math.pi)
    dlng = (dlng * 180.0) / (_GCJ_A / sqrtmagic * math.cos(radlat) * math.pi)
    return lng + dlng, lat + dlat


def gcj02_to_wgs84(lng: float, lat: float) -> Coord:
    """The inverse of :func:`wgs84_to_gcj02` by fixed-point iteration (error well under a millimetre)."""
    w_lng, w_lat = lng, lat
    for _iteration in range(30):
        g_lng, g_lat = wgs84_to_gcj02(w_lng, w_lat)
        d_lng, d_lat = g_lng - lng, g_lat - lat
        w_lng, w_lat = w_lng - d_lng, w_lat - d_lat
        if abs(d_lng) < 1e-10 and abs(d_lat) < 1e-10:
            break
    return w_lng, w_lat
