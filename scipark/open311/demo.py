"""Demo step: the questions the demo park's Open311 services ask (no client: keys are made with
``scipark open311 key NAME``, so no key is ever known from the demo's source)."""

from __future__ import annotations

from typing import Any, ClassVar

from scipark.demo import seed
from scipark.demo.builder import DemoContext

#: (service code, attribute code, datatype, required, order, question, values)
DEMO_ATTRIBUTES: tuple[tuple[str, str, str, bool, int, str, list[dict[str, str]]], ...] = (
    (
        "telecom",
        "carrier",
        "singlevaluelist",
        True,
        1,
        "涉及哪家运营商?",
        [
            {"key": "telecom", "name": "中国电信"},
            {"key": "mobile", "name": "中国移动"},
            {"key": "unicom", "name": "中国联通"},
        ],
    ),
    (
        "telecom",
        "services",
        "multivaluelist",
        False,
        2,
        "受影响的业务",
        [
            {"key": "voice", "name": "语音通话"},
            {"key": "data", "name": "移动数据"},
            {"key": "broadband", "name": "固定宽带"},
        ],
    ),
    ("telecom", "since", "datetime", False, 3, "问题从何时开始?", []),
    ("utilities", "affected_staff", "number", False, 1, "受影响的员工人数", []),
    ("utilities", "meter_no", "string", False, 2, "表计编号(如有)", []),
)


class Open311Step:
    """Attach the demo attributes to the reference park's categories that the appeals step created."""

    name: ClassVar[str] = "open311"
    order: ClassVar[int] = 110  # after the appeals step (100), whose categories it extends

    def build(self, ctx: DemoContext) -> None:
        from scipark.appeals.models import AppealCategory

        from .models import ServiceAttribute

        park = ctx.park(seed.REFERENCE_PARK)
        categories = {c.code: c for c in AppealCategory.objects.filter(park=park)}
        rows: list[Any] = []
        for code, attr, datatype, required, order, question, values in DEMO_ATTRIBUTES:
            category = categories.get(code)
            if category is None:
                continue
            rows.append(
                ServiceAttribute(
                    category=category,
                    code=attr,
                    datatype=datatype,
                    required=required,
                    order=order,
                    description=question,
                    values=values,
                )
            )
        ServiceAttribute.objects.bulk_create(rows)

    def wipe(self, ctx: DemoContext) -> None:
        from .models import Open311Client, ServiceAttribute, Submission

        park_codes = [p.code for p in seed.PARKS]
        Submission.objects.filter(client__park__code__in=park_codes).delete()
        Open311Client.objects.filter(park__code__in=park_codes).delete()
        ServiceAttribute.objects.filter(category__park__code__in=park_codes).delete()
