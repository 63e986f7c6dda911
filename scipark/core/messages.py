"""Words kept as a catalogue string and its values, worded in the reader's language when shown (ADR 0003
rule 7): a notification's title and body, an indicator alert's sentence — text written once, by a sender
or a daily job, and read later by people in either language.

A sender hands ``notifications.services.notify`` a :class:`Message`: ``msg``, the Chinese source string
marked where it is written (``gettext_noop("您的诉求已受理:%(title)s")``, named placeholders only, a literal
``%`` written ``%%``), and ``params``, its values, stored as JSON. The page words it as ``gettext(msg) %
params`` in the active language; the row keeps the Chinese wording too (a notification's ``title``/``body``,
an alert's ``message``), for e-mail, search and old readers.

A value in ``params`` is one of:

- a string or a number: shown as it is — what people typed (an enterprise's or a department's name, an
  appeal's title, a reason), numbers, and codes or dates written in digits (``2023-12-10``);
- ``{"msg": source, "params": {...}}`` (:func:`phrase`): a catalogue string — a word such as 告警, a clause
  such as (第2版) — worded in the reader's language with its own values (``params`` may be left out);
- ``{"term": text}`` (:func:`term`): a term kept as data (an indicator's name), as ``core.terms.data_term``
  words it: translated where a catalogue has it, else as it is;
- ``{"month": "2023-12"}`` (:func:`month`): a reporting month, 2023年12月 / December 2023;
- ``{"date": "2023-12-10"}`` (:func:`day`): a day, 2023年12月10日 / Dec. 10, 2023;
- ``{"choice": "appeals.Appeal.state", "value": "handling"}`` (:func:`choice`): a model field's choice, its
  label in the reader's language (a value the field no longer has shows as stored);
- ``{"list": [value, …]}`` (:func:`listing`): values (each one of these forms) joined as the reader's
  language writes a list: 规划建设部、生态环保部 / 规划建设部, 生态环保部 (names as typed).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.utils import formats, translation
from django.utils.translation import gettext

from scipark.core.terms import data_term, joined, month_text, reads_chinese

logger = logging.getLogger(__name__)

#: A value of ``params``: what JSON stores (see the module's docstring for the typed forms).
Param = str | int | float | dict[str, Any]


@dataclass(frozen=True)
class Message:
    """A catalogue string (Chinese source, named placeholders) and its values; :meth:`text` words it."""

    msg: str
    params: Mapping[str, Any] = field(default_factory=dict)  # each a ``Param``

    def text(self, language: str | None = None) -> str:
        """The message in ``language`` (default: the active one)."""
        if language is None:
            return word(self.msg, self.params)
        with translation.override(language):
            return word(self.msg, self.params)


def word(msg: str, params: Mapping[str, Any]) -> str:
    """``gettext(msg) % params``, each value worded in the active language first.

    Raises ``KeyError``/``ValueError``/``TypeError``/``LookupError`` for a message and values that do not
    fit; the model shows its stored text then."""
    return gettext(msg) % {name: value_text(value) for name, value in params.items()}


def shown(msg: str, params: Mapping[str, Any], stored: str, *, row: object) -> str:
    """What a page shows of a kept message: ``msg`` worded with ``params`` in the active language, else
    ``stored`` — for a row without ``msg`` (kept before it was), or whose values no longer fit."""
    if not msg:
        return stored
    try:
        return word(msg, params)
    except (KeyError, ValueError, TypeError, LookupError):
        # A translation whose placeholders no longer fit, a value of a model since removed: the message
        # still reads, in the words it was kept in.
        logger.warning("%s: cannot word %r with %r", row, msg, params)
        return stored


def value_text(value: Any) -> Any:
    """One value of ``params`` as the active language writes it (plain values as they are)."""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return value
    if not isinstance(value, dict):
        raise TypeError(f"a message value must be a string, a number or a typed form, not {value!r}")
    if "msg" in value:
        return word(value["msg"], value.get("params") or {})
    if "term" in value:
        return data_term(value["term"])
    if "month" in value:
        return month_text(dt.date.fromisoformat(f"{value['month']}-01"))
    if "date" in value:
        date = dt.date.fromisoformat(value["date"])
        return f"{date:%Y年%m月%d日}" if reads_chinese() else formats.date_format(date, "DATE_FORMAT")
    if "choice" in value:
        app_label, model_name, field_name = value["choice"].split(".")
        model_field = apps.get_model(app_label, model_name)._meta.get_field(field_name)
        labels = {str(key): label for key, label in model_field.flatchoices}
        return str(labels.get(str(value.get("value")), value.get("value", "")))
    if "list" in value:
        return joined(value_text(item) for item in value["list"])
    raise ValueError(f"unknown message value {value!r}")


def phrase(msg: str, **params: Param) -> dict[str, Any]:
    """A catalogue string as a value (mark ``msg`` with ``gettext_noop`` where it is written)."""
    return {"msg": msg, "params": params} if params else {"msg": msg}


def term(text: str) -> dict[str, Any]:
    """A term kept as data (an indicator's name) as a value: translated where a catalogue has it."""
    return {"term": text}


def month(period: dt.date) -> dict[str, Any]:
    """A reporting month as a value: 2023年12月 / December 2023."""
    return {"month": f"{period:%Y-%m}"}


def day(date: dt.date) -> dict[str, Any]:
    """A day as a value: 2023年12月10日 / Dec. 10, 2023."""
    return {"date": date.isoformat()}


def choice(model: type[models.Model], field_name: str, value: Any) -> dict[str, Any]:
    """A choice of ``model.field_name`` as a value: its label in the reader's language."""
    return {"choice": f"{model._meta.label}.{field_name}", "value": value}


def listing(values: Iterable[Param]) -> dict[str, Any]:
    """Values as one list, joined in the reader's language (、 or ", "): each value may be a typed form."""
    return {"list": list(values)}
