"""The engine: embed, score, align, classify and explain demands (``compare.engine``).

``demanddiff.compare`` is this package and also the comparison function: calling it,
``demanddiff.compare(old, new)``, runs ``compare.engine.compare``; its modules import by
path (``import demanddiff.compare.engine``).
"""

import sys
import types

from .engine import Engine, compare
from .explain import Change, redline
from .result import STATUSES, Comparison, Item
from .settings import Settings

__all__ = ["STATUSES", "Change", "Comparison", "Engine", "Item", "Settings", "compare", "redline"]


class _CallablePackage(types.ModuleType):
    def __call__(self, old, new, **options) -> Comparison:
        return compare(old, new, **options)


sys.modules[__name__].__class__ = _CallablePackage
