"""万元 reads one way in English (glossary 万元): “(10,000 yuan)” after a header or a label, “× 10,000 yuan”
after a figure. The catalogues had three: “10k yuan” (core's and economy's word, so a change log read
“1,234.56 10k yuan” and a project page “24,798.95 10k yuan”), “10 thousand yuan” (investment's loan
column) and “10,000 yuan”."""

from __future__ import annotations

from pathlib import Path

import polib
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, pgettext

ROOT = Path(settings.BASE_DIR)
CATALOGUES = sorted([ROOT / "locale", *(ROOT / "scipark").glob("*/locale")])


def test_every_catalogue_words_wan_as_10000_yuan() -> None:
    worded = []
    for catalogue in CATALOGUES:
        for entry in polib.pofile(str(catalogue / "en" / "LC_MESSAGES" / "django.po")):
            if "万元" in entry.msgid and entry.msgstr:
                worded.append((entry.msgid, entry.msgstr))
                assert "10k" not in entry.msgstr and "10 thousand" not in entry.msgstr, (
                    catalogue,
                    entry.msgid,
                )
    assert len(worded) > 20  # the catalogues were read


def test_the_word_after_a_figure_and_the_unit_in_brackets() -> None:
    with translation.override("en"):
        assert gettext("万元") == "× 10,000 yuan"  # 24,798.95 × 10,000 yuan
        assert pgettext("column unit", "万元") == "10,000 yuan"  # Revenue (10,000 yuan)
        assert gettext("注册资本(万元)") == "Registered capital (10,000 yuan)"
        assert gettext("金额(万元)") == "Amount (10,000 yuan)"
    with translation.override("zh-hans"):
        assert gettext("万元") == pgettext("column unit", "万元") == "万元"
