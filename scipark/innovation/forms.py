"""Forms of the innovation pages: validate what a person types, hand it to the services. Amounts are
typed in 万元, as the lists and the evaluation show them, and stored in 元 (``core.forms.yuan_as_wan``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from scipark.core import access
from scipark.core.forms import BootstrapMixin, ServiceValidatedMixin, yuan_as_wan
from scipark.enterprises.models import Enterprise

from .models import Incubator, TechArchive
from .services.archives import ARCHIVE_FIELDS


class ArchiveOpenForm(BootstrapMixin, forms.Form):
    """Open an enterprise's archive for a year: an enterprise user for its own, staff for the park's."""

    enterprise = forms.ModelChoiceField(queryset=Enterprise.objects.none(), label=_("企业"))
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["enterprise"]
        field.queryset = Enterprise.objects.restrict(
            user, access.Action.ADD, domain=access.Domain.INNOVATION
        ).order_by("name")
        if field.queryset.count() == 1:
            field.initial = field.queryset.first()
        # The archive of a year is filled after the year ends: the last year is the usual one.
        self.fields["year"].initial = timezone.localdate().year - 1
        self._style()


class ArchiveForm(ServiceValidatedMixin, BootstrapMixin, forms.ModelForm):
    """The figures of an open archive; ``version`` catches a change made meanwhile by someone else."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = TechArchive
        fields = list(ARCHIVE_FIELDS)
        formfield_callback = yuan_as_wan

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        self._style()

    def service_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


def default_year(years: list[int]) -> int:
    """The year a page shows unless asked: the latest with records, else last year."""
    return max(years) if years else dt.date.today().year - 1


#: Foreign keys to enterprises on the entry forms: the choices are the enterprises the user may add for.
ENTERPRISE_FIELDS = ("enterprise", "owner", "operator")


class EntryForm(ServiceValidatedMixin, BootstrapMixin, forms.ModelForm):
    """One record of the archive's parts or of a library, as typed: the service checks it on the locked
    row and saves it; ``version`` (on a change) catches a change made meanwhile by someone else."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version if self.instance.pk else None
        for name in ENTERPRISE_FIELDS:
            field: Any = self.fields.get(name)
            if field is None:
                continue
            field.queryset = Enterprise.objects.restrict(
                user, access.Action.ADD, domain=access.Domain.INNOVATION
            ).order_by("name")
            if not staff_park_ids(user):
                field.required = True  # an enterprise user's records are its own enterprise's
                if field.queryset.count() == 1 and not self.instance.pk:
                    field.initial = field.queryset.first()
        if "owner_name" in self.fields and self._linked_enterprise_fields():
            # 权利人 / 所属单位 is most often the enterprise chosen beside it: left empty, it takes its name.
            self.fields["owner_name"].required = False
            self.fields["owner_name"].help_text = _("留空则取所选企业的名称")
        if "incubator" in self.fields:
            incubators: Any = self.fields["incubator"]
            incubators.queryset = Incubator.objects.restrict(user, access.Action.CHANGE).order_by("name")
        self._style()

    def _linked_enterprise_fields(self) -> list[str]:
        return [name for name in ("enterprise", "owner") if name in self.fields]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        linked = self._linked_enterprise_fields()
        if "owner_name" in self.fields and linked and not cleaned.get("owner_name"):
            enterprise = next((cleaned[n] for n in linked if cleaned.get(n) is not None), None)
            if enterprise is not None:
                cleaned["owner_name"] = enterprise.name
            elif not self.has_error(linked[0]):
                self.add_error(
                    "owner_name",
                    _("请填写%(owner)s,或选择%(enterprise)s。")
                    % {"owner": self.fields["owner_name"].label, "enterprise": self.fields[linked[0]].label},
                )
        return cleaned

    def service_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


def _formfield(field: Any, **kwargs: Any) -> Any:
    """A model field's form field: links typed without a scheme are https (Django 6's default), amounts in
    元 are typed in 万元 (``core.forms.yuan_as_wan``)."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return yuan_as_wan(field, **kwargs)


def entry_form(model: type[Any], fields: tuple[str, ...]) -> type[EntryForm]:
    made: type[EntryForm] = forms.modelform_factory(  # type: ignore[assignment]
        model, form=EntryForm, fields=list(fields), formfield_callback=_formfield
    )
    return made


def staff_park_ids(user: Any) -> list[int]:
    """The parks in which the user keeps innovation records as the park's staff (not as an enterprise)."""
    return sorted(access.scope_for(user).park_ids(access.Domain.INNOVATION, access.Action.ADD))
