"""Industry energy benchmarks: the department records a value for a GB/T 4754 category with its source."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from scipark.core import access
from scipark.enterprises.models import Industry

from ..models import EnergyBenchmark


def benchmark_save(*, user: Any, park: Any, data: Mapping[str, Any]) -> EnergyBenchmark:
    """Record the benchmark of ``data["industry_code"]`` from ``data["valid_from"]`` on (a later value is a
    new row: what was in force before keeps its value)."""
    code = str(data.get("industry_code") or "").strip().upper()
    industry = Industry.objects.filter(code=code).first()
    if industry is None:
        raise ValidationError(
            {"industry_code": _("未找到国民经济行业代码“%(code)s”(GB/T 4754-2017)。") % {"code": code[:10]}}
        )
    source = str(data.get("source") or "").strip()
    if not source:
        raise ValidationError({"source": _("请填写基准值的依据(发布机关、文号或标准编号)。")})
    with transaction.atomic():
        access.ensure_can_add(user, access.Domain.ENVIRONMENT, park_id=park.pk)
        if EnergyBenchmark.objects.filter(
            park=park, industry=industry, valid_from=data["valid_from"]
        ).exists():
            raise ValidationError(
                {
                    "valid_from": _("行业 %(code)s 在该日期已有基准值;新的取值请另设启用日期。")
                    % {"code": code}
                }
            )
        row = EnergyBenchmark(
            park=park,
            industry=industry,
            intensity=data["intensity"],
            valid_from=data["valid_from"],
            source=source[:300],
            confirmed=bool(data.get("confirmed")),
        )
        row.full_clean()
        row.save()
    return row
