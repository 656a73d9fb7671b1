"""One renderer per format: every tabulate table format, plus json and csv."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from tabulate import multiline_formats, tabulate, tabulate_formats

from ..result import Comparison
from ..timeline import Timeline
from .style import LEGEND, MARKS, RETURNED, date_label, mark, status_label

# Formats that pass text through unescaped are left out: a statement must never become markup.
FORMATS = ("json", "csv", *(f for f in tabulate_formats if f not in ("unsafehtml", "latex_raw")))
HEADERS = ("status", "old id", "old demand", "new id", "new demand", "score", "what changed")
WRAP = 38  # text column width in multi-line table formats
# Markdown-like formats break on line breaks inside a cell: never wrap those.
WRAPPING_FORMATS = frozenset(multiline_formats) - {"github", "pipe", "jira", "orgtbl", "rst", "presto"}


def _row(item) -> list:
    return [
        status_label(item),
        item.old.id if item.old else "",
        item.old.text if item.old else "",
        item.new.id if item.new else "",
        item.new.text if item.new else "",
        "" if item.score is None else f"{item.score:.2f}",
        "; ".join(str(c) for c in item.changes),
    ]


def render(comparison: Comparison, fmt: str = "simple") -> str:
    """The comparison as text in ``fmt`` (see FORMATS); json follows the JSON contract."""
    if fmt == "json":
        return json.dumps(comparison.to_dict(), indent=2, ensure_ascii=False) + "\n"
    return render_rows(HEADERS, [_row(item) for item in comparison.items], fmt, wrap_columns=(2, 4, 6))


def render_rows(headers: Sequence[str], body: Sequence[Sequence], fmt: str, wrap_columns=()) -> str:
    """Any table as json (a list of records), csv, tsv (unpadded), or a tabulate format."""
    if fmt == "json":
        return json.dumps([dict(zip(headers, row)) for row in body], indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([h.replace(" ", "_") for h in headers])
        writer.writerows(body)
        return out.getvalue()
    if fmt == "tsv":  # tab-separated values as spreadsheets read them: no padding
        lines = [[h.replace(" ", "_") for h in headers], *body]
        return "".join("\t".join(_tsv_cell(c) for c in line) + "\n" for line in lines)
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    widths = None
    if fmt in WRAPPING_FORMATS and body:
        widths = [WRAP if i in wrap_columns else None for i in range(len(headers))]
    text = tabulate(body, headers=headers, tablefmt=fmt, maxcolwidths=widths, disable_numparse=True)
    return text + "\n"


def _tsv_cell(value) -> str:
    """A cell of a tab-separated table: tabs and line breaks inside it become spaces."""
    return "" if value is None else " ".join(str(value).replace("\t", " ").splitlines())


def timeline_table(tl: Timeline) -> tuple[list[str], list[list[str]]]:
    """Headers and rows: a row per thread, a column of cell marks per round, first and last seen,
    the demand as first made (what names the thread) and as last made (empty when it never changed)."""
    headers = [
        "thread",
        *(date_label(p, f"round {i + 1}") for i, p in enumerate(tl.rounds)),
        "first seen",
        "last seen",
        "first demand",
        "latest demand",
    ]
    body = [
        [
            t.id + (f" (from {t.parent})" if t.parent else ""),
            *((mark(t.at(i)) if t.at(i) else "") for i in range(len(tl.rounds))),
            tl.first_seen(t) or "",
            tl.last_seen(t) or "",
            t.first.text,
            "" if t.latest.text == t.first.text else t.latest.text,
        ]
        for t in tl.threads
    ]
    return headers, body


def render_timeline(tl: Timeline, fmt: str = "simple") -> str:
    """The timeline as text: json (``to_dict``), csv, or a tabulate table with a legend and summary."""
    if fmt == "json":
        data = tl.to_dict()
        legend = {**MARKS, "returned": RETURNED}
        data = {"rounds": data["rounds"], "summary": data["summary"], "legend": legend, "threads": data["threads"]}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    headers, body = timeline_table(tl)
    table = render_rows(headers, body, fmt, wrap_columns=(len(headers) - 2, len(headers) - 1))
    if fmt in ("csv", "tsv"):
        return table
    s = tl.summary
    span = f"{date_label(tl.rounds[0])} to {date_label(tl.rounds[-1])}"
    return (
        f"{table}\n{LEGEND}.\n"
        f"{s['threads']} threads over {s['rounds']} rounds ({span}): "
        f"{s['present_throughout']} made in every round ({s['unchanged_throughout']} unchanged throughout), "
        f"{s['dropped_for_good']} dropped for good, {s['returned']} came back after a gap.\n"
    )
