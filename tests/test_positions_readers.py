import datetime as dt
import json
import os
import re
import stat
from pathlib import Path

import pytest
import yaml

from demanddiff import InputError, Position, PositionSet, load
from demanddiff.positions import READERS

YAML_ONE = """\
party: Russia
date: 2022-03-29
round: Istanbul talks
source: reported drafts
demands:
  - id: a
    text: Ukraine renounces NATO membership.
    tags: [nato]
  - Ukraine stays neutral.
"""


def write(tmp_path, name, content):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_yaml_single_position_with_mapping_and_bare_string_demands(tmp_path):
    pos = load(write(tmp_path, "p.yaml", YAML_ONE))
    assert isinstance(pos, Position)
    assert (pos.party, pos.date, pos.round, pos.source) == (
        "Russia",
        dt.date(2022, 3, 29),
        "Istanbul talks",
        "reported drafts",
    )
    assert [(s.id, s.text, s.tags) for s in pos.statements] == [
        ("a", "Ukraine renounces NATO membership.", ("nato",)),
        ("2", "Ukraine stays neutral.", ()),
    ]


def test_yaml_dataset_and_json_dataset_load_the_same(tmp_path):
    data = {
        "name": "d",
        "positions": [
            {"party": "A", "date": "2020-01-01", "demands": ["x must happen", "y must happen"]},
            {"party": "A", "date": "2021-01-01", "demands": [{"id": "k", "text": "z must happen"}]},
        ],
    }
    from_yaml = load(write(tmp_path, "d.yml", yaml.safe_dump(data)))
    from_json = load(write(tmp_path, "d.json", json.dumps(data)))
    assert isinstance(from_yaml, PositionSet)
    assert from_yaml.positions == from_json.positions
    assert [len(p) for p in from_json] == [2, 1]


def test_csv_groups_rows_into_rounds(tmp_path):
    text = (
        "party,date,round,id,text,tags\n"
        'Russia,2021-12-17,Drafts,o1,"NATO must not enlarge, ever.",nato\n'
        "Russia,2021-12-17,Drafts,o2,No missiles near borders.,\n"
        'Russia,2022-03-29,Istanbul,n1,Ukraine stays neutral.,"nato, neutrality"\n'
    )
    data = load(write(tmp_path, "d.csv", text))
    assert isinstance(data, PositionSet)
    first, second = data.rounds()
    assert [s.text for s in first.statements] == ["NATO must not enlarge, ever.", "No missiles near borders."]
    assert second.statements[0].tags == ("nato", "neutrality")


@pytest.mark.parametrize("name", ["list.txt", "list.md"])
def test_text_and_markdown_one_demand_per_line_with_front_matter(tmp_path, name):
    text = (
        "---\nparty: Russia\ndate: 2025-03-14\n---\n# Demands\n\n- Ukraine must not join NATO.\n1. No foreign troops.\n"
    )
    pos = load(write(tmp_path, name, text))
    assert (pos.party, pos.date) == ("Russia", dt.date(2025, 3, 14))
    assert [s.text for s in pos.statements] == ["Ukraine must not join NATO.", "No foreign troops."]


def test_text_without_front_matter_takes_meta_from_the_caller(tmp_path):
    pos = load(write(tmp_path, "l.txt", "A must happen.\nB must happen.\n"), party="X", date=dt.date(2020, 1, 2))
    assert (pos.party, pos.date, len(pos)) == ("X", dt.date(2020, 1, 2), 2)


def test_every_extension_has_a_reader():
    assert set(READERS) == {".yaml", ".yml", ".json", ".csv", ".txt", ".md", ".markdown"}


