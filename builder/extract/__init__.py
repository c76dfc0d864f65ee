"""Extract stage: metadata from the text's own evidence, each value with its source.

Each field has small ``find_<field>`` functions tried in order (trafilatura's shape); the first
that finds evidence wins and names itself in ``<field>_source``. No evidence gives null: a wrong
date or an invented outlet is worse than a missing one.

This module strings the fields together (``extract``); each field's finders and their helpers
live in a module of their own (``headline``, ``date``, ``outlet``, ``author``, ``dateline``,
``agency``) over ``shared``, which holds what several fields read, so that no field module
imports another or this one. The language is not extracted here: builder/validate.py detects it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence

from builder.clean import (
    NAME_PARTICLES,
    is_prose,
    line_words,
    lists_names,
    runs_on_as_title,
    word_count,
)
from builder.doc import Doc, Line, LineReason
from builder.extract.headline import (
    _PERMALINK_MARK,
    CHROME_LINE,
    HEADLINE_WEIGHTS,
    _body_overlap,
    _headline_context,
    _is_sentence,
    _is_title_part,
    _mark_headline_copies,
    _over_signed_standfirst,
    _over_standfirst,
    _PageKeys,
    _title_like,
    _under_titled_stamp,
    _without_label,
    content_words,
    find_headline,
    headline_candidates,
)
from builder.extract.shared import (
    _AGENCIES,
    _AGENCY_NAME,
    _BY_KEYWORD,
    _DIGIT,
    _FULL_DATES,
    _ISO_DATE,
    _LINK_WORDS,
    _NAME_LINE,
    _NOT_NAMES,
    _NUMERIC_DATE,
    _PHOTO_AGENCIES,
    _PUBLISHED_STRONG,
    _PUBLISHED_WORDS,
    _SEPARATORS,
    _UPDATED,
    _WORD_DATE,
    _YEAR,
    EARLIEST_DATE,
    STAMP_MAX_WORDS,
    STAMP_REACH,
    _agency_credit,
    _evidence,
    _first_agency_credit,
    _has_full_date,
    _is_age,
    _is_role,
    _lead,
    _norm,
    _over_stamp,
    _stated_dates,
    dates_in,
    name_opening,
    page_date_order,
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
    "name_opening",
    "outlet_candidates",
    "page_date_order",
]


DEFAULT_LATEST_DATE = dt.date(2030, 12, 31)
# A date under more of the article's paragraphs than a deck and a caption dates something
# else: a teaser in a box of related stories, an event the article tells of.
STAMP_MAX_PARAGRAPHS_ABOVE = 3
_DATELINE = re.compile(
    r"^(?P<place>[A-ZÀ-Þ][\w'’.]*(?:[ -][A-ZÀ-Þ][\w'’.]*){0,3})"
    r"(?:\s*,\s*(?P<date>[^–—]{4,40}?))?"
    r"(?:\s*\((?P<agency>[A-Z][\w. ]{1,15})\))?"
    r"\s+[-–—]{1,2}\s+\S"
)
# Words of a picture's credit line: an agency that took a photo did not write the article.
_PICTURE_WORDS = re.compile(r"(?i)\b(?:photos?|foto|image|picture|getty|video)\b")
_ORG_WORDS = re.compile(
    r"\b(?:Press|Service|News|Agency|Times|Post|Herald|Tribune|Journal|Gazette|Daily|"
    r"Radio|Television|TV|Network|Media|Broadcasting|Wire)\b"
)
# What parts the fields of a metadata line.
_FIELD_SEPARATOR = re.compile(r"\s[|•·▪]\s")


def find_date_dateline(doc: Doc, ctx: _Context) -> dt.date | None:
    match = ctx.dateline_match
    if match and match.group("date"):
        dates = dates_in(match.group("date"), ctx.order, ctx.latest)
        return dates[0] if dates else None
    return None


def find_date_stamp(doc: Doc, ctx: _Context) -> dt.date | None:
    """A short line near the headline that states a date ("Published on 15/01/2013")."""
    best: tuple[tuple[int, int], dt.date] | None = None
    for i in ctx.head_window:
        line = doc.lines[i]
        dates, published = _stated_dates(line, ctx)
        if not dates:
            continue
        if _paragraphs_between(doc.lines, ctx.body_start, i) > STAMP_MAX_PARAGRAPHS_ABOVE:
            break
        rank = (int(published), -abs(i - ctx.anchor))
        if best is None or rank > best[0]:
            best = (rank, dates[0])
        if line.reason in (None, LineReason.outside_article) and len(line.text) < 60:
            line.reason = LineReason.date_line
    return best[1] if best else None


def _paragraphs_between(lines: Sequence[Line], first: int, end: int) -> int:
    """The article's paragraphs of prose in lines[first:end]."""
    return sum(
        1 for line in lines[first:end] if line.kept and is_prose(line.text, word_count(line.text))
    )


# A post may be signed under its last paragraph instead of under its headline.
SIGNATURE_REACH = 2
# "Jane Doe — 2013-09-29 — in Code — Permalink", "Posted by Jane Doe on March 3, 2013".
_SIGNED_WORDS = re.compile(r"(?i)^posted\b|\bpermalink\b")


