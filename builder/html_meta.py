"""What a page's markup declares about itself: the headline, date, outlet and author its
publisher gives.

A publisher states a page's headline several times over: in JSON-LD (schema.org's
``headline`` of an Article), in Open Graph and Twitter cards, in ``<title>`` (often with the
site's name after it) and in the page's one ``<h1>``. These are tried in that order (small
finders, as in trafilatura's metadata), each also without the site's name after it, and the
first that the page shows as a line of its own text is the headline: a declared title the
reader never sees (an SEO variant, a title of the section) loses to one printed over the
article. When none is shown, the first declared one stands.

The date of publication is declared the same way: JSON-LD's ``datePublished``, then the
meta elements publishing systems write (``article:published_time`` first), then the page's
first ``<time datetime>``. Only a date written as ISO 8601 is taken: a meta element's free
text is left to trafilatura's date search, which reads it. The outlet is ``og:site_name``,
else the JSON-LD publisher's name; the author the names of an Article's JSON-LD authors
(people, not the site itself), else the author meta elements.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any

# The site's name after a page title ("<headline> - Breitbart"), behind one of the
# separators sites use.
SITE_SUFFIX = re.compile(r"\s+[-|–—:·»]{1,2}\s+([^-|–—:·»]{1,60})$")
# schema.org types whose headline is the page's own: Article and its kinds (NewsArticle,
# BlogPosting, ReportageNewsArticle, LiveBlogPosting…); a WebSite's or an Organization's
# "headline" is the site's slogan.
_ARTICLE_TYPE = re.compile(r"(?i)article|posting")
_QUOTES = re.compile("[\"'`‘’‚‛“”„‟«»‹›]")


def _text(value: object) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None


@functools.lru_cache(maxsize=1)
def _markup(root: Any) -> tuple[tuple[dict, ...], dict[str, str]]:
    """The page's JSON-LD objects and its meta elements' contents by name, read once a page
    (every finder asks them)."""
    metas: dict[str, str] = {}
    for element in root.iter("meta"):
        content = _text(element.get("content"))
        for attribute in ("property", "name", "itemprop"):
            if content and (name := (element.get(attribute) or "").strip().casefold()):
                metas.setdefault(name, content)
    return tuple(_json_ld_objects(root)), metas


def _meta(root: Any, *names: str) -> str | None:
    """The content of the first <meta> named so (by property, name or itemprop, in any case)
    that has one, the names tried in their order."""
    metas = _markup(root)[1]
    return next((metas[name] for name in names if name in metas), None)


def _json_ld(root: Any) -> tuple[dict, ...]:
    return _markup(root)[0]


def _json_ld_objects(root: Any) -> Iterator[dict]:
    """Every object of the page's JSON-LD, nested @graph lists included; a script that is not
    JSON is skipped (sites ship broken ones)."""
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            pending = [json.loads(script.text or "")]
        except (ValueError, RecursionError):  # not JSON, or nested past the parser's depth
            continue
        while pending:
            item = pending.pop(0)
            if isinstance(item, list):
                pending[:0] = item
            elif isinstance(item, dict):
                yield item
                graph = item.get("@graph")
                pending[:0] = graph if isinstance(graph, list) else [graph]


def _types(item: dict) -> str:
    kinds = item.get("@type")
    if isinstance(kinds, list):
        return " ".join(kind for kind in kinds if isinstance(kind, str))
    return str(kinds)


def _article_text(root: Any, key: str) -> str | None:
    """The first text an Article of the page's JSON-LD gives under key."""
    return next(
        (
            value
            for item in _json_ld(root)
            if _ARTICLE_TYPE.search(_types(item)) and (value := _text(item.get(key)))
        ),
        None,
    )


def json_ld_headline(root: Any) -> str | None:
    return _article_text(root, "headline")


def og_title(root: Any) -> str | None:
    return _meta(root, "og:title")


def twitter_title(root: Any) -> str | None:
    return _meta(root, "twitter:title")


def document_title(root: Any) -> str | None:
    """The page's <title>; an icon's (an SVG's <title>, "Facebook") names no page."""
    for title in root.iter("title"):
        if not any(ancestor.tag == "svg" for ancestor in title.iterancestors()):
            return _text(title.text_content())
    return None


def sole_h1(root: Any) -> str | None:
    """The page's <h1> when it has one only: a page of several uses them for its logo, its
    sections or its teasers."""
    headings = list(root.iter("h1"))
    return _text(headings[0].text_content()) if len(headings) == 1 else None


def site_name(root: Any) -> str | None:
    """The site's name as the page declares it: og:site_name, else the JSON-LD publisher's."""
    if name := _meta(root, "og:site_name"):
        return name
    for item in _json_ld(root):
        publisher = item.get("publisher")
        if isinstance(publisher, dict) and (name := _text(publisher.get("name"))):
            return name
    return None


