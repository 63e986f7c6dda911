"""The demo's alliance: three chains with members in every segment, the telecom-signal need met in
2023 with the carrier's party branch, and S3 from those records."""

from __future__ import annotations

import pytest

from scipark.alliance.figures import alliance_and_lists
from scipark.alliance.models import Need
from scipark.demo.builder import DemoBuilder, load_steps

pytestmark = pytest.mark.django_db

STEPS = [
    "scipark.demo.steps.structure.StructureStep",
    "scipark.demo.steps.enterprises.EnterprisesStep",
    "scipark.alliance.demo.AllianceStep",
]


def test_the_demo_alliance_gives_s3_and_rebuilds_identically() -> None:
    builder = DemoBuilder(load_steps(STEPS))
    ctx = builder.build()
    park = ctx.parks["bio"]
    figure = alliance_and_lists(park, 2023)
    assert figure.value == 3
    assert alliance_and_lists(park, 2022).value is None  # founded in 2023: no alliance, no chains yet
    chains = {c["chain"]: c for c in figure.details["chains"]}
    assert set(chains) == {"传统医药", "新型医药", "康养医疗"}
    for chain in chains.values():
        assert chain["segments"]["上游"] > 0 and chain["segments"]["中游"] > 0
        assert chain["party_orgs"] >= 2
    lists = figure.details["lists"]
    assert lists["needs"] >= 15 and lists["resources"] >= 15
    assert lists["needs_met_in_year"] == lists["joint_actions_done_in_year"] == 10
    signal = Need.objects.get(alliance__park=park, title="企业周边电信信号弱")
    assert signal.status == "met"
    assert signal.met_on is not None and signal.met_on.year == 2023
    carrier = signal.actions.get().resources.get().party_org
    assert carrier is not None and carrier.unit_name.startswith("中国移动")
    first = sorted(Need.objects.filter(alliance__park__code="bio").values_list("title", "enterprise__name"))
    builder.rebuild()
    assert (
        sorted(Need.objects.filter(alliance__park__code="bio").values_list("title", "enterprise__name"))
        == first
    )
