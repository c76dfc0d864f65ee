"""The headline: the best-scoring title-like line around the article's start.

Candidates are the lines near the article's first paragraph (and the page title's at the top),
each scored by a conditional logit over its line features (``HEADLINE_WEIGHTS``); with no
candidate, a headline written as sentences over the article's stamp. The chosen line's copies
elsewhere on the page are marked, and a "<headline> - Site" copy hands its site to the outlet.
The tests of a line's shape it reads (``_title_like``, ``_is_meta``, the standfirst
relations) live in ``title_shape``.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence

from builder.clean.notices import READER, SITE_VOICE
from builder.clean.text import word_count
from builder.clean.vocabulary import EMAIL_ADDRESS
from builder.doc import Doc, Line, LineReason
from builder.extract.shared import (
    _BY_KEYWORD,
    _SEPARATORS,
    _evidence,
    _lead,
    _mentions,
    _norm,
    choice_weights,
)
from builder.extract.title_shape import (
    HEADLINE_MAX_WORDS,
    _capitalised_share,
    _has_noise,
    _is_meta,
    _is_sentence,
    _over_signed_standfirst,
    _over_standfirst,
    _reads_as_byline,
    _sentence_title,
    _title_like,
    _under_titled_stamp,
)

# How far above the article's first paragraph the headline and its stamps may stand.
HEAD_WINDOW = 60
# A byline this far above the article still heads it (a video playlist can stand between);
# its headline stands within a few lines above it.
FAR_BYLINE_WINDOW = 200
BYLINE_HEAD_LINES = 4
# How many of the article's first kept lines may be its headline: a cleaner can keep a stray
# line (a script tag, a notice) above it.
ARTICLE_HEAD_LINES = 5
# The article's opening this long is where its headline's words recur (and bounds the cost).
BODY_SAMPLE = 8000
# A headline is restated by the article's opening paragraph (the lead); a teaser is not.
LEAD_LINES = 1
# Longer than this, a line under a byline is a headline or standfirst, not an affiliation.
AFFILIATION_MAX_WORDS = 6


_NOT_HEADLINES = frozenset({LineReason.date_line, LineReason.photo_credit, LineReason.template})


_CRUMB_SEPARATOR = re.compile(r"\s(?:>>|[>»›/])\s")
# "Powered by" labels the software or vendor on the next line, never an article's title.
_POWERED_BY = re.compile(r"(?i)^powered by:?$")


# The headline evidence: each feature a general property of a line, none names a site. A
# candidate's score is a conditional logit (softmax over each page's candidates) over these
# features and the product of every pair of them (HEADLINE_TERMS): what one feature is worth
# depends on others (a long line is a headline above the article and a paragraph inside it).
# benchmarks/fit_weights.py fits the weights on silver + mozilla and writes them, rounded,
# with the fit's figures (pages, sites, right held out by site) into choice_model.json; with
# the pairs, 636 of 826 pages' headlines are picked right held out by site, from 618.
HEADLINE_FEATURES = {
    "length": "words, up to 12, as a share of 12",
    "very_short": "under three words",
    "name_like": "at most four words, all capitalised",
    "noise": "a date, clock time or metadata separator",
    "colon_end": "ends with a colon: a label over what follows",
    "repeated": "the page shows it twice (title and heading)",
    "title_part": 'it opens or closes another line ("<headline> - Site")',
    "distance": "log of its rank: the article's first lines, then those above, nearest first",
    "top_of_page": "among the page's first three lines, and shown again below",
    "in_article": "inside the kept block",
    "capitalised": "share of capitalised words",
    "meta_below": "a byline, date or name within two lines below",
    "too_long": "over 150 characters",
    "byline_like": 'opens like a byline ("By …", "Par …")',
    "body_overlap": "share of its words the article uses: a teaser names another story",
    "dropped_as_boilerplate": "a line rule took it for chrome (a share-word in a title)",
    "breadcrumb": 'two or more "›", ">", "»" or "/" separators ("Home > News > …")',
    "titled": 'a page title at the top is it plus a site name ("<it> - Yahoo")',
    "lead_overlap": "share of its words the article's first paragraph uses",
    "opens_lead": 'the article\'s first sentence opens with it ("New Zealand is …")',
    "over_standfirst": "a longer sentence-case line follows: the headline over its deck",
    "under_titled_stamp": "under a stamp a title four words longer stands over",
    "opens_article": "the first line of the kept block",
}
_INDEX = {name: k for k, name in enumerate(HEADLINE_FEATURES)}
HEADLINE_PAIRS = tuple(itertools.combinations_with_replacement(HEADLINE_FEATURES, 2))
HEADLINE_TERMS = (*HEADLINE_FEATURES, *(f"{a}*{b}" for a, b in HEADLINE_PAIRS))
HEADLINE_WEIGHTS = choice_weights("headline", HEADLINE_TERMS)
# The weights as a list over the features and an upper-triangular table over their pairs.
_LINEAR = [HEADLINE_WEIGHTS[name] for name in HEADLINE_FEATURES]
_PAIRWISE = [[0.0] * len(HEADLINE_FEATURES) for _ in HEADLINE_FEATURES]
for _a, _b in HEADLINE_PAIRS:
    _PAIRWISE[_INDEX[_a]][_INDEX[_b]] = HEADLINE_WEIGHTS[f"{_a}*{_b}"]


def headline_terms(features: dict[str, float]) -> dict[str, float]:
    """A candidate's features and their pairwise products, by HEADLINE_TERMS' names."""
    return {**features, **{f"{a}*{b}": features[a] * features[b] for a, b in HEADLINE_PAIRS}}


def headline_score(features: dict[str, float]) -> float:
    """A candidate's terms weighed by HEADLINE_WEIGHTS. Plain floats summed in a fixed order
    (no BLAS, whose order may differ between machines); a pair with a zero is skipped, as
    most features of a line are."""
    present = [(k, value) for k, name in enumerate(HEADLINE_FEATURES) if (value := features[name])]
    score = 0.0
    for n, (a, value) in enumerate(present):
        score += _LINEAR[a] * value
        row = _PAIRWISE[a]
        for b, other in present[n:]:
            score += row[b] * value * other
    return score


# What joins a title to a site name, a label or a breadcrumb: "<it> - Site", "News › <it>".
_TITLE_JOIN_CHARS = frozenset("-|–—:·»>›/([,")


def _is_title_part(key: str, others: str) -> bool:
    """Whether a line other than key itself opens or closes with key.

    ``others`` is every short normalised line joined by newlines, with a newline at each end,
    so that three substring counts answer for the whole page at once.
    """
    if len(key) < 12:
        return False
    exact = others.count(f"\n{key}\n")
    if others.count(f"\n{key}") == exact and others.count(f"{key}\n") == exact:
        return False
    # Joined to the rest by a separator: "Jane Doe is a reporter …" is a sentence, not a title.
    # Substring scans, not a regex built from key: a pattern per line would miss re's cache.
    size = len(key)
    at = others.find(f"\n{key}")
    while at >= 0:
        end = at + 1 + size
        while end < len(others) and others[end].isspace():
            end += 1
        if end < len(others) and others[end] in _TITLE_JOIN_CHARS:
            return True
        at = others.find(f"\n{key}", at + 1)
    at = others.find(f"{key}\n")
    while at >= 0:
        start = at - 1
        while start >= 0 and others[start].isspace():
            start -= 1
        if start >= 0 and others[start] in _TITLE_JOIN_CHARS:
            return True
        at = others.find(f"{key}\n", at + 1)
    return False


_WORD = re.compile(r"\w+")
_LONG_WORD = re.compile(r"\w{3,}")
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def content_words(text: str) -> Counter:
    """Words of three letters or more, counted; CJK runs, written without spaces, as pairs."""
    folded = text.casefold()
    if not _CJK_RUN.search(folded):
        # Every token of three word characters or more, counted in C; then the numbers go,
        # each distinct one judged once ("2013", "²⁰¹³").
        counts = Counter(_LONG_WORD.findall(folded))
        for token in [token for token in counts if token.isdigit()]:
            del counts[token]
        return counts
    counts = Counter()
    # Each distinct token is judged once: a page's vocabulary is a fraction of its tokens.
    for token, n in Counter(_WORD.findall(folded)).items():
        if not token.isascii() and _CJK_RUN.search(token):
            for k in range(len(token) - 1):
                counts[token[k : k + 2]] += n
        elif len(token) >= 3 and not token.isdigit():
            counts[token] += n
    return counts


def _body_overlap(line: Line, words: Counter, body: Counter) -> float:
    """Share of the line's words (content_words of its text) that the article uses
    elsewhere: a headline names its story."""
    if not words:
        return 0.0
    elsewhere = sum(1 for word, n in words.items() if body[word] > (n if line.kept else 0))
    return elsewhere / len(words)


def _headline_features(
    lines: list[Line],
    i: int,
    distance: int,
    body_start: int,
    page: _PageKeys,
    body: Counter,
    lead: Counter,
    first_paragraph: str,
) -> dict[str, float]:
    line = lines[i]
    words = word_count(line.text)
    capitalised = _capitalised_share(line.text)
    key = page.keys[i]
    repeated = page.counts[key] > 1
    title_part = _is_title_part(key, page.others)
    own_words = content_words(line.text)
    return {
        "length": min(words, 12) / 12,
        "very_short": float(words < 3),
        "name_like": float(words <= 4 and capitalised == 1),
        "noise": float(_has_noise(line.text)),
        "colon_end": float(line.text.endswith(":")),
        "repeated": float(repeated),
        "title_part": float(title_part),
        "distance": math.log1p(distance),
        "top_of_page": float(i < 3 and (repeated or title_part)),
        "in_article": float(i >= body_start),
        "capitalised": capitalised,
        "meta_below": float(any(_is_meta(x) for x in lines[i + 1 : i + 3])),
        "too_long": float(len(line.text) > 150),
        "byline_like": float(_BY_KEYWORD.match(line.text) is not None),
        "body_overlap": _body_overlap(line, own_words, body),
        "dropped_as_boilerplate": float(line.reason is LineReason.boilerplate),
        "breadcrumb": float(len(_CRUMB_SEPARATOR.findall(line.text)) >= 2),
        "titled": float(key in page.titles),
        "lead_overlap": _body_overlap(line, own_words, lead),
        "opens_lead": float(first_paragraph.startswith(key + " ")),
        "over_standfirst": float(_over_standfirst(lines, i)),
        "under_titled_stamp": float(_under_titled_stamp(lines, i)),
        "opens_article": float(i == body_start),
    }


class _PageKeys:
    """Normalised lines of a page, counted, and the short ones joined for substring tests."""

    def __init__(self, lines: Sequence[Line]):
        self.keys = [_norm(line.text) for line in lines]
        self.counts = Counter(self.keys)
        short = (k for k in self.keys if k.count(" ") < HEADLINE_MAX_WORDS)
        self.others = "\n" + "\n".join(short) + "\n"
        # "<headline> - Site" among the first lines: a page title, kept as plain text.
        self.titles = {
            key[: m.start()] for key in self.keys[:3] for m in _SEPARATORS.finditer(key)
        } - {""}


def _headline_window(lines: list[Line], body_start: int) -> list[int]:
    """Line indexes to consider, nearest the article first, then the top of the page."""
    opening = [i for i in range(body_start, len(lines)) if lines[i].kept][:ARTICLE_HEAD_LINES]
    top = max(0, body_start - HEAD_WINDOW)
    above = list(range(body_start - 1, top - 1, -1))
    # A video player's playlist can stand between the article and its header: the window
    # reaches up to a byline further off, and the headline above it.
    if not any(_reads_as_byline(lines[i]) for i in above):
        far = max(0, body_start - FAR_BYLINE_WINDOW)
        byline = next((i for i in range(top - 1, far - 1, -1) if _far_byline(lines[i])), None)
        if byline is not None:
            above += range(top - 1, max(-1, byline - BYLINE_HEAD_LINES - 1), -1)
    window = opening + above
    return window + [i for i in range(min(3, len(lines))) if i not in window]


def _far_byline(line: Line) -> bool:
    """A byline far above the article that the window reaches up to: one the cleaner took for
    a byline, or one dated ("By Jane Doe March 11, 2015 3:46 PM"); a menu's "Von Mensch zu
    Mensch" reads as one too, and would clear every title under it."""
    return _reads_as_byline(line) and (line.reason is LineReason.byline or _has_noise(line.text))


