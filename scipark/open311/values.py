"""Parsing what clients send: ISO 8601 date-times, coordinates, attribute values by datatype.

Pure functions over plain values; each raises ``ValueError`` with a Chinese message naming the parameter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

STRING_MAX = 500
TEXT_MAX = 4000


def parse_datetime(value: str, *, name: str) -> dt.datetime:
    """An ISO 8601 date-time (``2023-05-01T09:30:00+08:00``, ``…Z``, or a date); without an offset it is
    read in the park's time zone (Asia/Shanghai)."""
    text = value.strip()
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(
            _("参数 %(name)s 的值“%(value)s”不是 ISO 8601 日期时间(例如 2023-05-01T09:30:00+08:00)。")
            % {"name": name, "value": value[:40]}
        ) from None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def format_datetime(value: dt.datetime | None) -> str | None:
    """A date-time as GeoReport v2 writes it: local time with its offset, e.g. ``2023-05-01T09:30:00+08:00``."""
    if value is None:
        return None
    return timezone.localtime(value).isoformat(timespec="seconds")


def parse_coordinate(value: str, *, name: str, limit: int) -> Decimal:
    """A latitude (limit 90) or longitude (limit 180) in decimal degrees, kept to six decimals."""
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        raise ValueError(
            _("参数 %(name)s 应为十进制度数,收到“%(value)s”。") % {"name": name, "value": value[:40]}
        ) from None
    if not number.is_finite() or abs(number) > limit:
        raise ValueError(
            _("参数 %(name)s 应在 -%(limit)d 到 %(limit)d 之间,收到“%(value)s”。")
            % {"name": name, "limit": limit, "value": value[:40]}
        )
    return number.quantize(Decimal("0.000001"))


@dataclass(frozen=True)
class AttributeSpec:
    """What one service attribute accepts (a plain copy of ``ServiceAttribute``)."""

    code: str
    datatype: str
    required: bool = False
    variable: bool = True
    description: str = ""
    keys: tuple[str, ...] = field(default_factory=tuple)


def attribute_value(spec: AttributeSpec, raw: Sequence[str]) -> Any:
    """The value to store for ``attribute[code]`` from the strings the client sent (``None``: not given)."""
    given = [v.strip() for v in raw if v.strip()]
    name = f"attribute[{spec.code}]"
    if not given:
        if spec.required and spec.variable:
            raise ValueError(
                _("缺少必填参数 %(name)s(%(what)s)。") % {"name": name, "what": spec.description}
            )
        return None
    if spec.datatype == "multivaluelist":
        unknown = [v for v in given if v not in spec.keys]
        if unknown:
            raise ValueError(_one_of(name, unknown[0], spec.keys))
        return list(dict.fromkeys(given))
    if len(given) > 1:
        raise ValueError(_("参数 %(name)s 只能有一个值,收到 %(n)d 个。") % {"name": name, "n": len(given)})
    value = given[0]
    if spec.datatype == "singlevaluelist":
        if value not in spec.keys:
            raise ValueError(_one_of(name, value, spec.keys))
        return value
    if spec.datatype == "number":
        try:
            number = Decimal(value)
        except InvalidOperation:
            raise ValueError(
                _("参数 %(name)s 应为数字,收到“%(value)s”。") % {"name": name, "value": value[:40]}
            ) from None
        if not number.is_finite():
            raise ValueError(
                _("参数 %(name)s 应为数字,收到“%(value)s”。") % {"name": name, "value": value[:40]}
            )
        return int(number) if number == number.to_integral_value() else float(number)
    if spec.datatype == "datetime":
        return format_datetime(parse_datetime(value, name=name))
    limit = TEXT_MAX if spec.datatype == "text" else STRING_MAX
    if len(value) > limit:
        raise ValueError(
            _("参数 %(name)s 最多 %(limit)d 个字符,收到 %(n)d 个。")
            % {"name": name, "limit": limit, "n": len(value)}
        )
    return value


def _one_of(name: str, value: str, keys: Sequence[str]) -> str:
    return _("参数 %(name)s 的值“%(value)s”不在可选项 %(keys)s 之中。") % {
        "name": name,
        "value": value[:40],
        "keys": ", ".join(keys),
    }


def values_problem(datatype: str, values: Any) -> str | None:
    """Why ``values`` is not a valid option list for ``datatype`` (``None`` when it is)."""
    if datatype not in {"singlevaluelist", "multivaluelist"}:
        return None if not values else _("只有单选、多选属性才有选项。")
    if not isinstance(values, list) or not values:
        return _("单选、多选属性至少要有一个选项。")
    seen: set[str] = set()
    for position, item in enumerate(values, start=1):
        if not isinstance(item, dict) or set(item) != {"key", "name"}:
            return _('第 %(n)d 个选项应为 {"key": …, "name": …}。') % {"n": position}
        key, label = str(item["key"]).strip(), str(item["name"]).strip()
        if not key or not label:
            return _("第 %(n)d 个选项的 key 和 name 都不能为空。") % {"n": position}
        if key in seen:
            return _("选项 key“%(key)s”重复。") % {"key": key}
        seen.add(key)
    return None
