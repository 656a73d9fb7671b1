"""One validation path for every reader and for library calls: the same fault, the same message.

Readers (YAML, JSON, CSV, text and Markdown) turn a file into plain values; every value
that becomes an id, a text or a piece of metadata goes through these checks.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from .errors import InputError

MAX_DEPTH = 20  # levels of nesting a position file may use (a dataset of demands with sources needs 7)
MAX_DIGITS = 100  # digits a number may have (Python refuses to parse over 4,300; nothing needs 100)

# Terminal escape sequences (CSI, OSC, other ESC sequences, the 8-bit CSI) and lone control characters.
ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]")
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")  # embedding, override and isolate controls
SURROGATE = re.compile(r"[\ud800-\udfff]")
# Zero-width characters a web page leaves inside words ("re\u200bmoved", "with\u00addraw"): soft hyphen,
# zero-width space, word joiner, invisible operators, zero-width no-break space; a joiner or non-joiner
# too, next to ASCII (between letters of other scripts it spells the word, or builds an emoji).
# Direction marks (left-to-right, right-to-left, Arabic letter mark) go too: inside a number ("2\u200e000")
# they split it in two; so do the other direction controls between two digits.
ZERO_WIDTH = re.compile(
    "[\u00ad\u180e\u200b\u200e\u200f\u061c\u2060-\u2064\ufeff]|(?<=[\x00-\x7f])[\u200c\u200d]"
    "|[\u200c\u200d](?=[\x00-\x7f])|(?<=[0-9])[\u202a-\u202e\u2066-\u2069]+(?=[0-9])"
)
# Where a line ends: \n, \r\n or \r only. str.splitlines also ends one at a form feed, vertical tab,
# U+2028, U+2029, U+0085 and \x1c-\x1e, which a pasted text holds inside a demand; those are spaces.
LINE_BREAK = re.compile(r"\r\n|\r|\n")
LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")  # a line and its break
SPACES = re.compile(r"[\t\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def describe(value: Any) -> str:
    """A value's kind, as an error message names it: ``a list``, ``true``, ``1.5``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, (set, frozenset)):
        return "a set"
    if value is None:
        return "empty"
    return type(value).__name__


def text_lines(text: str, keepends: bool = False) -> list[str]:
    """``text``'s lines, ended by \\n, \\r\\n or \\r only (see ``LINE_BREAK``), as ``str.splitlines`` gives them."""
    if keepends:
        return LINE.findall(text)
    parts = LINE_BREAK.split(text)
    return parts[:-1] if parts[-1] == "" else parts


def strip_controls(text: str, keep_newlines: bool = False) -> str:
    """``text`` without terminal escape sequences and control characters (tabs, form feeds and other
    breaks inside a line become spaces)."""
    text = SPACES.sub(" ", ESCAPES.sub("", text))
    if keep_newlines:
        return CONTROLS.sub("", text.replace("\r", ""))
    return CONTROLS.sub("", re.sub(r"[\n\r]", " ", text))


def clean(text: str, path: str | None = None, line: int | None = None) -> str:
    """Text as a demand or label keeps it: control and zero-width characters dropped, whitespace collapsed."""
    no_surrogates(text, path, line)
    return " ".join(ZERO_WIDTH.sub("", strip_controls(text)).split())


def no_surrogates(text: str, path: str | None = None, line: int | None = None) -> None:
    """An InputError for a lone surrogate (``"\\ud800"`` in JSON): no text can be written with one."""
    bad = SURROGATE.search(text)
    if bad:
        raise InputError(
            f"text holds a lone surrogate (U+{ord(bad.group()):04X}); fix the escape or save the file as UTF-8",
            path,
            line,
        )


def visible(text: str) -> bool:
    """Whether ``text`` shows anything: not only spaces, zero-width and direction marks."""
    return any(not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf", "Zs", "Zl", "Zp") for ch in text)


def scalar(value: Any, what: str, path: str | None = None, line: int | None = None) -> str:
    """A field that must be one string or integer (an id, party, round, tag), as clean text."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InputError(
            f"{what} must be a string or an integer, not {describe(value)}; write one value, in quotes if it is text",
            path,
            line,
        )
    return clean(str(value), path, line)


def demand_text(value: Any, path: str | None = None, line: int | None = None) -> str:
    """A demand's text, clean; an InputError when it is not text or shows nothing."""
    if not isinstance(value, str):
        raise InputError(
            f"a demand's text must be a string, not {describe(value)}; write the demand as one text", path, line
        )
    text = clean(value, path, line)
    if not visible(text):
        raise InputError("demand text is empty; write the demand or remove the item", path, line)
    return text


def number(digits: str, path: str | None = None, line: int | None = None) -> int:
    """An integer literal of at most MAX_DIGITS digits."""
    if len(digits.lstrip("+-").replace("_", "")) > MAX_DIGITS:
        raise InputError(f"number has more than {MAX_DIGITS} digits; write it in quotes if it is an id", path, line)
    return int(digits)


def too_deep(path: str | None = None, line: int | None = None) -> InputError:
    return InputError(
        f"data nested more than {MAX_DEPTH} levels deep; a position file needs a few levels only", path, line
    )


def check_depth(data: Any, path: str | None = None) -> None:
    """Refuse lists and mappings nested more than MAX_DEPTH levels (walked without recursion)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, (list, dict)):
            if depth > MAX_DEPTH:
                raise too_deep(path)
            stack.extend((v, depth + 1) for v in (value.values() if isinstance(value, dict) else value))


def checked_position(value: Any):
    """What ``compare()`` takes (a Position, or a list of demand texts) as a checked Position.

    The same checks, with the same messages, as a file's demands get: TypeError for a value of
    the wrong kind, InputError for an empty or invisible text, a lone surrogate or a repeated id.
    """
    from .model import Position, check_ids

    if isinstance(value, str):
        raise TypeError("compare() takes Positions or lists of demand texts, not a single string")
    if not isinstance(value, Position):
        if isinstance(value, (dict, set, frozenset, bytes)) or not hasattr(value, "__iter__"):
            raise TypeError(f"compare() takes Positions or lists of demand texts, not {type(value).__name__}")
        texts = list(value)
        for i, text in enumerate(texts, 1):
            if not isinstance(text, str):
                raise TypeError(f"demand {i} must be a text (str), not {type(text).__name__}")
        value = Position.from_texts(texts)
    for s in value.statements:
        demand_text(s.text)
        if not s.id.strip():
            raise InputError("demand id is empty; give it an id or leave the field out")
    check_ids(value.statements, None)
    return value