# A picture's credit alone ("Getty Images/Sipa USA"), not a caption that ends with one.
BARE_CREDIT_MAX_WORDS = 5


def _is_bare_credit(line: Line) -> bool:
    return line.reason is LineReason.photo_credit and word_count(line.text) <= BARE_CREDIT_MAX_WORDS


def _sentence_headline(lines: Sequence[Line], body_start: int) -> int | None:
    """With no title-like line anywhere near, a headline written as sentences ("I read the
    ruling. Here is what it says.") right over the date or byline that follows the article's
    first line or the line after it, or over the standfirst right over that stamp."""
    first = next((k for k in range(body_start, len(lines)) if lines[k].kept), None)
    if first is None:
        return None

    def adjacent(k: int) -> bool:  # line k right under line k - 1
        return 0 < k < len(lines) and lines[k].no <= lines[k - 1].no + 2

    stamp = next((k for k in (first + 1, first + 2) if adjacent(k) and _is_meta(lines[k])), None)
    if stamp is None or (stamp == first + 2 and not adjacent(first + 1)):
        return None
    headline = stamp - 1
    if not _sentence_title(lines, headline) and adjacent(headline):
        headline -= 1  # the line over the stamp is a standfirst under its headline
    if _sentence_title(lines, headline) and not _is_meta(lines[headline]):
        return headline
    return None


