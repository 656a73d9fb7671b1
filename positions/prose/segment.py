"""Split prose into sentences that keep their character offsets into the original text.

Lines are blocks (titles, paragraphs, list items); hard-wrapped lines that run on are
joined. Inside a block, pysbd (rule-based, no model) finds sentence ends, so
abbreviations (U.S., Mr., Gen.), initials, dates and quotes do not cut a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_MARKER = re.compile(r"^\s*(?:#{1,6}\s+|[-*+•]\s+|\(?\d{1,3}[.)]\s+|\(?[a-z][.)]\s+)")
_ENDS = tuple('.!?:;"”’)')
_RUN_ON = re.compile(r"(?:,|-|\b(?:and|or|of|the|a|an|to|in|on|for|with|by|that|from|as))$")


@dataclass(frozen=True)
class Sentence:
    """A sentence, its place in the text (``text[start:end]``) and its block (paragraph) number."""

    text: str
    start: int
    end: int
    block: int


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) of each block: a line, list item or heading, or hard-wrapped lines joined."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        start, end = pos, pos + len(line.rstrip("\r\n"))
        pos += len(line)
        body = text[start:end]
        marker = _MARKER.match(body)
        if marker:
            start += marker.end()
        body = text[start:end].strip()
        if not body:
            continue
        start += text[start:end].index(body)
        end = start + len(body)
        if spans and not marker and _runs_on(text[spans[-1][0] : spans[-1][1]], body):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _runs_on(previous: str, line: str) -> bool:
    """A hard-wrapped line continues the previous one."""
    if previous.endswith(_ENDS):
        return False
    return line[:1].islower() or bool(_RUN_ON.search(previous))


def sentences(text: str) -> list[Sentence]:
    """Every sentence of ``text`` with its offsets; ``text[s.start:s.end]`` is the sentence."""
    found = []
    for number, (start, end) in enumerate(blocks(text)):
        block = text[start:end].replace("\n", " ").replace("\r", " ")
        cursor = 0
        for piece in _segmenter().segment(block):
            piece = piece.strip()
            if not piece:
                continue
            at = block.find(piece, cursor)
            if at < 0:  # pysbd changed the text: fall back to the rest of the block
                at, piece = cursor, block[cursor:].strip()
            cursor = at + len(piece)
            if re.fullmatch(r"\(?\d{1,3}[.)]|[-*+•]", piece):  # an inline list marker, not a sentence
                continue
            found.append(
                Sentence(" ".join(text[start + at : start + cursor].split()), start + at, start + cursor, number)
            )
    return found
