"""Is a confidence of 0.8 right 8 times in 10? Reliability tables, the expected calibration
error, and the fit of ``compare/confidence.yaml``.

    python -m demanddiff.compare.eval.calibration --fit tests/gold --unseen tests/gold-tune

The fit learns from out-of-fold verdicts: each gold case judged with settings tuned on the
other cases. Fitted on in-sample verdicts instead, the expected calibration error on the
validation cases of other negotiations (tests/gold-extra, never fitted on) was 0.222; out of
fold on gold and the battery's tune half (whose verdicts are in-sample for the rules) 0.190;
out of fold on gold alone 0.122, with 11 of 32 pairs flagged doubtful where 13 are wrong.
Verdicts on other negotiations (``--unseen``: cases the settings were not fitted on, judged
with them) are less often right than out-of-fold gold ones: fitted on gold alone, the error
on tests/gold-tune was 0.259; with the other gold-tune cases added (each case held out in
turn) 0.135.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ...positions.gold import GoldCase

BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)


@dataclass(frozen=True)
class Sample:
    """One verdict: its confidence, whether it was right, and the features it was computed from."""

    confidence: float
    right: bool
    features: tuple[float, ...] = ()


def gold_samples(cases: Sequence[GoldCase], engine, out_of_fold: bool = False) -> list[Sample]:
    """Every aligned pair of the engine's comparisons of ``cases``, right when gold links it with that status.

    With ``out_of_fold`` each case is compared with settings tuned on the other cases, as an
    unseen negotiation would be: the verdicts a calibration must learn from. In-sample verdicts
    (settings tuned on the case itself) are right more often than new ones, and a model fitted
    on them is overconfident.
    """
    from ..confidence import features
    from ..engine import link
    from .tune import battery_examples, fit_settings

    scored = [(case, engine.pair_scores(case.old, case.new)) for case in cases]
    extra = battery_examples(engine) if out_of_fold else []
    out = []
    for k, (case, scores) in enumerate(scored):
        if out_of_fold:
            comparison = link(case.old, case.new, scores, fit_settings(scored[:k] + scored[k + 1 :], extra))
        else:
            comparison = engine.compare(case.old, case.new)
        gold = {(link.old, link.new): link.status for link in case.links}
        for item in comparison.items:
            if item.old is None or item.new is None:
                continue
            right = gold.get((item.old.id, item.new.id)) == item.status
            feats = features(item.status, item.changes, item.score or 0.0, item.semantic or 0.0)
            out.append(Sample(float(item.confidence or 0.0), right, tuple(feats)))
    return out


def battery_samples(batteries, engine) -> list[Sample]:
    from ..confidence import features
    from .battery import verdicts

    out = []
    for battery in batteries:
        for pair, status, conf, changes, sem, match in verdicts(battery.pairs, engine):
            out.append(Sample(conf, status == pair.status, tuple(features(status, changes, match, sem))))
    return out


def reliability(samples: Sequence[Sample]) -> list[tuple[str, int, float, float]]:
    """(bin, items, mean confidence, share right) per confidence bin with items."""
    rows = []
    for lo, hi in zip(BINS, BINS[1:]):
        inside = [s for s in samples if lo <= s.confidence < hi]
        if inside:
            rows.append(
                (
                    f"{lo:.1f}-{min(hi, 1.0):.1f}",
                    len(inside),
                    sum(s.confidence for s in inside) / len(inside),
                    sum(s.right for s in inside) / len(inside),
                )
            )
    return rows


def expected_calibration_error(samples: Sequence[Sample]) -> float:
    """The items-weighted mean gap between confidence and accuracy over the bins."""
    if not samples:
        return 0.0
    return sum(n * abs(conf - acc) for _, n, conf, acc in reliability(samples)) / len(samples)


def calibration_dict(samples: Sequence[Sample]) -> dict:
    return {
        "expected_calibration_error": round(expected_calibration_error(samples), 3),
        "bins": [
            {"confidence": b, "items": n, "mean_confidence": round(c, 3), "right": round(a, 3)}
            for b, n, c, a in reliability(samples)
        ],
    }


def reliability_text(samples: Sequence[Sample], title: str) -> str:
    lines = [
        f"{'confidence':<12}  {'items':>5}  {'mean confidence':>15}  {'right':>5}",
        f"{'-' * 12}  -----  {'-' * 15}  -----",
    ]
    lines += [f"{b:<12}  {n:>5}  {c:>15.2f}  {a:>5.2f}" for b, n, c, a in reliability(samples)]
    table = "\n".join(lines)
    return f"{title}: expected calibration error {expected_calibration_error(samples):.3f}\n\n{table}"


def fit(samples: Sequence[Sample], ridge: float = 1.0) -> tuple[float, list[float]]:
    """Logistic regression (ridge-penalised) of "the verdict is right" on the confidence features."""
    from ..logistic import fit as logistic

    return logistic([s.features for s in samples], [float(s.right) for s in samples], ridge)


def main(argv: list[str]) -> None:  # pragma: no cover - a maintenance script
    from ...positions.gold import load_gold
    from ..confidence import FEATURES
    from ..engine import Engine
    from .battery import is_battery, load_battery

    unseen_at = argv.index("--unseen") if "--unseen" in argv else len(argv)
    unseen_paths = argv[unseen_at + 1 :]
    paths = [a for a in argv[:unseen_at] if a != "--fit"]
    engine = Engine()
    batteries = [load_battery(p) for p in paths if is_battery(p)]
    cases = load_gold([p for p in paths if not is_battery(p)]) if any(not is_battery(p) for p in paths) else []
    fitting = "--fit" in argv
    samples = gold_samples(cases, engine, out_of_fold=fitting and len(cases) > 1) + battery_samples(batteries, engine)
    # Cases the settings were not fitted on, judged with them: verdicts on new negotiations.
    samples += gold_samples(load_gold(unseen_paths), engine) if unseen_paths else []
    if fitting:
        bias, w = fit(samples)
        target = Path(__file__).resolve().parent.parent / "confidence.yaml"
        lines = [
            "# Logistic weights of compare.confidence.FEATURES, fitted on the verdicts of",
            f"# {', '.join(paths + unseen_paths)} ({len(samples)} verdicts; each gold case compared with",
            "# settings tuned on the others, each --unseen case with the shipped settings, as a new",
            "# negotiation would be) by",
            "# python -m demanddiff.compare.eval.calibration --fit " + " ".join(a for a in argv if a != "--fit"),
            f"bias: {bias}",
            *(f"{name}: {v}" for name, v in zip(FEATURES, w)),
        ]
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {target}")
        return
    print(reliability_text(samples, "verdicts"))


if __name__ == "__main__":
    main(sys.argv[1:])
