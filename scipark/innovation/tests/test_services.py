"""Archives, IP, certificates and stays: bad input refused with a Chinese message naming the field, reach
re-checked, stale versions refused, and the review as one table (every action × state)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from scipark.core.access import AccessDenied
from scipark.core.services import ConflictError
from scipark.core.workflow import TransitionError
from scipark.enterprises.models import EnterpriseStatus
from scipark.enterprises.signals import enterprise_status_changed
from scipark.innovation import services
from scipark.innovation.models import Evaluation, Incubator, TechArchive
from scipark.innovation.workflow import FLOW, TRANSITIONS, ArchiveAction

pytestmark = pytest.mark.django_db
D = Decimal
GOOD = {
    "rd_expense": D(600_000), "rd_expense_domestic": D(600_000), "sales": D(10_000_000), "total_assets": D(20_000_000),
    "total_liabilities": D(5_000_000), "net_assets": D(15_000_000), "total_cost": D(8_000_000), "employees": 100,
    "tech_staff": 30, "high_tech_income": D(7_000_000),
}  # fmt: skip


def _errors(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


def test_an_enterprise_fills_its_own_archive(world: Any, inn: Any) -> None:
    user = world.user("enterprise_user")
    archive = services.archive_create(user=user, enterprise=world.enterprise, year=2023, data=GOOD)
    assert archive.state == TechArchive.State.DRAFT and archive.park_id == world.park.pk
    with pytest.raises(AccessDenied):
        services.archive_create(user=user, enterprise=world.other_enterprise, year=2023, data=GOOD)
    with pytest.raises(AccessDenied):
        services.archive_create(
            user=world.user("economy_staff"), enterprise=world.other_enterprise, year=2023, data=GOOD
        )


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"rd_expense": D(-1)}, "rd_expense", "不能为负数"),
        ({"rd_expense_domestic": D(700_000)}, "rd_expense_domestic", "不能超过100%"),
        ({"tech_staff": 101}, "tech_staff", "不能超过100%"),
        ({"high_tech_income": D(10_000_001)}, "high_tech_income", "不能超过100%"),
        ({"total_liabilities": D(20_000_001)}, "total_liabilities", "资产负债率"),
        ({"rd_management_score": 21}, "rd_management_score", "0–20"),
    ],
)
def test_bad_archive_figures_are_refused_naming_the_field(
    world: Any, inn: Any, change: dict, field: str, words: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        services.archive_create(
            user=inn.staff, enterprise=world.enterprise, year=2023, data={**GOOD, **change}
        )
    assert words in " ".join(_errors(exc)[field])
    assert not TechArchive.objects.filter(enterprise=world.enterprise).exists()


def test_no_archive_for_a_year_before_the_enterprise(world: Any, inn: Any) -> None:
    world.enterprise.registration_date = dt.date(2023, 5, 1)
    world.enterprise.save()
    with pytest.raises(ValidationError) as exc:
        services.archive_create(user=inn.staff, enterprise=world.enterprise, year=2022, data=GOOD)
    assert "2022年企业尚未成立" in _errors(exc)["year"][0]


def test_stale_version_is_a_conflict(world: Any, inn: Any) -> None:
    archive = services.archive_create(user=inn.staff, enterprise=world.enterprise, year=2023, data=GOOD)
    services.archive_update(
        user=inn.staff, archive=archive, data={"employees": 120}, expected_version=archive.version
    )
    with pytest.raises(ConflictError):
        services.archive_update(
            user=inn.staff, archive=archive, data={"employees": 130}, expected_version=archive.version
        )


def test_every_action_has_a_step_and_follows_the_table(world: Any, inn: Any) -> None:
    assert FLOW.unregistered() == []
    for state in TechArchive.State.values:
        for transition in TRANSITIONS:
            archive = TechArchive.objects.create(park=world.park, enterprise=world.enterprise, year=2000 + len(state) + TRANSITIONS.index(transition) * 10, state=state, **GOOD)  # fmt: skip
            if state not in transition.sources:
                with pytest.raises(TransitionError):
                    services.archive_step(
                        user=inn.staff,
                        archive=archive,
                        action=transition.action,
                        version=archive.version,
                        note="原因",
                    )
            else:
                done = services.archive_step(
                    user=inn.staff,
                    archive=archive,
                    action=transition.action,
                    version=archive.version,
                    note="原因",
                )
                assert done.state == transition.target
            archive.delete()


def test_review_by_staff_only_and_accepting_evaluates(world: Any, inn: Any) -> None:
    inn.rules()
    user = world.user("enterprise_user")
    archive = services.archive_create(user=user, enterprise=world.enterprise, year=2023, data=GOOD)
    archive = services.archive_step(
        user=user, archive=archive, action=ArchiveAction.SUBMIT, version=archive.version
    )
    with pytest.raises(AccessDenied):
        services.archive_step(
            user=user, archive=archive, action=ArchiveAction.ACCEPT, version=archive.version
        )
    with pytest.raises(ValidationError):
        services.archive_step(
            user=inn.staff, archive=archive, action=ArchiveAction.SEND_BACK, version=archive.version
        )
    with pytest.raises(ValidationError):  # figures cannot change while under review
        services.archive_update(
            user=user, archive=archive, data={"employees": 1}, expected_version=archive.version
        )
    archive = services.archive_step(
        user=inn.staff, archive=archive, action=ArchiveAction.ACCEPT, version=archive.version
    )
    tiers = {e.tier: e for e in Evaluation.objects.filter(enterprise=world.enterprise, is_current=True)}
    assert tiers["tech_sme"].qualifies is True and tiers["tech_sme"].score_min == 70  # 20 + 50 + no IP
    with pytest.raises(AccessDenied):  # another park's staff cannot reach it
        services.archive_step(
            user=inn.other_staff, archive=archive, action=ArchiveAction.REOPEN, version=archive.version
        )


def test_a_new_rule_version_re_evaluates_and_the_old_evaluation_stays(world: Any, inn: Any) -> None:
    inn.rules()
    archive = services.archive_create(user=inn.staff, enterprise=world.enterprise, year=2023, data=GOOD)
    TechArchive.objects.filter(pk=archive.pk).update(state="accepted")
    services.evaluate_park(park=world.park, year=2023)
    old = Evaluation.objects.get(enterprise=world.enterprise, tier="tech_sme", is_current=True)
    params = {**old.rule.params, "pass_score": 101}
    services.rule_version_save(
        user=inn.staff, park=world.park, year=2023,
        data={"tier": "tech_sme", "name": "更严版本", "source": "测试", "valid_from": dt.date(2023, 1, 1), "params": params},
    )  # fmt: skip
    new = Evaluation.objects.get(enterprise=world.enterprise, tier="tech_sme", is_current=True)
    assert (old.qualifies, new.qualifies) == (True, False)
    old.refresh_from_db()
    assert (
        not old.is_current and old.rule.params["pass_score"] == 60
    )  # reproducible from its own rule and inputs
    with pytest.raises(ValidationError) as exc:
        services.rule_version_save(user=inn.staff, park=world.park, data={"tier": "tech_sme", "name": "坏", "source": "x", "valid_from": dt.date(2024, 1, 1), "params": {"pass_score": 60}})  # fmt: skip
    assert "规则参数" in _errors(exc)["params"][0]


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"number": "ZL2023101234567"}, "number", "格式有误"),
        ({"number": "ZL202320123456.7"}, "number", "类型位"),
        ({"granted_on": dt.date(2022, 1, 1)}, "granted_on", "不能早于申请日期"),
    ],
)
def test_bad_ip_is_refused(world: Any, inn: Any, change: dict, field: str, words: str) -> None:
    data = {"enterprise": world.enterprise, "owner_name": "甲", "kind": "invention", "number": "ZL202310123456.7",
            "title": "一种青稞提取方法", "applied_on": dt.date(2023, 1, 1), "granted_on": dt.date(2023, 9, 1), "status": "granted"}  # fmt: skip
    assert services.ip_save(user=inn.staff, park=world.park, data=data).number == "ZL202310123456.7"
    with pytest.raises(ValidationError) as exc:
        services.ip_save(
            user=inn.staff, park=world.park, data={**data, "number": "ZL202310999999.1", **change}
        )
    assert words in " ".join(_errors(exc)[field])


def test_certificate_expiry_before_grant_and_stays_are_ranges(world: Any, inn: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        services.certificate_save(user=inn.staff, park=world.park, data={"enterprise": world.enterprise, "tier": "high_tech", "granted_on": dt.date(2023, 11, 1), "expires_on": dt.date(2023, 10, 1)})  # fmt: skip
    assert "有效期不能早于认定日期" in _errors(exc)["expires_on"][0]
    incubator = Incubator.objects.create(park=world.park, name="孵化器", opened_on=dt.date(2020, 1, 1), area_m2=D(3000), incubatee_area_m2=D(2000))  # fmt: skip
    stay = {"incubator": incubator, "enterprise": world.enterprise, "entered_on": dt.date(2021, 1, 1)}
    services.stay_save(user=inn.staff, park=world.park, data=stay)
    with pytest.raises(ValidationError) as exc:
        services.stay_save(user=inn.staff, park=world.park, data={**stay, "entered_on": dt.date(2022, 1, 1)})
    assert "重叠" in _errors(exc)["entered_on"][0]
    with pytest.raises(ValidationError) as exc:
        services.stay_save(user=inn.staff, park=world.park, data={**stay, "enterprise": world.other_enterprise, "left_on": dt.date(2020, 1, 1), "outcome": "graduated"})  # fmt: skip
    assert "离孵日期不能早于入孵日期" in _errors(exc)["left_on"][0]


def _incubator(park: Any, name: str = "生物园孵化器") -> Incubator:
    return Incubator.objects.create(park=park, name=name, opened_on=dt.date(2018, 1, 1), area_m2=D(5000),
                                    incubatee_area_m2=D(4000))  # fmt: skip


def _incubation(enterprise: Any) -> list[tuple[Any, Any, str]]:
    rows = EnterpriseStatus.objects.filter(enterprise=enterprise, kind=EnterpriseStatus.Kind.INCUBATION)
    return list(rows.order_by("valid_from").values_list("valid_from", "valid_to", "note"))


def test_a_stay_sets_the_registrys_incubation_status_and_graduation_ends_it(world: Any, inn: Any) -> None:
    """The stays are the source (ADR 0014 §5): the registry's 在孵 flag follows each stay's save, written
    through the registry's service and announced to the apps that follow status histories."""
    incubator = _incubator(world.park)
    heard: list[dict[str, Any]] = []

    def listen(sender: Any, **kwargs: Any) -> None:
        heard.append(kwargs)

    enterprise_status_changed.connect(listen, dispatch_uid="innovation-test-listen")
    try:
        data = {"incubator": incubator, "enterprise": world.enterprise, "entered_on": dt.date(2022, 4, 1)}
        stay = services.stay_save(user=inn.staff, park=world.park, data=data)
        assert _incubation(world.enterprise) == [(dt.date(2022, 4, 1), None, "在孵于生物园孵化器")]
        assert heard[-1]["before"] is None and heard[-1]["after"] == (dt.date(2022, 4, 1), None)

        graduated = {**data, "left_on": dt.date(2023, 6, 30), "outcome": "graduated"}
        services.stay_save(user=inn.staff, park=world.park, data=graduated, instance=stay,
                           expected_version=stay.version)  # fmt: skip
        assert _incubation(world.enterprise) == [
            (dt.date(2022, 4, 1), dt.date(2023, 6, 30), "在孵于生物园孵化器,2023-06-30毕业")
        ]
        assert heard[-1]["before"] == (dt.date(2022, 4, 1), None)
        assert heard[-1]["after"] == (dt.date(2022, 4, 1), dt.date(2023, 6, 30))
    finally:
        enterprise_status_changed.disconnect(dispatch_uid="innovation-test-listen")
    # A refused stay writes no status (one transaction).
    with pytest.raises(ValidationError):
        services.stay_save(user=inn.staff, park=world.park, data={**data, "entered_on": dt.date(2023, 1, 1)})
    assert len(_incubation(world.enterprise)) == 1


