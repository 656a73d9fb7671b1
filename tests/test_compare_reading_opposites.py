"""Opposites from WordNet (compare/reading/opposites.py, data/antonyms.tsv): a flip where two
demands say the same but for one word each side, and the two words are antonyms the stance
words do not list. Each flip has its counterpart that is no flip. The sentences are written for
these tests, not taken from a battery."""

import pytest

from demanddiff.compare.explain import polarity_change
from demanddiff.compare.reading import opposites
from demanddiff.compare.reading.lexicon import antonyms
from demanddiff.compare.reading.record import read


@pytest.mark.parametrize(
    ("a", "b", "flipped"),
    [
        # an adjective said of the subject is its stance; one describing a noun names another thing
        (
            "The ceasefire along the northern front must become permanent.",
            "The ceasefire along the northern front must remain temporary.",
            True,
        ),
        (
            "A permanent ceasefire must be agreed along the northern front by June.",
            "A temporary ceasefire must be agreed along the northern front by June.",
            False,
        ),
        ("Gambling on football matches must stay lawful.", "Gambling on football matches must become unlawful.", True),
        # verbs the stance words do not list
        (
            "The authorities must release the journalists held in Minsk.",
            "The authorities must detain the journalists held in Minsk.",
            True,
        ),
        (
            "The government should arm the volunteer brigades in the east.",
            "The government should disarm the volunteer brigades in the east.",
            True,
        ),
        # a negator one side alone says turns the opposite back
        (
            "The union will not disobey the court order on picketing.",
            "The union will obey the court order on picketing.",
            False,
        ),
        (
            "The union will disobey the court order on picketing.",
            "The union will obey the court order on picketing.",
            True,
        ),
        # inside a part only one side has: a change of who, not of stance
        (
            "Refugees who obey the law must be protected from deportation.",
            "Refugees who disobey the law must be protected from deportation.",
            False,
        ),
        # converses are one act seen from two sides; nouns name things
        ("Arms must never be sold to the junta.", "The junta must be barred from buying arms.", False),
        ("Coal imports must be banned from 2027.", "Coal exports must be banned from 2027.", False),
    ],
)
def test_opposite_words_flip_only_where_they_are_what_each_demand_asks(a, b, flipped):
    change = polarity_change(a, b)
    assert (change is not None) is flipped, change
    assert (polarity_change(b, a) is not None) is flipped


def test_the_antonyms_come_from_wordnet_with_british_spellings_found():
    table = antonyms()
    assert "temporary" in table["permanent"] and "permanent" in table["temporary"]
    assert len(table) > 5000
    # WordNet spells "-ize"; the demands say "legalise" and "centralised"
    assert opposites._american("legalise") == "legalize"
    assert opposites._american("centralisation") == "centralization"
    assert opposites._american("honour") == "honor" and opposites._american("four") == "four"


def test_left_out_pairs_and_light_verbs_give_no_candidates():
    # "antonyms: not" in stance.yaml leaves converses and bounds out; light verbs are never candidates
    assert "sell" not in antonyms().get("buy", ())
    assert "more" not in antonyms().get("less", ())
    a = read("Ministers will give the regulator new powers over the railways.")
    b = read("Ministers will take new powers over the railways from the regulator.")
    assert opposites.candidates(a, b) == []


def test_candidates_need_the_rest_of_the_two_demands_to_agree():
    same_rest = opposites.candidates(
        read("The fishing quota for cod must be increased next year."),
        read("The fishing quota for cod must be decreased next year."),
    )
    assert [(x, y) for x, _, y, _ in same_rest] == [("increase", "decrease")]
    other_rest = opposites.candidates(
        read("The fishing quota for cod must be increased next year."),
        read("Subsidies for new trawlers in the Baltic must be decreased."),
    )
    assert other_rest == []