def _find_signature(lines: Sequence[Line], kept: Sequence[int]) -> Line | None:
    """The line right under the article's last paragraph that signs and dates it: among the
    article's last lines (a cleaner keeps a link list under it) or right after them."""
    if not kept:
        return None
    first = kept[max(0, len(kept) - 1 - SIGNATURE_REACH)]
    for line in lines[first : kept[-1] + 1 + SIGNATURE_REACH]:
        signed = _NAME_LINE.match(line.text) or _SIGNED_WORDS.search(line.text)
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
            found.update(dates_in(match.group("date"), ctx.order, ctx.latest)[:1])
    return found.pop() if len(found) == 1 else None


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
        dates = dates_in(line.text[updated.end() :], ctx.order, ctx.latest)
        if dates and (best is None or abs(i - ctx.anchor) < best[0]):
            best = (abs(i - ctx.anchor), dates[0])
    if best is None:
        return None
    # A headline naming an earlier year ("The 21 best movies of 2017", updated July 2018;
    # "… Video in 2020", updated 2025) was published before the update, by how much unknown.
    named = [int(year) for year in _YEAR.findall(doc.meta.get("headline") or "")]
    return None if any(year < best[1].year for year in named) else best[1]


_AFTER_NAME = re.compile(
    r"\s*(?<!\d)(?:19|20)\d{2}(?!\d)|\s+(?:Impressum|Datenschutz\w*|Imprint|Privacy|Terms|"
    r"Kontakt|Contact|Sitemap|Disclaimer|AGB|Mentions légales|Aviso legal)\b"
)


def _clean_name(name: str) -> str | None:
    # "Andrew Zonenberg. Content …": the sentence ends the name; an initial does not.
    name = re.split(r"(?<![\s.][A-Z])\. ", name)[0]
    name = re.sub(r"[’']s$", "", name.strip())
    name = re.sub(r"\s+\d[\d\s–-]*$", "", name)  # "Haki Benita 2016-2020"
    name = re.sub(r"^(?:\d{4}[\s,–-]*)+", "", name.strip())  # "© 2002, 2003 Jamie Zawinski"
    # A year or a footer's links run on after it: "X GmbH 2019Content …", "X Impressum".
    name = _AFTER_NAME.split(name)[0]
    name = re.sub(r"(?i)^(?:from|source|via|credit|fuente|quelle):\s+", "", name)  # "From: X"
    name = re.sub(r"(?i)^(?:the\s+)?", "", name.strip(" .,-–—|:")).strip()
    name = re.sub(r"(?i)\s*,?\s*(?:inc|llc|ltd|plc|gmbh)\.?$", "", name).strip()
    if not name or len(name) > 60 or word_count(name) > 6 or not name[0].isalnum():
        return None
    if re.search(r"(?i)\ball rights\b|\bcookies?\b|\bprivacy\b", name):
        return None
    return name


def find_outlet_agency_line(doc: Doc, ctx: _Context) -> str | None:
    """The organisation line under a byline ("By Jim Garamone / American Forces Press Service")."""
    for line, following in itertools.pairwise(doc.lines):
        if (
            line.reason is LineReason.byline
            and following.no == line.no + 1
            and _ORG_WORDS.search(following.text)
            and word_count(following.text) <= 6
            and not following.text.endswith(".")
        ):
            following.reason = LineReason.byline
            return _clean_name(following.text)
    return None


