"""Entry pages of an enterprise's innovation records and of the ten libraries: intellectual property and
the other library records (R&D institutions are the platform library's), certificates held, awards,
standards led, the park's incubators and their stays. Each page is one service call (checked on
the locked row, stale version → 409); an enterprise user adds and edits only its own enterprise's rows
(the enterprise choices and ``core.access``); incubators, stays and the libraries without an enterprise
(experts, policies, institutions, providers) are kept by the park's staff only."""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from scipark.core import access
from scipark.core.views import ServiceFormView
from scipark.core.views.base import url_object
from scipark.parks.models import Park

from .. import services
from ..forms import ENTERPRISE_FIELDS, EntryForm, entry_form, staff_park_ids
from ..models import Award, Incubation, Incubator, IntellectualProperty, LedStandard, TierCertificate
from ..services.records import (
    AWARD_FIELDS,
    CERTIFICATE_FIELDS,
    INCUBATOR_FIELDS,
    STANDARD_FIELDS,
    STAY_FIELDS,
    entry_fields,
)
from .libraries import library_or_404


class EntryView(ServiceFormView):
    """A form page adding (``action`` ADD) or changing (CHANGE, the URL's ``pk``) one row of ``model``."""

    domain = access.Domain.INNOVATION
    #: Kept by the park's staff only: an enterprise user is refused before any lookup.
    staff_only: ClassVar[bool] = False

    def entry_model(self) -> type[Any]:
        raise NotImplementedError

    def fields(self) -> tuple[str, ...]:
        return entry_fields(self.entry_model())

    def kept_by_staff_only(self) -> bool:
        return self.staff_only

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if (
            user.is_authenticated
            and access.has_permission(user, self.domain, self.required_action(request))
            and self.kept_by_staff_only()
            and not staff_park_ids(user)
        ):
            raise PermissionDenied(_("该类记录由园区科技创新部门维护。"))
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, request: HttpRequest, **kwargs: Any) -> Any:
        return url_object(request, self.entry_model(), kwargs, self.action)

    def get_form(self, data: Any = None, files: Any = None) -> EntryForm:
        form_class = entry_form(self.entry_model(), self.fields())
        initial = {k: v for k, v in self.request.GET.items() if k in self.fields()}
        return form_class(data, files, user=self.request.user, instance=self.object, initial=initial)

    def park_for(self, data: dict[str, Any]) -> Any:
        """Where a new row goes: its enterprise's (or incubator's) park, else the staff member's park."""
        for name in (*ENTERPRISE_FIELDS, "incubator"):
            if data.get(name) is not None:
                return data[name].park
        ids = staff_park_ids(self.request.user)
        wanted = self.request.GET.get("park", "")
        for pk in ids:
            if str(pk) == wanted:
                return Park.objects.get(pk=pk)
        if ids:
            return Park.objects.get(pk=ids[0])
        named = next((n for n in ENTERPRISE_FIELDS if n in self.fields()), "__all__")
        raise ValidationError({named: _("请选择企业。")})

    def call_service(self, **kwargs: Any) -> Any:
        raise NotImplementedError

    def save(self, request: HttpRequest, form: Any) -> str:
        data = form.service_data()
        park = self.object.park if self.object is not None else self.park_for(data)
        self.saved = self.call_service(
            user=request.user,
            park=park,
            data=data,
            instance=self.object,
            expected_version=form.cleaned_data.get("version") if self.object is not None else None,
        )
        return _("已保存「%s」。") % self.saved


class RecordEntryMixin:
    """A record of the library the URL names (``libraries/<library>/…``)."""

    kwargs: dict[str, Any]

    def library(self) -> Any:
        return library_or_404(self.kwargs["library"])

    def entry_model(self) -> type[Any]:
        return self.library().model

    def kept_by_staff_only(self) -> bool:
        return self.library().enterprise_field is None

    def call_service(self, **kwargs: Any) -> Any:
        return services.library_save(model=self.entry_model(), **kwargs)

    def get_cancel_url(self) -> str:
        return reverse("innovation:library_list", args=[self.library().slug])


class RecordAddView(RecordEntryMixin, EntryView):
    """新增库记录: a patent (or other IP), an achievement, a demand … of the library the URL names."""

    action = access.Action.ADD

    @property
    def title(self) -> str:  # type: ignore[override]
        return _("新增%s") % self.library().model._meta.verbose_name


