"""The publication date: the first of the dateline's date, a stamp's near the headline, a line
that says it gives the publication date, the signature's under the article, a labelled field's,
the stamp under the first byline, the stamp under another copy of the headline, else the date
the page was last updated (its own source, text:updated).

Also the article's signature (found once per page for the date and the author) and how the
chosen date stands among the page's other dates, evidence for the confidence stage.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from builder.clean.text import is_prose, word_count
from builder.doc import Doc, Line, LineReason
from builder.extract.datetext import (
    _DIGIT,
    _FULL_DATES,
    _YEAR,
    _ZONE_ORDERS,
    _has_full_date,
    dates_in,
)
from builder.extract.shared import (
    _NAME_LINE,
    _PUBLISHED_STRONG,
    _PUBLISHED_WORDS,
    _UPDATED,
    STAMP_MAX_WORDS,
    STAMP_REACH,
    _stated_dates,
    name_opening,
    opens_signed,
)

if TYPE_CHECKING:
    from builder.extract import _Context


# A date under more of the article's paragraphs than a deck and a caption dates something
# else: a teaser in a box of related stories, an event the article tells of.
STAMP_MAX_PARAGRAPHS_ABOVE = 3
# A stamp above the headline counts as this many lines further than one under it: above it
# stand a related story's date and a section's, under it the byline's (on the dev pages, two
# lines or more turn three wrong dates right, and no right one wrong).
STAMP_ABOVE_COST = 2


def find_date_dateline(doc: Doc, ctx: _Context) -> dt.date | None:
    match = ctx.dateline_match
    if match and match.group("date"):
        dates = dates_in(match.group("date"), ctx.order, ctx.latest, ctx.language_order)
        return dates[0] if dates else None
    return None


def find_date_stamp(doc: Doc, ctx: _Context) -> dt.date | None:
    """A short line near the headline that states a date ("Published on 15/01/2013"); in a
    timeline's article, not the date heading its first entry."""
    best: tuple[tuple[int, int], dt.date] | None = None
    timeline: bool | None = None  # read once a date alone stands in the article
    for i in ctx.head_window:
        line = doc.lines[i]
        # The first entry's date may stand over the article's first paragraph.
        if (
            i >= ctx.body_start - 1
            and len(line.text) < STRAY_STAMP_MAX_CHARS
            and _only_a_stamp(line.text)
        ):
            if timeline is None:
                timeline = len(_stray_stamps(doc)[1]) >= TIMELINE_MIN_DATES
            if timeline:
                continue
        dates, published = _stated_dates(line, ctx)
        if not dates:
            if _is_update_stamp(line, ctx) and (
                _paragraphs_between(doc.lines, ctx.body_start, i) <= STAMP_MAX_PARAGRAPHS_ABOVE
            ):
                line.reason = LineReason.date_line  # it dates an edit, not the article
            continue
        if _paragraphs_between(doc.lines, ctx.body_start, i) > STAMP_MAX_PARAGRAPHS_ABOVE:
            break
        above = STAMP_ABOVE_COST if i < ctx.anchor else 0
        rank = (int(published), -abs(i - ctx.anchor) - above)
        if best is None or rank > best[0]:
            best = (rank, dates[0])
        if line.reason in (None, LineReason.outside_article) and _is_stamp_line(line, published):
            line.reason = LineReason.date_line
    return best[1] if best else None


# A stamp line is short; one that says the article was published may run longer: "PUBLISHED:
# November 8, 2023 at 11:30 p.m. | UPDATED: November 9, 2023 at 12:21 a.m.", "Mark Hicks, The
# Detroit News Published 7:40 p.m. ET March 17, 2020".
STAMP_LINE_MAX_CHARS = 60
PUBLISHED_LINE_MAX_CHARS = 120


def _is_stamp_line(line: Line, published: bool) -> bool:
    if len(line.text) < STAMP_LINE_MAX_CHARS:
        return True
    if published:
        return len(line.text) < PUBLISHED_LINE_MAX_CHARS
    # Signed: "By Cat Lafuente / June 12, 2020 9:49 am EST / Updated: Aug. 18, 2020 4:17 pm EST"
    return opens_signed(line.text) and len(line.text) < PUBLISHED_LINE_MAX_CHARS


# "Updated 3rd Nov 2023, 09:25 GMT", "Last updated: March 3, 2013": a stamp of the article's
# last edit, which states no date of its publication.
_UPDATE_OPENING = re.compile(r"(?i)^\W*(?:last\s+)?(?:updated|modified|aktualisiert|actualizado)\b")


def _is_update_stamp(line: Line, ctx: _Context) -> bool:
    if line.reason not in (None, LineReason.outside_article):
        return False
    if len(line.text) >= STAMP_LINE_MAX_CHARS or not _UPDATE_OPENING.match(line.text):
        return False
    return bool(dates_in(line.text, ctx.order, ctx.latest, ctx.language_order))


def _paragraphs_between(lines: Sequence[Line], first: int, end: int) -> int:
    """The article's paragraphs of prose in lines[first:end]."""
    return sum(
        1 for line in lines[first:end] if line.kept and is_prose(line.text, word_count(line.text))
    )