# A name: capitalised words ("eHow", "iPhone" too), with the small words names hold.
_NAME = (
    r"((?:[Tt]he )?(?:[A-Z0-9]|[a-z]+[A-Z])[\w&!.'’-]*"
    r"(?: (?:[A-Z0-9&][\w&!.'’-]*|(?:of|de|du|en|für)\b)){0,4})"
)
_SOCIAL = ("twitter", "facebook", "instagram", "youtube")
_SUBSCRIBE = (
    *("subscribe", "sign up", "sign in", "log in", "welcome"),
    *("abonn", "bienvenue", "suscr", "assine"),  # French, Spanish, Portuguese
)
# Evidence that a name is the site's own: (pattern, kind of evidence, lowercase cues of which
# a line holds one before the pattern runs). The kinds are features of the outlet model.
_BRAND_PATTERNS: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...] = (
    (re.compile(rf"{_NAME} (?:logo|homepage|home page)\b"), "logo", ("logo", "home")),
    (re.compile(rf"(?i:visit) {_NAME}[’']s? (?:Facebook|Twitter)"), "social", ("visit",)),
    (
        re.compile(
            rf"(?i:follow|suivez|siga|folgen Sie) {_NAME} (?:on|sur|en|no|auf) "
            rf"(?:Twitter|Facebook|Instagram|X)\b"
        ),
        "social",
        ("follow", "suivez", "siga", "folgen"),
    ),
    (
        re.compile(rf"(?:^|\. ){_NAME} on (?:Twitter|Facebook|Instagram|YouTube)\b"),
        "social",
        _SOCIAL,
    ),
    (re.compile(rf"^(?i:follow) {_NAME}(?<! Followed)(?: Followed)?$"), "social", ("follow",)),
    # A link to the site's own profile: "page of X on Twitter", "página da X no Facebook".
    (
        re.compile(
            rf"(?i:page|página|pagina|seite) (?:of|da|de|do|du|von) (?:the |la |le )?{_NAME} "
            rf"(?:on|no|na|en|sur|auf) (?i:twitter|facebook|instagram|linkedin|youtube|x)\b"
        ),
        "social",
        ("page", "página", "pagina", "seite"),
    ),
    (
        re.compile(
            rf"(?i:subscribe to|sign up for|sign in to|log in to|welcome to|abonnez-vous à|"
            rf"abonné à|s'abonner à|bienvenue sur|suscríbete a|assine a) (?:the |la |le )?{_NAME}"
        ),
        "account",
        _SUBSCRIBE,
    ),
    (re.compile(rf"(?i:get) {_NAME} (?i:delivered)"), "account", ("deliver",)),
    (re.compile(rf"{_NAME} (?i:newsletters?|account)\b"), "account", ("newsletter", "account")),
    (
        re.compile(rf"(?i:more (?:(?:on|about) [^.!?]{{1,40}} )?from|about|contact|join) {_NAME}$"),
        "about",
        ("more ", "about", "contact", "join"),
    ),
    (
        re.compile(
            rf"(?:©|\([cC]\)|Copyright)\s*(?:(?:©|Copyright)\s*)?"
            rf"(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?)?,?\s*{_NAME}"
        ),
        "copyright",
        ("©", "(c)", "copyright"),
    ),
    # "Royal Road® © 2024"; not a footer's links glued to it ("Work with usPrivacy© 2019").
    # Nor a caption's last word ("Troops in Gao. © Jane Doe").
    (re.compile(rf"{_NAME}(?<!\.)(?:\s*®)?\s+©"), "copyright", ("©",)),
    # A photo credited to the outlet ("Javier Zarracina/Vox", "… for the Guardian").
    (re.compile(rf"^(?:[A-Z][\w.'’-]+ ){{1,3}}[A-Z][\w.'’-]+/{_NAME}$"), "credit", ("/",)),
    (
        re.compile(
            rf"(?i:photo|photograph|image|picture|illustration|video)\b.* for [Tt]he {_NAME}$"
        ),
        "credit",
        (" for the ",),
    ),
    # Its staff's employer ("Work at The Telegraph"); not a title ("Fixing at the Source").
    (
        re.compile(rf"^(?i:work|working|jobs|careers) at [Tt]he {_NAME}$"),
        "credit",
        (" at the ",),
    ),
)
# An address at the site's own domain ("Contact Jane Doe at jdoe@seattletimes.com"): its name
# is the one the page spells with the domain's letters ("Seattle Times"). The label is the one
# before the public suffix ("bbc" in "news.bbc.co.uk").
_EMAIL_DOMAIN = re.compile(
    r"[\w.+-]@(?:[a-z0-9-]+\.)*?([a-z0-9-]{2,})"
    r"\.(?:(?:co|com|org|net|ac|gov|ne|or)\.[a-z]{2}|[a-z]{2,})(?![\w-]|\.\w)",
    re.IGNORECASE,
)
# Mail providers anyone writes from: their domain says nothing of the site.
_WEBMAIL = frozenset(
    """gmail googlemail yahoo ymail hotmail outlook live msn aol icloud me mac protonmail proton
    gmx mail yandex qq 163 126 web orange free laposte wanadoo example""".split()
)
# A page title that ends with the site's name: "<headline> - Yahoo", "<headline> | Factorio".
_TITLE_SUFFIX = re.compile(rf"^(?=(?:\S+\s+){{4}}).{{20,}}\s[-|–—:]\s{_NAME}$")
# Every brand pattern's cues, as UTF-8: bytes.find scans a page for one many times faster
# than re scans it for an alternation of them all.
_BRAND_CUE_BYTES = tuple(sorted({cue.encode() for _, _, cues in _BRAND_PATTERNS for cue in cues}))
# Where each kind of evidence is reported from, strongest first.
_EVIDENCE_SOURCES = (
    ("title_suffix", "text:title_suffix"),
    ("url_host", "url:host"),
    ("logo", "text:masthead"),
    ("copyright", "text:copyright"),
    ("social", "text:footer"),
    ("account", "text:footer"),
    ("about", "text:footer"),
    ("credit", "text:credit"),
    ("email_domain", "text:email"),
    ("own_line", "text:masthead"),
    ("line_prefix", "text:masthead"),
)
# The first word of a chrome line followed by more ("Vox Sentences", "CNET Top 5").
_LINE_PREFIX = re.compile(r"^((?:[A-Z0-9]|[a-z]+[A-Z])[\w&!.'’-]*)\s+\S")
# A name opening this many chrome lines is a brand naming its sections and products.
LINE_PREFIX_MIN_LINES = 3
# A name standing alone on a line is a masthead only with this many words at most.
MASTHEAD_MAX_WORDS = 4
# Words that make a company of a brand: "Guardian News & Media Limited" publishes "Guardian".
_CORPORATE_WORDS = frozenset(
    """media group limited ltd company co inc llc plc corp corporation holdings publishing
    digital interactive network networks & medien verlag sa s.a. a.s. gmbh productions
    software foundation""".split()
)
# Weights of the outlet evidence, on a log-odds scale: a conditional logit over each page's
# attested candidate names, fitted on the development pages and rounded
# (benchmarks/fit_weights.py --field outlet; 10-fold 38 of 58 pages, in-sample 41, these
# weights 40). Every candidate already has a cue (_attested), so a weight ranks one cue against
# the others rather than against no evidence at all. The email_domain and body_share weights
# come from the latest fit (body_share moved most, once captions left the article); the
# others are kept from the one before, as the refit moved them only slightly and by that sank
# a name whose one cue is a company's copyright ("© Sahel Media Group") below
# OUTLET_MIN_SCORE, which a conditional logit does not calibrate.
OUTLET_WEIGHTS = {
    "title_suffix": 1.9,
    "logo": 0.0,
    "social": 0.3,
    "account": -1.1,
    "about": -0.7,
    "copyright": 0.3,
    "credit": 0.6,
    "line_prefix": -0.4,  # log of the chrome lines it opens ("Vox Sentences", "eHow Blog")
    "own_line": 1.1,  # log of the lines that hold only the name (a masthead, a nav logo)
    "own_line_top": 0.1,  # one of them among the page's first three lines
    "inline_mentions": 1.6,  # log of its mentions inside longer lines, not inside a longer name
    "body_share": -1.0,  # share of its mentions in the article: a subject, not the publisher
    "corporate": -0.9,  # ends with a company word
    "words": -0.2,  # words, as a share of four
    "lowercase": 0.0,  # no capital letter
    "prefix_of_other": 0.8,  # a longer candidate starts with it ("Quanta" in "Quanta Magazine")
    "email_domain": 1.9,  # spelled by the domain of an address in the chrome
    # Fitted with the dev pages given their URLs (fit_weights.py --with-url), by site: 2.2.
    "url_host": 2.2,  # spelled by the site of the input's URL (a WARC record, the manifest)
}
# Below this score a page's best name is too weakly attested to publish.
OUTLET_MIN_SCORE = 0.0


