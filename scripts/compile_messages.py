"""Compile every catalogue (locale/ and each app's scipark/*/locale/) into .mo with polib, so that set-up
needs no gettext."""

from __future__ import annotations

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    catalogues = [
        *(ROOT / "locale").glob("*/LC_MESSAGES/*.po"),
        *ROOT.glob("scipark/*/locale/*/LC_MESSAGES/*.po"),
    ]
    for po_path in sorted(catalogues):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))


if __name__ == "__main__":
    main()
