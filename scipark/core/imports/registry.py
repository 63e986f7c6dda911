"""Finding importers by kind: each app declares its importer classes on its AppConfig (``importers``)."""

from __future__ import annotations

from scipark.core.contributions import contributed_objects

from .importer import Importer


def importers() -> dict[str, type[Importer]]:
    """Every installed app's importers, by ``kind`` (``"enterprises"`` …)."""
    found: dict[str, type[Importer]] = {}
    for importer in contributed_objects("importers"):
        found[importer.kind] = importer
    return found
