"""What the need and resource pages share: lists that name providers as the reader may read them, and
the create and edit forms (an enterprise user sets fewer fields than staff)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from scipark.core import access
from scipark.core.views import ObjectListView
from scipark.parks.models import Park

from .. import selectors, services
from ..forms import AllianceChoiceForm, NeedForm, ResourceForm
from ..membership import member_alliance_ids, member_enterprise_ids
from ..models import Alliance
from .base import AllianceFormView

ItemFormType = type[NeedForm] | type[ResourceForm]


class MaskedListView(ObjectListView):
    """A list whose provider column names enterprises only for readers who may see them."""

    domain = access.Domain.SERVICE

    def masker(self) -> selectors.NameMasker:
        if not hasattr(self, "_masker"):
            self._masker = selectors.NameMasker(self.request.user)
        return self._masker

    def get_table_kwargs(self) -> dict[str, Any]:
        return {**super().get_table_kwargs(), "masker": self.masker()}

    def export_value(self, obj: Any, accessor: str) -> Any:
        if accessor == "provider":
            return self.masker().provider(obj)
        if accessor == "published":
            return _("是") if obj.published else _("否")
        return super().export_value(obj, accessor)


def alliances_for_new_items(user: Any) -> models.QuerySet[Alliance]:
    """Alliances in which the user may raise a need or offer a resource (staff's parks, or membership)."""
    query = models.Q(park__in=Park.objects.restrict(user, access.Action.ADD, domain=access.Domain.SERVICE))
    members = member_enterprise_ids(user)
    if members:
        query |= models.Q(pk__in=member_alliance_ids(members))
    return Alliance.objects.filter(query).order_by("park")


class ItemCreateView(AllianceFormView):
    """A new need or resource; the alliance comes from ``?alliance=`` when the user reaches several."""

    action = access.Action.ADD
    form_class: ClassVar[ItemFormType]
    kind: ClassVar[str]
    alliance: Alliance | None = None

    def get_cancel_url(self) -> str:
        return reverse(f"alliance:{self.kind}_list")

    def pick_alliance(self, request: HttpRequest) -> Alliance | None:
        """The alliance the new item goes to: the one asked for, or the user's only one."""
        self.choices = alliances_for_new_items(request.user)
        wanted = request.GET.get("alliance") or request.POST.get("alliance")
        if wanted and str(wanted).isdigit():
            self.alliance = self.choices.filter(pk=int(wanted)).first()
        else:
            first_two = list(self.choices[:2])
            self.alliance = first_two[0] if len(first_two) == 1 else None
        return self.alliance

    def choose(self, request: HttpRequest, status: int) -> HttpResponse:
        context = {
            "title": self.title,
            "form": AllianceChoiceForm(alliances=self.choices),
            "none": not self.choices.exists(),
        }
        return render(request, "alliance/choose_alliance.html", context, status=status)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.pick_alliance(request) is None:
            return self.choose(request, status=200)
        return super().get(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.pick_alliance(request) is None:
            return self.choose(request, status=400)
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        assert self.alliance is not None
        fields = tuple(self.form_class._meta.fields or ())
        if not services.keeps(self.request.user, self.alliance):
            fields = tuple(f for f in fields if f in services.MEMBER_FIELDS)
        return {"alliance": self.alliance, "user": self.request.user, "editable": fields, "creating": True}


class ItemEditView(AllianceFormView):
    """Edit a need or a resource (staff; its enterprise while it is open)."""

    def get_form_kwargs(self) -> dict[str, Any]:
        user = self.request.user
        return {
            "instance": self.object,
            "alliance": self.object.alliance,
            "user": user,
            "editable": services.item_editable_fields(user=user, item=self.object),
            "creating": False,
        }

    def save(self, request: HttpRequest, form: Any) -> str:
        services.item_update(
            user=request.user,
            item=self.object,
            data=form.service_data(),
            expected_version=form.cleaned_data["version"],
        )
        return _("已保存。")
