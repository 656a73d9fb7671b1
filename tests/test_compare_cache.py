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
from demanddiff.compare.cache import EmbeddingCache, text_key


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
    # every statement once (the rest are the stance words' vectors, ``reading.syntax.neighbour_pole``)
    keys = [text_key(t) for t in texts]
    marks = ",".join("?" * len(keys))
    assert db.execute(f"SELECT count(*) FROM embeddings WHERE key IN ({marks})", keys).fetchone() == (len(texts),)
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


# --- hardening (issue 13): rows checked on read, layout rebuilt, read-only cache read ----------

TEXTS = ["Tariffs on steel must be removed.", "Eastmark will accept arbitration.", "Patents get five more years."]


@pytest.mark.parametrize(
    "bad",
    [np.ones(7, dtype=np.float32), np.full(384, np.nan, dtype=np.float32), np.zeros(384, dtype=np.float32)],
    ids=["wrong length", "nan", "zero"],
)
def test_bad_cached_rows_are_dropped_and_embedded_again(engine, tmp_path, bad):
    from demanddiff.compare.embed import Embedder

    fresh = engine.embedder.encode(TEXTS)
    cache = EmbeddingCache(tmp_path / "e.sqlite3")
    cache.put(engine.embedder.identity, {TEXTS[0]: bad, TEXTS[1]: fresh[1]})
    embedder = Embedder(cache=cache)
    embedder._model = engine.embedder.model  # the loaded model, shared
    got = embedder.encode(TEXTS)
    assert got.shape == (3, 384) and np.allclose(got, fresh, atol=1e-6)
    again = EmbeddingCache(tmp_path / "e.sqlite3").get(engine.embedder.identity, TEXTS)
    assert np.allclose(again[TEXTS[0]], fresh[0], atol=1e-6)  # the bad row was replaced


def test_a_bad_cached_row_is_never_trusted_even_when_the_model_is_not_loaded(tmp_path):
    cache = EmbeddingCache(tmp_path / "e.sqlite3")
    good = np.ones(4, dtype=np.float32) / 2
    cache.put("m", {"a": good, "b": np.array([np.inf, 0, 0, 0], dtype=np.float32), "c": good[:3]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        found = cache.get("m", ["a", "b", "c"], dim=4)
    assert list(found) == ["a"]


def test_a_cache_table_of_another_layout_is_rebuilt_once(tmp_path):
    path = tmp_path / "e.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE embeddings (text TEXT, vec BLOB)")
    db.commit()
    db.close()
    cache = EmbeddingCache(path)
    with pytest.warns(UserWarning, match=r"had an unexpected layout; rebuilt it"):
        cache.put("m", {"a": np.ones(4, dtype=np.float32) / 2})
    assert list(cache.get("m", ["a"])) == ["a"]
    cols = [r[1] for r in sqlite3.connect(path).execute("PRAGMA table_info(embeddings)")]
    assert cols == ["model", "key", "vector"]


def test_a_read_only_cache_is_still_read(engine, tmp_path):
    """A warm cache the user may not write (shared, or on a read-only mount) still serves its vectors."""
    import os

    from test_hardening import without_root_powers

    root = tmp_path
    cache = root / "cache"
    old, new = write_gold_rounds(gold_cases()[0], root)
    env = {**os.environ, "DEMANDDIFF_CACHE_DIR": str(cache), "PYTHONDONTWRITEBYTECODE": "1"}
    cmd = [sys.executable, "-m", "demanddiff.cli", "compare", str(old), str(new), "--format", "json"]
    warm = subprocess.run(cmd, capture_output=True, text=True, env=env)
    assert warm.returncode == 0, warm.stderr
    for p in [cache, *cache.iterdir()]:
        p.chmod(0o555 if p.is_dir() else 0o444)
    ro = subprocess.run(without_root_powers(cmd), capture_output=True, text=True, env=env)
    assert ro.returncode == 0 and ro.stderr == "", ro.stderr  # read, not "working without it"
    assert json.loads(ro.stdout)["items"] == json.loads(warm.stdout)["items"]
