import datetime as dt
import json
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
