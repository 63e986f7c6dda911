"""The plausibility rule of a monthly return: a jump over ±50 % or a negative value needs a reason.

Pure functions over plain values; the service refuses a submission whose flagged fields lack a reason,
and the form shows the same messages beside the fields.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from .kpi import ZERO

#: A change larger than this (either way) against last month or the same month last year needs a reason.
JUMP_LIMIT = Decimal("0.5")

#: The fields checked, with the Chinese label used in messages.
CHECKED_FIELDS: dict[str, str] = {
    "industrial_output": "工业总产值",
    "revenue": "营业收入",
    "value_added": "工业增加值",
    "profit": "利润总额",
    "sales": "商品销售额",
    "energy_tce": "综合能源消费量",
    "employees": "从业人员",
}


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
            flagged[name] = f"{label}为负数,请说明原因。"
            continue
        for base_values, what in ((previous_month, "上月"), (same_month_last_year, "上年同月")):
            base_raw = base_values.get(name) if base_values else None
            change = _jump(value, Decimal(base_raw) if base_raw is not None else None)
            if change is not None and abs(change) > JUMP_LIMIT:
                direction = "增长" if change > ZERO else "下降"
                percent = (abs(change) * 100).quantize(Decimal("0.1"))
                flagged[name] = f"{label}比{what}{direction}{percent}%,超过±50%,请说明原因。"
                break
    return flagged


def missing_reasons(flagged: Mapping[str, str], reasons: Mapping[str, str]) -> dict[str, str]:
    """The flagged fields whose reason is blank."""
    return {name: message for name, message in flagged.items() if not str(reasons.get(name) or "").strip()}
