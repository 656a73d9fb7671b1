import pytest

from demanddiff.positions.prose.segment import sentences

CASES = {
    "abbreviations": ("Mr. J. R. Smith of the U.S. met Gen. Kellogg on Jan. 5, 2024. He left.", 2),
    "quotes": ('He said "No. Never." Then he left.', 2),
    "numbered-list": ("1. Ukraine must leave. 2. NATO must stop.\n3. Talks resume.", 3),
    "title-lines": ("A title without a stop\nA subtitle without one either\nA sentence.", 3),
    "hard-wrapped": ("Russia demands that Ukraine\nrenounce NATO. Next one.", 2),
}


@pytest.mark.parametrize("text,count", CASES.values(), ids=CASES.keys())
def test_sentences_survive_abbreviations_and_keep_offsets(text, count):
    found = sentences(text)
    assert len(found) == count
    for s in found:
        assert " ".join(text[s.start : s.end].split()) == s.text


def test_list_markers_are_not_part_of_the_sentence():
    text = "1. Ukraine must leave.\n- NATO must stop."
    assert [s.text for s in sentences(text)] == ["Ukraine must leave.", "NATO must stop."]
