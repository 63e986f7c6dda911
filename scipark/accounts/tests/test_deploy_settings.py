"""Deployment (SECURITY.md row 18): ``check --deploy`` with production settings gives 0 warnings, and
the sign-in pages need no inline script or style under the strict CSP."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.test import Client
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[3]


def test_check_deploy_with_production_settings_gives_no_warnings():
    # A deployment's environment: not the test run's (browser tests set DJANGO_ALLOW_ASYNC_UNSAFE).
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SCIPARK_"))},
        "DJANGO_SETTINGS_MODULE": "scipark.settings.production",
        "SCIPARK_SECRET_KEY": secrets.token_urlsafe(64),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_turn_on_mfa_hsts_and_secure_cookies():
    source = (ROOT / "scipark" / "settings" / "production.py").read_text()
    for line in (
        "SCIPARK_REQUIRE_MFA = True",
        "SECURE_HSTS_SECONDS = 31536000",
        "SESSION_COOKIE_SECURE = True",
        "CSRF_COOKIE_SECURE = True",
    ):
        assert line in source


def test_the_login_page_is_sent_with_a_strict_csp_and_has_no_inline_code(db):
    response = Client().get(reverse("accounts:login"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    html = response.content.decode()
    assert "<script>" not in html and "style=" not in html and " on" + "click=" not in html
