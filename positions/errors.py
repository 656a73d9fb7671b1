"""The one exception bad input raises: it names the file, the line and the fix."""

from __future__ import annotations


class InputError(ValueError):
    """Input a person must fix: ``file:line: what is wrong; how to fix it``."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        self.message = message
        self.path = path
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return where + self.message
