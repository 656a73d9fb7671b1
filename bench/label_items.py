"""Every extracted item of a batch (or half) of tests/extract/documents.yaml, labelled right or wrong.

    HF_HUB_OFFLINE=1 python bench/label_items.py --batch 6 --out items-batch6.jsonl
    HF_HUB_OFFLINE=1 python bench/label_items.py --half tune --out items-tune.jsonl

Data for a learned "is this extracted item a demand" filter. Each document is run exactly as
bench/extract_bench.py runs it (``demanddiff.extract`` with the document's party, aliases and
date, split into rounds) and checked with the check's own matching (``extract_check.matches``,
round by round, matched by date, as ``check_extraction`` does). One JSON line per extracted item:

- ``doc``, ``half``, ``batch``; ``round_date`` and ``round`` of the round the item was put in;
- ``text`` (the extracted demand), ``sentence`` (the sentence it was read from, if the Statement
  has sources; ``sentences`` when several) with its ``start``/``end`` offsets in the text;
- ``label``: "right" if ``check_extraction`` counts it right, else "wrong" (the wrong texts are
  checked against ``total.wrong``);
- ``label_pooled``: the same check with every round pooled (``check_extraction`` given one
  position): "right" here but "wrong" above means the item means a hand-listed demand but was put
  in the wrong round;
- ``gold`` / ``gold_pooled``: the hand-listed demand it was matched with, if any.

The test and fresh halves are held out: labelling them is refused, as ``--show`` is refused there.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract_bench import documents  # noqa: E402

from demanddiff import Engine, check_extraction, extract, load  # noqa: E402
from demanddiff.compare.eval.extract_check import matches, pool  # noqa: E402
from demanddiff.positions.model import Position, PositionSet  # noqa: E402


def _rounds(positions: Position | PositionSet) -> list[Position]:
    return [positions] if isinstance(positions, Position) else list(positions)


def label(engine: Engine, name: str, half: str, party: str, aliases: list[str], date: str, folder: Path) -> list[dict]:
    """The labelled items of one document, in the order of the extracted rounds."""
    text = (folder / f"{name}.txt").read_text()
    gold = load(folder / f"{name}-gold.yaml")
    found = extract(text, party, dt.date.fromisoformat(date), aliases=aliases, split_rounds=True, engine=engine)
    total = check_extraction(found, gold, text, engine=engine)[-1]
    gold_rounds = {p.date: p for p in _rounds(gold)}
    gold_pool = pool(PositionSet(tuple(_rounds(gold))))
    found_pool = pool(found)
    # Pooled: every extracted item against every hand-listed demand, rounds ignored.
    pooled = {b: a for a, b in matches(gold_pool, found_pool, engine)} if found_pool.statements else {}
    gold_text = {s.id: s.text for s in gold_pool.statements}
    rows = []
    n = 0
    for got in _rounds(found):
        g = gold_rounds.get(got.date) or Position(())
        links = {b: a for a, b in matches(g, got, engine)} if g.statements and got.statements else {}
        by_id = {s.id: s.text for s in g.statements}
        for s in got.statements:
            n += 1
            pooled_id = found_pool.statements[n - 1].id  # pool() keeps the order, ids r<round>.<id>
            sources = [src.sentence for src in s.sources]
            row = {
                "doc": name,
                "half": half,
                "batch": None,
                "round_date": got.date.isoformat() if got.date else None,
                "round": got.round,
                "text": s.text,
                "sentence": sources[0] if sources else None,
                "start": s.sources[0].start if s.sources else None,
                "end": s.sources[0].end if s.sources else None,
                "label": "right" if s.id in links else "wrong",
                "gold": by_id.get(links.get(s.id)),
                "label_pooled": "right" if pooled_id in pooled else "wrong",
                "gold_pooled": gold_text.get(pooled.get(pooled_id)),
            }
            if len(sources) > 1:
                row["sentences"] = sources
            rows.append(row)
    wrong = Counter(r["text"] for r in rows if r["label"] == "wrong")
    if wrong != Counter(total.wrong):
        raise AssertionError(f"{name}: the labels disagree with check_extraction's wrong list")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, help="only the documents of this batch (documents.yaml's 'batch:')")
    parser.add_argument("--half", choices=("tune", "older"), default="tune")
    parser.add_argument("--out", type=Path, required=True, help="the JSON lines file to write")
    args = parser.parse_args()
    import yaml

    listed = yaml.safe_load((Path(__file__).resolve().parents[1] / "tests/extract/documents.yaml").read_text())
    batches = {d["name"]: d.get("batch") for d in listed["documents"]}
    engine = Engine()
    counts: Counter = Counter()
    with args.out.open("w") as out:
        for name, half, party, aliases, date, folder in documents(args.half, args.batch):
            for row in label(engine, name, half, party, aliases, date, folder):
                row["batch"] = batches.get(name)
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                counts[row["label"]] += 1
                counts[f"pooled {row['label_pooled']}"] += 1
    print(f"{args.out}: {counts['right']} right, {counts['wrong']} wrong (pooled: {counts['pooled right']} right)")


if __name__ == "__main__":
    main()
