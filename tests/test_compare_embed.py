import numpy as np
import pytest

from demanddiff.compare.cache import EmbeddingCache
from demanddiff.compare.embed import DEFAULT_MODEL, Embedder, resolve_model
from demanddiff.positions import InputError

TEXTS = ["Ukraine must not join NATO.", "A ceasefire must last 30 days.", "Ukraine must not join NATO."]


@pytest.fixture(scope="module")
def embedder(tmp_path_factory):
    return Embedder(cache=EmbeddingCache(tmp_path_factory.mktemp("emb") / "e.sqlite3"))


def test_vectors_are_normalised_and_repeats_embedded_once(embedder):
    vectors = embedder.encode(TEXTS)
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(vectors[0], vectors[2])


def test_cached_vectors_equal_fresh_ones_and_skip_the_model(embedder):
    fresh = embedder.encode(TEXTS)
    again = Embedder(cache=embedder.cache)
    assert np.allclose(again.encode(TEXTS), fresh, atol=1e-6)
    assert again._model is None  # nothing had to be embedded


def test_corrupt_cache_is_reported_once_and_rebuilt(tmp_path, embedder):
    path = tmp_path / "e.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    cache = EmbeddingCache(path)
    embedder_with_bad_cache = Embedder(cache=cache)
    embedder_with_bad_cache._model = embedder.model
    with pytest.warns(UserWarning, match="was unreadable .* rebuilt it"):
        vectors = embedder_with_bad_cache.encode(TEXTS[:1])
    assert np.allclose(vectors, embedder.encode(TEXTS[:1]), atol=1e-6)
    assert EmbeddingCache(path).get(embedder.identity, TEXTS[:1])  # the rebuilt cache holds it


def test_default_model_identity_names_the_bundled_package():
    location, identity = resolve_model(None)
    assert identity.startswith(f"{DEFAULT_MODEL}==")
    assert location.endswith("model")


def test_unknown_model_is_a_clear_input_error():
    with pytest.raises(InputError, match="cannot load model"):
        Embedder("no-such-org/no-such-model", cache=False).encode(["x"])