# What a page's chrome says, never a headline: consent and cookie notices, errors, sign-up
# and sign-in prompts. Phrases, not words: "EU fines Google over cookies" is news.
CHROME_LINE = re.compile(
    r"(?i)(?:\b(?:accept|allow|manage|reject|use|uses)\b.{0,20}\bcookies?\b"
    r"|\bcookies? (?:policy|settings|consent|preferences|notice)\b"
    r"|\byour privacy (?:is|matters|choices|settings)\b|\bprivacy (?:policy|settings|preferences)\b"
    r"|\baccept (?:&|and) close\b|\bsomething went wrong\b|\bpage (?:was )?not found\b"
    r"|\b(?:an )?error (?:occurred|has occurred|loading)\b|\bplease (?:enable|try again|wait)\b"
    r"|\bjavascript (?:is )?(?:disabled|required|must be enabled)\b|\bad ?blocker\b"
    r"|\b(?:subscribe|sign up) (?:now|today|for|to (?:our|the))\b"
    r"|\balready (?:a subscriber|have an account)\b"
    r"|\b(?:log|sign) ?in (?:to|with)\b|\bcreate (?:a )?(?:free )?account\b"
    r"|\bsubscribers? only\b|\bcontinue reading\b|\bthank you for (?:subscribing|signing up)\b"
    r"|\bsubscribe to (?:receive|get)\b|(?:^|[!.]\s)sign up!?$|(?:^|[-–—|:]\s)join now!?$"
    r"|\bexpand/collapse\b|\bforgot (?:your )?(?:\w+ )?(?:username|password)\b"
    r"|\bnot a member\b[^?]{0,40}\?"
    r"|^search for this (?:author|site)\b|\b(?:straight|directly|delivered) to your inbox\b"
    r"|\bclick here\b|\bdid you know you can\b|^(?:get|download) (?:the|our) (?:\w+ ){0,3}app\b"
    r"|\bmanage your (?:profile|account|preferences|subscriptions?)\b|\bprotected by recaptcha\b"
    r"|\btry again later\b|\bby submitting your\b|\bpreview of subscription content\b"
    r"|\bnotify you\b|\b(?:turn on|enable|allow) (?:push |browser )?notifications\b"
    r"|\bthis (?:article|story|page) is more than \w+ (?:years?|months?|days?) old\b"
    # The account links alone ("Login Sign up", "Sign in / Register"); a breadcrumb's tail,
    # its separator first ("> Red Carpet"; no title of the dev pages opens so, 231 of their
    # lines do); and a line giving an email address: a contact, never a story's title.
    r"|^\W*(?:log ?in|sign ?in)\W*(?:(?:or|and)\W*)?(?:sign ?up|register|join(?: now)?"
    r"|subscribe|create (?:an )?account)\W*$|^[>»›]\s|" + EMAIL_ADDRESS.pattern + ")"
)

