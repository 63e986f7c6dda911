"""The appeal state machine as data: which action moves which states to which, and who may take it.

Services look transitions up here and nowhere else; the detail page shows the buttons this table allows;
the tests walk every (action, state) pair.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .models import AppealState as S
from .models import AppealStep


class Actor(StrEnum):
    """The parts a user can play on one appeal (worked out in ``selectors.appeal_actors``)."""

    DISPATCHER = "dispatcher"  # staff of the park's 企业服务 department: accepts, assigns, closes the loop
    HANDLER = "handler"  # staff of the lead department
    CO_HANDLER = "co_handler"  # staff of a co-handling department
    REQUESTER = "requester"  # the enterprise's users (or whoever filed it)


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[S]
    target: S | None  # None: the state does not change (a note)
    actors: frozenset[Actor]


A = AppealStep.Action
D, H, C, R = Actor.DISPATCHER, Actor.HANDLER, Actor.CO_HANDLER, Actor.REQUESTER
ALL_BUT_ARCHIVED = frozenset(s for s in S if s != S.ARCHIVED)

#: The one table of allowed transitions (ADR 0007).
TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition(A.ACCEPT, frozenset({S.SUBMITTED, S.RETURNED}), S.ACCEPTED, frozenset({D})),
        Transition(A.ASSIGN, frozenset({S.ACCEPTED, S.ASSIGNED, S.RETURNED}), S.ASSIGNED, frozenset({D})),
        Transition(A.START, frozenset({S.ASSIGNED}), S.IN_PROGRESS, frozenset({H, D})),
        Transition(
            A.RETURN, frozenset({S.SUBMITTED, S.ASSIGNED, S.IN_PROGRESS}), S.RETURNED, frozenset({H, D})
        ),
        Transition(A.RESOLVE, frozenset({S.IN_PROGRESS, S.RETURNED}), S.CONCLUDED, frozenset({H, D})),
        Transition(A.RATE, frozenset({S.CONCLUDED}), S.RATED, frozenset({R, D})),
        Transition(A.REOPEN, frozenset({S.CONCLUDED, S.RATED}), S.IN_PROGRESS, frozenset({D})),
        Transition(A.ARCHIVE, frozenset({S.CONCLUDED, S.RATED}), S.ARCHIVED, frozenset({D})),
        Transition(A.NOTE, ALL_BUT_ARCHIVED, None, frozenset({D, H, C, R})),
    )
}

#: The order the action buttons appear in on the detail page.
BUTTON_ORDER: tuple[str, ...] = (
    A.ACCEPT,
    A.ASSIGN,
    A.START,
    A.RESOLVE,
    A.RETURN,
    A.RATE,
    A.REOPEN,
    A.ARCHIVE,
    A.NOTE,
)


def allowed(action: str, state: str) -> bool:
    """Whether ``action`` may be taken from ``state`` (ignoring who takes it)."""
    transition = TRANSITIONS.get(action)
    return transition is not None and S(state) in transition.sources


def target_state(action: str, state: str) -> S:
    transition = TRANSITIONS[action]
    return transition.target if transition.target is not None else S(state)


def available_actions(state: str, actors: frozenset[Actor]) -> list[str]:
    """The actions these actors may take from ``state``, in button order."""
    return [a for a in BUTTON_ORDER if S(state) in TRANSITIONS[a].sources and TRANSITIONS[a].actors & actors]
