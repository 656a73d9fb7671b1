"""demanddiff: what persisted, changed, reversed, was dropped or is new between two rounds of demands.

Every command of the CLI is one call here:

>>> import demanddiff
>>> c = demanddiff.compare(["Ukraine must not join NATO."], ["Ukraine must join NATO."])
>>> c.summary["reversed"]
1
"""

from .api import check_extraction, corpus, evaluate, extract, plot, render, report, review, rounds, timeline, tune
from .compare import STATUSES, Change, Comparison, Engine, Item, Settings  # `compare` is the callable package
from .compare.render.tables import FORMATS
from .compare.timeline import Timeline
from .positions import InputError, Position, PositionSet, Statement, load
from .positions.decisions import Decisions, read_decisions, write_decisions
from .positions.gold import GoldCase, load_gold

__version__ = "0.1.0"

__all__ = [
    "FORMATS",
    "STATUSES",
    "Change",
    "Comparison",
    "Decisions",
    "Engine",
    "GoldCase",
    "InputError",
    "Item",
    "Position",
    "PositionSet",
    "Settings",
    "Statement",
    "Timeline",
    "check_extraction",
    "compare",
    "corpus",
    "evaluate",
    "extract",
    "load",
    "load_gold",
    "plot",
    "read_decisions",
    "render",
    "report",
    "review",
    "rounds",
    "timeline",
    "tune",
    "write_decisions",
]
