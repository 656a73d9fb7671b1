"""The third, fourth and fifth fresh held-out batteries: tests/battery/fresh3.yaml, fresh4.yaml
and fresh5.yaml.

Each written blind by an examiner after the engine's rules existed, without reading them and
without running the engine on the pairs; never tuned on. These tests check their format only (no
accuracy floor): that each loads, that its ids collide with no other battery file, and that it
holds what tests/battery/README.md promises.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from conftest import BATTERY_DIR, BATTERY_SPLIT, flips_with_a_negator
from demanddiff.compare.eval.battery import is_battery, load_battery

FORMAT = BATTERY_SPLIT.FORMAT


@dataclass(frozen=True)
class Fresh:
    name: str
    pairs: int  # at least
    per_domain: int  # at least
    ids: range  # of the number after the domain prefix
    sources: bool  # whether a pair may name its published source


SETS = [
    Fresh("fresh3", 160, 9, range(301, 400), False),
    Fresh("fresh4", 200, 10, range(401, 500), True),
    Fresh("fresh5", 220, 12, range(501, 600), False),
]


@pytest.fixture(scope="module", params=SETS, ids=lambda s: s.name)
def fresh(request) -> tuple[Fresh, Path, list[dict]]:
    path = BATTERY_DIR / f"{request.param.name}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["battery"] == request.param.name
    return request.param, path, data["pairs"]


def _other_battery_ids(path: Path) -> list[str]:
    ids = []
    for other in sorted(Path(BATTERY_DIR).glob("*.yaml")):
        if other != path and is_battery(other):
            ids.extend(p["id"] for p in yaml.safe_load(other.read_text(encoding="utf-8"))["pairs"])
    return ids


def test_each_loads_as_a_battery_of_its_size_in_all_14_domains(fresh):
    spec, path, raw_pairs = fresh
    assert is_battery(path)
    battery = load_battery(path)
    assert battery.name == spec.name
    assert [p.id for p in battery.pairs] == [p["id"] for p in raw_pairs]
    assert len(raw_pairs) >= spec.pairs
    domains = Counter(p["domain"] for p in raw_pairs)
    assert set(domains) == set(FORMAT["prefixes"])
    assert min(domains.values()) >= spec.per_domain, domains


def test_every_pair_is_well_formed(fresh):
    # Fields (fresh4: an optional https source; fresh3 and fresh5: none), ids matching their
    # domain, known classes and statuses, one sentence of 6-40 words a side.
    spec, _, raw_pairs = fresh
    assert BATTERY_SPLIT.problems(raw_pairs, sources=spec.sources) == []
    assert all(int(p["id"].rsplit("-", 1)[1]) in spec.ids for p in raw_pairs)


def test_ids_are_unique_across_every_battery_file(fresh):
    _, path, raw_pairs = fresh
    ids = [p["id"] for p in raw_pairs]
    assert len(ids) == len(set(ids))
    assert set(ids).isdisjoint(_other_battery_ids(path))


def test_every_class_comes_with_its_counterparts(fresh):
    _, _, raw_pairs = fresh
    assert {p["class"] for p in raw_pairs} == set(FORMAT["classes"])
    assert {p["status"] for p in raw_pairs} == set(FORMAT["statuses"])
    by_class = {c: {p["status"] for p in raw_pairs if p["class"] == c} for c in FORMAT["classes"]}
    for name in ("stance-synonym", "negation-flip", "flip-without-not"):
        assert by_class[name] == {"persisted", "reversed"}, name
    for name in ("negative-both-sides", "modality", "scope-condition"):
        assert by_class[name] == {"persisted", "changed"}, name


def test_flips_carry_no_negator_and_use_many_antonym_pairs(fresh):
    _, _, raw_pairs = fresh
    assert flips_with_a_negator(raw_pairs) == []
    flips = [p for p in raw_pairs if (p["class"], p["status"]) == ("flip-without-not", "reversed")]
    assert len(flips) >= 30
    assert len({p["why"] for p in flips}) == len(flips)
