"""Tests of a line's shape that tell a headline from what stands around it.

Whether a line reads as a title (not a sentence, a caption's credit, a link, an archive's
month), as a stamp or a byline, and how it stands to its neighbours: a headline over its
standfirst, a heading under a dated stamp, a headline written as sentences over a signed deck.
Each is a test of the lines alone; ``headline`` turns them into candidates and features.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from builder.clean.text import WORDY_TOKEN, is_prose, word_count
from builder.doc import Line, LineReason
from builder.extract.datetext import _YEAR, _has_full_date, month_names
from builder.extract.shared import _BY_KEYWORD, _PHOTO_AGENCIES, STAMP_MAX_WORDS, name_opening
from builder.linescan import LIST_MARKS

# A title has this many words at most.
HEADLINE_MAX_WORDS = 30
# A title has this many characters at least: "共有" (share) is a button.
TITLE_MIN_CHARS = 4


# "… Underneath N.Y.C.", "… for the U.S.": a title may end with an initialism's full stop.
_INITIALISM_END = re.compile(r"(?:\b[A-Z]\.){2,}$")


def _is_sentence(text: str) -> bool:
    return is_prose(text, word_count(text)) and _INITIALISM_END.search(text) is None


# A picture's credit closing its caption: "(The Associated Press)", "(AP Photo/Jane Doe)".
_CLOSING_CREDIT = re.compile(r"\((?:[Tt]he )?([^()/]{2,30}?)(?: [Pp]hoto)?(?:/[^()]*)?\)$")


def _is_arrow_link(text: str) -> bool:
    """Whether an arrow points the line away: "← Previous post", "Continue »", "‹ Home";
    not a title between French quotes ("« Vape Wave »")."""
    if text[0] in "←‹" or text[-1] in "→›":
        return True
    return (text[0] == "«" and "»" not in text) or (text[-1] == "»" and "«" not in text)


_MONTH_YEAR = re.compile(r"^([^\W\d_]{3,12})\.?,?\s+(?:19|20)\d{2}$")


def _is_month_name(word: str) -> bool:
    """Whether the word names a month in any language dateparser's data knows."""
    return word.casefold() in month_names()


# A picture's credit closing its caption: "… two years. Source: Supplied", "… in Mexico City
# © Reuters", "… Dr Jane Doe. (Picture by John Roe)", "… in Gao. (Jane Doe/AFP/Getty Images)".
_CREDIT_TAIL = re.compile(
    r"(?i)[.!?]\s+(?:source|photo|picture|image|credit|foto|bild):\s*\S+(?:\s+\S+){0,4}$"
    r"|\s©\s*\S+(?:\s+\S+){0,3}$"
    r"|\((?:photo|picture|image|foto)\s+(?:by|credit|courtesy)\b[^()]*\)$"
    # a photographer and agency, or a file picture: "(John Roe/AP)", "(FILE)"
    r"|\((?:[^()]*\b(?:getty images|shutterstock)[^()]*|[^()/]+/(?:afp|ap|epa|reuters)\b[^()]*"
    r"|file(?: photo)?)\)$"
    # a sentence, then its picture's credit: "… on Friday. Jane Doe / Getty Images"
    r"|(?-i:(?<=[^\W_A-Z]{2}))[.!?]\s+(?:credit:?\s+)?(?-i:(?:[A-Z][\w.'’-]*\s+){0,2}[A-Z][\w.'’-]*\s?/\s?"
    r"(?:[A-Z][\w.'’-]*\s?){1,4})$"
)


# A line opening with a lowercase connective continues the one above it; no title of the 828
# dev pages does.
_CONTINUATION = re.compile(r"(?:from|by|and|or|of|in|with|for|to|at|on|via|per)\s")


def _title_like(line: Line) -> bool:
    words = word_count(line.text)
    if not 2 <= words <= HEADLINE_MAX_WORDS or line.text.endswith(
        (",", ";", ":", "|", "—", "–", " -")
    ):
        return False  # a title does not run on into what follows ("New York CNN —")
    if len(line.text) < TITLE_MIN_CHARS:
        return False  # a word of a script written without spaces ("共有", share)
    if line.text[0] in LIST_MARKS:
        return False  # an item of a list
    if _CONTINUATION.match(line.text):
        return False  # the rest of a line above: "from University of Michigan"
    if _is_arrow_link(line.text):
        return False  # "« Back to events", "Next post →": a link to another page
    if (month := _MONTH_YEAR.match(line.text)) and _is_month_name(month[1]):
        return False  # an archive's month ("Juli 2012", "March 2015"), not a title
    if (credit := _CLOSING_CREDIT.search(line.text)) and credit[1].casefold() in _PHOTO_AGENCIES:
        return False  # a caption: "You are what you search. (The Associated Press)"
    if _CREDIT_TAIL.search(line.text):
        return False  # a caption: "… to store metadata for two years. Source: Supplied"
    if 2 * len(WORDY_TOKEN.findall(line.text)) < len(line.text.split()):
        return False  # a formula or a row of figures ("x ˙ = σ ( y − x )"), not words
    return not line.text.endswith((".", "。")) or _INITIALISM_END.search(line.text) is not None


_HEADLINE_NOISE = re.compile(rf"[|•·»]|\b\d{{1,2}}:\d{{2}}\b|{_YEAR.pattern}")


# Metadata separators and clock times; a bare year is not noise ("… in 2020: …").
_NOISE_MARKS = re.compile(r"[|•·»]|\b\d{1,2}:\d{2}\b")


