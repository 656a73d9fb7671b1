import pytest

from demanddiff.compare.explain import Change, polarity_change, redline, redline_ops, substance_changes


def kinds(old, new):
    return [(c.kind, c.old, c.new) for c in substance_changes(old, new)]


def test_number_change_reports_both_values_as_written():
    assert kinds("A ceasefire lasts 30 days.", "A ceasefire lasts 60 days.") == [("number", "30 days", "60 days")]


def test_equal_quantities_in_other_words_are_no_change():
    assert kinds("Lifts are fixed within two weeks.", "Lifts are fixed within 14 days.") == []


def test_modality_date_condition_scope_and_entity_changes():
    assert ("modality", "should", "must") in kinds("Tariffs should be removed.", "Tariffs must be removed.")
    assert ("date", "2030", "2035") in kinds("Subsidies end by 2030.", "Subsidies end by 2035.")
    assert ("condition", None, "unless") in kinds("Troops leave.", "Troops leave unless attacked.")
    assert ("scope", None, "only") in kinds("Insulation in all flats.", "Insulation in top flats only.")
    assert ("entity", "Donetsk", "Kherson") in kinds("Russia keeps Donetsk.", "Russia keeps Kherson.")
    assert kinds("Ukrainian troops stay.", "Troops of Ukraine stay.") == []


def test_redline_marks_removed_and_added_words():
    assert redline("Rents are frozen for two years.", "Rents are capped for three years.") == (
        "Rents are [-frozen-] {+capped+} for [-two-] {+three+} years."
    )
    assert redline_ops("same words", "same words") == [(" ", "same words")]


def test_change_prints_and_serialises():
    c = Change("number", "30 days", "60 days")
    assert str(c) == "number: 30 days → 60 days"
    assert c.to_dict() == {"kind": "number", "old": "30 days", "new": "60 days"}


def test_redline_sides_keep_each_text_in_its_own_spelling():
    from demanddiff.compare.explain import redline_sides

    old, new = "All NATO members must pledge.", "Ukraine must leave NATO."
    left, right = redline_sides(old, new)
    assert " ".join(t for _, t in left) == old and " ".join(t for _, t in right) == new
    assert left == [(True, "All"), (False, "NATO"), (True, "members must pledge.")]
    assert right == [(True, "Ukraine must leave"), (False, "NATO.")]


def test_a_count_of_two_that_the_other_side_says_with_both_is_no_number_change():
    from demanddiff.compare.explain import substance_changes

    kinds = [
        c.kind
        for c in substance_changes("Both countries must exchange data.", "Data must be shared by the two countries.")
    ]
    assert "number" not in kinds
    kinds = [
        c.kind
        for c in substance_changes("Both countries must exchange data.", "Data must be shared by the three countries.")
    ]
    assert "number" in kinds


@pytest.mark.parametrize(
    ("a", "b", "flipped"),
    [
        # one stance word each side, opposite poles of two axes, the rest the same: asked the other way
        ("The company will hire 500 more drivers this year.", "The company will cut 500 drivers this year.", True),
        ("Member states must boost spending on defence.", "Member states must curb spending on defence.", True),
        (
            "The city will welcome the refugee families from the camp.",
            "The city will turn away the refugee families from the camp.",
            True,
        ),
        # more than the stance word differs: another act on another object
        (
            "The company will hire 500 more drivers this year.",
            "The company will cut 500 jobs in its northern depots this year.",
            False,
        ),
        # a cut against keeping is a change of degree
        ("The government must keep the tariffs on steel.", "The government must cut the tariffs on steel.", False),
    ],
)
def test_stance_words_of_two_axes_flip_only_where_nothing_else_differs(a, b, flipped):
    assert (polarity_change(a, b) is not None) is flipped


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # an adverb between a negator and its verb: the negation bears on the verb both say
        (
            "Landlords cannot refuse tenants with pets without good reason.",
            "Landlords must not unreasonably refuse tenants with pets.",
        ),
        # "leaves no room for" rules a thing out
        ("The deal leaves no room for new tariffs.", "The deal rules out any new tariffs."),
    ],
)
def test_one_stance_said_two_ways_is_no_flip(a, b):
    assert polarity_change(a, b) is None


@pytest.mark.parametrize(
    ("a", "b", "flipped"),
    [
        # a negation on a condition is a requirement: the other side asking for it is the same demand
        ("Tenants cannot be evicted without a court order.", "Evictions require a court order.", False),
        ("Data cannot be shared unless the user consents.", "Sharing data requires the user's consent.", False),
        ("The talks cannot succeed without Ukraine at the table.", "Ukraine must take part in the talks.", False),
        ("Tenants may be evicted only with a court order.", "Evictions require a court order.", False),
        # waiving the condition, or saying the same condition without the negation, is a flip
        ("Tenants cannot be evicted without a court order.", "Tenants can be evicted without a court order.", True),
        ("Data cannot be shared unless the user consents.", "Data can be shared even if the user objects.", True),
        (
            "Federal agencies may not use facial recognition until Congress acts.",
            "Federal agencies are free to use facial recognition until Congress acts.",
            True,
        ),
        # a minus-pole act said bare is asked outright; said on a condition of its own, it is the requirement
        ("The sanctions will not be lifted unless Russia withdraws.", "The sanctions will be lifted.", True),
        ("Troops will not leave until a ceasefire holds.", "Troops will leave only once a ceasefire holds.", False),
    ],
)
def test_a_negation_on_a_condition_is_a_requirement(a, b, flipped):
    assert (polarity_change(a, b) is not None) is flipped


@pytest.mark.parametrize(
    ("a", "b", "flipped"),
    [
        # not moving a level is keeping it
        (
            "Washington will not raise tariffs on cars this year.",
            "Washington will keep tariffs on cars unchanged.",
            False,
        ),
        (
            "Washington will not raise tariffs on Chinese goods this year.",
            "Washington will hold tariffs on Chinese goods steady this year.",
            False,
        ),
        ("The bank must not cut pensions.", "The bank must maintain pensions.", False),
        # "keep X out" is keeping it out: the same as not letting it in
        ("The city will not allow cars in the old town.", "The city will keep cars out of the old town.", False),
        # counterparts: the growth itself, or keeping up the growth not asked for
        (
            "Washington will not raise tariffs on cars this year.",
            "Washington will raise tariffs on cars this year.",
            True,
        ),
        ("The firm will not cut jobs at the plant.", "The firm will keep cutting jobs at the plant.", True),
        ("The city will allow cars in the old town.", "The city will keep cars out of the old town.", True),
    ],
)
def test_no_growth_is_keeping_the_level(a, b, flipped):
    assert (polarity_change(a, b) is not None) is flipped
