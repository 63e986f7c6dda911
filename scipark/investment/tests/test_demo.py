"""After the demo, ``scipark figures --park bio --year 2023 --json`` prints I1–I5 and F1–F3 as the seed
article does; a change to the records moves the figures."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command

from scipark.demo.builder import DemoBuilder, load_steps
from scipark.investment.models import Confirmation, FundsInPlace, Listing, Loan, Project, StageChange

pytestmark = pytest.mark.django_db

STEPS = [
    "scipark.demo.steps.structure.StructureStep",
    "scipark.demo.steps.enterprises.EnterprisesStep",
    "scipark.demo.steps.accounts.AccountsStep",
    "scipark.investment.demo.InvestmentStep",
]
ROWS = "I1,I2,I3,I4,I5,F1,F2,F3"


@pytest.fixture
def demo(db: Any) -> Any:
    return DemoBuilder(load_steps(STEPS)).build()


def figures() -> dict[str, Any]:
    out = io.StringIO()
    call_command("figures", "--park", "bio", "--year", "2023", "--json", "--only", ROWS, stdout=out)
    result: dict[str, Any] = json.loads(out.getvalue())["figures"]
    return result


def test_the_demo_park_yields_the_articles_investment_figures(demo: Any) -> None:
    f = figures()
    assert f["I1"]["value"] == 21 and f["I1"]["details"]["event"] == "青洽会"
    assert f["I1"]["details"]["target_yi"] == 20 and f["I1"]["details"]["completion_percent"] == 105
    assert f["I2"]["value"] == 15.03 and f["I2"]["details"]["completion_percent"] == 100.2
    assert f["I3"]["value"] == 6 and f["I3"]["details"]["total_investment_yi_rounded"] == 28.8
    bands = [(b["label"], b["count"]) for b in f["I4"]["details"]["bands"]]
    assert bands[:4] == [("百亿元以上", 2), ("50亿–100亿元", 1), ("30亿–50亿元", 1), ("10亿–30亿元", 3)]
    assert f["I5"]["value"] == 4
    names = {fund["name"] for fund in f["I5"]["details"]["funds"]}
    assert {
        "中金青海高新技术产业股权投资基金",
        "省股交中心青海极地股权投资基金(有限合伙)",
        "中财融商青海高新技术产业高质量发展基金",
    } <= names
    brought = {p for fund in f["I5"]["details"]["funds"] for p in fund["projects"]}
    assert {"超声电池检测设备组装基地", "佰抗生物体外诊断设备生产线", "建筑垃圾回收利用3D打印"} <= brought
    assert f["F1"]["value"] == 2
    assert f["F2"]["value"] == 7
    listed = {row["enterprise"] for row in f["F2"]["details"]["listings"]}
    assert {"青海中油云翰科技有限公司", "西旺高新材料有限公司", "青海西北骄天然生物科技有限公司"} <= listed
    assert f["F3"]["value"] == 1697
    assert {"青海百岁药业有限公司", "青海瑞湖生物资源开发有限公司", "青海央宗药业有限公司"} <= set(
        f["F3"]["details"]["enterprises"]
    )


def test_a_change_to_the_records_moves_the_figures(demo: Any) -> None:
    project = Project.objects.get(name="冬虫夏草精深加工及研发中心")
    # Another out-of-province payment and one more landing; one loan withdrawn, one listing confirmed late.
    FundsInPlace.objects.create(
        project=project,
        arrived_on=dt.date(2023, 12, 20),
        amount=Decimal(10_000_000),
        source_class="other_province",
    )
    Loan.objects.filter(enterprise__name="青海央宗药业有限公司").update(status=Confirmation.REJECTED)
    Listing.objects.filter(status=Confirmation.REPORTED).update(
        status=Confirmation.CONFIRMED, listed_on=dt.date(2023, 12, 1)
    )
    lead = Project.objects.get(name="现代中药配方颗粒产业园")  # a reserve project that now signs in 2023
    StageChange.objects.create(project=lead, action="sign", from_stage="talks", to_stage="signed",
                               happened_on=dt.date(2023, 12, 30))  # fmt: skip
    f = figures()
    assert f["I2"]["value"] == 15.13
    assert f["F3"]["value"] == 1397
    assert f["F2"]["value"] == 8
    assert [b["count"] for b in f["I4"]["details"]["bands"]][:4] == [2, 1, 1, 2]


def test_the_living_pipeline_has_every_stage_and_work_for_today(demo: Any) -> None:
    this_year = Project.objects.filter(park__code="bio", stage_since__year__gte=dt.date.today().year - 1)
    assert {p.stage for p in this_year} >= {
        "lead",
        "talks",
        "signed",
        "landed",
        "started",
        "producing",
        "terminated",
    }
    assert Loan.objects.filter(status=Confirmation.REPORTED).exists()
    from scipark.investment.selectors import overdue_projects

    assert len(overdue_projects(Project.objects.filter(park__code="bio"), dt.date.today())) >= 3
