"""Walks the URL configuration: every route, the view behind it, and the rule it declares."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    """One named URL pattern with the view it calls."""

    name: str  # namespaced, e.g. "enterprises:enterprise_detail"
    pattern: str
    callback: Any
    kwargs: tuple[str, ...]

    @property
    def view_class(self) -> Any:
        return getattr(self.callback, "view_class", None) or getattr(self.callback, "cls", None)

    @property
    def is_api(self) -> bool:
        return hasattr(self.callback, "cls")

    @property
    def actions(self) -> dict[str, str]:
        """For a DRF viewset route: HTTP method -> viewset action."""
        return dict(getattr(self.callback, "actions", {}) or {})


def iter_routes(patterns: list[Any] | None = None, namespace: str = "", prefix: str = "") -> Iterator[Route]:
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from iter_routes(entry.url_patterns, full_ns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            if not entry.name:
                yield Route("", prefix + str(entry.pattern), entry.callback, ())
                continue
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            kwargs = tuple(entry.pattern.regex.groupindex)
            yield Route(name, prefix + str(entry.pattern), entry.callback, kwargs)
