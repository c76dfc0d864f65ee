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


MORE_PROSE = [
    "Residents of Gao said the market had reopened on Tuesday for the first time in months.",
    "Traders brought grain from Mopti by boat, and prices fell for the second week in a row.",
    "The mayor asked the army to keep patrols on the roads leading south toward the river.",
]
LATER_PROSE = [
    "Schools in Timbuktu were due to open again next month, the education ministry said.",
    "Teachers who fled south last year were asked to return before the start of the term.",
    "Parents said many families would wait to see whether the roads were safe in the rains.",
    "The ministry promised new books and desks for the schools that were looted last spring.",
]

OTHER_STORIES = [
    "Flooding in the south displaces thousands of families as the river bursts its banks",
    "Ministers from the region meet in Dakar to discuss the security of the border areas",
    "Exporters of cotton say the harvest this year will be the best in almost a decade",
    "A new bridge over the Niger opens to traffic after four years of building work",
]


def cleaned_body(text: str) -> list[str] | None:
    doc = doc_from_text(text)
    if not isinstance(doc, Doc):
        return None  # decode rejected it (empty, binary): there is nothing to clean
    return [line.text for line in clean(doc).lines if line.kept]


def kept_amid_prose(sentence: str) -> bool:
    """Whether a sentence set between the article's paragraphs stays in its body."""
    page = "\n".join(["Mali talks", *PROSE[:2], sentence, *PROSE[2:]])
    return cleaned_body(page) == [*PROSE[:2], sentence, *PROSE[2:]]


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
