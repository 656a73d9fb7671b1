"""The comparison pipeline: embed, score, align, classify, explain."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

import numpy as np

from ..positions.errors import InputError
from ..positions.model import Position, Statement
from .align import splits_and_merges
from .candidates import SPARSE_ABOVE, candidate_pairs, lexical_scorer, semantic_scorer, sparse_assign
from .classify import classify
from .embed import Embedder
from .explain import redline
from .result import Comparison, Item
from .score import FEATURES, PairScores, lexical_scores, match_probability, pair_features, semantic_scores

PositionLike = Position | Iterable[str]


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
    persist_threshold: float = 0.55  # semantic score below which a pair with no other difference is 'changed'
    detail_threshold: float = 0.3  # below this, a differing name or scope word makes the pair 'changed'
    reverse_threshold: float = 0.3  # match probability a polarity flip needs to count as a reversal

    @property
    def weights(self) -> tuple[float, ...]:
        """Weights of score.FEATURES, in order."""
        return tuple(getattr(self, "match_" + name) for name in FEATURES)

    def with_match_model(self, bias: float, weights: Sequence[float]) -> Settings:
        """These settings with another match model (bias and score.FEATURES weights)."""
        return replace(self, match_bias=bias, **{"match_" + n: w for n, w in zip(FEATURES, weights, strict=True)})

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

    def to_yaml(self) -> str:
        """The settings as a file ``Settings.load`` (and ``--settings``) reads back."""
        return "".join(f"{name}: {round(value, 4)}\n" for name, value in self.to_dict().items())


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
        return link(old_p, new_p, self.pair_scores(old_p, new_p), settings)

    def pair_scores(self, old: Position, new: Position) -> PairScores:
        """Semantic and lexical scores of the candidate pairs, in canonical statement order.

        Every pair is a candidate up to ``SPARSE_ABOVE`` pairs; beyond, each demand's
        nearest neighbours only, so no old x new matrix is ever built.
        """
        a, b = canonical(old), canonical(new)
        vectors = self.embedder.encode([s.text for s in a + b])
        va, vb = vectors[: len(a)], vectors[len(a) :]
        if len(a) * len(b) > SPARSE_ABOVE:
            rows, cols = candidate_pairs(va, vb)
            sem = semantic_scorer(va, vb)(rows, cols)
            lex = lexical_scorer([s.text for s in a], [s.text for s in b])(rows, cols)
        else:
            rows, cols = (x.ravel() for x in np.indices((len(a), len(b))))
            sem = semantic_scores(va, vb).ravel()
            lex = lexical_scores([s.text for s in a], [s.text for s in b]).ravel()
        return PairScores(a, b, rows, cols, sem, lex)


def canonical(position: Position) -> tuple[Statement, ...]:
    """Statements sorted by text: the result must not depend on how they were listed."""
    return tuple(sorted(position.statements, key=lambda s: (s.text, s.id)))


def _second_pass(scores: PairScores, prob: np.ndarray, pairs: list, settings: Settings) -> list[tuple[int, int]]:
    """Pairs among the statements left over, judged against each other only.

    A demand whose closest rival was claimed by a surer pair looks doubtful next to
    that rival; among the leftovers it may be the clear counterpart. ``prob`` is
    updated in place with the leftovers' own probabilities.
    """
    paired_old = np.zeros(len(scores.old), dtype=bool)
    paired_new = np.zeros(len(scores.new), dtype=bool)
    for i, j in pairs:
        paired_old[i] = paired_new[j] = True
    left = np.flatnonzero(~paired_old[scores.rows] & ~paired_new[scores.cols])
    if len(left) == 0:
        return []
    rows, cols = scores.rows[left], scores.cols[left]
    features = pair_features(rows, cols, scores.semantic[left], scores.lexical[left])
    sub = match_probability(features, settings.match_bias, settings.weights)
    found = sparse_assign(rows, cols, sub, (len(scores.old), len(scores.new)), settings.rematch_threshold)
    where = dict(zip(zip(rows.tolist(), cols.tolist()), range(len(left))))
    for pair in found:
        prob[left[where[pair]]] = sub[where[pair]]
    return found


def link(old: Position, new: Position, scores: PairScores, settings: Settings) -> Comparison:
    """Align, classify and explain: the decisions on top of precomputed pair scores."""
    a, b = scores.old, scores.new
    prob = match_probability(scores.features, settings.match_bias, settings.weights)
    pairs = sparse_assign(scores.rows, scores.cols, prob, (len(a), len(b)), settings.match_threshold)
    pairs += _second_pass(scores, prob, pairs, settings)
    extra = splits_and_merges(scores.rows, scores.cols, prob, pairs, settings.split_threshold)
    relation = {(i, j): r for i, j, r in extra}
    for i, j, r in extra:  # the one-to-one partner of a split or merge is part of it too
        partner = next(p for p in pairs if (p[0] == i if r == "split" else p[1] == j))
        relation.setdefault(partner, r)
    linked = [*pairs, *((i, j) for i, j, _ in extra)]
    at = dict(zip(zip(scores.rows.tolist(), scores.cols.tolist()), range(len(scores.rows))))
    items = []
    for i, j in linked:
        k = at[(i, j)]
        status, changes = classify(a[i].text, b[j].text, float(scores.semantic[k]), float(prob[k]), settings)
        items.append(
            Item(
                status,
                a[i],
                b[j],
                float(prob[k]),
                float(scores.semantic[k]),
                float(scores.lexical[k]),
                tuple(changes),
                relation.get((i, j)),
                redline(a[i].text, b[j].text),
            )
        )
    linked_old = {i for i, _ in linked}
    linked_new = {j for _, j in linked}
    items += [Item("dropped", s, None) for i, s in enumerate(a) if i not in linked_old]
    items += [Item("new", None, s) for j, s in enumerate(b) if j not in linked_new]
    items.sort(key=Item.sort_key)
    return Comparison(old, new, tuple(items), settings.to_dict())


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
