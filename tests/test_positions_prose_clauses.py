"""Demand clauses read from the real dependency parse (spaCy's small English pipeline)."""

import subprocess
import sys

import pytest

from demanddiff.positions.prose.clauses import (
    agrees,
    deverbal,
    gapped,
    has_predicate,
    imperative,
    reported,
    split_coordination,
    verbs_in_parse,
)
from demanddiff.positions.prose.extract import extract_candidates


def _party(names):
    return lambda owner, before: any(n in owner.lower() for n in names) and "analyst" not in before.lower()


@pytest.mark.parametrize(
    "text,want",
    [
        ("Bring railways back into public ownership.", True),
        ("Significantly increase retiree pay.", True),
        ("The Union will preserve its autonomy.", False),
        ("Railways back in public hands.", False),
    ],
    ids=["imperative", "adverb-first", "will-pledge", "noun-phrase"],
)
def test_an_imperative_is_a_base_verb_that_opens_its_clause_with_no_subject(text, want):
    assert imperative(text) is want


def test_coordinated_clauses_with_their_own_subjects_each_get_the_modal():
    text = (
        "All French territory should be freed and the invaded portions restored, and the wrong done to "
        "France by Prussia in 1871 should be righted."
    )
    assert split_coordination(text) == [
        "All French territory should be freed.",
        "The invaded portions should be restored.",
        "The wrong done to France by Prussia in 1871 should be righted.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The processes of peace shall involve and permit no secret understandings of any kind.",
        "Both countries shall not undertake actions nor participate in activities that affect each other.",
        "Belgium must be evacuated and restored.",
    ],
    ids=["shared-object", "negated", "bare-passives"],
)
def test_a_coordination_that_shares_its_object_or_negation_stays_one_demand(text):
    assert split_coordination(text) == [text]


def test_clauses_joined_by_semicolons_get_the_gapped_modal_back():
    got = gapped("Rumania should be evacuated; occupied territories restored; and Serbia accorded access to the sea")
    assert got == [
        "Rumania should be evacuated",
        "occupied territories should be restored",
        "Serbia should be accorded access to the sea",
    ]
    assert gapped("Rumania should be evacuated; the war is over") is None


def test_a_that_clause_of_a_demand_verb_keeps_its_modality():
    clauses, _ = reported("Moscow demanded that the rights of Russian speakers are protected.", _party(["moscow"]))
    assert clauses == ["The rights of Russian speakers must be protected."]
    clauses, _ = reported("Russia insisted that Kyiv does not join NATO.", _party(["russia"]))
    assert clauses == ["Kyiv must not join NATO."]


def test_an_addressee_and_infinitive_become_the_addressees_demands():
    text = "Russia urged the United States to halt NATO expansion and withdraw its missiles from Europe."
    clauses, _ = reported(text, _party(["russia"]))
    assert clauses == [
        "The United States must halt NATO expansion.",
        "The United States must withdraw its missiles from Europe.",
    ]


def test_the_object_of_call_for_and_a_list_under_which_included_are_noun_phrase_demands():
    assert reported("The union called for the lifting of the pay freeze.", _party(["union"])) == (
        [],
        ["the lifting of the pay freeze"],
    )
    text = "The rebels named the conditions for talks, which included a prisoner exchange and an end to airstrikes."
    assert reported(text, _party(["rebels"]))[1] == ["a prisoner exchange and an end to airstrikes"]


def test_a_demand_verb_whose_subject_is_someone_else_gives_nothing():
    assert reported("Analysts said Russia wants a deal.", _party(["russia"])) == ([], [])
    assert reported("Ukraine demanded that Russia withdraw.", _party(["russia"])) == ([], [])


@pytest.mark.parametrize(
    "text,want",
    [("By Ukraine.", False), ("An end to mandatory overtime.", True), ("Barring Ukraine from NATO.", True)],
    ids=["fragment", "pledge-form", "gerund"],
)
def test_a_fragment_has_no_verb_in_the_parse(text, want):
    assert has_predicate(text) is want


@pytest.mark.parametrize(
    "text,want",
    [
        ("A guarantee of the right to strike", True),
        ("Reduction of working hours to 40 a week", True),
        ("Voting age to 16 for all elections", True),
        ("The weather in Gdynia", False),
    ],
    ids=["deverbal-guarantee", "deverbal-reduction", "complement", "plain-noun"],
)
def test_a_noun_phrase_demand_is_headed_by_a_noun_made_from_a_verb_or_has_a_complement(text, want):
    assert deverbal(text) is want


def test_a_list_the_prose_calls_demands_is_read_without_a_lead_in_line():
    text = (
        "The strike committee presented a list of demands to the management on Monday.\n\n"
        "1. A guarantee of the right to strike.\n"
        "2. Reduction of working hours to 40 a week.\n"
        "3. The weather in Gdynia.\n"
    )
    got = [c.text for c in extract_candidates(text, "strike committee")]
    assert got == [
        "The strike committee demands a guarantee of the right to strike.",
        "The strike committee demands reduction of working hours to 40 a week.",
    ]


def test_a_reported_demand_the_cue_patterns_miss_is_read_from_the_parse():
    got = [c.text for c in extract_candidates("Moscow stipulated that Kyiv abandon its NATO bid.", "Russia")]
    assert got == ["Kyiv must abandon its NATO bid."]


