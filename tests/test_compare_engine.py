import random

import pytest

import demanddiff
from demanddiff import Position, Statement

OLD = [
    ("o1", "Ukraine must never join NATO."),
    ("o2", "A ceasefire must last 30 days."),
    ("o3", "Western sanctions on Russia must be lifted in full."),
    ("o4", "Tariffs on steel should be removed."),
    ("o5", "Russian must become an official language of Ukraine."),
]
NEW = [
    ("n1", "A ceasefire must last 60 days."),
    ("n2", "Ukraine must join NATO."),
    ("n3", "All Western sanctions against Russia have to be lifted completely."),
    ("n4", "Steel tariffs must be removed."),
    ("n5", "Smoke detectors are installed in every apartment."),
]


def position(pairs, **meta):
    return Position(tuple(Statement(i, t) for i, t in pairs), **meta)


@pytest.fixture(scope="module")
def result(engine):
    return engine.compare(position(OLD, party="R"), position(NEW, party="R"))


def status_of(result, old_id=None, new_id=None):
    for item in result.items:
        if (item.old and item.old.id) == old_id and (item.new and item.new.id) == new_id:
            return item
    raise AssertionError(f"no item {old_id} -> {new_id}: {[(i.status, i.old, i.new) for i in result.items]}")


def test_every_status_with_real_statements(result):
    assert status_of(result, "o3", "n3").status == "persisted"
    changed = status_of(result, "o2", "n1")
    assert changed.status == "changed"
    assert [c.to_dict() for c in changed.changes] == [{"kind": "number", "old": "30 days", "new": "60 days"}]
    modality = status_of(result, "o4", "n4")
    assert modality.status == "changed" and modality.changes[0].kind == "modality"
    reversed_ = status_of(result, "o1", "n2")
    assert reversed_.status == "reversed" and reversed_.changes[0].kind == "negation"
    assert status_of(result, "o5", None).status == "dropped"
    assert status_of(result, None, "n5").status == "new"
    assert result.summary == {"persisted": 1, "changed": 2, "reversed": 1, "dropped": 1, "new": 1}


def test_negation_flip_is_never_persisted_although_embeddings_agree(engine):
    c = engine.compare(["Ukraine must not join NATO."], ["Ukraine must join NATO."])
    assert c.items[0].semantic > 0.85
    assert c.items[0].status == "reversed"


def test_statement_order_does_not_matter(engine, result):
    rng = random.Random(7)
    old, new = OLD[:], NEW[:]
    rng.shuffle(old)
    rng.shuffle(new)
    again = engine.compare(position(old, party="R"), position(new, party="R"))
    assert again.to_dict() == result.to_dict()


def test_items_come_in_status_then_id_order(result):
    keys = [item.sort_key() for item in result.items]
    assert keys == sorted(keys)
    assert [i.status for i in result.items] == ["persisted", "changed", "changed", "reversed", "dropped", "new"]


def test_to_dict_follows_the_json_contract(result):
    d = result.to_dict()
    assert set(d) == {"old", "new", "summary", "items"}
    assert set(d["old"]) == {"party", "date", "round", "source"}
    for item in d["items"]:
        assert {"status", "old", "new", "score", "semantic", "lexical", "changes", "relation"} <= set(item)
        assert (item["old"] is None) == (item["status"] == "new")
        assert (item["new"] is None) == (item["status"] == "dropped")


def test_plain_lists_of_strings_and_module_level_compare():
    c = demanddiff.compare(["Rents are frozen for two years."], ["Rents are frozen for three years."])
    assert c.items[0].old.id == "1" and c.items[0].status == "changed"


def test_identical_and_empty_positions(engine):
    texts = [t for _, t in OLD]
    assert {i.status for i in engine.compare(texts, texts).items} == {"persisted"}
    assert {i.status for i in engine.compare(texts, []).items} == {"dropped"}
    assert {i.status for i in engine.compare([], texts).items} == {"new"}


