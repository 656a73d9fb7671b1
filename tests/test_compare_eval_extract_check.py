"""extract --check: the score of extracted demands against a hand list, round by round."""

import datetime as dt

from demanddiff import check_extraction
from demanddiff.positions.model import Position, PositionSet


def test_rounds_of_one_date_are_checked_together_none_is_lost(engine):
    """A hand list of two undated rounds ("first", "second") checked against --split-rounds output
    counted the second round only: rounds were keyed by date, so one undated round hid the other
    (gold 1 of 2, precision 0.5 for a perfect extraction)."""
    gold = PositionSet(
        (
            Position.from_texts(["Ukraine must withdraw its troops."], party="Russia", round="first"),
            Position.from_texts(["Sanctions must be lifted."], party="Russia", round="second"),
        )
    )
    found = PositionSet(
        (Position.from_texts(["Ukraine must withdraw its troops.", "Sanctions must be lifted."], round="current"),)
    )
    text = "Ukraine must withdraw its troops. Sanctions must be lifted."
    total = check_extraction(found, gold, text, engine=engine)[-1]
    assert (total.gold, total.extracted, total.found, total.right) == (2, 2, 2, 2)
    assert total.missed == () and total.wrong == ()


def test_two_extracted_rounds_of_one_date_are_both_counted(engine):
    day = dt.date(2025, 3, 13)
    gold = Position.from_texts(["Ukraine must withdraw its troops.", "Sanctions must be lifted."], date=day)
    found = PositionSet(
        (
            Position.from_texts(["Ukraine must withdraw its troops."], date=day, round="a"),
            Position.from_texts(["Sanctions must be lifted."], date=day, round="b"),
        )
    )
    text = "Ukraine must withdraw its troops. Sanctions must be lifted."
    total = check_extraction(found, PositionSet((gold,)), text, engine=engine)[-1]
    assert (total.gold, total.extracted, total.found, total.right) == (2, 2, 2, 2)
