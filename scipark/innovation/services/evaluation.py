"""Evaluating the tiers: one enterprise after its archive is accepted, a whole park after a rule changes
(a chunk of enterprises at a time, through the same pure rules).

Each evaluation stores the rule version and the inputs as read (the enterprise's profile once per run for
all its tiers, ``EvaluationProfile``), and the previous evaluation stays (no longer current), so an old
result is reproducible from its own rows.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
from collections import defaultdict, deque
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from scipark.core import access
from scipark.core.imports.bulk import insert_rows
from scipark.core.services import lock_for_change, save_changes

from .. import selectors
from ..cultivation import Profile, TierResult, evaluate
from ..cultivation.bands import CENT
from ..models import Evaluation, EvaluationProfile, RuleVersion


def evaluate_enterprise(*, enterprise: Any, year: int) -> list[Evaluation]:
    """Evaluate every tier that has a rule in force at the end of ``year`` (a system step: no user)."""
    profile = selectors.build_profile(enterprise, year)
    if profile is None:
        return []
    rules = selectors.rules_in_force(enterprise.park_id, dt.date(year, 12, 31))
    writer = _Writer()
    rows, profiles = writer.rows(enterprise.pk, enterprise.park_id, profile, rules)
    with transaction.atomic():
        writer.retire({tuple(rules): [enterprise.pk]})
        writer.insert(rows, profiles)
    return list(
        Evaluation.objects.filter(
            enterprise=enterprise, is_current=True, tier__in=list(rules)
        ).select_related("rule")
    )


def evaluate_park(
    *, park: Any, year: int, chunk: int = selectors.CHUNK, progress: Callable[[int], None] | None = None,
    tiers: Collection[str] | None = None, processes: int = 1,
) -> int:  # fmt: skip
    """Re-evaluate every enterprise of ``park`` with an archive for ``year``; returns how many. ``tiers``:
    only these (a rule version changed: the other tiers' current evaluations stand), default every tier.

    A chunk of enterprises at a time: their inputs read together (``selectors.build_profiles``), each
    evaluated with the same rules and functions as :func:`evaluate_enterprise`, the chunk's evaluations
    written together (one ``UPDATE`` retiring the current ones, one ``INSERT`` of the new); memory holds a
    few chunks. ``progress`` is told how many are done after each chunk.

    ``processes`` > 1 (the command, a background job): that many forked processes read and evaluate the
    chunks while this one writes them, in order, each in its own transaction as here. It needs the rows
    committed and a database other processes can open, so inside a transaction, on an in-memory SQLite
    database or where the platform cannot fork, the chunks are evaluated here, one after the other.
    """
    writer = _Writer()
    if processes > 1 and _can_fork():
        batches = _evaluated_in_processes(park, year, chunk, tiers, writer.written, processes)
    else:
        rules: dict[int, dict[str, RuleVersion]] = {}  # read once per park for the whole run
        batches = (
            _evaluate_chunk(evaluees, year, tiers, writer, rules)
            for evaluees in selectors.park_evaluees(park=park, year=year, chunk=chunk)
        )
    done = 0
    for evaluated, rows, profiles, count in batches:
        with transaction.atomic():
            writer.retire(evaluated)
            writer.insert(rows, profiles)
        done += count
        if progress is not None:
            progress(done)
    if done >= ANALYZE_AFTER and not connection.in_atomic_block:
        # The run rewrote a large part of the table: until autovacuum's ANALYZE came (a minute or more),
        # PostgreSQL planned the 梯度培育测评 page from statistics of before the run (4,289 current rows for a
        # park of 600,000: a hash join and sort of the park instead of its 50 rows by name, 0.3-0.8 s); SQLite,
        # which has no autovacuum, from none at all on a new database (1.2-1.6 s a page against 0.2-0.45 s).
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {writer.table}")
    return done


#: A park run of at least this many enterprises refreshes the planner's statistics of the evaluations
#: (0.3 s on PostgreSQL, 0.4 s on SQLite at 1.2-2.4 million rows).
ANALYZE_AFTER = 1000


def park_reevaluate(
    *, user: Any, park: Any, year: int, progress: Callable[[int], None] | None = None, processes: int = 1
) -> int:
    """A person's re-evaluation of every tier for the park's archives of ``year`` (the 梯度培育测评 page's
    button, run in the background): only the park's innovation department may, then :func:`evaluate_park`."""
    if not access.can_add_in(user, access.Domain.INNOVATION, park_id=park.pk):
        raise access.AccessDenied(_("只有本园区科技创新部门的工作人员可以重新测评。"))
    return evaluate_park(park=park, year=year, progress=progress, processes=processes)


#: One chunk evaluated: the enterprises by their set of tiers (for the retiring ``UPDATE``), the evaluation
#: rows and the profile rows to insert (:meth:`_Writer.rows`), and how many enterprises the chunk held.
Batch = tuple[dict[tuple[str, ...], list[int]], list[tuple[Any, ...]], list[tuple[Any, ...]], int]


def _evaluate_chunk(
    evaluees: Sequence[selectors.Evaluee],
    year: int,
    tiers: Collection[str] | None,
    writer: _Writer,
    rules: dict[int, dict[str, RuleVersion]],
) -> Batch:
    """Read one chunk's inputs and evaluate every tier in force for each enterprise (no writes); ``rules``
    holds each park's rules in force as read, filled here when a park is met first."""
    end = dt.date(year, 12, 31)
    profiles = selectors.build_profiles(evaluees, year)
    rows: list[tuple[Any, ...]] = []
    profile_rows: list[tuple[Any, ...]] = []
    evaluated: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for evaluee in evaluees:
        profile = profiles.get(evaluee.pk)
        if profile is None:
            continue
        if evaluee.park_id not in rules:
            found = selectors.rules_in_force(evaluee.park_id, end)
            rules[evaluee.park_id] = {t: r for t, r in found.items() if tiers is None or t in tiers}
        in_force = rules[evaluee.park_id]
        made, stored = writer.rows(evaluee.pk, evaluee.park_id, profile, in_force)
        rows.extend(made)
        profile_rows.extend(stored)
        evaluated[tuple(in_force)].append(evaluee.pk)
    return dict(evaluated), rows, profile_rows, len(evaluees)


def _can_fork() -> bool:
    """Whether forked processes can read what this one has written and write nothing half-done."""
    if connection.in_atomic_block or "fork" not in multiprocessing.get_all_start_methods():
        return False
    if connection.vendor == "sqlite":
        return not connection.is_in_memory_db()  # type: ignore[attr-defined]  # SQLite's wrapper has it
    return True


def _evaluated_in_processes(
    park: Any,
    year: int,
    chunk: int,
    tiers: Collection[str] | None,
    written: tuple[Any, ...],
    processes: int,
) -> Iterator[Batch]:
    """The chunks of the park read and evaluated by ``processes`` forked processes, yielded in key order.

    The connections are closed before the fork (a child must open its own: one inherited would be shared
    with this process), and the pool forks every process at its first submit, before this one reconnects
    to write. At most ``processes`` + 1 chunks are ahead of the writer, so memory stays flat."""
    ranges = selectors.park_evaluee_ranges(park=park, year=year, chunk=chunk)
    if not ranges:
        return
    wanted = None if tiers is None else tuple(sorted(tiers))
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=min(processes, len(ranges)), mp_context=context) as pool:
        todo = iter(ranges)
        ahead: deque[Future[Batch]] = deque()

        def submit() -> None:
            bounds = next(todo, None)
            if bounds is not None:
                ahead.append(pool.submit(_evaluate_range, park.pk, year, bounds, wanted, written))

        for _slot in range(processes + 1):
            submit()
        while ahead:
            batch = ahead.popleft().result()
            submit()
            yield batch