# A post may be signed under its last paragraph instead of under its headline.
SIGNATURE_REACH = 2
# "Jane Doe — 2013-09-29 — in Code — Permalink", "Posted by Jane Doe on March 3, 2013".
_SIGNED_WORDS = re.compile(r"(?i)^posted\b|\bpermalink\b")
# "December 29, 2014 at 02:13PM EST by Jane Doe": a date signed by the name that ends it;
# not a picture's credit ("Photo by Getty Images").
_LAST_BY = re.compile(r"(?<![Pp]hoto )(?<![Ii]mage )\b[Bb]y\s+(?!.*\b[Bb]y\s)")


def _signed_by(text: str) -> bool:
    by = _LAST_BY.search(text)
    return by is not None and name_opening(text[by.end() :]) == text[by.end() :].strip()


def _find_signature(lines: Sequence[Line], kept: Sequence[int]) -> Line | None:
    """The line right under the article's last paragraph that signs and dates it: among the
    article's last lines (a cleaner keeps a link list under it) or right after them."""
    if not kept:
        return None
    first = kept[max(0, len(kept) - 1 - SIGNATURE_REACH)]
    for line in lines[first : kept[-1] + 1 + SIGNATURE_REACH]:
        signed = (
            _NAME_LINE.match(line.text) or _SIGNED_WORDS.search(line.text) or _signed_by(line.text)
        )
        short = word_count(line.text) <= 2 * STAMP_MAX_WORDS
        if signed and short and any(p.search(line.text) for p in _FULL_DATES):
            return line
    return None


def find_date_signature(doc: Doc, ctx: _Context) -> dt.date | None:
    """The date of the signature under the article ("Jane Doe — 2013-09-29 — in Code")."""
    if ctx.signature is None:
        return None
    dates, _ = _stated_dates(ctx.signature, ctx)
    return dates[0] if dates else None


def find_date_published_line(doc: Doc, ctx: _Context) -> dt.date | None:
    """The first line above the article's opening that says it gives the publication date.

    For when the headline, and so the stamp's neighbourhood, was missed; dates further down
    (references, related stories) are not the article's.
    """
    for line in doc.lines[: ctx.body_start + 2 * STAMP_REACH]:
        if _PUBLISHED_STRONG.search(line.text):
            dates, published = _stated_dates(line, ctx)
            if dates and published:
                return dates[0]
    return None


# A date under its label, a field of the page's own ("Date 19.01.2020", "Datum: 12.3.2019",
# "Published: March 3, 2013"), wherever the page places it.
_LABELLED_DATE = re.compile(
    rf"(?i)^\W*(?:{_PUBLISHED_WORDS}|datum|fecha|data)(?:\s+(?:on|am|le|el|il))?\s*:?\s+"
    r"(?P<date>.+)$"
)


def find_date_labelled(doc: Doc, ctx: _Context) -> dt.date | None:
    """The one date the page gives under a label, however far from the headline (an info
    box after the article); none when labelled dates disagree (a list of events)."""
    found = set()
    for line in doc.lines:
        if (match := _LABELLED_DATE.match(line.text)) and word_count(line.text) <= STAMP_MAX_WORDS:
            found.update(
                dates_in(match.group("date"), ctx.order, ctx.latest, ctx.language_order)[:1]
            )
    return found.pop() if len(found) == 1 else None


# A byline's stamp stands right under it ("By Jane Doe" / "The Daily Planet |" / "Dec 23,
# 2020 at 10:42 AM").
BYLINE_STAMP_REACH = 2


def find_date_bylined(doc: Doc, ctx: _Context) -> dt.date | None:
    """The date on a line right under the page's first byline, wherever the byline stands (a
    headline the finders missed leaves the stamp out of the head window)."""
    lines = doc.lines
    for i, line in enumerate(lines):
        if line.reason is not LineReason.byline:
            continue
        for below in lines[i + 1 : i + 1 + BYLINE_STAMP_REACH]:
            dates, _ = _stated_dates(below, ctx)
            if dates:
                return dates[0]
        return None
    return None


def find_date_headlined(doc: Doc, ctx: _Context) -> dt.date | None:
    """The date on a short line right under a copy of the headline outside the head window
    (a page title over its stamp, the article's heading repeated further down)."""
    lines = doc.lines
    for i, line in enumerate(lines):
        if line.reason is not LineReason.headline or i in ctx.head_window:
            continue
        for below in lines[i + 1 : i + 1 + BYLINE_STAMP_REACH]:
            if word_count(below.text) > STAMP_MAX_WORDS:
                break
            dates, _ = _stated_dates(below, ctx)
            if dates:
                return dates[0]
    return None