@functools.lru_cache(maxsize=65536)
def _name_key(name: str) -> str | None:
    name = _clean_name(name)
    if not name or len(name) < 2 or not any(ch.isalpha() for ch in name):
        return None
    if name.casefold() in _NOT_NAMES or name.split()[0].casefold() in _NOT_NAMES:
        return None
    if name.casefold() in NAME_PARTICLES:
        return None  # "La newsletter de Là-bas": an article opens the phrase, names nothing
    return name


_CUE_KINDS = (
    *("title_suffix", "logo", "social", "account", "about", "copyright", "credit"),
    "email_domain",
    "url_host",
)
# A credited outlet's name is this long at least (not "DE/AT").
CREDIT_MIN_CHARS = 3
# A credit line ("Photograph: Adrian Malloch for the Guardian") is this short at most.
CREDIT_MAX_WORDS = 15


def outlet_candidates(doc: Doc, ctx: _Context) -> dict[str, dict[str, float]]:
    """Names the page credits as its own, each with its outlet evidence."""
    evidence: dict[str, dict[str, int]] = {}
    prefixes: Counter = Counter()

    def add(raw: str, kind: str, times: int = 1) -> None:
        if name := _name_key(raw):
            found = evidence.setdefault(name, {})
            found[kind] = found.get(kind, 0) + times

    if ctx.title_suffix:
        add(ctx.title_suffix, "title_suffix")
    for line in doc.lines[:3]:
        # A stamp's last field is no site: "By Jane Doe | January 12, 2013 | 3 Comments".
        if (match := _TITLE_SUFFIX.match(line.text)) and not _has_full_date(line.text):
            add(match.group(1), "title_suffix")
    lowered = [line.text.lower() for line in doc.lines]
    cue_lines = _lines_with_cues(lowered)
    masthead_open = True
    for i, line in enumerate(doc.lines):
        words = line_words(line.text)
        if not line.kept:
            if opening := _LINE_PREFIX.match(line.text):
                prefixes[opening.group(1)] += 1
            # A name over a date or a reading time signs a post ("Jane Doe" / "14 min read");
            # a date is no name ("mercredi 11 septembre 2019").
            masthead_like = words <= MASTHEAD_MAX_WORDS and not _has_full_date(line.text)
            if masthead_like and not (i and _over_stamp(doc.lines, i)):
                add(line.text, "own_line")
                # The page's first short name is its masthead; later ones head its menu.
                if masthead_open and _name_key(line.text):
                    add(line.text, "own_line_top")
                    masthead_open = False
        if len(line.text) > 200 or i not in cue_lines:
            continue
        caption = words <= CREDIT_MAX_WORDS and not line.text.endswith(".")
        for pattern, kind, cues in _BRAND_PATTERNS:
            if not any(cue in lowered[i] for cue in cues):
                continue
            if kind == "credit" and not caption:
                continue  # "… said at the Aspen Security Forum." is a sentence, not a credit
            if kind == "logo" and i in ctx.article_span:
                continue  # a picture in the article ("Firefox logo") shows what it is about
            if kind == "copyright" and ctx.article_span.start <= i < ctx.article_span.stop - 1:
                continue  # amid the article ("© UC Global"), it credits a picture
            for match in pattern.finditer(line.text):
                if kind == "credit" and len(match.group(1)) < CREDIT_MIN_CHARS:
                    continue  # a country code: "Verkaufsstellen DE/AT"
                after = line.text[match.end(1) : match.end(1) + 1]
                if kind == "copyright" and after and after in "/:":
                    continue  # a picture's credit: "© Jane Doe/AFP", "© Bild: Reuters"
                if kind != "credit" or match.group(1).casefold() not in _PHOTO_AGENCIES:
                    add(match.group(1), kind)
    for prefix, count in prefixes.items():
        if count >= LINE_PREFIX_MIN_LINES:
            add(prefix, "line_prefix", count)
    # Mentions are counted over the joined text, then lines holding only the name taken off.
    page_text = "\n".join(line.text for line in doc.lines)
    for name in _names_of_email_domains(doc.lines, page_text):
        add(name, "email_domain")
    for name in _names_of_url_host(doc.url, page_text):
        add(name, "url_host")
    names = list(evidence)
    headline = _norm(doc.meta.get("headline") or "")
    article_text = "\n".join(line.text for line in doc.lines if line.kept)
    alone = Counter(line.text for line in doc.lines)
    alone_in_article = Counter(line.text for line in doc.lines if line.kept)

    @functools.cache
    def inline_mentions(name: str) -> int:
        return _mentions(page_text, name) - alone[name]

    candidates = {}
    for name, found in evidence.items():
        if "own_line_top" not in found and not any(kind in found for kind in _CUE_KINDS):
            continue  # never attested, whatever its mentions
        if _norm(name) == headline:
            continue  # a page's name is not its headline
        # "Quanta" inside "Quanta Magazine" is a mention of the longer candidate, not its own.
        inline = inline_mentions(name) - sum(
            inline_mentions(other) for other in names if other.startswith(name + " ")
        )
        inline = max(inline, 0)
        article = _mentions(article_text, name) - alone_in_article[name]
        words = name.split()
        candidates[name] = {
            **{kind: float(kind in found) for kind in _CUE_KINDS},
            "line_prefix": math.log1p(found.get("line_prefix", 0)),
            "own_line": math.log1p(found.get("own_line", 0)),
            "own_line_top": float("own_line_top" in found),
            "inline_mentions": math.log1p(inline),
            "body_share": article / inline if inline else 0.0,
            "corporate": float(words[-1].casefold().strip(".,") in _CORPORATE_WORDS),
            "words": min(len(words), 4) / 4,
            "lowercase": float(name == name.casefold()),
            "prefix_of_other": float(any(o != name and o.startswith(name + " ") for o in names)),
        }
        if not _attested(candidates[name]):
            del candidates[name]
    return candidates


