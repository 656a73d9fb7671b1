"""How sure a verdict is: a calibrated probability that an item's status is right.

A logistic model over what the verdict rests on (the match probability, the cosine, the status,
whether a difference was read off the words), fitted on the gold cases' and the verdict
battery's tune half (``python -m demanddiff.compare.eval.calibration --fit``), its weights kept
in ``confidence.yaml`` beside this module. A statement the rules cannot read (not English)
is at most ``UNREAD`` sure.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

FEATURES = ("match_logit", "semantic", "reversed", "changed", "read_difference")
DECISIVE = ("number", "date", "modality", "condition", "negation")
UNREAD = 0.4  # below DOUBTFUL_BELOW: a verdict on a text the rules cannot read is doubtful


@lru_cache(maxsize=1)
def weights() -> tuple[float, tuple[float, ...]]:
    import yaml

    data = yaml.safe_load(resources.files(__package__).joinpath("confidence.yaml").read_text(encoding="utf-8"))
    return float(data["bias"]), tuple(float(data[name]) for name in FEATURES)


def features(status: str, changes: Sequence, match: float, semantic: float) -> list[float]:
    p = min(max(match, 1e-4), 1 - 1e-4)
    return [
        math.log(p / (1 - p)),
        semantic,
        float(status == "reversed"),
        float(status == "changed"),
        float(any(getattr(c, "kind", "") in DECISIVE for c in changes)),
    ]


def verdict_confidence(status: str, changes: Sequence, match: float, semantic: float, old: str, new: str) -> float:
    """The probability that the verdict on an aligned pair is right."""
    from .reading.record import read

    if match >= 1.0 and status == "persisted":
        return 1.0  # an exact copy (same words in any case or spacing) is certain
    bias, w = weights()
    z = bias + sum(a * b for a, b in zip(w, features(status, changes, match, semantic)))
    p = 1.0 / (1.0 + math.exp(-z))
    if not (read(old).english and read(new).english):
        p = min(p, UNREAD)
    return p
