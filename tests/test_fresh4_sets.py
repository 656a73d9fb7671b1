"""The fourth fresh held-out battery: tests/battery/fresh4.yaml.

Written blind by an examiner after the engine's rules existed, without reading them and without
running the engine on the pairs; never tuned on. These tests check its format only (no accuracy
floor): that it loads, that its ids collide with no other battery file, and that it holds what
tests/battery/README.md promises.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from conftest import BATTERY_DIR, BATTERY_SPLIT, flips_with_a_negator
from demanddiff.compare.eval.battery import is_battery, load_battery

FRESH4 = BATTERY_DIR / "fresh4.yaml"
FORMAT = BATTERY_SPLIT.FORMAT


@pytest.fixture(scope="module")
def raw_pairs() -> list[dict]:
    data = yaml.safe_load(FRESH4.read_text(encoding="utf-8"))
    assert data["battery"] == "fresh4"
    return data["pairs"]


def _other_battery_ids() -> list[str]:
    ids = []
    for path in sorted(Path(BATTERY_DIR).glob("*.yaml")):
        if path != FRESH4 and is_battery(path):
            ids.extend(p["id"] for p in yaml.safe_load(path.read_text(encoding="utf-8"))["pairs"])
    return ids


def test_fresh4_loads_as_a_battery_of_at_least_200_pairs_in_all_14_domains(raw_pairs):
    assert is_battery(FRESH4)
    battery = load_battery(FRESH4)
    assert battery.name == "fresh4"
    assert [p.id for p in battery.pairs] == [p["id"] for p in raw_pairs]
    assert len(raw_pairs) >= 200
    domains = Counter(p["domain"] for p in raw_pairs)
    assert set(domains) == set(FORMAT["prefixes"])
    assert min(domains.values()) >= 10, domains


def test_every_fresh4_pair_is_well_formed(raw_pairs):
    # Fields (an optional https source), ids matching their domain, known classes and statuses,
    # one sentence of 6-40 words a side.
    assert BATTERY_SPLIT.problems(raw_pairs, sources=True) == []
    assert all(401 <= int(p["id"].rsplit("-", 1)[1]) <= 499 for p in raw_pairs)


def test_fresh4_ids_are_unique_across_every_battery_file(raw_pairs):
    ids = [p["id"] for p in raw_pairs]
    assert len(ids) == len(set(ids))
    assert set(ids).isdisjoint(_other_battery_ids())


def test_fresh4_covers_every_class_with_its_counterparts(raw_pairs):
    assert {p["class"] for p in raw_pairs} == set(FORMAT["classes"])
    assert {p["status"] for p in raw_pairs} == set(FORMAT["statuses"])
    by_class = {c: {p["status"] for p in raw_pairs if p["class"] == c} for c in FORMAT["classes"]}
    for name in ("stance-synonym", "negation-flip", "flip-without-not"):
        assert by_class[name] == {"persisted", "reversed"}, name
    for name in ("negative-both-sides", "modality", "scope-condition"):
        assert by_class[name] == {"persisted", "changed"}, name


def test_fresh4_flips_carry_no_negator_and_use_many_antonym_pairs(raw_pairs):
    assert flips_with_a_negator(raw_pairs) == []
    flips = [p for p in raw_pairs if (p["class"], p["status"]) == ("flip-without-not", "reversed")]
    assert len(flips) >= 30
    assert len({p["why"] for p in flips}) == len(flips)
