"""The outlet: the organisation named under a byline, else the name the page credits as its own.

Each name the page's chrome attests (a page title's suffix, a logo, a copyright, links to its
own profiles, a staff address's domain, the site of the input's URL, a masthead line) is scored
by a conditional logit over its evidence (``OUTLET_WEIGHTS``); the winner loses a company's
trailing words and a domain's suffix when the page itself writes the shorter brand.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import re
from collections import Counter
from typing import TYPE_CHECKING

from builder.clean.text import line_words, word_count
from builder.clean.vocabulary import SKIP_LINK_PHRASES
from builder.doc import Doc, LineReason
from builder.extract.datetext import _has_full_date
from builder.extract.outlet_names import (
    _CORPORATE_WORDS,
    _brand_of,
    _clean_name,
    _is_menu_word,
    _is_parent_company,
    _is_section_name,
    _mentions,
    _name_key,
    _names_of_email_domains,
    _names_of_url_host,
    _without_domain,
    _written_small,
)
from builder.extract.shared import (
    _PHOTO_AGENCIES,
    _evidence,
    _is_role,
    _lead,
    _norm,
    _over_stamp,
    choice_weights,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from builder.doc import Line
    from builder.extract import _Context


_ORG_WORDS = re.compile(
    r"\b(?:Press|Service|News|Agency|Times|Post|Herald|Tribune|Journal|Gazette|Daily|"
    r"Radio|Television|TV|Network|Media|Broadcasting|Wire)\b"
)


# A rights statement where a copyright's holder would stand ("© Minden jog fenntartva"): its
# capitalised first word is no name.
_RIGHTS_STATEMENT = re.compile(
    r"(?i)(?:all rights reserved|minden jog fenntartva|všechna práva vyhrazena|wszelkie prawa"
    r" zastrzeżone|tutti i diritti riservati|alle rechten voorbehouden|toate drepturile"
    r" rezervate|kaikki oikeudet pidätetään|все права защищены|tüm hakları saklıdır"
    r"|todos (?:los|os) (?:derechos|direitos) reservados|tous droits réservés"
    r"|alle rechte vorbehalten)"
)
# "Optimus All rights reserved": a name's pattern stops at "rights", leaving "All" on it.
_ALL_RIGHTS = re.compile(r"[\s.]All$")
_RIGHTS_AFTER = re.compile(r"\s*rights\b", re.IGNORECASE)


def find_outlet_agency_line(doc: Doc, ctx: _Context) -> str | None:
    """The organisation line under a byline ("By Jim Garamone / American Forces Press Service")."""
    for line, following in itertools.pairwise(doc.lines):
        if (
            line.reason is LineReason.byline
            and following.no == line.no + 1
            and _ORG_WORDS.search(following.text)
            and word_count(following.text) <= 6
            and not following.text.endswith(".")
            and not _is_role(following.text)  # the writer's role: "News Reporter"
        ):
            following.reason = LineReason.byline
            return _clean_name(following.text)
    return None


# A name: capitalised words ("eHow", "iPhone" too), with the small words names hold; "and"
# only in a name that opens with "The" ("The Globe and Mail", "The Post and Courier"), not
# in a company's description ("Hyperlocal News and Information for Metro Atlanta").
_NAME = (
    r"((?P<the>[Tt]he )?(?:[A-Z0-9]|[a-z]+[A-Z])[\w&!.'’-]*"
    r"(?: (?:[A-Z0-9&][\w&!.'’-]*|(?:of|de|du|en|für)\b|(?(the)and(?= [A-Z0-9])|(?!)))){0,4})"
)
# A name that does not end as a domain does (".com", ".de").
_NO_DOMAIN = r"(?<!\.[a-z]{2})(?<!\.[a-z]{3})"
_SOCIAL = ("twitter", "facebook", "instagram", "youtube")
_SUBSCRIBE = (
    *("subscribe", "sign up", "sign in", "log in", "welcome"),
    *("abonn", "bienvenue", "suscr", "assine"),  # French, Spanish, Portuguese
)
# "Sahel Times newsletter", "Your Sahel Times account": a site's own service, in a button or a
# label; a line of more than this many words that ends as a sentence speaks of another's ("…
# two monkeys that share an Amazon account?").
_NAMED_ACCOUNT = re.compile(rf"{_NAME} (?i:newsletters?|account)\b")
ACCOUNT_LABEL_MAX_WORDS = 7
# The site describing itself in its chrome (never the article's prose, which describes
# others): "Deadline News is the leading independent news agency in Scotland", "KentNews.Online
# is a news site for the people of Kent".
_SELF_DESCRIPTION = re.compile(
    rf"^{_NAME} (?:is|è|est|es|ist) (?:a|an|the|una?|une?|ein|eine|la|le|el)\b"
    # not a person's bio: "Jane Doe is a writer for Sahel News"
    r"(?![^.]{0,40}\b(?i:writer|reporter|editor|correspondent|journalist|contributor|"
    r"author|producer|columnist|freelancer?|professor|student|fellow|analyst|host|anchor|"
    r"former|senior|staff|founder|publisher|photographer|blogger|ceo|director|candidate|"
    r"researcher|member|country|city|town|region)\b)[^.]{0,60}?"
    r"(?i:\b(?:news|newspaper|magazine|website|site|publication|blog|agency|journal|"
    r"portal|testata|giornale|zeitung|revista|periódico|diario)\b)"
)
# Evidence that a name is the site's own: (pattern, kind of evidence, lowercase cues of which
# a line holds one before the pattern runs). The kinds are features of the outlet model.
_BRAND_PATTERNS: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...] = (
    (re.compile(rf"{_NAME} (?:logo|homepage|home page)\b"), "logo", ("logo", "home")),
    # The logo's link: "Go to Wired Home Page." ("Rsync Home Page" links to another's site).
    (
        re.compile(rf"(?i:go|back|return) to (?:the )?{_NAME} (?i:home ?page)\b"),
        "logo",
        ("home",),
    ),
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
    (
        re.compile(rf"(?i:get) {_NAME} (?i:delivered|to your inbox)"),
        "account",
        ("deliver", "inbox"),
    ),
    # The reader's ties to the site: "Stay connected with The Business Times", "Download the
    # News18 App", "Sign up to FREE email alerts from Mirror".
    (
        re.compile(rf"(?i:stay (?:connected|up to date|in touch) with) (?:the )?{_NAME}"),
        "account",
        ("stay ",),
    ),
    (
        re.compile(rf"(?i:download|get) (?:the )?{_NAME} (?i:app)\b"),
        "account",
        (" app",),
    ),
    (
        re.compile(rf"(?i:(?:email alerts?|emails|updates|newsletters?) from) (?:the )?{_NAME}"),
        "account",
        (" from ",),
    ),
    # Its cookie notice: "Boing Boing uses cookies and analytics trackers". ("Advertise with
    # MNT" is no such cue: an acronym outranks the name it stands for.)
    (re.compile(rf"^{_NAME} (?i:uses cookies)\b"), "about", ("uses cookies",)),
    (_SELF_DESCRIPTION, "about", (" is ", " è ", " est ", " es ", " ist ")),
    (_NAMED_ACCOUNT, "account", ("newsletter", "account")),
    (
        # Near the opening of the line or a field of it ("More About The Week", "Log In Join
        # HuffPost"), not deep in a teaser's title ("5 Hilarious Jokes About Parenting").
        re.compile(
            rf"(?:^|[|•·:–—-] |[.!?] )(?:\S+ ){{0,2}}"
            rf"(?i:more (?:(?:on|about) [^.!?]{{1,40}} )?from|about|contact|join) {_NAME}$"
        ),
        "about",
        ("more ", "about", "contact", "join"),
    ),
    # Its pitch to advertisers; a domain written out ("SahelTimes.com Media Kit") is an
    # address, spelled into the name the page uses by the email and URL evidence.
    (re.compile(rf"^{_NAME}{_NO_DOMAIN} (?i:media kit)$"), "about", ("media kit",)),
    (
        re.compile(
            rf"(?:©|\([cC]\)|Copyright)\s*(?:(?:©|Copyright)\s*)?"
            rf"(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?)?[,.]?\s*{_NAME}"
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
# A page title that ends with the site's name: "<headline> - Yahoo", "<headline> | Factorio".
_TITLE_SUFFIX = re.compile(rf"^(?=(?:\S+\s+){{4}}).{{20,}}\s[-|–—:]\s{_NAME}$")
# Every brand pattern's cues, as UTF-8: bytes.find scans a page for one many times faster
# than re scans it for an alternation of them all.
_BRAND_CUES = tuple(
    (cue, cue.encode()) for cue in sorted({cue for _, _, cues in _BRAND_PATTERNS for cue in cues})
)
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
# A name's 60 characters at most (_clean_name), a space and the next word's first letter.
LINE_PREFIX_READ_CHARS = 62
# Words of the title before a site's name that closes it ("<headline> - <site>").
TITLE_BEFORE_SUFFIX_MIN_WORDS = 3
_WORD_TOKEN = re.compile(r"\S*[^\W_]\S*")  # a dash between words is none
# A copyright line shown this often credits pictures: a footer's stands once, or twice.
CREDIT_MIN_REPEATS = 3
# An accessibility link to the page's content or menus, read before the masthead.
_SKIP_LINK = re.compile(
    rf"(?i)(?:{'|'.join(map(re.escape, (*SKIP_LINK_PHRASES, 'skip navigation')))})\b"
)
# A name standing alone on a line is a masthead only with this many words at most.
MASTHEAD_MAX_WORDS = 4


# The outlet evidence of each attested candidate name. Its weights, on a log-odds scale, are
# a conditional logit over each page's candidates fitted on silver + mozilla by
# benchmarks/fit_weights.py (into choice_model.json, with the fit's figures). Every candidate
# already has a cue (_attested), so a weight ranks one cue against the others rather than
# against no evidence at all, and the best candidate is given whatever its score: a
# conditional logit ranks, it does not calibrate. The confidence stage does; a build withholds
# a value below a field's threshold (none by default for the outlet, whose target precision is
# out of reach: see the card; build --min-confidence outlet=X). A company ("© Sahel Media
# Group") is given where the page names nothing better.
OUTLET_FEATURES = {
    "title_suffix": 'a page title at the top closes with it ("<headline> - <it>")',
    "logo": '"<it> logo", "<it> homepage"',
    "social": 'a link to its own profile ("Follow <it> on Twitter")',
    "account": 'an account, newsletter or app of it ("Sign in to <it>", "Download the <it> App")',
    "about": '"About <it>", "Contact <it>", "More from <it>", "<it> uses cookies"',
    "copyright": 'a copyright line names it ("© 2013 <it>")',
    "credit": 'a picture credited to it ("Jane Doe/<it>", "… for the <it>")',
    "line_prefix": 'log of the chrome lines it opens ("Vox Sentences", "eHow Blog")',
    "own_line": "log of the lines that hold only the name (a masthead, a nav logo)",
    "own_line_top": "one of them among the page's first three lines",
    "inline_mentions": "log of its mentions inside longer lines, not inside a longer name",
    "body_share": "share of its mentions in the article: a subject, not the publisher",
    "corporate": "ends with a company word",
    "words": "words, as a share of four",
    "lowercase": "no capital letter",
    "prefix_of_other": 'a longer candidate starts with it ("Quanta" in "Quanta Magazine")',
    "email_domain": "spelled by the domain of an address in the chrome",
    "common_word": 'one word the page also writes small ("daily", "bbc.co.uk")',
    "url_host": "spelled by the site of the input's URL (a WARC record, the manifest)",
    "parent_company": "a company that owns mastheads (Hearst, Condé Nast, Nexstar)",
}
OUTLET_WEIGHTS = choice_weights("outlet", tuple(OUTLET_FEATURES))


# Where a section's name (_is_section_name) is no outlet: a menu's or a teaser's line; a
# copyright or a page title may be a journal's own ("© 2020 Science").
_SECTION_KINDS = frozenset({"own_line", "own_line_top", "about", "account"})
_CUE_KINDS = (
    *("title_suffix", "logo", "social", "account", "about", "copyright", "credit"),
    "email_domain",
    "url_host",
)
# A line longer than this is a paragraph: its cues ("© 2020", "follow") credit no brand.
CUE_LINE_MAX_CHARS = 200
# A credited outlet's name is this long at least (not "DE/AT").
CREDIT_MIN_CHARS = 3
# A credit line ("Photograph: Adrian Malloch for the Guardian") is this short at most.
CREDIT_MAX_WORDS = 15


def outlet_candidates(doc: Doc, ctx: _Context) -> dict[str, dict[str, float]]:
    """Names the page credits as its own, each with its outlet evidence."""
    evidence: dict[str, dict[str, int]] = {}
    prefixes: Counter = Counter()

    def add(raw: str, kind: str, times: int = 1) -> None:
        if (name := _name_key(raw)) and not (kind in _SECTION_KINDS and _is_section_name(name)):
            found = evidence.setdefault(name, {})
            found[kind] = found.get(kind, 0) + times

    if ctx.title_suffix:
        add(ctx.title_suffix, "title_suffix")
    headline = _norm(doc.meta.get("headline") or "")
    for line in doc.lines[:3]:
        # A stamp's last field is no site: "By Jane Doe | January 12, 2013 | 3 Comments";
        # nor the close of the headline itself ("… Bad Grades – Until Now").
        match = _TITLE_SUFFIX.match(line.text)
        if match and not _has_full_date(line.text) and _norm(line.text) != headline:
            # A title before it, not a tagline's list ("Strategie – Innovation – Produktion").
            title = line.text[: match.start(1)]
            if len(_WORD_TOKEN.findall(title)) >= TITLE_BEFORE_SUFFIX_MIN_WORDS:
                add(match.group(1), "title_suffix")
    # A line over CUE_LINE_MAX_CHARS names no brand (the loop below passes it by whatever
    # its cues), and the article's paragraphs are most of a page's bytes and cue hits.
    cue_lines = _lines_with_cues(
        [line.text.lower() if len(line.text) <= CUE_LINE_MAX_CHARS else "" for line in doc.lines]
    )
    shown = Counter(line.text for line in doc.lines)
    masthead_open = True
    # Short lines under the masthead, read once the cues are known (_own_lines).
    later_lines: list[int] = []
    for i, line in enumerate(doc.lines):
        line_cues = cue_lines.get(i)
        if line.kept and line_cues is None:
            continue  # the article's own lines credit nothing but through a cue
        words = line_words(line.text)
        if not line.kept:
            # A name is 60 characters at most: the first word is read within them.
            if opening := _LINE_PREFIX.match(line.text, 0, LINE_PREFIX_READ_CHARS):
                prefixes[opening.group(1)] += 1
            # A name over a date or a reading time signs a post ("Jane Doe" / "14 min read");
            # a date is no name ("mercredi 11 septembre 2019").
            if words > MASTHEAD_MAX_WORDS:
                pass
            elif not masthead_open:
                later_lines.append(i)
            elif _has_full_date(line.text) or _SKIP_LINK.match(line.text):
                pass  # a skip link stands above the masthead: it opens nothing and ends nothing
            elif _name_key(line.text) and not (i and _over_stamp(doc.lines, i)):
                # The page's first short name is its masthead; later ones head its menu.
                add(line.text, "own_line")
                add(line.text, "own_line_top")
                masthead_open = False
            elif _is_menu_word(line.text.strip()):
                masthead_open = False  # a menu's "Politics": the masthead was above it
        if len(line.text) > CUE_LINE_MAX_CHARS or line_cues is None:
            continue
        sentence_end = line.text.endswith((".", "?", "!"))
        caption = words <= CREDIT_MAX_WORDS and not line.text.endswith(".")
        for pattern, kind, cues in _BRAND_PATTERNS:
            if line_cues.isdisjoint(cues):
                continue
            if kind == "credit" and not caption:
                continue  # "… said at the Aspen Security Forum." is a sentence, not a credit
            if kind == "logo" and i in ctx.article_span:
                continue  # a picture in the article ("Firefox logo") shows what it is about
            if pattern is _SELF_DESCRIPTION and line.kept:
                continue  # "Wheeler is the second commissioner to leave the agency"
            if pattern is _NAMED_ACCOUNT and words > ACCOUNT_LABEL_MAX_WORDS and sentence_end:
                continue
            if kind == "copyright" and ctx.article_span.start <= i < ctx.article_span.stop - 1:
                continue  # amid the article ("© UC Global"), it credits a picture
            if kind == "copyright" and shown[line.text] >= CREDIT_MIN_REPEATS:
                continue  # under each picture of a gallery ("© Jane Doe"), not the footer
            for match in pattern.finditer(line.text):
                if kind == "credit" and len(match.group(1)) < CREDIT_MIN_CHARS:
                    continue  # a country code: "Verkaufsstellen DE/AT"
                after = line.text[match.end(1) : match.end(1) + 1]
                if kind == "copyright" and after and after in "/:":
                    continue  # a picture's credit: "© Jane Doe/AFP", "© Bild: Reuters"
                if kind == "copyright" and _RIGHTS_STATEMENT.match(line.text, match.start(1)):
                    continue
                name = match.group(1)
                if _RIGHTS_AFTER.match(line.text, match.end(1)):
                    name = _ALL_RIGHTS.sub("", name)
                if kind != "credit" or name.casefold() not in _PHOTO_AGENCIES:
                    add(name, kind)
    for prefix, count in prefixes.items():
        if count >= LINE_PREFIX_MIN_LINES:
            add(prefix, "line_prefix", count)
    # Mentions are counted over the joined text, then lines holding only the name taken off.
    page_text = "\n".join(line.text for line in doc.lines)
    for name in _names_of_email_domains(doc.lines, page_text):
        add(name, "email_domain")
    for name in _names_of_url_host(doc.url, page_text):
        add(name, "url_host")
    _own_lines(doc.lines, later_lines, evidence, add)
    names = list(evidence)
    article_text = "\n".join(line.text for line in doc.lines if line.kept)
    alone_in_article = Counter(line.text for line in doc.lines if line.kept)

    @functools.cache
    def inline_mentions(name: str) -> int:
        return _mentions(page_text, name) - shown[name]

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
        if article >= SUBJECT_MIN_MENTIONS and article >= SUBJECT_MIN_SHARE * inline:
            continue  # what the article is about ("Python" in a Python tutorial)
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
            "common_word": float(len(words) == 1 and _written_small(name, page_text)),
            "parent_company": float(_is_parent_company(name)),
        }
        if not _attested(candidates[name]):
            del candidates[name]
    return candidates


def _own_lines(
    lines: Sequence[Line],
    indexes: list[int],
    evidence: dict[str, dict[str, int]],
    add: Callable[[str, str], None],
) -> None:
    """Each short line of indexes that names something counts as that name's own line.

    A name standing on its own line is no evidence alone (_attested): it counts for a name a
    cue or the masthead attests, and a longer name that opens with one ("Quanta Magazine"
    beside "Quanta") tells the shorter apart. Both hold the attested name in their text (a
    name is a piece of its line, _clean_name), so the other lines are passed over unread.
    """
    attested = [
        name
        for name, found in evidence.items()
        if "own_line_top" in found or any(kind in found for kind in _CUE_KINDS)
    ]
    if not attested:
        return
    for i in indexes:
        text = lines[i].text
        if not any(name in text for name in attested) or _has_full_date(text):
            continue
        if _name_key(text) and not (i and _over_stamp(lines, i)):
            add(text, "own_line")


def _lines_with_cues(lowered: list[str]) -> dict[int, set[str]]:
    """The brand patterns' cues each line holds, by line index (lines with none left out)."""
    page = "\n".join(lowered).encode()
    starts: list[int] | None = None
    cues: dict[int, set[str]] = {}
    for cue, cue_bytes in _BRAND_CUES:
        at = page.find(cue_bytes)
        while at != -1:
            if starts is None:
                starts = list(
                    itertools.accumulate((len(text.encode()) + 1 for text in lowered), initial=0)
                )
            line = bisect.bisect_right(starts, at) - 1
            cues.setdefault(line, set()).add(cue)
            # A cue counts once a line: the search goes on from the next line (a link's "/").
            at = page.find(cue_bytes, starts[line + 1])
    return cues


