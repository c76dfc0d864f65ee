"""HTML stage: saved pages go through trafilatura for the body, and their markup for metadata.

trafilatura reads the markup (link density, tags, meta elements), which text alone does not
have, so HTML input skips the text cleaner and its line-level rules. Headline, date, outlet
and author are what the publisher declares in the markup (html_meta), trafilatura's where
it declares none; each value's source is marked ``html:…``. A dateline and a wire agency
are words of the article's opening, not markup, so the text path's rules find them in the
body's first lines, with the sources the text path gives them.

An HTML page has no lines of its own. Its raw lines are the page rendered as text by
page_lines (one line a block, as a browser lays out paragraphs, headings, menu items), and
every one of them the body does not hold is in removed_lines: the audit page renders a seed
with the same function, so its line numbers are the record's.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import difflib
import itertools
import re
from collections import Counter
from collections.abc import Sequence

from builder.doc import Doc, Line, LineReason, Rejection, RejectReason
from builder.extract import EARLIEST_DATE, dateline_and_agency
from builder.html_meta import (
    SITE_SUFFIX,
    declared_author,
    declared_date,
    declared_headline,
    line_key,
    site_name,
)

# Elements that start and end a line of text (the rest run on inside their line).
_BLOCKS = frozenset(
    """address article aside blockquote body br caption center dd details dialog div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr iframe legend li
    main menu nav ol option p pre section select summary table tbody td tfoot th thead title tr
    ul""".split()
)
# Never shown as text by a browser.
_SKIPPED = frozenset({"script", "style", "template", "head"})
# lxml refuses a str that declares its own encoding; the text is decoded already.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
# A newline in the markup is a space on the page: only blocks end lines.
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
# A run of this many words found in a paragraph is that paragraph's text, not a menu's item
# that happens to name one of its words.
MOVED_LINE_MIN_WORDS = 8


def page_lines(text: str) -> list[str]:
    """The page's <body> as text lines: one line a block, whitespace collapsed, blank lines
    left out, scripts and styles dropped, everything else kept (menus, captions, footers).
    Line n of an HTML record's removed_lines is the n-th of these."""
    root = _document(text)
    return _rendered_lines(root) if root is not None else []


def _document(text: str):
    """The page's element tree, or None when lxml finds no document in it."""
    import lxml.etree
    import lxml.html

    try:
        return lxml.html.document_fromstring(_XML_DECLARATION.sub("", text.lstrip("\ufeff")))
    except (lxml.etree.ParserError, ValueError):
        return None


def _rendered_lines(root) -> list[str]:
    import lxml.etree

    body = root.find("body")
    parts: list[str] = []
    hidden = 0  # depth inside skipped elements
    # Start and end events: a block's line ends before the text after it (its tail) runs on.
    top = body if body is not None else root
    for event, element in lxml.etree.iterwalk(top, ("start", "end", "comment", "pi")):
        if event in ("comment", "pi"):  # not text, but the text after one is
            if not hidden and element.tail:
                parts.append(_SPACES.sub(" ", element.tail))
            continue
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if hidden or tag in _SKIPPED:
                hidden += 1
                continue
            if tag in _BLOCKS:
                parts.append("\n")
            if element.text:
                parts.append(_SPACES.sub(" ", element.text))
            continue
        if hidden:
            hidden -= 1
        elif tag in _BLOCKS:
            parts.append("\n")
        if not hidden and element.tail and element is not top:
            parts.append(_SPACES.sub(" ", element.tail))
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return [line for line in lines if line]


def _shows_title(text: str, title: str) -> bool:
    return bool(title) and title in (line_key(text), line_key(SITE_SUFFIX.sub("", text)))


class _Text:
    """Lines or paragraphs as they are compared: their words, and a key that joins them (the
    text itself for a line with no word, a "|" between links)."""

    def __init__(self, texts: list[str]):
        self.words = [_WORD.findall(text.casefold()) for text in texts]
        self.keys = [" ".join(words) or text for words, text in zip(self.words, texts, strict=True)]
        # Every key in one string, apart: no key holds a newline.
        self.joined = " " + " \n ".join(self.keys) + " "
        self._starts = list(
            itertools.accumulate((len(key) + 3 for key in self.keys[:-1]), initial=0)
        )

    def holding(self, words: list[str]) -> int | None:
        """The first text whose words run on through all these words, if any."""
        at = self.joined.find(f" {' '.join(words)} ") if words else -1
        return bisect.bisect_right(self._starts, at) - 1 if at >= 0 else None


