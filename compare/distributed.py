"""The engine on a Dask cluster: ``pip install 'demanddiff[dask]'``.

>>> from dask.distributed import Client  # doctest: +SKIP
>>> engine = DaskEngine(Client("tcp://scheduler:8786"))  # doctest: +SKIP
>>> demanddiff.timeline("corpus.csv", party="SPD", engine=engine)  # doctest: +SKIP

What runs on the workers: the embedding of the texts the cache lacks (the batches are
planned here, one ``encode()`` per batch, one model per worker process), the top-k
candidate search over blocks of rows (the other side sent to every worker once) and whole
comparisons (``Engine.compare_all``: corpora and timelines). Only this process opens the
embedding cache. Every result is the same to the bit as ``LocalExecutor``'s, as long as the
workers run the same demanddiff, model and libraries on the same kind of CPU.

dask is imported only here, and this module only when the Dask engine is chosen.
"""

from __future__ import annotations

import logging
import math
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np

from ..positions.errors import InputError
from . import blocking
from .engine import Engine
from .executor import Embedded, assemble, plan_batches
from .settings import Settings

CONNECT_TIMEOUT = "10s"  # how long to wait for a scheduler at --address
EXTRA = "the Dask engine needs the dask extra: pip install 'demanddiff[dask]'"


def _distributed():
    try:
        import distributed
    except ImportError:
        raise InputError(EXTRA) from None
    return distributed


class DaskExecutor:
    """Embedding, candidate search and comparisons on the workers of a ``dask.distributed.Client``."""

    def __init__(self, client, window: int | None = None):
        self.client = client
        self._window = window

    @property
    def slots(self) -> int:
        """Tasks the cluster runs at once (its worker threads; at least 1)."""
        return max(1, sum(self.client.nthreads().values()))

    def embed(self, model: str | None, texts: Sequence[str], batch_size: int) -> Embedded:
        from .embed import encode_batch

        batches = plan_batches(texts, batch_size)
        futures = self.client.map(
            encode_batch, [model] * len(batches), [[texts[i] for i in b] for b in batches], pure=False
        )
        return assemble(len(texts), batches, (f.result() for f in futures))

    def nearest(self, a: np.ndarray, b: np.ndarray, k: int) -> np.ndarray:
        if len(a) <= blocking.CHUNK:  # one matrix product: not worth a round trip
            return blocking.top_k(a, b, k)
        chunks = math.ceil(len(a) / blocking.CHUNK)
        rows = blocking.CHUNK * math.ceil(chunks / (2 * self.slots))  # whole chunks, two blocks a slot
        other = self.client.scatter(b, broadcast=True, hash=False)
        blocks = self.client.scatter([a[s : s + rows] for s in range(0, len(a), rows)], hash=False)
        futures = [self.client.submit(blocking.top_k, x, other, k, pure=False) for x in blocks]
        return np.concatenate([f.result() for f in futures])

    def map(self, fn: Callable[[Any], Any], jobs: Iterable[Any]) -> Iterator[Any]:
        """``fn`` of each job on the workers, results in order, a bounded number in flight."""
        window = self._window or 2 * self.slots
        flight: deque = deque()
        for job in jobs:
            (data,) = self.client.scatter([job], hash=False)  # large jobs go straight to a worker
            flight.append(self.client.submit(fn, data, pure=False))
            if len(flight) >= window:
                yield flight.popleft().result()
        while flight:
            yield flight.popleft().result()

    def __repr__(self) -> str:
        return f"DaskExecutor({self.client.scheduler.address})"


class DaskEngine(Engine):
    """An ``Engine`` whose heavy work runs on the cluster behind ``client``."""

    def __init__(self, client, model: str | None = None, cache: bool = True, settings: Settings | None = None):
        super().__init__(model, cache=cache, settings=settings, executor=DaskExecutor(client))


@contextmanager
def cluster(address: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """A Client of the scheduler at ``address``, or of a new LocalCluster of ``workers`` processes.

    The local workers have one thread each (torch, MKL and OpenBLAS one thread too: Dask
    sets ``OMP_NUM_THREADS=1``), and keep glibc's own memory trimming: Dask's default
    ``MALLOC_TRIM_THRESHOLD_=65536`` slows torch by about 30%. A missing extra or a
    scheduler that does not answer is an InputError.
    """
    distributed = _distributed()
    import dask

    if address:
        try:
            client = distributed.Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise InputError(
                f"cannot reach the Dask scheduler at {address} ({reason}); "
                "start one with `dask scheduler` or fix --address"
            ) from None
        try:
            yield client
        finally:
            client.close()
        return
    with dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}):
        local = distributed.LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # any free port: never clashes with another cluster
            silence_logs=logging.ERROR,
        )
    try:
        client = distributed.Client(local, set_as_default=False)
        try:
            yield client
        finally:
            client.close()
    finally:
        local.close()


def model_loads(client) -> dict[str, int]:
    """How many times each worker loaded a model: ``{worker address: loads}``."""
    return client.run(_loads)


def _loads() -> int:
    from .embed import MODEL_LOADS

    return sum(MODEL_LOADS.values())
