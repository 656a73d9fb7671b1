"""The verdict figures of issue 11, from a real run: both halves of the verdict battery and its
fresh set, the shared gold cases left one case out, the validation cases of other negotiations
and the fresh gold cases.

    python bench/verdicts.py

The battery's test half and the fresh sets (tests/battery/fresh.yaml, tests/gold-fresh, written
after the rules by someone who did not read them) are held out: run this to report their
figures, never to choose a rule.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"


def main() -> None:
    from demanddiff import api
    from demanddiff.compare.eval.battery import HEADERS, class_rows, summary_rows
    from demanddiff.compare.eval.metrics import SUMMARY_HEADERS, summary_row
    from demanddiff.compare.render.tables import render_rows

    batteries = [TESTS / "battery" / name for name in ("tune.yaml", "test.yaml", "fresh.yaml")]
    reports = api.evaluate_battery(batteries)
    print("verdict battery (target on test: accuracy >= 0.95, no false reversal)\n")
    print(render_rows(HEADERS, summary_rows(reports), "simple"))
    print(render_rows(*class_rows(reports), "simple"))
    rows = []
    sets = (
        ("gold --loo", TESTS / "gold", True),
        ("gold-extra", TESTS / "gold-extra", False),
        ("gold-fresh", TESTS / "gold-fresh", False),
        ("gold-tune (rules developed on it)", TESTS / "gold-tune", False),
    )
    for name, path, loo in sets:
        report = api.evaluate(path, methods=["engine"], loo=loo)[0]
        rows.append(summary_row(f"{name}", report.total))
    print("gold cases (target, gold --loo: statement accuracy >= 0.85, <= 1 false reversal per 100 links)\n")
    print(render_rows(SUMMARY_HEADERS, rows, "simple"))


if __name__ == "__main__":
    sys.exit(main())
