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


# ---- Hostile input: lines far longer than a paragraph ----------------------------------------


def test_a_text_saved_as_one_long_line_is_read_a_window_at_a_time(monkeypatch):
    """A 2 MB article with no line breaks took pysbd minutes (its time grows with the square of the
    text it is given): a line longer than any paragraph is cut at pysbd's own sentence ends into
    pieces of bounded length, each a paragraph of its own, every sentence kept with its offsets."""
    from demanddiff.positions.prose import segment

    seen = []
    real = segment._segmenter()

    class Recording:
        def segment(self, text):
            seen.append(len(text))
            return real.segment(text)

    monkeypatch.setattr(segment, "_segmenter", lambda: Recording())
    text = "Mr. Smith said Russia must withdraw its troops. " * 3000  # 144,000 characters, one line
    found = sentences(text)
    assert len(found) == 3000
    assert all(s.text == "Mr. Smith said Russia must withdraw its troops." for s in found)
    assert all(" ".join(text[s.start : s.end].split()) == s.text for s in found)
    assert max(seen) <= segment.LONG_BLOCK
    lengths: dict[int, int] = {}
    for s in found:
        lengths[s.block] = lengths.get(s.block, 0) + len(s.text)
    assert max(lengths.values()) <= segment.LONG_BLOCK


def test_one_sentence_longer_than_the_window_stays_one_sentence():
    """The cut is only ever at a sentence end: a sentence with none stays whole (extract refuses it by its length)."""
    text = "Russia must withdraw its troops, " * 900 + "and go. Then talks resume."  # 29,726 characters
    found = sentences(text)
    assert [len(s.text) for s in found][1:] == [len("Then talks resume.")]
    assert found[0].text.endswith("and go.") and found[0].start == 0


def test_a_line_with_no_sentence_end_in_forty_thousand_characters_is_not_read_further(monkeypatch):
    """pysbd takes minutes over 200 KB of "Mr. Mr. ..." (each an abbreviation, no sentence ends): past
    twice LONG_BLOCK with no end, the rest of the line is one sentence, too long for extract, unread."""
    from demanddiff.positions.prose import segment

    seen = []
    real = segment._segmenter()

    class Recording:
        def segment(self, text):
            seen.append(len(text))
            return real.segment(text)

    monkeypatch.setattr(segment, "_segmenter", lambda: Recording())
    text = "Mr. " * 50_000
    found = sentences(text)
    assert [(s.start, s.end) for s in found] == [(0, len(text) - 1)]
    assert max(seen) <= 2 * segment.LONG_BLOCK


def test_many_hard_wrapped_lines_join_in_linear_time():
    """40,000 lines that each run on into the next (ending in "and") took half an hour to join: each
    line tested the whole paragraph so far for how it ends."""
    import time

    text = "Russia demanded that the troops withdraw from the regions and\n" * 20_000
    started = time.perf_counter()
    found = sentences(text)
    assert time.perf_counter() - started < 30  # 2 seconds here; over 6 minutes before
    assert "".join(s.text for s in found).count("regions and") == 20_000
