"""Where the engine's heavy work runs: in this process (``LocalExecutor``, the default) or on a
cluster (``compare.distributed.DaskExecutor``).

An executor does three things, and every one of them returns exactly what the local code
returns, bit for bit, wherever it runs:

- ``embed(model, texts, batch_size)``: vectors of texts the cache lacks. The batches are
  planned here, on the driver (``plan_batches``, the order sentence-transformers itself
  uses), and each one is a single ``encode()`` call (``embed.encode_batch``), so which texts
  share a batch, and so their padding, never depends on where a batch runs.
- ``nearest(a, b, k)``: each row of ``a``'s k nearest rows of ``b``, best first
  (``blocking.top_k``), over blocks of rows that are whole multiples of ``blocking.CHUNK``,
  so every matrix product is the one the local code computes.
- ``map(fn, jobs)``: ``fn`` over ``jobs``, results in the order of ``jobs``, streaming.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, NamedTuple, Protocol

import numpy as np

from . import blocking


class Embedded(NamedTuple):
    """Vectors of one batch (or of all batches, reassembled), with what the model said about them."""

    vectors: np.ndarray  # float32, one L2-normalised row per text
    identity: str  # the model identity the vectors were made with (the cache key)
    limit: int | None = None  # the model's input length in tokens
    truncated: tuple[str, ...] = ()  # texts longer than that: only their start was embedded


class Executor(Protocol):
    def embed(self, model: str | None, texts: Sequence[str], batch_size: int) -> Embedded: ...

    def nearest(self, a: np.ndarray, b: np.ndarray, k: int) -> np.ndarray: ...

    def map(self, fn: Callable[[Any], Any], jobs: Iterable[Any]) -> Iterator[Any]: ...


def plan_batches(texts: Sequence[str], batch_size: int) -> list[np.ndarray]:
    """Indexes of ``texts`` per batch: longest first, as ``SentenceTransformer.encode`` orders them."""
    order = np.argsort([-len(t) for t in texts])
    return [order[start : start + batch_size] for start in range(0, len(order), batch_size)]


PROGRESS_ABOVE = 256  # texts from which a progress bar is shown (on a terminal only)


def assemble(count: int, batches: Sequence[np.ndarray], results: Iterable[Embedded]) -> Embedded:
    """The batches' vectors back in the order of the texts (a progress bar on a terminal for many)."""
    if count > PROGRESS_ABOVE and sys.stderr.isatty():
        from tqdm import tqdm

        results = tqdm(results, desc="Batches", total=len(batches), file=sys.stderr)
    vectors: np.ndarray | None = None
    identity, limit, truncated = "", None, list[str]()
    for index, result in zip(batches, results, strict=True):
        if vectors is None:
            vectors = np.empty((count, result.vectors.shape[1]), dtype=np.float32)
            identity = result.identity
        elif result.identity != identity:
            from ..positions.errors import InputError

            raise InputError(
                f"workers embed with different models ({identity} and {result.identity}); "
                "install the same demanddiff and model on every worker"
            )
        vectors[index] = result.vectors
        limit = result.limit
        truncated += result.truncated
    if vectors is None:
        vectors = np.zeros((0, 0), dtype=np.float32)
    return Embedded(vectors, identity, limit, tuple(truncated))


class LocalExecutor:
    """Everything in this process, one step after another: the engine's default."""

    def embed(self, model: str | None, texts: Sequence[str], batch_size: int) -> Embedded:
        from .embed import encode_batch

        batches = plan_batches(texts, batch_size)
        return assemble(len(texts), batches, (encode_batch(model, [texts[i] for i in b]) for b in batches))

    def nearest(self, a: np.ndarray, b: np.ndarray, k: int) -> np.ndarray:
        return blocking.top_k(a, b, k)

    def map(self, fn: Callable[[Any], Any], jobs: Iterable[Any]) -> Iterator[Any]:
        return map(fn, jobs)

    def __repr__(self) -> str:
        return "LocalExecutor()"
