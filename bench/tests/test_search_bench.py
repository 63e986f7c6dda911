"""Cheap checks of the search benchmark's data: each searched word appears only where it is planted, at
about its rate, and the result lines are read as the harness reads them. No timing assertions."""

from __future__ import annotations

import random

from bench.search import NO_HITS, PLANTED, QUERIES, VOCABULARY, _meets, demand_text


def test_the_vocabulary_holds_no_character_of_a_planted_word() -> None:
    planted = set("".join(word for word, _share in PLANTED) + NO_HITS)
    assert VOCABULARY and not [w for w in VOCABULARY if set(w) & planted]
    assert {"生物", "资源"} <= set(VOCABULARY)  # the common 4-character query is made of frequent words


def test_planted_words_appear_at_about_their_rates() -> None:
    rng = random.Random(7)
    rows = ["".join(demand_text(rng)) for _ in range(20_000)]
    assert not [r for r in rows if NO_HITS in r]
    # 青稞 is planted at 3% and inside 青稞酒 at 0.5%: about 3.5% of rows, never more than 3.6% + noise
    barley = sum("青稞" in r for r in rows) / len(rows)
    assert 0.03 < barley < 0.04
    assert 0.003 < sum("青稞酒" in r for r in rows) / len(rows) < 0.007
    assert {name for name, _word in QUERIES} >= {"2char", "3char", "4char", "nohit"}


def test_the_lines_meet_their_goals_as_the_harness_reads_them() -> None:
    assert _meets("search_2char[sqlite,100k] ratio=12.0 goal=10 word=青稞 p50=1ms p99=3ms")
    assert not _meets("search_2char[sqlite,100k] ratio=9.9 goal=10 word=青稞")
    assert _meets("search_p99[sqlite,100k] p99=12.00ms goal=20ms ok")
    assert not _meets("search_p99[sqlite,100k] p99=32.00ms goal=20ms MISSED")
    # Below issue 12's 1,000,000 records the lines are measured and shown, not held to the goal.
    assert _meets("search_2char[postgresql,50k] ratio=1.8 goal=10 word=青稞 below_goal_size=1000k")
    assert not _meets("search_p99[sqlite,50k] p99=30.31ms goal=20ms MISSED")
