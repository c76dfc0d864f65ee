import json

import lxml.html

from builder.html_meta import (
    declared_author,
    declared_date,
    declared_headline,
    name_key,
    site_name,
    without_site_name,
)


def _page(head: str = "", body: str = "") -> object:
    return lxml.html.document_fromstring(f"<html><head>{head}</head><body>{body}</body></html>")


def _json_ld(*items: object) -> str:
    return "".join(
        f'<script type="application/ld+json">{json.dumps(item)}</script>' for item in items
    )


OG = '<meta property="og:title" content="{}">'
SITE = '<meta property="og:site_name" content="{}">'


def test_the_first_declared_headline_the_page_shows_wins():
    head = _json_ld({"@type": "NewsArticle", "headline": "Troops reach Gao at dawn"})
    head += OG.format("Troops reach Gao") + "<title>Troops reach Gao | Sahel Wire</title>"
    root = _page(head)
    # JSON-LD comes first, but the page prints only the shorter Open Graph title.
    assert declared_headline(root, ["Menu", "Troops reach Gao", "By Jane Doe"]) == (
        "Troops reach Gao",
        "html:og_title",
        {"shown": 1.0, "agreeing": 1.0},
    )
    # Shown as "TROOPS REACH “GAO” AT DAWN": case and quote marks do not count.
    value, source, evidence = declared_headline(root, ["TROOPS REACH “GAO” AT DAWN"])
    assert (value, source, evidence["shown"]) == ("Troops reach Gao at dawn", "html:json_ld", 1.0)


def test_with_none_shown_the_first_declared_headline_stands():
    root = _page(OG.format("Mali talks resume") + "<title>Mali talks resume</title>")
    assert declared_headline(root, ["Home", "World"]) == (
        "Mali talks resume",
        "html:og_title",
        {"shown": 0.0, "agreeing": 2.0},
    )
    assert declared_headline(_page(), ["Mali talks resume"]) is None


def test_the_site_name_after_a_title_is_left_off():
    head = SITE.format("The Malay Mail") + "<title>Gao retaken | Malay Mail</title>"
    assert declared_headline(_page(head), [])[0] == "Gao retaken"
    # Another name after the separator is part of the title: "Mali: what comes next".
    head = SITE.format("Sahel Wire") + "<title>Gao retaken - what comes next</title>"
    assert declared_headline(_page(head), [])[0] == "Gao retaken - what comes next"
    assert without_site_name("Gao retaken – Sahel Wire", None) == "Gao retaken – Sahel Wire"
    assert name_key("The Guardian") == name_key("guardian") == "guardian"


def test_only_an_articles_json_ld_headline_and_a_sole_h1_count():
    head = _json_ld({"@type": "WebSite", "headline": "News you can trust"})
    assert declared_headline(_page(head), ["News you can trust"]) is None
    graph = {"@graph": [{"@type": "Organization"}, {"@type": ["BlogPosting"], "headline": "Kidal"}]}
    assert declared_headline(_page(_json_ld(graph)), [])[:2] == ("Kidal", "html:json_ld")
    broken = '<script type="application/ld+json">{"headline": </script>'
    broken += '<script type="application/ld+json">' + "[" * 100_000 + "</script>"
    assert declared_headline(_page(broken, "<h1>Mopti</h1>"), ["Mopti"])[:2] == (
        "Mopti",
        "html:h1",
    )
    # An icon's title is no page's: the page declares nothing.
    icon = "<svg><title>Share on Facebook</title></svg>"
    assert declared_headline(_page("", icon), ["Share on Facebook"]) is None
    # Two h1 elements: a logo and a section, neither the headline.
    assert declared_headline(_page("", "<h1>Sahel Wire</h1><h1>World</h1>"), []) is None


def test_site_name_from_open_graph_else_the_json_ld_publisher():
    assert site_name(_page(SITE.format("Sahel Wire"))) == "Sahel Wire"
    publisher = {"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "AFP"}}
    assert site_name(_page(_json_ld(publisher))) == "AFP"
    assert site_name(_page()) is None


def test_declared_date_in_order_json_ld_meta_time():
    meta = '<meta property="article:published_time" content="2013-01-16T02:10:00+00:00">'
    other = '<meta name="dc.date" content="2013-01-20">'
    time = '<time datetime="2013-01-25">Jan 25</time>'
    article = {"@type": "NewsArticle", "datePublished": "2013-01-15T23:50:00Z"}
    assert declared_date(_page(_json_ld(article) + other + meta, time)) == (
        "2013-01-15",
        "html:json_ld",
    )
    # article:published_time comes before Dublin Core's date, wherever each stands.
    assert declared_date(_page(other + meta, time)) == ("2013-01-16", "html:meta")
    assert declared_date(_page("", time)) == ("2013-01-25", "html:time")
    # A date written in words is left to trafilatura's search.
    assert declared_date(_page('<meta name="date" content="January 15, 2013">')) is None
    microdata = '<meta itemprop="datePublished" content="2013-02-01">'
    assert declared_date(_page("", microdata)) == ("2013-02-01", "html:meta")


def test_declared_author_names_an_articles_people_not_the_site():
    authors = [
        {"@type": "Person", "name": "Jane  Doe"},
        "John Roe",
        {"@type": "Organization", "name": "Sahel Wire"},
        {"@type": "Person", "name": "Jane Doe"},
    ]
    article = {"@type": "NewsArticle", "author": authors}
    assert declared_author(_page(_json_ld(article))) == ("Jane Doe, John Roe", "html:json_ld")
    nested = {"@type": "NewsArticle", "author": [[["Ann Lee"]]]}
    assert declared_author(_page(_json_ld(nested))) == ("Ann Lee", "html:json_ld")
    deep = '{"@type": "NewsArticle", "author": ' + "[" * 900 + '"Ann Lee"' + "]" * 900 + "}"
    script = f'<script type="application/ld+json">{deep}</script>'
    assert declared_author(_page(script)) == ("Ann Lee", "html:json_ld")
    # The site named as the author is no byline; the meta element's author is.
    site = {"@type": "Article", "author": {"@type": "Person", "name": "The Sahel Wire"}}
    head = SITE.format("Sahel Wire") + _json_ld(site) + '<meta name="author" content="Ann Lee">'
    assert declared_author(_page(head)) == ("Ann Lee", "html:meta")
    # A WebPage's author, a profile's URL, nothing: none declared.
    page = {"@type": "WebPage", "author": "Jane Doe"}
    url = '<meta property="article:author" content="https://example.com/jane">'
    assert declared_author(_page(_json_ld(page) + url)) is None
