"""On-disk embedding cache: SQLite keyed by model identity and text hash.

Unchanged statements are never embedded twice. A corrupt cache is reported
once and rebuilt; concurrent processes share it safely (WAL, busy timeout).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
import warnings
from pathlib import Path

import numpy as np

BUSY_TIMEOUT = 60  # seconds a process waits for another one writing the cache
SCHEMA = "CREATE TABLE IF NOT EXISTS embeddings (model TEXT, key TEXT, vector BLOB, PRIMARY KEY (model, key))"
COLUMNS = ["model", "key", "vector"]


def default_cache_dir() -> Path:
    """``$DEMANDDIFF_CACHE_DIR``, else the user cache directory."""
    if os.environ.get("DEMANDDIFF_CACHE_DIR"):
        return Path(os.environ["DEMANDDIFF_CACHE_DIR"])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("demanddiff"))


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class EmbeddingCache:
    """Vectors by (model identity, text); missing entries simply are not returned."""

    KIND = "embedding cache"  # what the warnings call it

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else default_cache_dir() / "embeddings.sqlite3"
        self._db: sqlite3.Connection | None = None
        self._unusable = False
        self._rebuilt = False  # a table of another layout is rebuilt once, never again
        self.read_only = False  # a cache this user may read but not write: vectors are read, none added

    def _connect(self) -> sqlite3.Connection | None:
        """The open database; None when the cache cannot be used at all."""
        for _ in range(2):  # a corrupt file is deleted by the first failure and created afresh
            if self._db is not None or self._unusable:
                break
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._db = self._open()
            except (OSError, sqlite3.Error) as exc:
                self._db = self._open_read_only()
                if self._db is None:
                    self._recover(exc)
        return self._db

    def _open_read_only(self) -> sqlite3.Connection | None:
        """A cache that exists but may not be written (a shared or read-only folder): read it as it is."""
        if not self.path.is_file() or os.access(self.path, os.W_OK) and os.access(self.path.parent, os.W_OK):
            return None
        from urllib.parse import quote

        for mode in ("mode=ro", "immutable=1"):  # immutable: a WAL file whose folder forbids the -shm file
            try:
                db = sqlite3.connect(f"file:{quote(str(self.path))}?{mode}", uri=True, timeout=BUSY_TIMEOUT)
                db.execute("SELECT model, key, vector FROM embeddings LIMIT 1").fetchall()
            except sqlite3.Error:
                continue
            self.read_only = True
            return db
        return None

    def _recover(self, exc: OSError | sqlite3.Error) -> None:
        """After a failure, warn once: delete a corrupt file (rebuilt on next use), or give up on the cache."""
        self.close()
        if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError):
            warnings.warn(f"{self.KIND} {self.path} was unreadable ({exc}); rebuilt it", stacklevel=4)
            for suffix in ("", "-wal", "-shm"):
                Path(str(self.path) + suffix).unlink(missing_ok=True)
        else:  # cannot be opened or locked too long (a directory, no permission): deleting would not help
            self._unusable = True
            warnings.warn(f"{self.KIND} {self.path} cannot be used ({exc}); working without it", stacklevel=4)

    def _open(self) -> sqlite3.Connection:
        """Connect, switch to WAL and create the table, retrying while another process does the same.

        SQLite answers "locked" at once, without waiting on the busy timeout, when two
        processes convert a new file to WAL together; so the retry is ours.
        """
        deadline = time.monotonic() + BUSY_TIMEOUT
        pause = 0.005
        while True:
            db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT)
            try:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute(SCHEMA)
                self._check_layout(db)
                db.execute("SELECT count(*) FROM embeddings WHERE rowid = 1").fetchone()
                return db
            except sqlite3.OperationalError as exc:
                db.close()
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(pause)
                pause = min(pause * 2, 0.2)

    def _check_layout(self, db: sqlite3.Connection) -> None:
        """A table of other columns (another program's, an old version's) is dropped and made afresh, once."""
        columns = [row[1] for row in db.execute("PRAGMA table_info(embeddings)")]
        if columns == COLUMNS:
            return
        if self._rebuilt:
            raise sqlite3.OperationalError(f"table embeddings has columns {columns} after a rebuild")
        self._rebuilt = True
        warnings.warn(f"{self.KIND} {self.path} had an unexpected layout; rebuilt it", stacklevel=6)
        with db:
            db.execute("DROP TABLE embeddings")
            db.execute(SCHEMA)

    def get(self, model: str, texts: list[str], dim: int | None = None) -> dict[str, np.ndarray]:
        """Cached vectors for those of ``texts`` that have a sound one: ``dim`` long (when given), finite.

        A row that is not (a torn write, another model's, damage) is left out, so it is embedded again.
        """
        found: dict[str, np.ndarray] = {}
        for text, blob in self.rows(model, texts).items():
            if not isinstance(blob, bytes) or len(blob) % 4 or not blob:
                continue
            vector = np.frombuffer(blob, dtype=np.float32)
            if (dim is None or len(vector) == dim) and np.isfinite(vector).all():
                found[text] = vector
        return found

    def put(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        self.store(model, {t: np.asarray(v, dtype=np.float32).tobytes() for t, v in vectors.items()})

    def rows(self, model: str, texts: list[str]) -> dict[str, object]:
        """The stored value of each of ``texts`` that has a row under ``model`` (unchecked)."""
        db = self._connect()
        keys = {text_key(t): t for t in texts}
        found: dict[str, object] = {}
        if db is None:
            return found
        items = list(keys)
        try:
            for start in range(0, len(items), 500):
                chunk = items[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = db.execute(
                    f"SELECT key, vector FROM embeddings WHERE model = ? AND key IN ({marks})", [model, *chunk]
                )
                for key, blob in rows:
                    found[keys[key]] = blob
        except sqlite3.Error as exc:
            self._recover(exc)
            return {}
        return found

    def store(self, model: str, values: dict[str, object]) -> None:
        """Write one value per text under ``model`` (nothing when the cache is read-only or unusable)."""
        db = self._connect()
        if db is None or self.read_only:
            return
        rows = [(model, text_key(t), value) for t, value in values.items()]
        try:
            with db:
                db.executemany("INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?)", rows)
        except sqlite3.Error as exc:
            self._recover(exc)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
