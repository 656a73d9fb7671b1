"""Extraction benchmark: precision, recall, fragments and round dates on real documents.

    HF_HUB_OFFLINE=1 python bench/extract_bench.py            # tune half and the three older texts
    HF_HUB_OFFLINE=1 python bench/extract_bench.py --half test  # the held-out half: report only
    HF_HUB_OFFLINE=1 python bench/extract_bench.py --half fresh  # the fresh half: report only
    HF_HUB_OFFLINE=1 python bench/extract_bench.py --half fresh2  # the fresh2 half: report only
    HF_HUB_OFFLINE=1 python bench/extract_bench.py --half fresh3  # the fresh3 half: report only
    HF_HUB_OFFLINE=1 python bench/extract_bench.py --show       # also the unmatched demands
    HF_HUB_OFFLINE=1 python bench/extract_bench.py --batch 3    # only the tune half's third batch

For each document of tests/extract/documents.yaml (and seed, communique, speech) it runs
``demanddiff.extract`` with the document's party, aliases and date, split into rounds, and
scores it with ``check_extraction`` (the engine's assignment and threshold). Columns:
P, R: precision and recall; verbless: extracted demands with no verb phrase or pledge form;
dates: of the extracted demands that mean a hand-listed demand of any round, the share
found in that demand's round (the date of its round).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT.parent))

from demanddiff import Engine, check_extraction, extract, load  # noqa: E402
from demanddiff.compare.eval.extract_check import matches, pool  # noqa: E402
from demanddiff.positions.model import Position, PositionSet  # noqa: E402
from demanddiff.positions.prose.grammar import has_verb_phrase  # noqa: E402

HERE = ROOT / "tests" / "extract"
OLDER = [
    ("seed", "older", "Russia", [], "2025-03-13"),
    ("communique", "older", "Eastmark", [], "2024-06-12"),
    ("speech", "older", "Nurses union", [], "2024-03-15"),
]


def documents(half: str, batch: int | None = None) -> list[tuple[str, str, str, list[str], str, Path]]:
    listed = yaml.safe_load((HERE / "documents.yaml").read_text())["documents"]
    out = [
        (d["name"], d["half"], d["party"], d["aliases"], str(d["date"]), HERE / d["half"])
        for d in listed
        if half in ("all", d["half"]) and batch in (None, d.get("batch"))
    ]
    if half in ("all", "tune", "older") and batch is None:
        out = [o for o in out if half != "older"] + [(*o, HERE) for o in OLDER]
    return out


def score(engine: Engine, name: str, party: str, aliases: list[str], date: str, folder: Path, show: bool) -> dict:
    text = (folder / f"{name}.txt").read_text()
    gold = load(folder / f"{name}-gold.yaml")
    found = extract(text, party, dt.date.fromisoformat(date), aliases=aliases, split_rounds=True, engine=engine)
    total = check_extraction(found, gold, text, engine=engine)[-1]
    every = pool(found)
    verbless = sum(not has_verb_phrase(s.text) for s in every.statements)
    # Round dates: each extracted demand that means a hand-listed one, against that demand's round.
    gold_sets = [gold] if isinstance(gold, Position) else list(gold)
    gold_pool = pool(PositionSet(tuple(gold_sets)))
    # Demands that mean a hand-listed one in any round; of those, the ones the check finds in
    # the right round (the check pairs round by round, matched by date).
    links = matches(gold_pool, every, engine)
    right_dates = min(total.right, len(links))
    if show:
        print(f"\n== {name}")
        for t in total.missed:
            print(f"  missed: {t}")
        for t in total.wrong:
            print(f"  wrong:  {t}")
    return {
        "name": name,
        "gold": total.gold,
        "extracted": total.extracted,
        "found": total.found,
        "right": total.right,
        "verbless": verbless,
        "dated": len(links),
        "dates_right": right_dates,
    }


def row(label: str, r: dict) -> str:
    p = r["right"] / r["extracted"] if r["extracted"] else 1.0
    rec = r["found"] / r["gold"] if r["gold"] else 1.0
    d = r["dates_right"] / r["dated"] if r["dated"] else 1.0
    return (
        f"{label:32} {r['gold']:5} {r['extracted']:5} {r['found']:5} {r['right']:5} "
        f"{p:6.3f} {rec:6.3f} {r['verbless']:8} {d:6.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("tune", "test", "fresh", "fresh2", "fresh3", "older", "all"), default="tune")
    parser.add_argument("--show", action="store_true", help="print the unmatched demands of both sides")
    parser.add_argument("--batch", type=int, help="only the documents of this batch (documents.yaml's 'batch:')")
    args = parser.parse_args()
    if args.show and args.half in ("test", "fresh", "fresh2", "fresh3", "all"):
        parser.error(
            "--show is for the tune half and the older texts: the test, fresh, fresh2 and fresh3 halves are held out"
        )
    engine = Engine()
    print(
        f"{'document':32} {'gold':>5} {'extr':>5} {'found':>5} {'right':>5} "
        f"{'P':>6} {'R':>6} {'verbless':>8} {'dates':>6}"
    )
    halves: dict[str, dict] = {}
    for name, half, party, aliases, date, folder in documents(args.half, args.batch):
        r = score(engine, name, party, aliases, date, folder, args.show)
        print(row(f"{name} ({half})", r))
        tally = halves.setdefault(half, dict.fromkeys(r, 0))
        for k, v in r.items():
            if k != "name":
                tally[k] += v
    for half, tally in halves.items():
        print(row(f"** {half} total", tally))


if __name__ == "__main__":
    main()
