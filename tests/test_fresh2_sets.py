"""The second fresh held-out sets: tests/battery/fresh2.yaml and tests/gold-fresh2/.

Written by an examiner who never read the engine's rules and never tuned on; these tests check
their format only (no accuracy floor): that they load, that ids collide with no other battery,
and that they hold what tests/battery/README.md and tests/gold-fresh2/README.md promise.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from conftest import BATTERY_SPLIT
from demanddiff.compare.eval.battery import is_battery, load_battery
from demanddiff.positions.gold import load_gold

TESTS = Path(__file__).resolve().parent
FRESH2 = TESTS / "battery" / "fresh2.yaml"
GOLD_FRESH2 = TESTS / "gold-fresh2"


FORMAT = BATTERY_SPLIT.FORMAT


@pytest.fixture(scope="module")
def raw_pairs() -> list[dict]:
    return yaml.safe_load(FRESH2.read_text(encoding="utf-8"))["pairs"]


def test_fresh2_loads_as_a_battery_of_at_least_100_pairs_in_12_domains(raw_pairs):
    assert is_battery(FRESH2)
    battery = load_battery(FRESH2)
    assert battery.name == "fresh2"
    assert len(battery.pairs) == len(raw_pairs) >= 100
    assert len({p["domain"] for p in raw_pairs}) >= 12


def test_every_fresh2_pair_is_well_formed(raw_pairs):
    assert BATTERY_SPLIT.problems(raw_pairs, id_prefix="f2-", sources=True) == []


def test_fresh2_covers_every_class_with_its_counterparts(raw_pairs):
    assert {p["class"] for p in raw_pairs} == set(FORMAT["classes"])
    statuses = Counter(p["status"] for p in raw_pairs)
    assert all(0.25 <= statuses[s] / len(raw_pairs) <= 0.45 for s in FORMAT["statuses"]), statuses
    by_class = {c: {p["status"] for p in raw_pairs if p["class"] == c} for c in FORMAT["classes"]}
    for name in ("stance-synonym", "negation-flip", "flip-without-not"):
        assert by_class[name] == {"persisted", "reversed"}, name
    for name in ("negative-both-sides", "modality", "scope-condition"):
        assert by_class[name] == {"persisted", "changed"}, name


def test_the_fresh2_gold_cases_load_and_hold_every_status():
    cases = load_gold([GOLD_FRESH2])
    assert len(cases) == 2
    seen = Counter()
    for case in cases:
        old_ids = [d.id for d in case.old.statements]
        new_ids = [d.id for d in case.new.statements]
        assert 15 <= len(old_ids) <= 25 and 15 <= len(new_ids) <= 25, case.name
        seen.update(link.status for link in case.links)
        seen["dropped"] += len(set(old_ids) - {link.old for link in case.links})
        seen["new"] += len(set(new_ids) - {link.new for link in case.links})
        order = [new_ids.index(link.new) for link in sorted(case.links, key=lambda lk: old_ids.index(lk.old))]
        assert order != sorted(order), case.name
    assert all(seen[s] > 0 for s in ("persisted", "changed", "reversed", "dropped", "new")), seen


def test_the_fresh2_gold_cases_are_other_negotiations_than_every_other_gold_set():
    fresh2 = {c.name for c in load_gold([GOLD_FRESH2])}
    others = {c.name for c in load_gold([TESTS / d for d in ("gold", "gold-extra", "gold-fresh", "gold-tune")])}
    assert fresh2 and not fresh2 & others
