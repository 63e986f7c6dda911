"""Sample innovation rows for the route matrix: own = the world enterprise's, other = the other
enterprise's in the same park, foreign = one in the other park."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from scipark.core import access
from scipark.core.testing import as_shown, csv_upload, enterprise_for, park_of

from .libraries import BY_SLUG, LIBRARIES
from .models import (
    Achievement,
    Award,
    Evaluation,
    Expert,
    Incubation,
    Incubator,
    Institution,
    IntellectualProperty,
    LedStandard,
    Policy,
    RdInstitution,
    RuleVersion,
    ServiceProvider,
    SharedEquipment,
    Talent,
    TechArchive,
    TechDemand,
    TierCertificate,
)
from .services.records import entry_fields

#: Filled enough to be submitted (services.archives names what submitting needs).
FILLED = {
    "rd_expense": Decimal("1200000"),
    "sales": Decimal("20000000"),
    "total_assets": Decimal("30000000"),
    "employees": 80,
    "tech_staff": 20,
}


def _archive(enterprise: Any) -> TechArchive:
    return TechArchive.objects.create(park_id=enterprise.park_id, enterprise=enterprise, year=2023, **FILLED)


def _patent(enterprise: Any, number: str) -> IntellectualProperty:
    return IntellectualProperty.objects.create(
        park_id=enterprise.park_id, enterprise=enterprise, owner_name=enterprise.name, kind="invention",
        number=number, title="一种青稞β-葡聚糖的提取方法", applied_on=dt.date(2021, 3, 1),
        granted_on=dt.date(2023, 5, 9), status="granted",
    )  # fmt: skip


def _incubator(park: Any, name: str) -> Incubator:
    return Incubator.objects.create(
        park=park, name=name, opened_on=dt.date(2018, 1, 1), area_m2=Decimal(5000),
        incubatee_area_m2=Decimal(4000), staff=10, professional_staff=5, seed_fund=Decimal(2000000),
    )  # fmt: skip


def _stay(incubator: Incubator, enterprise: Any) -> Incubation:
    return Incubation.objects.create(
        park=incubator.park, incubator=incubator, enterprise=enterprise, entered_on=dt.date(2022, 4, 1)
    )


def _certificate(enterprise: Any, number: str) -> TierCertificate:
    return TierCertificate.objects.create(
        park_id=enterprise.park_id, enterprise=enterprise, tier="high_tech", number=number,
        granted_on=dt.date(2022, 12, 12), expires_on=dt.date(2025, 12, 11), issuer="青海省科学技术厅",
    )  # fmt: skip


def route_samples(world: Any) -> dict[str, dict[str, Any]]:
    incubator = _incubator(world.park, "生物园孵化器")
    foreign_incubator = _incubator(world.other_park, "南川孵化器")
    return {
        "innovation.techarchive": {
            "own": _archive(world.enterprise),
            "other": _archive(world.other_enterprise),
            "foreign": _archive(world.foreign_enterprise),
        },
        "innovation.intellectualproperty": {
            "own": _patent(world.enterprise, "ZL202110000001.1"),
            "other": _patent(world.other_enterprise, "ZL202110000002.2"),
            "foreign": _patent(world.foreign_enterprise, "ZL202110000003.3"),
        },
        # Incubators belong to the park (staff-only rows): "other" is the same park's.
        "innovation.incubator": {"own": incubator, "foreign": foreign_incubator},
        "innovation.incubation": {
            "own": _stay(incubator, world.enterprise),
            "other": _stay(incubator, world.other_enterprise),
            "foreign": _stay(foreign_incubator, world.foreign_enterprise),
        },
        "innovation.tiercertificate": {
            "own": _certificate(world.enterprise, "GR202263000001"),
            "other": _certificate(world.other_enterprise, "GR202263000002"),
            "foreign": _certificate(world.foreign_enterprise, "GR202263000003"),
        },
        **_library_samples(world),
    }


def _per_enterprise(world: Any, make: Any) -> dict[str, Any]:
    return {
        "own": make(world.enterprise),
        "other": make(world.other_enterprise),
        "foreign": make(world.foreign_enterprise),
    }


def _per_park(world: Any, make: Any) -> dict[str, Any]:
    """The park's own rows (no enterprise: staff-only): "other" is the same park's."""
    return {"own": make(world.park), "foreign": make(world.other_park)}


def _evaluation(enterprise: Any) -> Evaluation:
    rule = RuleVersion.objects.get_or_create(
        park_id=enterprise.park_id, tier="tech_sme", valid_from=dt.date(2022, 1, 1),
        defaults={"name": "科技型中小企业评价办法", "source": "国科发政〔2022〕67号", "params": {}},
    )[0]  # fmt: skip
    return Evaluation.objects.create(
        park_id=enterprise.park_id, enterprise=enterprise, year=2023, tier="tech_sme", rule=rule,
        qualifies=False, gaps=[{"condition": "研发费用", "message": "还需 +47万元"}],
    )  # fmt: skip


def _library_samples(world: Any) -> dict[str, dict[str, Any]]:
    """One row of each library per variant: the API walks every library."""
    day = dt.date(2023, 3, 1)

    def firm(e: Any) -> dict[str, Any]:
        return {"park_id": e.park_id, "enterprise": e}

    return {
        "innovation.achievement": _per_enterprise(world, lambda e: Achievement.objects.create(
            **firm(e), title="青稞β-葡聚糖提取工艺", holder=e.name, registered_on=day)),
        "innovation.talent": _per_enterprise(world, lambda e: Talent.objects.create(
            **firm(e), name="卓玛", degree="doctor", field="藏药学", phone="13900000001")),
        "innovation.techdemand": _per_enterprise(world, lambda e: TechDemand.objects.create(
            **firm(e), title="牦牛骨胶原肽纯化", description="纯度提升至95%", published_on=day)),
        "innovation.rdinstitution": _per_enterprise(world, lambda e: RdInstitution.objects.create(
            **firm(e), name=f"{e.name}研发中心", kind="rd_centre", level="municipal", approved_on=day)),
        "innovation.sharedequipment": _per_enterprise(world, lambda e: SharedEquipment.objects.create(
            park_id=e.park_id, owner=e, owner_name=e.name, name="液相色谱仪")),
        "innovation.evaluation": _per_enterprise(world, _evaluation),
        "innovation.award": _per_enterprise(world, lambda e: Award.objects.create(
            **firm(e), name="青海省科学技术进步奖", level="provincial", rank=1, granted_on=day)),
        "innovation.ledstandard": _per_enterprise(world, lambda e: LedStandard.objects.create(
            **firm(e), code=f"T/QHYX {e.pk:03d}-2023", title="青稞β-葡聚糖", level="group", published_on=day)),
        "innovation.expert": _per_park(world, lambda p: Expert.objects.create(
            park=p, name="张三", organisation="青海大学", field="中藏药", phone="13900000002")),
        "innovation.policy": _per_park(world, lambda p: Policy.objects.create(
            park=p, title="科技型企业培育办法", issuer="青海省科学技术厅", level="provincial", published_on=day)),
        "innovation.institution": _per_park(world, lambda p: Institution.objects.create(
            park=p, name=f"青海大学{p.pk}", kind="university", province="青海")),
        "innovation.serviceprovider": _per_park(world, lambda p: ServiceProvider.objects.create(
            park=p, name="青海知识产权代理所", kind="ip_agency")),
    }  # fmt: skip


#: The libraries' URLs carry the library's slug; the matrix walks the patent library.
ROUTE_LITERALS = {"library": "patents"}

IP_KEYS: tuple[str, ...] = (
    "enterprise_id", "owner_name", "kind", "number", "title", "applied_on", "granted_on", "status",
)  # fmt: skip
CERTIFICATE_KEYS: tuple[str, ...] = ("enterprise_id", "tier", "number", "granted_on", "expires_on", "issuer")

#: Route matrix: valid data per route (the edit page and the review button are valid as shown).
ROUTE_POSTS = {
    "innovation:archive_edit": as_shown,
    "innovation:archive_step": as_shown,
    "innovation:archive_add": lambda world, obj, user: {"enterprise": world.enterprise.pk, "year": 2022},
    "innovation:record_add": lambda world, obj, user: _typed_patent(user),
    "innovation:record_edit": as_shown,
    "innovation:certificate_add": lambda world, obj, user: _typed_certificate(user),
    "innovation:certificate_edit": as_shown,
    "innovation:stay_add": lambda world, obj, user: _typed_stay(world, user),
    "innovation:stay_edit": as_shown,
    "innovation:award_add": lambda world, obj, user: _typed_award(user),
    "innovation:award_edit": as_shown,
    "innovation:standard_add": lambda world, obj, user: _typed_standard(user),
    "innovation:standard_edit": as_shown,
    "innovation:incubator_add": lambda world, obj, user: _typed_incubator(),
    "innovation:incubator_edit": as_shown,
    # the 重新测评 button as the evaluation page shows it (park and year); the run follows in the background
    "innovation:evaluation_run": as_shown,
    "innovation-stay-list": lambda world, obj, user: {
        k: v for k, v in _typed_stay(world, user).items() if v != ""
    },
    "innovation-stay-detail": lambda world, obj, user: _as_stored(obj, STAY_KEYS),
    "innovation-archive-list": lambda world, obj, user: {"enterprise": _own(user).pk, "year": 2022},
    "innovation-archive-detail": lambda world, obj, user: {
        "version": obj.version,
        "enterprise": obj.enterprise_id,
        "year": obj.year,
        "rd_expense": "1300000",
    },
    "innovation-ip-list": lambda world, obj, user: {k: v for k, v in _typed_patent(user).items() if v != ""},
    "innovation-ip-detail": lambda world, obj, user: _as_stored(obj, IP_KEYS),
    "innovation-certificate-list": lambda world, obj, user: _typed_certificate(user),
    "innovation-certificate-detail": lambda world, obj, user: _as_stored(obj, CERTIFICATE_KEYS),
}


def _as_stored(obj: Any, keys: tuple[str, ...]) -> dict[str, Any]:
    """The row as stored, sent back whole (a PUT) with the version it was read at."""
    values = {name.removesuffix("_id"): getattr(obj, name) for name in keys}
    return {"version": obj.version, **{k: str(v) for k, v in values.items() if v is not None}}


def _own(user: Any) -> Any:
    """The enterprise a person adding an innovation record picks: the first they may add for."""
    return enterprise_for(user, "add", "innovation")


def _typed_patent(user: Any) -> dict[str, Any]:
    return {
        "enterprise": _own(user).pk, "owner_name": "青海测试药业有限公司", "kind": "invention",
        "number": "ZL202210000009.1", "title": "一种藏药复方制剂的制备方法", "applied_on": "2022-01-05",
        "granted_on": "", "status": "applied", "field": "藏药", "abstract": "",
    }  # fmt: skip


#: Incubators are the park's rows: they and their incubatees are recorded by the innovation department.
ROUTE_REFUSED = {
    (name, "enterprise_user"): "incubators and incubatees are recorded by the park's innovation department"
    for name in (
        "innovation:stay_add",
        "innovation:stay_edit",
        "innovation:incubator_add",
        "innovation:incubator_edit",
    )
}
ROUTE_REFUSED[("innovation:evaluation_run", "enterprise_user")] = (
    "a park's re-evaluation is run by the park's innovation department"
)
_PARK_PAGE = (403, "the dashboard sums up the park: an enterprise user has 我的科技档案")
_STAFF_WRITES = (403, "written by the park's innovation department only (an enterprise user reads its own)")
ROUTE_STATUS: dict[tuple[str, str, str | None], Any] = {
    ("innovation:dashboard", "GET", "enterprise_user"): _PARK_PAGE,
    ("innovation:evaluation_list", "GET", "enterprise_user"): (
        403,
        "the tier evaluation page sums up the park: an enterprise user sees its own position on 我的科技档案",
    ),
    ("innovation-stay-list", "POST", "enterprise_user"): _STAFF_WRITES,
    ("innovation-stay-detail", "PUT", "enterprise_user"): _STAFF_WRITES,
    ("innovation-stay-detail", "PATCH", "enterprise_user"): _STAFF_WRITES,
    **{
        (f"innovation-{lib.slug}-{route}", method, "enterprise_user"): _STAFF_WRITES
        for lib in LIBRARIES
        if lib.enterprise_field is None
        for route, method in (("list", "POST"), ("detail", "PUT"), ("detail", "PATCH"))
    },
}
STAY_KEYS: tuple[str, ...] = ("incubator_id", "enterprise_id", "entered_on", "left_on", "outcome", "note")


def _typed_award(user: Any) -> dict[str, Any]:
    return {"enterprise": _own(user).pk, "name": "青海省科学技术进步奖", "level": "provincial", "rank": "2",
            "granted_on": "2023-11-20"}  # fmt: skip


def _typed_standard(user: Any) -> dict[str, Any]:
    return {"enterprise": _own(user).pk, "code": "T/QHYX 099-2023", "title": "牦牛骨胶原蛋白肽",
            "level": "group", "published_on": "2023-09-01"}  # fmt: skip


def _typed_incubator() -> dict[str, Any]:
    return {"name": "生物园众创空间", "operator": "", "kind": "comprehensive", "level": "municipal",
            "recognised_on": "2021-06-01", "opened_on": "2020-01-01", "area_m2": "3000", "incubatee_area_m2": "2400",
            "seed_fund": "1500000", "staff": "8", "professional_staff": "4"}  # fmt: skip


def _record_keys(model: type[Any]) -> tuple[str, ...]:
    return tuple(model._meta.get_field(name).attname for name in entry_fields(model))


def _typed_record(slug: str) -> Any:
    """A new record of the library: the first one the poster may change, copied under a new title."""
    library = BY_SLUG[slug]

    def post(world: Any, obj: Any, user: Any) -> dict[str, Any]:
        rows = library.model.objects.restrict(user, access.Action.CHANGE).filter(park=park_of(user, world))
        first = rows.order_by("pk").first()
        if first is None:  # a staff-only library and an enterprise user: refused whatever it sends
            return {}
        data = _as_stored(first, _record_keys(library.model))
        del data["version"]
        data[library.title[0]] = f"{data[library.title[0]]}(新)"
        return {**data, "park": park_of(user, world).pk}

    return post


for _lib in LIBRARIES:
    if _lib.model is not IntellectualProperty:
        ROUTE_POSTS[f"innovation-{_lib.slug}-list"] = _typed_record(_lib.slug)
        ROUTE_POSTS[f"innovation-{_lib.slug}-detail"] = (
            lambda keys: lambda world, obj, user: _as_stored(obj, keys)
        )(_record_keys(_lib.model))


def _typed_certificate(user: Any) -> dict[str, Any]:
    return {
        "enterprise": _own(user).pk, "tier": "tech_sme", "number": "2023630100000123",
        "granted_on": "2023-05-01", "expires_on": "2023-12-31", "issuer": "青海省科学技术厅",
    }  # fmt: skip


def _typed_stay(world: Any, user: Any) -> dict[str, Any]:
    """An earlier, finished stay of the world's enterprise in the staff member's park's incubator."""
    incubator = Incubator.objects.filter(park=park_of(user, world)).order_by("pk").first()
    return {
        "incubator": getattr(incubator, "pk", ""), "enterprise": world.enterprise.pk,
        "entered_on": "2019-03-01", "left_on": "2020-06-30", "outcome": "graduated", "note": "",
    }  # fmt: skip