def find_date_updated(doc: Doc, ctx: _Context) -> dt.date | None:
    """When the page says only when the article was updated ("Updated 4:48 PM EST, Mon
    November 6, 2023", "Last updated September 14, 2016"): that date, nearest the headline.
    It bounds the publication date from above, and its source says so (text:updated)."""
    best: tuple[int, dt.date] | None = None
    for i in ctx.head_window:
        line = doc.lines[i]
        updated = _UPDATED.search(line.text)
        if not updated or word_count(line.text) > STAMP_MAX_WORDS:
            continue
        if _paragraphs_between(doc.lines, ctx.body_start, i) > STAMP_MAX_PARAGRAPHS_ABOVE:
            break
        dates = dates_in(line.text[updated.end() :], ctx.order, ctx.latest, ctx.language_order)
        if dates and (best is None or abs(i - ctx.anchor) < best[0]):
            best = (abs(i - ctx.anchor), dates[0])
    if best is None:
        return None
    # A headline naming an earlier year ("The 21 best movies of 2017", updated July 2018;
    # "… Video in 2020", updated 2025) was published before the update, by how much unknown.
    named = [int(year) for year in _YEAR.findall(doc.meta.get("headline") or "")]
    return None if any(year < best[1].year for year in named) else best[1]


# Lines either side of the chosen date's line searched for the page's other dates.
DATE_CONTEXT_LINES = 40


def _date_context(doc: Doc, chosen: dt.date, ctx: _Context) -> dict[str, float]:
    """How the chosen date stands among the dates the page states near the article."""
    low = max(0, ctx.anchor - DATE_CONTEXT_LINES)
    high = min(len(doc.lines), ctx.anchor + DATE_CONTEXT_LINES)
    others = [
        date
        for line in doc.lines[low:high]
        if _DIGIT.search(line.text)
        for date in dates_in(line.text, ctx.order, ctx.latest, ctx.language_order)
    ]
    distinct = set(others)
    newer = [d for d in distinct if d > chosen]
    return {
        "dates": math.log1p(len(distinct)),
        "newer": math.log1p(len(newer)),
        "days_to_newest": math.log1p((max(newer) - chosen).days) if newer else 0.0,
        "repeated": float(others.count(chosen) > 1),
    }


# A stamp anywhere in the article, alone on its line: "PUBLISHED: April 24, 2020 at 9:06 a.m. |
# UPDATED: …", "Updated August 5, 2020", "Publié le 9 juin 2019". A note that says more runs
# on into a sentence ("Updated 11.02.23: This article has been updated to …") or ends as one.
_STAMP_OPENING = re.compile(
    r"(?i)^\W*(?:(?:first |last )?(?:published|updated|posted)|publié|veröffentlicht|aktualisiert|"
    r"publicado|actualizado|pubblicato|aggiornato)\b"
)
STRAY_STAMP_MAX_CHARS = 100


# An article with this many lines that are dates alone is a timeline, or a list of dated
# items: the dates head its entries ("January 11, 2013" / "France launches …"), not stamps.
TIMELINE_MIN_DATES = 3


def mark_stray_stamps(doc: Doc) -> None:
    """Take the article's stamp lines out of its body, wherever they stand: a line that says
    it dates the page ("Updated …"), or dates alone outside a timeline's headings."""
    said, alone = _stray_stamps(doc)
    for line in said + (alone if len(alone) < TIMELINE_MIN_DATES else []):
        line.reason = LineReason.date_line


def _stray_stamps(doc: Doc) -> tuple[list[Line], list[Line]]:
    """The article's short dated lines that say they date the page, and those that hold
    nothing but dates and a stamp's other parts, in one pass."""
    said, alone = [], []
    for line in doc.lines:
        text = line.text
        if not line.kept or len(text) >= STRAY_STAMP_MAX_CHARS:
            continue
        if text.endswith(".") and not text.endswith(("a.m.", "p.m.")):
            continue
        if not _has_full_date(text):
            continue
        if _STAMP_OPENING.match(text):
            said.append(line)
        elif _only_a_stamp(text):
            alone.append(line)
    return said, alone


# What a stamp holds beside its dates: a clock, a zone, a weekday, the words that say which
# date it is ("Dec. 13, 2016, 12:31 PM UTC / Updated Dec. 13, 2016, 6:06 PM UTC").
_STAMP_PARTS = re.compile(
    r"(?i)\b(?:\d{1,2}[:.h]\d{2}(?::\d{2})?|[ap]\.?m\b\.?|"
    + "|".join(_ZONE_ORDERS)
    + r"|utc|(?:first |last )?(?:published|updated|posted|modified)|on|at|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:mon|tue|wed|thu|fri|sat|sun)\.?)(?!\w)"
)


# Two dates with their clocks, zones and words ("Dec. 13, 2016, 12:31 PM UTC / Updated
# Dec. 13, 2016, 6:06 PM UTC") take 14 spaces.
STAMP_MAX_SPACES = 16


def _only_a_stamp(text: str) -> bool:
    """Whether a line holds nothing but dates and a stamp's other parts."""
    if text.count(" ") > STAMP_MAX_SPACES or not _DIGIT.search(text):
        return False  # a sentence, or no date at all: read no further
    for pattern in _FULL_DATES:
        text = pattern.sub(" ", text)
    return not any(char.isalnum() for char in _STAMP_PARTS.sub(" ", text))
