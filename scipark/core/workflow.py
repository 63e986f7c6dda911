"""Workflows as data: one transition table that the buttons, the services, the API and the tests all read.

A module declares its state machine once (``appeals/workflow.py`` is the example)::

    FLOW = Workflow(
        [Transition("accept", {"submitted"}, "accepted", {"dispatcher"}), ...],
        states=AppealState, actions=AppealStep.Action,
    )

and writes one function per step, registered with ``@FLOW.step("accept")``. Every caller goes through one
dispatch, ``FLOW.run(action, **data)``, so the page, the API and the tests cannot drift apart. A step starts
with :meth:`Workflow.begin`: lock the stored row, re-check the user's reach and the caller's version
(``core.services.lock_for_change``), then check that the table allows the action from the stored state and
for the user's part in the object.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from . import access
from .services import lock_for_change

M = TypeVar("M", bound=models.Model)
StepFunction = Callable[..., Any]


class TransitionError(ValidationError):
    """The step is not allowed from the object's current state (or there is no such step)."""


@dataclass(frozen=True)
class Transition:
    """One allowed step: from which states, to which (``None``: the state stays, a note), and by whom."""

    action: str
    sources: frozenset[str]
    target: str | None
    actors: frozenset[str]

    def __init__(
        self, action: str, sources: Iterable[str], target: str | None, actors: Iterable[str]
    ) -> None:
        object.__setattr__(self, "action", str(action))
        object.__setattr__(self, "sources", frozenset(str(s) for s in sources))
        object.__setattr__(self, "target", None if target is None else str(target))
        object.__setattr__(self, "actors", frozenset(str(a) for a in actors))


class Workflow:
    """A state machine: its transitions, the button order, and the step functions registered for it."""

    def __init__(
        self,
        transitions: Iterable[Transition],
        *,
        states: Any,
        actions: Any,
        buttons: Sequence[str] | None = None,
        state_field: str = "state",
    ) -> None:
        self.transitions: dict[str, Transition] = {t.action: t for t in transitions}
        self.buttons: tuple[str, ...] = tuple(str(b) for b in (buttons or self.transitions))
        self.state_field = state_field
        # Labels stay lazy: they are translated when a message is made, in the user's language.
        self._state_labels = {str(v): label for v, label in states.choices}
        self._action_labels = {str(v): label for v, label in actions.choices}
        self._steps: dict[str, StepFunction] = {}

    # --- the table ---------------------------------------------------------------------------------

    def allowed(self, action: str, state: str) -> bool:
        """Whether ``action`` may be taken from ``state`` (whoever takes it)."""
        transition = self.transitions.get(str(action))
        return transition is not None and str(state) in transition.sources

    def target_state(self, action: str, state: str) -> str:
        """The state after ``action`` from ``state`` (the same state for a note)."""
        target = self.transitions[str(action)].target
        return str(state) if target is None else target

    def available_actions(self, state: str, actors: Iterable[str]) -> list[str]:
        """The actions these actors may take from ``state``, in button order."""
        parts = frozenset(str(a) for a in actors)
        return [
            a
            for a in self.buttons
            if str(state) in self.transitions[a].sources and self.transitions[a].actors & parts
        ]

    def label(self, action: str) -> str:
        """The action's name in the active language."""
        return str(self._action_labels.get(str(action), action))

    def check(self, action: str, state: str, actors: Iterable[str] | None) -> Transition:
        """The transition for ``action`` from ``state`` taken by someone playing ``actors``.

        Unknown action or wrong state → ``TransitionError`` (a message naming both); a part that the table
        does not allow → ``AccessDenied`` (403). ``actors=None`` is a system step (no part to check).
        """
        transition = self.transitions.get(str(action))
        if transition is None:
            raise TransitionError(_("没有「%(action)s」这一操作。") % {"action": action})
        if str(state) not in transition.sources:
            state_label = str(self._state_labels.get(str(state), state))
            raise TransitionError(
                _("当前状态为「%(state)s」,不能执行「%(action)s」。")
                % {"state": state_label, "action": self.label(action)}
            )
        if actors is not None and not (frozenset(str(a) for a in actors) & transition.actors):
            raise access.AccessDenied(
                _("您不能对该记录执行「%(action)s」。") % {"action": self.label(action)}
            )
        return transition

    # --- the steps ---------------------------------------------------------------------------------

    def begin(
        self,
        model: type[M],
        pk: Any,
        *,
        user: Any,
        action: str,
        version: int | None,
        actors: Callable[[Any, M], Iterable[str]],
        related: Sequence[str] = (),
    ) -> tuple[M, str]:
        """The prelude of every step: lock, reach, version, then the table. Returns the row and its state."""
        locked = lock_for_change(
            model, pk, user=user, action=access.Action.VIEW, expected_version=version, related=related
        )
        state = str(getattr(locked, self.state_field))
        self.check(action, state, None if user is None else actors(user, locked))
        return locked, state

    def step(self, action: str) -> Callable[[StepFunction], StepFunction]:
        """Register the function that carries out ``action`` (one per action of the table)."""
        if str(action) not in self.transitions:
            raise ValueError(f"{action!r} is not in the transition table")

        def register(function: StepFunction) -> StepFunction:
            self._steps[str(action)] = function
            return function

        return register

    def run(self, action: str, **data: Any) -> Any:
        """The one dispatch: carry out ``action`` through its registered step function."""
        function = self._steps.get(str(action))
        if function is None:
            raise TransitionError(_("没有「%(action)s」这一操作。") % {"action": action})
        return function(**data)

    def unregistered(self) -> list[str]:
        """Actions of the table without a step function (a test asserts there are none)."""
        return [a for a in self.transitions if a not in self._steps]
