from __future__ import annotations

import datetime as dt
import hashlib

from builder.clean import clean
from builder.decode import decode
from builder.doc import Doc
from builder.extract import extract
from builder.model import Article, RemovedLine


def doc_from_text(text: str, name: str = "page.txt") -> Doc:
    raw = text.encode("utf-8")
    return decode(Doc(name, raw, hashlib.sha256(raw).hexdigest(), "0" * 16))


def cleaned(text: str) -> Doc:
    return extract(clean(doc_from_text(text)))


def reasons(doc: Doc) -> dict[str, str | None]:
    return {line.text: (line.reason.value if line.reason else None) for line in doc.lines}


PROSE = [
    "The regional force met in Bamako on Monday to plan the deployment of troops to the north.",
    "Officials said the first battalions would arrive within weeks, pending a United Nations vote.",
    "Aid groups warned that fighting could displace thousands more people across the border.",
    "The interim government welcomed the plan and asked for more support from its neighbours.",
]


def read_byline(byline: str) -> tuple[str | None, str | None, str | None]:
    """How a page reads a line under its headline "Mali talks resume in Algiers": the line's
    reason, the author and the headline."""
    doc = cleaned("\n\n".join(["Mali talks resume in Algiers", byline, *PROSE]))
    return reasons(doc)[byline], doc.meta["author"], doc.meta["headline"]


def make_article(**overrides) -> Article:
    values = dict(
        id="abc",
        headline="A headline",
        date=dt.date(2013, 1, 15),
        outlet=None,
        body="One paragraph.",
        author=None,
        dateline=None,
        language="en",
        agency=None,
        url=None,
        license=None,
        source_file="a.txt",
        source_format="text",
        encoding="utf-8",
        text_repaired=False,
        source_sha256="0" * 64,
        split="train",
        word_count=2,
        headline_source="text:title_line",
        date_source="text:stamp",
        outlet_source=None,
        author_source=None,
        dateline_source=None,
        agency_source=None,
        cluster_id="abc",
        is_canonical=True,
        removed_lines=[RemovedLine(line_no=1, reason="boilerplate")],
        headline_confidence=0.9,
        date_confidence=0.95,
        outlet_confidence=None,
        author_confidence=None,
        withheld=[],
    )
    values.update(overrides)
    return Article(**values)