def _has_noise(text: str) -> bool:
    """A metadata separator, a clock time or a full date: what a stamp line has."""
    return _NOISE_MARKS.search(text) is not None or _has_full_date(text)


def _is_meta(line: Line) -> bool:
    """A byline, date or author-name line: what stands right under a headline."""
    if line.reason in (LineReason.byline, LineReason.date_line):
        return True
    words = word_count(line.text)
    if words <= 14 and (_HEADLINE_NOISE.search(line.text) or _BY_KEYWORD.match(line.text)):
        return True
    return 2 <= words <= 3 and all(w[:1].isupper() for w in line.text.split())


# A standfirst runs a few words longer than its headline (a table of contents' next entry is
# about as long), and neither is a label of a few words.
STANDFIRST_HEADLINE_MIN_WORDS = 4
STANDFIRST_EXTRA_WORDS = 4
# A deck right under its headline is longer, if only by a word (refitted: 636 of 826 pages'
# headlines right held out by site, from 630 at four words).
DECK_EXTRA_WORDS = 1


def _capitalised_share(text: str) -> float:
    tokens = text.split()
    return sum(1 for t in tokens if t[:1].isupper()) / max(1, len(tokens))


def _sentence_case(text: str) -> bool:
    """Most words start lowercase, in a script that has case: not a title-case label
    ("Foundation, From the archives, Technology") nor a caption of names."""
    return _capitalised_share(text) < 0.5 and any(c.islower() for c in text)


def _over_standfirst(lines: list[Line], i: int) -> bool:
    """Whether line i is a headline in sentence case with its standfirst right under it
    ("Thousands of UK academics 'treated as second-class citizens'" / "Report claims higher
    education institutions have created pool of low-paid staff …"): without this, the
    standfirst's length and its overlap with the article outweigh the headline."""
    if i + 1 >= len(lines):
        return False
    headline, below = lines[i], lines[i + 1]
    words = word_count(headline.text)
    if words < STANDFIRST_HEADLINE_MIN_WORDS or word_count(below.text) < words + DECK_EXTRA_WORDS:
        return False
    if below.no > headline.no + 2 or _is_meta(below) or _has_noise(below.text):
        return False
    if not _title_like(below):
        return False  # the article's first paragraph, under a section heading
    return _sentence_case(headline.text) and _sentence_case(below.text)


# A headline written as sentences is a full one ("Goats ruled this island. Now, it's reborn.");
# a short line that ends with a full stop is a caption or a note ("Updated with new figures.").
SENTENCE_HEADLINE_MIN_WORDS = 8


def _sentence_title(lines: Sequence[Line], i: int) -> bool:
    """Line i is a headline written as sentences: title-like once its full stops go, long,
    and no deck under a title or a caption right above it."""
    line = lines[i]
    if word_count(line.text) < SENTENCE_HEADLINE_MIN_WORDS:
        return False
    if not _title_like(Line(line.no, line.text.rstrip("."))):
        return False
    above = lines[i - 1] if i > 0 else None
    if above is None or above.no < line.no - 2 or _is_meta(above):
        return True
    # Under a title or a caption ("Talks resume today.", "Photo: troops in Gao."), the line
    # is its deck, whether or not the page kept that line.
    return not _title_like(Line(above.no, above.text.rstrip(".")))


def _under_titled_stamp(lines: list[Line], i: int) -> bool:
    """A title-like line right under a dated stamp that itself stands under a title at least
    four words longer ("<headline>" / "Last Updated: January 7, 2025" / "<subheading>"): the
    headline stands over its stamp, what follows it heads the article's first section."""
    if i < 2:
        return False
    stamp, above, line = lines[i - 1], lines[i - 2], lines[i]
    if stamp.no < line.no - 2 or above.no < stamp.no - 2:
        return False
    dated = stamp.reason is LineReason.date_line or _HEADLINE_NOISE.search(stamp.text)
    if not (dated and _is_meta(stamp)) or not _title_like(above):
        return False
    below = lines[i + 1] if i + 1 < len(lines) else None
    if below and below.no <= line.no + 2 and _is_meta(below):
        return False  # its own stamp under it: a headline under a teaser and the teaser's date
    # A heading is much shorter than the headline; a teaser above is about as long.
    return word_count(above.text) >= word_count(line.text) + STANDFIRST_EXTRA_WORDS


def _over_signed_standfirst(lines: list[Line], i: int) -> bool:
    """A headline written as sentences ("Goats ruled this island. Now, it's reborn.") over a
    longer standfirst, the byline right under that: how it is told from the article's lead."""
    if i + 2 >= len(lines) or lines[i + 2].no > lines[i].no + 4:
        return False
    line, deck, byline = lines[i], lines[i + 1], lines[i + 2]
    if not _sentence_title(lines, i):
        return False
    longer = word_count(deck.text) >= word_count(line.text) + STANDFIRST_EXTRA_WORDS
    return longer and _reads_as_byline(byline)


def _reads_as_byline(line: Line) -> bool:
    """A byline, whether or not the cleaner marked it: a long one carries a date and a handle
    ("By Jane Doe March 18 at 3:57 PM Follow @janedoe")."""
    if line.reason is LineReason.byline:
        return True
    by = _BY_KEYWORD.match(line.text)
    short = word_count(line.text) <= STAMP_MAX_WORDS
    return bool(by and short and name_opening(line.text[by.end() :]))
