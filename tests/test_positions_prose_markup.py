"""Web pages and Markdown tables read as the prose inside them (positions/prose/markup.py)."""

import datetime as dt
from pathlib import Path

from demanddiff import extract
from demanddiff.positions.prose.markup import looks_like_html, readable

HERE = Path(__file__).parent / "extract"
UAW = dict(party="UAW", date=dt.date(2023, 8, 2), aliases=["United Auto Workers", "Union", "Shawn Fain", "Fain"])


def test_a_saved_web_page_gives_the_demands_of_its_text(engine):
    """The WXYZ report of the UAW's demands, as a news site marks it up (navigation, scripts,
    entities, an ordered list, a footer), gives the demands the same report as text gives."""
    page = (HERE / "pages" / "uaw-members-demands-2023.html").read_text()
    text = (HERE / "tune" / "uaw-members-demands-2023.txt").read_text()
    from_page = [s.text for s in extract(page, engine=engine, **UAW).statements]
    assert from_page == [s.text for s in extract(text, engine=engine, **UAW).statements]
    assert "UAW demands: eliminate tiers." in from_page and len(from_page) == 10
    assert not any("<" in d or "&" in d or "newsletter" in d or "cookies" in d for d in from_page)


def test_a_page_reads_one_line_per_block_with_entities_decoded():
    page = (
        "<html><body><h2>Conditions</h2><p>Russia&rsquo;s terms:</p><ul><li>Kyiv must stay neutral.</li>"
        "<li>Sanctions must be&nbsp;lifted.</li></ul><script>var demand = 'must go';</script>"
        "<table><tr><td>Troops must withdraw.</td><td>open</td></tr></table></body></html>"
    )
    assert readable(page).splitlines() == [
        "# Conditions",
        "Russia’s terms:",
        "- Kyiv must stay neutral.",
        "- Sanctions must be lifted.",
        "Troops must withdraw.",
        "open",
    ]


def test_markdown_table_cells_become_lines_and_keep_their_offsets():
    text = "The union's list.\n\n| Demand | Status |\n|---|:---:|\n| Management must publish rotas. | open |\n"
    read = readable(text)
    assert len(read) == len(text)
    assert [line.strip() for line in read.splitlines() if line.strip()] == [
        "The union's list.",
        "Demand",
        "Status",
        "Management must publish rotas.",
        "open",
    ]
    at = text.index("Management")
    assert read[at : at + 30] == "Management must publish rotas."


def test_an_xhtml_page_with_a_prolog_or_a_byte_order_mark_is_a_page():
    body = "<html><body><p>Kyiv must stay neutral.</p></body></html>"
    for page in [f'<?xml version="1.0" encoding="utf-8"?>\n{body}', f"\ufeff{body}", f"<!-- saved -->\n{body}"]:
        assert readable(page) == "Kyiv must stay neutral.\n"


def test_plain_text_and_text_that_mentions_tags_are_left_as_they_are():
    for text in ["Russia must stop the war.\n", "The <b> tag is bold; a | b is not a table.\n", "a < b and c > d\n"]:
        assert readable(text) == text
        assert not looks_like_html(text)


def test_a_page_that_closes_no_paragraph_is_still_read_as_a_page():
    """HTML lets <p>, <li> and <body> go unclosed: a page that opens with <!doctype html> or <html>
    is a page whatever it closes, so no tag reaches a demand."""
    for page in [
        "<html><body><p>Russia demands that Ukraine must withdraw.<p>Russia must be given guarantees.<div><span>",
        "<!DOCTYPE html>\n<html><head><title>T</title></head><body><p>Kyiv must stay neutral.<br>More.",
    ]:
        assert looks_like_html(page)
        assert "<" not in readable(page)
    assert readable("<html><body><p>Kyiv must stay neutral.").splitlines() == ["Kyiv must stay neutral."]


def test_a_comment_or_tag_left_open_at_the_end_of_a_page_is_not_read_as_text():
    """A page cut off mid-tag or with a comment never closed: what follows the opening is markup
    (a browser shows none of it), never a demand with tags in it."""
    for page, lines in [
        ("<html><body><p>A must go.<!-- never closed <p>Russia must go.</p>", ["A must go."]),
        ('<html><body><p>A must go.</p><a href="x', ["A must go."]),
        ("<html><body><p>A must go.</p><![CDATA[x", ["A must go."]),
        ("<html><body><p>A must go. a < b and c <", ["A must go. a < b and c <"]),
        ("<html><body><p>Sanctions &amp", ["Sanctions &"]),
    ]:
        assert readable(page).splitlines() == lines, page


def test_an_xhtml_page_with_its_xml_declaration_is_read_as_a_page():
    page = (
        '\ufeff<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Russia must go.</p></body></html>'
    )
    assert looks_like_html(page)
    assert readable(page).splitlines() == ["Russia must go."]


def test_a_text_opening_with_many_comments_is_told_at_once():
    """Each comment is matched once: 40 of them before plain text took the regex 2^40 tries."""
    import time

    text = "<!-- note -->\n" * 40 + "Russia must go.\n"
    began = time.monotonic()
    assert readable(text) == text and not looks_like_html(text)
    assert looks_like_html("<!-- note -->\n" * 40 + "<html><body><p>Russia must go.")
    assert time.monotonic() - began < 1


def test_zero_width_characters_are_dropped_from_the_text_read(engine):
    """A text pasted from a web page with zero-width spaces, joiners and soft hyphens inside its words
    gave no demands at all ("must\u200b" is no modal)."""
    text = "Russia\u200b must\u200b with\u00addraw\u200d its troops\ufeff.\n"
    assert readable(text) == "Russia must withdraw its troops.\n"
    found = extract(text, "Russia", engine=engine)
    assert [s.text for s in found.statements] == ["Russia must withdraw its troops."]
    assert [src.sentence for src in found.statements[0].sources] == ["Russia must withdraw its troops."]


def test_zero_width_characters_written_as_entities_are_dropped_too():
    """A page's &shy; (hyphenation points) and &#8203; came back as characters once decoded."""
    page = "<html><body><p>Russia&#8203; must with&shy;draw its troops&zwj; now.</p></body></html>"
    assert readable(page) == "Russia must withdraw its troops now.\n"
