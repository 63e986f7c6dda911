"""The English catalogue is complete and keeps every placeholder of its Chinese source strings."""

import ast
import os
import re
import shutil
import subprocess
import sys
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


#: What ``make translations`` leaves out of the main catalogue (each app with a locale/ keeps its own).
NOT_SCANNED = (".venv", "node_modules", "var", "bench")
#: The script, not ``python -m django``: that puts the app's folder first on the path, where its
#: ``selectors`` package hides the standard library's.
DJANGO_ADMIN = Path(sys.executable).parent / "django-admin"


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> None:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"{' '.join(command)} in {cwd}:\n{done.stderr}"


def _refreshed_catalogues(copy: Path) -> list[Path]:
    """Run ``make translations``' two makemessages steps on a copy of the tree; the copy's catalogues."""
    shutil.copytree(ROOT / "scipark", copy / "scipark", ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copytree(ROOT / "locale", copy / "locale", ignore=shutil.ignore_patterns("*.mo"))
    shutil.copy(ROOT / "manage.py", copy / "manage.py")
    apps = sorted(p.parent for p in copy.glob("scipark/*/locale"))
    ignored = [*NOT_SCANNED, *(str(a.relative_to(copy)) for a in apps)]
    command = [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-obsolete"]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "scipark.settings.test", "PYTHONPATH": str(copy)}
    _run(command + [f"--ignore={i}" for i in ignored], copy, env)
    del env["DJANGO_SETTINGS_MODULE"]  # an app's folder is read without settings, so only that folder is read
    for app in apps:
        _run([str(DJANGO_ADMIN), *command[2:]], app, env)
    return [copy / "locale/en/LC_MESSAGES/django.po", *(a / "locale/en/LC_MESSAGES/django.po" for a in apps)]


def _translated(entry: polib.POEntry) -> bool:
    translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
    return all(translations) and "fuzzy" not in entry.flags


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs gettext's xgettext (Debian: gettext)")
def test_every_string_the_code_marks_for_translation_has_its_english(tmp_path: Path) -> None:
    """A string marked in the code but never added to a catalogue shows in Chinese on the English page
    (the economy dashboard's table headers and sentences did): refreshed from the code as ``make
    translations`` does, every entry is translated in its catalogue or in another (Django reads them all)."""
    known = {
        (entry.msgctxt, entry.msgid)
        for path in [CATALOGUE, *APP_CATALOGUES]
        for entry in polib.pofile(str(path))
        if not entry.obsolete and _translated(entry)
    }
    problems = [
        f"{path.relative_to(tmp_path)}: {entry.msgid!r} {entry.occurrences[:1]}"
        for path in _refreshed_catalogues(tmp_path)
        for entry in polib.pofile(str(path))
        if not entry.obsolete and not _translated(entry) and (entry.msgctxt, entry.msgid) not in known
    ]
    assert not problems, "untranslated (run `make translations`, then translate):\n" + "\n".join(problems)


EAGER = {"gettext", "pgettext", "ngettext", "npgettext"}


def _made_at_import(path: Path) -> list[str]:
    """Translations a module makes when it is imported (in the language of whoever imported it first):
    eager gettext calls, and ``str(x.label)`` of a choice, outside any function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    eager = {
        alias.asname or alias.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation"
        for alias in node.names
        if alias.name in EAGER
    }
    found: list[str] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            return  # runs later, in the reader's language
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            label = node.args[0] if node.args else None
            if node.func.id in eager or (
                node.func.id == "str" and isinstance(label, ast.Attribute) and label.attr == "label"
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def test_no_module_translates_when_it_is_imported() -> None:
    """The map's layers, the token lifetimes and 三员's refusal were worded when their modules were
    imported, so the English pages showed them in Chinese: such a string must be lazy or made per call."""
    sources = [
        p
        for p in sorted((ROOT / "scipark").rglob("*.py"))
        if "tests" not in p.parts and "migrations" not in p.parts
    ]
    assert len(sources) > 200
    assert [place for path in sources for place in _made_at_import(path)] == []


def test_no_two_catalogues_translate_a_message_differently() -> None:
    """Django merges the catalogues into one per language (LOCALE_PATHS first, then the apps in
    INSTALLED_APPS order), so a message two catalogues translate differently reads only one of them on
    every page: 退出 was “Log out” for an incubator's exited enterprise and an above-scale set's leavers,
    项目名称 “Action name” on investment's project list. The same words in the same sense read one way;
    a word with two senses takes a message context (``pgettext``, ``{% translate … context … %}``)."""
    seen: dict[tuple[str, str], dict[str, str]] = {}
    for path in [CATALOGUE, *APP_CATALOGUES]:
        for entry in polib.pofile(str(path)):
            if entry.obsolete or not _translated(entry):
                continue
            text = " | ".join(entry.msgstr_plural.values()) if entry.msgid_plural else entry.msgstr
            seen.setdefault((entry.msgctxt or "", entry.msgid), {})[str(path.relative_to(ROOT))] = text
    problems = [
        f"{(context + ' ') if context else ''}{msgid!r}: {translations}"
        for (context, msgid), translations in sorted(seen.items())
        if len(set(translations.values())) > 1
    ]
    assert not problems, "translated differently by two catalogues:\n" + "\n".join(problems)
