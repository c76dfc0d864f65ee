"""HTML stage: saved pages go through trafilatura for body and metadata.

trafilatura reads the markup (link density, tags, meta elements), which text alone does not
have, so HTML input skips the text cleaner and its line-level metadata rules. Its output
enters the same record model, each value's source marked ``html:…``.
"""

from __future__ import annotations

import datetime as dt

from builder.doc import Doc, Line, Rejection, RejectReason
from builder.extract import EARLIEST_DATE


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
    doc.lines = [
        Line(no, stripped)
        for no, paragraph in enumerate(result.text.split("\n"), start=1)
        if (stripped := " ".join(paragraph.split()))
    ]
    meta = doc.meta
    found = {
        "headline": (result.title, "html:title"),
        "outlet": (result.sitename, "html:sitename"),
        "author": (result.author, "html:author"),
    }
    for name, (value, source) in found.items():
        value = " ".join((value or "").split()) or None
        meta[name], meta[f"{name}_source"] = value, source if value else None
    meta["date"] = _parse_date(result.date, latest)
    meta["date_source"] = "html:date" if meta["date"] else None
    for name in ("dateline", "agency"):
        meta[name] = meta[f"{name}_source"] = None
    if doc.url is None and result.url:
        doc.url = result.url
    return doc


def _parse_date(value: str | None, latest: dt.date) -> dt.date | None:
    try:
        date = dt.date.fromisoformat((value or "")[:10])
    except ValueError:
        return None
    return date if EARLIEST_DATE <= date <= latest else None
