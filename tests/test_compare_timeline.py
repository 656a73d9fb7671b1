import csv
import datetime as dt
import io
import json

import pytest

from conftest import FIXTURE, THREADS_EXPECTED
from demanddiff import FORMATS, Position, Statement, load
from demanddiff.compare.render.style import mark
from demanddiff.compare.render.tables import render_timeline
from demanddiff.compare.result import Comparison, Item
from demanddiff.compare.timeline import timeline


def marks(tl, thread) -> list[str]:
    return [mark(thread.at(i)) if thread.at(i) else "" for i in range(len(tl.rounds))]


def by_topic(tl) -> dict[str, list[str]]:
    """Each known thread's marks, found by a word of its first statement."""
    found = {}
    for topic in THREADS_EXPECTED:
        (thread,) = [t for t in tl.threads if topic in t.steps[0].statement.text.lower()]
        found[topic] = marks(tl, thread)
    return found


def test_known_threads_including_a_drop_and_return(engine, threads_dataset):
    tl = timeline(load(threads_dataset), engine=engine)
    assert len(tl.threads) == len(THREADS_EXPECTED)
    assert by_topic(tl) == THREADS_EXPECTED
    assert tl.summary == {
        "rounds": 4,
        "threads": 6,
        "present_throughout": 2,
        "unchanged_throughout": 1,
        "dropped_for_good": 2,
        "returned": 1,
    }


def test_returned_step_is_compared_with_the_demand_as_last_made(engine, threads_dataset):
    tl = timeline(load(threads_dataset), engine=engine)
    (troops,) = [t for t in tl.threads if any(s.returned for s in t.steps)]
    back = troops.steps[-1]
    assert (back.previous.id, back.statement.id, back.status) == ("a2", "d2", "persisted")
    assert (tl.first_seen(troops), tl.last_seen(troops)) == ("2020-01-10", "2023-01-10")


def test_a_return_beyond_memory_starts_a_new_thread(engine, threads_dataset):
    tl = timeline(load(threads_dataset), engine=engine, memory=2)
    troops = [marks(tl, t) for t in tl.threads if "troops" in t.latest.text]
    assert troops == [["+ a2", "x", "", ""], ["", "", "", "+ d2"]]


def test_from_and_to_pick_rounds_like_compare(engine, threads_dataset):
    tl = timeline(load(threads_dataset), start=dt.date(2021, 6, 1), end=dt.date(2022, 12, 31), engine=engine)
    assert [p.round for p in tl.rounds] == ["Second", "Third"]
    assert all(t.steps[0].status == "new" for t in tl.threads)


def test_fixture_threads_cover_every_demand_of_every_round(engine):
    tl = timeline(load(FIXTURE), engine=engine)
    assert [p.date.isoformat() for p in tl.rounds] == ["2021-12-17", "2022-03-29", "2024-06-14", "2025-03-14"]
    for i, position in enumerate(tl.rounds):
        made = sorted(t.at(i).statement.id for t in tl.threads if t.at(i) and t.at(i).statement)
        assert made == sorted(s.id for s in position.statements)
    assert len(tl.comparisons) == 3
    for t in tl.threads:
        assert t.steps[0].status == "new"
        assert tl.first_seen(t) <= tl.last_seen(t)
        assert [s.round for s in t.steps] == sorted({s.round for s in t.steps})


class SplitEngine:
    """Stands in for an engine that links one old demand to two new ones (a split)."""

    def compare(self, old, new):
        a, (b1, b2) = old.statements[0], new.statements
        items = (Item("changed", a, b1, 0.8), Item("changed", a, b2, 0.7, relation="split"))
        return Comparison(old, new, items)


def test_a_split_branches_a_new_thread_from_its_parent():
    rounds = [
        Position((Statement("1", "Troops must leave the north and the south."),), date=dt.date(2020, 1, 1)),
        Position(
            (Statement("1", "Troops must leave the north."), Statement("2", "Troops must leave the south.")),
            date=dt.date(2021, 1, 1),
        ),
    ]
    tl = timeline(rounds, engine=SplitEngine())
    assert [(t.id, t.parent, marks(tl, t)) for t in tl.threads] == [
        ("T1", None, ["+ 1", "~ 1"]),
        ("T2", "T1", ["", "~ 2"]),
    ]


