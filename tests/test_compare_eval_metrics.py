import pytest

from demanddiff.compare.eval.metrics import links_of, score_case
from demanddiff.positions import Position
from demanddiff.positions.gold import GoldCase, Link

OLD = Position.from_texts(["a", "b", "c", "d"])  # ids 1..4
NEW = Position.from_texts(["w", "x", "y", "z"])
# 1 -> 1 persisted, 2 -> 2 reversed, 3 split into 3 and 4; old 4 dropped.
GOLD = GoldCase(
    "toy",
    OLD,
    NEW,
    (
        Link("1", "1", "persisted"),
        Link("2", "2", "reversed"),
        Link("3", "3", "changed", "split"),
        Link("3", "4", "persisted", "split"),
    ),
)


def test_a_perfect_prediction_scores_one_everywhere():
    tally = score_case(GOLD, GOLD.links)
    f = tally.figures()
    assert f["statement_accuracy"] == f["pair_f1"] == f["macro_f1"] == f["reversal_recall"] == 1.0
    assert f["false_reversals"] == 0 and f["matched_pairs"] == 4 and f["statements"] == 8


def test_each_kind_of_mistake_costs_what_the_definition_says():
    predicted = (
        Link("1", "1", "changed"),  # right pair, wrong status: old 1 and new 1 wrong
        Link("2", "2", "changed"),  # reversal missed, but reversed counts as changed for statements
        Link("3", "3", "changed"),  # half of the split: old 3 and new 4 wrong (partners / new)
        Link("4", "4", "reversed"),  # a false pair and a false reversal: old 4, new 4 wrong
    )
    tally = score_case(GOLD, predicted)
    assert (tally.right_pairs, tally.found_pairs, tally.gold_pairs) == (3, 4, 4)
    assert tally.right_statements == 8 - 5  # old 1, new 1, old 3, old 4, new 4
    assert (tally.found_reversals, tally.gold_reversals, tally.false_reversals) == (0, 1, 1)
    assert tally.class_f1()["dropped"] == 0.0  # the only dropped statement was paired


def test_a_statement_takes_the_status_of_its_first_link():
    reordered = (GOLD.links[0], GOLD.links[1], GOLD.links[3], GOLD.links[2])
    assert score_case(GOLD, reordered).right_statements == 7  # old 3 now reads 'persisted'


def test_tallies_add_up_case_by_case():
    a, b = score_case(GOLD, GOLD.links), score_case(GOLD, ())
    total = a + b
    assert total.statements == 16 and total.right_pairs == 4 and total.gold_pairs == 8
    assert total.class_gold == tuple(x + y for x, y in zip(a.class_gold, b.class_gold))
    assert total.recall == pytest.approx(0.5)


def test_links_of_a_comparison_put_the_surest_link_first(engine):
    comparison = engine.compare(
        ["Ukraine must never join NATO.", "Rents are frozen for two years."],
        ["Rents are frozen for three years.", "Ukraine must join NATO."],
    )
    links = links_of(comparison)
    assert {(link.old, link.new, link.status) for link in links} == {("1", "2", "reversed"), ("2", "1", "changed")}
    scores = {(i.old.id, i.new.id): i.score for i in comparison.items}
    assert [scores[(link.old, link.new)] for link in links] == sorted(scores.values(), reverse=True)
