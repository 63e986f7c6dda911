"""Every date a form asks for is the browser's date picker with an ISO value, in Chinese as in English.

The walk of 2026-12-04 found date fields shown as plain text boxes on some forms (the ModelForms and
``forms.DateField``s that did not set a widget by hand), and the hand-set ``<input type="date">``s without a
format wrote their value as ``2024/03/05`` under zh-Hans (its first input format), which a date input does not
show: an edit form came up with its dates blank. ``core.forms.style_form`` now gives every date field the
picker; this walks every form class the apps' ``forms`` modules define, builds it as its view would, and
renders each date field with a date in it. Months (报告期) are text fields (``PeriodField``), not dates.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import re
from collections.abc import Iterator
from typing import Any

import django_filters
import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.test import RequestFactory
from django.utils import translation

from scipark.core.forms import style_form
from scipark.core.testing import World

#: A primary key no row has: an unsaved instance with it can be asked for its related rows (none).
NO_ROW = 987_654_321
DAY = dt.date(2024, 3, 5)


def _made_forms() -> list[type[forms.BaseForm]]:
    """The form classes a module makes on demand rather than defines (one per kind of financing record)."""
    from scipark.investment.forms import financing_form
    from scipark.investment.models import EquityRound, Listing, Loan

    return [financing_form(model) for model in (Loan, Listing, EquityRound)]


def _form_classes() -> Iterator[type[forms.BaseForm]]:
    yield from _made_forms()
    for config in apps.get_app_configs():
        if not config.name.startswith("scipark."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for obj in vars(module).values():
            if (
                inspect.isclass(obj)
                and issubclass(obj, forms.BaseForm)
                and obj.__module__ == module.__name__
                and not obj.__name__.startswith("_")
            ):
                yield obj


def _unsaved(app_model: str, **values: Any) -> models.Model:
    """A row of ``app_model`` as a view would hand it to a form, without writing one."""
    instance: models.Model = apps.get_model(app_model)(pk=NO_ROW, **values)
    return instance


def _arguments(world: World) -> dict[str, Any]:
    """What each keyword a form's ``__init__`` asks for is, by name (as the views pass them)."""
    alliance = _unsaved("alliance.Alliance", park=world.park, name="联盟")
    return {
        "user": world.user("park_leader"),
        "enterprise": world.enterprise,
        "editable": True,
        "creating": True,
        "editing": True,
        "staff": True,
        "period": dt.date(2023, 12, 1),
        "carriers": [],
        "enterprise_ids": [],
        "today": DAY,
        "alliance": alliance,
        "alliances": apps.get_model("alliance.Alliance").objects.none(),
        "chain": _unsaved("alliance.Chain", alliance=alliance),
        "need": _unsaved("alliance.Need", alliance=alliance, title="需求"),
        "resources": apps.get_model("alliance.Resource").objects.none(),
        "campaign": _unsaved("environment.Campaign", park=world.park, target_rule={}),
        "result": _unsaved("environment.CampaignResult", response="", version=1),
        "fund": _unsaved("investment.Fund", park=world.park),
        "project": _unsaved("investment.Project", park=world.park, version=1),
        "event": _unsaved("events.Event", park=world.park),
        "participations": [],
    }


def _instance_for(form_class: type[forms.BaseForm], world: World, arguments: dict[str, Any]) -> Any:
    """A ModelForm's row: one that hangs off the park (or the alliance) the way a saved one does."""
    model = form_class._meta.model  # type: ignore[attr-defined]
    values: dict[str, Any] = {}
    names = {f.name for f in model._meta.get_fields()}
    if "park" in names:
        values["park"] = world.park
    if "alliance" in names:
        values["alliance"] = arguments["alliance"]
    return model(pk=NO_ROW, **values)


def _keywords(form_class: type[forms.BaseForm]) -> list[str]:
    """The keyword-only arguments a form must be given, its bases' included (a subclass passes them on)."""
    wanted: list[str] = []
    for klass in form_class.__mro__:
        init = vars(klass).get("__init__")
        if init is None or klass.__module__.startswith("django"):
            continue
        for p in inspect.signature(init).parameters.values():
            if p.kind == p.KEYWORD_ONLY and p.default is p.empty and p.name not in wanted:
                wanted.append(p.name)
    return wanted


