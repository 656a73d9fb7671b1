"""Review reports: one self-contained HTML page (or Markdown) for a comparison or a timeline.

Every piece of user text goes through ``html.escape`` (or ``_md``); the page loads nothing
from anywhere, and its Content-Security-Policy allows only its own inline style and script.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape

from ..explain import redline_sides
from ..result import STATUSES, Comparison, Item
from ..timeline import Timeline
from .style import COLOURS, LEGEND, date_label, mark, shorten, status_label
from .tables import timeline_table

REPORT_FORMATS = ("html", "markdown")

_CSS = """
:root { --ink:#1f2933; --muted:#616e7c; --line:#e4e7eb; --bg:#f5f7fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
  background: var(--bg); }
main { max-width: 1200px; margin: 0 auto; padding: 28px 32px 48px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 32px 0 10px; }
.sub { color: var(--muted); margin: 0 0 20px; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 0 0 8px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; min-width: 112px; }
.card b { display: block; font-size: 24px; }
.card span { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.card.s-persisted { border-top: 4px solid #54a24b; } .card.s-changed { border-top: 4px solid #eca82c; }
.card.s-reversed { border-top: 4px solid #e45756; } .card.s-dropped { border-top: 4px solid #b0b0b0; }
.card.s-new { border-top: 4px solid #4c78a8; }
.filters { position: sticky; top: 0; background: var(--bg); padding: 10px 0; z-index: 1; display: flex; gap: 6px;
  align-items: center; flex-wrap: wrap; }
.filters button { font: inherit; border: 1px solid var(--line); background: #fff; border-radius: 16px;
  padding: 3px 12px; cursor: pointer; }
.filters button[aria-pressed="true"] { background: var(--ink); color: #fff; border-color: var(--ink); }
.filters output { color: var(--muted); margin-left: 8px; }
table.items { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line);
  margin-bottom: 8px; }
.items th { text-align: left; font-size: 12px; color: var(--muted); font-weight: 600; padding: 8px 10px;
  border-bottom: 1px solid var(--line); background: #fafbfc; }
.items td { padding: 8px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
.items td.text { width: 36%; } .items .id { color: var(--muted); font-size: 12px; margin-right: 4px; }
.items td.score { font-variant-numeric: tabular-nums; color: var(--muted); cursor: help; white-space: nowrap; }
del { background: #fde2e1; color: #9b1c1c; text-decoration: line-through; }
ins { background: #def7e5; color: #14532d; text-decoration: none; }
.badge { display: inline-block; border-radius: 10px; padding: 1px 8px; font-size: 12px; font-weight: 600;
  white-space: nowrap; }
.b-persisted { background: #e3f3e1; color: #2f6b2a; } .b-changed { background: #fdf1dc; color: #8a5a00; }
.b-reversed { background: #fde2e1; color: #9b1c1c; } .b-dropped { background: #ececec; color: #4b4b4b; }
.b-new { background: #e1ebf5; color: #2c5282; }
.kind { display: inline-block; border: 1px solid var(--line); border-radius: 4px; padding: 0 6px; margin: 0 4px 4px 0;
  font-size: 12px; background: #fafbfc; cursor: help; }
.heat { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px; overflow-x: auto; }
.note { color: var(--muted); font-size: 12px; margin-top: 4px; white-space: nowrap; }
.legend { color: var(--muted); font-size: 12px; margin: 6px 0 0; }
footer { color: var(--muted); font-size: 12px; margin-top: 32px; }
"""

_JS = """
document.querySelectorAll('.filters button').forEach(function (button) {
  button.addEventListener('click', function () {
    var want = button.dataset.filter, shown = 0, rows = document.querySelectorAll('tr.item');
    document.querySelectorAll('.filters button').forEach(function (b) {
      b.setAttribute('aria-pressed', String(b === button));
    });
    rows.forEach(function (row) {
      row.hidden = want !== 'all' && row.dataset.status !== want;
      if (!row.hidden) { shown += 1; }
    });
    document.getElementById('shown').textContent = shown + ' of ' + rows.length + ' shown';
    document.querySelectorAll('section').forEach(function (section) {
      section.hidden = !section.querySelector('tr.item:not([hidden])');
    });
  });
});
"""


def render_report(subject: Comparison | Timeline, fmt: str = "html") -> str:
    """A report on one comparison or a whole timeline, as HTML (one file) or Markdown."""
    if fmt not in REPORT_FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(REPORT_FORMATS)}")
    if fmt == "markdown":
        return _markdown(subject)
    return _html(subject)


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


def _html(subject: Comparison | Timeline) -> str:
    title = _title(subject)
    parts = [f"<h1>{escape(title)}</h1>"]
    if isinstance(subject, Timeline):
        s = subject.summary
        parts.append(
            '<p class="sub">Each demand followed from round to round; a demand dropped and later made again '
            "continues its thread.</p>"
        )
        cards = [
            ("threads", s["threads"], "demand threads"),
            ("present_throughout", s["present_throughout"], "made in every round"),
            ("unchanged_throughout", s["unchanged_throughout"], "unchanged throughout"),
            ("dropped_for_good", s["dropped_for_good"], "dropped for good"),
            ("returned", s["returned"], "came back"),
        ]
        parts.append(_cards(cards, "summary"))
        parts.append("<h2>Timeline</h2>")
        parts.append(f'<div class="heat">{_heatmap(subject)}<p class="legend">{escape(LEGEND)}.</p></div>')
    else:
        parts.append(f'<p class="sub">{escape(_sources(subject))}</p>')
    counts = status_counts(subject)
    parts.append("<h2>Demands by status</h2>" if isinstance(subject, Comparison) else "<h2>Round by round</h2>")
    parts.append(_cards([(st, n, st) for st, n in counts.items()], "status"))
    parts.append(_filters(sum(counts.values())))
    back = _returns(subject)
    for k, comparison in enumerate(_comparisons(subject), 1):
        heading = ""
        if isinstance(subject, Timeline):
            heading = f"<h2>{escape(date_label(comparison.old))} → {escape(date_label(comparison.new))}</h2>"
        parts.append(f"<section>{heading}{_items_table(comparison, back.get(k, {}))}</section>")
    parts.append(
        "<footer>Made by demanddiff. Hover over a score for its semantic and lexical parts, "
        "and over a change for what moved.</footer>"
    )
    script_hash = base64.b64encode(hashlib.sha256(_JS.encode()).digest()).decode()
    csp = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{script_hash}'"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(parts)
        + f"\n</main>\n<script>{_JS}</script>\n</body>\n</html>\n"
    )


def _sources(c: Comparison) -> str:
    notes = [f"{side}: {p.source}" for side, p in (("Old", c.old), ("New", c.new)) if p.source]
    return " · ".join(notes) or "Each demand of the old round set against its counterpart in the new round."


def _cards(cards: list[tuple[str, int, str]], kind: str) -> str:
    body = "".join(
        f'<div class="card s-{key}" data-{kind}="{key}"><b>{n}</b><span>{escape(label)}</span></div>'
        for key, n, label in cards
    )
    return f'<div class="cards">{body}</div>'


def _filters(total: int) -> str:
    buttons = ['<button type="button" data-filter="all" aria-pressed="true">All</button>']
    buttons += [f'<button type="button" data-filter="{s}" aria-pressed="false">{s}</button>' for s in STATUSES]
    return f'<div class="filters">Show: {"".join(buttons)}<output id="shown">{total} of {total} shown</output></div>'


def _returns(subject: Comparison | Timeline) -> dict[int, dict[str, str]]:
    """Round -> new statement id -> note, for 'new' demands that are a dropped demand coming back."""
    notes: dict[int, dict[str, str]] = {}
    for thread in subject.threads if isinstance(subject, Timeline) else ():
        for step in thread.steps:
            if step.returned:
                notes.setdefault(step.round, {})[step.statement.id] = f"came back ({thread.id})"
    return notes


def _items_table(c: Comparison, notes: dict[str, str]) -> str:
    head = "<tr><th>status</th><th>old demand</th><th>new demand</th><th>what changed</th><th>score</th></tr>"
    rows = "".join(_item_row(item, notes.get(item.new.id) if item.new else None) for item in c.items)
    return f'<table class="items"><thead>{head}</thead><tbody>{rows}</tbody></table>'


def _sides(item: Item, esc, removed: str, added: str, ident: str) -> tuple[str, str]:
    """Old and new text side by side, escaped by ``esc``: each with its id, removed words marked
    in the old text and added words in the new."""
    old = esc(item.old.text) if item.old else ""
    new = esc(item.new.text) if item.new else ""
    if item.old and item.new:
        left, right = redline_sides(item.old.text, item.new.text)
        old = " ".join(removed.format(esc(t)) if changed else esc(t) for changed, t in left)
        new = " ".join(added.format(esc(t)) if changed else esc(t) for changed, t in right)
    return (
        ident.format(esc(item.old.id)) + old if item.old else "",
        ident.format(esc(item.new.id)) + new if item.new else "",
    )


def _item_row(item: Item, note: str | None = None) -> str:
    old_html, new_html = _sides(item, escape, "<del>{}</del>", "<ins>{}</ins>", '<span class="id">{}</span>')
    kinds = "".join(f'<span class="kind" title="{escape(str(c))}">{escape(c.kind)}</span>' for c in item.changes)
    score = ""
    if item.score is not None:
        hover = f"combined {item.score:.3f} · semantic {item.semantic:.3f} · lexical {item.lexical:.3f}"
        score = f'<td class="score" title="{hover}">{item.score:.2f}</td>'
    else:
        score = '<td class="score"></td>'
    label = status_label(item)
    note_html = f'<div class="note">{escape(note)}</div>' if note else ""
    return (
        f'<tr class="item" data-status="{item.status}"><td><span class="badge b-{item.status}">{escape(label)}</span>'
        f'{note_html}</td><td class="text">{old_html}</td><td class="text">{new_html}</td><td>{kinds}</td>{score}</tr>'
    )


def _heatmap(tl: Timeline) -> str:
    """The timeline as an inline SVG grid: a row per thread, a column per round, coloured by status."""
    label_w, cell_w, cell_h, top = 450, 96, 22, 28
    width, height = label_w + cell_w * len(tl.rounds) + 4, top + cell_h * len(tl.threads) + 4
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        'font-family="system-ui, sans-serif" font-size="12" role="img" aria-label="timeline heat-map">'
    ]
    for x, position in enumerate(tl.rounds):
        cx = label_w + cell_w * x + cell_w / 2
        out.append(f'<text x="{cx}" y="18" text-anchor="middle" fill="#616e7c">{escape(date_label(position))}</text>')
    for y, thread in enumerate(tl.threads):
        ty = top + cell_h * y
        text = thread.latest.text
        short = shorten(text, 60)
        out.append(
            f'<text x="0" y="{ty + 15}" fill="#1f2933"><tspan font-weight="600">{escape(thread.id)}</tspan> '
            f"{escape(short)}<title>{escape(text)}</title></text>"
        )
        for x in range(len(tl.rounds)):
            step, cx = thread.at(x), label_w + cell_w * x
            if step is None:
                out.append(
                    f'<rect x="{cx + 1}" y="{ty + 1}" width="{cell_w - 2}" height="{cell_h - 2}" fill="#f3f4f6"/>'
                )
                continue
            said = step.statement.text if step.statement else f"dropped: {step.previous.text}"
            hover = f"{thread.id} · {date_label(tl.rounds[x])} · {step.status}{' (came back)' if step.returned else ''}"
            if step.score is not None:
                hover += f" · score {step.score:.2f}"
            dark = step.status in ("changed", "dropped")
            out.append(
                f'<g class="cell" data-status="{step.status}"><rect x="{cx + 1}" y="{ty + 1}" width="{cell_w - 2}" '
                f'height="{cell_h - 2}" rx="3" fill="{COLOURS[step.status]}"/>'
                f'<text x="{cx + cell_w / 2}" y="{ty + 15}" text-anchor="middle" '
                f'fill="{"#1f2933" if dark else "#ffffff"}">{escape(mark(step))}</text>'
                f"<title>{escape(hover)}\n{escape(said)}</title></g>"
            )
    out.append("</svg>")
    return "".join(out)


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


def _md_row(item: Item, note: str | None = None) -> str:
    old, new = _sides(item, _md, "~~{}~~", "**{}**", "{}: ")
    changes = "; ".join(_md(str(c)) for c in item.changes)
    score = "" if item.score is None else f"{item.score:.2f}"
    label = status_label(item)
    label = f"**{label}**" + (f" {_md(note)}" if note else "")
    return f"| {label} | {old} | {new} | {changes} | {score} |"