def _evaluate_range(
    park_id: int, year: int, bounds: tuple[int, int], tiers: Collection[str] | None, written: tuple[Any, ...]
) -> Batch:
    """In a forked process: one chunk of :func:`selectors.park_evaluee_ranges` read and evaluated."""
    evaluees = selectors.evaluees_between(park_id=park_id, year=year, after=bounds[0], last=bounds[1])
    return _evaluate_chunk(evaluees, year, tiers, _Writer(written), {})


#: An evaluation's own values, in the order :func:`evaluation_rows` gives them.
ROW_FIELDS = (
    "park_id", "enterprise_id", "year", "tier", "rule_id", "qualifies", "score_min", "score_max", "gaps",
    "gap_count", "route",
)  # fmt: skip
#: What saving a new evaluation sets besides (``created_at``, ``updated_at``, ``version``, …).
WRITE_FIELDS = ("created_at", "updated_at", "version", "evaluated_at", "is_current")
#: An :class:`EvaluationProfile`'s values as the writer gives them (``evaluated_at``: the run's time).
PROFILE_FIELDS = ("park_id", "enterprise_id", "year", "data", "evaluated_at")


def evaluation_rows(
    enterprise_id: int, park_id: int, profile: Profile, rules: Mapping[str, RuleVersion]
) -> list[dict[str, Any]]:
    """One enterprise's evaluations as field values (``ROW_FIELDS``, and ``inputs`` as
    :attr:`Evaluation.inputs` reads them back), one per tier with a rule: the pure rules on its profile."""
    inputs = profile.as_json()
    rows = []
    for tier, rule in rules.items():
        result = evaluate(tier, profile, rule.params)
        rows.append({
            "park_id": park_id, "enterprise_id": enterprise_id, "year": profile.year, "tier": tier,
            "rule_id": rule.pk, "qualifies": result.qualifies, "score_min": result.score_min,
            "score_max": result.score_max, "gaps": _gaps(result), "gap_count": len(result.gaps),
            "route": result.route,
            "inputs": {"profile": inputs, "route": result.route},
        })  # fmt: skip
    return rows


