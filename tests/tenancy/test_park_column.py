"""Every tenant table carries its own ``park_id`` (issue 15 item 8): the column a distributed PostgreSQL
(Citus) shards and co-locates by. A scipark model without a NOT NULL foreign key ``park`` to the park fails
here unless it is on the reviewed list below, with the reason it is not a tenant table (docs/deploy.md
names the same tables as reference or coordinator tables)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import pytest
from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.db.models import F

from scipark.core.imports.bulk import insert
from scipark.core.tenancy import ParkCopied

#: Models that are not one park's rows, each with why. Reviewed: adding one needs a reason that holds.
NOT_TENANT_TABLES: dict[str, str] = {
    # Platform and people: above the parks, or one person's across parks.
    "core.AuditEvent": "审计日志跨园区和平台(登录、三员操作),只追加,由审计管理员读",
    "core.TaskRun": "后台任务记录;定时任务不属于任何园区(park 可空)",
    "accounts.User": "一个人可在多个园区、开发区任职",
    "accounts.Membership": "开发区级和三员的授权没有园区(park 可空);随用户",
    "accounts.UserSession": "属于用户,不属于园区",
    "accounts.PersonalToken": "属于用户,不属于园区",
    "accounts.User_groups": "Django 自带的用户组关联,属于用户",
    "accounts.User_user_permissions": "Django 自带的用户权限关联,属于用户",
    "notifications.Notification": "发给一个人的消息,此人可在多个园区任职",
    "notifications.NotificationPreference": "一个人的通知偏好",
    # The tenant and what stands above it.
    "parks.Zone": "开发区在园区之上,汇总多个园区",
    "parks.Park": "园区本身:它的 id 就是分布列的值",
    # Reference data shared by every park.
    "enterprises.Industry": "GB/T 4754-2017 国民经济行业分类,各园区共用",
    "economy.Indicator": "指标目录,各园区共用(年度目标按园区)",
    "economy.EnergyCarrier": "能源品种及折标系数,全国统一",
    "appeals.CalendarDay": "国家法定节假日与调休工作日",
    # A copy of the park as a plain column, without a foreign key (the search index's own copy).
    "innovation.SearchPosting": "检索倒排表:park_id 是无外键的普通列,由 SearchEntry 复制,可直接作分布列",
    # Known gap, listed so that it stays visible: many-to-many tables Django creates itself. Their rows
    # belong to one park through both ends; giving them park_id needs explicit through models.
    "enterprises.Enterprise_tags": "自动多对多表(企业-标签),尚无 park_id:需改为显式中间模型",
    "appeals.Visit_staff": "自动多对多表(走访-人员),尚无 park_id:需改为显式中间模型",
    "appeals.Visit_appeals": "自动多对多表(走访-诉求),尚无 park_id:需改为显式中间模型",
    "alliance.JointAction_needs": "自动多对多表(联建行动-需求),尚无 park_id:需改为显式中间模型",
    "alliance.JointAction_resources": "自动多对多表(联建行动-资源),尚无 park_id:需改为显式中间模型",
    "alliance.JointAction_partners": "自动多对多表(联建行动-企业),尚无 park_id:需改为显式中间模型",
    "alliance.JointAction_partner_orgs": "自动多对多表(联建行动-党组织),尚无 park_id:需改为显式中间模型",
}


def scipark_models() -> list[type[models.Model]]:
    """Every concrete model of a scipark app, the many-to-many tables Django creates included."""
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.app_config is not None
        and m._meta.app_config.name.startswith("scipark.")
        and not m._meta.proxy
        and m._meta.managed
    ]


def park_column_problem(model: type[models.Model]) -> str | None:
    """Why ``model`` does not carry its park itself, or None when it does."""
    try:
        field: Any = model._meta.get_field("park")
    except Exception:
        return "没有 park 列"
    if not (field.many_to_one or field.one_to_one) or not field.concrete:
        return "park 不是外键列"
    if field.related_model is not apps.get_model("parks", "Park"):
        return f"park 指向 {field.related_model._meta.label},不是园区"
    if field.null:
        return "park 可以为空"
    return None


def problems(candidates: Iterable[type[models.Model]], allowed: dict[str, str]) -> dict[str, str]:
    return {
        m._meta.label: problem
        for m in candidates
        if m._meta.label not in allowed and (problem := park_column_problem(m)) is not None
    }


def test_every_tenant_table_carries_its_own_park_column() -> None:
    assert problems(scipark_models(), NOT_TENANT_TABLES) == {}


def test_the_check_names_a_model_that_reaches_its_park_only_through_a_parent() -> None:
    Industry = apps.get_model("enterprises", "Industry")
    Membership = apps.get_model("accounts", "Membership")
    Enterprise = apps.get_model("enterprises", "Enterprise")
    assert problems([Industry, Membership, Enterprise], {}) == {
        "enterprises.Industry": "没有 park 列",
        "accounts.Membership": "park 可以为空",
    }


def test_each_listed_exception_exists_lacks_the_column_and_gives_a_reason() -> None:
    labels = {m._meta.label: m for m in scipark_models()}
    stale = [label for label in NOT_TENANT_TABLES if label not in labels]
    assert stale == []
    needless = [label for label in NOT_TENANT_TABLES if park_column_problem(labels[label]) is None]
    assert needless == []
    assert all(len(reason) >= 6 for reason in NOT_TENANT_TABLES.values())


def copied_models() -> list[type[ParkCopied]]:
    return [m for m in scipark_models() if issubclass(m, ParkCopied)]


def test_rows_that_belong_to_a_park_through_a_parent_copy_it_and_are_scoped_by_it() -> None:
    copied = {m._meta.label for m in copied_models()}
    assert len(copied) >= 27
    for model in copied_models():
        parent: Any = model._meta.get_field(model.park_parent)
        assert parent.many_to_one and not parent.null, model
        assert park_column_problem(parent.related_model) is None, model
        # Restriction reads the row's own column: one shard per park once distributed.
        assert getattr(model, "scope_park_field", "park") == "park", model


def mismatched(model: type[ParkCopied]) -> int:
    """Rows whose park is not their parent's."""
    return model._base_manager.exclude(park_id=F(f"{model.park_parent}__park_id")).count()


