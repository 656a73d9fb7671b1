"""Nominals (compare/reading/lexicon.nominals, data/nominals.tsv): a noun that names a stance
verb's act, before "of" and after a determiner, takes the verb's stance ("calls for the retention
of the allowance" = "calls for keeping it")."""

import pytest

from demanddiff.compare.explain import polarity_change
from demanddiff.compare.reading.lexicon import nominals
from demanddiff.compare.reading.record import read


def test_the_nominals_come_from_wordnet_with_british_spellings():
    table = nominals()
    assert table["retention"][0] == "retain" and table["continuation"][0] == "continue"
    assert table["privatisation"][0] in ("privatise", "privatize") and table["privatization"][0] == "privatize"
    assert table["expiry"][0] == "expire"  # nominals: in stance.yaml, where WordNet links none
    assert "removal" not in table and "abolition" not in table  # a stance word itself keeps its own reading
    assert len(table) > 150


def test_a_nominal_reads_as_its_verb_only_when_it_names_an_act():
    [site] = read("The union calls for the retention of the night-shift allowance.").sites
    assert (site.lemma, site.sign, site.word) == ("retain", 1, "retention")
    # no "of", or no determiner before it: the noun names no act done to anything
    assert read("Retention rates at the firm must be published.").sites == ()
    assert read("Violations of labour standards can be punished with trade sanctions.").sites == ()


@pytest.mark.parametrize(
    ("a", "b", "flipped"),
    [
        (
            "The union calls for the retention of the night-shift allowance.",
            "The union calls for the abolition of the night-shift allowance.",
            True,
        ),
        (
            "The opposition demands the continuation of the rent freeze.",
            "The opposition demands the termination of the rent freeze.",
            True,
        ),
        (
            "The party pledges the nationalisation of the railways.",
            "The party pledges the privatisation of the railways.",
            True,
        ),
        (
            "The council favours the preservation of the old market hall.",
            "The council favours the demolition of the old market hall.",
            True,
        ),
        (
            "Ministers back the extension of the fishing moratorium.",
            "Ministers back the expiry of the fishing moratorium.",
            True,
        ),
        # a nominal against its verb, or a verb of the same pole: one stance
        (
            "The union calls for the retention of the night-shift allowance.",
            "The union wants the allowance kept.",
            False,
        ),
        (
            "The opposition demands the continuation of the rent freeze.",
            "The opposition wants the rent freeze to continue.",
            False,
        ),
        (
            "The party opposes the privatisation of the water utility.",
            "The party wants it kept in public hands.",
            False,
        ),
    ],
)
def test_nominals_flip_as_their_verbs_do(a, b, flipped):
    change = polarity_change(a, b)
    assert (change is not None) is flipped, change
