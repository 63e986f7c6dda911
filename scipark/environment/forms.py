"""Forms of the environment pages (validation of shape; the services check the rules)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from scipark.core import access
from scipark.core.forms import ServiceValidatedMixin, style_form
from scipark.enterprises.models import Enterprise
from scipark.parks.models import Park

from .coverage import WASTE_CHECKLIST
from .models import Boiler, Campaign, CampaignResult, Certification, Finding, FindingStep, WasteRecord
from .services.network import Datum

A = FindingStep.Action


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


class FindingForm(ServiceValidatedMixin, forms.ModelForm):
    park = forms.ModelChoiceField(queryset=Park.objects.none(), label=_("园区"))

    class Meta:
        model = Finding
        fields = [
            "park", "number", "source", "round_no", "kind", "title", "description", "enterprise",
            "responsible_unit", "received_on", "deadline", "measures", "longitude", "latitude",
        ]  # fmt: skip
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "measures": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parks = Park.objects.restrict(user, access.Action.ADD, domain=access.Domain.ENVIRONMENT)
        self.fields["park"].queryset = parks  # type: ignore[attr-defined]
        enterprise: Any = self.fields["enterprise"]
        enterprise.queryset = Enterprise.objects.filter(park__in=parks).order_by("name")
        if parks.count() == 1:
            self.fields["park"].initial = parks.first()
        style_form(self)


class StepForm(forms.Form):
    """One step of the ledger: the fields the action takes (``services.STEP_FIELDS``) and notes, evidence."""

    notes = forms.CharField(
        label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    evidence = MultipleFileField(label=_("证明材料(照片或文件)"), required=False)
    measures = forms.CharField(label=_("整改措施"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    rectified_on = forms.DateField(label=_("整改完成日期"), required=False)
    closure_document = forms.CharField(label=_("销号文号"), required=False, max_length=60)
    closure_approver = forms.CharField(label=_("销号审批人"), required=False, max_length=50)
    closed_on = forms.DateField(label=_("销号日期"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    FIELDS_BY_ACTION: dict[str, tuple[str, ...]] = {
        A.START: ("measures",),
        A.APPROVE: ("rectified_on",),
        A.CLOSE: ("closure_document", "closure_approver", "closed_on"),
    }
    OPTIONAL = ("measures", "rectified_on", "closure_document", "closure_approver", "closed_on")

    def __init__(self, *args: Any, action: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        wanted: tuple[str, ...] = self.FIELDS_BY_ACTION.get(action, ())
        for name in self.OPTIONAL:
            if name not in wanted:
                del self.fields[name]
        style_form(self)


class NetworkImportForm(forms.Form):
    park = forms.ModelChoiceField(queryset=Park.objects.none(), label=_("园区"))
    file = forms.FileField(
        label=_("文件(GeoJSON、Shapefile 压缩包或 CSV)"),
        help_text=_(
            "可导入:GeoJSON(.geojson/.json,线要素为管段、点要素为点位);Shapefile 压缩包(.zip,一个图层:"
            ".shp、.shx、.dbf、.prj,可含 .cpg;线图层为管段,点图层为检查井、排放口等点位;须为 WGS-84 或 "
            "CGCS2000 经纬度坐标,投影坐标请先在 GIS 软件中转换);CSV(.csv,点位)。"
            "属性可用英文或中文字段名(如 code/编号、network/管网类型、diameter/管径)。"
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".geojson,.json,.zip,.csv"}),
    )
    datum = forms.ChoiceField(
        label=_("坐标系"),
        choices=[(Datum.WGS84, "WGS-84(EPSG:4326)"), (Datum.GCJ02, "GCJ-02")],
        initial=Datum.WGS84,
        help_text=_(
            "GeoJSON 中声明的坐标系优先,未声明时按此处选择;Shapefile 的 .prj 为 WGS-84 或 CGCS2000 经纬度时,"
            "若坐标取自高德、腾讯等 GCJ-02 地图,请选 GCJ-02。"
        ),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parks = Park.objects.restrict(user, access.Action.ADD, domain=access.Domain.ENVIRONMENT)
        self.fields["park"].queryset = parks  # type: ignore[attr-defined]
        if parks.count() == 1:
            self.fields["park"].initial = parks.first()
        style_form(self)


class RecordForm(ServiceValidatedMixin, forms.ModelForm):
    """A department record: added in a park of the user's (``park`` shown), or changed with the version read.

    The service validates the record it builds (the model's own clean is not run on the form's instance).
    """

    park = forms.ModelChoiceField(queryset=Park.objects.none(), label=_("园区"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # A ModelForm puts declared fields after the model's: the park is chosen first, not after the dates.
    field_order = ["park"]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parks = Park.objects.restrict(user, access.Action.ADD, domain=access.Domain.ENVIRONMENT)
        if self.instance.pk:
            del self.fields["park"]
            self.fields["version"].initial = self.instance.version
            self.fields["version"].required = True
            parks = Park.objects.filter(pk=self.instance.park_id)
        else:
            del self.fields["version"]
            self.fields["park"].queryset = parks  # type: ignore[attr-defined]
            if parks.count() == 1:
                self.fields["park"].initial = parks.first()
        if "enterprise" in self.fields:
            enterprise: Any = self.fields["enterprise"]
            enterprise.queryset = Enterprise.objects.filter(park__in=parks).order_by("name")
        style_form(self)

    def record_data(self) -> dict[str, Any]:
        """What the service takes: the record's fields, without the park and version."""
        return {k: v for k, v in self.cleaned_data.items() if k not in ("park", "version")}


