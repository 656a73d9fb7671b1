"""`demanddiff review` in the terminal: one question per item, least sure first, one key per answer.

Every answer is written to the decisions file at once (atomically); a second run reads the file
back and resumes with the items still undecided.
"""

from __future__ import annotations

import getpass
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import click

from .compare.decided import link_decided
from .compare.engine import Engine
from .compare.explain import redline
from .compare.result import Comparison, Item
from .compare.review import AnswerError, answer, key, queue
from .positions.decisions import Decisions, current, read_decisions, write_decisions
from .positions.errors import InputError
from .positions.model import Position

KEYS = {
    "a": "accept",
    "p": "persisted",
    "c": "changed",
    "r": "reversed",
    "x": "unlink",
    "l": "link",
    "s": "skip",
    "u": "undo",
    "q": "quit",
}
HELP = "[a]ccept  [p]ersisted [c]hanged [r]eversed  [x] unlink  [l]ink to id  [s]kip  [u]ndo  [q]uit"
STATUS_KEYS = {"p": "persisted", "c": "changed", "r": "reversed"}


@dataclass(frozen=True)
class Outcome:
    """What one review session did, and what is left."""

    answered: int
    accepted: int
    corrected: int
    skipped: int
    left: int
    doubtful_left: int
    decisions: Decisions


def start(path: str | Path, old: Position, new: Position, by: str = "") -> tuple[Decisions, list[str]]:
    """The decisions to resume from ``path`` (with its stale decisions left out), or fresh ones."""
    name = f"{old.label()} vs {new.label()}"
    empty = Path(path).is_file() and Path(path).stat().st_size == 0  # made by touch: start afresh
    if Path(path).exists() and not empty:
        found = read_decisions(path)
        if not (_same_round(found.old, old) and _same_round(found.new, new)):
            raise InputError(
                f"holds the decisions of {found.old.label()} vs {found.new.label()}, not of {old.label()} vs "
                f"{new.label()}; give -d another file for these rounds",
                str(path),
            )
        decisions, stale = current(found, old, new)
    else:
        decisions, stale = Decisions(old, new, name=name), []
    by = by or decisions.decided_by or _user()
    return replace(decisions, old=old, new=new, decided_by=by, path=str(path)), stale


def _same_round(then: Position, now: Position) -> bool:
    """Whether a decisions file's round can be this one: no party, date or round name (where both give
    one) differs; the round name counts when a date is missing."""
    if then.party and now.party and then.party != now.party:
        return False
    if then.date and now.date:
        return then.date == now.date
    return not (then.round and now.round and then.round != now.round)


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers): leave it out
        return ""


def run(
    old: Position,
    new: Position,
    path: str | Path,
    engine: Engine,
    limit: int | None = None,
    by: str = "",
) -> Outcome:
    """Ask about each undecided item until none is left, ``limit`` answers are given, or the analyst quits."""
    decisions, stale = start(path, old, new, by)
    for line in stale:
        click.echo(f"Warning: {line}; it will be asked again", err=True)
    scores = engine.pair_scores(old, new)

    def compared(d: Decisions) -> Comparison:
        return link_decided(old, new, scores, engine.settings, d)

    comparison = compared(decisions)
    history: list[tuple[Decisions, frozenset, str]] = []
    passed: frozenset = frozenset()
    counts = {"accept": 0, "corrected": 0, "skip": 0}
    total = len(queue(comparison, decisions))
    click.echo(
        f"{total} of {len(comparison.items)} items to review, least sure first; answers are saved to {path} as you go."
    )
    while limit is None or len(history) < limit:
        todo = queue(comparison, decisions, passed)
        if not todo:
            break
        item = todo[0]
        click.echo("")
        click.echo(_show(item, len(history) + 1, len(todo)))
        choice = _key(HELP + ": ")
        if choice == "quit":
            break
        if choice == "undo":
            if not history:
                click.echo("  nothing to undo in this session")
                continue
            decisions, passed, what = history.pop()
            counts[what] -= 1
            write_decisions(decisions, path)
            comparison = compared(decisions)
            click.echo("  undone; saved")
            continue
        before = (decisions, passed)
        try:
            if choice == "skip":
                decisions, passed, what = decisions.skip(key(item)), passed | {key(item)}, "skip"
            elif choice == "link":
                other = _line("  link to which id: ")
                status = STATUS_KEYS.get(_key("  status: [p]ersisted [c]hanged [r]eversed: ", STATUS_KEYS) or "")
                decisions = answer(decisions, comparison, item, "link", other, status)
                what = "corrected"
            else:
                decisions = answer(decisions, comparison, item, choice)
                what = "accept" if choice == "accept" or choice == item.status else "corrected"
        except AnswerError as exc:
            click.echo(f"  {exc}")
            continue
        history.append((*before, what))
        counts[what] += 1
        write_decisions(decisions, path)
        comparison = compared(decisions)
        click.echo(f"  {_said(choice, item)}; saved")
    left = queue(comparison, decisions)
    outcome = Outcome(
        len(history),
        counts["accept"],
        counts["corrected"],
        counts["skip"],
        len(left),
        sum(1 for i in left if i.doubtful),
        decisions,
    )
    click.echo("")
    click.echo(
        f"{outcome.answered} answered ({outcome.accepted} accepted, {outcome.corrected} corrected, "
        f"{outcome.skipped} skipped); {outcome.left} items left to review, {outcome.doubtful_left} of them doubtful."
    )
    if history:
        click.echo(f"Decisions saved to {path}; apply them with --decisions {path}")
    return outcome