BAD = [
    ("bad.yaml", "party: X\ndemands:\n  - id: 1\n    text: [unclosed\n", r"bad\.yaml:\d+: invalid YAML"),
    ("bad.json", '{"party": "X",\n "demands": [}\n', r"bad\.json:2: invalid JSON"),
    ("bad.csv", "party,date,round,id,text\nX,2020-01-01,r,1,a,b,c\n", r"bad\.csv:2: row has 7 fields"),
    ("nocol.csv", "party,date\nX,2020-01-01\n", r"nocol\.csv:1: CSV header lacks column\(s\) text"),
    ("empty.yaml", "   \n", r"empty\.yaml: file is empty"),
    ("bin.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00", r"bin\.yaml: looks like a binary file"),
    ("latin.txt", "Kyiv must pay \xe9\n".encode("latin-1"), r"latin\.txt:1: not UTF-8 text"),
    (
        "notext.yaml",
        "party: X\ndemands:\n  - id: a\n    text: ok here\n  - id: b\n",
        r"notext\.yaml:5: demand has no text",
    ),
    (
        "dup.yaml",
        "demands:\n  - {id: a, text: one demand}\n  - {id: a, text: another}\n",
        r"dup\.yaml:3: duplicate demand id 'a'",
    ),
    ("date.yaml", "date: 2022/03/29\ndemands: [x]\n", r"date\.yaml:1: invalid date '2022/03/29'"),
    ("ambiguous.yaml", "date: 03/04/2022\ndemands: [x]\n", r"ambiguous\.yaml:1: invalid date '03/04/2022'"),
    ("baddate.csv", "date,text\n2022-02-30,x\n", r"baddate\.csv:2: invalid date '2022-02-30'"),
    ("dup.csv", "id,text\na,one demand\na,another\n", r"dup\.csv:3: duplicate demand id 'a'"),
    ("notext.json", '{"demands": [{"id": "a"}]}', r"notext\.json: demand has no text"),
    ("list.json", "[1, 2]", r"list\.json: expected a position"),
    ("nodemands.yaml", "party: X\n", r"nodemands\.yaml:1: position has no 'demands:' list"),
    ("doc.docx", "whatever", r"doc\.docx: unknown file type '\.docx'"),
    ("front.md", "---\nparty: X\n- a demand\n", r"front\.md:1: front matter opened with '---' is never closed"),
    ("ds.yaml", "positions:\n  - party: X\n    demands: 3\n", r"ds\.yaml:2: positions\[0\]: 'demands' must be a list"),
    # A mistyped key would leave the round undated, or say it has no demands.
    ("dat.yaml", "party: X\ndat: 2022-04-01\ndemands: [x]\n", r"dat\.yaml:2: unknown key 'dat'; did you mean 'date'\?"),
    ("demand.json", '{"party": "X", "demand": ["x"]}', r"demand\.json: unknown key 'demand'; did you mean 'demands'\?"),
    (
        "item.yaml",
        "positions:\n  - party: X\n    demands: [x]\n    rond: first\n",
        r"item\.yaml:4: positions\[0\]: unknown key 'rond'; did you mean 'round'\?",
    ),
    (
        "set.yaml",
        "nmae: talks\npositions:\n  - demands: [x]\n",
        r"set\.yaml:1: unknown key 'nmae'; did you mean 'name'\?",
    ),
    (
        "front2.md",
        "---\nparty: X\ndtae: 2020-01-01\n---\n- a demand\n",
        r"front2\.md:3: front matter: unknown key 'dtae'",
    ),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_names_file_line_and_fix(tmp_path, name, content, message):
    with pytest.raises(InputError, match=message):
        load(write(tmp_path, name, content))


def test_directory_and_missing_file(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        load(tmp_path)
    with pytest.raises(InputError, match="no such file"):
        load(tmp_path / "absent.yaml")


def test_yaml_tags_that_run_code_are_refused(tmp_path):
    with pytest.raises(InputError, match="invalid YAML"):
        load(write(tmp_path, "evil.yaml", "demands: !!python/object/apply:os.system ['echo hi']\n"))


def test_demand_sources_are_read_and_kept(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(
        "party: Russia\ndemands:\n  - id: d1\n    text: Bar Ukraine from NATO.\n    sources:\n"
        "      - {start: 3, end: 40, round: late 2021, date: 2021-09-01, sentence: Moscow insists on barring it.}\n"
    )
    source = load(path).statements[0].sources[0]
    assert (source.start, source.end, source.round, source.date.isoformat()) == (3, 40, "late 2021", "2021-09-01")


def test_a_bad_source_names_the_line(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("party: R\ndemands:\n  - id: d1\n    text: X.\n    sources:\n      - {start: 9, end: 2}\n")
    with pytest.raises(InputError, match=r"p.yaml:6: a source's start and end"):
        load(path)


def test_only_safe_yaml_loading_in_the_source():
    """Every YAML read goes through SafeLoader: no tag in a file can build Python objects."""
    from demanddiff.positions.readers import _LineLoader

    assert issubclass(_LineLoader, yaml.SafeLoader)
    root = Path(__file__).resolve().parent.parent
    sources = [p for p in root.rglob("*.py") if ".venv" not in p.parts and "tests" not in p.parts]
    calls = [(p.name, line) for p in sources for line in p.read_text().splitlines() if "yaml." in line]
    assert calls, "no YAML loading found: the scan looks in the wrong place"
    for name, line in calls:
        assert not any(bad in line for bad in ("unsafe_load", "full_load", "FullLoader", "UnsafeLoader")), name
        if "yaml.load(" in line:
            assert "Loader=_LineLoader" in line, (name, line)
        assert "yaml.Loader" not in line, (name, line)


def test_position_and_decisions_yaml_escape_direction_overrides_and_read_back_alike(tmp_path):
    """extract printed a demand holding a right-to-left override raw ("withdraw \u202eevil\u202c troops"
    shows as "withdraw live troops" on a terminal): YAML now writes it escaped, as JSON does."""
    from demanddiff.positions.decisions import Decisions, read_decisions
    from demanddiff.positions.decisions import to_yaml as decisions_yaml
    from demanddiff.positions.model import Source, Statement
    from demanddiff.positions.writers import to_yaml

    text = "Russia must withdraw \u202eevil\u202c troops, caf\u00e9 \u00e9t\u00e9."
    position = Position((Statement("d1", text, (), (Source(text, 0, len(text)),)),), party="R\u2066x")
    written = to_yaml(position)
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", written) and "\\u202E" in written
    plain = Position((Statement("d1", "caf\u00e9 \u00e9t\u00e9."),))
    assert "caf\u00e9 \u00e9t\u00e9" in to_yaml(plain)  # other texts as they are
    path = tmp_path / "p.yaml"
    path.write_text(written)
    again = load(path)
    assert again.statements[0].text == text and again.statements[0].sources[0].sentence == text
    assert again.party == "R\u2066x"
    decided = decisions_yaml(Decisions(position, position))
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", decided)
    (tmp_path / "d.yaml").write_text(decided)
    assert read_decisions(tmp_path / "d.yaml").old.statements[0].text == text


def test_a_text_file_that_reads_as_prose_is_refused_with_one_line(tmp_path):
    """`.txt` is one demand per line to `compare`; an article is refused, naming `extract`."""
    from demanddiff.positions.errors import InputError
    from demanddiff.positions.readers import load

    path = tmp_path / "article.txt"
    path.write_text(
        "Russia lays out demands\n"
        "Moscow insists on barring Ukraine from NATO. It also wants foreign troops banned from the country.\n"
        "Officials said the list was handed over on Tuesday. The US has not replied yet to the proposal.\n"
        "Analysts expect talks to resume next month, though no date has been set by either side so far.\n"
    )
    with pytest.raises(InputError, match=r"reads as prose .*run `demanddiff extract .*article.txt` first"):
        load(path)
    lines = tmp_path / "list.txt"
    lines.write_text("Ukraine must renounce NATO.\nNo foreign troops in Ukraine.\nSanctions must be lifted.\n")
    assert len(load(lines)) == 3
    page = tmp_path / "statement.html"
    page.write_text("<html><body><p>Ukraine must renounce NATO.</p></body></html>\n")
    with pytest.raises(
        InputError, match=r"statement.html: is a web page; run `demanddiff extract .*statement.html` first"
    ):
        load(page)


@pytest.mark.parametrize(
    "text, fmt",
    [
        ("party: X\ndemands:\n  - a\n", "yaml"),
        ("---\nparty: X\ndemands:\n  - a\n", "yaml"),
        ('{"party": "X", "demands": ["a"]}', "json"),
        ("{party: X, demands: [a]}", "yaml"),
        ("id,text\n1,Troops must leave.\n", "csv"),
        ("---\nparty: X\n---\n- Troops must leave.\n", "markdown"),
        ("- Troops must leave.\n- Grain ships pass.\n", "markdown"),
        ("Troops must leave: all of them.\n", "markdown"),
    ],
    ids=["yaml", "yaml-document-start", "json", "yaml-flow", "csv", "front-matter", "bullets", "colon-prose"],
)
def test_sniff_tells_the_formats_apart(text, fmt):
    from demanddiff.positions.readers import loads, sniff

    assert sniff(text) == fmt
    assert len(loads(text)) >= 1  # and the sniffed reader reads it


def test_a_file_without_extension_is_sniffed_and_input_format_overrides(tmp_path):
    path = tmp_path / "demands"
    path.write_text('{"party": "X", "demands": ["Troops must leave."]}')
    assert load(path).party == "X"
    assert len(load(path, "markdown")) == 1  # the JSON line itself, read as one demand


# --- hardening (issue 13): bounded, strict, one validation path -------------------------------

ALIAS_BOMB = (
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "party: X\ndemands:\n  - {id: 1, text: A demand., tags: *g}\n"
)


def test_yaml_aliases_are_refused_at_once(tmp_path):
    import time

    started = time.monotonic()
    with pytest.raises(InputError, match=r"bomb\.yaml:2: YAML aliases \(\*name\) are not allowed"):
        load(write(tmp_path, "bomb.yaml", ALIAS_BOMB))
    assert time.monotonic() - started < 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("dup.yaml", "party: X\ndemands: [a must go]\ndemands: [b must go]\n", r"dup\.yaml:3: duplicate key 'demands'"),
        ("dupdemand.yaml", "demands:\n  - {id: a, text: x, text: y}\n", r"dupdemand\.yaml:2: duplicate key 'text'"),
        ("dup.json", '{"party": "X", "demands": ["a"], "demands": ["b"]}', r"dup\.json: duplicate key 'demands'"),
        (
            "dup.md",
            "---\nparty: X\nparty: Y\n---\n- a must go\n",
            r"dup\.md:3: duplicate key 'party'",
        ),
    ],
    ids=["yaml", "yaml demand", "json", "front matter"],
)
def test_duplicate_keys_are_an_error(tmp_path, name, content, message):
    with pytest.raises(InputError, match=message):
        load(write(tmp_path, name, content))


@pytest.mark.parametrize("name", ["deep.yaml", "deep.json", "deep.md"])
def test_deep_nesting_is_refused(tmp_path, name):
    deep = "[" * 50_000 + "]" * 50_000
    content = {
        "deep.yaml": f"party: X\ndemands: {deep}\n",
        "deep.json": f'{{"party": "X", "demands": {deep}}}',
        "deep.md": f"---\nparty: {deep}\n---\n- a must go\n",
    }[name]
    with pytest.raises(InputError, match="nested more than 20 levels deep"):
        load(write(tmp_path, name, content))


@pytest.mark.parametrize("form", ["yaml", "json", "yaml-map", "yaml-block"])
def test_deep_nesting_in_a_file_without_extension_is_refused(tmp_path, form):
    """A file with no known extension (or standard input) is sniffed first: its unbounded parse hit
    Python's recursion limit, exit 3."""
    content = {
        "yaml": "x: " + "[" * 50_000 + "]" * 50_000 + "\n",
        "json": "[" * 50_000 + "]" * 50_000,
        "yaml-map": "demands:\n  - " + "{a: " * 30_000 + "1" + "}" * 30_000 + "\n",
        "yaml-block": "demands:\n" + "".join("  " * (i + 1) + "-\n" for i in range(3000)),
    }[form]
    with pytest.raises(InputError, match="nested more than 20 levels deep"):
        load(write(tmp_path, "deep", content))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("date: 2025-02-30\ndemands: [a must go]\n", "invalid date '2025-02-30'"),
        ('{"demands": ["a must go"], "party": ' + "1" * 5000 + "}", "number has more than 100 digits"),
        ("demands: [a must go]\nparty: " + "1" * 5000 + "\n", "number has more than 100 digits"),
    ],
    ids=["impossible date", "json 5000 digits", "yaml 5000 digits"],
)
def test_a_file_without_extension_is_refused_as_its_format_is(tmp_path, content, message):
    """Sniffing a file with no known extension (or standard input) parsed it with the unbounded parsers:
    an impossible date or a 5,000-digit number was a ValueError, exit 3."""
    with pytest.raises(InputError, match=message):
        load(write(tmp_path, "piped", content))


