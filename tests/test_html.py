import datetime as dt
import gzip
import hashlib

from builder.doc import Doc
from builder.html import extract_html
from builder.pipeline import Options, StageCounts, process_doc
from tests.conftest import REPO

PAGE = REPO / "tests/fixtures/devset/breitbart/page.html.gz"


def _html_doc(raw: bytes) -> Doc:
    return Doc("page.html", raw, hashlib.sha256(raw).hexdigest(), "0123456789abcdef", "html")


def test_html_page_becomes_a_record_with_html_sources():
    article = process_doc(_html_doc(gzip.decompress(PAGE.read_bytes())), Options(), StageCounts())
    assert article.headline.startswith("'Neutral' Snopes Fact-Checker David Emery")
    assert article.headline_source == "html:title"
    assert article.date == dt.date(2016, 12, 22) and article.date_source == "html:date"
    assert article.author == "Lucas Nolan" and article.author_source == "html:author"
    assert article.source_format == "html"
    assert article.body.startswith("Snopes fact checker and staff writer David Emery")
    assert "SIGN UP FOR OUR NEWSLETTER" not in article.body
    assert article.removed_lines == []


def test_html_without_article_is_rejected():
    doc = _html_doc(b"<html><head><title>Menu</title></head><body><div></div></body></html>")
    from builder.decode import decode

    result = extract_html(decode(doc), dt.date(2030, 1, 1))
    assert result.reason.value == "no_article"


def test_dates_after_the_latest_date_are_not_taken():
    doc = _html_doc(gzip.decompress(PAGE.read_bytes()))
    from builder.decode import decode

    doc = extract_html(decode(doc), dt.date(2016, 1, 1))
    assert doc.meta["date"] is None or doc.meta["date"] <= dt.date(2016, 1, 1)
