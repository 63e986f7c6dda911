"""代企业录入 listed every enterprise of the park (780 on the demo's, a phone's screen a dozen) with no way to
find one but scrolling; the list now takes a part of the name or of the credit code."""

from __future__ import annotations

from typing import Any

from scipark.core.testing import World


def test_staff_find_the_enterprise_whose_paper_return_they_enter(world: World, client_for: Any) -> None:
    staff = client_for("economy_staff")
    everyone = staff.get("/economy/portal/2023-12/")
    assert everyone.status_code == 200 and 'data-testid="find-enterprise"' in everyone.content.decode()
    assert {e.pk for e in everyone.context["choices"]} >= {world.enterprise.pk, world.other_enterprise.pk}
    by_name = staff.get("/economy/portal/2023-12/", {"q": world.enterprise.name[2:6]})
    assert [e.pk for e in by_name.context["choices"]] == [world.enterprise.pk]
    by_code = staff.get("/economy/portal/2023-12/", {"q": world.other_enterprise.credit_code[-6:]})
    assert [e.pk for e in by_code.context["choices"]] == [world.other_enterprise.pk]
    none = staff.get("/economy/portal/2023-12/", {"q": "不存在的企业"}).content.decode()
    assert "没有名称或代码含“不存在的企业”的企业。" in none
    # an enterprise user picks among its own, with no search box
    own = client_for("enterprise_user").get("/economy/portal/2023-12/")
    assert 'data-testid="find-enterprise"' not in own.content.decode()