# A name heading the page that the article itself mentions this much (a share of all its
# mentions) is what the page is about ("New Zealand", "Mozilla" on an encyclopedia page),
# not who publishes it.
SUBJECT_SHARE = 0.8
# A name the article mentions this often, and this share of its mentions, is its subject
# whatever cue names it ("About Python" on a Python tutorial).
SUBJECT_MIN_MENTIONS = 10
SUBJECT_MIN_SHARE = 0.5


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


def find_outlet_brand(doc: Doc, ctx: _Context, person: str = "") -> tuple[str, str] | None:
    """The name the page's chrome credits most, by the weight of its evidence; never the
    name of person, who signs the article."""
    scored = []
    for name, features in outlet_candidates(doc, ctx).items():
        if person and _norm(name) == _norm(person):
            continue
        score = sum(OUTLET_WEIGHTS[k] * v for k, v in features.items())
        scored.append((score, name, features))
    if not scored:
        return None
    _, name, features = max(scored, key=lambda item: (item[0], item[1]))
    source = next(source for kind, source in _EVIDENCE_SOURCES if features[kind] > 0)
    _evidence(doc, "outlet", {**_lead([s for s, _, _ in scored]), **features})
    text = doc.text or "\n".join(line.text for line in doc.lines)
    return _without_domain(_brand_of(name, text), text), source
