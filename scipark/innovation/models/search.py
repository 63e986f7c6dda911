"""The search index: one entry per library or registry row, and its character-bigram postings (ADR 0014).

An entry carries the park and enterprise of its row, so the access mechanism restricts entries before
anything is ranked; the postings hold each distinct bigram (or Latin/digit word) once per field with a weight.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from scipark.core.access import Domain
from scipark.core.changelog import ChangeLog
from scipark.core.models import ParkScopedModel


class SearchEntry(ParkScopedModel):
    """One searchable row: its library, its object, the text shown and searched."""

    library = models.CharField(_("库"), max_length=16)
    object_id = models.PositiveBigIntegerField(_("对象"))
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    title = models.CharField(_("标题"), max_length=300)
    body = models.TextField(_("内容"), blank=True)

    access_domain: ClassVar[Domain] = Domain.INNOVATION
    scope_enterprise_field: ClassVar[str | None] = "enterprise"
    changelog: ClassVar[ChangeLog] = ChangeLog.off("检索索引:由各库记录派生,可随时重建")

    class Meta:
        verbose_name = _("检索条目")
        verbose_name_plural = _("检索条目")
        constraints = [
            models.UniqueConstraint(fields=["library", "object_id"], name="innovation_search_entry_once")
        ]

    def __str__(self) -> str:
        return self.title


class SearchPosting(models.Model):
    """One token of one entry: a bigram or word, its weight (title counts more), and the entry's scope
    columns copied so that the restriction and the token lookup use one index."""

    # Indexed by ``innovation_posting_entry`` (entry, token, weight), which also serves the cascade. No
    # database constraint: postings are derived rows, deleted with their entry by the ORM's cascade and
    # rebuilt by ``search_reindex``; on PostgreSQL a constraint queues one deferred check per posting.
    entry = models.ForeignKey(
        SearchEntry, on_delete=models.CASCADE, related_name="postings", db_index=False, db_constraint=False
    )
    token = models.CharField(max_length=32)
    weight = models.PositiveSmallIntegerField(default=1)
    park_id = models.PositiveBigIntegerField()
    enterprise_id = models.PositiveBigIntegerField(null=True)

    # The entry's scope, as plain columns: core.access restricts postings directly (no join before ranking).
    access_domain: ClassVar[Domain] = Domain.INNOVATION
    scope_park_field: ClassVar[str | None] = "park_id"
    scope_zone_field: ClassVar[str | None] = None
    scope_enterprise_field: ClassVar[str | None] = "enterprise_id"
    changelog: ClassVar[ChangeLog] = ChangeLog.off("检索索引:由各库记录派生,可随时重建")

    class Meta:
        # Ordered posting lists: a token's postings within one park (or one enterprise) come out of the
        # index by weight then newest entry, so the top of a frequent bigram is read without ranking the
        # rest; (entry, token, weight) answers "has this entry that token, with what weight" by key.
        indexes = [
            models.Index(fields=["token", "park_id", "weight", "entry"], name="innovation_posting_rank"),
            models.Index(
                fields=["token", "enterprise_id", "weight", "entry"], name="innovation_posting_firm"
            ),
            models.Index(fields=["entry", "token", "weight"], name="innovation_posting_entry"),
        ]

    def __str__(self) -> str:
        return self.token