def test_a_list_of_one_impossible_date_is_a_list():
    from demanddiff.positions.readers import sniff

    assert sniff("- 2025-02-30\n") == "markdown"


IMPOSSIBLE_DATES = {
    "d.yaml": "date: 2025-02-30\ndemands: [a must go]\n",
    "d.json": '{"date": "2025-02-30", "demands": ["a must go"]}',
    "d.csv": "date,text\n2025-02-30,a must go\n",
    "d.md": "---\ndate: 2025-02-30\n---\n- a must go\n",
}


@pytest.mark.parametrize("name", list(IMPOSSIBLE_DATES))
def test_an_impossible_date_is_the_same_error_in_every_format(tmp_path, name):
    with pytest.raises(InputError) as info:
        load(write(tmp_path, name, IMPOSSIBLE_DATES[name]))
    assert info.value.message == "invalid date '2025-02-30'; write it as YYYY-MM-DD, e.g. 2022-03-29"
    assert info.value.line == {"d.yaml": 1, "d.json": None, "d.csv": 2, "d.md": 2}[name]


@pytest.mark.parametrize(
    "content",
    [
        "date: 2024-13-01\ndemands: [a must go]\n",
        "positions:\n  - {date: 2025-02-30, demands: [a must go]}\n",
        "demands:\n  - {id: d, text: a must go, sources: [{start: 0, end: 1, date: 2023-02-29}]}\n",
    ],
    ids=["month 13", "dataset round", "source date"],
)
def test_impossible_yaml_dates_are_input_errors(tmp_path, content):
    with pytest.raises(InputError, match=r"invalid date '20\d\d-\d\d-\d\d'"):
        load(write(tmp_path, "d.yaml", content))


