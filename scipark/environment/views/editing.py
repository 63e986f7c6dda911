"""The department's record forms (boilers, certifications, waste ledgers, campaign results) and the
enterprise's reply with evidence on its own campaign result. Each save is one service call."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.http import FileResponse, Http404, HttpRequest, HttpResponseBase
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from scipark.core import access
from scipark.core.views import ScopedViewMixin, ServiceFormView, object_or_404

from .. import services
from ..forms import (
    BoilerForm,
    CampaignForm,
    CampaignResultForm,
    CertificationForm,
    RecordForm,
    ResultResponseForm,
    TargetRuleForm,
    WasteRecordForm,
)
from ..models import Boiler, Campaign, CampaignResult, Certification, WasteRecord
from ..services.campaigns import is_department


class RecordCreateView(ServiceFormView):
    """Add a department record in a park of the user's through its save ``service``."""

    domain = access.Domain.ENVIRONMENT
    action = access.Action.ADD
    record_form: ClassVar[type[RecordForm]]
    service: ClassVar[Callable[..., Any]]
    list_url_name: ClassVar[str]

    def get_form(self, data: Any = None, files: Any = None) -> RecordForm:
        return self.record_form(data, files, user=self.request.user)

    def save(self, request: HttpRequest, form: Any) -> str:
        save = type(self).service
        self.saved = save(user=request.user, park=form.cleaned_data["park"], data=form.record_data())
        return _("已保存:%(record)s。") % {"record": self.saved}

    def get_cancel_url(self) -> str:
        return reverse(self.list_url_name)


class RecordEditView(ServiceFormView):
    """Change a department record with the version read (a stale one answers 409); ``service`` takes the
    stored record as ``instance_argument``."""

    domain = access.Domain.ENVIRONMENT
    action = access.Action.CHANGE
    record_form: ClassVar[type[RecordForm]]
    service: ClassVar[Callable[..., Any]]
    instance_argument: ClassVar[str]

    def get_form(self, data: Any = None, files: Any = None) -> RecordForm:
        return self.record_form(data, files, user=self.request.user, instance=self.object)

    def save(self, request: HttpRequest, form: Any) -> str:
        save = type(self).service
        self.saved = save(
            user=request.user,
            data=form.record_data(),
            expected_version=form.cleaned_data["version"],
            **{self.instance_argument: self.object},
        )
        return _("已保存:%(record)s。") % {"record": self.saved}

    def get_cancel_url(self) -> str:
        return str(self.object.get_absolute_url())


class BoilerCreateView(RecordCreateView):
    title = gettext_lazy("登记锅炉")
    record_form = BoilerForm
    service = staticmethod(services.boiler_save)
    list_url_name = "environment:boiler_list"


class BoilerEditView(RecordEditView):
    title = gettext_lazy("修改锅炉与改造记录")
    object_model = Boiler
    record_form = BoilerForm
    service = staticmethod(services.boiler_save)
    instance_argument = "boiler"


class CertificationCreateView(RecordCreateView):
    title = gettext_lazy("登记绿色认证")
    record_form = CertificationForm
    service = staticmethod(services.certification_save)
    list_url_name = "environment:certification_list"


class CertificationEditView(RecordEditView):
    title = gettext_lazy("修改绿色认证")
    object_model = Certification
    record_form = CertificationForm
    service = staticmethod(services.certification_save)
    instance_argument = "certification"


class WasteRecordCreateView(RecordCreateView):
    title = gettext_lazy("登记危险废物年度台账")
    record_form = WasteRecordForm
    service = staticmethod(services.waste_record_save)
    list_url_name = "environment:waste_list"


class WasteRecordEditView(RecordEditView):
    title = gettext_lazy("修改危险废物年度台账")
    object_model = WasteRecord
    record_form = WasteRecordForm
    service = staticmethod(services.waste_record_save)
    instance_argument = "record"


class CampaignResultCreateView(ServiceFormView):
    """Record what a round found at one enterprise of the campaign (the department)."""

    domain = access.Domain.ENVIRONMENT
    action = access.Action.ADD
    object_model = Campaign
    title = gettext_lazy("登记行动结果")

    def get_form(self, data: Any = None, files: Any = None) -> CampaignResultForm:
        return CampaignResultForm(data, files, user=self.request.user, campaign=self.object)

    def save(self, request: HttpRequest, form: Any) -> str:
        self.saved = services.campaign_result_record(
            user=request.user,
            campaign=self.object,
            data=form.record_data(),
            evidence=form.cleaned_data.get("evidence"),
        )
        return _("已登记:%(record)s。") % {"record": self.saved}

    def get_cancel_url(self) -> str:
        return str(self.object.get_absolute_url())


