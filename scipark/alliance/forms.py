"""Forms of the alliance pages: they validate input and hand it to the services; no business rules here."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from scipark.core import access
from scipark.core.forms import BootstrapMixin, ServiceValidatedMixin
from scipark.enterprises.models import Enterprise
from scipark.parks.models import Department, Park

from .models import (
    Alliance,
    Chain,
    ChainMember,
    JointAction,
    Milestone,
    Need,
    PartyOrganization,
    Resource,
    Segment,
)
from .services import NEED_FIELDS, RESOURCE_FIELDS, keeps


def _member_enterprises(alliance: Alliance) -> QuerySet[Enterprise]:
    ids = ChainMember.objects.filter(chain__alliance=alliance, kind=ChainMember.Kind.ENTERPRISE).values(
        "enterprise_id"
    )
    return Enterprise.objects.filter(pk__in=ids).order_by("name")


class AllianceForm(ServiceValidatedMixin, BootstrapMixin, forms.ModelForm):
    """A new alliance: in a park of the user's (enterprise service) that has none yet."""

    class Meta:
        model = Alliance
        fields = ["park", "name", "founded_on", "lead_department", "description"]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parks = Park.objects.restrict(user, access.Action.ADD, domain=access.Domain.SERVICE)
        park_field: Any = self.fields["park"]
        park_field.queryset = parks.filter(alliance__isnull=True)
        department_field: Any = self.fields["lead_department"]
        department_field.queryset = Department.objects.filter(park__in=parks)
        self._style()

    def service_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "park"}


