"""The summary as PDF, offered only where a converter is installed: with none, the page offers no PDF and
a PDF asked for says why; the plumbing (command line, output file) is checked with a stand-in converter;
the real conversion runs where LibreOffice is installed and is skipped elsewhere."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from scipark.core.testing import World
from scipark.reports import services
from scipark.reports.models import SummaryIssue
from scipark.reports.summary import pdf

pytestmark = pytest.mark.django_db

#: A stand-in for ``soffice``: writes ``<outdir>/<name>.pdf`` as LibreOffice does, and the arguments it got.
STAND_IN = """#!/bin/sh
out=""; last=""
while [ $# -gt 0 ]; do
  if [ "$1" = "--outdir" ]; then shift; out="$1"; fi
  last="$1"; shift
done
name=$(basename "$last" .docx)
printf '%%PDF-1.4 stand-in of %s\\n' "$name" > "$out/$name.pdf"
"""


@pytest.fixture
def without_converter(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


@pytest.fixture
def stand_in(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "soffice"
    script.write_text(STAND_IN)
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}:/usr/bin:/bin")
    return script


@pytest.fixture
def issue(world: World, settings: Any, tmp_path: Path) -> SummaryIssue:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return services.summary_generate(user=world.user("park_leader"), park=world.park, year=2023)


def test_without_a_converter_no_pdf_is_offered_and_one_asked_for_says_why(
    issue: SummaryIssue, without_converter: None, client_for: Any
) -> None:
    assert pdf.converter() is None
    client = client_for("park_leader")
    page = client.get(f"/reports/summary/?park={issue.park.code}&year=2023").content.decode()
    assert 'data-testid="download"' in page and 'data-testid="download-pdf"' not in page
    response = client.get(f"/reports/summary/{issue.pk}/download/?format=pdf", follow=True)
    assert "服务器未安装 LibreOffice" in response.content.decode()
    docx = client.get(f"/reports/summary/{issue.pk}/download/")
    assert docx.status_code == 200 and docx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_with_a_converter_the_page_offers_the_pdf_and_serves_it(
    issue: SummaryIssue, stand_in: Path, client_for: Any
) -> None:
    assert pdf.converter() == str(stand_in)
    client = client_for("park_leader")
    page = client.get(f"/reports/summary/?park={issue.park.code}&year=2023").content.decode()
    assert f"/reports/summary/{issue.pk}/download/?format=pdf" in page
    response = client.get(f"/reports/summary/{issue.pk}/download/?format=pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-1.4 stand-in of " + f"{issue.park.code}-2023-v1".encode())
    assert f'filename="{issue.park.code}-2023-annual-summary-v1.pdf"' in response["Content-Disposition"]


def test_the_command_writes_a_pdf_only_with_a_converter(
    world: World, settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    out = tmp_path / "总结.pdf"
    monkeypatch.setenv("PATH", str(tmp_path))  # no converter here
    with pytest.raises(CommandError, match="未安装 LibreOffice"):
        call_command("report", "annual", "--park", world.park.code, "--year", "2023", "--out", str(out))
    assert not out.exists()
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "soffice").write_text(STAND_IN)
    (folder / "soffice").chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}:/usr/bin:/bin")
    call_command(
        "report",
        "annual",
        "--park",
        world.park.code,
        "--year",
        "2023",
        "--out",
        str(out),
        stdout=io.StringIO(),
    )
    assert out.read_bytes().startswith(b"%PDF-1.4 stand-in of ")


@pytest.mark.skipif(pdf.converter() is None, reason="LibreOffice (soffice) is not installed here")
def test_libreoffice_converts_the_summary(issue: SummaryIssue) -> None:
    with issue.file.open("rb") as stored:
        data = pdf.convert(stored.read())
    assert data.startswith(b"%PDF-")