def _pieces(paragraphs: list[str]) -> tuple[list[str], list[int]]:
    """The parts of the body a rendered line can show, and the paragraph of each: a
    paragraph, or a cell of a table's row (trafilatura writes a row as "| a | b |", the
    page renders each cell as a line). A part with no word (a "|---|" rule) shows nothing."""
    pieces: list[str] = []
    owners: list[int] = []
    for index, paragraph in enumerate(paragraphs):
        is_row = len(paragraph) > 1 and paragraph[0] == paragraph[-1] == "|"
        for piece in paragraph[1:-1].split("|") if is_row else [paragraph]:
            if _WORD.search(piece) or not is_row:
                pieces.append(piece.strip())
                owners.append(index)
    return pieces, owners


def _sources(page: _Text, body: _Text) -> list[int | None]:
    """For each rendered line, the index of the body's piece it shows, or None for a line
    the body leaves out.

    Most pieces are a rendered line word for word, and those pair up first, in order.
    Between two such pairs, a piece that is not (trafilatura marks a list's item "- …",
    leaves out an inline element, or joins lines) is matched word by word (_align_words);
    last, lines of pieces trafilatura moved (_moved).
    """
    found: list[int | None] = [None] * len(page.keys)
    room = [len(words) for words in body.words]  # words of a piece no line shows yet
    # Whole lines that recur (a table's "Yes", "Advertisement") anchor nothing: autojunk
    # keeps them from making the pairing quadratic; the words between pairs still align.
    pairs = difflib.SequenceMatcher(None, page.keys, body.keys)
    line_end = piece_end = 0
    for line_start, piece_start, size in pairs.get_matching_blocks():
        gap = (range(line_end, line_start), range(piece_end, piece_start))
        _align_words(page, body, *gap, found, room)
        for offset in range(size):
            found[line_start + offset] = piece_start + offset
            room[piece_start + offset] = 0
        line_end, piece_end = line_start + size, piece_start + size
    _moved(page, body, found, room)
    return found


# Above this many word pairs a gap aligns with difflib's autojunk, which ignores frequent
# words: less exact, but a page's size cannot make the build quadratic.
ALIGN_EXACT_MAX_PAIRS = 20_000_000


def _align_words(
    page: _Text,
    body: _Text,
    gap_lines: Sequence[int],
    gap_pieces: Sequence[int],
    found: list[int | None],
    room: list[int],
) -> None:
    """The lines of a gap between paired lines that show its pieces: a line belongs to the
    piece most of its aligned words are in, when more than half of its words align.

    The longest common runs align first, so the menus before an article find no words left
    to align with; a line with no word at all stays out.
    """
    if not gap_lines or not gap_pieces:
        return
    line_words = [word for index in gap_lines for word in page.words[index]]
    line_of = [index for index in gap_lines for _ in page.words[index]]
    piece_words = [word for index in gap_pieces for word in body.words[index]]
    piece_of = [index for index in gap_pieces for _ in body.words[index]]
    aligned = {index: Counter() for index in gap_lines}
    # Exact, the body's frequent words ("the", the story's subject) align too: without
    # them a paragraph has too few words left to be found by.
    exact = len(line_words) * len(piece_words) <= ALIGN_EXACT_MAX_PAIRS
    matcher = difflib.SequenceMatcher(None, line_words, piece_words, autojunk=not exact)
    for start, piece_start, size in matcher.get_matching_blocks():
        for offset in range(size):
            aligned[line_of[start + offset]][piece_of[piece_start + offset]] += 1
    for index, counts in aligned.items():
        if 2 * sum(counts.values()) > len(page.words[index]):
            found[index] = counts.most_common(1)[0][0]
            for piece, shared in counts.items():  # a line may show several pieces
                room[piece] = max(0, room[piece] - shared)


def _moved(page: _Text, body: _Text, found: list[int | None], room: list[int]) -> None:
    """Lines that show a piece trafilatura moved (a standfirst after the list under it, a
    table's cell after the next row's), out of reach of pairing in order: the lines left
    align word by word with the pieces no line shows, then a long line whose words run on
    inside a piece with words no line shows belongs to it. A line whose piece has its lines
    already is a copy."""
    unshown = [index for index, words in enumerate(body.words) if room[index] == len(words)]
    left = [index for index, piece in enumerate(found) if piece is None]
    _align_words(page, body, left, unshown, found, room)
    for index in left:
        words = page.words[index]
        if found[index] is None and len(words) >= MOVED_LINE_MIN_WORDS:
            piece = body.holding(words)
            if piece is not None and room[piece] >= len(words):
                found[index] = piece
                room[piece] -= len(words)


