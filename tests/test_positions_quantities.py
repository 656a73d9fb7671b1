import datetime as dt

import pytest

from demanddiff.positions.quantities import dates, read_quantities


def amounts(text):
    return read_quantities(text).amounts


def keys(text):
    found = read_quantities(text)
    return [a.key for a in found.amounts], [w.value for w in found.dates]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("2,000 troops", "two thousand troops"),
        ("1.5 million homes", "1,500,000 homes"),
        ("25,000 tonnes", "twenty-five thousand tonnes"),
        ("10 percent", "10%"),
        ("10 per cent", "one tenth"),
        ("half of the seats", "50 percent of the seats"),
        ("42 euros a share", "€42 a share"),
        ("within two weeks", "within 14 days"),
        ("one and a half times the rate", "150 percent of the rate"),
        ("on 31 March 2025", "on 2025-03-31"),
        ("on March 31, 2025", "on 31st March 2025"),
        ("by the end of 2030", "by 31 December 2030"),
        ("by the close of 2030", "by the end of 2030"),
        ("in September 2026", "in Sep 2026"),
        # forms the first tune half lacked: suffixes on digits, "N in M", hyphens, codes, "a unit"
        ("a budget of £1.2bn", "a budget of 1.2 billion pounds"),
        ("2.5m barrels a day", "2.5 million barrels a day"),
        ("staff cut by 30pc", "staff cut by 30 percent"),
        ("one in five workers", "20 percent of workers"),
        ("two-thirds of the fleet", "two thirds of the fleet"),
        ("three-quarters of members", "75 percent of members"),
        ("two dozen observers", "24 observers"),
        ("a quarter of a million people", "250,000 people"),
        ("within a fortnight", "within 14 days"),
        ("for a decade", "for ten years"),
        ("within 24 hours", "within a day"),
        ("half a percent", "0.5 percent"),
        ("half a per cent above inflation", "0.5 per cent above inflation"),
        ("net migration in the tens of thousands", "net migration in the tens of thousands"),
        ("EUR 42 a share", "42 euros a share"),
        ("15 US dollars an hour", "$15 an hour"),
        ("a sixth of the budget", "one sixth of the budget"),
        # forms of stop 22's probes: "and a half", a fraction of a scale word, fractions in words
        # and digits, units written onto the digits, "a decade" after any verb
        ("two and a half thousand observers", "2,500 observers"),
        ("two and a half years", "30 months"),
        ("a year and a half", "18 months"),
        ("half a million refugees", "500,000 refugees"),
        ("a quarter million refugees", "250,000 refugees"),
        ("nine-tenths of goods", "90% of goods"),
        ("three tenths of the cut", "30 percent of the cut"),
        ("one twentieth of the vote", "5 percent of the vote"),
        ("a 2/3 majority", "a two-thirds majority"),
        ("pull back 15km", "pull back 15 kilometres"),
        ("held to 1.5C", "held to 1.5 degrees"),
        ("the truce will last a decade", "the truce will last ten years"),
        # dates in digits (day first, year first, American where it can only be), the end of a
        # month, halves, quarters, the middle of a year, ISO year-months, "end-2030"
        ("by 31.12.2026", "by 31 December 2026"),
        ("by 2026/12/31", "by 31 December 2026"),
        ("by 15/03/2026", "by 15 March 2026"),
        ("by 03/15/2026", "by 15 March 2026"),
        ("by the end of December 2026", "by 31 December 2026"),
        ("until the end of June 2026", "until 30 June 2026"),
        ("in the first half of 2026", "in H1 2026"),
        ("by the third quarter of 2026", "by Q3 2026"),
        ("by mid-2027", "by the middle of 2027"),
        ("in September 2026", "in 2026-09"),
        ("at the end of 2030", "at end-2030"),
        # a rate is the amount per year; a season or budget year one span however written
        ("a subsidy of £300 a month", "a subsidy of £3,600 a year"),
        ("36,000 visas a year", "3,000 visas per month"),
        ("$2bn annually", "$2 billion each year"),
        ("£12 an hour", "£12 per hour"),
        ("in the 2025/26 season", "in the 2025-26 season"),
        ("the 2025–2026 budget", "the 2025/26 budget"),
    ],
    ids=lambda s: s,
)
def test_one_quantity_written_two_ways_reads_the_same(a, b):
    assert keys(a) == keys(b)
    assert keys(a) != ([], [])


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("90 days", "six months"),
        ("in the tens of thousands", "in the hundreds of thousands"),
        ("10 percent", "15 percent"),
        ("1 January 2026", "1 July 2026"),
        ("€42", "$42"),
        ("one in five workers", "one in four workers"),
        ("£1.2bn", "£1.2m"),
        ("within a month", "within a year"),
        ("EUR 42", "USD 42"),
        ("two and a half thousand", "two thousand"),
        ("three tenths", "three fifths"),
        ("a 2/3 majority", "a 3/5 majority"),
        ("15km", "15m"),
        ("1.5C", "2C"),
        ("by Q3 2026", "by Q4 2026"),
        ("in H1 2026", "in H2 2026"),
        ("by mid-2027", "by the end of 2027"),
        ("by 31.12.2026", "by 31.12.2027"),
        ("£300 a month", "£300 a year"),
        ("£300 a month", "£300"),
        ("£12 an hour", "£12 a day"),
        ("in the 2025/26 season", "in the 2026/27 season"),
    ],
)
def test_different_quantities_differ(a, b):
    assert keys(a) != keys(b)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("within 180 days of signing", "within six months of signing", True),
        ("for 52 weeks", "for a year", True),
        ("within 45 days", "within one month", False),
        ("within 170 days", "within six months", False),
        ("180 days", "182 days", False),  # one unit: the numbers themselves differ
    ],
)
def test_durations_in_other_calendar_units_are_equal_within_the_calendar_slack(a, b, same):
    (x,), (y,) = amounts(a), amounts(b)
    assert x.same(y) == same and y.same(x) == same


@pytest.mark.parametrize(
    "text",
    [
        "The dispute mechanism of NAFTA Chapter 20 remains in place.",
        "Article 5 applies to every member.",
        "Canada ends its Class 6 and Class 7 milk pricing programs.",
        "Resolution 2231 must be enforced.",
        "Number 10 will publish the review before the summer.",
    ],
)
def test_a_number_that_labels_a_part_or_a_class_is_no_amount(text):
    assert amounts(text) == ()


def test_an_iso_date_is_one_day_not_two_numbers():
    found = read_quantities("The deal ends on 2025-03-31.")
    assert found.amounts == () and [w.first for w in found.dates] == [dt.date(2025, 3, 31)]


def test_may_the_modal_is_no_month():
    assert dates("Parties may meet in May 2026.")[0].text == "May 2026"
    assert len(dates("Parties may meet.")) == 0


def test_bounds_are_read_with_the_number():
    assert read_quantities("No more than 10 percent may be cut.").amounts[0].bound == "at_most"
    assert read_quantities("At least half must be women.").amounts[0].bound == "at_least"


def test_a_fraction_of_a_unit_is_a_duration_and_treble_is_triple():
    from demanddiff.positions.quantities import read_quantities

    def keys(text):
        return [a.key for a in read_quantities(text).amounts]

    assert keys("The measures are renewed for half a year.") == keys("The measures are renewed for six months.")
    assert keys("Countries must treble renewable capacity.") == keys("Countries must triple renewable capacity.")
    assert keys("Countries must treble renewable capacity.") != keys("Countries must double renewable capacity.")
