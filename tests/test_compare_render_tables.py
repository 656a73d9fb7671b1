import csv
import io
import json

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
