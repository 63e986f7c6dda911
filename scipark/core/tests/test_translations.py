"""The English catalogue is complete and keeps every placeholder of its Chinese source strings."""

import re
from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parents[3] / "locale" / "en" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def test_every_source_string_has_an_english_translation_with_the_same_placeholders():
    catalogue = polib.pofile(str(CATALOGUE))
    assert len(catalogue) > 100
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