# Words every phrase of CHROME_LINE holds, lowercased, and the openings of its anchored ones:
# a line of ASCII text with none of them cannot match it, and four in five lines near an
# article have none (the pattern's 40 branches tried at every character cost 24 µs a line).
# tests/test_extract_headline.py draws lines from the pattern itself to hold the two together.
_CHROME_WORDS = (
    *("cookie", "privacy", "accept", "wrong", "not found", "error", "please", "javascript"),
    *("blocker", "subscribe", "sign up", "sign in", "signin", "log in", "login", "account"),
    *("continue reading", "thank you", "join now"),
    *("expand/collapse", "forgot", "not a member", "search for this", "inbox", "click here"),
    *("did you know", "manage your", "recaptcha", "try again later", "by submitting"),
    *("preview of", "notify you", "notifications", "is more than", "@"),
)
_CHROME_OPENINGS = ("get ", "download ", ">")


def is_chrome_line(text: str) -> bool:
    """Whether CHROME_LINE finds chrome in text; the pattern runs only where a line that is not
    plain ASCII, or one of its words, leaves it a chance."""
    if text.isascii():
        lowered = text.lower()
        if not lowered.startswith(_CHROME_OPENINGS) and not any(
            word in lowered for word in _CHROME_WORDS
        ):
            return False
    return CHROME_LINE.search(text) is not None


