"""The Dask engine: the same bits as the local engine, on a real two-worker LocalCluster."""

from __future__ import annotations

import json
import os
import socket
import sys

import numpy as np
import pytest

import demanddiff
from conftest import ROOT
from demanddiff.cli import cli
from demanddiff.compare import blocking
from demanddiff.compare.cache import EmbeddingCache
from demanddiff.compare.corpus import json_lines
from demanddiff.compare.distributed import DaskEngine, DaskExecutor, cluster, model_loads
from demanddiff.positions import InputError

sys.path.insert(0, str(ROOT / "bench"))
from synthetic import write_corpus  # noqa: E402

STATEMENTS, ROUNDS, PARTIES = 2000, 10, 2  # 8 comparisons of 200 x 200 demands


@pytest.fixture(scope="session")
def dask_client():
    """Two worker processes, one thread each, glibc's memory trimming left alone."""
    with cluster(workers=2) as client:
        yield client


@pytest.fixture(scope="session")
def corpus_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "corpus.csv"
    write_corpus(path, STATEMENTS, ROUNDS, PARTIES)
    return path


@pytest.fixture(scope="session")
def engines(dask_client, tmp_path_factory):
    """A local and a Dask engine, each with its own empty cache, so each embeds every text itself."""
    folder = tmp_path_factory.mktemp("caches")
    local = demanddiff.Engine(cache=EmbeddingCache(folder / "local.sqlite3"))
    remote = DaskEngine(dask_client, cache=EmbeddingCache(folder / "dask.sqlite3"))
    return local, remote


@pytest.fixture(scope="session")
def corpus_runs(engines, corpus_file):
    """The corpus's JSON Lines from each engine (the Dask one embeds on the workers)."""
    return tuple("".join(json_lines(demanddiff.corpus(corpus_file, engine=e))) for e in engines)


@pytest.mark.slow
def test_corpus_json_is_byte_identical_to_the_local_engine(corpus_runs):
    local, remote = corpus_runs
    records = [json.loads(line) for line in local.splitlines()]
    assert len({(r["party"], r["from"]) for r in records}) == ROUNDS - PARTIES  # every consecutive pair
    assert {r["status"] for r in records} == set(demanddiff.STATUSES)
    assert remote == local


@pytest.mark.slow
def test_embeddings_on_the_workers_are_bitwise_those_of_one_process(engines, corpus_runs, corpus_file):
    texts = sorted({s.text for p in demanddiff.load(corpus_file) for s in p.statements})
    local, remote = engines
    mine = local.embedder.cache.get(local.embedder.identity, texts)
    theirs = remote.embedder.cache.get(remote.embedder.identity, texts)
    assert len(mine) == len(theirs) == len(texts) > 1000
    assert all(np.array_equal(mine[t], theirs[t]) for t in texts)


@pytest.mark.slow
def test_each_worker_loads_the_model_once_with_one_thread_and_no_malloc_trim(dask_client, corpus_runs):
    loads = model_loads(dask_client)
    assert len(loads) == 2 and set(loads.values()) == {1}
    environ = dask_client.run(lambda: os.environ.get("MALLOC_TRIM_THRESHOLD_"))
    assert set(environ.values()) == {None}
    threads = dask_client.run(lambda: __import__("torch").get_num_threads())
    assert set(threads.values()) == {1}