@pytest.fixture(scope="module")
def fixture_timeline(engine):
    return timeline(load(FIXTURE), engine=engine)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_shows_every_thread(fixture_timeline, fmt):
    text = render_timeline(fixture_timeline, fmt)
    assert all(t.id in text for t in fixture_timeline.threads)


def test_table_has_a_column_per_round_a_legend_and_the_summary(fixture_timeline):
    text = render_timeline(fixture_timeline, "simple")
    header = text.splitlines()[0].split()
    assert header[:5] == ["thread", "2021-12-17", "2022-03-29", "2024-06-14", "2025-03-14"]
    assert "+ first seen, = persisted, ~ changed, ! reversed, x dropped" in text
    s = fixture_timeline.summary
    assert f"{s['threads']} threads over 4 rounds (2021-12-17 to 2025-03-14)" in text


def test_csv_and_json_hold_the_same_threads(fixture_timeline):
    rows = list(csv.DictReader(io.StringIO(render_timeline(fixture_timeline, "csv"))))
    data = json.loads(render_timeline(fixture_timeline, "json"))
    assert [r["thread"] for r in rows] == [t["id"] for t in data["threads"]]
    assert [r["first_seen"] for r in rows] == [t["first_seen"] for t in data["threads"]]
    assert data["summary"] == fixture_timeline.summary


class MergeEngine:
    """Stands in for an engine that links two old demands to one new one (a merge)."""

    def compare(self, old, new):
        (a1, a2), (b,) = old.statements, new.statements
        items = (Item("changed", a1, b, 0.6, relation="merge"), Item("changed", a2, b, 0.9, relation="merge"))
        return Comparison(old, new, items)


def test_a_new_demand_ends_at_most_one_thread_the_best_scoring_chain():
    rounds = [
        Position(
            (Statement("1", "Troops must leave the north."), Statement("2", "Troops must leave the south.")),
            date=dt.date(2020, 1, 1),
        ),
        Position((Statement("1", "Troops must leave the north and the south."),), date=dt.date(2021, 1, 1)),
    ]
    tl = timeline(rounds, engine=MergeEngine())
    assert [(t.id, marks(tl, t)) for t in tl.threads] == [("T1", ["+ 1", "x"]), ("T2", ["+ 2", "~ 1"])]
    holders = [t.id for t in tl.threads for s in t.steps if s.round == 1 and s.statement is not None]
    assert holders == ["T2"]  # the pair scored 0.9 wins; the 0.6 chain ends as dropped


def test_thread_numbers_do_not_depend_on_the_order_of_statements(engine, threads_dataset, tmp_path):
    import random

    import yaml

    data = yaml.safe_load(threads_dataset.read_text())
    for position in data["positions"]:
        random.Random(7).shuffle(position["demands"])
    shuffled = tmp_path / "shuffled.yaml"
    shuffled.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    as_written = render_timeline(timeline(load(threads_dataset), engine=engine), "json")
    assert render_timeline(timeline(load(shuffled), engine=engine), "json") == as_written


def test_threads_are_labelled_by_their_first_demand_with_the_latest_beside_it(engine, threads_dataset):
    tl = timeline(load(threads_dataset), engine=engine)
    (ceasefire,) = [t for t in tl.threads if "ceasefire" in t.first.text]
    assert (ceasefire.first.text, ceasefire.latest.text) == (
        "The ceasefire must last 30 days.",
        "The ceasefire must last 60 days.",
    )
    rows = list(csv.DictReader(io.StringIO(render_timeline(tl, "csv"))))
    (row,) = [r for r in rows if r["thread"] == ceasefire.id]
    assert (row["first_demand"], row["latest_demand"]) == (ceasefire.first.text, ceasefire.latest.text)
    data = json.loads(render_timeline(tl, "json"))
    assert [t["first"]["id"] for t in data["threads"]] == [t.first.id for t in tl.threads]
    from demanddiff.compare.render.style import thread_label

    assert thread_label(ceasefire, 80) == "The ceasefire must last 30 days. → The ceasefire must last 60 days."
    short = thread_label(ceasefire, 40)
    assert len(short) <= 40 and short.startswith("The ceasefire") and " → " in short


def test_no_rounds_names_a_filter_only_when_one_was_given():
    with pytest.raises(Exception, match=r"^no rounds to chain; give at least one$"):
        timeline([], engine=SplitEngine())
