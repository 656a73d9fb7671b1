"""Verdict batteries: single old/new pairs that are always one demand, each labelled
persisted / changed / reversed. They test the verdict alone, class by class.

The format is ``tests/battery/README.md``'s: a top-level ``battery:`` name and ``pairs:``,
each with ``id``, ``class``, ``old``, ``new``, ``status`` (and ``domain``, ``why``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ...positions.errors import InputError
from ...positions.model import Position
from ...positions.readers import parse_yaml, read_source
from ...positions.validate import demand_text, scalar

STATUSES = ("persisted", "changed", "reversed")


@dataclass(frozen=True)
class Pair:
    """One labelled pair of a battery."""

    id: str
    cls: str
    old: str
    new: str
    status: str
    domain: str = ""
    why: str = ""


@dataclass(frozen=True)
class Battery:
    name: str
    pairs: tuple[Pair, ...]
    path: str = ""


def is_battery(path: str | Path) -> bool:
    """Whether a file is a battery (a mapping with ``battery:``, checked for ``pairs:`` on loading), not a gold case."""
    path = Path(path)
    if os.path.isdir(path) or path.suffix.lower() not in (".yaml", ".yml"):
        return False
    try:
        with open(path, "rb") as f:
            head = f.read(4096).decode("utf-8", "replace")
    except OSError:
        return False
    return any(line.startswith("battery:") for line in head.splitlines())  # no gold case has one


def _text(value: object, path: str, line: int | None) -> str:
    """A pair's old or new text as written, once it is checked to be a visible text."""
    demand_text(value, path, line)
    return str(value)


def load_battery(path: str | Path) -> Battery:
    """A battery file, every problem reported as one ``InputError`` naming the file."""
    name = str(path)
    data = parse_yaml(read_source(path), name)
    if not isinstance(data, dict) or not isinstance(data.get("pairs"), list):
        raise InputError("a battery needs 'battery:' and a list of 'pairs:'", name)
    pairs: list[Pair] = []
    lines = list(getattr(data["pairs"], "lines", [])) or [None] * len(data["pairs"])
    seen: set[str] = set()
    for n, (p, line) in enumerate(zip(data["pairs"], lines), 1):
        missing = [k for k in ("id", "old", "new", "status") if not isinstance(p, dict) or not p.get(k)]
        if missing:
            raise InputError(f"pair {n} has no {', '.join(missing)}; add the field(s)", name, line)
        if p["status"] not in STATUSES:
            raise InputError(f"pair {p['id']}: status {p['status']!r}; use one of {', '.join(STATUSES)}", name, line)
        ident = scalar(p["id"], "a pair's id", name, line)
        if ident in seen:
            raise InputError(f"pair id {ident!r} is used twice; give each pair its own id", name, line)
        seen.add(ident)
        pairs.append(
            Pair(
                ident,
                str(p.get("class", "")),
                _text(p["old"], name, line),
                _text(p["new"], name, line),
                p["status"],
                str(p.get("domain", "")),
                str(p.get("why", "")),
            )
        )
    if not pairs:
        raise InputError("battery has no pairs; add pairs (id, old, new, status)", name)
    return Battery(str(data.get("battery") or Path(path).stem), tuple(pairs), str(path))


@dataclass(frozen=True)
class Verdict:
    """The engine's verdict on one battery pair."""

    pair: Pair
    status: str
    confidence: float
    changes: tuple = ()

    @property
    def right(self) -> bool:
        return self.status == self.pair.status


@dataclass(frozen=True)
class BatteryReport:
    name: str
    verdicts: tuple[Verdict, ...]

    @property
    def accuracy(self) -> float:
        return sum(v.right for v in self.verdicts) / len(self.verdicts) if self.verdicts else 0.0

    @property
    def false_reversals(self) -> int:
        return sum(v.status == "reversed" and v.pair.status != "reversed" for v in self.verdicts)

    @property
    def missed_reversals(self) -> int:
        return sum(v.status != "reversed" and v.pair.status == "reversed" for v in self.verdicts)

    @property
    def reversals(self) -> int:
        return sum(v.pair.status == "reversed" for v in self.verdicts)

    def per_class(self) -> dict[str, tuple[int, int]]:
        """class -> (right, pairs), classes in order of first appearance."""
        out: dict[str, list[int]] = {}
        for v in self.verdicts:
            tally = out.setdefault(v.pair.cls, [0, 0])
            tally[0] += v.right
            tally[1] += 1
        return {k: (r, n) for k, (r, n) in sorted(out.items())}

    def wrong(self) -> list[Verdict]:
        return [v for v in self.verdicts if not v.right]

    def to_dict(self) -> dict:
        return {
            "battery": self.name,
            "pairs": len(self.verdicts),
            "accuracy": round(self.accuracy, 3),
            "false_reversals": self.false_reversals,
            "missed_reversals": self.missed_reversals,
            "reversals": self.reversals,
            "classes": {k: {"right": r, "pairs": n} for k, (r, n) in self.per_class().items()},
            "wrong": [
                {"id": v.pair.id, "gold": v.pair.status, "found": v.status, "class": v.pair.cls} for v in self.wrong()
            ],
        }


def verdicts(pairs: Sequence[Pair], engine, settings=None) -> list[tuple[Pair, str, float, tuple, float, float]]:
    """(pair, status, confidence, changes, semantic, match) of each pair, read as one aligned demand."""
    from ..classify import classify
    from ..confidence import verdict_confidence
    from ..score import match_probability

    settings = settings or engine.settings
    engine.embedder.encode([t for p in pairs for t in (p.old, p.new)])  # one batch; pairs then read the cache
    from ..reading.syntax import prefetch

    prefetch((p.old, p.new) for p in pairs)  # the parses the verdicts need, in one batch
    out = []
    for p in pairs:
        scores = engine.pair_scores(Position.from_texts([p.old]), Position.from_texts([p.new]))
        sem = float(scores.semantic[0])
        match = float(match_probability(scores.features, settings.match_bias, settings.weights)[0])
        status, changes = classify(p.old, p.new, sem, match, settings)
        conf = verdict_confidence(status, changes, match, sem, p.old, p.new)
        out.append((p, status, conf, tuple(changes), sem, match))
    return out


def run_battery(battery: Battery, engine, settings=None) -> BatteryReport:
    """The engine's verdict on every pair of ``battery``."""
    found = verdicts(battery.pairs, engine, settings)
    return BatteryReport(battery.name, tuple(Verdict(p, s, c, ch) for p, s, c, ch, _, _ in found))


def load_batteries(paths: Iterable[str | Path]) -> list[Battery]:
    return [load_battery(p) for p in paths]


HEADERS = ("battery", "pairs", "accuracy", "false reversals", "missed reversals")


def summary_rows(reports: Sequence[BatteryReport]) -> list[list]:
    return [
        [r.name, len(r.verdicts), f"{r.accuracy:.3f}", r.false_reversals, f"{r.missed_reversals}/{r.reversals}"]
        for r in reports
    ]


def class_rows(reports: Sequence[BatteryReport]) -> tuple[tuple[str, ...], list[list]]:
    """Per-class accuracy, one column per battery."""
    classes = sorted({c for r in reports for c in r.per_class()})
    headers = ("class", *(r.name for r in reports))
    body = []
    for c in classes:
        row: list = [c]
        for r in reports:
            right, n = r.per_class().get(c, (0, 0))
            row.append(f"{right}/{n} {right / n:.2f}" if n else "")
        body.append(row)
    return headers, body
