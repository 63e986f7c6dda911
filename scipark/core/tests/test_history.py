"""A record's change log as a person reads it (issue 10 item 6): labels, choice labels, linked rows by
name, amounts in 元/万元, masked fields masked, who and when, old → new, one group per change."""

from __future__ import annotations

from decimal import Decimal

from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from scipark.core.history import ChangeGroup, money_text, readable_history
from scipark.core.testing import ensure_industry, make_enterprise
from scipark.enterprises.models import Enterprise


def history_of(enterprise: Enterprise) -> list[ChangeGroup]:
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Enterprise), object_pk=str(enterprise.pk)
    ).select_related("actor", "content_type")
    return readable_history(entries.order_by("-timestamp", "-pk"))


def test_money_reads_in_yuan_or_wan_with_separators():
    assert money_text(Decimal("12345600")) == "1,234.56 万元"
    assert money_text(Decimal("3500")) == "3,500.00 元"
    assert money_text(Decimal("-25000")) == "-2.50 万元"
    # two places of 万元 rounded half up, as every list rounds (四舍五入): 1,234.565 万元 → 1,234.57 (half to even
    # gave 1,234.56), 1.005 万元 → 1.01
    assert money_text(Decimal("12345650")) == "1,234.57 万元"
    assert money_text(Decimal("10050")) == "1.01 万元"
    assert money_text(Decimal("10000")) == "1.00 万元"  # 1万 itself reads in 万元
    assert money_text(Decimal("9999.99")) == "9,999.99 元"
    with translation.override("en"):
        assert money_text(Decimal("12345650")) == "1,234.57 × 10,000 yuan"
        assert money_text(Decimal("3500")) == "3,500.00 yuan"


def test_a_change_of_choice_link_amount_and_masked_field_reads_as_the_ui_shows_them(world):
    actor = world.user("economy_staff")
    actor.full_name = "王经济"
    actor.save()
    other = ensure_industry("2720", "化学药品制剂制造")
    with set_actor(actor):
        enterprise = make_enterprise(
            world.park,
            91,
            "变更可读有限公司",
            registered_capital=Decimal("5000000"),
            legal_representative="张三",
        )
        enterprise.status = Enterprise.Status.SUSPENDED
        enterprise.activity_type = "wholesale"
        enterprise.industry = other
        enterprise.registered_capital = Decimal("8000")
        enterprise.legal_representative = "李四"
        enterprise.version += 1
        enterprise.save()

    update, created = history_of(enterprise)
    assert created.action == "新建" and update.action == "修改"
    assert update.actor == "王经济(economy_staff)"
    assert update.subject == "企业 · 变更可读有限公司"
    changes = {c.label: (c.before, c.after) for c in update.changes}
    assert changes["经营状态"] == ("在营", "停产")
    assert changes["统计行业类型"] == ("工业", "批发业")
    assert changes["行业(GB/T 4754-2017)"] == ("2710 化学药品原料药制造", "2720 化学药品制剂制造")
    assert changes["注册资本"] == ("500.00 万元", "8,000.00 元")  # the label loses its (元): values carry it
    assert changes["法定代表人"] == ("〔已隐去〕", "〔已隐去〕")
    # No internal fields and no column names.
    labels = set(changes)
    assert not labels & {"version", "版本", "id", "activity_type", "industry", "registered_capital"}
    assert "张三" not in str(update) and "李四" not in str(update)


def test_the_enterprise_page_shows_the_readable_groups(world, client_for):
    with set_actor(world.user("economy_staff")):
        world.enterprise.registered_capital = Decimal("12345600")
        world.enterprise.version += 1
        world.enterprise.save()
    body = client_for("economy_staff").get(f"/enterprises/{world.enterprise.pk}/").content.decode()
    assert 'data-testid="change-group"' in body
    assert "1,234.56 万元" in body and "economy_staff" in body
    assert "registered_capital" not in body
