"""One renderer per format: every tabulate table format, plus json and csv."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from tabulate import multiline_formats, tabulate, tabulate_formats

from .result import Comparison

# Formats that pass text through unescaped are left out: a statement must never become markup.
FORMATS = ("json", "csv", *(f for f in tabulate_formats if f not in ("unsafehtml", "latex_raw")))
HEADERS = ("status", "old id", "old demand", "new id", "new demand", "score", "what changed")
WRAP = 38  # text column width in multi-line table formats
# Markdown-like formats break on line breaks inside a cell: never wrap those.
WRAPPING_FORMATS = frozenset(multiline_formats) - {"github", "pipe", "jira", "orgtbl", "rst", "presto"}


def _row(item) -> list:
    return [
        item.status + (f" ({item.relation})" if item.relation else ""),
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
    """Any table as json (a list of records), csv, or a tabulate format."""
    if fmt == "json":
        return json.dumps([dict(zip(headers, row)) for row in body], indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([h.replace(" ", "_") for h in headers])
        writer.writerows(body)
        return out.getvalue()
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    widths = None
    if fmt in WRAPPING_FORMATS and body:
        widths = [WRAP if i in wrap_columns else None for i in range(len(headers))]
    text = tabulate(body, headers=headers, tablefmt=fmt, maxcolwidths=widths, disable_numparse=True)
    return text + "\n"
