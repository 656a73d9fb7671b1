"""The fifth tune set (tests/battery/tune5.yaml): single pairs paraphrasing published texts, written
by an examiner without reading the engine's rules and without running the engine on them until they
were committed. Part of the tune half. These tests check its format and make-up; they set no accuracy
floor."""

from collections import Counter

from conftest import BATTERY_DIR, BATTERY_SPLIT, flips_with_a_negator, raw_battery
from demanddiff.compare.eval.battery import load_battery


def _raw():
    return raw_battery("tune5.yaml")


def test_tune5_loads_as_a_battery_with_every_pair():
    raw = _raw()
    assert raw["battery"] == "tune5"
    loaded = load_battery(BATTERY_DIR / "tune5.yaml")
    assert [p.id for p in loaded.pairs] == [p["id"] for p in raw["pairs"]]
    assert {p.status for p in loaded.pairs} == {"persisted", "changed", "reversed"}


def test_tune5_is_well_formed_and_every_pair_names_its_published_source():
    pairs = _raw()["pairs"]
    assert BATTERY_SPLIT.problems(pairs, sources=True) == []
    for p in pairs:
        assert str(p.get("source", "")).startswith("https://"), p["id"]
        assert int(p["id"].rsplit("-", 1)[1]) >= 951, p["id"]


def test_tune5_is_wide_enough():
    pairs = _raw()["pairs"]
    assert len(pairs) == 160
    assert len({p["domain"] for p in pairs}) == 14  # every domain of format.yaml


def test_tune5_holds_its_classes_and_their_counterparts():
    seen = Counter((p["class"], p["status"]) for p in _raw()["pairs"])
    assert seen["flip-without-not", "reversed"] == 60  # antonyms with no negator
    assert seen["flip-without-not", "persisted"] >= 15  # look-alike stance words that agree
    assert seen["stance-synonym", "persisted"] + seen["stance-synonym", "reversed"] == 35
    assert seen["stance-synonym", "reversed"] >= 10  # cessation against continuation
    assert seen["negation-flip", "reversed"] + seen["negation-flip", "persisted"] == 20
    assert seen["negation-flip", "persisted"] >= 8  # a negator against a stance word that agrees
    # the real-text block: the same demand reworded at length against a subtle change of substance
    block = {"plain-paraphrase", "scope-condition", "modality", "date-unequal"}
    kept = sum(n for (c, s), n in seen.items() if c in block and s == "persisted")
    moved = sum(n for (c, s), n in seen.items() if c in block and s == "changed")
    assert kept == moved == 15
    # each class only with the statuses its definition allows
    allowed = {
        "flip-without-not": {"reversed", "persisted"},
        "stance-synonym": {"persisted", "reversed"},
        "negation-flip": {"persisted", "reversed"},
        "plain-paraphrase": {"persisted"},
        "scope-condition": {"persisted", "changed"},
        "modality": {"changed"},
        "date-unequal": {"changed"},
    }
    assert {(c, s) for c, s in seen if s not in allowed.get(c, set())} == set()


def test_tune5_flips_use_no_negator():
    """A flip without 'not' must really carry no negator on either side, or it tests another class."""
    assert flips_with_a_negator(_raw()["pairs"]) == []


def test_tune5_flips_use_many_antonym_pairs():
    """No old/new wording pair of a reversal is used twice: the flips spread over many words."""
    pairs = [p for p in _raw()["pairs"] if (p["class"], p["status"]) == ("flip-without-not", "reversed")]
    assert len({p["why"] for p in pairs}) == len(pairs)