def _lines_with_cues(lowered: list[str]) -> set[int]:
    """Indexes of the lines holding a brand pattern's cue."""
    page = "\n".join(lowered).encode()
    found = []
    for cue in _BRAND_CUE_BYTES:
        at = page.find(cue)
        while at != -1:
            found.append(at)
            at = page.find(cue, at + 1)
    if not found:
        return set()
    starts = list(itertools.accumulate((len(text.encode()) + 1 for text in lowered), initial=0))
    return {bisect.bisect_right(starts, at) - 1 for at in found}


def _names_of_email_domains(lines: list[Line], text: str) -> list[str]:
    """Names the page writes with the letters of a domain its chrome gives an address at."""
    labels = {
        match.group(1).casefold()
        for line in lines
        if not line.kept and "@" in line.text
        for match in _EMAIL_DOMAIN.finditer(line.text)
    }
    return _names_spelled(labels - _WEBMAIL, text)


# Host labels that name no site: "www", "edition", "m", country and language subdomains.
_HOST_PREFIXES = frozenset("www www2 m mobile amp edition news en fr de es it pt beta".split())
_URL_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://([^/:?#]+)", re.IGNORECASE)


def _names_of_url_host(url: str | None, text: str) -> list[str]:
    """Names the page writes with the letters of its address's site ("nypost.com" gives
    "NY Post", "theatlantic.com" gives "The Atlantic"): where the input has a URL (a WARC
    record, the manifest, an HTML page's own link), its host is evidence of the masthead."""
    match = _URL_HOST.match(url or "")
    if not match:
        return []
    labels = [label for label in match.group(1).casefold().split(".") if label]
    # The label before the public suffix: "nypost" in www.nypost.com, "bbc" in bbc.co.uk.
    labels = [lab for lab in labels[:-1] if lab not in _HOST_PREFIXES and len(lab) > 2]
    site = [lab for lab in labels if lab not in ("co", "com", "org", "net", "gov", "ac")]
    return _names_spelled(set(site[-1:]), text) if site else []


def _names_spelled(labels: set[str], text: str) -> list[str]:
    """Capitalised names in text spelled with a label's letters, spaces or dots between."""
    names: set[str] = set()
    for label in labels:
        letters = [re.escape(ch) for ch in label if ch.isalnum()]
        spelled = re.compile(r"(?<![\w.@])" + r"[ .&'’-]?".join(letters) + r"(?![\w@]|\.\w)", re.I)
        names.update(
            match.group(0) for match in spelled.finditer(text) if match.group(0)[0].isupper()
        )
    return sorted(names)


def _mentions(text: str, name: str) -> int:
    """How often name stands in text as whole words (not "Ars" in "Stars")."""
    count, start, size = 0, text.find(name), len(name)
    while start >= 0:
        end = start + size
        if (start == 0 or not _is_word_char(text[start - 1])) and (
            end == len(text) or not _is_word_char(text[end])
        ):
            count += 1
        start = text.find(name, start + 1)
    return count


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


