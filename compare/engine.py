"""The comparison pipeline: embed, score, align, classify, explain."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields, replace

import numpy as np

from ..positions.decisions import Decisions
from ..positions.model import Position, Statement
from .align import rematch, sparse_assign, splits_and_merges
from .blocking import SPARSE_ABOVE, candidate_pairs, top_k
from .classify import classify
from .confidence import verdict_confidence
from .embed import Embedder
from .executor import Executor, LocalExecutor
from .explain import redline
from .reading.syntax import prefetch as prefetch_parses
from .result import Comparison, Item
from .score import PairScores, lexical_scorer, lexical_scores, pair_probability, semantic_scorer, semantic_scores
from .settings import Settings

PositionLike = Position | Iterable[str]


def as_position(value: PositionLike) -> Position:
    """A Position as is; a list of strings as a Position with ids 1, 2, ...; checked either way."""
    from ..positions.validate import checked_position

    return checked_position(value)


class Engine:
    """Keeps the model (and cache) loaded for programs that compare many times.

    ``executor`` says where embedding, nearest-neighbour search and whole comparisons run:
    in this process (``LocalExecutor``, the default) or on a Dask cluster
    (``compare.distributed.DaskEngine``); the results are the same to the bit.
    """

    def __init__(
        self,
        model: str | None = None,
        cache: bool = True,
        settings: Settings | None = None,
        executor: Executor | None = None,
    ):
        check_engine_args(model, cache, settings)
        self.executor = executor or LocalExecutor()
        self.embedder = Embedder(model, cache=cache, executor=self.executor)
        self.settings = settings or Settings()

    def compare(
        self, old: PositionLike, new: PositionLike, decisions: Decisions | None = None, **overrides: float
    ) -> Comparison:
        """Compare two positions demand by demand; ``overrides`` replace settings.

        With ``decisions`` (an analyst's, ``positions.decisions``) the decided links and statuses
        are kept as decided and the engine aligns only the rest (``compare.decided``).
        """
        if decisions is not None and not isinstance(decisions, Decisions):
            raise TypeError(f"decisions must be Decisions (read_decisions(path)), not {type(decisions).__name__}")
        unknown = sorted(set(overrides) - {f.name for f in fields(Settings)})
        if unknown:
            known = ", ".join(sorted(f.name for f in fields(Settings)))
            raise TypeError(f"unknown setting(s) {', '.join(unknown)}; known: {known}")
        settings = replace(self.settings, **overrides) if overrides else self.settings
        old_p, new_p = as_position(old), as_position(new)
        if decisions is not None:
            from .decided import link_decided

            return link_decided(old_p, new_p, self.pair_scores(old_p, new_p), settings, decisions)
        return link(old_p, new_p, self.pair_scores(old_p, new_p), settings)

    def pair_scores(self, old: Position, new: Position) -> PairScores:
        """Semantic and lexical scores of the candidate pairs, in canonical statement order.

        Every pair is a candidate up to ``SPARSE_ABOVE`` pairs; beyond, each demand's
        nearest neighbours only, so no old x new matrix is ever built.
        """
        a, b = canonical(old), canonical(new)
        return score_pairs(a, b, self.embedder.encode([s.text for s in a + b]), self.executor.nearest)

    def compare_all(self, pairs: Iterable[tuple[PositionLike, PositionLike]]) -> Iterator[Comparison]:
        """``compare(old, new)`` of every pair, in order, streaming; on a cluster, many at once.

        The executor's ``map`` runs whole comparisons (``run_job``) on its workers, each
        with the vectors this process read from the cache. Anything ``compare`` does after
        ``link`` must be done to these comparisons too.
        """
        if isinstance(self.executor, LocalExecutor):
            return (self.compare(old, new) for old, new in pairs)
        return self.executor.map(run_job, self._jobs(pairs))

    def _jobs(self, pairs: Iterable[tuple[PositionLike, PositionLike]]) -> Iterator[Job]:
        for old, new in pairs:
            old_p, new_p = as_position(old), as_position(new)
            texts = [s.text for s in canonical(old_p) + canonical(new_p)]
            yield Job(old_p, new_p, self.embedder.encode(texts), self.settings)


@dataclass(frozen=True)
class Job:
    """One comparison as a worker gets it: the positions, their vectors (canonical order) and settings."""

    old: Position
    new: Position
    vectors: np.ndarray
    settings: Settings


def run_job(job: Job) -> Comparison:
    """``Engine.compare`` of one job, with no model and no cache: what a cluster worker runs."""
    a, b = canonical(job.old), canonical(job.new)
    return link(job.old, job.new, score_pairs(a, b, job.vectors, top_k), job.settings)


def score_pairs(a: tuple[Statement, ...], b: tuple[Statement, ...], vectors: np.ndarray, search) -> PairScores:
    """Pair scores of canonical statements ``a`` and ``b`` from their vectors (``a`` rows first)."""
    va, vb = vectors[: len(a)], vectors[len(a) :]
    if len(a) * len(b) > SPARSE_ABOVE:
        rows, cols = candidate_pairs(va, vb, search=search)
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


def link(old: Position, new: Position, scores: PairScores, settings: Settings) -> Comparison:
    """Align, classify and explain: the decisions on top of precomputed pair scores."""
    a, b = scores.old, scores.new
    prob = pair_probability(scores, settings.match_bias, settings.weights)
    pairs = sparse_assign(scores.rows, scores.cols, prob, (len(a), len(b)), settings.match_threshold)
    pairs += rematch(scores, prob, pairs, settings.match_bias, settings.weights, settings.rematch_threshold)
    extra = splits_and_merges(scores.rows, scores.cols, prob, pairs, settings.split_threshold)
    relation = {(i, j): r for i, j, r in extra}
    for i, j, r in extra:  # the one-to-one partner of a split or merge is part of it too
        partner = next(p for p in pairs if (p[0] == i if r == "split" else p[1] == j))
        relation.setdefault(partner, r)
    linked = [*pairs, *((i, j) for i, j, _ in extra)]
    at = dict(zip(zip(scores.rows.tolist(), scores.cols.tolist()), range(len(scores.rows))))
    aliases = dict(old.aliases) | dict(new.aliases) or None
    # One batch of parses, for the sure matches whose stance sites differ (``classify`` reads no other).
    sure = [(i, j) for i, j in linked if prob[at[(i, j)]] >= settings.reverse_threshold]
    prefetch_parses((a[i].text, b[j].text) for i, j in sure)
    items = []
    for i, j in linked:
        k = at[(i, j)]
        status, changes = classify(
            a[i].text, b[j].text, float(scores.semantic[k]), float(prob[k]), settings, aliases=aliases
        )
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
                confidence=verdict_confidence(
                    status, changes, float(prob[k]), float(scores.semantic[k]), a[i].text, b[j].text
                ),
            )
        )
    linked_old = {i for i, _ in linked}
    linked_new = {j for _, j in linked}
    # Alone is right as sure as its likeliest counterpart is not one.
    best_old, best_new = np.zeros(len(a)), np.zeros(len(b))
    np.maximum.at(best_old, scores.rows, prob)
    np.maximum.at(best_new, scores.cols, prob)
    items += [
        Item("dropped", s, None, confidence=float(1 - best_old[i])) for i, s in enumerate(a) if i not in linked_old
    ]
    items += [Item("new", None, s, confidence=float(1 - best_new[j])) for j, s in enumerate(b) if j not in linked_new]
    items.sort(key=Item.sort_key)
    _warn_unread(old, a)
    _warn_unread(new, b)
    return Comparison(old, new, tuple(items), settings.to_dict())


def _warn_unread(position: Position, statements: tuple[Statement, ...]) -> None:
    """One warning per position whose demands are not in English: the rules read English only."""
    import warnings

    from .reading.record import read

    unread = [s.id for s in statements if not read(s.text).english]
    if unread:
        where = position.source or position.party or "input"
        warnings.warn(
            f"{where}: {len(unread)} demand(s) not in English (id {', '.join(unread[:3])}); "
            "the verdict rules read English, so their verdicts are marked doubtful",
            UserWarning,
            stacklevel=2,
        )


_engines: dict[tuple, Engine] = {}


def check_engine_args(model: object, cache: object, settings: object) -> None:
    """TypeErrors at the call for an Engine's arguments of the wrong kind (not deep in the model's loader)."""
    import os

    from .cache import EmbeddingCache

    if model is not None and not isinstance(model, (str, os.PathLike)):
        raise TypeError(f"model must be a name or a folder (str or Path), not {type(model).__name__}")
    if not isinstance(cache, (bool, EmbeddingCache)) and cache is not None:
        raise TypeError(f"cache must be true or false (or an EmbeddingCache), not {type(cache).__name__}")
    if settings is not None and not isinstance(settings, Settings):
        raise TypeError(f"settings must be a Settings (Settings.load(path)), not {type(settings).__name__}")


def compare(
    old: PositionLike,
    new: PositionLike,
    *,
    model: str | None = None,
    cache: bool = True,
    settings: Settings | None = None,
    decisions: Decisions | None = None,
    **overrides: float,
) -> Comparison:
    """Compare two positions (or two lists of demand texts) with a shared Engine."""
    return shared(model, cache, settings).compare(old, new, decisions, **overrides)


def shared(model: str | None = None, cache: bool = True, settings: Settings | None = None) -> Engine:
    """One Engine per (model, cache, settings), kept for the life of the process: the model loads once."""
    check_engine_args(model, cache, settings)
    key = (model, cache, settings)
    if key not in _engines:
        _engines[key] = Engine(model, cache=cache, settings=settings)
    return _engines[key]