class BoilerForm(RecordForm):
    class Meta:
        model = Boiler
        fields = [
            "enterprise", "name", "registration_no", "capacity_tph", "fuel", "installed_year", "operating_hours", "load_factor",
            "nox_before", "o2_before", "nox_after", "o2_after", "after_note", "retrofit_started_on",
            "retrofit_completed_on",
        ]  # fmt: skip
        help_texts = {
            "load_factor": _("0 到 1 之间,如 0.8 表示平均 80% 负荷"),
            "operating_hours": _("一年最多 8784 小时"),
            "o2_before": _("实测烟气氧含量,低于 21%;浓度按基准氧含量折算"),
            "after_note": _("改造后浓度高于改造前时必须说明原因"),
        }


class CertificationForm(RecordForm):
    class Meta:
        model = Certification
        fields = [
            "enterprise", "kind", "level", "standard", "issuer", "document_no", "granted_on", "valid_until",
            "distinction",
        ]  # fmt: skip
        help_texts = {"standard": _("如 GB/T 7119-2018、GB/T 36132-2025")}


class WasteRecordForm(RecordForm):
    enterprise = forms.ModelChoiceField(queryset=Enterprise.objects.none(), label=_("产废单位"))
    is_key = forms.BooleanField(label=_("重点产废单位"), required=False)

    class Meta:
        model = WasteRecord
        fields = ["year", "category", "generated_t", "treated_t", "stored_t", "route"]
        help_texts = {"category": _("HW 加两位数字,如 HW49")}

    field_order = ["park", "enterprise", "is_key", "year", "category"]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        if self.instance.pk:
            del self.fields["enterprise"]  # a ledger stays with its producer
            self.fields["is_key"].initial = self.instance.producer.is_key


