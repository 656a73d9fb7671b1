import json
import sqlite3
import subprocess
import sys
import threading
import warnings

import numpy as np
import pytest

from conftest import gold_cases, write_gold_rounds
from demanddiff import load
from demanddiff.compare.cache import EmbeddingCache


@pytest.mark.slow
def test_four_processes_comparing_at_once_share_one_cache(engine, tmp_path):
    """Four cold runs write the same new cache concurrently: all finish, correct, cache intact."""
    cache = tmp_path / "cache"
    cases = []
    for case in gold_cases()[:4]:
        (tmp_path / case.stem).mkdir()
        cases.append(write_gold_rounds(case, tmp_path / case.stem))
    env_code = "import os; os.environ['DEMANDDIFF_CACHE_DIR'] = {!r}; from demanddiff.cli import main; main()"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", env_code.format(str(cache)), "compare", str(old), str(new), "--format", "json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for old, new in cases
    ]
    outputs = [p.communicate(timeout=300) for p in procs]
    texts = set()
    for (old, new), proc, (stdout, stderr) in zip(cases, procs, outputs):
        assert proc.returncode == 0 and stderr == "", stderr
        expected = engine.compare(load(old), load(new)).to_dict()
        got = json.loads(stdout)
        assert [(i["status"], i["old"], i["new"]) for i in got["items"]] == [
            (i["status"], i["old"], i["new"]) for i in expected["items"]
        ]
        assert [i["score"] for i in got["items"]] == pytest.approx([i["score"] for i in expected["items"]], abs=2e-3)
        texts |= {s.text for s in load(old).statements + load(new).statements}
    db = sqlite3.connect(cache / "embeddings.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute("SELECT count(*) FROM embeddings").fetchone() == (len(texts),)
    assert len(EmbeddingCache(cache / "embeddings.sqlite3").get(engine.embedder.identity, sorted(texts))) == len(texts)


def test_writers_creating_a_new_cache_at_the_same_instant_all_use_it(tmp_path):
    """Eight writers open a new cache file together, fifty times: none is refused ("database is locked")."""
    refused = []

    def write(path, n, start):
        start.wait()
        cache = EmbeddingCache(path)
        texts = {f"Demand {n}.{k}": np.full(384, n, dtype=np.float32) for k in range(20)}
        cache.put("m", texts)
        if len(cache.get("m", list(texts))) != len(texts):
            refused.append(n)
        cache.close()

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for trial in range(50):
            path, start = tmp_path / str(trial) / "e.sqlite3", threading.Barrier(8)
            threads = [threading.Thread(target=write, args=(path, n, start)) for n in range(8)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
    assert refused == [] and [str(w.message) for w in caught] == []


def test_damage_found_while_reading_is_reported_once_and_rebuilt(tmp_path):
    path = tmp_path / "e.sqlite3"
    texts = [f"Rents are frozen for {n} months." for n in range(3000)]
    vectors = {t: np.full(384, n, dtype=np.float32) for n, t in enumerate(texts)}
    cache = EmbeddingCache(path)
    cache.put("m", vectors)
    cache.close()
    data = bytearray(path.read_bytes())
    middle = len(data) // 2 // 4096 * 4096
    data[middle : middle + 3 * 4096] = b"\x07" * (3 * 4096)  # the first page (schema) survives
    path.write_bytes(bytes(data))
    damaged = EmbeddingCache(path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert damaged.get("m", texts) == {}  # nothing trusted from a damaged file
        damaged.put("m", vectors)
        again = damaged.get("m", texts)
    assert [str(w.message) for w in caught] == [
        f"embedding cache {path} was unreadable (database disk image is malformed); rebuilt it"
    ]
    assert len(again) == 3000 and np.array_equal(again[texts[7]], vectors[texts[7]])
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone() == ("ok",)
