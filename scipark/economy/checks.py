"""The plausibility rule of a monthly return: a jump over ±50 % or a negative value needs a reason.

Pure functions over plain values; the service refuses a submission whose flagged fields lack a reason,
and the form shows the same messages beside the fields.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .kpi import ZERO

#: A change larger than this (either way) against last month or the same month last year needs a reason.
JUMP_LIMIT = Decimal("0.5")

#: The fields checked, with the label used in messages (in the reader's language).
CHECKED_FIELDS: dict[str, Any] = {
    "industrial_output": gettext_lazy("工业总产值"),
    "revenue": gettext_lazy("营业收入"),
    "value_added": gettext_lazy("工业增加值"),
    "profit": gettext_lazy("利润总额"),
    "sales": gettext_lazy("商品销售额"),
    "energy_tce": gettext_lazy("综合能源消费量"),
    "employees": gettext_lazy("从业人员"),
}


#: What a jump over ±50 % asks, rising or falling, against last month and against the same month last year
#: (whole sentences, so each language words them its own way).
AGAINST_LAST_MONTH = (
    gettext_lazy("%(field)s比上月增长%(percent)s%%,超过±50%%,请说明原因。"),
    gettext_lazy("%(field)s比上月下降%(percent)s%%,超过±50%%,请说明原因。"),
)
AGAINST_LAST_YEAR = (
    gettext_lazy("%(field)s比上年同月增长%(percent)s%%,超过±50%%,请说明原因。"),
    gettext_lazy("%(field)s比上年同月下降%(percent)s%%,超过±50%%,请说明原因。"),
)


def _jump(value: Decimal, base: Decimal | None) -> Decimal | None:
    if base is None or base <= ZERO:
        return None
    return value / base - 1


def flagged_fields(
    values: Mapping[str, Decimal | int | None],
    previous_month: Mapping[str, Decimal | int | None] | None,
    same_month_last_year: Mapping[str, Decimal | int | None] | None,
) -> dict[str, str]:
    """Field → why it needs a reason (negative, or more than ±50 % against either comparison)."""
    flagged: dict[str, str] = {}
    for name, label in CHECKED_FIELDS.items():
        raw = values.get(name)
        if raw is None:
            continue
        value = Decimal(raw)
        if value < ZERO:
            flagged[name] = _("%(field)s为负数,请说明原因。") % {"field": label}
            continue
        for base_values, (rose, fell) in (
            (previous_month, AGAINST_LAST_MONTH),
            (same_month_last_year, AGAINST_LAST_YEAR),
        ):
            base_raw = base_values.get(name) if base_values else None
            change = _jump(value, Decimal(base_raw) if base_raw is not None else None)
            if change is not None and abs(change) > JUMP_LIMIT:
                percent = (abs(change) * 100).quantize(Decimal("0.1"))
                flagged[name] = (rose if change > ZERO else fell) % {"field": label, "percent": percent}
                break
    return flagged


def missing_reasons(flagged: Mapping[str, str], reasons: Mapping[str, str]) -> dict[str, str]:
    """The flagged fields whose reason is blank."""
    return {name: message for name, message in flagged.items() if not str(reasons.get(name) or "").strip()}
