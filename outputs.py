"""Writing a command's output files safely: checked before any work, written all or none.

- An output that is the same file as an input (same path, symlink or hard link) is refused.
- The output's folder must exist and be writable; a folder (or a name ending in /) is not a file name.
- A regular file (or a new one) is written to a temporary file beside it and renamed onto it,
  so a reader never sees half a file; an existing file keeps its mode, a new one follows the umask.
- A symlink is followed: its target is replaced, the link stays.
- Devices and FIFOs (``/dev/null``, a named pipe) are written in place, never replaced.
- Every output of one command is staged first and put in place only when all of them were
  written; a failure leaves every target as it was.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .positions.errors import InputError

_current: list[Staging] = []


def _special(mode: int) -> bool:
    return stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISFIFO(mode)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def check_target(path: str, inputs: Iterable[str] = (), option: str = "-o") -> None:
    """Refuse, before any work, an output that cannot or must not be written."""
    if not path:
        raise InputError(f"{option} is empty; give a file name")
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        st = None
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}; choose another {option}", path) from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"is a folder; give a file name to {option}", path)
        for source in inputs:
            try:
                if os.path.samefile(source, path):
                    raise InputError(f"is an input of this command; write {option} to another file", path)
            except OSError:
                continue
        if stat.S_ISSOCK(st.st_mode):
            raise InputError(f"is a socket; give {option} a file", path)
        if _special(st.st_mode):
            return
    if path.endswith(("/", os.sep)):  # a folder not made yet: realpath would drop the slash and write a file
        raise InputError(f"names a folder (it ends in /); give {option} a file name", path)
    real = os.path.realpath(path)
    folder = os.path.dirname(real) or "."
    if not os.path.exists(folder):
        missing = os.path.dirname(path) or folder
        raise InputError(f"folder {missing} does not exist; create it first or choose another {option}", path)
    if not os.path.isdir(folder):
        shown = os.path.dirname(path) or folder
        raise InputError(f"{shown} is not a folder; choose another {option}", path)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(f"cannot write in folder {folder} (permission denied); choose another {option}", path)
    if st is not None and not os.access(real, os.W_OK):
        raise InputError(f"file is read-only; choose another {option}", path)


@dataclass
class Staging:
    """The outputs of one command: temporary files put in place together by ``commit``."""

    staged: list[tuple[str, str]] = field(default_factory=list)  # (target as given, temporary file)

    def path_for(self, target: str) -> str:
        """A temporary file to write ``target``'s contents to (same suffix); put in place on commit."""
        real = os.path.realpath(target)
        special = os.path.exists(real) and _special(os.stat(real).st_mode)
        folder = tempfile.gettempdir() if special else (os.path.dirname(real) or ".")
        fd, tmp = tempfile.mkstemp(prefix=f".{Path(real).name}.", suffix=Path(real).suffix, dir=folder)
        os.close(fd)
        self.staged.append((target, tmp))
        return tmp

    def write_text(self, target: str, text: str) -> None:
        tmp = self.path_for(target)
        try:
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
        except OSError as exc:
            raise InputError(f"cannot write: {exc.strerror}; free some space or choose another -o", target) from None

    def commit(self) -> None:
        for target, tmp in self.staged:
            try:
                _put(tmp, target)
            except OSError as exc:
                raise InputError(
                    f"cannot write: {exc.strerror}; free some space or choose another -o", target
                ) from None
        self.staged = []

    def discard(self) -> None:
        for _, tmp in self.staged:
            Path(tmp).unlink(missing_ok=True)
        self.staged = []


def _put(tmp: str, target: str) -> None:
    """Put a staged file in place: renamed onto a file (keeping its mode), copied into a device or FIFO."""
    real = os.path.realpath(target)
    try:
        st = os.stat(real)
    except FileNotFoundError:
        st = None
    if st is not None and _special(st.st_mode):
        try:
            with open(tmp, "rb") as src, open(real, "wb") as dst:
                shutil.copyfileobj(src, dst)
        finally:
            Path(tmp).unlink(missing_ok=True)
        return
    os.chmod(tmp, stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~_umask())
    os.replace(tmp, real)


@contextmanager
def staging():
    """Collect a command's outputs; write them all when it succeeds (or exits 1 for --fail-on), none otherwise."""
    stage = Staging()
    _current.append(stage)
    try:
        yield stage
    except SystemExit as exc:
        if exc.code in (None, 0, 1):
            stage.commit()
        raise
    except BaseException:
        stage.discard()
        raise
    else:
        stage.commit()
    finally:
        stage.discard()
        _current.remove(stage)


def current() -> Staging | None:
    return _current[-1] if _current else None
