"""Presentation shared by every renderer: marks, palette, labels, truncation. Defined once here."""

from __future__ import annotations

from ..result import Item
from ..timeline import Step, Thread

# One compact mark per transition, shown in every timeline cell; "^" prefixes a return after a gap.
MARKS = {"new": "+", "persisted": "=", "changed": "~", "reversed": "!", "dropped": "x"}
RETURNED = "^"
# Cell colours for pictures of a timeline (report heat-map, plot): one per status.
COLOURS = {
    "new": "#4c78a8",
    "persisted": "#54a24b",
    "changed": "#eca82c",
    "reversed": "#e45756",
    "dropped": "#b0b0b0",
}
LEGEND = (
    "+ first seen, = persisted, ~ changed, ! reversed, x dropped, "
    "^ back after a gap; the id is the demand's id in that round"
)


def mark(step: Step) -> str:
    """The compact cell mark of a timeline step: ``~ d4``, ``^= d3``, ``x``."""
    sign = (RETURNED if step.returned else "") + MARKS[step.status]
    return f"{sign} {step.statement.id}" if step.statement else sign


def date_label(position, default: str = "?") -> str:
    """A round as a short label: its ISO date, else its name, else ``default``."""
    return position.date.isoformat() if position.date else position.round or default


def status_label(item: Item) -> str:
    """``changed``, ``changed (split)`` for a split or merge, ``changed (reviewed)`` when an analyst decided it."""
    notes = [n for n in (item.relation, "reviewed" if item.decided_by else None) if n]
    return item.status + (f" ({', '.join(notes)})" if notes else "")


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, an ellipsis marking the cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def thread_label(thread: Thread, limit: int) -> str:
    """A thread named by its first demand, the latest beside it when it reads differently."""
    first, latest = thread.first.text, thread.latest.text
    if first == latest:
        return shorten(first, limit)
    room = limit - 3  # for both texts, around " → "
    head = min(len(first), max(room // 2, room - len(latest)))
    return f"{shorten(first, head)} → {shorten(latest, room - head)}"
