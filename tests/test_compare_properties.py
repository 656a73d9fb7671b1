"""Properties of compare() over random positions drawn from realistic demands (real model)."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from demanddiff import Position, Statement

POOL = [
    "Ukraine must never join NATO.",
    "Ukraine must join NATO.",
    "A ceasefire must last 30 days.",
    "A ceasefire must last 60 days.",
    "Western sanctions on Russia must be lifted in full.",
    "No foreign troops may be deployed in Ukraine.",
    "Crimea must be recognised as part of Russia.",
    "Prisoners of war are exchanged all for all.",
    "Tariffs on steel should be removed.",
    "Steel tariffs must be removed.",
    "Eastmark will accept third-party arbitration of investment disputes.",
    "Pharmaceutical patents get a five-year extension.",
    "Rents are frozen for two years.",
    "Rents are frozen for three years.",
    "Mould in any flat is removed within 14 days.",
    "Every apartment gets a working smoke detector.",
    "Each ward has one nurse for every four patients on night shifts.",
    "Agency staff may cover no more than 10% of shifts.",
    "Nurses get a 5% pay rise from April.",
    "The supplier's liability is capped at the annual fee.",
    "Either party may end the contract with 30 days' notice.",
    "Customer data is stored only in the EU.",
    "Class sizes in primary schools must not exceed 25 pupils.",
    "Teachers get two hours of planning time a week.",
]

demands = st.lists(st.sampled_from(POOL), unique=True, max_size=7)
fast = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def position(texts, prefix):
    return Position(tuple(Statement(f"{prefix}{i}", t) for i, t in enumerate(texts, 1)))


def pairs(result, flip=False):
    found = {(i.old.text, i.new.text, i.status) for i in result.items if i.old and i.new}
    return {(b, a, s) for a, b, s in found} if flip else found


def side(result, status):
    return sorted((i.old or i.new).text for i in result.items if i.status == status)


@fast
@given(demands)
def test_a_position_compared_with_itself_all_persisted(engine, texts):
    result = engine.compare(position(texts, "a"), position(texts, "b"))
    assert [i.status for i in result.items] == ["persisted"] * len(texts)
    assert all(i.old.text == i.new.text for i in result.items)


@fast
@given(demands)
def test_against_an_empty_position_all_dropped_or_all_new(engine, texts):
    empty = position([], "x")
    assert side(engine.compare(position(texts, "a"), empty), "dropped") == sorted(texts)
    assert side(engine.compare(empty, position(texts, "a")), "new") == sorted(texts)
    assert len(engine.compare(position(texts, "a"), empty).items) == len(texts)


@fast
@given(demands, demands)
def test_compare_b_a_mirrors_compare_a_b(engine, old, new):
    forward = engine.compare(position(old, "o"), position(new, "n"))
    backward = engine.compare(position(new, "n"), position(old, "o"))
    assert pairs(backward, flip=True) == pairs(forward)
    assert side(backward, "new") == side(forward, "dropped")
    assert side(backward, "dropped") == side(forward, "new")


@fast
@given(demands, demands, st.randoms(use_true_random=False))
def test_shuffling_statements_changes_nothing(engine, old, new, rng):
    a, b = position(old, "o"), position(new, "n")
    expected = engine.compare(a, b).to_dict()
    shuffled = [list(a.statements), list(b.statements)]
    for statements in shuffled:
        rng.shuffle(statements)
    assert engine.compare(Position(tuple(shuffled[0])), Position(tuple(shuffled[1]))).to_dict() == expected
