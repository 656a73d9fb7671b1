import datetime as dt

import pytest

from demanddiff.positions.prose.timecues import rounds_of

TODAY = dt.date(2025, 3, 13)
CASES = {
    "late-year": (["Talks were held in late 2021."], [dt.date(2021, 9, 1)]),
    "month-year": (["In November 2023 Eastmark demanded a moratorium."], [dt.date(2023, 11, 1)]),
    "full-date": (["Russia invaded on February 24, 2022."], [dt.date(2022, 2, 24)]),
    "this-month": (["This month Moscow insists on it."], [TODAY]),
    "last-year": (["Last year they asked for more."], [dt.date(2024, 1, 1)]),
    "no-cue-is-now": (["Moscow insists on it."], [TODAY]),
    "points-back": (["During the Istanbul talks in 2022 they met.", "During those talks, Russia demanded X."], [
        dt.date(2022, 1, 1), dt.date(2022, 1, 1)]),
    "past-narration": (["In March 2023 we asked for X.", "We asked for Y.", "We demand Z."], [
        dt.date(2023, 3, 1), dt.date(2023, 3, 1), TODAY]),
    "before-a-dated-event": (
        ["Talks ran in late 2021 and in 2022.", "The invasion began on 24 February 2022.",
         "Before the invasion, Moscow made three demands."],
        [dt.date(2021, 9, 1), dt.date(2022, 2, 24), dt.date(2021, 9, 1)],
    ),
    "earlier-undated": (["These earlier conditions included X."], [None]),
}  # fmt: skip


@pytest.mark.parametrize("texts,dates", CASES.values(), ids=CASES.keys())
def test_each_sentence_gets_the_round_it_speaks_of(texts, dates):
    assert [w.date for w in rounds_of(texts, TODAY)] == dates


def test_relative_cues_without_a_text_date_stay_undated():
    assert rounds_of(["This month Moscow insists on it."])[0].date is None


def test_a_cited_document_date_does_not_make_a_round():
    texts = [
        "Recalling resolution 68/262 of 2014 and the Geneva Conventions of 1949,",
        "The Council demands that the Russian Federation withdraw.",
        "All French territory should be freed, and the wrong done by Prussia in 1871 should be righted.",
        "During the talks in Istanbul in 2022, Russia demanded neutrality.",
    ]
    dates = [w.date for w in rounds_of(texts, dt.date(2022, 3, 2))]
    assert dates[:3] == [dt.date(2022, 3, 2)] * 3
    assert dates[3] == dt.date(2022, 1, 1)


def test_a_year_that_names_a_document_and_a_previously_announced_policy_are_not_rounds():
    texts = [
        "Calls upon member states to ensure the reopening of the crossing points on the basis of the 2005 "
        "Agreement on Movement and Access.",
        "Encourages steps as expressed in the November 25, 2008, statement.",
        "The manifesto also includes commitments to previously announced policies including cutting fees.",
        "Moscow previously demanded neutrality.",
    ]
    dates = [w.date for w in rounds_of(texts, dt.date(2009, 1, 8))]
    assert dates[:3] == [dt.date(2009, 1, 8)] * 3
    assert dates[3] is None  # "earlier (undated)"


def test_a_cited_day_does_not_leave_its_month_as_a_round():
    # "the ceasefire agreement of 23 May 2014": the day is cited, so "May 2014" is no round either
    found = rounds_of(
        ["The Council urged the signatories to the ceasefire agreement of 23 May 2014 to respect it."], TODAY
    )
    assert [w.date for w in found] == [TODAY]


def test_previous_dates_a_round_or_a_list_of_demands_not_any_noun():
    # Zelensky's peace plan as reported, 28 December 2022; the seed article's "previous conditions"
    texts = [
        "Withdrawing Russian forces, stopping hostilities, and restoring the borders between Ukraine and Russia "
        "to their previous state.",
        "The demands mirror previous conditions presented by Moscow.",
    ]
    dates = [w.date for w in rounds_of(texts, dt.date(2022, 12, 28))]
    assert dates == [dt.date(2022, 12, 28), None]


def test_a_deadline_is_no_round():
    # FT Adviser's election-day recap, 4 July 2024; the Lib Dem manifesto points, 2019
    texts = [
        "The Tories pledged to halve national insurance to 6 per cent by 2027 and scrap self-employed national "
        "insurance.",
        "By 2030 we will generate 80 per cent of our electricity from renewables.",
        "Build 150,000 council and genuinely affordable homes a year by the end of the first term.",
    ]
    assert [w.date for w in rounds_of(texts, dt.date(2024, 7, 4))] == [dt.date(2024, 7, 4)] * 3


def test_by_and_a_date_before_the_text_tells_of_the_past():
    found = rounds_of(["By 2014 Russia had demanded neutrality."], dt.date(2024, 7, 4))
    assert [w.date for w in found] == [dt.date(2014, 1, 1)]


def test_a_date_after_the_text_is_a_target_or_a_name_not_a_round():
    # The G20 New Delhi declaration as reported, 10 September 2023; a climate pledge
    texts = [
        "Accelerating the full and effective implementation of the 2030 Agenda for Sustainable Development.",
        "The G7 will reach net zero emissions in 2050 and will present its plans in March 2024.",
        "In March 2023 the G20 called for debt relief.",
    ]
    dates = [w.date for w in rounds_of(texts, dt.date(2023, 9, 10))]
    assert dates == [dt.date(2023, 9, 10), dt.date(2023, 9, 10), dt.date(2023, 3, 1)]
    # Without the text's date nothing is known to lie ahead of it
    assert rounds_of(texts[1:2])[0].date == dt.date(2050, 1, 1)


def test_a_date_in_the_title_of_an_agreement_dates_the_agreement_not_a_round():
    # The AU Commission Chairperson on El Fasher, 27 April 2024
    texts = [
        "The Chairperson calls on the belligerents to begin the implementation of the May 2023 Jeddah Ceasefire "
        "Agreement.",
        "In May 2023 the belligerents agreed to a truce.",
    ]
    dates = [w.date for w in rounds_of(texts, dt.date(2024, 4, 27))]
    assert dates == [dt.date(2024, 4, 27), dt.date(2023, 5, 1)]


def test_the_items_of_a_list_take_the_round_of_its_lead_in():
    # A blog's account of the Austro-Hungarian ultimatum to Serbia, written on its centenary
    texts = [
        "The ultimatum was presented by the Austrian government to Belgrade on Thursday 23 July 1914 at 6pm.",
        "The principal demands were:",
        "To suppress any publication which incites to hatred and contempt of the Monarchy",
        "To dissolve immediately the society styled Narodna Odbrana",
        "Today Serbia remembers the crisis.",
    ]
    dates = [w.date for w in rounds_of(texts, dt.date(2014, 7, 23))]
    assert dates == [dt.date(1914, 7, 23)] * 4 + [dt.date(2014, 7, 23)]


def test_a_lead_in_dated_relative_to_the_text_opens_no_earlier_round_for_the_text():
    # A UN press release: the text of yesterday's press statement follows
    texts = [
        "Following is the text of yesterday's press statement on the Middle East by the President of the Council:",
        "The members of the Security Council call for an immediate ceasefire.",
    ]
    assert rounds_of(texts, dt.date(2002, 4, 7))[1].date == dt.date(2002, 4, 7)
