"""The home page (issue 10 item 1, issue 14 item 2): a leader lands on the cockpit, a zone viewer on the
parks side by side, everyone else on the workbench of their to-dos, most urgent first."""

from __future__ import annotations

import pytest

from scipark.core import workbench
from scipark.core.workbench import Todo, Urgency


@pytest.mark.parametrize(
    ("persona", "lands_on"), [("park_leader", "/reports/cockpit/"), ("zone_viewer", "/reports/zone/")]
)
def test_a_leader_and_a_zone_viewer_land_on_their_cockpit(client_for, persona, lands_on):
    response = client_for(persona).get("/")
    assert response.status_code == 302 and response["Location"] == lands_on
    assert client_for(persona).get(lands_on).status_code == 200


@pytest.mark.parametrize("persona", ["economy_staff", "service_staff", "enterprise_user", "audit_admin"])
def test_everyone_else_gets_the_workbench_not_a_grid_of_menu_tiles(client_for, persona):
    response = client_for(persona).get("/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "工作台" in text and "待办事项" in text


def test_the_most_urgent_to_dos_come_first_and_empty_ones_are_left_out(monkeypatch, world):
    made = [
        Todo("B", "其他", 4, "/b/", Urgency.OPEN),
        Todo("A", "未读消息", 2, "/a/", Urgency.INFO),
        Todo("C", "已超期", 1, "/c/", Urgency.OVERDUE),
        Todo("D", "无事", 0, "/d/", Urgency.OVERDUE),
    ]
    monkeypatch.setattr(workbench, "contributed_objects", lambda attribute: [lambda user: made])
    shown = workbench.todos_for(world.user("service_staff"))
    assert [t.label for t in shown] == ["已超期", "其他", "未读消息"]


def _menu_groups(client_for, persona: str) -> dict[str, list[str]]:
    context = client_for(persona).get("/").context
    return {str(label): [str(item["label"]) for item in items] for label, items in context["menu_groups"]}


def test_the_menu_is_grouped_by_module_with_configuration_under_settings_last(client_for):
    groups = _menu_groups(client_for, "service_staff")
    assert list(groups)[-1] == "设置"
    assert {"诉求类别", "节假日与调休", "Open311 客户端"} <= set(groups["设置"])
    assert "企业诉求" in groups["企业诉求"] and "诉求类别" not in groups["企业诉求"]


def test_the_enterprise_portal_menu_has_no_tag_admin_and_no_settings(client_for):
    groups = _menu_groups(client_for, "enterprise_user")
    assert "设置" not in groups
    assert not any("企业标签" in items for items in groups.values())


def test_recent_activity_lists_what_the_person_changed_themselves(world, client_for):
    client = client_for("economy_staff")
    assert "您最近没有修改过记录" in client.get("/").content.decode()
    answer = client.post(
        "/enterprises/tags/add/", {"park": world.park.pk, "name": "重点监测", "color": "blue"}
    )
    assert answer.status_code == 302
    recent = client.get("/").content.decode().split('data-testid="recent"')[1]
    assert "重点监测" in recent and "新建" in recent
    assert "重点监测" not in client_for("service_staff").get("/").content.decode()  # someone else's change
