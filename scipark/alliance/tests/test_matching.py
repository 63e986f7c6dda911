"""The matching score, worked by hand (weights: category 50, keyword Dice 30, text Dice 20)."""

from __future__ import annotations

from scipark.alliance import matching
from scipark.alliance.matching import Item


def test_keywords_are_split_on_chinese_and_latin_separators_without_repeats() -> None:
    assert matching.parse_keywords(" 信号、基站, 5G;基站 ") == ("信号", "基站", "5g")


def test_bigrams_are_taken_within_runs_and_a_lone_character_counts() -> None:
    assert matching.bigrams("5G基站") == {"5g", "g基", "基站"}
    assert matching.bigrams("水 电") == {"水", "电"}
    assert matching.bigrams(",。") == frozenset()


def test_dice_of_two_sets() -> None:
    assert matching.dice(frozenset({"a", "b"}), frozenset({"b", "c", "d", "e"})) == 2 * 1 / 6
    assert matching.dice(frozenset(), frozenset()) == 0.0


def test_same_category_and_half_the_keyword_bigrams_score_65() -> None:
    # need keywords → {通信, 信信, 信号, 基站}; resource → {基站, 信号, 号覆, 覆盖}: 2 shared of 4 + 4 → Dice 0.5
    # texts {信号, 号弱} and {基站, 站优, 优化} share nothing → 0. Score 50 + 30 × 0.5 + 0 = 65.
    need = Item(1, "supporting", ("通信信号", "基站"), "信号弱")
    resource = Item(7, "supporting", ("基站", "信号覆盖"), "基站优化")
    match = matching.score(need, resource)
    assert match.score == 65.0
    assert match.same_category is True
    assert match.keyword_overlap == 0.5
    assert match.text_overlap == 0.0
    assert match.shared_keywords == ("通信信号", "基站")


def test_another_category_scores_by_text_only() -> None:
    # 招聘质检人员 → 5 bigrams, 质检人员培训 → 5, shared 质检/检人/人员 → Dice 0.6 → 20 × 0.6 = 12.
    need = Item(1, "labour", (), "招聘质检人员")
    resource = Item(2, "technology", (), "质检人员培训")
    assert matching.score(need, resource).score == 12.0


def test_rank_orders_by_score_then_id_and_drops_unrelated_resources() -> None:
    need = Item(1, "supporting", ("基站",), "信号")
    resources = [
        Item(5, "finance", (), "贷款"),  # 0: dropped
        Item(4, "supporting", (), "道路维修"),  # 50
        Item(3, "supporting", ("基站",), "信号"),  # 100
        Item(2, "supporting", (), "路灯维修"),  # 50, lower id first
    ]
    ranked = matching.rank(need, resources)
    assert [(m.resource_id, m.score) for m in ranked] == [(3, 100.0), (2, 50.0), (4, 50.0)]
    assert [m.resource_id for m in matching.rank(need, resources, limit=1)] == [3]
