"""The stance reading with the real dependency parse (spaCy's small English pipeline)."""

import subprocess
import sys

import pytest

from demanddiff.compare.classify import classify
from demanddiff.compare.explain import stance_reading
from demanddiff.compare.reading import syntax
from demanddiff.compare.reading.record import read
from demanddiff.compare.settings import Settings


def verdict(old: str, new: str) -> str:
    return classify(old, new, 0.9, 0.99, Settings())[0]


@pytest.mark.parametrize(
    ("old", "new", "status"),
    [
        # a verb read with its particle wherever the particle stands
        ("Russia must pull its troops out of the zone.", "Russia must keep its troops in the zone.", "reversed"),
        ("The union must call the strike off.", "The union must continue the strike.", "reversed"),
        ("The union must call the strike off.", "The union must drop the strike.", "persisted"),
        # the opposite particle of a listed phrase takes the other pole
        ("The mission must be scaled back next year.", "The mission must be scaled up next year.", "reversed"),
        ("The levy on aviation fuel must be phased in.", "The levy on aviation fuel must be phased out.", "reversed"),
        # an unlisted verb takes the pole of its nearest listed words
        ("The ministry must ditch the import licences.", "The ministry must retain the import licences.", "reversed"),
        ("The agency must ditch child detention.", "The agency must end child detention.", "persisted"),
    ],
    ids=["pull-out-apart", "call-off-apart", "call-off-drop", "scale-up", "phase-in", "ditch-retain", "ditch-end"],
)  # fmt: skip
def test_stance_verbs_the_lists_do_not_hold(old, new, status):
    assert verdict(old, new) == status
    assert verdict(new, old) == status


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Hospitals must publish waiting times.", "Hospitals must publish waiting times for care that is not urgent."),
        ("Quotas must rise for every vessel.", "Quotas must rise for every vessel that has not broken rules."),
    ],
    ids=["relative-clause", "relative-that"],
)  # fmt: skip
def test_a_negation_in_a_part_one_side_lacks_changes_scope_not_stance(old, new):
    flip, part = stance_reading(read(old), read(new))
    assert flip is None
    assert part is not None and part.kind == "condition" and "not" in part.new
    assert verdict(old, new) == "changed"


def test_a_negated_exception_changes_the_demand():
    old = "Platforms must remove illegal content."
    new = "Platforms must remove illegal content, except where a court has not ruled."
    assert stance_reading(read(old), read(new))[0] is None
    assert verdict(old, new) == "changed"


def test_the_same_negated_part_on_both_sides_is_no_change():
    old = "Landlords may evict tenants who have not paid rent for three months."
    new = "Tenants who have not paid rent for three months may be evicted by their landlords."
    assert stance_reading(read(old), read(new)) == (None, None)


def test_a_negator_counts_on_the_shared_predicate():
    old, new = "Vendors must subcontract the service.", "Vendors must not subcontract the service."
    flip, _ = stance_reading(read(old), read(new))
    assert flip is not None and flip.kind == "negation"


@pytest.mark.parametrize(
    ("old", "new", "flips"),
    [
        # "No X may V" negates V, as "X must not V" does (USMCA's data-flow article, paraphrased).
        # Read as a flip: "no" bears on "party", which the other side lacks. Making the parse
        # carry a negated subject's "no" to its verb mended it but added two false reversals on
        # the fresh battery (its totals: 0.868 / 2 -> 0.860 / 4), so it is left out.
        pytest.param(
            "NAFTA countries must not restrict cross-border data flows or require the use or installation of local "
            "computing facilities.",
            "No party may restrict cross-border transfers of data or require that computing facilities be located in "
            "its territory.",
            False,
            marks=pytest.mark.xfail(strict=True, reason="a negated subject's 'no' bears on the subject"),
        ),
        ("No foreign troops may be stationed in Ukraine.", "Foreign troops may be stationed in Ukraine.", True),
        # one word in common is no shared object: two prohibitions, not a flip
        (
            "State-owned enterprises must act on a commercial basis and must not distort trade through subsidies.",
            "State-owned enterprises may not receive non-commercial assistance that harms the other parties.",
            False,
        ),
    ],
    ids=["no-subject-both", "no-subject-flip", "one-word-object"],
)
def test_a_negator_bears_on_the_shared_predicate_and_object(old, new, flips):
    flip, _ = stance_reading(read(old), read(new))
    assert (flip is not None) == flips
    assert (verdict(old, new) == "reversed") == flips


def test_only_pairs_the_parse_can_change_are_parsed():
    same = ("The board must approve the merger within 30 days.", "The board must approve the merger within 60 days.")
    negated = ("The board must approve the bank merger.", "The board must not approve the bank merger.")
    differ = ("The board must approve the bank merger.", "The board must never sign off the bank merger.")
    syntax.prefetch([same, negated, differ])
    assert differ[1] in syntax._parsed  # sites differ, and not only by a negator: parsed
    assert not {*same, negated[1]} & set(syntax._parsed)  # sites agree, or a bare negator: read off the words
    assert stance_reading(read(negated[0]), read(negated[1]))[0] is not None


def test_parses_are_kept_on_disk_and_read_back_without_spacy(tmp_path):
    text = "The council must tear the empty tower blocks down."
    cache = syntax.ParseCache(tmp_path / "parses.sqlite3")
    fresh = syntax.parses([text])[text]
    cache.put_parses(syntax.identity(), {text: fresh})
    code = (
        "import sys; from demanddiff.compare.reading import syntax; "
        f"c = syntax.ParseCache({str(tmp_path / 'parses.sqlite3')!r}); "
        f"p = c.get_parses(syntax.identity(), [{text!r}])[{text!r}]; "
        "print(p.words[3], p.deps[3], p.lemmas[7], 'spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["tear", "ROOT", "block", "False"]


def test_a_damaged_parse_row_is_parsed_again(tmp_path):
    cache = syntax.ParseCache(tmp_path / "parses.sqlite3")
    cache.put_parses(syntax.identity(), {"A b c.": syntax.Parse(("a",), ("a",), ("X",), ("ROOT",), (0,))})
    db = cache._connect()
    with db:
        db.execute("UPDATE embeddings SET vector = ?", (b"{not json",))
    assert cache.get_parses(syntax.identity(), ["A b c."]) == {}


def test_a_corrupt_parse_cache_is_called_the_parse_cache(tmp_path):
    import warnings

    path = tmp_path / "parses.sqlite3"
    path.write_bytes(b"not a database" * 1000)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert syntax.ParseCache(path).get_parses("m", ["A must go."]) == {}
    assert [str(w.message) for w in caught] == [
        f"parse cache {path} was unreadable (file is not a database); rebuilt it"
    ]
