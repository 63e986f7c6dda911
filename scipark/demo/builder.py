"""The demo park builder: an ordered list of steps, each building (and wiping) its own records.

The registry (zone, parks, departments), the enterprises and the accounts are the first steps; the
domain modules (economy, investment, innovation, environment, service) add theirs by naming them in
``DEMO_STEPS`` below or on their AppConfig as ``demo_steps = ("dotted.path.StepClass", …)``. Steps
run in ``order``; wiping runs in reverse order, so a later step's rows go before the rows they point at.

Everything a step makes comes from ``ctx.rng`` (fixed seed) and ``seed.py``: every run is the same.
Rows are written with ``bulk_create`` and the change log is switched off while the demo is built:
demo rows are not business changes.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

from auditlog.context import disable_auditlog
from django.apps import apps
from django.db import transaction
from django.utils.module_loading import import_string

from scipark.core.contributions import contributions

from . import seed

#: The built-in steps, by dotted path (imported lazily so that app loading stays cheap).
DEMO_STEPS: tuple[str, ...] = (
    "scipark.demo.steps.structure.StructureStep",
    "scipark.demo.steps.enterprises.EnterprisesStep",
    "scipark.demo.steps.accounts.AccountsStep",
)


@dataclass
class DemoContext:
    """What steps share: the random source and the rows earlier steps made."""

    rng: random.Random
    zone: Any = None
    parks: dict[str, Any] = field(default_factory=dict)  # park code -> Park
    departments: dict[tuple[str, str], Any] = field(default_factory=dict)  # (park code, kind) -> Department
    enterprises: dict[str, list[Any]] = field(default_factory=dict)  # park code -> [Enterprise]
    named: dict[str, Any] = field(default_factory=dict)  # seed key -> Enterprise (bio park)
    tags: dict[tuple[str, str], Any] = field(default_factory=dict)  # (park code, tag name) -> Tag
    extra: dict[str, Any] = field(default_factory=dict)  # for later steps' own hand-over

    def park(self, code: str = seed.REFERENCE_PARK) -> Any:
        return self.parks[code]


class DemoStep(Protocol):
    """One part of the demo: builds its rows from the context, and can remove them again."""

    name: ClassVar[str]
    order: ClassVar[int]

    def build(self, ctx: DemoContext) -> None: ...

    def wipe(self, ctx: DemoContext) -> None: ...


def load_steps(paths: Sequence[str] | None = None) -> list[DemoStep]:
    """The steps to run: the built-in ones plus those the apps declare, in ``order``."""
    dotted = list(DEMO_STEPS if paths is None else paths)
    if paths is None:
        dotted.extend(p for _config, p in contributions("demo_steps") if p not in dotted)
    steps: list[DemoStep] = [import_string(path)() for path in dotted]
    return sorted(steps, key=lambda s: s.order)


def demo_exists() -> bool:
    """Whether any zone exists (``demo --if-empty`` then leaves the database alone)."""
    return bool(apps.get_model("parks", "Zone").objects.exists())


class DemoBuilder:
    """Runs the steps: ``DemoBuilder().rebuild()`` wipes the demo's rows and builds them again."""

    def __init__(
        self,
        steps: Sequence[DemoStep] | None = None,
        *,
        seed_value: int = seed.RANDOM_SEED,
        report: Callable[[str], None] | None = None,
    ) -> None:
        self.steps = list(steps) if steps is not None else load_steps()
        self.seed_value = seed_value
        self.report = report or (lambda _message: None)

    def context(self) -> DemoContext:
        return DemoContext(rng=random.Random(self.seed_value))  # noqa: S311  (demo data, not secrets)

    def wipe(self) -> None:
        """Remove the demo's rows, later steps first."""
        ctx = self.context()
        with disable_auditlog(), transaction.atomic():
            for step in reversed(self.steps):
                step.wipe(ctx)

    def build(self) -> DemoContext:
        """Build every step into an empty demo; returns the context (tests read it)."""
        ctx = self.context()
        with disable_auditlog(), transaction.atomic():
            for step in self.steps:
                started = time.monotonic()
                step.build(ctx)
                self.report(f"{step.name}: {time.monotonic() - started:.1f}s")
        return ctx

    def rebuild(self) -> DemoContext:
        self.wipe()
        return self.build()
