import numpy as np
import pytest
import yaml

from conftest import gold_cases
from demanddiff import Position
from demanddiff.compare import engine as engine_module
from demanddiff.compare.align import assign, sparse_assign
from demanddiff.compare.blocking import K, candidate_pairs, nearest
from demanddiff.compare.score import lexical_scorer, lexical_scores, semantic_scorer, semantic_scores


def unit_vectors(rng, n, dim=16):
    v = rng.normal(size=(n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def dense_pairs(scores, threshold):
    """The dense path, the oracle: assignment on the full score matrix."""
    return sorted(assign(scores, threshold))


@pytest.mark.parametrize("seed", range(25))
def test_all_pairs_as_candidates_give_the_dense_assignment(seed):
    rng = np.random.default_rng(seed)
    n, m = rng.integers(1, 30, size=2)
    scores = rng.random((n, m))
    rows, cols = candidate_pairs(unit_vectors(rng, n), unit_vectors(rng, m), k=max(n, m))
    assert len(rows) == n * m
    assert sparse_assign(rows, cols, scores[rows, cols], (n, m), 0.4) == dense_pairs(scores, 0.4)


def test_sparse_candidates_still_give_a_valid_one_to_one_matching():
    rng = np.random.default_rng(3)
    old, new = unit_vectors(rng, 300), unit_vectors(rng, 200)
    rows, cols = candidate_pairs(old, new, k=3)
    assert len(rows) < 300 * 200 / 10
    scores = (old[rows] * new[cols]).sum(axis=1).clip(0, 1)
    pairs = sparse_assign(rows, cols, scores, (300, 200), 0.0)
    olds, news = [i for i, _ in pairs], [j for _, j in pairs]
    assert len(set(olds)) == len(olds) and len(set(news)) == len(news)
    assert set(pairs) <= set(zip(rows.tolist(), cols.tolist()))
    assert len(pairs) > 150  # most demands find a partner among their few candidates


def test_a_shuffled_copy_is_matched_back_from_few_candidates():
    rng = np.random.default_rng(5)
    old = unit_vectors(rng, 500, dim=32)
    order = rng.permutation(500)
    new = old[order]
    rows, cols = candidate_pairs(old, new, k=2)
    scores = semantic_scorer(old, new)(rows, cols)
    pairs = sparse_assign(rows, cols, scores, (500, 500), 0.5)
    assert pairs == sorted((int(order[j]), j) for j in range(500))


@pytest.mark.parametrize("chunk", [1, 7, 1024], ids=["one-row", "uneven", "one-chunk"])
def test_nearest_finds_the_top_k_whatever_the_chunk(chunk):
    rng = np.random.default_rng(1)
    a, b = unit_vectors(rng, 40), unit_vectors(rng, 25)
    rows, cols = nearest(a, b, 4, chunk=chunk)
    sims = a @ b.T
    for i in range(40):
        found = sorted(cols[rows == i].tolist())
        assert found == sorted(np.argsort(-sims[i])[:4].tolist())


def test_candidates_include_each_new_demands_nearest_old_ones():
    rng = np.random.default_rng(2)
    old, new = unit_vectors(rng, 50), unit_vectors(rng, 5)
    rows, cols = candidate_pairs(old, new, k=2)
    pairs = set(zip(rows.tolist(), cols.tolist()))
    sims = old @ new.T
    for j in range(5):
        assert {(int(i), j) for i in np.argsort(-sims[:, j])[:2]} <= pairs


def test_pair_scorers_equal_the_dense_scores():
    rng = np.random.default_rng(4)
    old, new = unit_vectors(rng, 6), unit_vectors(rng, 4)
    rows, cols = (x.ravel() for x in np.indices((6, 4)))
    pair = semantic_scorer(old, new)(rows, cols)
    assert np.allclose(pair, semantic_scores(old, new)[rows, cols], atol=1e-6)
    texts_a = ["Rents are frozen for two years.", "Mould is removed quickly.", "Tenants may keep pets."]
    texts_b = ["Rent is frozen for 2 years.", "Pests are treated within 14 days."]
    rows, cols = (x.ravel() for x in np.indices((3, 2)))
    assert np.allclose(lexical_scorer(texts_a, texts_b)(rows, cols), lexical_scores(texts_a, texts_b)[rows, cols])


def test_empty_sides_give_no_pairs():
    rng = np.random.default_rng(0)
    rows, cols = candidate_pairs(np.zeros((0, 16), dtype=np.float32), unit_vectors(rng, 3))
    assert len(rows) == len(cols) == 0
    assert sparse_assign(rows, cols, np.zeros(0), (0, 3), 0.5) == []


@pytest.mark.parametrize("case", gold_cases(), ids=lambda p: p.stem)
def test_engine_sparse_path_equals_dense_path_on_gold_cases(engine, monkeypatch, case):
    data = yaml.safe_load(case.read_text())
    old, new = (Position.from_texts([d["text"] for d in data[side]["demands"]]) for side in ("old", "new"))
    assert max(len(old), len(new)) <= K  # every pair is a candidate
    dense = engine.compare(old, new).to_dict()
    monkeypatch.setattr(engine_module, "SPARSE_ABOVE", 0)
    assert engine.compare(old, new).to_dict() == dense


# --- hardening (issue 13): ties never enlarge the candidate set --------------------------------


def test_ties_never_give_a_demand_more_than_k_candidates():
    rng = np.random.default_rng(7)
    same = unit_vectors(rng, 1)
    old, new = np.repeat(same, 400, axis=0), np.repeat(same, 300, axis=0)
    rows, cols = candidate_pairs(old, new, k=5)
    assert len(rows) <= 5 * (400 + 300)  # k of its own per demand, each way: never all 120,000 ties
    pairs = sparse_assign(rows, cols, np.ones(len(rows)), (400, 300), 0.5)
    assert len(pairs) == 300  # every copy still finds a partner among its few candidates


def test_nearest_keeps_exactly_k_with_ties():
    a = np.ones((3, 4), dtype=np.float32) / 2
    rows, cols = nearest(a, np.vstack([a, a, a]), 2)
    assert np.bincount(rows).tolist() == [2, 2, 2]


@pytest.mark.slow
def test_thousands_of_identical_demands_compare_quickly_in_bounded_memory(engine):
    import resource
    import time

    texts = ["Tariffs on steel must be removed."] * 20_000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    result = engine.compare(texts, texts)
    assert time.monotonic() - started < 60
    assert result.summary["persisted"] == 20_000
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 1500, grown_mb