# A site speaking to its reader ("Did you know we have a UK site?", "We rely on your support",
# "Wir sind für Sie da!") or asking for help ("Help us build …"): a headline speaks of its
# story, and no headline of the 830 dev pages says both "we" and "you".
_APPEAL = re.compile(
    r"(?i)^(?:please\s+)?(?:help|support|join|follow|contact|tell|email|donate to|write to)\s+us\b"
)


def addresses_reader(text: str) -> bool:
    """Whether text is the site speaking to its reader: "we" and "you" in one line, or an
    appeal for the reader's help."""
    if _APPEAL.search(text):
        return True
    return SITE_VOICE.search(text) is not None and READER.search(text) is not None


def _in_signed_list(lines: Sequence[Line], i: int) -> bool:
    """Whether another byline stands two lines above or below the byline at i, a title
    between them."""
    return any(
        0 <= k < len(lines) and abs(lines[k].no - lines[i].no) <= 4 and _reads_as_byline(lines[k])
        for k in (i - 2, i + 2)
    )


# A menu's entry that opens as a byline does ("By Region", "By Invitation", "By Cuisine:"):
# one word, or a label's colon, after the keyword; unless it stands this close over the
# article ("By Reuters", "por CyberCook").
_MENU_BY = re.compile(r"^\S+\s+(?:\S+|.*:)$")
BYLINE_REACH_LINES = 6


def _names_someone(text: str) -> bool:
    """Whether a line read as a byline names someone rather than a menu's grouping."""
    return _MENU_BY.match(text) is None