class RecordEditView(RecordEntryMixin, EntryView):
    """修改库记录. The route matrix walks the patent library (``object_model``)."""

    action = access.Action.CHANGE
    object_model = IntellectualProperty
    title = gettext_lazy("修改记录")


class CertificateEntryMixin:
    def entry_model(self) -> type[Any]:
        return TierCertificate

    def fields(self) -> tuple[str, ...]:
        return CERTIFICATE_FIELDS

    def call_service(self, **kwargs: Any) -> Any:
        return services.certificate_save(**kwargs)

    def get_cancel_url(self) -> str:
        return reverse("innovation:portal")


class CertificateAddView(CertificateEntryMixin, EntryView):
    """登记梯次认定: a certificate the enterprise holds (高企 with number and validity, 科技型 …)."""

    action = access.Action.ADD
    title = gettext_lazy("登记梯次认定")


class CertificateEditView(CertificateEntryMixin, EntryView):
    action = access.Action.CHANGE
    object_model = TierCertificate
    title = gettext_lazy("修改梯次认定")


class StayEntryMixin:
    """An incubatee's stay: recorded by the innovation department (incubators are the park's rows)."""

    staff_only = True

    def entry_model(self) -> type[Any]:
        return Incubation

    def fields(self) -> tuple[str, ...]:
        return STAY_FIELDS

    def call_service(self, **kwargs: Any) -> Any:
        return services.stay_save(**kwargs)

    def get_cancel_url(self) -> str:
        return reverse("innovation:incubator_list")


class StayAddView(StayEntryMixin, EntryView):
    """登记在孵企业: an entry (and, later, a graduation or exit) in one of the park's incubators."""

    action = access.Action.ADD
    title = gettext_lazy("登记在孵企业")


class StayEditView(StayEntryMixin, EntryView):
    action = access.Action.CHANGE
    object_model = Incubation
    title = gettext_lazy("修改在孵记录")


class IncubatorEntryMixin:
    """One of the park's incubators (孵化载体): kept by the innovation department."""

    staff_only = True

    def entry_model(self) -> type[Any]:
        return Incubator

    def fields(self) -> tuple[str, ...]:
        return INCUBATOR_FIELDS

    def call_service(self, **kwargs: Any) -> Any:
        return services.incubator_save(**kwargs)

    def get_cancel_url(self) -> str:
        return reverse("innovation:incubator_list")


class IncubatorAddView(IncubatorEntryMixin, EntryView):
    """新增孵化载体: level, type, area and the incubatees' share, seed fund, staff, operator."""

    action = access.Action.ADD
    title = gettext_lazy("新增孵化载体")


class IncubatorEditView(IncubatorEntryMixin, EntryView):
    action = access.Action.CHANGE
    object_model = Incubator
    title = gettext_lazy("修改孵化载体")


class AwardEntryMixin:
    def entry_model(self) -> type[Any]:
        return Award

    def fields(self) -> tuple[str, ...]:
        return AWARD_FIELDS

    def call_service(self, **kwargs: Any) -> Any:
        return services.award_save(**kwargs)

    def get_cancel_url(self) -> str:
        return reverse("innovation:portal")


class AwardAddView(AwardEntryMixin, EntryView):
    """登记科技奖励: an award the enterprise won, its level and the enterprise's rank among the winners."""

    action = access.Action.ADD
    title = gettext_lazy("登记科技奖励")


class AwardEditView(AwardEntryMixin, EntryView):
    action = access.Action.CHANGE
    object_model = Award
    title = gettext_lazy("修改科技奖励")


class StandardEntryMixin:
    def entry_model(self) -> type[Any]:
        return LedStandard

    def fields(self) -> tuple[str, ...]:
        return STANDARD_FIELDS

    def call_service(self, **kwargs: Any) -> Any:
        return services.standard_save(**kwargs)

    def get_cancel_url(self) -> str:
        return reverse("innovation:portal")


class StandardAddView(StandardEntryMixin, EntryView):
    """登记主导制定标准: a standard the enterprise led, with its code, level and publication date."""

    action = access.Action.ADD
    title = gettext_lazy("登记主导制定标准")


class StandardEditView(StandardEntryMixin, EntryView):
    action = access.Action.CHANGE
    object_model = LedStandard
    title = gettext_lazy("修改主导制定标准")
