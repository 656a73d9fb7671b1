import pytest

from demanddiff import Settings
from demanddiff.compare.classify import classify
from demanddiff.compare.reading.record import read
from demanddiff.compare.substance import FEATURES, SIGNS, features, fit, moved_probability


def named(old, new, semantic=0.8, aliases=None):
    return dict(zip(FEATURES, features(read(old), read(new), semantic, aliases)))


def test_features_count_what_the_readings_say_differs():
    f = named("A ceasefire lasts 30 days.", "A ceasefire lasts 60 days.")
    assert f["numbers"] == 1 and f["dates"] == 0 and f["party"] == 0
    assert f["unmatched_old"] == f["unmatched_new"] == 0  # "30 days" -> "60 days" is a number, not a word
    f = named(
        "The United States must withdraw its weapons from Germany.",
        "The United States must withdraw its weapons from Turkey.",
    )
    assert f["names_gone"] == f["names_added"] == 1 and f["party"] == 1


def test_one_party_under_two_names_and_a_name_said_in_lower_case_are_no_new_party():
    f = named("The Russian Federation must withdraw its troops.", "Russia must withdraw its troops.")
    assert f["names_gone"] == f["names_added"] == f["party"] == 0
    f = named("A special tribunal must try the leaders.", "The Special Tribunal must try the leaders.")
    assert f["names_added"] == 0


def test_words_one_side_lacks_are_counted_after_lemmas_and_shared_stems():
    f = named("All data must be stored in the EU.", "Every piece of data is to be stored in the European Union.")
    assert f["names_gone"] == f["names_added"] == 0
    f = named("Data is stored in Europe.", "Data is stored in Europe and backed up daily.")
    assert f["unmatched_new"] > 0 and f["unmatched_old"] == 0 and f["longer"] > 0


def test_words_a_side_adds_to_all_the_other_says_narrow_the_demand():
    f = named("All nuclear sites must be open to inspectors.", "All declared nuclear sites must be open to inspectors.")
    assert f["added"] == 1
    f = named(
        "Water companies must pay compensation for sewage spills.",
        "Water companies must pay compensation for sewage spills on bathing beaches.",
    )
    assert f["added"] == 2
    # "all" gone while a word is added: narrowed one step more.
    f = named(
        "The voting age will be lowered to 16 for all elections.",
        "The voting age will be lowered to 16 for local elections.",
    )
    assert f["added"] == 2
    # A demand told at length against its summary qualifies nothing: the summary's verb is not in it.
    f = named(
        "All NATO members must pledge that the alliance will not enlarge any further, ruling out Ukraine's accession.",
        "Ukraine must be shut out of NATO membership.",
    )
    assert f["added"] == 0
    # Rewording both sides adds nothing.
    f = named("Rich nations must pay for climate damage.", "Wealthy states must compensate for climate harm.")
    assert f["added"] == 0


@pytest.mark.parametrize(
    "old, new",
    [
        ("The buyer will pay 42 euros per share in cash.", "The buyer will pay €42 a share in cash."),
        (
            "The £220 million paid to Rwanda must be returned.",
            "The 220 million pounds paid to Rwanda must be returned.",
        ),
        ("The minimum voting age must be 16.", "The minimum voting age must be sixteen."),
        ("Employers are required to provide protective equipment.", "Employers must provide protective equipment."),
        (
            "Factories must not discharge effluent into the lake.",
            "Factories are banned from discharging effluent into the lake.",
        ),
        ("The government must keep the rent freeze in place.", "The government must retain the rent freeze."),
        ("Claims must be decided in the UK.", "Claims must be decided in the United Kingdom."),
        (
            "The border agency must end the detention of asylum-seeking children.",
            "The border agency must end the detention of children seeking asylum.",
        ),
        (
            "Pay is negotiated by the National Joint Council for Local Government Services.",
            "Pay is negotiated by the NJC.",
        ),
        ("Canberra will fine platforms.", "The Australian government will fine platforms."),
    ],
    ids=["currency", "pounds", "number-word", "modal", "ban", "light-word", "alias", "hyphen", "acronym", "capital"],
)
def test_words_that_amounts_stance_modality_and_names_stand_for_are_no_words_added(old, new):
    f = named(old, new)
    assert f["added"] == 0 and f["numbers"] == 0


