"""Decisions files: the gold-case format, partial, read back exactly, and bad ones named with the fix."""

import pytest

from conftest import GOLD_DIR, gold_cases
from demanddiff.positions import InputError, Position, Statement
from demanddiff.positions.decisions import (
    Decisions,
    current,
    merge,
    read_decisions,
    to_yaml,
    write_decisions,
)
from demanddiff.positions.gold import Link, read_case

OLD = Position((Statement("o1", "Tariffs on steel should be removed."), Statement("o2", "Patents get five years.")))
NEW = Position((Statement("n1", "Steel tariffs must be removed."), Statement("n2", "Prices are set jointly.")))


@pytest.mark.parametrize("case", gold_cases(), ids=lambda p: p.stem)
def test_every_gold_case_is_a_complete_decisions_file(case):
    gold = read_case(case)
    decisions = read_decisions(case)
    assert decisions.links == gold.links
    assert decisions.decided_old == {s.id for s in gold.old.statements}
    assert decisions.decided_new == {s.id for s in gold.new.statements}


def test_written_decisions_read_back_equal_and_as_a_gold_case(tmp_path):
    d = Decisions(OLD, NEW, name="steel", decided_by="ana").decide({"o1"}, {"n1"}, [Link("o1", "n1", "persisted")])
    d = d.decide({"o2"}, set(), []).skip((None, "n2"))
    path = tmp_path / "d.yaml"
    write_decisions(d, path)
    back = read_decisions(path)
    assert back == d
    assert (back.dropped, back.added, back.decided_by) == ({"o2"}, frozenset(), "ana")
    case = read_case(path)  # eval reads it as a partial gold case
    assert case.decided == ({"o1", "o2"}, {"n1"}) and not case.is_decided(1, "n2")
    assert [p.name for p in tmp_path.iterdir()] == ["d.yaml"]  # no temporary file left behind


def test_a_new_decision_replaces_the_old_ones_on_its_statements():
    d = Decisions(OLD, NEW).decide({"o1"}, {"n1"}, [Link("o1", "n1", "persisted")])
    d = d.decide({"o2"}, {"n1"}, [Link("o2", "n1", "changed")])
    assert d.links == (Link("o2", "n1", "changed"),)
    assert d.decided_old == {"o2"}  # o1 lost its partner: undecided again, the engine aligns it
    unlinked = d.decide({"o2"}, {"n1"}, [])
    assert (unlinked.links, unlinked.dropped, unlinked.added) == ((), {"o2"}, {"n1"})


def test_stale_decisions_are_listed_and_left_out():
    d = Decisions(OLD, NEW, path="d.yaml").decide({"o1"}, {"n1"}, [Link("o1", "n1", "persisted")])
    d = d.decide({"o2"}, set(), [])
    edited = Position((Statement("o1", "Tariffs on steel must go."),))
    kept, stale = current(d, edited, NEW)
    assert len(kept) == 0
    assert stale == [
        "d.yaml: stale decision o1 -> n1 (persisted): the text of old demand o1 has changed since it was decided; "
        "not applied",
        "d.yaml: stale decision o2 dropped: old id o2 is no longer in the old round; not applied",
    ]
    assert current(d, OLD, NEW) == (d, [])


def test_decisions_for_the_rounds_swapped_are_an_error():
    d = Decisions(OLD, NEW, path="d.yaml").decide({"o1"}, {"n1"}, [Link("o1", "n1", "persisted")])
    with pytest.raises(InputError, match="the other way round.*swap OLD and NEW"):
        current(d, NEW, OLD)


def test_two_files_that_disagree_cannot_be_merged():
    a = Decisions(OLD, NEW, path="a.yaml").decide({"o1"}, {"n1"}, [Link("o1", "n1", "persisted")])
    b = Decisions(OLD, NEW, path="b.yaml").decide({"o1"}, set(), [])
    c = Decisions(OLD, NEW, path="c.yaml").decide({"o2"}, set(), [])
    assert merge([a, c]).decided_old == {"o1", "o2"}
    with pytest.raises(InputError, match="b.yaml: decides old demand o1 differently from a.yaml"):
        merge([a, b])


