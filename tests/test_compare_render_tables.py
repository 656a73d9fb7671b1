import csv
import io
import json
import re

import pytest

from demanddiff import FORMATS, Position, Statement, render
from demanddiff.compare.explain import Change
from demanddiff.compare.result import Comparison, Item

OLD = Statement("o1", "A ceasefire must last 30 days.")
NEW = Statement("n1", "A ceasefire must last 60 days.")
COMPARISON = Comparison(
    Position((OLD,), party="A"),
    Position((NEW, Statement("n2", "<script>alert(1)</script> must stop.")), party="A"),
    (
        Item("changed", OLD, NEW, 0.9, 0.95, 0.8, (Change("number", "30 days", "60 days"),)),
        Item("new", None, Statement("n2", "<script>alert(1)</script> must stop.")),
    ),
)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_every_item(fmt):
    text = render(COMPARISON, fmt)
    assert "ceasefire" in text and "n2" in text


def test_json_is_the_contract():
    assert json.loads(render(COMPARISON, "json")) == COMPARISON.to_dict()


def test_csv_has_one_row_per_item():
    rows = list(csv.DictReader(io.StringIO(render(COMPARISON, "csv"))))
    assert [r["status"] for r in rows] == ["changed", "new"]
    assert rows[0]["what_changed"] == "number: 30 days → 60 days"


def test_html_escapes_statement_text():
    html = render(COMPARISON, "html")
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_markdown_tables_keep_one_line_per_item():
    assert len(render(COMPARISON, "github").strip().splitlines()) == 4


# --- hardening (issue 13): formulas, markup and terminal escapes ------------------------------

FORMULAS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]


def hostile(texts, party="A"):
    old = tuple(Statement(f"o{i}", t) for i, t in enumerate(texts))
    return Comparison(
        Position(old, party=party), Position((), party=party), tuple(Item("dropped", s, None) for s in old)
    )


def test_csv_cells_a_spreadsheet_would_run_are_neutralised():
    rows = list(csv.reader(io.StringIO(render(hostile(FORMULAS), "csv"), newline="")))
    cells = [row[2] for row in rows[1:]]
    as_written = [t.replace("\r", "\n") for t in FORMULAS]  # a carriage return is written as a line break
    assert cells == ["'" + t for t in as_written]
    raw = list(csv.reader(io.StringIO(render(hostile(FORMULAS), "csv-raw"), newline="")))
    assert [row[2] for row in raw[1:]] == as_written


def test_cli_csv_is_neutralised_unless_raw_csv(runner, tmp_path):
    from demanddiff.cli import cli

    path = tmp_path / "r.yaml"
    path.write_text("positions:\n  - {party: '=1+1', round: '@SUM(A1)', demands: [a must go]}\n")
    safe = runner.invoke(cli, ["rounds", str(path), "--format", "csv"])
    assert safe.exit_code == 0, safe.output
    assert list(csv.reader(io.StringIO(safe.stdout)))[1][::2] == ["'=1+1", "'@SUM(A1)"]
    raw = runner.invoke(cli, ["rounds", str(path), "--format", "csv", "--raw-csv"])
    assert list(csv.reader(io.StringIO(raw.stdout)))[1][::2] == ["=1+1", "@SUM(A1)"]


MARKUP = "Pay a | b <script>alert(1)</script> [click](http://evil) ||x|| {{t}} [[Link]]"
MARKUP_FORMATS = ["github", "pipe", "mediawiki", "jira", "textile", "moinmoin", "asciidoc", "orgtbl", "youtrack"]


@pytest.mark.parametrize("fmt", MARKUP_FORMATS)
def test_markup_table_formats_escape_cell_markup(fmt):
    text = render(hostile([MARKUP, "plain demand"]), fmt)
    assert "<script>" not in text and "[click](" not in text and "a | b" not in text and "[[Link]]" not in text
    lines = [line for line in text.splitlines() if "plain demand" in line or "Pay a" in line]
    separators = {len(re.findall(r"(?<![\\])\|", line)) for line in lines}
    assert len(lines) == 2 and len(separators) == 1, text  # the hostile row has as many cells as the plain one


OSC = "\x1b]0;pwned\x07\x1b]52;c;ZWNobyBoaQ==\x07\x9b31m"


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "json"])
def test_no_output_format_passes_terminal_escapes(fmt):
    text = render(hostile([f"Stop {OSC}now.", "Trojan \u202eevil\u202c source"], party=f"Party{OSC}"), fmt)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text), repr(text)
    assert "Stop" in text and "now." in text


def test_json_escapes_terminal_controls_but_keeps_the_data():
    comparison = hostile([f"Stop {OSC}now."])
    text = render(comparison, "json")
    assert not re.search(r"[\x00-\x1f\x7f-\x9f]", text.replace("\n", ""))
    assert json.loads(text) == comparison.to_dict()
