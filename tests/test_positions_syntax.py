"""The dependency parse: the real spaCy pipeline, loaded once."""

from demanddiff.positions.syntax import parse, pipeline


def test_a_negation_hangs_on_the_verb_it_negates():
    (doc,) = parse(["Russia must not keep its troops in Ukraine."])
    negation = next(token for token in doc if token.dep_ == "neg")
    assert negation.head.lemma_ == "keep"
    assert [t.lemma_ for t in negation.head.children if t.dep_ == "dobj"] == ["troop"]


def test_the_pipeline_loads_once_and_keeps_texts_in_order():
    texts = ["Lift the sanctions.", "The sanctions must stay.", ""]
    assert [doc.text for doc in parse(texts)] == texts
    assert pipeline() is pipeline()