def headline_candidates(
    doc: Doc, body_start: int, page: _PageKeys | None = None
) -> list[tuple[int, dict[str, float]]]:
    """Title-like lines around the article's start, each with its headline evidence."""
    lines = doc.lines
    page = page or _PageKeys(lines)
    article = [line.text for line in lines[body_start:] if line.kept]
    body = content_words("\n".join(article)[:BODY_SAMPLE])
    lead = content_words("\n".join(article[:LEAD_LINES]))
    first_paragraph = _norm(article[0]) if article else ""
    # An organisation named under a byline is an affiliation wherever it appears (a masthead).
    affiliations = {
        page.keys[k + 1]
        for k, (before, after) in enumerate(itertools.pairwise(lines))
        if before.reason is LineReason.byline
        and after.no == before.no + 1
        and word_count(after.text) <= AFFILIATION_MAX_WORDS
    }
    candidates: list[tuple[int, dict[str, float]]] = []
    signed = False  # a byline above the article read already
    distance = 0
    window = _headline_window(lines, body_start)
    # The lines a page title names stand wherever they are (a long menu can push them out).
    seen = set(window)
    window += [i for i, key in enumerate(page.keys) if key in page.titles and i not in seen]
    for i in window:
        line = lines[i]
        if page.keys[i] in affiliations:
            continue
        if i < body_start and _reads_as_byline(line):
            # Lines between a byline and the article are its affiliation; the article's own
            # opening lines are not between them. A byline in a list of signed teasers
            # ("<title>" / "By Jane Doe" / "<title>" / "By John Roe") signs another story,
            # and one further up than the nearest is a menu's ("By Region") or a teaser's:
            # the headline under it stays.
            signs = body_start - i <= BYLINE_REACH_LINES or _names_someone(line.text)
            if not signed and signs and not _in_signed_list(lines, i):
                candidates = [c for c in candidates if c[0] >= body_start]
                signed = True
            continue
        if line.reason in _NOT_HEADLINES:
            continue
        # A title-like line needs the deck test only if it reads as the article's sentence.
        title_like = _title_like(line)
        signed_deck = None if title_like else _over_signed_standfirst(lines, i)
        # The chrome test last: the window's long lines fail the cheaper ones first.
        if not (title_like or signed_deck) or is_chrome_line(line.text):
            continue
        if addresses_reader(line.text):
            continue
        if i > 0 and _POWERED_BY.match(lines[i - 1].text):
            continue
        if i + 1 < len(lines) and _is_bare_credit(lines[i + 1]):
            continue  # a caption over its picture's credit ("Jane Doe" / "Getty Images")
        if (
            i >= body_start
            and _is_sentence(line.text)
            and not line.text.endswith(("?", "!"))
            and not (signed_deck or _over_signed_standfirst(lines, i))
        ):
            continue  # the article's first sentence; a question may be its headline
        distance += 1
        features = _headline_features(
            lines, i, distance, body_start, page, body, lead, first_paragraph
        )
        candidates.append((i, features))
    return _without_bio_names(lines, candidates)


# A headline this long at least, above a name the article's first paragraph goes on from,
# makes that name its writer's ("Marguerite Reardon" / "Marguerite Reardon has been a CNET
# reporter since 2004"), not an encyclopedia's title ("Northern Mali" / "Northern Mali is …").
BIO_HEADLINE_MIN_WORDS = 4


def _without_bio_names(
    lines: Sequence[Line], candidates: list[tuple[int, dict[str, float]]]
) -> list[tuple[int, dict[str, float]]]:
    def bio_name(features: dict[str, float]) -> bool:
        return bool(features["name_like"] and features["opens_lead"] and features["very_short"])

    names = [i for i, features in candidates if bio_name(features)]
    if not names:
        return candidates
    titled = [
        i
        for i, features in candidates
        if not bio_name(features) and word_count(lines[i].text) >= BIO_HEADLINE_MIN_WORDS
    ]
    if not titled or min(titled) > min(names):
        return candidates
    return [(i, features) for i, features in candidates if not bio_name(features)]


def find_headline(doc: Doc, body_start: int) -> tuple[int, str] | None:
    """The best-scoring title-like line above the article (or opening it), or at the top.

    How the choice was made (its score, its lead over the runner-up, how many candidates)
    goes to doc.meta["evidence"]: the confidence stage reads it.
    """
    best: tuple[float, int] | None = None
    page = _PageKeys(doc.lines)
    scores = []
    for i, features in headline_candidates(doc, body_start, page):
        score = headline_score(features)
        scores.append(score)
        if best is None or score > best[0]:
            best = (score, i)
    if best is None:
        sentence = _sentence_headline(doc.lines, body_start)
        if sentence is None:
            return None
        _evidence(doc, "headline", {"sentence": 1.0, "candidates": 0.0})
        return sentence, "text:title_line"
    _evidence(doc, "headline", {**_lead(scores), "position": best[1] / max(len(doc.lines), 1)})
    chosen = _without_label(doc.lines, page.keys, best[1])
    return _uncut(doc.lines, page.keys, chosen), "text:title_line"


_ELLIPSIS = ("…", "...")