BASE = (
    "old: {demands: [{id: o1, text: a must happen}, {id: o2, text: b must happen}]}\n"
    "new: {demands: [{id: n1, text: a must happen now}]}\n"
)
BAD_DECISIONS = [
    ("wrong-id", BASE + "links:\n  - {old: o9, new: n1, status: persisted}\n",
     ":4: link names old id 'o9', which is not a demand of the old side; use an id from 'old: demands'"),
    ("other-side", BASE + "links:\n  - {old: n1, new: o1, status: changed}\n",
     ":4: link names old id 'n1', which is a demand of the new side; swap old and new in this link"),
    ("dropped-new-id", BASE + "links: []\ndropped: [n1]\n",
     ":4: 'dropped' lists old id 'n1', which is a demand of the new side; list only old ids there"),
    ("linked-and-dropped", BASE + "links:\n  - {old: o1, new: n1, status: changed}\ndropped: [o1]\n",
     ":5: 'dropped' lists 'o1', which a link also names; keep the link or the 'dropped' entry"),
    ("bad-status", BASE + "links:\n  - {old: o1, new: n1, status: same}\n",
     ":4: link status 'same' is not one of persisted, changed, reversed"),
    ("malformed", BASE + "links: [\n", ":4: invalid YAML: expected the node content, but found '<stream end>'; "
     "fix the syntax"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "text", "message"), BAD_DECISIONS, ids=[b[0] for b in BAD_DECISIONS])
def test_bad_decisions_files_name_the_file_line_and_fix(tmp_path, name, text, message):
    path = tmp_path / f"{name}.yaml"
    path.write_text(text)
    with pytest.raises(InputError) as caught:
        read_decisions(path)
    assert str(caught.value) == f"{path}{message}"


def test_decisions_on_every_demand_of_a_large_comparison_apply_in_linear_time():
    """A review page's "accept all" on a comparison of 20,000 demands a side: checking the decisions
    against the rounds took 23 s and merging two such files 80 s (each link looked for in a tuple)."""
    import time

    n = 20_000
    old = Position(tuple(Statement(f"o{i}", f"demand {i} must go") for i in range(n)))
    new = Position(tuple(Statement(f"n{i}", f"demand {i} must go") for i in range(n)))
    decided = Decisions(old, new, tuple(Link(f"o{i}", f"n{i}", "persisted") for i in range(n)), skipped=(("o1", None),))
    started = time.perf_counter()
    valid, stale = current(decided, old, new)
    both = merge([decided, decided])
    assert time.perf_counter() - started < 10  # a second here
    assert valid.links == decided.links and stale == [] and both == decided


def test_a_decisions_file_of_ten_thousand_links_reads_in_linear_time(tmp_path):
    """Each link's ids were checked against sets of every demand id built again for that link: 10,000
    links took half a minute to read, most of it building those sets."""
    import time

    n = 10_000
    old = Position(tuple(Statement(f"o{i}", f"demand {i} must go") for i in range(n)))
    new = Position(tuple(Statement(f"n{i}", f"demand {i} must go") for i in range(n)))
    path = tmp_path / "all.yaml"
    write_decisions(Decisions(old, new, tuple(Link(f"o{i}", f"n{i}", "persisted") for i in range(n))), path)
    started = time.perf_counter()
    assert len(read_decisions(path).links) == n
    assert time.perf_counter() - started < 15  # 5 seconds here (the YAML parser); 30 before


def test_to_yaml_writes_one_line_per_link_and_demand():
    text = to_yaml(read_decisions(GOLD_DIR / "teaching-polarity.yaml"))
    assert "- {old: o3, new: n4, status: reversed}\n" in text
    assert "dropped: [o12]\nadded: [n12]\n" in text