def unit(rng, n, dim=64):
    v = rng.normal(size=(n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


@pytest.mark.slow
def test_blocked_top_k_on_the_workers_finds_the_same_candidates(dask_client):
    rng = np.random.default_rng(3)
    old, new = unit(rng, 5000), unit(rng, 3000)
    new[7] = new[8]  # a tie: both copies are candidates, in the same order
    executor = DaskExecutor(dask_client)
    for a, b in ((old, new), (new, old)):
        found = executor.nearest(a, b, 20)
        assert found.shape == (len(a), 20) and np.array_equal(found, blocking.top_k(a, b, 20))
    pairs = blocking.candidate_pairs(old, new, search=executor.nearest)
    expected = blocking.candidate_pairs(old, new)
    assert len(pairs[0]) >= 5000 * 20 and all(np.array_equal(x, y) for x, y in zip(pairs, expected))


@pytest.mark.slow
def test_a_large_comparison_on_the_cluster_is_byte_identical(engines, corpus_runs, corpus_file):
    data = demanddiff.load(corpus_file)
    sides = [
        demanddiff.Position(tuple(s for p in data.rounds(party) for s in p.statements), party=party)
        for party in ("Party 1", "Party 2")
    ]  # 1000 x 1000 demands: top-k candidates, not every pair
    assert len(sides[0]) * len(sides[1]) > blocking.SPARSE_ABOVE
    local, remote = (json.dumps(e.compare(*sides).to_dict()) for e in engines)
    assert remote == local


@pytest.mark.slow
def test_timeline_on_the_cluster_is_byte_identical(engines, corpus_runs, corpus_file):
    local, remote = (demanddiff.render(demanddiff.timeline(corpus_file, "Party 2", engine=e), "json") for e in engines)
    assert json.loads(local)["summary"]["rounds"] == ROUNDS // PARTIES
    assert remote == local


@pytest.mark.slow
def test_cli_compare_on_a_local_cluster_prints_the_same_bytes(runner, corpus_file):
    args = ["compare", str(corpus_file), "--party", "Party 1", "--from", "1990-01-01", "--to", "1990-05-03"]
    local = runner.invoke(cli, [*args, "--format", "json", "--no-cache"])
    remote = runner.invoke(cli, [*args, "--format", "json", "--no-cache", "--engine", "dask", "--workers", "2"])
    assert local.exit_code == remote.exit_code == 0, remote.output
    assert json.loads(local.stdout)["summary"]["persisted"] > 25
    assert remote.stdout == local.stdout


@pytest.mark.slow
def test_cli_corpus_on_a_running_scheduler_writes_the_same(runner, dask_client, corpus_file, corpus_runs, tmp_path):
    out = tmp_path / "out.jsonl"
    address = dask_client.scheduler.address
    result = runner.invoke(cli, ["corpus", str(corpus_file), "--engine", "dask", "--address", address, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == f"{len(corpus_runs[0].splitlines())} item(s) written to {out}\n"
    assert out.read_text(encoding="utf-8") == corpus_runs[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_scheduler_is_one_line_and_exit_2(runner, monkeypatch, tmp_path):
    monkeypatch.setattr("demanddiff.compare.distributed.CONNECT_TIMEOUT", "1s")
    address = f"tcp://127.0.0.1:{free_port()}"
    out = tmp_path / "out.jsonl"
    result = runner.invoke(cli, ["corpus", "x.csv", "--engine", "dask", "--address", address, "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: cannot reach the Dask scheduler at {address} (")
    assert result.stderr.endswith("start one with `dask scheduler` or fix --address\n")
    assert len(result.stderr.splitlines()) == 1 and not out.exists()
    with pytest.raises(InputError, match="cannot reach the Dask scheduler"), cluster(address):
        pass


def test_missing_dask_extra_is_one_line_and_exit_2(runner, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # what `import distributed` sees without the extra
    result = runner.invoke(cli, ["compare", "a.yaml", "b.yaml", "--engine", "dask", "--workers", "2"])
    assert result.exit_code == 2
    assert result.stderr == "Error: the Dask engine needs the dask extra: pip install 'demanddiff[dask]'\n"


@pytest.mark.parametrize(
    ("extra", "message"),
    [(["--workers", "2"], "--address and --workers need --engine dask"),
     (["--engine", "dask", "--workers", "2", "--address", "tcp://h:8786"], "not both")],
    ids=["workers-without-dask", "both"],
)  # fmt: skip
def test_cluster_options_are_checked_before_anything_starts(runner, extra, message):
    result = runner.invoke(cli, ["timeline", "x.yaml", *extra])
    assert result.exit_code == 2 and message in result.stderr