# A name heading the page that the article itself mentions this much (a share of all its
# mentions) is what the page is about ("New Zealand", "Mozilla" on an encyclopedia page),
# not who publishes it.
SUBJECT_SHARE = 0.8


def _attested(features: dict[str, float]) -> bool:
    """A cue names it, or it heads the page alone and the page names it again in its lines,
    mostly outside the article."""
    if any(features[kind] for kind in _CUE_KINDS):
        return True
    return (
        bool(features["own_line_top"])
        and features["inline_mentions"] >= math.log1p(2)
        and features["body_share"] < SUBJECT_SHARE
    )


def find_outlet_brand(doc: Doc, ctx: _Context) -> tuple[str, str] | None:
    """The name the page's chrome credits most, by the weight of its evidence."""
    scored = []
    for name, features in outlet_candidates(doc, ctx).items():
        score = sum(OUTLET_WEIGHTS[k] * v for k, v in features.items())
        scored.append((score, name, features))
    if not scored:
        return None
    score, name, features = max(scored, key=lambda item: (item[0], item[1]))
    if score < OUTLET_MIN_SCORE:
        return None
    source = next(source for kind, source in _EVIDENCE_SOURCES if features[kind] > 0)
    _evidence(doc, "outlet", {**_lead([s for s, _, _ in scored]), **features})
    text = doc.text or "\n".join(line.text for line in doc.lines)
    return _without_domain(_brand_of(name, text), text), source


_DOMAIN_NAME = re.compile(r"(?i)(.+?)\.(?:com|net|org|info|news|co\.uk|fr|de|es|it|cz|ca|au)")


def _without_domain(name: str, text: str) -> str:
    """ "Le Monde.fr" is "Le Monde" when the page writes it so, in its own spelling, often."""
    match = _DOMAIN_NAME.fullmatch(name)
    if not match:
        return name
    bare = re.compile(rf"(?<![\w.]){re.escape(match.group(1))}(?![\w.])", re.IGNORECASE)
    spellings = Counter(bare.findall(text))
    if sum(spellings.values()) < BRAND_MIN_MENTIONS:
        return name
    return max(spellings.items(), key=lambda item: (item[1], item[0]))[0]


# A shorter brand must appear this often in the page to replace a company name.
BRAND_MIN_MENTIONS = 3


def _brand_of(name: str, text: str) -> str:
    """The shortest name left by dropping trailing corporate words that the page uses often."""
    words, brand = name.split(), name
    # "News" ends a brand ("BBC News") but sits inside a company ("Guardian News & Media").
    corporate = _CORPORATE_WORDS
    while len(words) > 1 and words[-1].casefold().strip(".,") in corporate:
        words, corporate = words[:-1], _CORPORATE_WORDS | {"news"}
        if text.count(" ".join(words)) >= BRAND_MIN_MENTIONS:
            brand = " ".join(words)
    return brand


# A line holding only a person-like name: two or three capitalised words.
_BARE_NAME = re.compile(r"^[A-Z][\w'’-]+(?: [A-Z]\.?)?(?: [A-Z][\w'’-]+){1,2}$")
# Words before "by" that make it a credit for something other than the article.
_NOT_AUTHORSHIP = re.compile(
    r"(?i)\b(?:photos?|photograph|image|picture|illustration|video|graphic|credit|powered|"
    r"sponsored|links|promoted|recommended|ads|presented|hosted|supported|brought|designed)\b"
)


def _byline_name(line: Line) -> str | None:
    """The name in a line the cleaner took for a byline ("By Jane Doe | July 10, 2015")."""
    if line.reason is not LineReason.byline or not (by := _BY_KEYWORD.match(line.text)):
        return None
    rest = line.text[by.end() :]
    # After its name's comma a byline may run on as a role does: "Jane Doe, Senior
    # Correspondent in Bamako for the Sahel Times".
    return None if runs_on_as_title(rest.split(",")[0].split()) else name_opening(rest)


def _credited_name(rest: str) -> str | None:
    """The name a byline's keyword credits, unless the words run on as a title's do."""
    return None if runs_on_as_title(rest.split()) else name_opening(rest)


def _mark_bylines(doc: Doc, author: str) -> None:
    """Take out of the body the short lines that credit the author ("By Jane Doe March 18 at
    12:22 PM Follow @janedoe"): a byline is metadata, wherever the finder read the name."""
    for line in doc.lines:
        if line.reason not in (None, LineReason.outside_article):
            continue
        by = _BY_KEYWORD.match(line.text)
        short = word_count(line.text) <= STAMP_MAX_WORDS
        if by and short and _credited_name(line.text[by.end() :]) == author:
            line.reason = LineReason.byline
        elif short and (credit := _agency_credit(line.text)) and credit[0] == author:
            line.reason = LineReason.byline  # "Jane Doe, Reuters"


def find_author_byline(doc: Doc, ctx: _Context) -> str | None:
    """The byline nearest the top of the headline's neighbourhood."""
    return next(filter(None, (_byline_name(doc.lines[i]) for i in ctx.head_window)), None)


# Words a credit's "by" may follow without a date: "Story by", "Ein Beitrag von".
BY_PHRASE_LEAD_WORDS = 3