def _key(prompt: str, allowed=KEYS):
    """One key press, read without Enter; unknown keys ask again; end of input is quit."""
    while True:
        click.echo(prompt, nl=False)
        try:
            char = _getchar()
        except (KeyboardInterrupt, EOFError):
            char = "q"
        char = (char or "q").lower()
        if char in ("\x03", "\x04"):
            char = "q"
        click.echo(char if char.isprintable() else "")
        if allowed is KEYS and char in KEYS:
            return KEYS[char]
        if allowed is not KEYS and char in allowed:
            return char
        if allowed is not KEYS and char == "q":
            return None
        click.echo(f"  press one of {' '.join(allowed)}")


def _getchar() -> str:
    """A key from the terminal; from piped input (scripts, tests), the next non-blank character."""
    if sys.stdin is not None and sys.stdin.isatty():
        return click.getchar()
    char = " "
    while char and char.isspace():
        char = sys.stdin.read(1)
    return char


def _line(prompt: str) -> str:
    """A line of text (an id) ended by Enter; from piped input, the rest of the line or the next one."""
    if sys.stdin is not None and sys.stdin.isatty():
        return click.prompt(prompt.rstrip(": "), default="", show_default=False).strip()
    click.echo(prompt, nl=False)
    text = ""
    while not text:
        line = sys.stdin.readline()
        if not line:
            break
        text = line.strip()
    click.echo(text)
    return text


def _said(choice: str, item: Item) -> str:
    if choice == "accept":
        return f"accepted: {item.status}"
    if choice == "skip":
        return "skipped (asked again last, next time)"
    if choice == "unlink":
        return "unlinked: old dropped, new new"
    if choice == "link":
        return "linked"
    return f"set to {choice}"


def _show(item: Item, number: int, left: int) -> str:
    """Both texts, the redline, what changed and the score of one item."""
    sure = "" if item.confidence is None else f" · confidence {item.confidence:.2f}"
    flag = " · doubtful" if item.doubtful else ""
    lines = [
        click.style(f"Question {number} ({left} left) · engine says: {item.status}", bold=True)
        + (f" ({item.relation})" if item.relation else "")
        + sure
        + flag
    ]
    if item.old is not None:
        lines.append(f"  old {item.old.id}: {item.old.text}")
    if item.new is not None:
        lines.append(f"  new {item.new.id}: {item.new.text}")
    if item.old is not None and item.new is not None:
        lines.append(f"  redline: {item.redline or redline(item.old.text, item.new.text)}")
        if item.changes:
            lines.append("  what changed: " + "; ".join(str(c) for c in item.changes))
        if item.score is not None:
            lines.append(f"  score {item.score:.2f} (semantic {item.semantic:.2f}, lexical {item.lexical:.2f})")
    else:
        lines.append("  no counterpart in the " + ("new round" if item.old is not None else "old round"))
    return "\n".join(lines)
