"""The comparison pipeline: embed, score, align, classify, explain."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

import numpy as np

from ..positions.errors import InputError
from ..positions.model import Position, Statement
from .align import assign
from .candidates import SPARSE_ABOVE, align_sparse, centred, lexical_scorer, semantic_scorer
from .classify import classify
from .embed import Embedder
from .explain import redline
from .result import Comparison, Item
from .score import combined_scores, lexical_scores, semantic_scores

PositionLike = Position | Iterable[str]


@dataclass(frozen=True)
class Settings:
    """Scoring weights and thresholds (tunable; defaults fitted on the shipped gold cases)."""

    centre: float = 0.0  # how much of the mean embedding to remove before cosine (0 = plain cosine)
    semantic_weight: float = 0.6  # share of the semantic score in the combined score
    match_threshold: float = 0.5  # combined score an aligned pair needs
    persist_threshold: float = 0.6  # below this semantic score, a pair with no other change is 'changed'
    reverse_threshold: float = 0.6  # a polarity flip is a reversal only with this much word overlap

    @classmethod
    def load(cls, path: str | Path) -> Settings:
        """Settings from a YAML file of ``name: value`` lines."""
        import yaml

        from ..positions.readers import read_source

        try:
            data = yaml.safe_load(read_source(path)) or {}
        except yaml.YAMLError as exc:
            raise InputError(f"invalid YAML: {exc}", str(path)) from None
        known = {f.name for f in fields(cls)}
        if not isinstance(data, dict) or set(data) - known:
            extra = sorted(set(data) - known) if isinstance(data, dict) else []
            raise InputError(f"unknown setting(s) {', '.join(extra)}; known: {', '.join(sorted(known))}", str(path))
        try:
            return cls(**{k: float(v) for k, v in data.items()})
        except (TypeError, ValueError):
            raise InputError("settings must be numbers", str(path)) from None

    def to_dict(self) -> dict:
        return asdict(self)


def as_position(value: PositionLike) -> Position:
    """A Position as is; a list of strings as a Position with ids 1, 2, ..."""
    if isinstance(value, Position):
        return value
    if isinstance(value, str):
        raise TypeError("compare() takes Positions or lists of demand texts, not a single string")
    return Position.from_texts(value)


class Engine:
    """Keeps the model (and cache) loaded for programs that compare many times."""

    def __init__(self, model: str | None = None, cache: bool = True, settings: Settings | None = None):
        self.embedder = Embedder(model, cache=cache)
        self.settings = settings or Settings()

    def compare(self, old: PositionLike, new: PositionLike, **overrides: float) -> Comparison:
        """Compare two positions demand by demand; ``overrides`` replace settings."""
        settings = replace(self.settings, **overrides) if overrides else self.settings
        old_p, new_p = as_position(old), as_position(new)
        # Canonical order: the result must not depend on how statements were listed.
        a = sorted(old_p.statements, key=lambda s: (s.text, s.id))
        b = sorted(new_p.statements, key=lambda s: (s.text, s.id))
        vectors = self.embedder.encode([s.text for s in a + b])
        if len(a) * len(b) > SPARSE_ABOVE:
            pairs, score, sem, lex = self._align_sparse(a, b, vectors, settings)
        else:
            sem = semantic_scores(vectors[: len(a)], vectors[len(a) :], settings.centre)
            lex = lexical_scores([s.text for s in a], [s.text for s in b])
            score = combined_scores(sem, lex, settings.semantic_weight)
            pairs = assign(score, settings.match_threshold)
        items = [self._pair_item(a[i], b[j], score[i, j], sem[i, j], lex[i, j], settings) for i, j in pairs]
        pairs = [p for p, item in zip(pairs, items) if item is not None]
        items = [item for item in items if item is not None]
        matched_old = {i for i, _ in pairs}
        matched_new = {j for _, j in pairs}
        items += [Item("dropped", s, None) for i, s in enumerate(a) if i not in matched_old]
        items += [Item("new", None, s) for j, s in enumerate(b) if j not in matched_new]
        items.sort(key=Item.sort_key)
        return Comparison(old_p, new_p, tuple(items), settings.to_dict())

    @staticmethod
    def _align_sparse(a: list[Statement], b: list[Statement], vectors: np.ndarray, settings: Settings) -> tuple:
        """Large inputs: align on top-k semantic candidates; scores of the pairs keyed by (i, j)."""
        old_v, new_v = centred(vectors[: len(a)], vectors[len(a) :], settings.centre)
        sem_of = semantic_scorer(old_v, new_v)
        lex_of = lexical_scorer([s.text for s in a], [s.text for s in b])

        def score_of(rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
            return combined_scores(sem_of(rows, cols), lex_of(rows, cols), settings.semantic_weight)

        pairs = align_sparse(old_v, new_v, score_of, settings.match_threshold)
        rows, cols = np.array([i for i, _ in pairs], dtype=int), np.array([j for _, j in pairs], dtype=int)
        sem, lex, score = sem_of(rows, cols), lex_of(rows, cols), score_of(rows, cols)
        return pairs, dict(zip(pairs, score)), dict(zip(pairs, sem)), dict(zip(pairs, lex))

    @staticmethod
    def _pair_item(
        old: Statement, new: Statement, score: float, sem: float, lex: float, settings: Settings
    ) -> Item | None:
        status, changes = classify(old.text, new.text, float(sem), settings.persist_threshold)
        if status == "reversed" and lex < settings.reverse_threshold:
            return None  # opposite polarity, few shared words: two different demands, not one flipped
        return Item(
            status, old, new, float(score), float(sem), float(lex), tuple(changes), None, redline(old.text, new.text)
        )


_engines: dict[tuple, Engine] = {}


def compare(
    old: PositionLike,
    new: PositionLike,
    *,
    model: str | None = None,
    cache: bool = True,
    settings: Settings | None = None,
    **overrides: float,
) -> Comparison:
    """Compare two positions (or two lists of demand texts) with a shared Engine."""
    key = (model, cache, settings)
    if key not in _engines:
        _engines[key] = Engine(model, cache=cache, settings=settings)
    return _engines[key].compare(old, new, **overrides)