def test_an_impossible_date_in_a_gold_case_is_an_input_error(tmp_path):
    from demanddiff.positions.gold import read_case

    path = write(tmp_path, "case.yaml", "old: {date: 2025-02-30, demands: [a]}\nnew: {demands: [b]}\nlinks: []\n")
    with pytest.raises(InputError, match=r"case\.yaml:1: invalid date '2025-02-30'"):
        read_case(path)


HUGE = "9" * 5000


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("n.yaml", f"demands:\n  - {{id: {HUGE}, text: a must go}}\n"),
        ("n.json", f'{{"demands": [{{"id": {HUGE}, "text": "a"}}]}}'),
    ],
)
def test_huge_integers_are_refused(tmp_path, name, content):
    with pytest.raises(InputError, match="number has more than 100 digits; write it in quotes if it is an id"):
        load(write(tmp_path, name, content))


@pytest.mark.parametrize(
    ("name", "content"),
    [("s.json", '{"demands": ["bad \\ud800 text"]}'), ("s.yaml", 'demands: ["bad \\ud800 text"]\n')],
)
def test_lone_surrogates_are_refused(tmp_path, name, content):
    with pytest.raises(InputError, match=r"text holds a lone surrogate \(U\+D800\)"):
        load(write(tmp_path, name, content))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('id,text\n1,"Tariffs must\ngo\nnow."\n2,x,extra\n', ":5: row has 3 fields but the header has 2"),
        ('id,text\n1,"Tariffs must\ngo\nnow."\n\n2,\n', ":6: demand text is empty"),
        ('id,text\r\n1,"a must\r\ngo"\r\n1,b must go\r\n', ":4: duplicate demand id '1'"),
    ],
    ids=["fields", "empty-text", "crlf-duplicate-id"],
)
def test_csv_errors_name_the_line_in_the_file_after_quoted_line_breaks(tmp_path, content, message):
    """A quoted cell over three lines put every later error two lines early: rows were counted, not lines."""
    with pytest.raises(InputError) as info:
        load(write(tmp_path, "ml.csv", content))
    assert str(info.value).startswith(f"{tmp_path / 'ml.csv'}{message}")


