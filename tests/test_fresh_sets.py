"""The fresh held-out sets: tests/battery/fresh.yaml and tests/gold-fresh/.

They were written after the engine's rules and are never tuned on, so these tests check their
format only (no accuracy floor): that `demanddiff eval` can read them, and that they hold what
tests/battery/README.md promises (classes, domains, thirds, one-sentence texts, reasons).
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
FRESH = TESTS / "battery" / "fresh.yaml"
GOLD_FRESH = TESTS / "gold-fresh"


FORMAT = BATTERY_SPLIT.FORMAT
FIELDS = set(FORMAT["fields"])


@pytest.fixture(scope="module")
def raw_pairs() -> list[dict]:
    return yaml.safe_load(FRESH.read_text(encoding="utf-8"))["pairs"]


def test_the_fresh_battery_loads_as_a_battery():
    assert is_battery(FRESH)
    battery = load_battery(FRESH)
    assert battery.name == "fresh"
    assert len(battery.pairs) >= 100


def test_every_fresh_pair_is_well_formed(raw_pairs):
    assert BATTERY_SPLIT.problems(raw_pairs, sources=True) == []


def test_fresh_ids_are_unique_across_all_three_batteries(raw_pairs):
    ids = [p["id"] for p in raw_pairs]
    for half in ("tune", "test"):
        ids += [p.id for p in load_battery(TESTS / "battery" / f"{half}.yaml").pairs]
    assert [i for i, n in Counter(ids).items() if n > 1] == []


def test_the_fresh_battery_covers_every_class_in_thirds_and_eight_domains(raw_pairs):
    assert {p["class"] for p in raw_pairs} == set(FORMAT["classes"])
    assert len({p["domain"] for p in raw_pairs}) >= 8
    statuses = Counter(p["status"] for p in raw_pairs)
    for status in FORMAT["statuses"]:
        assert 0.25 <= statuses[status] / len(raw_pairs) <= 0.42, statuses
    # Counterparts are present: each class that promises both sides has both.
    by_class = {c: {p["status"] for p in raw_pairs if p["class"] == c} for c in FORMAT["classes"]}
    assert by_class["stance-synonym"] == {"persisted", "reversed"}
    assert by_class["negation-flip"] == {"persisted", "reversed"}
    assert by_class["flip-without-not"] == {"persisted", "reversed"}
    assert by_class["negative-both-sides"] == {"persisted", "changed"}
    assert by_class["modality"] == {"persisted", "changed"}
    assert by_class["scope-condition"] == {"persisted", "changed"}


def test_the_fresh_gold_cases_load_and_hold_every_status():
    cases = load_gold([GOLD_FRESH])
    assert len(cases) >= 2
    seen = Counter()
    for case in cases:
        old_ids = [d.id for d in case.old.statements]
        new_ids = [d.id for d in case.new.statements]
        assert 8 <= len(old_ids) <= 15 and 8 <= len(new_ids) <= 15, case.name
        linked_old = {link.old for link in case.links}
        linked_new = {link.new for link in case.links}
        seen.update(link.status for link in case.links)
        seen["dropped"] += len(set(old_ids) - linked_old)
        seen["new"] += len(set(new_ids) - linked_new)
        # The new side is not simply the old side's order.
        order = [new_ids.index(link.new) for link in sorted(case.links, key=lambda lk: old_ids.index(lk.old))]
        assert order != sorted(order), case.name
    assert all(seen[s] > 0 for s in ("persisted", "changed", "reversed", "dropped", "new")), seen


def test_the_fresh_gold_cases_are_other_negotiations_than_the_shared_gold():
    fresh = {c.name for c in load_gold([GOLD_FRESH])}
    others = {c.name for c in load_gold([TESTS / "gold", TESTS / "gold-extra"])}
    assert fresh and not fresh & others
