import io
import os
import subprocess
import sys

import numpy as np
import pytest

from demanddiff.compare.cache import EmbeddingCache
from demanddiff.compare.embed import DEFAULT_MODEL, Embedder, resolve_model
from demanddiff.compare.executor import LocalExecutor
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
    again = Embedder(cache=embedder.cache, executor=NoEmbedding())
    assert np.allclose(again.encode(TEXTS), fresh, atol=1e-6)  # nothing had to be embedded


class NoEmbedding(LocalExecutor):
    """An executor that fails any embedding: proves the cache answered."""

    def embed(self, model, texts, batch_size):
        raise AssertionError(f"embedded {texts}")


def test_corrupt_cache_is_reported_once_and_rebuilt(tmp_path, embedder):
    path = tmp_path / "e.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    cache = EmbeddingCache(path)
    embedder_with_bad_cache = Embedder(cache=cache)
    with pytest.warns(UserWarning, match="was unreadable .* rebuilt it"):
        vectors = embedder_with_bad_cache.encode(TEXTS[:1])
    assert np.allclose(vectors, embedder.encode(TEXTS[:1]), atol=1e-6)
    assert EmbeddingCache(path).get(embedder.identity, TEXTS[:1])  # the rebuilt cache holds it


def test_default_model_identity_names_the_bundled_package():
    location, identity = resolve_model(None)
    assert identity.startswith(f"{DEFAULT_MODEL}==")
    assert location.endswith("model")


def test_unknown_model_is_a_clear_input_error():
    with pytest.raises(InputError, match="neither a local folder nor in the Hugging Face cache"):
        Embedder("no-such-org/no-such-model", cache=False).encode(["x"])


class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize(("stderr", "shown"), [(Terminal, True), (io.StringIO, False)], ids=["terminal", "pipe"])
def test_progress_bar_on_stderr_only_for_a_terminal(embedder, monkeypatch, stderr, shown):
    texts = [f"Rents are frozen for {n} months." for n in range(300)]
    uncached = Embedder(cache=False)
    monkeypatch.setattr(sys, "stderr", stderr())
    vectors = uncached.encode(texts)
    assert vectors.shape == (300, 384)
    assert ("Batches" in sys.stderr.getvalue()) is shown


def test_model_loads_and_embeds_with_networking_disabled():
    code = (
        "import socket\n"
        "def refuse(*args, **kwargs):\n"
        "    raise OSError('network disabled by the test')\n"
        "socket.socket.connect = socket.socket.connect_ex = refuse\n"
        "socket.create_connection = socket.getaddrinfo = refuse\n"
        "from demanddiff.compare.embed import Embedder\n"
        "print(Embedder(cache=False).encode(['Ukraine must not join NATO.']).shape)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.endswith("_OFFLINE")}  # no help from the environment
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "(1, 384)"


def test_batches_planned_here_embed_bitwise_as_one_encode_call(embedder):
    texts = [f"{'The ministry ' * (n % 7)}must publish {n} reports." for n in range(150)]
    whole = embedder.model.encode(texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
    mine = LocalExecutor().embed(None, texts, 64)
    assert mine.identity == embedder.identity and mine.truncated == ()
    assert np.array_equal(mine.vectors, whole)  # the same batches, so the same padding, to the bit


def test_the_model_loads_once_per_process(embedder):
    from demanddiff.compare.embed import MODEL_LOADS

    Embedder(cache=False).encode(["Rents are frozen."])
    Embedder(cache=False).encode(["Rents are frozen for a year."])
    assert MODEL_LOADS[embedder.location] == 1
