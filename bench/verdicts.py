"""The verdict figures of issue 11, from a real run: both halves of the verdict battery and its
fresh set, the shared gold cases left one case out, the validation cases of other negotiations
and the fresh gold cases.

    python bench/verdicts.py

The tune half is tests/battery/tune.yaml with tune2.yaml (paraphrases of published texts) and
tune3.yaml to tune5.yaml (examiners' pairs: scope, paraphrase, flips, negatives, aliases and
parties; stance; stance and real-text paraphrase): the "tune" row is all five, "tune1" to "tune5"
each.

The battery's test half and the fresh sets (tests/battery/fresh.yaml and fresh2.yaml to fresh5.yaml,
tests/gold-fresh and gold-fresh2, written after the rules by examiners who did not read them)
are held out: run this to report their figures, never to choose a rule. tests/gold-tune is
where the rules are developed (in-sample).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"


def main() -> None:
    from dataclasses import replace

    from demanddiff import api
    from demanddiff.compare.eval.battery import HEADERS, BatteryReport, class_rows, summary_rows
    from demanddiff.compare.eval.metrics import SUMMARY_HEADERS, summary_row
    from demanddiff.compare.render.tables import render_rows

    batteries = [
        TESTS / "battery" / name
        for name in (
            *("tune.yaml", "tune2.yaml", "tune3.yaml", "tune4.yaml", "tune5.yaml"),
            *("test.yaml", "fresh.yaml", "fresh2.yaml", "fresh3.yaml", "fresh4.yaml", "fresh5.yaml"),
        )
    ]
    *tunes, test, fresh, fresh2, fresh3, fresh4, fresh5 = api.evaluate_battery(batteries)
    # The tune half is the five tune files: "tune" is all together, "tune1" to "tune5" each.
    tune = BatteryReport("tune", tuple(v for t in tunes for v in t.verdicts))
    reports = [tune, replace(tunes[0], name="tune1"), *tunes[1:], test, fresh, fresh2, fresh3, fresh4, fresh5]
    print("verdict battery (target on test: accuracy >= 0.95, no false reversal)\n")
    print(render_rows(HEADERS, summary_rows(reports), "simple"))
    print(render_rows(*class_rows(reports), "simple"))
    rows = []
    sets = (
        ("gold --loo", TESTS / "gold", True),
        ("gold-extra", TESTS / "gold-extra", False),
        ("gold-fresh", TESTS / "gold-fresh", False),
        ("gold-fresh2", TESTS / "gold-fresh2", False),
        ("gold-tune (rules developed on it)", TESTS / "gold-tune", False),
    )
    for name, path, loo in sets:
        report = api.evaluate(path, methods=["engine"], loo=loo)[0]
        rows.append(summary_row(f"{name}", report.total))
    print("gold cases (target, gold --loo: statement accuracy >= 0.85, <= 1 false reversal per 100 links)\n")
    print(render_rows(SUMMARY_HEADERS, rows, "simple"))


if __name__ == "__main__":
    sys.exit(main())