def find_author_by_phrase(doc: Doc, ctx: _Context) -> str | None:
    """ "… by Jane Doe" in a short line near the headline ("Posted on May 8, 2016 by Jane Doe").

    The name must have two words at least ("… blocked by Congress" names no author), and a
    credit for a photo, a video or an advert is not a byline.
    """
    for i in ctx.head_window:
        line = doc.lines[i]
        if line.reason is LineReason.headline:
            continue
        # A metadata line packs fields: "Le Monde | 04.05.2015 à 13h36 | Par Jane Doe".
        for field in _FIELD_SEPARATOR.split(line.text):
            if word_count(field) > STAMP_MAX_WORDS:
                if not line.kept and (name := _byline_with_note(field)):
                    return name
                continue
            for by in _BY_KEYWORD.finditer(field):
                before = field[: by.start()]
                if _NOT_AUTHORSHIP.search(before):
                    break
                if word_count(before) > BY_PHRASE_LEAD_WORDS and not any(map(str.isdigit, before)):
                    continue  # a title's "… die Kommerzialisierung von Rechten Dritter"
                name = _credited_name(field[by.end() :])
                if name and len(name.split()) >= 2:
                    return name
    return None


def _byline_with_note(text: str) -> str | None:
    """The name of a byline that runs on into its author's note ("By Jane Doe, a deputy
    editor who has covered … for a decade."): a name, a comma, then words in lower case."""
    by = _BY_KEYWORD.match(text)
    if not by:
        return None
    rest = text[by.end() :]
    name = name_opening(rest)
    if not name or len(name.split()) < 2 or not rest.startswith(name + ", "):
        return None
    return name if rest[len(name) + 2 : len(name) + 3].islower() else None


def find_author_sole_byline(doc: Doc, ctx: _Context) -> str | None:
    """The page's only byline, wherever it stands (the headline may have been missed)."""
    names = {name for line in doc.lines if (name := _byline_name(line))}
    return names.pop() if len(names) == 1 else None


# A byline broken after its "by", the name being a link: "Written on Feb 24 by" / "Jane Doe".
_BY_AT_END = re.compile(r"(?i)(?:^|\s)(?:by|par|por|von|door)\s*:?$")


def find_author_split_byline(doc: Doc, ctx: _Context) -> str | None:
    """The one name the page's bylines broken after "by" give, wherever they stand: a blog
    signs its post under it ("Written by" / "Jane Doe")."""
    names = set()
    for line, below in itertools.pairwise(doc.lines):
        by = _BY_AT_END.search(line.text)
        if not by or word_count(line.text) > STAMP_MAX_WORDS:
            continue
        if _NOT_AUTHORSHIP.search(line.text[: by.start()]):
            continue  # "Photo by" / "Jane Doe" credits a picture
        if _BARE_NAME.match(below.text) and below.text.split()[0].casefold() not in _NOT_NAMES:
            names.add(below.text)
    return names.pop() if len(names) == 1 else None


def find_author_name_line(doc: Doc, ctx: _Context) -> str | None:
    """A name with a date, a handle or an age ("Mike Conley December 18, 2020"), else a name
    alone over such a line."""
    for i in ctx.head_window:
        name = _dated_name(doc.lines[i].text)
        if name and not _is_organisation(doc, name):
            return name
    return next((doc.lines[i].text for i in ctx.head_window if _signed_above_stamp(doc, i)), None)


def _is_person_field(field: str) -> bool:
    words = {word.casefold() for word in field.split()}
    return bool(_BARE_NAME.match(field)) and words.isdisjoint(_LINK_WORDS | _NOT_NAMES)


def _dated_name(text: str) -> str | None:
    if match := _NAME_LINE.match(text):
        return name_opening(match.group("name"))
    if any(pattern.match(text) for pattern in (_NUMERIC_DATE, _ISO_DATE, _WORD_DATE)):
        # A stamp that opens with its date, then a field holding only a name:
        # "23.06.2016 um 16:14 Uhr - Jane Doe - 91 Ergänzungen".
        fields = (field.strip() for field in _SEPARATORS.split(text)[1:])
        return next((field for field in fields if _is_person_field(field)), None)
    name = name_opening(text)
    if name and len(name.split()) >= 2 and _WORD_DATE.match(text[len(name) :].strip()):
        return name
    return None


def find_author_agency_credit(doc: Doc, ctx: _Context) -> str | None:
    credit = _first_agency_credit(doc, ctx)
    return credit[0] if credit else None


def find_agency_credit(doc: Doc, ctx: _Context) -> str | None:
    credit = _first_agency_credit(doc, ctx)
    return credit[1] if credit else None


def _is_organisation(doc: Doc, name: str) -> bool:
    """A wire agency or the page's outlet: "Associated Press December 2, 2016" is a credit."""
    return name.casefold() in _AGENCIES or _norm(name) == _norm(doc.meta.get("outlet") or "")


