"""Settings: the match model's weights and the decision thresholds, fitted by ``eval --tune``."""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields, replace
from numbers import Real
from pathlib import Path

from ..positions.errors import InputError
from .score import FEATURES
from .substance import FEATURES as SUBSTANCE_FEATURES

# Settings of earlier versions that a file may still name; they are read and ignored.
RETIRED = frozenset({"persist_threshold", "detail_threshold"})
NEVER = 1.01  # a threshold no probability reaches: that step is off (``eval --tune`` tries it)
# The largest weight a file may give: fitted weights are below 10, and exp() of a weight this
# size times a feature overflows no float.
MAX_WEIGHT = 100.0


@dataclass(frozen=True)
class Settings:
    """Scoring weights and thresholds. The defaults are fitted on the shipped gold cases
    (``demanddiff eval --tune``); a settings file replaces any of them."""

    # Logistic model of "this pair is one demand" over score.FEATURES.
    match_bias: float = -2.8721
    match_semantic: float = 2.0009
    match_lexical: float = 0.8508
    match_row_margin: float = 3.0278
    match_column_margin: float = 3.327
    match_lexical_row_margin: float = 1.4367
    match_lexical_column_margin: float = 1.3737
    match_threshold: float = 0.2  # match probability a one-to-one pair needs
    rematch_threshold: float = 0.35  # match probability a leftover pair needs among the leftovers
    split_threshold: float = 0.3  # match probability a second partner (split / merge) needs
    reverse_threshold: float = 0.1  # match probability a polarity flip needs to count as a reversal
    # Logistic model of "this aligned pair's substance moved" over substance.FEATURES.
    substance_threshold: float = 0.5  # probability of a moved substance above which a pair is 'changed'
    substance_bias: float = -2.1756
    substance_semantic: float = 0.0
    substance_lexical: float = 0.0
    substance_unmatched_old: float = 0.0
    substance_unmatched_new: float = 0.0
    substance_numbers: float = 3.9866
    substance_dates: float = 4.0653
    substance_modality: float = 3.8017
    substance_conditions: float = 0.9947
    substance_scope: float = 0.0
    substance_names_gone: float = 1.5205
    substance_names_added: float = 1.5205
    substance_party: float = 1.4621
    substance_longer: float = 0.0
    substance_parts_gone: float = 0.0
    substance_parts_added: float = 0.0
    substance_one_sided: float = 0.0
    substance_added: float = 1.6832

    def __post_init__(self):
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, Real):
                raise TypeError(f"setting {f.name} must be a number, not {type(value).__name__} {value!r}")
            if not math.isfinite(value):
                raise InputError(f"setting {f.name} must be a finite number, not {value}")
            if f.name.endswith("_threshold") and not 0.0 <= value <= NEVER:
                raise InputError(f"setting {f.name} is a probability from 0 to 1 ({NEVER}: never), not {value}")
            if not f.name.endswith("_threshold") and abs(value) > MAX_WEIGHT:
                raise InputError(
                    f"setting {f.name} is a model weight from -{MAX_WEIGHT:g} to {MAX_WEIGHT:g}, not {value}"
                )

    @property
    def weights(self) -> tuple[float, ...]:
        """Weights of score.FEATURES, in order."""
        return tuple(getattr(self, "match_" + name) for name in FEATURES)

    @property
    def substance_weights(self) -> tuple[float, ...]:
        """Weights of substance.FEATURES, in order."""
        return tuple(getattr(self, "substance_" + name) for name in SUBSTANCE_FEATURES)

    def with_substance_model(self, bias: float, weights: Sequence[float]) -> Settings:
        """These settings with another substance model (bias and substance.FEATURES weights)."""
        named = {"substance_" + n: w for n, w in zip(SUBSTANCE_FEATURES, weights, strict=True)}
        return replace(self, substance_bias=bias, **named)

    def with_match_model(self, bias: float, weights: Sequence[float]) -> Settings:
        """These settings with another match model (bias and score.FEATURES weights)."""
        return replace(self, match_bias=bias, **{"match_" + n: w for n, w in zip(FEATURES, weights, strict=True)})

    @classmethod
    def load(cls, path: str | Path) -> Settings:
        """Settings from a YAML file of ``name: value`` lines."""
        from ..positions.readers import parse_yaml, read_source
        from ..positions.validate import describe

        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"Settings.load() takes a file path (str or Path), not {type(path).__name__}")
        data = parse_yaml(read_source(path, "add 'name: value' lines to it"), str(path)) or {}
        if not isinstance(data, dict):
            raise InputError("settings are 'name: value' lines, e.g. match_threshold: 0.3", str(path))
        data = {k: v for k, v in data.items() if k not in RETIRED}  # thresholds of older tuned files
        known = {f.name for f in fields(cls)}
        extra = sorted(map(str, set(data) - known))
        if extra:
            raise InputError(f"unknown setting(s) {', '.join(extra)}; known: {', '.join(sorted(known))}", str(path))
        values = {}
        for name, value in data.items():
            try:
                values[name] = float(value) if isinstance(value, str) else value
            except ValueError:
                values[name] = value
            if isinstance(values[name], (list, dict)):
                raise InputError(f"setting {name} must be a number, not {describe(value)}", str(path))
        try:
            return cls(**values)
        except (TypeError, InputError) as exc:
            raise InputError(str(exc), str(path)) from None

    def to_dict(self) -> dict:
        return asdict(self)

    def to_yaml(self) -> str:
        """The settings as a file ``Settings.load`` (and ``--settings``) reads back."""
        return "".join(f"{name}: {round(value, 4)}\n" for name, value in self.to_dict().items())
