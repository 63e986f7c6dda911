"""Reading GeoReport v2 parameters from a request: each problem is an ``Open311Error`` (400) naming the
parameter, in the client's language."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from scipark.core.validators import validate_phone

from .errors import Open311Error
from .values import parse_coordinate, parse_datetime

DESCRIPTION_MAX = 4000
MAX_SPAN = dt.timedelta(days=90)
MAX_RESULTS = 1000
STATUSES = ("open", "closed")
_ATTRIBUTE = re.compile(r"^attribute\[([^\[\]]{1,50})\](\[\])?$")
_LIMITS = {
    "address_string": 200,
    "address_id": 100,
    "device_id": 100,
    "account_id": 100,
    "first_name": 25,
    "last_name": 25,
    "email": 254,
    "media_url": 500,
}


def bad(message: str) -> Open311Error:
    return Open311Error(400, message)


def text(data: QueryDict, name: str) -> str:
    """A single-valued text parameter, stripped; too long is a 400."""
    value = (data.get(name) or "").strip()
    limit = DESCRIPTION_MAX if name == "description" else _LIMITS.get(name, 200)
    if len(value) > limit:
        raise bad(
            _("参数 %(name)s 最多 %(limit)d 个字符,收到 %(n)d 个。")
            % {"name": name, "limit": limit, "n": len(value)}
        )
    return value


@dataclass
class NewRequest:
    """The fields of ``POST requests`` (GeoReport v2), checked for form; the service checks meaning."""

    service_code: str
    lat: Decimal | None = None
    long: Decimal | None = None
    address_string: str = ""
    address_id: str = ""
    attributes: dict[str, list[str]] = field(default_factory=dict)
    email: str = ""
    device_id: str = ""
    account_id: str = ""
    first_name: str = ""
    last_name: str = ""
    phone: str = ""
    description: str = ""
    media_url: str = ""

    @property
    def requester_name(self) -> str:
        """The name in the park's usage: 姓 then 名 without a space for Chinese names."""
        first, last = self.first_name, self.last_name
        if first and last and (first + last).isascii():
            return f"{first} {last}"
        return f"{last}{first}"


def new_request(data: QueryDict) -> NewRequest:
    """Read and check the form-encoded body of ``POST requests``."""
    service_code = text(data, "service_code")
    if not service_code:
        raise bad(_("缺少参数 service_code。"))
    lat_raw, long_raw = text(data, "lat"), text(data, "long")
    if bool(lat_raw) != bool(long_raw):
        raise bad(_("参数 lat 和 long 须同时提供。"))
    try:
        lat = parse_coordinate(lat_raw, name="lat", limit=90) if lat_raw else None
        long = parse_coordinate(long_raw, name="long", limit=180) if long_raw else None
    except ValueError as exc:
        raise bad(str(exc)) from None
    found = NewRequest(
        service_code=service_code,
        lat=lat,
        long=long,
        address_string=text(data, "address_string"),
        address_id=text(data, "address_id"),
        attributes=attribute_params(data),
        email=text(data, "email"),
        device_id=text(data, "device_id"),
        account_id=text(data, "account_id"),
        first_name=text(data, "first_name"),
        last_name=text(data, "last_name"),
        phone=text(data, "phone"),
        description=text(data, "description"),
        media_url=text(data, "media_url"),
    )
    if found.lat is None and not found.address_string and not found.address_id:
        raise bad(_("须提供位置:lat 与 long,或 address_string,或 address_id。"))
    if found.email:
        try:
            EmailValidator()(found.email)
        except ValidationError:
            raise bad(_("参数 email 不是有效的电子邮箱地址。")) from None
    if found.phone and not _dialable(found.phone):
        raise bad(_("参数 phone 只能包含数字、空格和 + - ( ),长度 3–20。"))
    if found.media_url:
        try:
            URLValidator(schemes=["http", "https"])(found.media_url)
        except ValidationError:
            raise bad(_("参数 media_url 应为 http 或 https 开头的网址。")) from None
    return found


def attribute_params(data: QueryDict) -> dict[str, list[str]]:
    """``attribute[code]=v`` and, for multi-value lists, ``attribute[code][]=v1&attribute[code][]=v2``."""
    found: dict[str, list[str]] = {}
    for key in data:
        match = _ATTRIBUTE.match(key)
        if match:
            found.setdefault(match.group(1), []).extend(data.getlist(key))
        elif key.startswith("attribute"):
            raise bad(_("参数名“%(key)s”不是 attribute[代码] 的形式。") % {"key": key[:60]})
    return found


@dataclass(frozen=True)
class RequestQuery:
    """The filters of ``GET requests``."""

    ids: tuple[str, ...] = ()
    service_codes: tuple[str, ...] = ()
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    statuses: tuple[str, ...] = STATUSES


def request_query(data: QueryDict, *, now: dt.datetime | None = None) -> RequestQuery:
    """Read ``GET requests``'s filters. ``service_request_id`` overrides the others (as the spec says);
    otherwise the date range defaults to the last 90 days and may not span more than 90 days."""
    ids = _comma_list(data.get("service_request_id", ""))
    if ids:
        if len(ids) > MAX_RESULTS:
            raise bad(_("service_request_id 一次最多 %(n)d 个。") % {"n": MAX_RESULTS})
        return RequestQuery(ids=ids)
    now = now or timezone.now()
    try:
        start = (
            parse_datetime(data.get("start_date", ""), name="start_date") if data.get("start_date") else None
        )
        end = parse_datetime(data.get("end_date", ""), name="end_date") if data.get("end_date") else None
    except ValueError as exc:
        raise bad(str(exc)) from None
    if start is None and end is None:
        end, start = now, now - MAX_SPAN
    elif start is None:
        assert end is not None
        start = end - MAX_SPAN
    elif end is None:
        end = start + MAX_SPAN
    if start > end:
        raise bad(_("start_date 不能晚于 end_date。"))
    if end - start > MAX_SPAN:
        raise bad(_("start_date 与 end_date 相隔不能超过 90 天。"))
    statuses = _comma_list(data.get("status", "")) or STATUSES
    unknown = [s for s in statuses if s not in STATUSES]
    if unknown:
        raise bad(_("参数 status 只能是 open 或 closed(可用逗号分隔),收到“%(s)s”。") % {"s": unknown[0][:20]})
    return RequestQuery(
        service_codes=_comma_list(data.get("service_code", "")), start=start, end=end, statuses=statuses
    )


def _comma_list(value: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))


def _dialable(phone: str) -> bool:
    """The appeal's own phone rule (``validate_phone``, so intake never refuses what passed here) within the
    20 characters the appeal keeps."""
    try:
        validate_phone(phone)
    except ValidationError:
        return False
    return len(phone) <= 20