def _signed_above_stamp(doc: Doc, i: int) -> bool:
    """Line i is a person's name alone, and the line under it a date, an age or a reading
    time ("Hazel Sheffield" over "Friday 25 December 2015", "Jane Doe" over "14 min read"),
    or their role over such a line ("Jane Doe" / "Senior Correspondent" / "12 Jan 2013")."""
    text = doc.lines[i].text
    named = _BARE_NAME.match(text) or lists_names(text.split())  # "Jane Doe and John Roe"
    if i == 0 or not named or text.split()[0].casefold() in _NOT_NAMES:
        return False  # a page's first line is its site's name ("Silicon Exposed" over a date)
    if _is_organisation(doc, text) or _norm(text) == _norm(doc.meta.get("headline") or ""):
        return False
    if _is_role(text):
        return False
    if i + 1 < len(doc.lines) and _is_role(doc.lines[i + 1].text):
        i += 1
    return _over_stamp(doc.lines, i)


def find_author_signature(doc: Doc, ctx: _Context) -> str | None:
    """The name signing the article under its last paragraph ("Jane Doe — 2013-09-29")."""
    if ctx.signature is not None and (match := _NAME_LINE.match(ctx.signature.text)):
        return name_opening(match.group("name"))
    return None


def find_author_with_bio(doc: Doc, ctx: _Context) -> str | None:
    """A name alone on a line near the headline that the page's author note introduces
    ("Sarah Archer" above the article, "Sarah Archer is the author of …" below it)."""
    headline = _norm(doc.meta.get("headline") or "")
    names = [
        doc.lines[i].text
        for i in ctx.head_window
        if _BARE_NAME.match(doc.lines[i].text)
        and doc.lines[i].text.split()[0].casefold() not in _NOT_NAMES
        and _norm(doc.lines[i].text) != headline  # "New Zealand … New Zealand was …": a subject
    ]
    for name in names:
        bio = re.compile(rf"^{re.escape(name)} (?:is|was|has|writes|covers|joined|arrives)\b")
        if any(bio.match(line.text) for line in doc.lines):
            return name
    return None


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
        line = doc.lines[i]
        match = _AGENCY_NAME.search(line.text)
        if match and not _PICTURE_WORDS.search(line.text) and credits(i):
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


# Captions, a standfirst or player chrome the cleaner kept can stand above the paragraph a
# dateline opens.
DATELINE_REACH = 6
# Capitalised labels that open a paragraph the way a dateline's place does.
_NOT_PLACES = frozenset(
    "UPDATE UPDATED BREAKING EXCLUSIVE WATCH LIVE VIDEO PHOTOS OPINION ANALYSIS NOTE".split()
)


def _find_dateline(lines: Sequence[Line]) -> re.Match[str] | None:
    """The dateline opening the article's first paragraph ("Aspen - …", "BAMAKO (AFP) - …"),
    or one of the next few, where only a place in capitals ("CAIRO — …") makes it one."""
    body = (line for line in lines if line.reason is None)
    for k, line in enumerate(itertools.islice(body, DATELINE_REACH)):
        match = _DATELINE.match(line.text)
        if not match or match.group("place").split()[0].strip(".:") in _NOT_PLACES:
            continue
        if k == 0 or match.group("place").isupper():
            return match
    return None


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
        self.order = page_date_order(doc.lines) or site_order
        low = max(0, anchor - 10)
        high = min(len(doc.lines), max(body_start, anchor) + STAMP_REACH)
        self.head_window = range(low, high)
        self.title_suffix: str | None = None
        self.dateline_match = _find_dateline(doc.lines)
        kept = [i for i, line in enumerate(doc.lines) if line.kept]
        # The article's span, from its first kept line to its last.
        self.article_span = range(kept[0], kept[-1] + 1) if kept else range(0)
        self.signature = _find_signature(doc.lines, kept)


Finder = Callable[[Doc, _Context], object]
DATE_FINDERS: tuple[tuple[str, Finder], ...] = (
    ("text:dateline", find_date_dateline),
    ("text:stamp", find_date_stamp),
    ("text:stamp", find_date_published_line),
    ("text:stamp", find_date_signature),
    ("text:stamp", find_date_labelled),
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


def _first(finders: Sequence[tuple[str, Finder]], doc: Doc, ctx: _Context, field: str = ""):
    """The first finder's value and source; which finder it was goes to the evidence."""
    for source, finder in finders:
        value = finder(doc, ctx)
        if value:
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
    if meta["date"]:
        meta["evidence"]["date"].update(_date_context(doc, meta["date"], ctx))
    meta["outlet"], meta["outlet_source"] = _first(OUTLET_FINDERS, doc, ctx, "outlet")
    if meta["outlet"] is None and (brand := find_outlet_brand(doc, ctx)):
        meta["outlet"], meta["outlet_source"] = brand
    meta["author"], meta["author_source"] = _first(AUTHOR_FINDERS, doc, ctx, "author")
    if meta["author"]:
        _mark_bylines(doc, meta["author"])
    if ctx.signature is not None and ctx.signature.kept:
        ctx.signature.reason = LineReason.byline  # metadata under the article, not its text
    meta.update(_dateline_and_agency(doc, ctx))
    return doc, ctx


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
        for date in dates_in(line.text, ctx.order, ctx.latest)
    ]
    distinct = set(others)
    newer = [d for d in distinct if d > chosen]
    return {
        "dates": math.log1p(len(distinct)),
        "newer": math.log1p(len(newer)),
        "days_to_newest": math.log1p((max(newer) - chosen).days) if newer else 0.0,
        "repeated": float(others.count(chosen) > 1),
    }


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