def test_a_csv_column_named_twice_is_refused(tmp_path):
    """Two 'text' columns (an original and a translation) kept the last silently."""
    with pytest.raises(InputError) as info:
        load(write(tmp_path, "two.csv", "id,text,Text \n1,first demand,second demand\n"))
    assert (info.value.message, info.value.line) == ("CSV header names column 'text' twice; give each column once", 1)


def test_a_csv_holding_only_a_bom_is_empty(tmp_path):
    with pytest.raises(InputError, match=r"bom\.csv: file is empty"):
        load(write(tmp_path, "bom.csv", b"\xef\xbb\xbf"))
    with pytest.raises(InputError, match=r"bom\.csv: file is empty"):
        load(write(tmp_path, "bom.csv", b"\xef\xbb\xbf\n  \n"))


INVISIBLE = "\u200b\u200d\u202e\u2066 \ufeff"


@pytest.mark.parametrize(
    ("name", "content", "line"),
    [
        ("i.yaml", f"demands:\n  - ok must go\n  - '{INVISIBLE}'\n", 3),
        ("i.json", json.dumps({"demands": ["ok must go", INVISIBLE]}), None),
        ("i.csv", f"id,text\n1,ok must go\n2,{INVISIBLE}\n", 3),
        ("i.md", f"- ok must go\n- {INVISIBLE}x\x1b\n", 2),
    ],
    ids=["yaml", "json", "csv", "markdown"],
)
def test_texts_of_invisible_characters_are_empty_in_every_format(tmp_path, name, content, line):
    if name == "i.md":  # a control character and the zero-width ones are dropped, and the demand keeps its letter
        assert [s.text for s in load(write(tmp_path, name, content)).statements][1] == "\u200d\u202e\u2066 x"
        content = f"- ok must go\n- {INVISIBLE}\x1b\x07\n"
    with pytest.raises(InputError) as info:
        load(write(tmp_path, name, content))
    assert (info.value.message, info.value.line) == ("demand text is empty; write the demand or remove the item", line)