@pytest.mark.django_db
def test_a_row_cannot_be_written_without_its_park(world: Any) -> None:
    """The column is NOT NULL: a write past the ORM that forgets the park fails instead of writing."""
    Contact = apps.get_model("enterprises", "Contact")
    with pytest.raises(IntegrityError), transaction.atomic():
        insert(
            Contact,
            ("created_at", "updated_at", "version", "enterprise_id", "name"),
            [(world.park.created_at, world.park.created_at, 1, world.enterprise.pk, "张三")],
        )
    assert not Contact._base_manager.filter(enterprise=world.enterprise, name="张三").exists()


@pytest.mark.django_db
def test_save_copies_the_park_from_the_parent(world: Any) -> None:
    Status = apps.get_model("enterprises", "EnterpriseStatus")
    made = Status.objects.create(
        enterprise=world.foreign_enterprise, kind="incubation", valid_from=dt.date(2023, 1, 1)
    )
    assert made.park_id == world.foreign_enterprise.park_id == world.other_park.pk
    by_id = Status(enterprise_id=world.enterprise.pk, kind="incubation", valid_from=dt.date(2023, 2, 1))
    by_id.save()
    assert by_id.park_id == world.park.pk
    assert mismatched(Status) == 0


@pytest.mark.django_db
def test_bulk_create_copies_it_from_loaded_and_unloaded_parents(
    world: Any, django_assert_num_queries: Any
) -> None:
    Contact = apps.get_model("enterprises", "Contact")
    rows = [
        Contact(enterprise=world.enterprise, name="甲"),
        Contact(enterprise_id=world.foreign_enterprise.pk, name="乙"),
        Contact(enterprise_id=world.other_enterprise.pk, name="丙"),
    ]
    Contact.objects.bulk_create(rows)
    assert [r.park_id for r in rows] == [world.park.pk, world.other_park.pk, world.park.pk]
    stored = dict(Contact.objects.filter(name__in=["甲", "乙", "丙"]).values_list("name", "park_id"))
    assert stored == {"甲": world.park.pk, "乙": world.other_park.pk, "丙": world.park.pk}
    # Loaded parents cost nothing; unloaded ones one query for the batch.
    loaded = [Contact(enterprise=world.enterprise, name=f"丁{i}") for i in range(3)]
    with django_assert_num_queries(1):
        Contact.objects.bulk_create(loaded)


@pytest.mark.django_db
def test_full_clean_fills_it_and_a_missing_parent_is_reported_once(world: Any) -> None:
    from django.core.exceptions import ValidationError

    Contact = apps.get_model("enterprises", "Contact")
    contact = Contact(enterprise=world.enterprise, name="张三")
    contact.full_clean()
    assert contact.park_id == world.park.pk
    with pytest.raises(ValidationError) as refused:
        Contact(name="李四").full_clean()
    assert "enterprise" in refused.value.message_dict and "park" not in refused.value.message_dict


@pytest.mark.django_db
def test_a_row_given_another_parent_takes_that_parents_park(world: Any) -> None:
    Contact = apps.get_model("enterprises", "Contact")
    Contact.objects.create(enterprise=world.enterprise, name="甲")
    by_id = Contact.objects.get(name="甲")
    by_id.enterprise_id = world.foreign_enterprise.pk
    by_id.save()
    assert Contact.objects.get(name="甲").park_id == world.other_park.pk
    by_object = Contact.objects.get(name="甲")
    by_object.enterprise = world.enterprise
    by_object.save()
    assert Contact.objects.get(name="甲").park_id == world.park.pk
    assert mismatched(Contact) == 0


@pytest.mark.django_db
def test_a_park_given_with_the_row_is_kept(world: Any) -> None:
    Contact = apps.get_model("enterprises", "Contact")
    rows = [Contact(enterprise_id=world.enterprise.pk, park_id=world.park.pk, name="甲")]
    Contact.objects.bulk_create(rows)
    assert rows[0].park_id == world.park.pk