@pytest.mark.parametrize(
    "old, new",
    [
        (["A ceasefire must last 30 days."], ["A ceasefire must last 30 days."]),
        (["A ceasefire must last 30 days.", "Grain ships pass freely."], ["a  CEASEFIRE must last 30 days."]),
    ],
    ids=["alone", "case-and-spacing"],
)
def test_an_identical_copy_scores_one(engine, old, new):
    (item,) = [i for i in engine.compare(old, new).items if i.new is not None]
    assert (item.status, item.score, item.confidence) == ("persisted", 1.0, 1.0)
    assert not item.doubtful


def test_a_one_word_difference_is_not_certain(engine):
    (item,) = engine.compare(["A ceasefire must last 30 days."], ["A ceasefire must last 60 days."]).items
    assert item.status == "changed" and item.score < 1.0


def test_overrides_change_the_verdict(engine):
    strict = engine.compare(
        ["Ukraine must never join NATO."], ["Ukraine must join NATO."], match_threshold=0.99, rematch_threshold=0.99
    )
    assert [i.status for i in strict.items] == ["dropped", "new"]


def test_settings_file_round_trip_and_errors(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("match_threshold: 0.7\n")
    assert demanddiff.Settings.load(path).match_threshold == 0.7
    path.write_text("match_treshold: 0.7\n")
    with pytest.raises(demanddiff.InputError, match="unknown setting"):
        demanddiff.Settings.load(path)


def test_a_single_string_is_refused():
    with pytest.raises(TypeError, match="not a single string"):
        demanddiff.compare("Ukraine must not join NATO.", ["x"])


SPLIT_OLD = ["Rents are frozen for two years.", "Mould and pest problems are dealt with within 14 days of a report."]
SPLIT_NEW = [
    "Rents are frozen for two years.",
    "Mould is removed within 10 days of a report.",
    "Pest infestations are treated within 10 days of a report.",
]


@pytest.mark.parametrize("direction", ["split", "merged"])
def test_one_demand_answered_by_two_is_a_split_or_a_merge(engine, direction):
    old, new = (SPLIT_OLD, SPLIT_NEW) if direction == "split" else (SPLIT_NEW, SPLIT_OLD)
    result = engine.compare(old, new)
    linked = [i for i in result.items if i.relation]
    assert len(linked) == 2 and {i.relation for i in linked} == {direction}
    shared = {i.old.id for i in linked} if direction == "split" else {i.new.id for i in linked}
    assert shared == {"2"}  # the mould-and-pests demand, on its side
    assert all(i.status == "changed" and "number: " in str(i.changes[0]) for i in linked)  # 14 -> 10 days
    assert result.summary["dropped"] == result.summary["new"] == 0


@pytest.mark.parametrize(
    "a, b",
    [
        ("Foreign troops are banned from Ukraine.", "Foreign troops are allowed in Ukraine."),
        ("Kyiv must recognise Crimea as Russian.", "Kyiv refuses to recognise Crimea as Russian."),
        ("Ukraine must join the European Union.", "Ukraine must renounce joining the European Union."),
        ("Russia must withdraw its troops from Kherson.", "Russia keeps its troops in Kherson."),
        ("Sanctions on grain exports apply.", "Sanctions on grain exports no longer apply."),
        ("No foreign troops may be stationed in Ukraine.", "Foreign troops may be stationed in Ukraine."),
    ],
    ids=["ban-allow", "recognise-refuse", "join-renounce", "withdraw-keep", "no-longer", "no-quantifier"],
)
def test_reversals_are_found_in_both_directions(engine, a, b):
    neighbours = ["Rents are frozen for two years.", "Smoke detectors are installed in every flat."]
    for old, new in ((a, b), (b, a)):
        result = engine.compare([old, *neighbours], [new, *neighbours])
        assert [i.status for i in result.items if i.old and i.old.text == old] == ["reversed"], (old, new)
