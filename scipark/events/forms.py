"""Forms of the event pages: validate and hand to the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from scipark.core import access
from scipark.core.forms import BootstrapMixin, ServiceValidatedMixin
from scipark.enterprises.models import Enterprise
from scipark.parks.models import Department, Park

from .models import Event, Participation, Post
from .selectors import parks_for_new_events
from .services import EVENT_FIELDS

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EventForm(ServiceValidatedMixin, BootstrapMixin, forms.ModelForm):
    """An event's details; the park is chosen only when creating and the user keeps several."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    park = forms.ModelChoiceField(queryset=Park.objects.none(), label=_("园区"), required=False)

    class Meta:
        model = Event
        fields = list(EVENT_FIELDS)
        widgets = {
            "starts_at": DATETIME,
            "ends_at": DATETIME,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, user: Any, creating: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organiser: Any = self.fields["organiser"]
        if creating:
            parks = parks_for_new_events(user=user)
            park_field: Any = self.fields["park"]
            park_field.queryset = parks
            park_field.required = True
            only = list(parks[:2])
            if len(only) == 1:
                park_field.initial = only[0].pk
            organiser.queryset = Department.objects.filter(park__in=parks)
        else:
            del self.fields["park"]
            organiser.queryset = Department.objects.filter(park_id=self.instance.park_id)
            self.fields["version"].initial = self.instance.version
            self.fields["version"].required = True
        for name in ("starts_at", "ends_at"):
            field: Any = self.fields[name]
            field.input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
        self._style()

    def service_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k not in {"version", "park"}}


class PostForm(ServiceValidatedMixin, BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Post
        fields = ["title", "headcount", "salary_min", "salary_max", "requirements"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class BasePostFormSet(forms.BaseFormSet):
    """The registration's posts, a row of inputs under the table's headers (on a phone a card whose labels
    are drawn by CSS): neither names an input for a screen reader, so each input is named by its field and
    its row (招聘人数(第 2 行)), in the UI language."""

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        for field in form.fields.values():
            name = str(field.label)
            if index is not None:
                name = gettext("%(field)s(第 %(row)s 行)") % {"field": name, "row": index + 1}
            field.widget.attrs["aria-label"] = name


PostFormSet = forms.formset_factory(PostForm, formset=BasePostFormSet, extra=3, max_num=20, validate_max=True)


class ParticipationForm(BootstrapMixin, forms.Form):
    """Who takes part (staff pick the enterprise; an enterprise user registers itself)."""

    enterprise = forms.ModelChoiceField(queryset=Enterprise.objects.none(), label=_("企业"))
    note = forms.CharField(label=_("备注"), max_length=200, required=False)

    def __init__(self, *args: Any, event: Event, user: Any, staff: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["enterprise"]
        reachable = Enterprise.objects.restrict(user, access.Action.VIEW).filter(park_id=event.park_id)
        if not staff:
            reachable = reachable.filter(pk__in=access.scope_for(user).enterprise_ids())
        field.queryset = reachable.exclude(
            pk__in=Participation.objects.filter(event=event).values("enterprise_id")
        ).order_by("name")
        if not staff and reachable.count() == 1:
            field.initial = reachable.first()
        self._style()


class OutcomeForm(BootstrapMixin, forms.Form):
    """After the event: attendees, and résumés and hires per participating enterprise."""

    attendees = forms.IntegerField(label=_("到场人数"), min_value=0, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, participations: list[Participation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.participations = participations
        for part in participations:
            self.fields[f"resumes_{part.pk}"] = forms.IntegerField(
                label=_("%s:收到简历") % part.enterprise.name,
                min_value=0,
                required=False,
                initial=part.resumes,
            )
            self.fields[f"hires_{part.pk}"] = forms.IntegerField(
                label=_("%s:达成录用") % part.enterprise.name, min_value=0, required=False, initial=part.hires
            )
        self._style()

    def results(self) -> dict[int, tuple[int | None, int | None]]:
        return {
            p.pk: (self.cleaned_data.get(f"resumes_{p.pk}"), self.cleaned_data.get(f"hires_{p.pk}"))
            for p in self.participations
        }
