"""Review reports: one self-contained HTML page (or Markdown) for a comparison or a timeline.

The page is built from jinja2 templates (``templates/``, package data) with autoescaping, so user
text is never markup; Markdown goes through ``_md``. The page loads nothing from anywhere, and its
Content-Security-Policy allows only its own inline stylesheet and script, named by their hashes.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache

from ...positions.validate import BIDI, CONTROLS
from ..explain import redline_sides
from ..result import STATUSES, Comparison, Item
from ..timeline import Timeline
from .style import COLOURS, LEGEND, date_label, mark, status_label, thread_label
from .tables import timeline_table

REPORT_FORMATS = ("html", "markdown")


def render_report(subject: Comparison | Timeline, fmt: str = "html", review: bool = False) -> str:
    """A report on one comparison or a whole timeline, as HTML (one file) or Markdown.

    ``review``: the HTML page of a comparison gets its review mode (``review_data``).
    """
    if fmt not in REPORT_FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(REPORT_FORMATS)}")
    if review and (fmt != "html" or not isinstance(subject, Comparison)):
        raise ValueError("review mode is for the HTML report of one comparison")
    if fmt == "markdown":
        return _inert(_markdown(subject))
    return _inert(_html(subject, review_data(subject) if review and isinstance(subject, Comparison) else None))


def _inert(page: str) -> str:
    """The page without control characters (ESC: no terminal escape acts) or direction overrides ("go
    \u202eevil\u202c now" would show as "go live now"), one character at a time: a sequence never
    terminated cannot take the page after it. The review data is JSON with every non-ASCII
    character escaped (``tojson``), so it keeps them."""
    return BIDI.sub("", CONTROLS.sub("", page))


def _comparisons(subject: Comparison | Timeline) -> tuple[Comparison, ...]:
    return subject.comparisons if isinstance(subject, Timeline) else (subject,)


def _title(subject: Comparison | Timeline) -> str:
    if isinstance(subject, Timeline):
        first, last = subject.rounds[0], subject.rounds[-1]
        party = f"{first.party}: " if first.party else ""
        return f"{party}{len(subject.rounds)} rounds, {date_label(first)} to {date_label(last)}"
    return f"{subject.old.label()} → {subject.new.label()}"


def status_counts(subject: Comparison | Timeline) -> dict[str, int]:
    """Items per status over every comparison the report shows."""
    counts = dict.fromkeys(STATUSES, 0)
    for comparison in _comparisons(subject):
        for status, n in comparison.summary.items():
            counts[status] += n
    return counts


# ---- HTML -------------------------------------------------------------------------------


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


@lru_cache(maxsize=1)
def _environment():
    """The report's jinja2 templates (package data), autoescaped: user text is never markup."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(
        loader=PackageLoader("demanddiff.compare.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _asset(name: str) -> str:
    """A static file of the page (its stylesheet, its script), inlined as it is."""
    return _environment().loader.get_source(_environment(), name)[0]


def _html(subject: Comparison | Timeline, review: dict | None = None) -> str:
    from markupsafe import Markup

    css, script = _asset("report.css"), _asset("report.js")
    if review is not None:
        script += "\n" + _asset("review.js")
    # The page's one stylesheet and one script apply by their hashes; nothing else may load or run.
    csp = f"default-src 'none'; style-src 'sha256-{_sha256(css)}'; script-src 'sha256-{_sha256(script)}'"
    counts = status_counts(subject)
    back = _returns(subject)
    sections = []
    for k, comparison in enumerate(_comparisons(subject), 1):
        heading = None
        if isinstance(subject, Timeline):
            heading = f"{date_label(comparison.old)} → {date_label(comparison.new)}"
        notes = back.get(k, {})
        rows = [_row(item, notes.get(item.new.id) if item.new else None) for item in comparison.items]
        sections.append({"heading": heading, "rows": rows})
    timeline = None
    if isinstance(subject, Timeline):
        s = subject.summary
        cards = [
            ("threads", s["threads"], "demand threads"),
            ("present_throughout", s["present_throughout"], "made in every round"),
            ("unchanged_throughout", s["unchanged_throughout"], "unchanged throughout"),
            ("dropped_for_good", s["dropped_for_good"], "dropped for good"),
            ("returned", s["returned"], "came back"),
        ]
        timeline = {"cards": [_card(*c) for c in cards], "heatmap": _heatmap(subject)}
    page = _environment().get_template("report.html")
    return page.render(
        title=_title(subject),
        subtitle=None if isinstance(subject, Timeline) else _sources(subject),
        timeline=timeline,
        legend=LEGEND,
        status_cards=[_card(st, n, st) for st, n in counts.items()],
        statuses=STATUSES,
        total=sum(counts.values()),
        sections=sections,
        review=review,
        csp=Markup(csp),
        css=Markup(css),
        script=Markup(script),
    )


def _card(key: str, n: int, label: str) -> dict:
    return {"key": key, "n": n, "label": label}


def _sources(c: Comparison) -> str:
    notes = [f"{side}: {p.source}" for side, p in (("Old", c.old), ("New", c.new)) if p.source]
    return " · ".join(notes) or "Each demand of the old round set against its counterpart in the new round."


def _returns(subject: Comparison | Timeline) -> dict[int, dict[str, str]]:
    """Round -> new statement id -> note, for 'new' demands that are a dropped demand coming back."""
    notes: dict[int, dict[str, str]] = {}
    for thread in subject.threads if isinstance(subject, Timeline) else ():
        for step in thread.steps:
            if step.returned and step.statement is not None:
                notes.setdefault(step.round, {})[step.statement.id] = f"came back ({thread.id})"
    return notes


def _runs(item: Item) -> tuple[list[tuple[bool, str]], list[tuple[bool, str]]]:
    """Old and new text as (changed?, words) runs: removed words in the old, added in the new."""
    if item.old and item.new:
        return redline_sides(item.old.text, item.new.text)
    return ([(False, item.old.text)] if item.old else []), ([(False, item.new.text)] if item.new else [])


def _row(item: Item, note: str | None = None) -> dict:
    """What the page shows of one item (plain values; the template escapes them)."""
    old_runs, new_runs = _runs(item)
    return {
        "status": item.status,
        "rank": STATUSES.index(item.status),
        "label": status_label(item),
        "note": note,
        "old_id": item.old.id if item.old else None,
        "new_id": item.new.id if item.new else None,
        "old_text": item.old.text if item.old else "",
        "new_text": item.new.text if item.new else "",
        "old_runs": old_runs,
        "new_runs": new_runs,
        "changes": [
            {"kind": c.kind, "title": str(c), "detail": str(c).removeprefix(f"{c.kind}: ")} for c in item.changes
        ],
        "changes_text": "; ".join(str(c) for c in item.changes),
        "score": item.score,
        "semantic": item.semantic,
        "lexical": item.lexical,
        "sources": _item_sources(item),
        "reviewed": item.decided_by is not None,
    }


def review_data(c: Comparison) -> dict:
    """What the review mode's script needs: both rounds (written into the decisions file), each row's
    item and its split/merge group (decided together, as ``compare.review.answer`` does), and the
    decisions already applied, so the file the page writes keeps them."""
    from ..review import group

    def position(p) -> dict:
        meta = {"party": p.party, "date": p.date.isoformat() if p.date else "", "round": p.round, "source": p.source}
        return {**meta, "demands": [{"id": s.id, "text": s.text} for s in p.statements]}

    def ids(i: Item) -> list:
        return [i.old.id if i.old else None, i.new.id if i.new else None]

    decided = [i for i in c.items if i.decided_by]
    return {
        "case": f"{c.old.label()} vs {c.new.label()}",
        "file": "decisions.yaml",
        "old": position(c.old),
        "new": position(c.new),
        "items": [
            {
                "old": ids(i)[0],
                "new": ids(i)[1],
                "status": i.status,
                "relation": i.relation,
                "group": [[*ids(m), m.status, m.relation] for m in group(c, i)],
            }
            for i in c.items
        ],
        "decisions": {
            "links": [[*ids(i), i.status, i.relation] for i in decided if i.old and i.new],
            "dropped": [i.old.id for i in decided if i.old is not None and i.new is None],
            "added": [i.new.id for i in decided if i.new is not None and i.old is None],
        },
    }


def _item_sources(item: Item) -> list[dict]:
    """The sentences each side was read from (``extract`` keeps them), old side first."""
    found: list[dict[str, str]] = []
    for side, statement in (("old", item.old), ("new", item.new)):
        if statement is None:
            continue
        for source in statement.sources:
            when = source.date.isoformat() if source.date else source.round
            found.append({"side": f"{side} {statement.id}", "when": when, "sentence": source.sentence})
    return [s for s in found if s["sentence"]]


def _heatmap(tl: Timeline) -> dict:
    """The heat-map's geometry and text: a row per thread, a column per round."""
    label_w, cell_w, cell_h, top = 450, 96, 22, 28
    columns = [{"x": label_w + cell_w * x + cell_w / 2, "label": date_label(p)} for x, p in enumerate(tl.rounds)]
    rows = []
    for y, thread in enumerate(tl.threads):
        cells: list[dict[str, object]] = []
        for x in range(len(tl.rounds)):
            step, cx = thread.at(x), label_w + cell_w * x
            if step is None:
                cells.append({"x": cx, "status": None})
                continue
            said = step.statement.text if step.statement else f"dropped: {step.previous.text if step.previous else ''}"
            hover = f"{thread.id} · {date_label(tl.rounds[x])} · {step.status}{' (came back)' if step.returned else ''}"
            if step.score is not None:
                hover += f" · score {step.score:.2f}"
            cells.append(
                {
                    "x": cx,
                    "status": step.status,
                    "fill": COLOURS[step.status],
                    "ink": "#1f2933" if step.status in ("changed", "dropped") else "#ffffff",
                    "mark": mark(step),
                    "hover": hover,
                    "said": said,
                }
            )
        text = thread.first.text
        if thread.latest.text != text:
            text = f"first: {text}\nlatest: {thread.latest.text}"
        rows.append(
            {"y": top + cell_h * y, "id": thread.id, "text": text, "short": thread_label(thread, 64), "cells": cells}
        )
    return {
        "width": label_w + cell_w * len(tl.rounds) + 4,
        "height": top + cell_h * len(tl.threads) + 4,
        "cell_w": cell_w,
        "cell_h": cell_h,
        "columns": columns,
        "rows": rows,
    }


# ---- Markdown ---------------------------------------------------------------------------

_MD_SPECIAL = "\\`*_[]|~<>#"


def _md(text: str) -> str:
    """User text made inert in Markdown: no markup, no HTML, no broken table cells."""
    text = text.replace("&", "&amp;").replace("\n", " ")
    out = "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in text)
    return out.replace("\\<", "&lt;").replace("\\>", "&gt;")


def _markdown(subject: Comparison | Timeline) -> str:
    lines = [f"# {_md(_title(subject))}", ""]
    if isinstance(subject, Timeline):
        s = subject.summary
        lines += [
            f"{s['threads']} demand threads over {s['rounds']} rounds: {s['present_throughout']} made in every round "
            f"({s['unchanged_throughout']} unchanged throughout), {s['dropped_for_good']} dropped for good, "
            f"{s['returned']} came back after a gap.",
            "",
            "## Timeline",
            "",
            _md_timeline(subject),
            "",
            f"{_md(LEGEND)}.",
            "",
        ]
    counts = status_counts(subject)
    lines += [
        "Demands by status" + (", over every pair of consecutive rounds:" if isinstance(subject, Timeline) else ":"),
        "",
    ]
    lines += ["| " + " | ".join(STATUSES) + " |", "|" + "---:|" * len(STATUSES)]
    lines += ["| " + " | ".join(str(counts[s]) for s in STATUSES) + " |", ""]
    back = _returns(subject)
    for k, comparison in enumerate(_comparisons(subject), 1):
        if isinstance(subject, Timeline):
            lines += [f"## {_md(date_label(comparison.old))} → {_md(date_label(comparison.new))}", ""]
        lines += ["| status | old demand | new demand | what changed | score |", "|---|---|---|---|---:|"]
        notes = back.get(k, {})
        lines += [_md_row(item, notes.get(item.new.id) if item.new else None) for item in comparison.items]
        lines.append("")
    lines.append("Removed words are ~~struck through~~, added words are **bold**.")
    return "\n".join(lines) + "\n"


def _md_timeline(tl: Timeline) -> str:
    headers, body = timeline_table(tl)
    rows = ["| " + " | ".join(_md(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    rows += ["| " + " | ".join(_md(c) for c in row) + " |" for row in body]
    return "\n".join(rows)


def _md_side(ident: str, runs: list[tuple[bool, str]], wrap: str) -> str:
    return f"{_md(ident)}: " + " ".join(wrap.format(_md(t)) if changed else _md(t) for changed, t in runs)


def _md_row(item: Item, note: str | None = None) -> str:
    old_runs, new_runs = _runs(item)
    old = _md_side(item.old.id, old_runs, "~~{}~~") if item.old else ""
    new = _md_side(item.new.id, new_runs, "**{}**") if item.new else ""
    changes = "; ".join(_md(str(c)) for c in item.changes)
    score = "" if item.score is None else f"{item.score:.2f}"
    label = status_label(item)
    label = f"**{label}**" + (f" {_md(note)}" if note else "")
    return f"| {label} | {old} | {new} | {changes} | {score} |"
