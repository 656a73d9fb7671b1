"""The prose inside a web page or a Markdown table, for ``extract``.

An analyst often saves the page a statement was published on. ``readable(text)`` gives the
text ``extract`` reads: an HTML page becomes its text (Python's own ``html.parser``: tags,
scripts, styles, comments and the site's navigation, footer, side boxes and forms left out,
entities decoded, one line per paragraph, list item, heading or table cell, list items as
``- `` bullets and headings as ``#``); the cells of a Markdown table become lines of their
own. Other text is returned as it is, less the zero-width characters a page leaves inside words
(``validate.ZERO_WIDTH``: "must\u200b" is no modal).

A Markdown table keeps its length, so offsets still index the file (less its zero-width
characters); an HTML page's offsets index its text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ..validate import ZERO_WIDTH

# Tags that start a block of their own: a line in the page's text.
BLOCKS = frozenset(
    "address article aside blockquote body caption dd div dl dt figcaption figure footer form h1 h2 h3 "
    "h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul br".split()
)
# No prose of the statement inside: code, the window's title, and the site's own navigation,
# footer, side boxes and forms ("Sign up for our newsletter").
SKIPPED = frozenset("script style title noscript template svg nav footer aside form button select".split())
# What may come before the first tag: a byte-order mark, an XML declaration (XHTML), comments.
_PROLOG = r"^\ufeff?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--(?:(?!-->).)*-->\s*)*"  # a comment never spans another
_HTML = re.compile(_PROLOG + r"<(?:!doctype\s+html|html|head|body|p|div|h[1-6]|ul|ol|table)\b", re.I | re.S)
_PAGE = re.compile(_PROLOG + r"<(?:!doctype\s+html|html)\b", re.I | re.S)  # a page, closed or not
_CLOSING = re.compile(r"</(?:p|div|li|td|body|html|h[1-6]|ul|ol|table|span|a|b|i|em|strong)\s*>", re.I)
_OPENED = re.compile(r"<[!?/a-zA-Z]")
_TABLE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$", re.M)
_RULE_ROW = re.compile(r"^[\s|:-]+$")


def looks_like_html(text: str) -> bool:
    """Whether a text is markup: it opens with <!doctype html> or <html>, or with another HTML tag
    and closes some (HTML lets <p> and <li> go unclosed)."""
    return bool(_PAGE.match(text) or _HTML.match(text) and _CLOSING.search(text))


def readable(text: str) -> str:
    """The prose ``extract`` reads in ``text``: see the module's docstring."""
    text = ZERO_WIDTH.sub("", text)
    if looks_like_html(text):
        return ZERO_WIDTH.sub("", html_text(text))  # and those written as entities (&shy;, &#8203;)
    return _TABLE_ROW.sub(_cells, text) if "|" in text else text


def html_text(page: str) -> str:
    """An HTML page's text, a line per block."""
    reader = _Reader()
    reader.feed(page.removeprefix("\ufeff"))
    if _OPENED.match(reader.rawdata):  # a tag or comment left open at the end: markup, not text
        reader.rawdata = ""
    reader.close()
    lines = (" ".join(line.split()) for line in "".join(reader.out).split("\n"))
    return "\n".join(line for line in lines if line) + "\n"


def _cells(row: re.Match) -> str:
    """A Markdown table row with each cell on a line of its own (the same length: pipes become line
    breaks); the rule under the header row, blank."""
    line = row.group(0)
    if _RULE_ROW.match(line):
        return " " * len(line)
    return line.replace("|", "\n")


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self.skipping += 1
        elif tag in BLOCKS and not self.skipping:
            self.out.append("\n")
            if tag == "li":
                self.out.append("- ")
            elif re.fullmatch(r"h[1-6]", tag):
                self.out.append("# ")

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCKS:
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCKS:
            self.out.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.out.append(data.replace("\n", " "))
