"""Tier rules as versioned data (DOMAIN.md §3) and the evaluations made with one version."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from scipark.core.access import Domain
from scipark.core.changelog import ChangeLog
from scipark.core.models import ParkScopedModel

from .common import Tier


class RuleVersion(ParkScopedModel):
    """One version of one tier's rule: the source document, its validity and the numbers as parameters.

    Parameters are the keys ``scipark.innovation.tiers`` reads (bands, thresholds); a park may hold its own
    version (the park's top tier 科技小巨人 has no published criteria and is configured by staff).
    """

    tier = models.CharField(_("梯次"), max_length=16, choices=Tier.choices)
    name = models.CharField(_("版本名称"), max_length=100)
    source = models.CharField(_("依据文件"), max_length=300)
    valid_from = models.DateField(_("生效日期"))
    valid_to = models.DateField(_("失效日期"), null=True, blank=True)
    params = models.JSONField(_("规则参数"), default=dict)
    confirmed = models.BooleanField(
        _("已核对公开文本"), default=True, help_text=_("未核对的规则(来自实践)在页面上标明")
    )

    access_domain: ClassVar[Domain] = Domain.INNOVATION

    class Meta:
        verbose_name = _("培育规则版本")
        verbose_name_plural = _("培育规则版本")
        ordering = ["tier", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["park", "tier", "valid_from"], name="innovation_rule_once_a_day"),
            models.CheckConstraint(
                name="innovation_rule_valid_range",
                violation_error_message=_("失效日期不能早于生效日期。"),
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_tier_display()} · {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("innovation:rule_list")


class EvaluationProfile(models.Model):
    """The inputs one evaluation run read for one enterprise (its profile, ``cultivation.Profile.as_json``),
    stored once for the run's evaluations of every tier: they share the enterprise and the run's time
    (``evaluated_at``), which is this row's key. Written once, never changed (a later run writes its own),
    so retiring an evaluation rewrites only the narrow evaluation row. It carries its park like every tenant
    row (the column a distributed PostgreSQL shards by, docs/deploy.md)."""

    park = models.ForeignKey(
        "parks.Park", on_delete=models.PROTECT, verbose_name=_("园区"), related_name="+", db_index=False
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.CASCADE, related_name="+", verbose_name=_("企业"),
        db_index=False,
    )  # fmt: skip
    evaluated_at = models.DateTimeField(_("评估时间"))
    year = models.PositiveSmallIntegerField(_("档案年度"))
    data = models.JSONField(_("企业画像"), default=dict)

    changelog: ClassVar[ChangeLog] = ChangeLog.off("派生数据:评估时读取的输入,随评估结果保存,不再修改")

    class Meta:
        verbose_name = _("评估输入")
        verbose_name_plural = _("评估输入")
        constraints = [
            # the run's key, and the index an enterprise's evaluations and its deletion read the rows by (the
            # park last: a distributed table's unique keys must hold its distribution column)
            models.UniqueConstraint(
                fields=["enterprise", "evaluated_at", "park"], name="innovation_eval_profile_run"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.year} {self.evaluated_at:%Y-%m-%d %H:%M}"


#: The condition of a stored note (``services.evaluation._gaps``): a note is no unmet condition.
NOTE = "说明"


def unmet(gaps: Iterable[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """The stored gaps that are unmet conditions, in their order (the notes left out)."""
    return [gap for gap in gaps or () if gap.get("condition") != NOTE]


def unmet_count(gaps: Iterable[dict[str, Any]] | None) -> int:
    """How many stored gaps are unmet conditions (:attr:`Evaluation.gap_count`)."""
    return len(unmet(gaps))


class Evaluation(ParkScopedModel):
    """The result of evaluating one tier for one enterprise with one rule version, kept reproducible:
    the inputs as read are stored with the result (the enterprise's profile once per run in
    :class:`EvaluationProfile`, the tier's route here), so the old evaluation can be recomputed exactly;
    :attr:`inputs` reads them back as one document.

    A park's re-evaluation replaces hundreds of thousands of rows at once: the park and enterprise keys have
    no index of their own, the two composite indexes below lead with them (each index is written on every
    insert and on every row retired)."""

    park = models.ForeignKey(
        "parks.Park", on_delete=models.PROTECT, verbose_name=_("园区"), related_name="+", db_index=False
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.CASCADE, related_name="+", verbose_name=_("企业"),
        db_index=False,
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("档案年度"))
    tier = models.CharField(_("梯次"), max_length=16, choices=Tier.choices)
    rule = models.ForeignKey(
        RuleVersion, on_delete=models.PROTECT, related_name="+", verbose_name=_("规则版本")
    )
    qualifies = models.BooleanField(_("符合条件"), null=True)
    score_min = models.DecimalField(_("得分下限"), max_digits=6, decimal_places=2, null=True)
    score_max = models.DecimalField(_("得分上限"), max_digits=6, decimal_places=2, null=True)
    gaps = models.JSONField(_("差距"), default=list)
    #: How many of ``gaps`` are unmet conditions (its notes, ``说明``, are not): kept beside them so that the
    #: 梯度培育测评 page filters, sorts and sums by it from an index (counted in the JSON per row, a park of
    #: 100,000 enterprises took seconds).
    gap_count = models.PositiveSmallIntegerField(_("差距项数"), default=0)
    route = models.CharField(_("认定路径"), max_length=200, blank=True, default="")
    evaluated_at = models.DateTimeField(_("评估时间"), auto_now_add=True)
    is_current = models.BooleanField(_("现行评估"), default=True)

    access_domain: ClassVar[Domain] = Domain.INNOVATION
    scope_enterprise_field: ClassVar[str | None] = "enterprise"
    #: Whether the enterprise holds the tier: set on a page's rows (``tier_results.with_held``), not a column.
    held: bool

    changelog: ClassVar[ChangeLog] = ChangeLog.off("派生数据:由科技档案和规则版本计算,输入随结果保存")

    class Meta:
        verbose_name = _("梯次评估")
        verbose_name_plural = _("梯次评估")
        ordering = ["enterprise_id", "tier", "-evaluated_at"]
        indexes = [
            # The park's current evaluations (partial: a park's history is not in them), covering what the
            # 梯度培育测评 page's summary and counts read.
            models.Index(
                fields=["park", "tier", "qualifies", "gap_count", "is_current"],
                name="innovation_eval_current_park",
                condition=Q(is_current=True),
            ),
            # The page's rows in the enterprises' order and the held ones reached from the certificates.
            models.Index(
                fields=["park", "enterprise", "tier"],
                name="innovation_eval_current_order",
                condition=Q(is_current=True),
            ),
            # A page sorted by the gaps: its 50 rows from the index's end, not the park's rows sorted (on
            # PostgreSQL that sort spilled 300 MB to disk). ``gap_count IS NOT NULL`` (always true) is in its
            # condition so that only the sorted page, which asks it (``views.evaluations``), reaches it: SQLite
            # otherwise read every other page of the park from it too, in gap order, 3-6x slower.
            # Its key ends in the row's id, the page's tie-breaker (``tables.EvaluationTable``): a sort by
            # the gaps alone left rows of equal gaps in no order, so a row could show on two pages or none.
            models.Index(
                fields=["park", "gap_count", "id"],
                name="innovation_eval_current_gaps",
                condition=Q(is_current=True, gap_count__isnull=False),
            ),
            models.Index(fields=["enterprise", "tier", "is_current"], name="innovation_eval_enterprise"),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.get_tier_display()} {self.year}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.gap_count = unmet_count(self.gaps)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "gaps" in update_fields:
            kwargs["update_fields"] = {*update_fields, "gap_count"}
        super().save(*args, **kwargs)

    @property
    def inputs(self) -> dict[str, Any]:
        """The inputs as read: ``{"profile": …, "route": …}`` (what the API and the reproducing code read;
        :func:`with_inputs` loads a list's profiles in one query, else this reads this row's)."""
        if "_profile" not in self.__dict__:  # not loaded yet (a row without a profile loads None once)
            self._profile = (
                EvaluationProfile.objects.filter(
                    enterprise_id=self.enterprise_id, evaluated_at=self.evaluated_at, park_id=self.park_id
                )
                .values_list("data", flat=True)
                .first()
            )
        # A row stored without inputs (made by hand, never by a run) reads as before the move: ``{}``.
        return {"profile": {} if self._profile is None else self._profile, "route": self.route}


def with_inputs(evaluations: Iterable[Evaluation]) -> list[Evaluation]:
    """The evaluations, each given its run's profile (:attr:`Evaluation.inputs`): one query for up to 300
    runs (three parameters each, inside SQLite's oldest limit)."""
    rows = list(evaluations)
    pending = [e for e in rows if "_profile" not in e.__dict__]
    found: dict[tuple[int, Any], Any] = {}
    keys = sorted({(e.enterprise_id, e.evaluated_at, e.park_id) for e in pending})
    for start in range(0, len(keys), 300):
        part = keys[start : start + 300]
        clause = Q()
        for enterprise_id, at, park_id in part:
            clause |= Q(enterprise_id=enterprise_id, evaluated_at=at, park_id=park_id)
        for enterprise_id, at, data in EvaluationProfile.objects.filter(clause).values_list(
            "enterprise_id", "evaluated_at", "data"
        ):
            found[(enterprise_id, at)] = data
    for e in pending:
        e._profile = found.get((e.enterprise_id, e.evaluated_at))
    return rows
