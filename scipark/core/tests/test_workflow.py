"""The generic workflow table: allowed steps, parts, the one dispatch, and hand-made edge cases."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import models

from scipark.core import access
from scipark.core.workflow import Transition, TransitionError, Workflow


class State(models.TextChoices):
    OPEN = "open", "待办"
    DONE = "done", "已办结"
    CLOSED = "closed", "已销号"


class Step(models.TextChoices):
    FINISH = "finish", "办结"
    CLOSE = "close", "销号"
    REOPEN = "reopen", "重办"
    NOTE = "note", "备注"


def make_flow() -> Workflow:
    return Workflow(
        [
            Transition(Step.FINISH, {State.OPEN}, State.DONE, {"handler"}),
            Transition(Step.CLOSE, {State.DONE}, State.CLOSED, {"reviewer"}),
            Transition(Step.REOPEN, {State.DONE, State.CLOSED}, State.OPEN, {"reviewer"}),
            Transition(Step.NOTE, {State.OPEN, State.DONE}, None, {"handler", "reviewer"}),
        ],
        states=State,
        actions=Step,
        buttons=[Step.CLOSE, Step.FINISH, Step.REOPEN, Step.NOTE],
    )


def test_the_table_answers_which_step_goes_where() -> None:
    flow = make_flow()
    assert flow.allowed(Step.FINISH, State.OPEN)
    assert not flow.allowed(Step.FINISH, State.DONE)
    assert not flow.allowed("unknown", State.OPEN)
    assert flow.target_state(Step.CLOSE, State.DONE) == State.CLOSED
    assert flow.target_state(Step.NOTE, State.DONE) == State.DONE  # a note keeps the state


def test_buttons_follow_the_declared_order_and_the_part_played() -> None:
    flow = make_flow()
    assert flow.available_actions(State.DONE, {"reviewer"}) == [Step.CLOSE, Step.REOPEN, Step.NOTE]
    assert flow.available_actions(State.DONE, {"handler"}) == [Step.NOTE]
    assert flow.available_actions(State.CLOSED, {"handler"}) == []


def test_a_wrong_state_names_the_state_and_the_step_in_chinese() -> None:
    with pytest.raises(TransitionError) as caught:
        make_flow().check(Step.CLOSE, State.OPEN, {"reviewer"})
    assert caught.value.messages == ["当前状态为「待办」,不能执行「销号」。"]


def test_a_part_the_table_does_not_allow_is_access_denied_not_a_form_error() -> None:
    with pytest.raises(access.AccessDenied) as caught:
        make_flow().check(Step.CLOSE, State.DONE, {"handler"})
    assert not caught.value.not_found
    make_flow().check(Step.CLOSE, State.DONE, None)  # a system step checks no part


def test_one_dispatch_runs_the_registered_step_and_refuses_unknown_ones() -> None:
    flow = make_flow()
    calls: list[dict[str, Any]] = []

    @flow.step(Step.FINISH)
    def finish(**data: Any) -> str:
        calls.append(data)
        return "finished"

    assert flow.run(Step.FINISH, user=None, version=3) == "finished"
    assert calls == [{"user": None, "version": 3}]
    assert set(flow.unregistered()) == {Step.CLOSE, Step.REOPEN, Step.NOTE}
    with pytest.raises(TransitionError):
        flow.run(Step.CLOSE)
    with pytest.raises(ValueError):
        flow.step("not-in-table")


def test_labels_follow_the_active_language() -> None:
    from django.utils.translation import gettext_lazy, override

    class Lazy(models.TextChoices):
        FINISH = "finish", gettext_lazy("保存")

    flow = Workflow([Transition(Lazy.FINISH, {State.OPEN}, State.DONE, {"h"})], states=State, actions=Lazy)
    with override("en"):
        assert flow.label(Lazy.FINISH) == "Save"
    with override("zh-hans"):
        assert flow.label(Lazy.FINISH) == "保存"
