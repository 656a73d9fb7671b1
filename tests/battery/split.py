"""Split the verdict battery into its tune and test halves, and validate it.

    python tests/battery/split.py              # re-split tune.yaml + test.yaml (idempotent)
    python tests/battery/split.py WORK.yaml    # split a working list (``pairs:``; ids optional)
    python tests/battery/split.py --check      # validate only, write nothing

The split is stratified by (class, status): each stratum, in id order, is shuffled with
``random.Random(20261201)`` and dealt alternately to tune and test, so both halves hold every
class and every counterpart. Re-running on the two halves reproduces them exactly.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

import yaml

HERE = Path(__file__).parent
SEED = 20261201
FORMAT = yaml.safe_load((HERE / "format.yaml").read_text(encoding="utf-8"))
STATUSES = tuple(FORMAT["statuses"])
PREFIX = FORMAT["prefixes"]
CLASSES = tuple(FORMAT["classes"])
FIELDS = tuple(FORMAT["fields"])
# Waves: the pairs were written in waves, and each wave is split on its own, so a pair added
# later never moves an earlier one between the halves. A pair's wave is the first whose last id
# in its domain is at least its own number; ids above every listed wave form the newest wave.
WAVES = (
    # 1: the first 268 pairs (issue 11)
    {"dipl": 28, "arms": 21, "trad": 23, "labr": 25, "clim": 19, "corp": 18, "hous": 17,
     "hlth": 20, "elec": 18, "fish": 17, "educ": 15, "tech": 15, "watr": 16, "migr": 16},
    # 2: 16 pairs on the stance reading (phrasal and unlisted stance verbs, negations in a part one side lacks)
    {"dipl": 29, "arms": 22, "trad": 24, "labr": 27, "clim": 20, "corp": 19, "hous": 19,
     "hlth": 21, "elec": 19, "fish": 18, "educ": 16, "tech": 16, "watr": 17, "migr": 17},
)  # fmt: skip


def problems(pairs: list[dict], id_prefix: str = "", sources: bool = False) -> list[str]:
    """Everything wrong with a list of pairs (empty when valid). A set written by an examiner may
    give each pair a ``source`` (``sources``: an https URL) and prefix its ids (``id_prefix``)."""
    out, seen = [], set()
    for p in pairs:
        pid = p.get("id", "?")
        if not set(FIELDS) <= set(p) <= set(FIELDS) | ({"source"} if sources else set()):
            out.append(f"{pid}: fields {sorted(p)}")
            continue
        if pid in seen:
            out.append(f"{pid}: duplicate id")
        seen.add(pid)
        if "source" in p and not str(p["source"]).startswith("https://"):
            out.append(f"{pid}: source is not an https URL")
        domain_id = re.escape(id_prefix) + PREFIX.get(p["domain"], "?") + r"-\d{3}"
        if p["domain"] not in PREFIX or not re.fullmatch(domain_id, pid):
            out.append(f"{pid}: id does not match domain {p['domain']}")
        if p["class"] not in CLASSES:
            out.append(f"{pid}: unknown class {p['class']}")
        if p["status"] not in STATUSES:
            out.append(f"{pid}: status {p['status']}")
        if not str(p["why"]).strip():
            out.append(f"{pid}: empty why")
        for side in ("old", "new"):
            text = p[side]
            if not 6 <= len(text.split()) <= 40 or re.search(r"[.!?]\s", text):
                out.append(f"{pid}: {side} must be one sentence of 6-40 words")
        if p["old"] == p["new"]:
            out.append(f"{pid}: old and new are identical")
    return out


def wave(pid: str) -> int:
    """The wave a pair id belongs to (0 for the first)."""
    prefix, number = pid.rsplit("-", 1)
    return next((k for k, last in enumerate(WAVES) if int(number) <= last.get(prefix, 0)), len(WAVES))


def split(pairs: list[dict]) -> tuple[list[dict], list[dict]]:
    """Each wave split on its own (``split_wave``), the halves joined in id order."""
    halves: tuple[list[dict], list[dict]] = ([], [])
    for k in sorted({wave(p["id"]) for p in pairs}):
        tune, test = split_wave([p for p in pairs if wave(p["id"]) == k])
        halves[0].extend(tune)
        halves[1].extend(test)
    return tuple(sorted(h, key=lambda p: p["id"]) for h in halves)


def split_wave(pairs: list[dict]) -> tuple[list[dict], list[dict]]:
    rng = random.Random(SEED)
    strata = defaultdict(list)
    for p in sorted(pairs, key=lambda p: p["id"]):
        strata[(p["class"], p["status"])].append(p)
    halves, extra = ([], []), 0
    for key in sorted(strata):
        group = strata[key]
        rng.shuffle(group)
        for i, p in enumerate(group):
            halves[(i + extra) % 2].append(p)
        extra += len(group) % 2  # an odd stratum's extra pair goes to the other half next time
    return tuple(sorted(h, key=lambda p: p["id"]) for h in halves)


def dump(name: str, pairs: list[dict]) -> str:
    lines = [f"battery: {name}", "pairs:"]
    for p in pairs:
        lines.append(f"  - id: {p['id']}")
        for f in FIELDS[1:]:
            value = p[f] if f in ("domain", "class", "status") else json.dumps(p[f], ensure_ascii=False)
            lines.append(f"    {f}: {value}")
    return "\n".join(lines) + "\n"


def load(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["pairs"]


def main(argv: list[str]) -> int:
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    if args:
        pairs, counters = load(Path(args[0])), defaultdict(int)
        for p in pairs:  # number pairs without an id per domain, in list order
            if "id" not in p:
                counters[p["domain"]] += 1
                p["id"] = f"{PREFIX.get(p['domain'], 'xxxx')}-{counters[p['domain']]:03d}"
    else:
        pairs = []
    pairs = load(HERE / "tune.yaml") + load(HERE / "test.yaml") + pairs  # a working list adds a wave
    errors = problems(pairs)
    for e in errors:
        print(e, file=sys.stderr)
    if errors:
        return 1
    tune, test = split(pairs)
    if check:
        for name, half in (("tune", tune), ("test", test)):
            on_disk = [p["id"] for p in load(HERE / f"{name}.yaml")]
            if on_disk != [p["id"] for p in half]:
                print(f"{name}.yaml is not the seeded split", file=sys.stderr)
                return 1
    else:
        for name, half in (("tune", tune), ("test", test)):
            (HERE / f"{name}.yaml").write_text(dump(name, half), encoding="utf-8")
    print(f"{len(pairs)} pairs: tune {len(tune)}, test {len(test)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
