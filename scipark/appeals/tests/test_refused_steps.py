"""A step the service refuses keeps what was typed into its form; the forms start from the appeal's facts.

Found walking the workflow in a browser: a reply or note typed beside a file of a refused type came back
as an empty form (the page redirected), the satisfaction score came preselected at 5 (非常满意), and a second
转办 offered no co-handling departments, so changing the lead dropped them.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from scipark.appeals.models import AppealState
from scipark.appeals.testing import make_appeal
from scipark.parks.models import Department


def _exe() -> Any:
    return SimpleUploadedFile("bad.exe", b"MZ\x90\x00binary", content_type="application/octet-stream")


def _form(html: str, action: str) -> str:
    found = re.search(rf'<form[^>]*data-testid="step-{action}".*?</form>', html, re.S)
    assert found, f"no form for {action}"
    return found.group(0)


@pytest.mark.django_db
def test_a_refused_reply_is_shown_again_with_what_was_typed(
    world: Any, category: Any, client_for: Any
) -> None:
    lead = Department.objects.get(park=world.park, kind="service")
    appeal = make_appeal(world.park, category, enterprise=world.enterprise, state=AppealState.IN_PROGRESS)
    appeal.lead_department = lead
    appeal.save()
    staff = client_for("service_staff")
    reply = "供电所已更换进线电缆接头,连续三晚未再停电。"
    response = staff.post(
        f"/appeals/{appeal.pk}/step/",
        {"action": "conclude", "version": appeal.version, "notes": reply, "attachments": _exe()},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "类型不受支持" in html
    form = _form(html, "conclude")
    assert reply in form and "checked" not in form  # "问题已解决" was left unticked
    appeal.refresh_from_db()
    assert appeal.state == AppealState.IN_PROGRESS


@pytest.mark.django_db
def test_a_refused_note_keeps_its_text_and_internal_mark(world: Any, category: Any, client_for: Any) -> None:
    appeal = make_appeal(world.park, category, enterprise=world.enterprise, state=AppealState.ACCEPTED)
    staff = client_for("service_staff")
    response = staff.post(
        f"/appeals/{appeal.pk}/step/",
        {
            "action": "note",
            "version": appeal.version,
            "notes": "企业来电补充",
            "internal": "on",
            "attachments": _exe(),
        },
    )
    assert response.status_code == 400
    form = _form(response.content.decode(), "note")
    assert "企业来电补充" in form and re.search(r'name="internal"[^>]*checked', form)
    assert not appeal.steps.filter(action="note").exists()


@pytest.mark.django_db
def test_the_score_is_chosen_not_preselected(world: Any, category: Any, client_for: Any) -> None:
    appeal = make_appeal(world.park, category, enterprise=world.enterprise, state=AppealState.CONCLUDED)
    ent = client_for("enterprise_user")
    form = _form(ent.get(f"/appeals/{appeal.pk}/").content.decode(), "rate")
    options = re.findall(r"<option[^>]*>", form)
    assert options[0] == '<option value="">' and not any("selected" in o for o in options)
    response = ent.post(
        f"/appeals/{appeal.pk}/step/", {"action": "rate", "version": appeal.version, "notes": "处理及时"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "请选择满意度" in html and "处理及时" in _form(html, "rate")
    assert not appeal.ratings.exists()


@pytest.mark.django_db
def test_a_second_assignment_starts_from_the_current_departments(
    world: Any, category: Any, client_for: Any
) -> None:
    lead = Department.objects.get(park=world.park, kind="service")
    co = Department.objects.get(park=world.park, kind="economy")
    appeal = make_appeal(world.park, category, enterprise=world.enterprise, state=AppealState.ASSIGNED)
    appeal.lead_department = lead
    appeal.save()
    appeal.co_handlers.set([co])
    form = _form(client_for("service_staff").get(f"/appeals/{appeal.pk}/").content.decode(), "assign")
    co_select = re.search(r'<select name="co_departments".*?</select>', form, re.S)
    assert co_select and re.findall(r'<option value="(\d+)" selected>', co_select.group(0)) == [str(co.pk)]


@pytest.mark.django_db
def test_the_refused_steps_address_opened_again_is_the_appeals_page(
    world: Any, category: Any, client_for: Any
) -> None:
    # A refused step is shown at /step/; a reload or the language switch opens that address with GET.
    appeal = make_appeal(world.park, category, enterprise=world.enterprise, state=AppealState.ACCEPTED)
    response = client_for("service_staff").get(f"/appeals/{appeal.pk}/step/")
    assert response.status_code == 302 and response["Location"] == f"/appeals/{appeal.pk}/"
    assert client_for("other_park_staff").get(f"/appeals/{appeal.pk}/step/").status_code == 404