def test_the_stays_replace_a_hand_kept_incubation_flag_and_follow_a_change_of_enterprise(
    world: Any, inn: Any
) -> None:
    EnterpriseStatus.objects.create(enterprise=world.enterprise, kind=EnterpriseStatus.Kind.INCUBATION,
                                    valid_from=dt.date(2021, 1, 1), note="手工登记")  # fmt: skip
    incubator = _incubator(world.park)
    data = {"incubator": incubator, "enterprise": world.enterprise, "entered_on": dt.date(2022, 4, 1)}
    stay = services.stay_save(user=inn.staff, park=world.park, data=data)
    assert _incubation(world.enterprise) == [(dt.date(2022, 4, 1), None, "在孵于生物园孵化器")]
    # Recorded for the wrong firm: moving the stay moves the flag.
    services.stay_save(user=inn.staff, park=world.park, data={**data, "enterprise": world.other_enterprise},
                       instance=stay, expected_version=stay.version)  # fmt: skip
    assert _incubation(world.enterprise) == []
    assert _incubation(world.other_enterprise) == [(dt.date(2022, 4, 1), None, "在孵于生物园孵化器")]


def test_incubators_are_checked_naming_the_field_and_kept_by_staff(world: Any, inn: Any) -> None:
    data = {"name": "生物园众创空间", "kind": "comprehensive", "opened_on": dt.date(2020, 1, 1),
            "area_m2": D(3000), "incubatee_area_m2": D(3500), "staff": 3, "professional_staff": 4,
            "operator": world.foreign_enterprise}  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.incubator_save(user=inn.staff, park=world.park, data=data)
    assert set(_errors(refused)) == {"incubatee_area_m2", "professional_staff", "operator"}
    with pytest.raises(AccessDenied):
        services.incubator_save(user=world.user("enterprise_user"), park=world.park,
                                data={**data, "incubatee_area_m2": D(2000), "staff": 8, "operator": None})  # fmt: skip
    made = services.incubator_save(user=inn.staff, park=world.park,
                                   data={**data, "incubatee_area_m2": D(2000), "staff": 8, "operator": None})  # fmt: skip
    assert made.park_id == world.park.pk and not Incubator.objects.exclude(pk=made.pk).exists()