def _build(form_class: type[forms.BaseForm], world: World, kwargs: dict[str, Any]) -> forms.BaseForm:
    """The form for a new row; a ModelForm that reads its row's relations (an action's alliance) for an
    edit of a row hanging off the park."""
    try:
        return form_class(**kwargs)
    except ObjectDoesNotExist:
        if not issubclass(form_class, forms.ModelForm):
            raise
        return form_class(instance=_instance_for(form_class, world, _arguments(world)), **kwargs)


def _forms(world: World) -> Iterator[tuple[str, forms.BaseForm]]:
    """Every form the apps define, built once for each ``action`` it takes (a step form shows other fields
    for each); the name says which."""
    arguments = _arguments(world)
    for form_class in _form_classes():
        if issubclass(form_class, forms.ModelForm) and form_class._meta.model is None:
            continue  # a base the apps' ModelForms share (alliance's ItemForm): its subclasses are walked
        wanted = _keywords(form_class)
        kwargs = {name: arguments[name] for name in wanted if name != "action"}
        if "editable" in wanted:  # the fields the user may change: all of them
            kwargs["editable"] = tuple(getattr(form_class, "base_fields"))
        actions: list[Any] = [None]
        if "action" in wanted:
            by_action = getattr(form_class, "FIELDS_BY_ACTION", None) or getattr(form_class, "FIELDS")
            actions = list(by_action)
        for action in actions:
            extra = {} if action is None else {"action": action}
            name = f"{form_class.__module__}.{form_class.__name__}" + (f"[{action}]" if action else "")
            yield name, _build(form_class, world, {**kwargs, **extra})


def _date_fields(form: forms.BaseForm) -> list[str]:
    return [
        name
        for name, field in form.fields.items()
        if isinstance(field, forms.DateField) and not isinstance(field.widget, forms.HiddenInput)
    ]


def _not_pickers(built: list[tuple[str, forms.BaseForm]]) -> list[str]:
    """Each date field of these forms that renders other than ``<input type="date" value="2024-03-05">``
    when it holds 5 March 2024."""
    wrong: list[str] = []
    for form_name, form in built:
        for name in _date_fields(form):
            form.initial[name] = DAY
            html = str(form[name])
            if not re.search(r'\btype="date"', html):
                wrong.append(f"{form_name}.{name}: {html}")
            elif 'value="2024-03-05"' not in html:
                wrong.append(f"{form_name}.{name} (value not ISO): {html}")
    return wrong


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_date_field_of_every_form_is_a_date_picker_with_an_iso_value(
    world: World, language: str
) -> None:
    with translation.override(language):
        built = list(_forms(world))
        assert len(built) > 60  # the walk reached the apps' forms
        assert sum(len(_date_fields(form)) for _, form in built) > 30
        wrong = _not_pickers(built)
    assert wrong == [], "date fields that are not a date picker with an ISO value:\n" + "\n".join(wrong)


def _filter_forms(world: World) -> Iterator[tuple[str, forms.BaseForm]]:
    """The filter bar of every FilterSet the apps' ``filters`` modules define, styled as ObjectListView's
    ``get_filterset`` styles it (django-filter's DateFilter is a plain DateField: 受理起/止 were text boxes)."""
    request = RequestFactory().get("/")
    request.user = world.user("park_leader")
    for config in apps.get_app_configs():
        if not config.name.startswith("scipark."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.filters")
        except ModuleNotFoundError:
            continue
        for obj in vars(module).values():
            if not (
                inspect.isclass(obj)
                and issubclass(obj, django_filters.FilterSet)
                and obj.__module__ == module.__name__
            ):
                continue
            filterset_class: Any = obj
            model = filterset_class._meta.model
            if model is not None:
                filterset = filterset_class(data=None, queryset=model.objects.none(), request=request)
                yield f"{obj.__module__}.{obj.__name__}", style_form(filterset.form, small=True)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_date_filter_of_every_list_is_a_date_picker_with_an_iso_value(
    world: World, language: str
) -> None:
    with translation.override(language):
        built = list(_filter_forms(world))
        assert len(built) > 30
        wrong = _not_pickers(built)
    assert wrong == [], "date filters that are not a date picker with an ISO value:\n" + "\n".join(wrong)


def test_a_month_stays_a_month() -> None:
    """报告期 is a month (``2023-12``), typed into a month field, never a date picker."""
    from scipark.economy.forms import InvestmentForm

    html = str(InvestmentForm()["period"])
    assert 'type="month"' in html
