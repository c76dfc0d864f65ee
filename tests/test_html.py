import datetime as dt
import gzip
import hashlib

from builder.doc import Doc
from builder.html import extract_html
from builder.pipeline import Options, StageCounts, process_doc
from tests.conftest import REPO

PAGE = REPO / "tests/fixtures/devset/breitbart/page.html.gz"

# A saved news page: menus, a share bar, the article under a heading that trafilatura keeps
# as its first paragraph (in capitals, spaced, other quotes than the page's title), related
# links and a footer. OPENING is the article's first words.
ARTICLE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Troops secure “northern” town | Sahel Wire</title>
<meta property="og:title" content="Troops secure “northern” town">
<meta property="og:site_name" content="Sahel Wire">
<meta property="article:published_time" content="2013-01-28T09:00:00Z">
<script>var banner = "Breaking news";</script>
<style>nav { color: red }</style>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/africa">Africa</a></li></ul></nav>
<div class="share">Share on Facebook | Share on Twitter</div>
<article>
<h1>TROOPS SECURE "NORTHERN"   TOWN</h1>
<p>OPENING Nigerian troops bound for Mali left the capital on Monday, officials said, as
the regional force gathered pace after weeks of delay and argument over who would pay.</p>
<p>The soldiers are the first of several hundred that Nigeria has pledged to the mission,
which is meant to take over from French forces that entered the country this month.</p>
<p>"We are ready to move as soon as the order comes," an army spokesman told reporters at
the airport, adding that equipment had been flown ahead of the men over the weekend.</p>
<p>Diplomats in the region said the force would need months to reach its full strength,
and that its funding was still being discussed by donors meeting in Addis Ababa.</p>
</article>
<aside><h3>Related stories</h3><ul><li><a href="/a">France sends more troops</a></li>
<li><a href="/b">Timbuktu library burned</a></li></ul></aside>
<footer><p>&copy; 2013 Sahel Wire. All rights reserved.</p><p>Privacy | Terms</p></footer>
</body></html>
"""


def article_page(opening: str = "ABUJA, Nigeria —") -> str:
    return ARTICLE.replace("OPENING", opening)


def _html_doc(raw: bytes) -> Doc:
    return Doc("page.html", raw, hashlib.sha256(raw).hexdigest(), "0123456789abcdef", "html")


def _record(html: str):
    return process_doc(_html_doc(html.encode("utf-8")), Options(), StageCounts())


def test_html_page_becomes_a_record_with_html_sources():
    article = process_doc(_html_doc(gzip.decompress(PAGE.read_bytes())), Options(), StageCounts())
    # The Open Graph title, without the site's name after it that the page's title shows.
    assert article.headline == (
        "'Neutral' Snopes Fact-Checker David Emery: 'Are There Any Un-Angry Trump Supporters?'"
    )
    assert article.headline_source == "html:og_title"
    assert article.date == dt.date(2016, 12, 22) and article.date_source == "html:meta"
    assert (article.outlet, article.outlet_source) == ("Breitbart", "html:site_name")
    assert article.author == "Lucas Nolan" and article.author_source == "html:author"
    assert article.source_format == "html"
    assert article.body.startswith("Snopes fact checker and staff writer David Emery")
    assert "SIGN UP FOR OUR NEWSLETTER" not in article.body
    removed = {line.line_no: line.reason for line in article.removed_lines}
    # The page's own title line ("<headline> - Breitbart") and its heading are the headline;
    # the newsletter prompts between the paragraphs are lines trafilatura left out.
    assert (removed[1], removed[25]) == ("headline", "headline")
    assert (removed[31], removed[34]) == ("outside_article", "outside_article")
    assert 32 not in removed and 36 not in removed  # the article's first two paragraphs


def test_body_does_not_open_with_the_headline_trafilatura_repeats():
    article = _record(article_page())
    assert article.headline == "Troops secure “northern” town"
    paragraphs = article.body.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("ABUJA, Nigeria — Nigerian troops bound for Mali")
    assert {"line_no": 5, "reason": "headline"} in [r.model_dump() for r in article.removed_lines]


def test_a_body_of_only_the_headline_is_no_article():
    page = "<html><head><title>Mali talks resume</title></head><body><article>"
    page += "<h1>Mali talks resume</h1></article></body></html>"
    from builder.decode import decode

    result = extract_html(decode(_html_doc(page.encode())), dt.date(2030, 1, 1))
    assert result.reason.value == "no_article"


def test_dateline_and_agency_come_from_the_body_as_on_the_text_path():
    article = _record(article_page("ABUJA, Nigeria —"))
    assert (article.dateline, article.dateline_source) == ("ABUJA", "text:dateline")
    assert (article.agency, article.agency_source) == (None, None)
    wire = _record(article_page("BAMAKO (AFP) —"))
    assert (wire.dateline, wire.dateline_source) == ("BAMAKO", "text:dateline")
    assert (wire.agency, wire.agency_source) == ("AFP", "text:dateline")


def test_page_lines_renders_one_block_a_line():
    from builder.html import page_lines

    assert page_lines(article_page()) == [
        "Home",
        "World",
        "Africa",
        "Share on Facebook | Share on Twitter",
        'TROOPS SECURE "NORTHERN" TOWN',
        "ABUJA, Nigeria — Nigerian troops bound for Mali left the capital on Monday, officials"
        " said, as the regional force gathered pace after weeks of delay and argument over who"
        " would pay.",
        "The soldiers are the first of several hundred that Nigeria has pledged to the mission,"
        " which is meant to take over from French forces that entered the country this month.",
        '"We are ready to move as soon as the order comes," an army spokesman told reporters at'
        " the airport, adding that equipment had been flown ahead of the men over the weekend.",
        "Diplomats in the region said the force would need months to reach its full strength,"
        " and that its funding was still being discussed by donors meeting in Addis Ababa.",
        "Related stories",
        "France sends more troops",
        "Timbuktu library burned",
        "© 2013 Sahel Wire. All rights reserved.",
        "Privacy | Terms",
    ]


def test_page_lines_keeps_text_around_comments_and_leaves_out_scripts():
    from builder.html import page_lines

    page = "<html><body><p>Bam<!-- ad -->ako<br>Gao</p><script>x()</script>Mopti</body></html>"
    assert page_lines(page) == ["Bamako", "Gao", "Mopti"]
    assert page_lines('<?xml version="1.0" encoding="utf-8"?><html><p>Kidal</p></html>') == [
        "Kidal"
    ]
    assert page_lines("") == []


def test_removed_lines_list_every_rendered_line_the_body_leaves_out():
    article = _record(article_page())
    assert [(r.line_no, r.reason) for r in article.removed_lines] == [
        (1, "outside_article"),
        (2, "outside_article"),
        (3, "outside_article"),
        (4, "outside_article"),
        (5, "headline"),
        (10, "outside_article"),
        (11, "outside_article"),
        (12, "outside_article"),
        (13, "outside_article"),
        (14, "outside_article"),
    ]


def test_a_paragraph_of_several_rendered_lines_or_shown_twice_is_matched():
    # trafilatura joins a table's row into one paragraph, its cells rendered one a line; a
    # pull quote shows a paragraph again outside the article.
    table = (
        "<table><tr><th>Country</th><th>Troops pledged</th></tr>"
        "<tr><td>Nigeria</td><td>900</td></tr><tr><td>Togo</td><td>500</td></tr></table>"
    )
    quote = (
        "<aside>Diplomats in the region said the force would need months to reach its full"
        " strength, and that its funding was still being discussed by donors meeting in Addis"
        " Ababa.</aside>"
    )
    page = article_page().replace("<p>Diplomats", table + "<p>Diplomats")
    article = _record(page.replace("<aside>", quote + "<aside>"))
    assert "| Nigeria | 900 |" in article.body.split("\n\n")
    removed = {r.line_no: r.reason for r in article.removed_lines}
    assert not removed.keys() & set(range(6, 16))  # the paragraphs and the table's cells
    assert (removed[16], removed[17]) == ("duplicate", "outside_article")


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
