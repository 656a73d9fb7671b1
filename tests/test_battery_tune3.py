"""The third tune set (tests/battery/tune3.yaml): pairs paraphrasing published texts, written by an
examiner without reading the engine's rules, on the classes weakest on held-out sets. Part of the
tune half. These tests check its format and make-up; they set no accuracy floor."""

from collections import Counter

from conftest import BATTERY_DIR, BATTERY_SPLIT, raw_battery
from demanddiff.compare.eval.battery import load_battery


def _raw():
    return raw_battery("tune3.yaml")


def test_tune3_loads_as_a_battery_with_every_pair():
    raw = _raw()
    assert raw["battery"] == "tune3"
    loaded = load_battery(BATTERY_DIR / "tune3.yaml")
    assert [p.id for p in loaded.pairs] == [p["id"] for p in raw["pairs"]]


def test_tune3_is_well_formed_and_every_pair_names_its_published_source():
    pairs = _raw()["pairs"]
    assert BATTERY_SPLIT.problems(pairs, sources=True) == []
    for p in pairs:
        assert str(p.get("source", "")).startswith("https://"), p["id"]
        assert int(p["id"].rsplit("-", 1)[1]) > 800, p["id"]


def test_tune3_is_wide_enough():
    pairs = _raw()["pairs"]
    assert len(pairs) >= 150
    assert len({p["domain"] for p in pairs}) >= 12


def test_tune3_holds_the_weak_classes_and_their_counterparts():
    seen = Counter((p["class"], p["status"]) for p in _raw()["pairs"])
    assert seen["scope-condition", "changed"] >= 25
    assert seen["scope-condition", "persisted"] >= 12  # the same condition only reworded or moved
    assert seen["plain-paraphrase", "persisted"] >= 25
    assert seen["flip-without-not", "reversed"] >= 25
    assert seen["flip-without-not", "persisted"] >= 4  # look-alike stance words that agree
    assert seen["negative-both-sides", "persisted"] >= 10
    assert seen["negative-both-sides", "changed"] >= 6  # a negative in a part one side lacks
    assert seen["alias-equal", "persisted"] >= 12
    assert seen["party-change", "changed"] >= 12
    # each class carries only the statuses its definition allows
    allowed = {
        "scope-condition": {"changed", "persisted"},
        "plain-paraphrase": {"persisted"},
        "flip-without-not": {"reversed", "persisted"},
        "negative-both-sides": {"persisted", "changed"},
        "alias-equal": {"persisted"},
        "party-change": {"changed"},
    }
    assert {(c, s) for c, s in seen if s not in allowed[c]} == set()
