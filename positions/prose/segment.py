"""Split prose into sentences that keep their character offsets into the original text.

Lines are blocks (titles, paragraphs, list items); hard-wrapped lines that run on are
joined. Inside a block, pysbd (rule-based, no model) finds sentence ends, so
abbreviations (U.S., Mr., Gen.), initials, dates and quotes do not cut a sentence.

A block longer than any paragraph (``LONG_BLOCK``: a text saved without line breaks) is read a
window at a time and cut at pysbd's own sentence ends into blocks of about a window each: pysbd's
time grows with the square of the sentences it is given (a 2 MB line took over ten minutes). Where
no sentence ends in twice ``LONG_BLOCK`` characters, the rest of the block is one sentence, too long
for any reader (``extract`` refuses one of over 20,000), and pysbd is not asked about it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..validate import text_lines

_MARKER = re.compile(
    # "OP1", "PP3": a UN draft's operative and preambular paragraph labels (after an excerpt's "…")
    r"^\s*(?:(?P<heading>#{1,6}\s+)|(?P<bullet>[-*+•·–]\s+)|(?P<number>(?:…\s*)?(?:\(?\d{1,3}(?:[.)]|\s?-(?=\s))|[OP]P\d{1,3}\b)\s+)"
    r"|(?P<roman>\(?(?:[IVX]{1,5}|[ivx]{1,5})[.)]\s+)|(?P<letter>\(?[a-z][.)]\s+))"
)
_ENDS = tuple('.!?:;"”’)')
_RUN_ON = re.compile(r"(?:,|-|\b(?:and|or|of|the|a|an|to|in|on|for|with|by|that|from|as))$")
LONG_BLOCK = 20_000  # characters: no paragraph is this long (the longest in tests/extract is 1,581)
_WINDOW = 2_000  # what pysbd reads at a time of a longer block (some hundred sentences at most)
_TAIL = 40  # how much of a block's end tells whether the next line runs on (_ENDS, _RUN_ON)


@dataclass(frozen=True)
class Sentence:
    """A sentence, its place in the text (``text[start:end]``) and its block (paragraph) number."""

    text: str
    start: int
    end: int
    block: int
    marker: str = ""  # the block's list marker: "bullet", "number", "roman", "letter", "heading" or ""
    first: bool = True  # the first sentence of its block


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) of each block: a line, list item or heading, or hard-wrapped lines joined."""
    return [(a, b) for a, b, _ in marked_blocks(text)]


def marked_blocks(text: str) -> list[tuple[int, int, str]]:
    """(start, end, marker) of each block; marker is the kind of list marker it opens with, or ""."""
    spans: list[tuple[int, int, str]] = []
    pos = 0
    for line in text_lines(text, keepends=True):  # a form feed or U+2028 does not end a block
        start, end = pos, pos + len(line.rstrip("\r\n"))
        pos += len(line)
        body = text[start:end]
        marker = _MARKER.match(body)
        kind = next((k for k, v in marker.groupdict().items() if v), "") if marker else ""
        if marker:
            start += marker.end()
        body = text[start:end].strip()
        if not body:
            continue
        start += text[start:end].index(body)
        end = start + len(body)
        if spans and not marker and _runs_on(text[max(spans[-1][0], spans[-1][1] - _TAIL) : spans[-1][1]], body):
            spans[-1] = (spans[-1][0], end, spans[-1][2])
        else:
            spans.append((start, end, kind))
    return spans


def _runs_on(previous: str, line: str) -> bool:
    """A hard-wrapped line continues the previous one (``previous``: the end of the block so far)."""
    if previous.endswith(_ENDS):
        return False
    return line[:1].islower() or bool(_RUN_ON.search(previous))


_QUOTE_MARKS = str.maketrans('“”"', "   ")


def quoted_sentences(text: str) -> list[str]:
    """The sentences inside a quotation pysbd keeps whole ("divest from the Gaza genocide. We demand
    that ..."): the text segmented again with its quotation marks blanked, pieces of the original."""
    blanked = text.translate(_QUOTE_MARKS)
    if blanked == text and not re.search(r"[.!?]\s", text):
        return [text]
    out, at = [], 0
    for part in _segmenter().segment(blanked):
        out.append(text[at : at + len(part)])
        at += len(part)
    if at < len(text):
        out.append(text[at:])
    return [p.strip() for p in out if p.strip()] or [text]


# A paragraph: start, end, list marker, and pysbd's pieces of it when they are read already (else None).
Paragraph = tuple[int, int, str, list[str] | None]


def _flat(text: str) -> str:
    return text.replace("\n", " ").replace("\r", " ")


def _paragraphs(start: int, end: int, kind: str, text: str) -> list[Paragraph]:
    """A block as it is, or one longer than ``LONG_BLOCK`` cut at pysbd's sentence ends, a window at a
    time (the list marker goes with the first piece); see the module's docstring."""
    if end - start <= LONG_BLOCK:
        return [(start, end, kind, None)]
    found: list[Paragraph] = []
    while end - start > LONG_BLOCK:
        size, cut, pieces = _WINDOW, 0, []
        while not cut and size <= 2 * LONG_BLOCK:
            window = _flat(text[start : min(start + size, end)])
            pieces = [p for p in _segmenter().segment(window) if p.strip()]
            at = 0
            for piece in pieces[:-1]:
                at = window.find(piece.strip(), at) + len(piece.strip())
            # the last piece may be a sentence the window cut off: the block goes on from where it starts
            cut = max(window.find(pieces[-1].strip(), at), 0) if len(pieces) > 1 else 0
            if start + size >= end:
                break
            size *= 2
        if not cut:  # one sentence too long for any reader: the rest of the block, unread
            return [*found, (start, end, kind, [_flat(text[start:end])])]
        found.append((start, start + cut, kind, pieces[:-1]))
        start, kind = start + cut, ""
    return [*found, (start, end, kind, None)]


def sentences(text: str) -> list[Sentence]:
    """Every sentence of ``text`` with its offsets; ``text[s.start:s.end]`` is the sentence."""
    found: list[Sentence] = []
    paragraphs = [p for block in marked_blocks(text) for p in _paragraphs(*block, text)]
    for number, (start, end, kind, read) in enumerate(paragraphs):
        block = _flat(text[start:end])
        cursor = 0
        for piece in _segmenter().segment(block) if read is None else read:
            piece = piece.strip()
            if not piece:
                continue
            at = block.find(piece, cursor)
            if at < 0:  # pysbd changed the text: fall back to the rest of the block
                at, piece = cursor, block[cursor:].strip()
            cursor = at + len(piece)
            if re.fullmatch(r"\(?\d{1,3}[.)]|[-*+•]", piece):  # an inline list marker, not a sentence
                continue
            first = not found or found[-1].block != number
            words = " ".join(text[start + at : start + cursor].split())
            found.append(Sentence(words, start + at, start + cursor, number, kind, first))
    return found