class CampaignCreateView(ServiceFormView):
    """A new coverage campaign with its rounds (the department); its targets then follow by rule."""

    domain = access.Domain.ENVIRONMENT
    action = access.Action.ADD
    title = gettext_lazy("新建全覆盖行动")

    def get_form(self, data: Any = None, files: Any = None) -> CampaignForm:
        return CampaignForm(data, user=self.request.user)

    def save(self, request: HttpRequest, form: Any) -> str:
        self.saved = services.campaign_create(
            user=request.user, park=form.cleaned_data["park"], data=form.record_data(), rounds=form.rounds()
        )
        return _("已新建:%(campaign)s。请按规则确定或登记行动对象。") % {"campaign": self.saved}

    def get_cancel_url(self) -> str:
        return reverse("environment:campaign_list")


class CampaignRuleView(ServiceFormView):
    """The campaign's target set by rule: store the rule and bring the set in line with it on a day
    (the department)."""

    domain = access.Domain.ENVIRONMENT
    action = access.Action.ADD
    object_model = Campaign
    title = gettext_lazy("按规则确定行动对象")

    def get_form(self, data: Any = None, files: Any = None) -> TargetRuleForm:
        return TargetRuleForm(data, campaign=self.object, today=timezone.localdate())

    def save(self, request: HttpRequest, form: Any) -> str:
        applied = services.campaign_apply_rule(
            user=request.user,
            campaign=self.object,
            rule=form.rule(),
            on=form.cleaned_data["on"],
            expected_version=form.cleaned_data["version"],
        )
        self.saved = applied.campaign
        plan = applied.plan
        counts = {"joined": len(plan.join), "left": len(plan.leave), "returning": len(plan.returning)}
        if plan.returning:
            return (
                _(
                    "已按规则更新对象:纳入 %(joined)s 家,移出 %(left)s 家。"
                    "另有 %(returning)s 家曾移出、现又符合规则,请人工核实后处理。"
                )
                % counts
            )
        return _("已按规则更新对象:纳入 %(joined)s 家,移出 %(left)s 家。") % counts

    def get_cancel_url(self) -> str:
        return str(self.object.get_absolute_url())


class CampaignResultEditView(ServiceFormView):
    """One result: the department changes its findings; the enterprise replies on its own with evidence."""

    domain = access.Domain.ENVIRONMENT
    action = access.Action.CHANGE
    object_model = CampaignResult
    template_name = "environment/result_form.html"

    @property
    def title(self) -> str:  # type: ignore[override]
        return _("修改行动结果") if self.department else _("上传证明材料")

    @property
    def department(self) -> bool:
        return is_department(self.request.user, self.object.park_id)

    def get_form(self, data: Any = None, files: Any = None) -> Any:
        if self.department:
            campaign = self.object.target.campaign
            return CampaignResultForm(
                data, files, user=self.request.user, campaign=campaign, instance=self.object
            )
        return ResultResponseForm(data, files, result=self.object)

    def save(self, request: HttpRequest, form: Any) -> str:
        if isinstance(form, CampaignResultForm):
            data = form.record_data()
        else:
            data = {"response": form.cleaned_data["response"]}
        self.saved = services.campaign_result_update(
            user=request.user,
            result=self.object,
            data=data,
            evidence=form.cleaned_data.get("evidence"),
            expected_version=form.cleaned_data["version"],
        )
        return _("已保存:%(record)s。") % {"record": self.saved}

    def get_cancel_url(self) -> str:
        return str(self.object.get_absolute_url())


class ResultEvidenceView(ScopedViewMixin, View):
    """The evidence on a campaign result, for those who may read the result."""

    domain = access.Domain.ENVIRONMENT
    object_model = CampaignResult

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        result = object_or_404(request, CampaignResult, pk)
        if not result.evidence:
            raise Http404(_("该结果没有证明材料。"))
        try:
            handle = result.evidence.open("rb")
        except FileNotFoundError:
            raise Http404(
                _("证明材料「%(name)s」的文件已不存在。") % {"name": result.evidence_name}
            ) from None
        name = result.evidence_name or result.evidence.name.rsplit("/", 1)[-1]
        return FileResponse(
            handle, as_attachment=True, filename=name, content_type=result.evidence_type or None
        )
