"""The wire agency that wrote the article: named in the dateline's brackets, in or under the
byline, in a reporter's credit ("Jane Doe, Reuters") or in the stamp that dates the article;
never one that took a picture ("AFP/Getty Images") or that the article quotes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from builder.doc import Doc, LineReason
from builder.extract.shared import _AGENCIES, _AGENCY_NAME, _first_agency_credit, _stated_dates

if TYPE_CHECKING:
    from builder.extract import _Context


# Words of a picture's credit line: an agency that took a photo did not write the article.
_PICTURE_WORDS = re.compile(r"(?i)\b(?:photos?|foto|image|picture|getty|video)\b")


def find_agency_credit(doc: Doc, ctx: _Context) -> str | None:
    credit = _first_agency_credit(doc, ctx)
    return credit[1] if credit else None


def find_agency_dateline(doc: Doc, ctx: _Context) -> str | None:
    """The agency a dateline credits: "BAMAKO (AFP) - …"."""
    match = ctx.dateline_match
    agency = match.group("agency") if match else None
    return _AGENCIES.get(agency.casefold()) if agency else None


def _credited_agency(doc: Doc, ctx: _Context, credits: Callable[[int], bool]) -> str | None:
    """The first agency named on a line under the headline that credits the article (credits
    tells by the line's index). An agency in a sentence is a source the article quotes
    ("witnesses told AFP"), and one under a picture took the picture ("AFP/Getty Images",
    "Photo: AFP")."""
    for i in ctx.head_window:
        agency = _writing_agency(doc.lines[i].text)
        if agency and credits(i):
            return agency
    return None


# Two finders read the lines under the headline; a site's pages share their stamp lines.
@functools.lru_cache(maxsize=16384)
def _writing_agency(text: str) -> str | None:
    """The agency a line names, unless the line credits a picture."""
    match = _AGENCY_NAME.search(text)
    if match and not _PICTURE_WORDS.search(text):
        return _AGENCIES[match.group(1).casefold()]
    return None


def find_agency_byline(doc: Doc, ctx: _Context) -> str | None:
    """ "By Jane Doe, Associated Press", or the agency alone under the byline ("By JANE DOE"
    over "Associated Press")."""

    def credits(i: int) -> bool:
        if doc.lines[i].reason is LineReason.byline:
            return True
        alone = _AGENCY_NAME.fullmatch(doc.lines[i].text) is not None
        return alone and i > 0 and doc.lines[i - 1].reason is LineReason.byline

    return _credited_agency(doc, ctx, credits)


def find_agency_stamp(doc: Doc, ctx: _Context) -> str | None:
    """ "AFP 30 avril 2015 à 07:19": the stamp that dates the article names its agency."""

    def credits(i: int) -> bool:
        line = doc.lines[i]
        return line.reason is LineReason.date_line or bool(_stated_dates(line, ctx)[0])

    return _credited_agency(doc, ctx, credits)