def _uncut(lines: Sequence[Line], keys: Sequence[str], i: int) -> int:
    """The line that holds the whole title when line i is a teaser's cut of it ("Joe Biden
    predicts Trump will try to delay…" over "Joe Biden predicts Trump will try to delay
    elections"): the nearest title-like line that goes on from where the cut ends; else i."""
    text = lines[i].text
    if not text.endswith(_ELLIPSIS):
        return i
    cut = _norm(text.rstrip(".… "))
    whole = [
        j
        for j, key in enumerate(keys)
        if j != i
        and len(lines[j].text) > len(text)
        and key.startswith(cut)
        and _title_like(lines[j])
    ]
    return min(whole, key=lambda j: abs(j - i), default=i)


# The link to a heading's own anchor, rendered after it ("Installation ¶", "Usage #").
_PERMALINK_MARK = re.compile(r"\s+[¶#§]$")
# A section label or breadcrumb before a headline is this many words at most.
LABEL_MAX_WORDS = 4
_LABEL_SEPARATORS = "|>»›-–—/"


def _without_label(lines: Sequence[Line], keys: Sequence[str], i: int) -> int:
    """The line that holds the headline alone, when line i prefixes it with a section label
    or a breadcrumb ("Economy | <headline>", "Home News <headline>", "Home > News > 2015 >
    <headline>") or closes it with a site's name ("<headline> - Site") and the page also
    shows it by itself (the nearest such line); else i."""
    words = lines[i].text.split()
    tails = set()
    for k in range(1, min(LABEL_MAX_WORDS + 1, len(words) - 1)):
        label = words[:k]
        # "Economy |", "News ›", or capitalised crumbs ("Home News"); not "The Project:".
        crumbs = all(w[:1].isupper() for w in label) and not label[-1].endswith(":")
        if (len(label[-1]) == 1 and label[-1] in _LABEL_SEPARATORS) or crumbs:
            tails.add(_norm(" ".join(words[k:]).lstrip(_LABEL_SEPARATORS + " ")))
        # A page title closes with the site's name ("<headline> - The Daily Planet").
        if len(words[-k - 1]) == 1 and words[-k - 1] in _LABEL_SEPARATORS:
            tails.add(_norm(" ".join(words[: -k - 1])))
    # A breadcrumb of any length ends with the page it leads to ("Mac > News > 2015 > <it>").
    tails.update(_norm(lines[i].text[m.end() :]) for m in _CRUMB_SEPARATOR.finditer(lines[i].text))
    alone = [j for j, key in enumerate(keys) if j != i and key in tails and _title_like(lines[j])]
    return min(alone, key=lambda j: abs(j - i), default=i)


def _mark_headline_copies(doc: Doc, headline: str) -> str | None:
    """Remove every copy of the headline; return an outlet named by a '<headline> - X' title."""
    key = _norm(headline)
    suffix_outlet = None
    for line in doc.lines:
        text = _norm(line.text)
        if text == key:
            line.reason = LineReason.headline
        elif text.endswith(key) and word_count(line.text) - word_count(headline) <= 6:
            line.reason = LineReason.breadcrumb
        elif text.startswith(key):
            rest = line.text[len(headline) :]
            sep = _SEPARATORS.match(rest)
            if sep and 1 <= word_count(rest[sep.end() :]) <= 5:
                line.reason = LineReason.headline
                suffix_outlet = suffix_outlet or rest[sep.end() :].strip()
    return suffix_outlet


def _headline_context(doc: Doc, anchor: int) -> dict[str, float]:
    """How the page echoes its headline: copies of it, and its words in the article."""
    headline = doc.lines[anchor]
    copies = sum(
        1
        for i, line in enumerate(doc.lines)
        if i != anchor and line.reason in (LineReason.headline, LineReason.breadcrumb)
    )
    words = {w for w in content_words(headline.text) if len(w) > 3 or not w.isascii()}
    article = " ".join(line.text for line in doc.lines[anchor + 1 : anchor + 60] if line.kept)
    return {
        "copies": math.log1p(copies),
        "in_article": _share_used(words, article) if words else 0.0,
    }


def _share_used(words: set[str], text: str) -> float:
    """Share of words (content_words' keys) among content_words(text), without counting
    every word of text: a key of it is a whole run of word characters of the folded text."""
    folded = text.casefold()
    if _CJK_RUN.search(folded):
        counted = content_words(text)  # its runs of CJK count as pairs of characters
        return sum(1 for w in words if w in counted) / len(words)
    return sum(1 for w in words if _mentions(folded, w)) / len(words)
