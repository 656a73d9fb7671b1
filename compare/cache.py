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


def default_cache_dir() -> Path:
    """``$DEMANDDIFF_CACHE_DIR``, else the user cache directory."""
    if os.environ.get("DEMANDDIFF_CACHE_DIR"):
        return Path(os.environ["DEMANDDIFF_CACHE_DIR"])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("demanddiff"))


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    """Vectors by (model identity, text); missing entries simply are not returned."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else default_cache_dir() / "embeddings.sqlite3"
        self._db: sqlite3.Connection | None = None
        self._unusable = False

    def _connect(self) -> sqlite3.Connection | None:
        """The open database; None when the cache cannot be used at all."""
        for _ in range(2):  # a corrupt file is deleted by the first failure and created afresh
            if self._db is not None or self._unusable:
                break
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._db = self._open()
            except (OSError, sqlite3.Error) as exc:
                self._recover(exc)
        return self._db

    def _recover(self, exc: OSError | sqlite3.Error) -> None:
        """After a failure, warn once: delete a corrupt file (rebuilt on next use), or give up on the cache."""
        self.close()
        if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError):
            warnings.warn(f"embedding cache {self.path} was unreadable ({exc}); rebuilt it", stacklevel=4)
            for suffix in ("", "-wal", "-shm"):
                Path(str(self.path) + suffix).unlink(missing_ok=True)
        else:  # cannot be opened or locked too long (a directory, no permission): deleting would not help
            self._unusable = True
            warnings.warn(f"embedding cache {self.path} cannot be used ({exc}); working without it", stacklevel=4)

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
                db.execute("SELECT count(*) FROM embeddings WHERE rowid = 1").fetchone()
                return db
            except sqlite3.OperationalError as exc:
                db.close()
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(pause)
                pause = min(pause * 2, 0.2)

    def get(self, model: str, texts: list[str]) -> dict[str, np.ndarray]:
        """Cached vectors for those of ``texts`` that have one."""
        db = self._connect()
        keys = {text_key(t): t for t in texts}
        found: dict[str, np.ndarray] = {}
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
                    found[keys[key]] = np.frombuffer(blob, dtype=np.float32)
        except sqlite3.Error as exc:
            self._recover(exc)
            return {}
        return found

    def put(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        db = self._connect()
        if db is None:
            return
        rows = [(model, text_key(t), np.asarray(v, dtype=np.float32).tobytes()) for t, v in vectors.items()]
        try:
            with db:
                db.executemany("INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?)", rows)
        except sqlite3.Error as exc:
            self._recover(exc)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
