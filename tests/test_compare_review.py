"""What each review answer decides, and the order questions come in."""

import pytest

from conftest import GOLD_DIR
from demanddiff.compare.review import AnswerError, answer, key, queue
from demanddiff.positions.decisions import Decisions
from demanddiff.positions.gold import Link, read_case

SPLITS = GOLD_DIR / "teaching-numbers-split-merge.yaml"


@pytest.fixture(scope="module")
def split_case(engine):
    case = read_case(SPLITS)
    return case, engine.compare(case.old, case.new)


def test_questions_come_least_sure_first_and_skipped_last(split_case):
    case, comparison = split_case
    d = Decisions(case.old, case.new)
    order = queue(comparison, d)
    assert [i.confidence for i in order] == sorted(i.confidence for i in order)
    skipped = d.skip(key(order[0]))
    assert queue(comparison, skipped)[-1] == order[0]
    assert order[0] not in queue(comparison, d, passed={key(order[0])})


def test_accepting_one_link_of_a_split_accepts_the_whole_split(split_case):
    case, comparison = split_case
    split = next(i for i in comparison.items if i.relation)
    d = answer(Decisions(case.old, case.new), comparison, split, "accept")
    members = [i for i in comparison.items if i.relation and (i.old == split.old or i.new == split.new)]
    assert len(members) >= 2
    assert set(d.links) == {Link(i.old.id, i.new.id, i.status, i.relation) for i in members}


def test_unlink_and_link_to_another_id(split_case):
    case, comparison = split_case
    pair = next(i for i in comparison.items if i.old and i.new and not i.relation)
    d = answer(Decisions(case.old, case.new), comparison, pair, "unlink")
    assert (d.links, d.dropped, d.added) == ((), {pair.old.id}, {pair.new.id})
    other = next(s.id for s in case.new.statements if s.id != pair.new.id)
    d = answer(Decisions(case.old, case.new), comparison, pair, "link", other, "changed")
    assert d.links == (Link(pair.old.id, other, "changed"),) and pair.new.id not in d.decided_new


@pytest.mark.parametrize(
    ("other", "status", "message"),
    [("zz", "changed", "no demand 'zz' in either round"), ("", None, "a link needs a status")],
    ids=["unknown-id", "no-status"],
)
def test_answers_that_do_not_fit_are_refused(split_case, other, status, message):
    case, comparison = split_case
    pair = next(i for i in comparison.items if i.old and i.new)
    with pytest.raises(AnswerError, match=message):
        answer(Decisions(case.old, case.new), comparison, pair, "link", other, status)
