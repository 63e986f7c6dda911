"""A refused step says why at its own form: on a phone the page came back (400, the text kept) with the
message at the top and the form with the kept reply a screen or more below, so the user saw neither
together. The refusal now sits in the step's form above the kept text, focused so the page opens there;
a step no longer offered (no form to show it at) keeps the page's message."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from scipark.appeals.models import AppealState
from scipark.appeals.testing import make_appeal
from scipark.parks.models import Department

pytestmark = pytest.mark.django_db


def _form(html: str, action: str) -> str:
    found = re.search(rf'<form[^>]*data-testid="step-{action}".*?</form>', html, re.S)
    assert found, f"no form for {action}"
    return found.group(0)


def test_a_refused_reply_says_why_in_its_form_and_takes_the_focus(
    world: Any, category: Any, client_for: Any
) -> None:
    appeal = make_appeal(world.park, category, enterprise=world.enterprise, state=AppealState.IN_PROGRESS)
    appeal.lead_department = Department.objects.get(park=world.park, kind="service")
    appeal.save()
    exe = SimpleUploadedFile("bad.exe", b"MZ\x90\x00binary", content_type="application/octet-stream")
    reply = "供电所已更换进线电缆接头,连续三晚未再停电。"
    response = client_for("service_staff").post(
        f"/appeals/{appeal.pk}/step/",
        {"action": "conclude", "version": appeal.version, "notes": reply, "attachments": exe},
    )
    assert response.status_code == 400
    html = response.content.decode()
    form = _form(html, "conclude")
    refusal = re.search(
        r'<div class="alert[^"]*"[^>]*data-testid="step-refusal"[^>]*>(.*?)</div></div>', form, re.S
    )
    assert refusal, form
    assert "类型不受支持" in refusal.group(1)
    assert 'role="alert"' in refusal.group(0) and "autofocus" in refusal.group(0)
    assert form.index("step-refusal") < form.index(reply)
    assert 'aria-describedby="refusal-conclude"' in form
    assert html.count("类型不受支持") == 1  # not again at the top of the page
    assert html.count('data-testid="step-refusal"') == 1


def test_a_step_no_longer_offered_keeps_the_pages_message(world: Any, category: Any, client_for: Any) -> None:
    appeal = make_appeal(world.park, category, enterprise=world.enterprise, state=AppealState.ACCEPTED)
    response = client_for("service_staff").post(
        f"/appeals/{appeal.pk}/step/", {"action": "rate", "version": appeal.version, "score": "5"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-testid="step-refusal"' not in html
    assert 'class="alert alert-danger' in html or "alert-danger" in html
