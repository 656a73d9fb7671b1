import datetime as dt

import pytest

from demanddiff import InputError, Position, PositionSet, Statement
from demanddiff.positions import parse_date


def rounds(*specs):
    return PositionSet(
        tuple(Position((Statement("1", f"demand of {d}"),), party=p, date=dt.date.fromisoformat(d)) for p, d in specs),
        source="data.yaml",
    )


DATA = rounds(("Russia", "2021-12-17"), ("Russia", "2022-03-29"), ("Russia", "2025-03-14"))


@pytest.mark.parametrize(
    ("asked", "chosen"),
    [("2022-03-29", "2022-03-29"), ("2024-01-01", "2022-03-29"), ("2030-01-01", "2025-03-14")],
    ids=["exact", "latest-before", "after-last"],
)
def test_select_takes_exact_date_or_latest_round_before(asked, chosen):
    assert DATA.select(dt.date.fromisoformat(asked)).date.isoformat() == chosen


def test_select_before_first_round_names_the_first_round():
    with pytest.raises(InputError, match="no round of 'Russia' on or before 2020-01-01; the first round is 2021-12-17"):
        DATA.select(dt.date(2020, 1, 1))


def test_select_needs_party_when_several_and_matches_case_insensitively():
    both = rounds(("Russia", "2022-01-01"), ("Ukraine", "2022-01-01"))
    with pytest.raises(InputError, match="several parties .*--party"):
        both.select(dt.date(2022, 1, 1))
    assert both.select(dt.date(2022, 1, 1), party="ukraine").party == "Ukraine"
    with pytest.raises(InputError, match="no party 'Belarus'"):
        both.select(dt.date(2022, 1, 1), party="Belarus")


def test_two_rounds_on_one_day_are_ambiguous():
    with pytest.raises(InputError, match="2 rounds of 'Russia' on 2022-01-01"):
        rounds(("Russia", "2022-01-01"), ("Russia", "2022-01-01")).select(dt.date(2022, 1, 1))


def test_rounds_are_oldest_first_whatever_the_file_order():
    shuffled = rounds(("Russia", "2025-03-14"), ("Russia", "2021-12-17"))
    assert [p.date.year for p in shuffled.rounds()] == [2021, 2025]


@pytest.mark.parametrize("text", ["2022/03/29", "29-03-2022", "03/04/2022", "2022-13-01", "March 2022", "2022"])
def test_invalid_or_ambiguous_dates_are_rejected(text):
    with pytest.raises(InputError, match="write it as YYYY-MM-DD"):
        parse_date(text)


def test_from_texts_numbers_demands_from_one():
    p = Position.from_texts(["a b c", "d e f"], party="X")
    assert [(s.id, s.text) for s in p.statements] == [("1", "a b c"), ("2", "d e f")]
    assert p.party == "X"
