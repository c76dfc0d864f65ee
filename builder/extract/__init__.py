"""Extract stage: metadata from the text's own evidence, each value with its source.

Each field has small ``find_<field>`` functions tried in order (trafilatura's shape); the first
that finds evidence wins and names itself in ``<field>_source``. No evidence gives null: a wrong
date or an invented outlet is worse than a missing one.

This module strings the fields together (``extract``); each field's finders and their helpers
live in a module of their own (``headline``, ``date``, ``outlet``, ``author``, ``dateline``,
``agency``) over ``shared``, which holds what several fields read, so that no field module
imports another or this one (the headline's tests of a line's shape stand apart in
``title_shape``, the outlet's tests of a name in ``outlet_names``). The language is not
extracted here: builder/validate.py detects it.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Sequence

from builder.defaults import DEFAULT_LATEST_DATE
from builder.doc import Doc, LineReason
from builder.extract.agency import (
    find_agency_byline,
    find_agency_credit,
    find_agency_dateline,
    find_agency_stamp,
)
from builder.extract.author import (
    _mark_bylines,
    could_be_author,
    find_author_agency_credit,
    find_author_by_phrase,
    find_author_byline,
    find_author_name_line,
    find_author_signature,
    find_author_sole_byline,
    find_author_split_byline,
    find_author_with_bio,
    reads_as_person,
    tidy_author,
)
from builder.extract.date import (
    _date_context,
    _find_signature,
    find_date_bylined,
    find_date_dateline,
    find_date_headlined,
    find_date_labelled,
    find_date_published_line,
    find_date_signature,
    find_date_stamp,
    find_date_updated,
    mark_stray_stamps,
)
from builder.extract.dateline import _find_dateline
from builder.extract.datetext import (
    EARLIEST_DATE,
    _is_age,
    dates_in,
    numeric_date_survey,
    page_date_order,
)
from builder.extract.headline import (
    _PERMALINK_MARK,
    CHROME_LINE,
    HEADLINE_WEIGHTS,
    _body_overlap,
    _headline_context,
    _is_title_part,
    _mark_headline_copies,
    _PageKeys,
    _without_label,
    content_words,
    find_headline,
    headline_candidates,
    is_chrome_line,
)
from builder.extract.outlet import (
    OUTLET_WEIGHTS,
    find_outlet_agency_line,
    find_outlet_brand,
    outlet_candidates,
)
from builder.extract.outlet_names import _names_of_email_domains, _names_of_url_host
from builder.extract.shared import STAMP_REACH, _evidence, _norm, name_opening
from builder.extract.title_shape import (
    _is_sentence,
    _over_signed_standfirst,
    _over_standfirst,
    _title_like,
    _under_titled_stamp,
)

# What other modules import from builder.extract: every name they imported before
# it became a package stays importable from it.
__all__ = [
    "CHROME_LINE",
    "DEFAULT_LATEST_DATE",
    "EARLIEST_DATE",
    "HEADLINE_WEIGHTS",
    "OUTLET_WEIGHTS",
    "_PageKeys",
    "_body_overlap",
    "_is_age",
    "_is_sentence",
    "_is_title_part",
    "_names_of_email_domains",
    "_names_of_url_host",
    "_over_signed_standfirst",
    "_over_standfirst",
    "_title_like",
    "_under_titled_stamp",
    "_without_label",
    "content_words",
    "dateline_and_agency",
    "dates_in",
    "extract",
    "extract_with_context",
    "headline_candidates",
    "is_chrome_line",
    "name_opening",
    "outlet_candidates",
    "page_date_order",
]


class _Context:
    def __init__(
        self,
        doc: Doc,
        anchor: int,
        body_start: int,
        latest: dt.date,
        site_order: str | None = None,
    ):
        self.anchor = anchor
        self.body_start = body_start
        self.latest = latest
        page_order, ambiguous = numeric_date_survey(doc.lines)
        self.order = page_order or site_order
        # Asked only where a date needs it; a clock's zone after the date comes first.
        self.language_order = _order_of_language(doc) if ambiguous and not self.order else None
        kept = [i for i, line in enumerate(doc.lines) if line.kept]
        low = max(0, anchor - 10)
        # A headline the cleaner kept as the article's first line: the stamp stands under it,
        # above the article's first paragraph, however many buttons come between.
        after = bisect.bisect_right(kept, anchor)
        opening = kept[after] if after < len(kept) else anchor
        high = min(len(doc.lines), max(body_start, opening) + STAMP_REACH)
        self.head_window = range(low, high)
        self.title_suffix: str | None = None
        self.dateline_match = _find_dateline(doc.lines)
        # The article's span, from its first kept line to its last.
        self.article_span = range(kept[0], kept[-1] + 1) if kept else range(0)
        self.signature = _find_signature(doc.lines, kept)


def _order_of_language(doc: Doc) -> str | None:
    """For a page with a numeric date only an order can read: day first where the article is
    not in English, as every other language the builder meets writes its numeric dates (or
    year first, as ISO dates read anyway). English may go either way (03/05/2022 is March in
    the US, May in Britain): no order."""
    from builder.validate import detect_language  # validate imports the extract stage

    language = detect_language("\n\n".join(line.text for line in doc.lines if line.kept))
    return "DMY" if language not in (None, "en") else None


Finder = Callable[[Doc, _Context], object]
DATE_FINDERS: tuple[tuple[str, Finder], ...] = (
    ("text:dateline", find_date_dateline),
    ("text:stamp", find_date_stamp),
    ("text:stamp", find_date_published_line),
    ("text:stamp", find_date_signature),
    ("text:stamp", find_date_labelled),
    ("text:stamp", find_date_bylined),
    ("text:stamp", find_date_headlined),
    ("text:updated", find_date_updated),
)
OUTLET_FINDERS: tuple[tuple[str, Finder], ...] = (("text:agency_line", find_outlet_agency_line),)
AGENCY_FINDERS: tuple[tuple[str, Finder], ...] = (
    ("text:dateline", find_agency_dateline),
    ("text:byline", find_agency_byline),
    ("text:byline", find_agency_credit),
    ("text:stamp", find_agency_stamp),
)
AUTHOR_FINDERS: tuple[tuple[str, Finder], ...] = (
    ("text:byline", find_author_byline),
    ("text:byline", find_author_by_phrase),
    ("text:name_line", find_author_with_bio),
    ("text:name_line", find_author_name_line),
    ("text:byline", find_author_agency_credit),
    ("text:byline", find_author_sole_byline),
    ("text:byline", find_author_split_byline),
    ("text:name_line", find_author_signature),
)


def _first(
    finders: Sequence[tuple[str, Finder]],
    doc: Doc,
    ctx: _Context,
    field: str = "",
    accept: Callable[[str], bool] = bool,
):
    """The first finder's accepted value and source; which finder it was goes to the
    evidence."""
    for source, finder in finders:
        value = finder(doc, ctx)
        if value and accept(value):
            if field:
                _evidence(doc, field, {"finder": finder.__name__})
            return value, source
    return None, None


def extract(doc: Doc, latest: dt.date = DEFAULT_LATEST_DATE, site_order: str | None = None) -> Doc:
    """Fill doc.meta with headline, date, outlet, author, dateline, agency and their sources.

    site_order ("DMY" or "MDY") is the date order the page's site settles on its other
    pages; it reads an ambiguous numeric date when the page's own dates do not settle it.
    """
    return extract_with_context(doc, latest, site_order)[0]


def extract_with_context(
    doc: Doc, latest: dt.date = DEFAULT_LATEST_DATE, site_order: str | None = None
) -> tuple[Doc, _Context]:
    """extract(), also returning the page context its finders saw (to refit their weights)."""
    lines = doc.lines
    body_start = next((i for i, line in enumerate(lines) if line.reason is None), len(lines))
    meta = doc.meta
    meta["evidence"] = {}  # filled by the finders below: how each value was chosen
    found = find_headline(doc, body_start)
    meta["headline"] = meta["headline_source"] = None
    anchor, title_suffix = body_start, None
    if found:
        anchor, source = found
        meta["headline"] = _PERMALINK_MARK.sub("", lines[anchor].text)
        meta["headline_source"] = source
        title_suffix = _mark_headline_copies(doc, lines[anchor].text)
        meta["evidence"].setdefault("headline", {}).update(_headline_context(doc, anchor))
    ctx = _Context(doc, anchor, body_start, latest, site_order)
    ctx.title_suffix = title_suffix
    meta["date"], meta["date_source"] = _first(DATE_FINDERS, doc, ctx, "date")
    mark_stray_stamps(doc)
    if meta["date"]:
        meta["evidence"]["date"].update(_date_context(doc, meta["date"], ctx))
    meta["outlet"], meta["outlet_source"] = _first(OUTLET_FINDERS, doc, ctx, "outlet")
    if meta["outlet"] is None and (brand := find_outlet_brand(doc, ctx)):
        meta["outlet"], meta["outlet_source"] = brand
    meta["author"], meta["author_source"] = _first(
        AUTHOR_FINDERS, doc, ctx, "author", accept=could_be_author
    )
    if meta["author"]:
        meta["author"] = tidy_author(meta["author"])
        _mark_bylines(doc, meta["author"])
    if _outlet_is_author(meta):
        # The page's chrome credits its writer ("Follow Cheryl Baehr", "© Jane Doe"): a person
        # signs the article, a masthead publishes it.
        brand = find_outlet_brand(doc, ctx, person=meta["author"])
        meta["outlet"], meta["outlet_source"] = brand or (None, None)
        if brand is None:
            meta["evidence"].pop("outlet", None)
    if ctx.signature is not None and ctx.signature.kept:
        ctx.signature.reason = LineReason.byline  # metadata under the article, not its text
    meta.update(_dateline_and_agency(doc, ctx))
    return doc, ctx


def _outlet_is_author(meta: dict) -> bool:
    """Whether the outlet the page's chrome gave is the name of the person who signs it."""
    outlet, author = meta["outlet"], meta["author"]
    if not (outlet and author) or meta["outlet_source"] == "text:agency_line":
        return False
    return _norm(outlet) == _norm(author) and reads_as_person(author)


def _dateline_and_agency(doc: Doc, ctx: _Context) -> dict[str, str | None]:
    match = ctx.dateline_match
    agency, agency_source = _first(AGENCY_FINDERS, doc, ctx)
    return {
        "dateline": match.group("place") if match else None,
        "dateline_source": "text:dateline" if match else None,
        "agency": agency,
        "agency_source": agency_source,
    }


def dateline_and_agency(doc: Doc, latest: dt.date = DEFAULT_LATEST_DATE) -> dict[str, str | None]:
    """Dateline and agency, with their sources, of a doc whose lines are an article's body
    alone (the HTML path's), by the rules extract() applies: its first line is where the
    article opens and its head window starts."""
    return _dateline_and_agency(doc, _Context(doc, 0, 0, latest))
