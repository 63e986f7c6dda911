"""Generated pipe-network files for the tests and ``bench/network_import.py``: a surveyed-looking GeoJSON of
many features whose only bad record can be put last (SECURITY.md row 11: a bad file refused in ≤ 5 s)."""

from __future__ import annotations

import json
import random
from typing import Any

#: Around Xining (WGS-84), well inside China.
CENTRE = (101.7429, 36.6732)


def network_features(
    count: int, *, vertices: int = 8, seed: int = 15, points_every: int = 5
) -> list[dict[str, Any]]:
    """``count`` features: street-grid polylines of ``vertices`` vertices (every ``points_every``-th a manhole
    point instead), each with the properties a survey file carries, codes unique."""
    rng = random.Random(seed)
    features: list[dict[str, Any]] = []
    for n in range(count):
        x, y = rng.gauss(CENTRE[0], 0.05), rng.gauss(CENTRE[1], 0.04)
        if points_every and n % points_every == points_every - 1:
            features.append(
                {
                    "type": "Feature",
                    "properties": {
                        "编号": f"JC-{n:06d}",
                        "点位类型": "检查井",
                        "管网类型": "污水",
                        "名称": f"井{n}",
                    },
                    "geometry": {"type": "Point", "coordinates": [round(x, 7), round(y, 7)]},
                }
            )
            continue
        step = rng.uniform(20, 60) / 111_000
        horizontal = n % 2 == 0
        line = [[round(x, 7), round(y, 7)]]
        for _ in range(vertices - 1):
            bend = rng.uniform(-0.2, 0.2) * step
            x, y = (x + step, y + bend) if horizontal else (x + bend, y + step)
            line.append([round(x, 7), round(y, 7)])
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "编号": f"WS-{n:06d}",
                    "管网类型": "污水",
                    "管径": rng.choice([300, 400, 500, 600]),
                    "材质": "HDPE",
                    "是否主管": "是" if n % 7 == 0 else "否",
                    "建设类型": "existing",
                    "建成日期": "2019/6/30",
                },
                "geometry": {"type": "LineString", "coordinates": line},
            }
        )
    return features


def network_geojson(count: int, *, bad_last: bool = False, **kwargs: Any) -> bytes:
    """A FeatureCollection of ``count`` features; with ``bad_last`` the last one has an unknown network type
    (``管网类型`` = 燃气), the file's only error."""
    features = network_features(count, **kwargs)
    if bad_last:
        features[-1]["properties"]["管网类型"] = "燃气"
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False).encode()