@pytest.mark.parametrize("name", ["z.yaml", "z.json", "z.csv", "z.md"])
def test_zero_width_characters_inside_words_are_dropped(tmp_path, name):
    """Text pasted from a web page carries zero-width spaces, joiners and soft hyphens inside words:
    "re\u200bmoved by 20\u200b30" compared with "removed by 2030" was changed ("number: - -> 20;
    number: - -> 30; date: 2030 -> -") and "must\u00ad" another word than "must"."""
    texts = ["Tariffs on steel must be re\u200bmoved by 20\u200b30.", "Ukraine must\u00ad not with\u2060draw\u200d."]
    content = {
        "z.yaml": "demands:\n" + "".join(f"  - {json.dumps(t)}\n" for t in texts),
        "z.json": json.dumps({"demands": texts}),
        "z.csv": "text\n" + "".join(f"{t}\n" for t in texts),
        "z.md": "".join(f"- {t}\n" for t in texts),
    }[name]
    assert [s.text for s in load(write(tmp_path, name, content)).statements] == [
        "Tariffs on steel must be removed by 2030.",
        "Ukraine must not withdraw.",
    ]


def test_joiners_between_letters_of_other_scripts_are_kept(tmp_path):
    """A zero-width non-joiner spells Persian (and a joiner builds an emoji): kept where no ASCII is next to it."""
    text = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u06cc\u0645 \U0001f469\u200d\U0001f52c"
    assert load(write(tmp_path, "p.json", json.dumps({"demands": [text]}))).statements[0].text == text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("demands:\n  - {id: [a, b], text: a must go}\n", "a demand's id must be a string or an integer, not a list"),
        (
            "demands:\n  - {id: !!set {a, b}, text: a must go}\n",
            "a demand's id must be a string or an integer, not a set",
        ),
        ("demands:\n  - {id: yes, text: a must go}\n", "a demand's id must be a string or an integer, not true"),
        ("demands:\n  - {id: 1.5, text: a must go}\n", "a demand's id must be a string or an integer, not 1.5"),
        ("party: [A, B]\ndemands: [a must go]\n", "party must be a string or an integer, not a list"),
        ("party: no\ndemands: [a must go]\n", "party must be a string or an integer, not false"),
        ("round: {a: 1}\ndemands: [a must go]\n", "round must be a string or an integer, not a mapping"),
        ("demands:\n  - {id: a, text: a must go, tags: [[x]]}\n", "a tag must be a string or an integer, not a list"),
        ("demands:\n  - {id: a, text: [a, b]}\n", "a demand's text must be a string, not a list"),
    ],
    ids=[
        "list id",
        "set id",
        "bool id",
        "float id",
        "list party",
        "bool party",
        "map round",
        "nested tag",
        "list text",
    ],
)
def test_ids_and_metadata_must_be_scalars(tmp_path, content, message):
    with pytest.raises(InputError, match=re.escape(message) + "; write "):
        load(write(tmp_path, "s.yaml", content))