def test_stance_words_on_different_axes_say_how_far_a_demand_goes():
    # "phase out" (end) and "cut" (reduce): the stance words are the difference, not rewording.
    f = named("Coal power must be phased out.", "Coal power must be cut.")
    assert f["unmatched_old"] > 0


@pytest.mark.parametrize(
    "old, new, status",
    [
        ("A ceasefire lasts 30 days.", "A ceasefire lasts 60 days.", "changed"),
        ("Subsidies end by 2030.", "Subsidies end by 2035.", "changed"),
        ("Tariffs should be removed.", "Tariffs must be removed.", "changed"),
        (
            "The United States must withdraw its weapons from Germany.",
            "The United States must withdraw its weapons from Turkey.",
            "changed",
        ),
        ("2,000 troops must leave the border area.", "Two thousand troops must leave the border area.", "persisted"),
        ("The Russian Federation must withdraw its troops.", "Russia must withdraw its troops.", "persisted"),
        (
            "Every nurse gets a 30-minute meal break per shift.",
            "A half-hour break for meals is guaranteed on every shift.",
            "persisted",
        ),
        (
            "Water companies must pay compensation for sewage spills.",
            "Water companies must pay compensation for sewage spills on bathing beaches.",
            "changed",
        ),
        (
            "Patients must be seen within four hours.",
            "Patients must be seen within four hours, other than minor injuries.",
            "changed",
        ),
    ],
    ids=["number", "date", "modality", "party", "equal-quantity", "alias", "paraphrase", "narrowed", "exception"],
)
def test_shipped_model_judges_read_differences_not_rewording(old, new, status):
    assert classify(old, new, 0.7, 0.9, Settings())[0] == status


def test_shipped_model_is_a_probability_that_grows_with_each_difference():
    s = Settings()
    same = dict(zip(FEATURES, features(read("Rents are frozen."), read("Rents are frozen."), 1.0)))
    one = same | {"numbers": 1.0}
    two = one | {"modality": 1.0}
    p = [moved_probability(list(v.values()), s.substance_bias, s.substance_weights) for v in (same, one, two)]
    assert 0 < p[0] < 0.5 < p[1] < p[2] < 1


def test_fit_learns_the_sign_of_a_feature_and_keeps_to_the_prior_signs():
    import numpy as np

    rng = np.random.default_rng(0)
    x = rng.random((200, len(FEATURES)))
    numbers = FEATURES.index("numbers")
    y = (x[:, numbers] > 0.5).astype(float)
    bias, w = fit(x, y, ridge=0.1)
    assert w[numbers] > 1
    for name, sign in SIGNS.items():
        assert w[FEATURES.index(name)] * sign >= 0


def test_settings_files_of_earlier_versions_still_load(tmp_path):
    path = tmp_path / "old.yaml"
    path.write_text("persist_threshold: 0.4\ndetail_threshold: 0.5\nmatch_threshold: 0.3\n", encoding="utf-8")
    assert Settings.load(path).match_threshold == 0.3


def test_fit_sees_each_example_both_ways_so_gone_and_added_weigh_the_same():
    import numpy as np

    from demanddiff.compare.substance import MIRRORED

    rng = np.random.default_rng(1)
    x = rng.random((120, len(FEATURES)))
    gone = FEATURES.index("names_gone")
    y = (x[:, gone] > 0.6).astype(float)  # only names dropped move the substance in these examples
    _, w = fit(x, y, ridge=0.1)
    for a, b in MIRRORED:
        assert w[FEATURES.index(a)] == pytest.approx(w[FEATURES.index(b)], abs=1e-3)
    assert w[gone] > 1


def test_shipped_model_gives_one_verdict_whichever_side_is_old():
    old, new = "Ukraine must never join NATO.", "No foreign troops may be deployed in Ukraine."
    assert classify(old, new, 0.5, 0.5, Settings())[0] == classify(new, old, 0.5, 0.5, Settings())[0]
