"""What an app contributes to shared pages and commands, declared on its ``AppConfig`` (DESIGN.md).

Core, reports and the demo import no domain app: they ask :func:`contributions` for what the installed
apps declare. One convention for every kind of contribution, instead of probing for modules by name:

=================== ====================================================================================
attribute           what it holds
=================== ====================================================================================
``menu_items``      :class:`~scipark.core.navigation.MenuItem` entries of the side menu
``figures``         dotted modules whose import registers FIGURES.md rows (``core.figures.figure``)
``importers``       dotted paths of :class:`~scipark.core.imports.Importer` classes
``demo_steps``      dotted paths of demo-builder steps
``testing``         the dotted module with the app's test hooks (route samples, reference data)
``workbench_todos`` dotted paths of callables ``(user) -> list[Todo]`` for the home page
``workbench_figures`` dotted paths of callables ``(user) -> list[KeyFigure]``: the person's department's
    key figures on the home page
``profile_panels``  dotted paths of callables ``(user, enterprise) -> Panel | None`` for 企业画像
``home_pages``      role → URL name of the page that role lands on instead of the workbench
``run_pages``       background-run kind → URL name of the app's page that follows a run of that kind
    (``?run=<token>``): its progress and its own outcome; the generic ``/runs/<token>/`` sends the run's
    owner there instead of drawing the generic importers' ending
=================== ====================================================================================
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType, ModuleType
from typing import Any, ClassVar

from django.apps import AppConfig, apps
from django.utils.functional import Promise
from django.utils.module_loading import import_string

from .navigation import MenuItem


class ModuleConfig(AppConfig):
    """The ``AppConfig`` of a scipark app; every attribute below is optional and empty by default."""

    # Apps import this module, not the class: an apps.py holding two AppConfig classes would make
    # Django pick neither as the default.

    menu_items: ClassVar[tuple[MenuItem, ...]] = ()
    figures: ClassVar[tuple[str, ...]] = ()
    importers: ClassVar[tuple[str, ...]] = ()
    demo_steps: ClassVar[tuple[str, ...]] = ()
    testing: ClassVar[str | None] = None
    workbench_todos: ClassVar[tuple[str, ...]] = ()
    workbench_figures: ClassVar[tuple[str, ...]] = ()
    profile_panels: ClassVar[tuple[str, ...]] = ()
    home_pages: ClassVar[Mapping[str, str]] = MappingProxyType({})
    run_pages: ClassVar[Mapping[str, str]] = MappingProxyType({})


@dataclass(frozen=True)
class Panel:
    """One app's part of 企业画像: a title, a few key facts, a short table or list (the app's template
    snippet renders ``panel.rows`` and ``panel.extra``) and the link to the app's list of these records."""

    title: str | Promise
    template: str  # the app's snippet, rendered with ``panel`` in its context
    facts: tuple[tuple[str | Promise, Any], ...] = ()
    rows: tuple[Any, ...] = ()
    link: str = ""  # the app's list, filtered to the enterprise
    link_label: str | Promise = ""  # the link's words (查看全部 when empty)
    extra: Mapping[str, Any] = field(default_factory=dict)
    order: int = 100  # panels are shown by order (the registry's first)
    slug: str = ""  # names the panel for tests (``data-testid="profile-<slug>"``)


def profile_panels_for(user: Any, enterprise: Any) -> list[Panel]:
    """The panels every app contributes for ``enterprise`` as ``user`` may see it (None: nothing to see)."""
    panels = [contribute(user, enterprise) for contribute in contributed_objects("profile_panels")]
    return sorted((p for p in panels if p is not None), key=lambda p: p.order)


def run_page_for(kind: str) -> str | None:
    """The URL name of the page an app declares for runs of ``kind`` (``run_pages``), or None: core's own."""
    for config in module_configs():
        if kind in config.run_pages:
            return config.run_pages[kind]
    return None


def module_configs() -> list[ModuleConfig]:
    """The installed apps that declare contributions, in ``INSTALLED_APPS`` order."""
    return [c for c in apps.get_app_configs() if isinstance(c, ModuleConfig)]


def contributions(attribute: str) -> Iterator[tuple[ModuleConfig, Any]]:
    """Each entry every app declares under ``attribute``, with the app that declares it."""
    for config in module_configs():
        value = getattr(config, attribute)
        if value is None:
            continue
        if isinstance(value, str):
            yield config, value
        else:
            for item in value:
                yield config, item


def contributed_objects(attribute: str) -> list[Any]:
    """The imported objects behind the dotted paths declared under ``attribute``."""
    return [import_string(path) for _config, path in contributions(attribute)]


def contributed_modules(attribute: str) -> list[ModuleType]:
    """The imported modules declared under ``attribute`` (``figures``, ``testing``)."""
    return [importlib.import_module(path) for _config, path in contributions(attribute)]
