"""The learning curve of review on the shared gold cases, printed as tables (and JSON with --json).

    python bench/learning_curve.py                 # tests/gold, after 0, 5, 10 and 20 answers
    python bench/learning_curve.py CASES... --steps 0,5,10,20,40

Each gold case is held out in turn: an analyst who knows its gold links answers the review's
questions least sure first; after n answers the settings are refit on the other cases plus those
decisions, and the statements still undecided are scored (statement accuracy), with the decisions
applied. "decisions only" keeps the settings of the other cases, to show what the refit adds.
Several minutes of CPU (one tuning per case and step).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", default=[str(ROOT / "tests" / "gold")])
    parser.add_argument("--steps", default="0,5,10,20")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead")
    args = parser.parse_args()
    from tabulate import tabulate

    from demanddiff import Engine
    from demanddiff.compare.eval.learning import learning_curve
    from demanddiff.compare.eval.metrics import Tally
    from demanddiff.positions.gold import load_gold

    steps = tuple(int(s) for s in args.steps.split(","))
    cases = load_gold(args.cases)
    start = time.perf_counter()
    reviews = learning_curve(cases, Engine(), steps)
    seconds = time.perf_counter() - start
    if args.json:
        data = [
            {
                "case": r.case,
                "items": r.items,
                "doubtful": r.doubtful,
                "questions_to_no_doubtful": r.questions_to_no_doubtful,
                "points": {
                    p.answers: {
                        "statements_left": p.refit.statements,
                        "accuracy_decisions_only": round(p.decisions_only.accuracy, 3),
                        "accuracy_refit": round(p.refit.accuracy, 3),
                    }
                    for p in r.points
                },
            }
            for r in reviews
        ]
        print(json.dumps({"steps": steps, "seconds": round(seconds, 1), "cases": data}, indent=2))
        return

    def cell(points, n, which):
        point = next((p for p in points if p.answers == n), None)
        if point is None:
            return "all decided"
        tally = getattr(point, which)
        return f"{tally.accuracy:.3f} ({tally.statements})"

    headers = ["held-out case", *(f"after {n}" for n in steps)]
    body = [[r.case, *(cell(r.points, n, "refit") for n in steps)] for r in reviews]
    totals = {}
    for which in ("decisions_only", "refit"):
        row = []
        for n in steps:
            tally = sum((p.refit if which == "refit" else p.decisions_only for r in reviews for p in r.points
                         if p.answers == n), Tally())  # fmt: skip
            row.append(f"{tally.accuracy:.3f} ({tally.statements})" if tally.statements else "all decided")
        totals[which] = row
    body.append(["all cases: decisions + refit", *totals["refit"]])
    body.append(["all cases: decisions only", *totals["decisions_only"]])
    print("Statement accuracy on the statements still undecided (how many in brackets), after n answers;")
    print("settings refit on the other cases plus the held-out case's decisions.\n")
    print(tabulate(body, headers=headers, tablefmt="github", disable_numparse=True))
    print()
    body = [[r.case, r.items, r.doubtful, r.questions_to_no_doubtful] for r in reviews]
    body.append(["all cases", *(sum(row[i] for row in body) for i in (1, 2, 3))])
    print("Questions until no item left is doubtful (least sure first):\n")
    print(tabulate(body, headers=["held-out case", "items", "doubtful at start", "questions"], tablefmt="github"))
    print(f"\n{len(cases)} cases in {seconds:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