def test_the_parse_is_not_loaded_by_importing_the_extractor():
    code = (
        "import sys, demanddiff.positions.prose.extract, demanddiff.positions.prose.clauses; "
        "print('spacy' in sys.modules, 'torch' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_a_demanded_that_clause_keeps_its_must_and_each_listed_verb_is_a_demand():
    text = (
        "The council demanded that the rebels immediately stop the shelling, unconditionally release all "
        "prisoners and fully respect the truce."
    )
    assert [c.text for c in extract_candidates(text, "council")] == [
        "The rebels must immediately stop the shelling.",
        "The rebels must unconditionally release all prisoners.",
        "The rebels must fully respect the truce.",
    ]
    got = [
        c.text for c in extract_candidates("The union demanded that the night shifts are paid at double rate.", "union")
    ]
    assert got == ["The night shifts must be paid at double rate."]


def test_relative_clauses_with_their_own_modal_are_demands_about_the_antecedent():
    from demanddiff.positions.prose.clauses import relative_demands

    assert relative_demands("The fund, which should be audited every year, must pay the pensions.") == [
        "The fund must pay the pensions.",
        "The fund should be audited every year.",
    ]
    # a restrictive relative ("the agency which should be independent") is part of the demand
    text = "Member states must fund the agency which should be independent."
    assert relative_demands(text) == [text]


def test_an_adjective_the_verb_list_knows_is_not_a_verb_to_split_at():
    got = [
        c.text for c in extract_candidates("Moscow demanded that Serbia be assured a free and secure port.", "Russia")
    ]
    assert got == ["Serbia must be assured a free and secure port."]


def test_a_pronoun_that_opens_a_demand_is_the_name_it_stands_for():
    text = "The EU condemned the involvement of Belarus. The EU urged it to withdraw its troops."
    assert [c.text for c in extract_candidates(text, "EU")] == ["Belarus must withdraw its troops."]
    # no name before the pronoun: left as it is
    assert [c.text for c in extract_candidates("The EU wants peace. It must be a just peace.", "EU")][-1] == (
        "It must be a just peace."
    )


def test_negative_commands_are_imperatives_and_a_thank_you_is_not_a_demand_verb():
    from demanddiff.positions.prose.clauses import imperative

    assert imperative("Don’t cut our wages")  # the CTU's "We Want" list
    assert imperative("Do not resort to disproportionate action")
    assert not imperative("Teachers don’t cut corners")


def test_a_reduced_passive_gets_its_must_be():
    from demanddiff.positions.prose.clauses import noun_item, reduced_passive

    assert reduced_passive("Female soldiers released for Palestinian prisoners") == (
        "Female soldiers must be released for Palestinian prisoners."
    )
    assert reduced_passive("The IDF released the prisoners") == ""
    assert noun_item("A 7 to 10-day humanitarian ceasefire aiming to liberate civilians held by Hamas.")
    assert not noun_item("This includes women, children and the elderly.")


def test_a_list_piece_that_ends_on_a_modifier_belongs_to_the_next_noun():
    from demanddiff.positions.prose.clauses import dangling_modifiers

    text = "an immediate, durable and fully respected ceasefire"
    ends = [text.index(","), text.index(" and")]
    assert dangling_modifiers(text, ends) == {0, 1}
    text = "the release of abducted soldiers and an immediate cessation of hostilities"
    assert dangling_modifiers(text, [text.index(" and")]) == set()


@pytest.mark.parametrize(
    "subject,pronoun,want",
    [
        ("The Mission", "It", True),
        ("The Mission", "They", False),
        ("The EU institutions and the Member States", "They", True),
        ("Member states", "It", False),
    ],
    ids=["singular-it", "singular-they", "coordination-they", "plural-it"],
)
def test_a_pronoun_agrees_in_number_with_the_subject_it_stands_for(subject, pronoun, want):
    assert agrees(subject, pronoun) is want


def test_a_conjunct_with_its_own_finite_verb_is_a_statement_not_a_demand():
    text = (
        "This Agreement should be on the lines of the FTAs agreed with Canada, and this paper sets out its structure."
    )
    assert split_coordination(text) == ["This Agreement should be on the lines of the FTAs agreed with Canada."]


def test_a_word_list_verb_the_parse_reads_as_a_noun_in_a_coordination_joins_back():
    text = "deliver urgently on mitigation and finance"
    assert verbs_in_parse(text, ["deliver urgently on mitigation", "finance"]) == [text]


def test_a_passive_verb_of_asking_has_no_object_demand():
    # "has been set out ... on the basis of which": "basis" is no object of "set"
    text = (
        "The vision for the UK's future relationship has been set out in the manifesto on the basis of which "
        "the Government won the election."
    )
    assert reported(text, _party(["uk", "government"])) == ([], [])


def test_sentences_expected_in_a_batch_parse_as_each_alone():
    """A long document's sentences are parsed a batch at a time (``expect``): the parses are those
    of each sentence parsed on its own, and a text never expected is parsed too."""
    from demanddiff.positions.prose import clauses
    from demanddiff.positions.syntax import parse

    texts = [
        "Bring railways back into public ownership.",
        "The union demands that the employer restore the night-shift premium.",
        "Russia must withdraw its troops, and Ukraine must stay neutral.",
        "Scrap Universal Credit.",
    ]
    clauses.expect(t + " " for t in texts)  # not yet parsed: the first read brings the rest
    for t in texts:
        alone = parse([t + " "])[0]
        batched = clauses.doc(t + " ")
        assert [(w.text, w.tag_, w.dep_, w.head.i) for w in batched] == [
            (w.text, w.tag_, w.dep_, w.head.i) for w in alone
        ]
    assert [w.text for w in clauses.doc("Never expected.")] == ["Never", "expected", "."]