class CampaignResultForm(RecordForm):
    """What a round found at one enterprise: a waste inspection's checklist decides its outcome."""

    class Meta:
        model = CampaignResult
        fields = ["target", "round", "done_on", "outcome", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    evidence = forms.FileField(label=_("证明材料(照片或文件)"), required=False)

    def __init__(self, *args: Any, user: Any, campaign: Campaign, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields.pop("park", None)  # the campaign's park
        if self.instance.pk:
            del self.fields["target"], self.fields["round"]
        else:
            target: Any = self.fields["target"]
            target.queryset = campaign.targets.select_related("enterprise").order_by("enterprise__name")
            target.label_from_instance = lambda t: t.enterprise.name
            target.label = _("企业")
            rnd: Any = self.fields["round"]
            rnd.queryset = campaign.rounds.order_by("number")
            rnd.label_from_instance = lambda r: (
                gettext("第%(number)s轮(%(starts)s–%(ends)s)")
                % {
                    "number": r.number,
                    "starts": f"{r.starts_on:%m-%d}",
                    "ends": f"{r.ends_on:%m-%d}",
                }
            )
        self.waste = campaign.kind == Campaign.Kind.WASTE_INSPECTION
        if self.waste:
            del self.fields["outcome"]  # follows from the checklist
            checked = self.instance.checklist or {}
            for code, label, critical in WASTE_CHECKLIST:
                self.fields[f"check_{code}"] = forms.BooleanField(
                    label=gettext("%(item)s(关键项)") % {"item": label} if critical else label,
                    required=False,
                    initial=bool(checked.get(code)),
                )
        else:
            self.fields["outcome"].required = True
        style_form(self)

    def record_data(self) -> dict[str, Any]:
        data = {
            k: v
            for k, v in self.cleaned_data.items()
            if k not in ("park", "version", "evidence") and not k.startswith("check_")
        }
        if self.waste:
            data["checklist"] = {code: self.cleaned_data[f"check_{code}"] for code, _l, _c in WASTE_CHECKLIST}
        data["notes"] = data.get("notes") or ""
        return data


class ResultResponseForm(forms.Form):
    """The enterprise's reply on its own result: a note and the evidence it asks for."""

    response = forms.CharField(
        label=_("企业说明"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = forms.FileField(label=_("证明材料(照片或文件)"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, result: CampaignResult, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"response": result.response, "version": result.version})
        super().__init__(*args, **kwargs)
        style_form(self)


class BenchmarkForm(forms.Form):
    park = forms.ModelChoiceField(queryset=Park.objects.none(), label=_("园区"))
    industry_code = forms.CharField(
        label=_("行业代码"),
        max_length=5,
        help_text=_("GB/T 4754-2017 门类字母或大类、中类、小类代码,如 27、2710"),
    )
    intensity = forms.DecimalField(
        label=_("基准值(吨标准煤/万元)"), max_digits=8, decimal_places=4, min_value=0
    )
    valid_from = forms.DateField(label=_("启用日期"))
    source = forms.CharField(label=_("依据"), max_length=300, help_text=_("发布机关、文号或标准编号"))
    confirmed = forms.BooleanField(label=_("已核对出处"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parks = Park.objects.restrict(user, access.Action.ADD, domain=access.Domain.ENVIRONMENT)
        self.fields["park"].queryset = parks  # type: ignore[attr-defined]
        if parks.count() == 1:
            self.fields["park"].initial = parks.first()
        style_form(self)


class TargetRuleForm(forms.Form):
    """A campaign's target set by rule (``targeting.TargetRule``) and the day the set is brought in line."""

    industries = forms.CharField(
        label=_("行业代码"),
        required=False,
        max_length=200,
        help_text=_("GB/T 4754-2017 大类、中类或小类代码,逗号分隔,如 27, 2620;留空为不限"),
    )
    tags = forms.CharField(
        label=_("企业标签"), required=False, max_length=200, help_text=_("逗号分隔;留空为不限")
    )
    producers = forms.ChoiceField(
        label=_("产废单位"),
        required=False,
        choices=[
            ("", _("不限")),
            ("any", _("危险废物产废单位")),
            ("key", _("重点产废单位")),
            ("non_key", _("非重点产废单位")),
        ],
    )
    all = forms.BooleanField(label=_("园区全部在营企业"), required=False)
    on = forms.DateField(label=_("生效日期"), help_text=_("符合规则的企业自该日纳入,不再符合的自该日移出"))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, campaign: Campaign, today: Any, **kwargs: Any) -> None:
        rule = campaign.target_rule or {}
        kwargs.setdefault(
            "initial",
            {
                "industries": ", ".join(rule.get("industries", ())),
                "tags": ", ".join(rule.get("tags", ())),
                "producers": rule.get("producers", ""),
                "all": bool(rule.get("all")),
                "on": today,
                "version": campaign.version,
            },
        )
        super().__init__(*args, **kwargs)
        style_form(self)

    def rule(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {k: data[k] for k in ("industries", "tags", "producers", "all") if data.get(k)}


#: Rounds a new campaign may be given on its form (more are rare; a round is one period of visits).
FORM_ROUNDS = 4


class CampaignForm(RecordForm):
    """A new coverage campaign with its rounds; its targets follow by rule (or are added as a list)."""

    class Meta:
        model = Campaign
        fields = ["kind", "year", "title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        for n in range(1, FORM_ROUNDS + 1):
            self.fields[f"round{n}_starts_on"] = forms.DateField(
                label=_("第 %(n)s 轮开始") % {"n": n}, required=n == 1
            )
            self.fields[f"round{n}_ends_on"] = forms.DateField(
                label=_("第 %(n)s 轮结束") % {"n": n}, required=n == 1
            )
        style_form(self)

    def rounds(self) -> list[tuple[dt.date | None, dt.date | None]]:
        data = self.cleaned_data
        return [
            (data.get(f"round{n}_starts_on"), data.get(f"round{n}_ends_on"))
            for n in range(1, FORM_ROUNDS + 1)
        ]

    def record_data(self) -> dict[str, Any]:
        return {k: self.cleaned_data.get(k) for k in ("kind", "year", "title", "description")}