def _gaps(result: TierResult) -> list[dict[str, Any]]:
    """The gaps as stored: the unmet conditions, then the notes."""
    return [*result.gaps_json(), *({"condition": "说明", "message": n} for n in result.notes)]


#: JSON as a park's evaluation writes it: compact, Chinese as it is (stored, it reads back the same).
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


class _Writer:
    """A park's evaluations written straight to the tables: the values of :func:`evaluation_rows` in
    ``ROW_FIELDS`` order, each enterprise's profile encoded once into one :class:`EvaluationProfile` row for
    its tiers' evaluations (keyed by the enterprise and the run's time), the column values adapted for the
    back end here rather than field by field."""

    def __init__(self, written: tuple[Any, ...] | None = None) -> None:
        self.sqlite = connection.vendor == "sqlite"
        meta = Evaluation._meta
        by_name = {f.attname: str(f.column) for f in meta.concrete_fields}
        self.columns = [by_name[name] for name in (*ROW_FIELDS, *WRITE_FIELDS)]
        profile_meta = EvaluationProfile._meta
        by_name = {f.attname: str(f.column) for f in profile_meta.concrete_fields}
        self.profile_columns = [by_name[name] for name in PROFILE_FIELDS]
        self.table = connection.ops.quote_name(meta.db_table)
        if written is None:
            stamp = connection.ops.adapt_datetimefield_value(timezone.now())
            written = (stamp, stamp, 1, stamp, True)
        #: The values of ``WRITE_FIELDS``: one time for the whole park, also in the forked processes.
        self.written = written

    def score(self, value: Decimal | None) -> Any:
        if value is None:
            return None
        if self.sqlite:
            return str(value)
        return value if value.as_tuple().exponent == -2 else value.quantize(CENT)

    def rows(
        self, enterprise_id: int, park_id: int, profile: Profile, rules: Mapping[str, RuleVersion]
    ) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        """One enterprise's evaluation rows, as :func:`evaluation_rows` gives them, encoded and adapted, and
        its profile's row (none when no tier has a rule in force)."""
        rows = []
        for tier, rule in rules.items():
            result = evaluate(tier, profile, rule.params)
            rows.append((
                park_id, enterprise_id, profile.year, tier, rule.pk, result.qualifies, self.score(result.score_min),
                self.score(result.score_max), _encode(_gaps(result)), len(result.gaps), result.route,
                *self.written,
            ))  # fmt: skip
        if not rows:
            return rows, []
        return rows, [(park_id, enterprise_id, profile.year, _encode(profile.as_json()), self.written[3])]

    def retire(self, evaluated: Mapping[tuple[str, ...], list[int]]) -> None:
        """The current evaluations of these enterprises and tiers stay, no longer current: one ``UPDATE``
        per set of tiers (one for a park, whose enterprises share its rules)."""
        with connection.cursor() as cursor:
            for tiers, enterprise_ids in evaluated.items():
                if tiers and enterprise_ids:
                    cursor.execute(
                        f"UPDATE {self.table} SET is_current = %s WHERE is_current = %s "  # noqa: S608
                        f"AND tier IN ({', '.join(['%s'] * len(tiers))}) "
                        f"AND enterprise_id IN ({', '.join(['%s'] * len(enterprise_ids))})",
                        [False, True, *tiers, *enterprise_ids],
                    )

    def insert(self, rows: list[tuple[Any, ...]], profiles: list[tuple[Any, ...]]) -> None:
        """The chunk's profiles and evaluations: ``COPY`` on PostgreSQL (``executemany`` took 80 of a 100k
        park's 140 s there); on SQLite the evaluations many rows a statement (:meth:`insert_sqlite`)."""
        insert_rows(EvaluationProfile, self.profile_columns, profiles)
        if self.sqlite:
            self.insert_sqlite(rows)
        else:
            insert_rows(Evaluation, self.columns, rows)

    def insert_sqlite(self, rows: list[tuple[Any, ...]]) -> None:
        """SQLite: one ``INSERT`` of as many rows as its parameters allow. ``executemany`` ran the kept
        counts' row trigger (``models.counts``) in a program set up anew for every row (0.30 -> 0.76 s per
        30,000 rows, 10 of a 100k park's 23 s of CPU); one statement of many rows runs it in one (0.32 s)."""
        width = len(self.columns)
        per = max(1, (connection.features.max_query_params or 999) // width)
        names = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        one = f"({', '.join(['%s'] * width)})"
        with connection.cursor() as cursor:
            for start in range(0, len(rows), per):
                part = rows[start : start + per]
                cursor.execute(
                    f"INSERT INTO {self.table} ({names}) VALUES {', '.join([one] * len(part))}",  # noqa: S608
                    [value for row in part for value in row],
                )


RULE_FIELDS = ("tier", "name", "source", "valid_from", "valid_to", "params", "confirmed")


def rule_version_save(
    *, user: Any, park: Any, data: Mapping[str, Any], rule: RuleVersion | None = None,
    expected_version: int | None = None, year: int | None = None,
) -> RuleVersion:  # fmt: skip
    """Add a rule version (or correct one), then re-evaluate the park's archives of ``year`` for its tier."""
    values = {k: v for k, v in data.items() if k in RULE_FIELDS}
    if not isinstance(values.get("params", {}), dict):
        raise ValidationError({"params": _("规则参数须为 JSON 对象。")})
    with transaction.atomic():
        if rule is None:
            access.ensure_can_add(user, access.Domain.INNOVATION, park_id=park.pk)
            current = RuleVersion(park=park, **values)
            current.full_clean()
            current.save()
        else:
            current = lock_for_change(RuleVersion, rule.pk, user=user, expected_version=expected_version)
            for key, value in values.items():
                setattr(current, key, value)
            current.full_clean()
            current = save_changes(current, **values)
        _check_params(current)
        if year is not None:  # the other tiers' rules did not change: their evaluations stand
            evaluate_park(park=park, year=year, tiers={current.tier})
    return current


def _check_params(rule: RuleVersion) -> None:
    """A version must be evaluable: try it on an empty profile so a typo fails here, not on a page."""
    try:
        evaluate(rule.tier, Profile(year=rule.valid_from.year), rule.params)
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise ValidationError(
            {"params": _("规则参数不完整或格式有误:%(problem)s") % {"problem": exc}}
        ) from None
