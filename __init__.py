"""demanddiff: what persisted, changed, reversed, was dropped or is new between two rounds of demands.

>>> import demanddiff
>>> c = demanddiff.compare(["Ukraine must not join NATO."], ["Ukraine must join NATO."])
>>> c.summary["reversed"]
1
"""

from .compare import FORMATS, STATUSES, Change, Comparison, Engine, Item, Settings, compare, render
from .positions import InputError, Position, PositionSet, Statement, load

__version__ = "0.1.0"

__all__ = [
    "FORMATS",
    "STATUSES",
    "Change",
    "Comparison",
    "Engine",
    "InputError",
    "Item",
    "Position",
    "PositionSet",
    "Settings",
    "Statement",
    "compare",
    "load",
    "render",
]
