"""The fourth tune set (tests/battery/tune4.yaml): stance pairs paraphrasing published texts, written
by an examiner without reading the engine's rules and without running the engine on them. Part of the
tune half. These tests check its format and make-up; they set no accuracy floor."""

from collections import Counter

from conftest import BATTERY_DIR, BATTERY_SPLIT, flips_with_a_negator, raw_battery
from demanddiff.compare.eval.battery import load_battery


def _raw():
    return raw_battery("tune4.yaml")


def test_tune4_loads_as_a_battery_with_every_pair():
    raw = _raw()
    assert raw["battery"] == "tune4"
    loaded = load_battery(BATTERY_DIR / "tune4.yaml")
    assert [p.id for p in loaded.pairs] == [p["id"] for p in raw["pairs"]]
    assert {p.status for p in loaded.pairs} == {"persisted", "reversed"}


def test_tune4_is_well_formed_and_every_pair_names_its_published_source():
    pairs = _raw()["pairs"]
    assert BATTERY_SPLIT.problems(pairs, sources=True) == []
    for p in pairs:
        assert str(p.get("source", "")).startswith("https://"), p["id"]
        assert int(p["id"].rsplit("-", 1)[1]) > 900, p["id"]


def test_tune4_is_wide_enough():
    pairs = _raw()["pairs"]
    assert len(pairs) >= 125
    assert len({p["domain"] for p in pairs}) == 14  # every domain of format.yaml


def test_tune4_holds_the_stance_classes_and_their_counterparts():
    seen = Counter((p["class"], p["status"]) for p in _raw()["pairs"])
    assert seen["flip-without-not", "reversed"] >= 60  # antonyms with no negator
    assert seen["stance-synonym", "persisted"] >= 40  # one stance in other words, look-alikes too
    assert seen["negation-flip", "persisted"] >= 8  # a negator against a stance word that agrees
    assert seen["negation-flip", "reversed"] >= 8  # a negator against a stance word that flips
    # only the three stance classes, each with the statuses its definition allows
    allowed = {
        "flip-without-not": {"reversed"},
        "stance-synonym": {"persisted"},
        "negation-flip": {"persisted", "reversed"},
    }
    assert {(c, s) for c, s in seen if s not in allowed.get(c, set())} == set()


def test_tune4_flips_use_no_negator():
    """A flip without 'not' must really carry no negator on either side, or it tests another class."""
    assert flips_with_a_negator(_raw()["pairs"]) == []
