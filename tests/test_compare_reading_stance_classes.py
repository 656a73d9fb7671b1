"""Stance classes widened on tests/battery/tune2.yaml (paraphrases of published texts): kin axes,
and words the first tune half lacked. Each flip has its counterpart that is one stance."""

import pytest

from demanddiff.compare.explain import polarity_change
from demanddiff.compare.reading.lexicon import lexicon


@pytest.mark.parametrize(
    ("a", "b", "flipped"),
    [
        # kin axes: ending is what introducing undoes; a phase-out stops what expanding grows
        (
            "Driver-only operation must be ended on all routes.",
            "Driver-only operation must be introduced on all routes.",
            True,
        ),
        (
            "Driver-only operation must be ended on all routes.",
            "Driver-only operation must be scrapped on all routes.",
            False,
        ),
        (
            "Inefficient fossil fuel subsidies must be phased out.",
            "Inefficient fossil fuel subsidies must be expanded.",
            True,
        ),
        (
            "Inefficient fossil fuel subsidies must be phased out.",
            "Inefficient fossil fuel subsidies must be eliminated.",
            False,
        ),
        # not renewing: a lapse or an expiry ends what renewal continues
        (
            "The Council must renew the economic sanctions on Russia for a further six months.",
            "The Council must let the economic sanctions on Russia expire after six months.",
            True,
        ),
        ("The two sides should extend New START for five years.", "The two sides should let New START lapse.", True),
        ("India must hold the Indus Waters Treaty in abeyance.", "India must suspend the Indus Waters Treaty.", False),
        # back in force against removed
        (
            "Maintenance grants must be restored for poorer students.",
            "Maintenance grants must be abolished for poorer students.",
            True,
        ),
        (
            "Maintenance grants must be reinstated for poorer students.",
            "Maintenance grants must be brought back for poorer students.",
            False,
        ),
        (
            "The government must scrap the Rwanda deportation scheme.",
            "The government must press ahead with the Rwanda deportation scheme.",
            True,
        ),
        # axes and words added on tests/battery/tune3.yaml: pace, strength, duty, where power sits
        ("The CMA should approve the deal.", "The CMA should prohibit the deal.", True),
        ("Countries should accelerate the phase-out of coal.", "Countries should slow the phase-out of coal.", True),
        ("The regulation should be strengthened.", "The regulation should be watered down.", True),
        ("The regulation should be strengthened.", "The regulation should be tightened.", False),
        ("Technology transfer must be made mandatory.", "Technology transfer must be made voluntary.", True),
        ("Technology transfer must be made mandatory.", "Technology transfer must be made compulsory.", False),
        (
            "The EU should centralise enforcement of the AI Act.",
            "The EU should devolve enforcement of the AI Act.",
            True,
        ),
        (
            "The states will destroy their stockpiles of mines.",
            "The states will rebuild their stockpiles of mines.",
            True,
        ),
        ("India will restore the sharing of river data.", "India will withhold the sharing of river data.", True),
        ("Guatemala will sign the agreement.", "Guatemala will pull out of the agreement.", True),
        # "lift" before "by" and an amount raises; "lift" alone ends
        ("The bill will raise the age of sale by one year.", "The bill will lift the age of sale by one year.", False),
        ("The sanctions must be kept.", "The sanctions must be lifted.", True),
        # a stance verb inside a hyphenated modifier is read: "emissions-cutting" is cutting emissions
        (
            "Parties should strengthen their emissions-cutting targets.",
            "Parties should tighten their targets for reducing emissions.",
            False,
        ),
        ("The state must fund emissions-cutting projects.", "The state must fund projects that raise emissions.", True),
        # words added on tests/battery/tune4.yaml (stance pairs an examiner wrote)
        ("The union backs the amendment.", "The union rejects the amendment.", True),
        ("EU leaders welcome the decision.", "EU leaders condemn the decision.", True),
        ("Nippon Steel will idle the blast furnaces.", "Nippon Steel will restart the blast furnaces.", True),
        ("Britain will expel the diplomats.", "Britain will readmit the diplomats.", True),
        ("Agencies will hire two thousand staff.", "Agencies will lay off two thousand staff.", True),
        ("The Council will roll over the sanctions.", "The Council will renew the sanctions.", False),
        ("Countries should roll out clean technologies.", "Countries should roll back clean technologies.", True),
        ("The Pentagon put the troop cuts on ice.", "The Pentagon pressed ahead with the troop cuts.", True),
        ("The White House green-lights the sale.", "The White House blocks the sale.", True),
        # a hyphenated phrasal noun is its phrase: "the phase-out" is "the phasing out"
        ("Parties should accelerate the phase-out of coal.", "Parties should speed up the phasing out of coal.", False),
        # "pull its troops out", the particle two words on
        (
            "Washington has stopped planning the withdrawal of troops from Germany.",
            "Washington has shelved its plans to pull troops out of Germany.",
            False,
        ),
        # a participle before a noun is no stance: "internationally recognised borders"
        (
            "Ukraine's internationally recognised borders must be restored.",
            "Nothing may block Ukraine's path to the European Union.",
            False,
        ),
        # adopting measures against a crime is no approval of the crime
        (
            "The agreement should include commitments to criminalise bribery of public officials.",
            "Parties must adopt measures that make bribery of public officials a crime.",
            False,
        ),
        # approval words of merger control
        (
            "The regulator should block the merger of the two supermarket chains.",
            "The regulator should clear the merger of the two supermarket chains.",
            True,
        ),
        ("The authority must approve the acquisition.", "The authority must wave through the acquisition.", False),
        # votes, rights, ownership, advice
        (
            "MPs must vote against any increase in tuition fees.",
            "MPs must vote for any increase in tuition fees.",
            True,
        ),
        ("MPs must oppose any increase in tuition fees.", "MPs must vote against any rise in tuition fees.", False),
        ("Prisoners must be given the right to vote.", "Prisoners must be stripped of the right to vote.", True),
        (
            "Train operators must be brought back into public ownership.",
            "Train operators must be sold to private companies.",
            True,
        ),
        (
            "Ministers must set catch limits in line with the scientific advice.",
            "Ministers must set catch limits in defiance of the scientific advice.",
            True,
        ),
        (
            "Russia must allow American inspections of its nuclear sites.",
            "Russia must halt American inspections of its nuclear sites.",
            True,
        ),
        (
            "Landlords must be prohibited from evicting tenants without cause.",
            "Landlords must be free to evict tenants without cause.",
            True,
        ),
        pytest.param(
            "Britain should remain a full member of the single market.",
            "Britain should be outside the single market.",
            True,
            marks=pytest.mark.xfail(strict=True, reason="'member of' as a join word flipped 'NATO members' pairs"),
        ),
        # common policy verbs the first tune half lacked, each pole
        (
            "Rail fares must be frozen for the next parliament.",
            "Rail fares must be allowed to rise for the next parliament.",
            True,
        ),
        ("The government must stick to its 2030 target.", "The government must walk away from its 2030 target.", True),
        ("The party must turn down the offer.", "The party must consent to the offer.", True),
        ("The party must turn down the offer.", "The party must reject the offer.", False),
        ("Inspections must be stepped up at the border.", "Inspections must be halted at the border.", True),
        ("The militia must be disbanded.", "The militia must be dissolved.", False),
        # tests/battery/tune5.yaml (another examiner's stance pairs): words made by a prefix take
        # the other pole ("un", "non", "dis", "de") or the same ("re")
        ("Australia caps student enrolments for 2025.", "Australia uncaps student enrolments for 2025.", True),
        ("The guidance on phones is statutory.", "The guidance on phones is non-statutory.", True),
        ("The two states re-establish diplomatic relations.", "The two states establish diplomatic relations.", False),
        ("The Council links the sanctions to Minsk.", "The Council decouples the sanctions from Minsk.", True),
        # a verb English does not know is no stance, a look-alike that only begins like one neither
        ("The bank will disclose the accounts.", "The bank will close the accounts.", False),
        # a negative verb that is no stance word negates what follows
        ("The Council renews the asset freezes.", "The Council fails to renew the asset freezes.", True),
        ("Parties avoid competitive devaluations.", "Parties must avoid manipulating exchange rates.", False),
        # ... but not as an -ing modifier of a noun
        (
            "Losses caused by the supplier failing to protect data are not capped.",
            "Losses from the supplier's breach of data protection are not capped.",
            False,
        ),
        # a cessation right before the act the other side asks stops it
        (
            "Washington will raise the tariff on Chinese goods.",
            "Washington will hold off on raising the tariff on Chinese goods.",
            True,
        ),
        # ... and not where a word between is what it stops
        (
            "The prime minister is scrapping the 2035 target for phasing out gas boilers.",
            "The prime minister is binning the 2035 goal of phasing out gas boilers.",
            False,
        ),
        ("The administration withdrew the deferred offer.", "The administration took back the deferred offer.", False),
        # "leave X suspended" keeps it so; "leave the EU" is leaving
        (
            "India keeps the treaty in abeyance until Pakistan acts.",
            "India leaves the treaty suspended until Pakistan acts.",
            False,
        ),
        ("Britain will stay in the customs union.", "Britain will leave the customs union.", True),
        # the means ("by revoking") is not the stance: tightening against relaxing
        (
            "Berlin tightens the arms embargo by revoking export permits.",
            "Berlin relaxes the arms embargo by reinstating export permits.",
            True,
        ),
        ("The quota will not be reduced under the deal.", "The quota is protected from any reduction.", False),
        ("The target opens the door to carbon credits.", "The target shuts the door on carbon credits.", True),
        ("The court upholds the rent cap.", "The court strikes down the rent cap.", True),
        ("Ministers will defend the policy.", "Ministers will abandon the policy.", True),
        ("The states will toughen the restrictions.", "The states will ease the restrictions.", True),
        # the act both sides name is what the stance bears on, never a stance word of its own
        ("China will no longer buy Russian oil.", "China will keep buying Russian oil.", True),
        # kin axes need one object: a growth word and a cessation word on different things are no flip
        (
            "All NATO members must pledge that the alliance will not enlarge any further, ruling out Ukraine's"
            " accession.",
            "Ukraine must abandon its ambition to become a member of NATO.",
            False,
        ),
        # a negator against a minus word on the same act is one stance
        (
            "No Russian bank may be reconnected to SWIFT while the war continues.",
            "Russian banks must stay disconnected from SWIFT while the war continues.",
            False,
        ),
    ],
)
def test_stance_classes_from_published_texts(a, b, flipped):
    assert (polarity_change(a, b) is not None) is flipped
    assert (polarity_change(b, a) is not None) is flipped


def test_kin_axes_name_axes_the_data_has():
    axes = {axis for _, found in lexicon().stance.values() for axis in found}
    assert lexicon().kin and all({minus, plus} <= axes for minus, plus in lexicon().kin)


def test_keeping_against_cutting_is_a_change_of_degree_not_a_reversal():
    a, b = "The government must keep the fuel subsidies.", "The government must cut the fuel subsidies."
    assert polarity_change(a, b) is None and polarity_change(b, a) is None
