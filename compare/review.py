"""Review: which item to ask about next, and what each answer decides. No input or output here.

The terminal front-end (``demanddiff review``), the learning-curve bench and the HTML review
mode all decide through ``answer``: one answer is one edit of the ``Decisions``.
"""

from __future__ import annotations

from collections.abc import Collection

from ..positions.decisions import Decisions
from ..positions.gold import LINK_STATUSES, Link
from .result import Comparison, Item

Key = tuple[str | None, str | None]
ACTIONS = ("accept", "persisted", "changed", "reversed", "unlink", "link")


def key(item: Item) -> Key:
    """An item's (old id, new id); None for the side it lacks."""
    return (item.old.id if item.old else None, item.new.id if item.new else None)


def queue(comparison: Comparison, decisions: Decisions, passed: Collection[Key] = ()) -> list[Item]:
    """The items still to decide, least sure first; items skipped in an earlier session come last,
    and ``passed`` (skipped in this one) not at all."""
    skipped = set(decisions.skipped)
    todo = [i for i in comparison.items if i.decided_by is None and key(i) not in passed]
    return sorted(todo, key=lambda i: (key(i) in skipped, 1.0 if i.confidence is None else i.confidence, i.sort_key()))


def group(comparison: Comparison, item: Item) -> list[Item]:
    """The item and, for a split or merge, the other links of the same demand (decided together)."""
    if not item.relation:
        return [item]
    return [
        i
        for i in comparison.items
        if i.old is not None and i.new is not None and i.relation and (i.old == item.old or i.new == item.new)
    ]


class AnswerError(ValueError):
    """An answer that does not fit the item (a status for a lone demand, an unknown id): ask again."""


def answer(
    decisions: Decisions,
    comparison: Comparison,
    item: Item,
    action: str,
    other: str | None = None,
    status: str | None = None,
) -> Decisions:
    """``decisions`` with the analyst's answer about ``item``.

    ``accept``: the engine's verdict stands. ``persisted`` / ``changed`` / ``reversed``: the pair stands
    with that status. ``unlink``: the two are not one demand (old dropped, new new). ``link``: the
    item's demand goes with statement ``other`` (an id of the other side; for a pair, of either side)
    with ``status``. Split and merge links of one demand are decided together.
    """
    if action not in ACTIONS:
        raise AnswerError(f"unknown answer {action!r}; choose from {', '.join(ACTIONS)}")
    paired = item.old is not None and item.new is not None
    if action == "link":
        return _link(decisions, comparison, item, other, status)
    if action in LINK_STATUSES and not paired:
        side = "old" if item.old else "new"
        raise AnswerError(f"a lone {side} demand has no status to set; link it to a statement instead")
    members = group(comparison, item)
    links = [
        Link(i.old.id, i.new.id, action if (i is item and action in LINK_STATUSES) else i.status, i.relation)
        for i in members
        if i.old is not None and i.new is not None and paired and not (i is item and action == "unlink")
    ]
    olds = {i.old.id for i in members if i.old}
    news = {i.new.id for i in members if i.new}
    if not paired:
        links = []
    if links and len(links) == 1:  # one link left of a split or merge: no longer part of one
        links = [Link(links[0].old, links[0].new, links[0].status)]
    return decisions.decide(olds, news, links)


def _link(decisions: Decisions, comparison: Comparison, item: Item, other: str | None, status: str | None):
    if status not in LINK_STATUSES:
        raise AnswerError(f"a link needs a status: {', '.join(LINK_STATUSES)}")
    old_ids = {s.id for s in comparison.old.statements}
    new_ids = {s.id for s in comparison.new.statements}
    other = (other or "").strip()
    if item.old is not None and other in new_ids and (item.new is None or other != item.new.id):
        return decisions.decide({item.old.id}, {other}, [Link(item.old.id, other, status)])
    if item.new is not None and other in old_ids and (item.old is None or other != item.old.id):
        return decisions.decide({other}, {item.new.id}, [Link(other, item.new.id, status)])
    if item.old is not None and item.new is None and other in old_ids:
        raise AnswerError(f"{other} is an old demand, like {item.old.id}; give a new id")
    if item.new is not None and item.old is None and other in new_ids:
        raise AnswerError(f"{other} is a new demand, like {item.new.id}; give an old id")
    if item.old is not None and item.new is not None and other in (item.old.id, item.new.id):
        raise AnswerError(f"{other} is already in this pair; give the id of another statement")
    raise AnswerError(f"no demand {other!r} in either round; give an id shown by demanddiff compare")