def test_the_same_fault_gives_the_same_message_in_yaml_json_and_csv(tmp_path):
    faults = {
        "duplicate id": (
            "demands:\n  - {id: a, text: x must go}\n  - {id: a, text: y must go}\n",
            json.dumps({"demands": [{"id": "a", "text": "x must go"}, {"id": "a", "text": "y must go"}]}),
            "id,text\na,x must go\na,y must go\n",
        ),
        "empty id": (
            "demands:\n  - {id: ' ', text: x must go}\n",
            json.dumps({"demands": [{"id": " ", "text": "x must go"}]}),
            "id,text\n ,x must go\n",
        ),
    }
    for fault, (as_yaml, as_json, as_csv) in faults.items():
        messages = set()
        for name, content in (("f.yaml", as_yaml), ("f.json", as_json), ("f.csv", as_csv)):
            with pytest.raises(InputError) as info:
                load(write(tmp_path, name, content))
            messages.add(info.value.message)
        assert len(messages) == 1, (fault, messages)


def test_markdown_rules_fences_quotes_and_tables_are_not_demands(tmp_path):
    text = (
        "# Demands\n\n- Ukraine must not join NATO.\n\n---\n\n***\n\n> a quoted aside\n\n"
        "```\ncode = 1\n- not a demand either\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "<!-- a comment -->\n2. No foreign troops.\n"
    )
    pos = load(write(tmp_path, "l.md", text), party="X")
    assert [s.text for s in pos.statements] == ["Ukraine must not join NATO.", "No foreign troops."]


@pytest.mark.parametrize("written", ["0x10", "0b101", "1:30", "010", "1_000"])
def test_yaml_ids_in_other_number_forms_are_kept_as_written(tmp_path, written):
    path = tmp_path / "p.yaml"
    path.write_text(f"demands:\n  - {{id: {written}, text: a must go}}\n  - {{id: 7, text: b must go}}\n")
    assert [s.id for s in load(path).statements] == [written, "7"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_files_with_a_byte_order_mark_are_read(tmp_path, encoding):
    path = tmp_path / "p.yaml"
    text = "party: Café\ndemands:\n  - Tariffs must go.\n"
    path.write_bytes(("\ufeff" + text).encode(encoding))
    loaded = load(path)
    assert loaded.party == "Café" and [s.text for s in loaded.statements] == ["Tariffs must go."]


def test_a_nul_byte_past_the_start_names_its_line(tmp_path):
    path = tmp_path / "p.txt"
    path.write_bytes(b"".join(b"Demand %d must go.\n" % i for i in range(1000)) + b"Bad \x00 one.\n")
    with pytest.raises(InputError) as info:
        load(path)
    assert str(info.value) == f"{path}:1001: holds a NUL byte; remove it (or save the file as UTF-8 text)"


def test_an_empty_settings_file_names_the_fix_for_settings(tmp_path):
    from demanddiff import Settings

    path = tmp_path / "s.yaml"
    path.write_text("\n")
    with pytest.raises(InputError, match="file is empty; add 'name: value' lines to it"):
        Settings.load(path)


def test_a_file_name_too_long_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot read: File name too long"):
        load(tmp_path / ("a" * 300 + ".yaml"))


def test_an_endless_input_stops_at_the_size_limit(tmp_path, monkeypatch):
    from demanddiff.positions import readers

    monkeypatch.setattr(readers, "MAX_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_text("- a must go\n" * 100)
    with pytest.raises(InputError, match=r"is larger than 1,000 bytes; split it"):
        load(big)
    zero = tmp_path / "zero"  # a character device that never ends, like /dev/zero (made here, never in /dev)
    if os.geteuid() == 0:
        os.mknod(zero, 0o444 | stat.S_IFCHR, os.makedev(1, 5))
        with pytest.raises(InputError, match=r"is larger than 1,000 bytes"):
            load(zero, "yaml")


def test_an_empty_path_is_no_file_name(tmp_path, monkeypatch):
    from demanddiff import load_gold

    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.yaml").write_text("old: 1\n")
    with pytest.raises(InputError, match="no file name given"):
        load_gold([""])


@pytest.mark.parametrize("name", ["list.md", "list.txt"])
def test_a_bullet_with_nothing_after_it_is_no_demand(tmp_path, name):
    position = load(write(tmp_path, name, "- Tariffs must go\n-\n* \n1.\n- Quotas must end\n"))
    assert [s.text for s in position.statements] == ["Tariffs must go", "Quotas must end"]