def _page_and_body(rendered: list[str], paragraphs: list[str], headline: str | None) -> list[Line]:
    """The record's lines: the body's paragraphs, each at the first rendered line it shows,
    and every other rendered line with its reason, in the rendering's order."""
    title = line_key(headline or "")
    # trafilatura keeps a heading inside the article as its first paragraph: a title shown
    # again, not the article's text.
    skip_lead = bool(title and paragraphs and line_key(paragraphs[0]) == title)
    pieces, owners = _pieces(paragraphs)
    page, body = _Text(rendered), _Text(pieces)
    sources = [owners[piece] if piece is not None else None for piece in _sources(page, body)]
    first_line: dict[int, int] = {}
    for number, source in enumerate(sources, start=1):
        if source is not None:
            first_line.setdefault(source, number)
    placed: list[tuple[int, int, Line]] = []
    anchor = 1
    for index, paragraph in enumerate(paragraphs):
        if index == 0 and skip_lead:
            continue
        anchor = max(anchor, first_line.get(index, anchor))
        placed.append((anchor, 0, Line(anchor, paragraph)))
    kept = _Text(
        [piece for piece, owner in zip(pieces, owners, strict=True) if owner or not skip_lead]
    )
    kept_keys = set(kept.keys)
    for number, (text, source) in enumerate(zip(rendered, sources, strict=True), start=1):
        if source is not None and not (skip_lead and source == 0):
            continue
        words = page.words[number - 1]
        if source is not None or _shows_title(text, title):  # the lead left out, or a copy
            reason = LineReason.headline
        elif page.keys[number - 1] in kept_keys or (
            len(words) >= MOVED_LINE_MIN_WORDS and kept.holding(words) is not None
        ):
            reason = LineReason.duplicate  # another line shows the same text
        else:
            reason = LineReason.outside_article
        placed.append((number, 1, Line(number, text, reason)))
    placed.sort(key=lambda item: item[:2])
    return [line for _, _, line in placed]


def extract_html(doc: Doc, latest: dt.date) -> Doc | Rejection:
    import trafilatura

    result = trafilatura.bare_extraction(
        doc.text,
        url=doc.url,
        favor_precision=True,
        with_metadata=True,
        include_comments=False,
        # Bound the date search by the build's option, never by today's date: builds must
        # not depend on the clock.
        date_extraction_params={
            "original_date": True,
            "max_date": latest.isoformat(),
            "min_date": "1990-01-01",
        },
    )
    if result is None or not (result.text or "").strip():
        return doc.reject(RejectReason.no_article, "trafilatura found no article in the HTML")
    meta = doc.meta
    root = _document(doc.text)
    rendered = _rendered_lines(root) if root is not None else []
    # What the publisher declares (nothing where lxml finds no document); trafilatura's picks
    # where it declares nothing.
    declared = site = author = dated = None
    if root is not None:
        declared = declared_headline(root, rendered)
        site, author, dated = site_name(root), declared_author(root), declared_date(root)
    headline = declared[:2] if declared else (result.title, "html:trafilatura")
    if declared:
        meta.setdefault("evidence", {})["headline"] = declared[2]
    found = {
        "headline": headline,
        "outlet": (site, "html:site_name") if site else (result.sitename, "html:sitename"),
        "author": author or (result.author, "html:author"),
    }
    for name, (value, source) in found.items():
        value = " ".join((value or "").split()) or None
        meta[name], meta[f"{name}_source"] = value, source if value else None
    paragraphs = [
        stripped
        for paragraph in result.text.split("\n")
        if (stripped := " ".join(paragraph.split()))
    ]
    doc.lines = _page_and_body(rendered, paragraphs, meta["headline"])
    body = [line for line in doc.lines if line.kept]
    if not body:
        return doc.reject(RejectReason.no_article, "trafilatura found only the headline")
    meta["date"] = _parse_date(dated[0], latest) if dated else None
    meta["date_source"] = dated[1] if meta["date"] else None
    if meta["date"] is None:  # none declared: trafilatura's search of the page
        meta["date"] = _parse_date(result.date, latest)
        meta["date_source"] = "html:date" if meta["date"] else None
    # The rules read the body alone: the rendered page's menus are not the article's opening.
    meta.update(dateline_and_agency(dataclasses.replace(doc, lines=body), latest))
    if doc.url is None and result.url:
        doc.url = result.url
    return doc


def _parse_date(value: str | None, latest: dt.date) -> dt.date | None:
    try:
        date = dt.date.fromisoformat((value or "")[:10])
    except ValueError:
        return None
    return date if EARLIEST_DATE <= date <= latest else None
