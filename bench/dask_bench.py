"""The Dask engine on a synthetic corpus: 1, 2, ... workers against one process, as JSON.

    python bench/dask_bench.py                                 # 100,000 statements in 500 rounds
    python bench/dask_bench.py --statements 10000 --rounds 50  # what 2 busy cores finish in minutes
    python bench/dask_bench.py --workers 1,2,4,8               # where cores allow

Each run starts with an empty embedding cache, so every text is embedded: first the whole
corpus (``Embedder.prepare``: embedding throughput), then every consecutive pair of rounds
is compared (``Engine.compare_all``) and written as JSON Lines (corpus wall time covers
both). Workers have one thread each (Dask sets OMP_NUM_THREADS=MKL_NUM_THREADS=
OPENBLAS_NUM_THREADS=1; torch follows), and MALLOC_TRIM_THRESHOLD_ is left unset. The
local run is one process with torch's default threads (one per core). Every run's output
is checked byte for byte against the first one's. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from synthetic import write_corpus  # noqa: E402

MANIFESTO = 1_800_000  # statements in the Manifesto Project corpus, for the projection


def log(message: str) -> None:
    print(f"[dask-bench] {message}", file=sys.stderr, flush=True)


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run(corpus: Path, folder: Path, workers: int | None) -> dict:
    """One corpus run with a fresh cache: locally (workers None) or on a LocalCluster."""
    import demanddiff
    from demanddiff.compare.cache import EmbeddingCache
    from demanddiff.compare.corpus import json_lines

    name = "local" if workers is None else f"dask-{workers}"
    cache = EmbeddingCache(folder / f"{name}.sqlite3")
    data = demanddiff.load(corpus)
    texts = [s.text for p in data for s in p.statements]
    out = folder / f"{name}.jsonl"
    figures: dict = {"engine": name, "workers": workers}
    started = time.perf_counter()
    if workers is None:
        import torch

        figures["torch_threads"] = torch.get_num_threads()
        engine = demanddiff.Engine(cache=cache)
        t = time.perf_counter()
        engine.embedder.model  # noqa: B018 - loaded before the clock starts, as on the workers
        figures["model_load_s"] = round(time.perf_counter() - t, 2)
        _corpus(engine, texts, corpus, out, figures, json_lines, started)
        figures["peak_rss_mb_driver"] = peak_rss_mb()
    else:
        from demanddiff.compare.distributed import DaskEngine, cluster, model_loads

        with cluster(workers=workers) as client:
            figures["cluster_start_s"] = round(time.perf_counter() - started, 2)
            t = time.perf_counter()
            client.run(_load_model)  # every worker loads it before the clock starts
            figures["model_load_s"] = round(time.perf_counter() - t, 2)
            figures["torch_threads"] = sorted(set(client.run(lambda: __import__("torch").get_num_threads()).values()))
            _corpus(DaskEngine(client, cache=cache), texts, corpus, out, figures, json_lines, started)
            figures["model_loads_per_worker"] = sorted(model_loads(client).values())
            figures["peak_rss_mb_per_worker"] = sorted(client.run(peak_rss_mb).values())
    figures["output_sha256"] = hashlib.sha256(out.read_bytes()).hexdigest()
    log(json.dumps(figures))
    return figures


def _load_model() -> None:
    from demanddiff.compare.embed import load_model, resolve_model

    load_model(resolve_model(None)[0], "default")


def _corpus(engine, texts, corpus, out, figures, json_lines, started) -> None:
    import demanddiff

    started = time.perf_counter()  # the corpus's wall time: embedding and comparing, model loaded
    t = time.perf_counter()
    embedded = engine.embedder.prepare(texts)
    embed_s = time.perf_counter() - t
    figures.update(texts_embedded=embedded, embed_s=round(embed_s, 2), embed_per_s=round(embedded / embed_s, 1))
    t = time.perf_counter()
    items = 0
    with open(out, "w", encoding="utf-8") as fh:
        for line in json_lines(demanddiff.corpus(corpus, engine=engine)):
            fh.write(line)
            items += 1
    figures.update(items=items, compare_s=round(time.perf_counter() - t, 2))
    figures["corpus_wall_s"] = round(time.perf_counter() - started, 2)


def project(runs: list[dict], statements: int, unique: int) -> dict:
    """1.8 M statements on 16 and 64 cores, from the measured one-worker (one-core) rates.

    Embedding scales with the share of unique texts; comparing with the number of statements.
    Efficiency is the measured speed-up of the largest run per worker (1.0 would be perfect).
    """
    one = next(r for r in runs if r["workers"] == 1)
    most = max((r for r in runs if r["workers"]), key=lambda r: r["workers"])
    efficiency = one["corpus_wall_s"] / most["corpus_wall_s"] / most["workers"] if most["workers"] > 1 else 1.0
    embed_per_core = one["embed_per_s"]
    compare_per_core = statements / one["compare_s"]  # statements compared per second on one core
    texts = MANIFESTO * unique / statements
    out = {
        "statements": MANIFESTO,
        "unique_texts_assumed": round(texts),
        "per_core_embed_per_s": embed_per_core,
        "per_core_compare_statements_per_s": round(compare_per_core, 1),
        "efficiency_measured": round(min(efficiency, 1.0), 2),
    }
    for cores in (16, 64):
        for name, eff in (("measured_efficiency", min(efficiency, 1.0)), ("perfect_scaling", 1.0)):
            embed_s = texts / (embed_per_core * cores * eff)
            compare_s = MANIFESTO / (compare_per_core * cores * eff)
            out.setdefault(f"cores_{cores}", {})[name] = {
                "embed_min": round(embed_s / 60, 1),
                "total_min": round((embed_s + compare_s) / 60, 1),
            }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=500)
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    parser.add_argument("--no-local", action="store_true", help="skip the one-process run")
    args = parser.parse_args()
    workers = [int(w) for w in args.workers.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus.csv"
        rows = write_corpus(corpus, args.statements, args.rounds)
        import demanddiff

        unique = len({s.text for p in demanddiff.load(corpus) for s in p.statements})
        log(f"{rows} statements ({unique} distinct texts) in {args.rounds} rounds")
        runs = [] if args.no_local else [run(corpus, folder, None)]
        runs += [run(corpus, folder, w) for w in workers]
    same = len({r["output_sha256"] for r in runs}) == 1
    base = next(r for r in runs if r["workers"] == 1) if 1 in workers else None
    for r in runs:
        if base and r["workers"]:
            r["speedup_vs_1_worker"] = round(base["corpus_wall_s"] / r["corpus_wall_s"], 2)
            r["speedup_per_worker"] = round(r["speedup_vs_1_worker"] / r["workers"], 2)
    report = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "corpus": {"statements": rows, "distinct_texts": unique, "rounds": args.rounds},
        "runs": runs,
        "outputs_byte_identical": same,
    }
    if base:
        report["projection"] = project(runs, rows, unique)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
