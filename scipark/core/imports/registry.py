"""Finding importers by kind: each app lists its importers in ``<app>/importers.py`` as ``IMPORTERS``."""

from __future__ import annotations

import importlib
import importlib.util

from django.apps import apps

from .importer import Importer


def importers() -> dict[str, type[Importer]]:
    """Every installed app's importers, by ``kind`` (``"enterprises"`` …)."""
    found: dict[str, type[Importer]] = {}
    for config in apps.get_app_configs():
        module_name = f"{config.name}.importers"
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        for importer in getattr(module, "IMPORTERS", ()):
            found[importer.kind] = importer
    return found
