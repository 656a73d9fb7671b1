"""Embedding, scoring, alignment, classification and explanation of demands."""

from .engine import Engine, Settings, compare
from .explain import Change, redline
from .render import FORMATS, render
from .result import STATUSES, Comparison, Item

__all__ = ["FORMATS", "STATUSES", "Change", "Comparison", "Engine", "Item", "Settings", "compare", "redline", "render"]