HEADLINE_FINDERS: tuple[tuple[str, Callable[[Any], str | None]], ...] = (
    ("html:json_ld", json_ld_headline),
    ("html:og_title", og_title),
    ("html:twitter_title", twitter_title),
    ("html:title", document_title),
    ("html:h1", sole_h1),
)


def name_key(text: str) -> str:
    """A site's name as two spellings of it compare: "The Guardian", "guardian"."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\W_]+", "", re.sub(r"^the\s+", "", folded.strip()))


def line_key(text: str) -> str:
    """A line as a headline is compared: case, spacing and quote marks do not count."""
    return " ".join(_QUOTES.sub("", unicodedata.normalize("NFKC", text)).split()).casefold()


def without_site_name(title: str, site: str | None) -> str:
    """The title without the site's name after it ("<headline> | Malay Mail")."""
    match = SITE_SUFFIX.search(title)
    if site and match and name_key(match.group(1)) == name_key(site):
        return title[: match.start()]
    return title


def declared_headline(root: Any, lines: list[str]) -> tuple[str, str, dict[str, float]] | None:
    """The headline the page declares, its source, and the evidence the confidence stage
    reads: whether the page shows it as a line (shown) and how many of the declared titles
    say the same (agreeing)."""
    site = site_name(root)
    declared: list[tuple[str, str]] = []
    for source, finder in HEADLINE_FINDERS:
        if value := finder(root):
            bare = without_site_name(value, site)
            declared += [(source, bare)] + ([(source, value)] if bare != value else [])
    if not declared:
        return None
    shown = {line_key(line) for line in lines}
    source, value = next(((s, v) for s, v in declared if line_key(v) in shown), declared[0])
    key = line_key(value)
    agreeing = len({s for s, v in declared if line_key(v) == key})
    return value, source, {"shown": float(key in shown), "agreeing": float(agreeing)}


# Meta elements that publishing systems (Open Graph, schema.org microdata, Parse.ly,
# Sailthru, cXense, Dublin Core) fill with the date of publication, the most specific first.
_DATE_METAS = (
    *("article:published_time", "datepublished", "og:published_time", "publish-date"),
    *("publishdate", "pubdate", "parsely-pub-date", "sailthru.date"),
    *("cxenseparse:recs:publishtime", "dc.date.issued", "dc.date", "dcterms.created", "date"),
)
_ISO_DATE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})(?![\d])")


def json_ld_published(root: Any) -> str | None:
    return _article_text(root, "datePublished")


def meta_published(root: Any) -> str | None:
    return _meta(root, *_DATE_METAS)


def first_time_element(root: Any) -> str | None:
    return next((_text(t.get("datetime")) for t in root.iter("time") if t.get("datetime")), None)


DATE_FINDERS: tuple[tuple[str, Callable[[Any], str | None]], ...] = (
    ("html:json_ld", json_ld_published),
    ("html:meta", meta_published),
    ("html:time", first_time_element),
)


def declared_date(root: Any) -> tuple[str, str] | None:
    """The first declared date of publication written as ISO 8601 (YYYY-MM-DD, the rest of
    the timestamp left off: the day the publisher's own clock gives) and its source."""
    for source, finder in DATE_FINDERS:
        if (value := finder(root)) and (iso := _ISO_DATE.match(value)):
            return iso.group(1), source
    return None


# Meta elements naming a page's author (a URL there is a profile's, not a name).
_AUTHOR_METAS = ("author", "article:author", "sailthru.author", "parsely-author", "dc.creator")


def _people(author: object) -> list[str]:
    """The names in a JSON-LD author: a string, a Person, or lists of them (however deep,
    walked without recursion); an Organization is the site or an agency, not a byline's
    person."""
    names, pending = [], [author]
    while pending:
        item = pending.pop(0)
        if isinstance(item, list):
            pending[:0] = item
            continue
        if isinstance(item, dict):
            if "organization" in _types(item).casefold():
                continue
            item = item.get("name")
        if name := _text(item):
            names.append(name)
    return names


def declared_author(root: Any) -> tuple[str, str] | None:
    """The authors an Article's JSON-LD names, joined with commas, else the author meta
    element, and its source; never the site's own name ("National Geographic")."""
    site = name_key(site_name(root) or "")

    def person(name: str) -> bool:
        return name_key(name) != site and not name.startswith(("http://", "https://"))

    for item in _json_ld(root):
        names = [name for name in _people(item.get("author")) if person(name)]
        if names and _ARTICLE_TYPE.search(_types(item)):
            return ", ".join(dict.fromkeys(names)), "html:json_ld"
    name = _meta(root, *_AUTHOR_METAS)
    return (name, "html:meta") if name and person(name) else None