class ChainForm(BootstrapMixin, forms.Form):
    """A new industry chain of an alliance."""

    name = forms.CharField(label=_("产业链"), max_length=50)
    description = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    position = forms.IntegerField(label=_("排序"), min_value=0, max_value=999, initial=0)
    founded_on = forms.DateField(label=_("成立日期"), initial=dt.date.today)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class ItemForm(ServiceValidatedMixin, BootstrapMixin, forms.ModelForm):
    """A need or a resource; staff also pick who raised/offers it and whether it is published."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    enterprise = forms.ModelChoiceField(
        queryset=Enterprise.objects.none(), label=_("成员企业"), required=False
    )

    def __init__(
        self,
        *args: Any,
        alliance: Alliance,
        user: Any,
        editable: tuple[str, ...],
        creating: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        staff = keeps(user, alliance)
        for name in list(self.fields):
            if name in {"version", "enterprise"}:
                continue
            if name not in editable:
                del self.fields[name]
        if creating and staff:
            enterprise_field: Any = self.fields["enterprise"]
            enterprise_field.queryset = _member_enterprises(alliance)
        else:
            del self.fields["enterprise"]
        if "chain" in self.fields:
            chain_field: Any = self.fields["chain"]
            chain_field.queryset = Chain.objects.filter(alliance=alliance)
        if "party_org" in self.fields:
            org_field: Any = self.fields["party_org"]
            org_field.queryset = PartyOrganization.objects.filter(alliance=alliance)
        if "department" in self.fields:
            department_field: Any = self.fields["department"]
            department_field.queryset = Department.objects.filter(park_id=alliance.park_id)
        if creating:
            del self.fields["version"]
        else:
            self.fields["version"].initial = self.instance.version
            self.fields["version"].required = True
        self._style()

    def service_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class NeedForm(ItemForm):
    class Meta:
        model = Need
        fields = list(NEED_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class ResourceForm(ItemForm):
    class Meta:
        model = Resource
        fields = list(RESOURCE_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "valid_from" in self.fields and not self.instance.pk:
            self.fields["valid_from"].initial = dt.date.today()


class AllianceChoiceForm(BootstrapMixin, forms.Form):
    """Which alliance a new need or resource goes to (when the user reaches more than one)."""

    alliance = forms.ModelChoiceField(queryset=Alliance.objects.none(), label=_("联盟"))

    def __init__(self, *args: Any, alliances: QuerySet[Alliance], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["alliance"]
        field.queryset = alliances
        self._style()


class JointActionFromMatchForm(BootstrapMixin, forms.Form):
    """The matching view's one step: pick suggested resources, name the action, its owner and dates."""

    resources = forms.ModelMultipleChoiceField(
        queryset=Resource.objects.none(),
        label=_("对接资源"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    title = forms.CharField(label=pgettext_lazy("joint action", "项目名称"), max_length=120)
    owner_department = forms.ModelChoiceField(queryset=Department.objects.none(), label=_("责任部门"))
    owner_person = forms.CharField(label=_("责任人"), max_length=50)
    start_on = forms.DateField(label=_("开始日期"))
    due_on = forms.DateField(label=_("计划完成日期"))
    published = forms.BooleanField(label=_("在联盟内公开"), required=False, initial=True)

    def __init__(self, *args: Any, need: Need, resources: QuerySet[Resource], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        resource_field: Any = self.fields["resources"]
        resource_field.queryset = resources
        department_field: Any = self.fields["owner_department"]
        department_field.queryset = Department.objects.filter(park_id=need.alliance.park_id)
        self.fields["title"].initial = need.title
        self.fields["start_on"].initial = dt.date.today()
        self.fields["due_on"].initial = dt.date.today() + dt.timedelta(days=30)
        self._style()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, due = data.get("start_on"), data.get("due_on")
        if start and due and due < start:
            self.add_error("due_on", _("计划完成日期不能早于开始日期。"))
        return data


class JointActionForm(ServiceValidatedMixin, BootstrapMixin, forms.ModelForm):
    """Edit a joint action's name, owner, dates and publication."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = JointAction
        fields = ["title", "chain", "owner_department", "owner_person", "start_on", "due_on", "published"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        action: JointAction = self.instance
        chain_field: Any = self.fields["chain"]
        chain_field.queryset = Chain.objects.filter(alliance_id=action.alliance_id)
        department_field: Any = self.fields["owner_department"]
        department_field.queryset = Department.objects.filter(park_id=action.alliance.park_id)
        self.fields["version"].initial = action.version
        self._style()

    def service_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class NeedTransitionForm(BootstrapMixin, forms.Form):
    to = forms.ChoiceField(label=pgettext_lazy("new status", "改为"), choices=Need.Status.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ActionTransitionForm(BootstrapMixin, forms.Form):
    to = forms.ChoiceField(label=pgettext_lazy("new status", "改为"), choices=JointAction.Status.choices)
    on = forms.DateField(label=_("日期"), initial=dt.date.today)
    outcome = forms.CharField(label=_("成效"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class MilestoneForm(ServiceValidatedMixin, BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "weight", "due_on"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class MilestoneDoneForm(BootstrapMixin, forms.Form):
    done_on = forms.DateField(label=_("完成日期"), initial=dt.date.today)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class MemberForm(BootstrapMixin, forms.Form):
    """A new member of a chain: one enterprise (with its segment), party organisation or department."""

    kind = forms.ChoiceField(label=_("成员类型"), choices=ChainMember.Kind.choices)
    enterprise = forms.ModelChoiceField(queryset=Enterprise.objects.none(), label=_("企业"), required=False)
    party_org = forms.ModelChoiceField(
        queryset=PartyOrganization.objects.none(), label=_("党组织"), required=False
    )
    department = forms.ModelChoiceField(queryset=Department.objects.none(), label=_("部门"), required=False)
    segment = forms.ChoiceField(label=_("链上位置"), choices=[("", "—"), *Segment.choices], required=False)
    role = forms.CharField(label=_("链上角色"), max_length=100, required=False)
    joined_on = forms.DateField(label=_("加入日期"), required=False)

    def __init__(self, *args: Any, chain: Chain, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        park_id = chain.alliance.park_id
        enterprise_field: Any = self.fields["enterprise"]
        enterprise_field.queryset = Enterprise.objects.restrict(user, access.Action.VIEW).filter(
            park_id=park_id
        )
        org_field: Any = self.fields["party_org"]
        org_field.queryset = PartyOrganization.objects.filter(alliance_id=chain.alliance_id)
        department_field: Any = self.fields["department"]
        department_field.queryset = Department.objects.filter(park_id=park_id)
        self._style()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        field = data.get("kind")
        if field and not data.get(field):
            self.add_error(field, _("请选择与成员类型对应的一项。"))
        return data

    def service_data(self) -> dict[str, Any]:
        kind = self.cleaned_data["kind"]
        return {
            "enterprise": self.cleaned_data["enterprise"] if kind == "enterprise" else None,
            "party_org": self.cleaned_data["party_org"] if kind == "party_org" else None,
            "department": self.cleaned_data["department"] if kind == "department" else None,
            "segment": self.cleaned_data["segment"] or "",
            "role": self.cleaned_data["role"] or "",
            "joined_on": self.cleaned_data["joined_on"],
        }


class PartyOrgForm(ServiceValidatedMixin, BootstrapMixin, forms.ModelForm):
    """A party organisation: of a member enterprise, a department, or an outside unit."""

    class Meta:
        model = PartyOrganization
        fields = ["name", "kind", "secretary", "member_count", "enterprise", "department", "unit_name"]

    def __init__(self, *args: Any, alliance: Alliance, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        enterprise_field: Any = self.fields["enterprise"]
        enterprise_field.queryset = Enterprise.objects.restrict(user, access.Action.VIEW).filter(
            park_id=alliance.park_id
        )
        department_field: Any = self.fields["department"]
        department_field.queryset = Department.objects.filter(park_id=alliance.park_id)
        self._style()