#: One valid row of each library's import file (the required columns only).
IMPORT_ROWS: dict[str, list[list[str]]] = {
    "patents": [["申请号/登记号", "权利人", "类型", "名称"], ["ZL202110000021.1", "青海大学", "发明专利", "一种藏药制剂"]],
    "achievements": [["成果名称", "完成单位"], ["牦牛乳酪蛋白提取工艺", "青海大学"]],
    "experts": [["姓名", "工作单位", "专业领域"], ["李四", "青海大学", "中藏药"]],
    "talents": [["姓名", "学历", "专业领域"], ["卓玛", "博士", "藏药学"]],
    "demands": [["需求企业", "需求名称", "需求描述", "发布日期"], ["{credit_code}", "骨胶原肽纯化", "纯度95%", "2023-03-01"]],
    "platforms": [["名称", "类型", "级别", "认定日期"], ["青海研发中心", "企业研发中心", "市级", "2023-03-01"]],
    "equipment": [["所属单位", "设备名称"], ["青海大学", "气相色谱仪"]],
    "policies": [["政策名称", "发布机关", "级别", "发布日期"], ["科技成果转化办法", "青海省科学技术厅", "省级", "2023-03-01"]],
    "institutions": [["机构名称", "类型", "所在省份"], ["青海民族大学", "高等院校", "青海"]],
    "providers": [["机构名称", "服务类型"], ["青海检验检测中心", "检验检测"]],
}  # fmt: skip


def _import_post(slug: str) -> Any:
    def post(world: Any, obj: Any, user: Any) -> dict[str, Any]:
        code = world.enterprise.credit_code
        rows = [[cell.replace("{credit_code}", code) for cell in row] for row in IMPORT_ROWS[slug]]
        return {"park": park_of(user, world).pk, "file": csv_upload(f"{slug}.csv", rows)}

    return post


ROUTE_POSTS.update({f"innovation:{slug}_import": _import_post(slug) for slug in IMPORT_ROWS})
ROUTE_STATUS.update(
    {
        (f"innovation:{slug}_import", "POST", None): (
            200,
            "an upload answers with its preview; a second POST confirms it",
        )
        for slug in IMPORT_ROWS
    }
)
