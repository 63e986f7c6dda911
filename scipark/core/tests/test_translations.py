"""The English catalogue is complete and keeps every placeholder of its Chinese source strings."""

import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[3]
CATALOGUE = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
#: Apps keep their own catalogue (scipark/<app>/locale/en/LC_MESSAGES/django.po); see ``make translations``.
APP_CATALOGUES = sorted(ROOT.glob("scipark/*/locale/en/LC_MESSAGES/django.po"))
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def test_the_main_catalogue_is_not_empty():
    assert len(polib.pofile(str(CATALOGUE))) > 100


@pytest.mark.parametrize("path", [CATALOGUE, *APP_CATALOGUES], ids=lambda p: str(p.relative_to(ROOT)))
def test_every_source_string_has_an_english_translation_with_the_same_placeholders(path: Path) -> None:
    catalogue = polib.pofile(str(path))
    problems = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        if not all(translations) or "fuzzy" in entry.flags:
            problems.append(f"untranslated: {entry.msgid!r}")
            continue
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        for text in translations:
            if entry.msgid_plural:
                continue  # plural forms may drop the count in the singular
            if sorted(PLACEHOLDER.findall(text)) != expected:
                problems.append(f"placeholders differ: {entry.msgid!r} -> {text!r}")
    assert not problems, "\n".join(problems)
