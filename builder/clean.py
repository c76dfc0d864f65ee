"""Clean stage: keep the article's lines, drop the page chrome, and say why for each drop.

The method works on text alone, in three general steps:

1. **Line rules.** Short lines made of chrome vocabulary (share, subscribe, sign in, cookie,
   advertisement, ©…), photo credits, bylines and date-only lines are dropped with their
   reason; a line repeated inside the document is kept once.
2. **Main block.** Each remaining line scores by how much it looks like prose (a sentence of
   several words that ends in terminal punctuation) against how much it looks like chrome
   (short fragments, date-stamped teasers, unpunctuated word lists). Headers of what follows
   an article ("Comments", "Related stories") cut the page into parts, each part offers its
   highest-scoring contiguous run (a maximum-subarray search, the text analogue of Finn et
   al.'s Body Text Extraction), and the first run with a fair share of the best run's score
   is the article; every line outside it is ``outside_article``.
3. **Inside the block**, runs of several short fragments (related links, tag lists) are
   dropped as ``short_run``; single short lines between paragraphs (sub-headings) stay.

Cross-document steps (template lines shared by many pages) are applied by the pipeline,
which marks those lines before this stage runs.
"""

from __future__ import annotations

import itertools
import re

from builder.doc import Doc, Line, LineReason

# Lines with at most this many words are "short": fragments rather than paragraphs.
SHORT_WORDS = 6
# A prose line has at least this many words and ends like a sentence.
PROSE_MIN_WORDS = 8
# Lines this long count as prose whatever their last character.
LONG_WORDS = 25
# Main-block scores: a line of NEUTRAL_WORDS words is neither article nor chrome.
NEUTRAL_WORDS = 8.0
SENTENCE_BONUS = 6.0
BOILERPLATE_COST = 10.0
# A header that opens what follows an article (comments, related stories) all but ends it.
SECTION_END_COST = 300.0
# The first block with this share of the heaviest block's score (and at least
# FIRST_BLOCK_MIN) is the article: what follows an article can outweigh it.
FIRST_BLOCK_SHARE = 0.3
FIRST_BLOCK_MIN = 60.0
# A fragment carrying a date or clock time is a teaser, comment header or feed entry.
STAMP_COST = 6.0
# Chrome phrases decide alone only on short lines: a long sentence that says "subscribe" is prose.
PHRASE_MAX_WORDS = 12
# One chrome word condemns only a very short line: "Share", "Sign in", "Skip to content".
# A longer fragment needs two ("Click to share on Twitter"): a headline may name Facebook.
PHRASE_ALONE_MAX_WORDS = 6
# Longer lines are chrome only when packed with chrome phrases (footer sentences).
DENSE_PHRASE_MAX_WORDS = 30
DENSE_PHRASE_HITS = 3
# A run of at least this many consecutive short non-sentence lines is a list of links.
SHORT_RUN = 3

_TERMINAL = tuple(".!?。！？…؟۔")
_CLOSERS = "\"'”’»)]"
_LIST_MARKS = tuple("+*-•·–—")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")

# Chrome vocabulary: single words and phrases of page furniture. Matched on word tokens
# (a set lookup per line) rather than by one large regular expression, which was the
# cleaning stage's main cost.
CHROME_WORDS = frozenset(
    [
        "share",
        "tweet",
        "whatsapp",
        "print",
        "subscribe",
        "subscription",
        "newsletter",
        "register",
        "signup",
        "signin",
        "login",
        "logout",
        "cookie",
        "cookies",
        "advertisement",
        "advertising",
        "sponsored",
        "promoted",
        "copyright",
        "accessibility",
        "navigation",
        "trending",
        "recommended",
        "loading",
        "listen",
        "facebook",
        "twitter",
        "instagram",
        "linkedin",
        "pinterest",
        "youtube",
        "reddit",
        "rss",
        "career",
        "careers",
        "sitemap",
        "©",
    ]
)
CHROME_PHRASES = tuple(
    tuple(phrase.split())
    for phrase in (
        "pin it", "e mail this", "email this", "mailing list", "sign up", "sign in", "sign out",
        "log in", "log out", "my account", "ad choices", "report this ad", "all rights reserved",
        "privacy policy", "terms of use", "terms of service", "skip to", "jump to",
        "back to top", "main menu", "breaking news", "read more", "see more", "load more",
        "show more", "view comments", "comment count", "comments count", "leave a comment",
        "leave a reply", "follow us", "like us", "download the app", "related stories",
        "related articles", "related posts", "related content", "related coverage",
        "most popular", "most read", "most viewed", "most shared", "you may also like",
        "more from", "more stories", "join now", "click here", "enable javascript",
        "watch video", "watch live", "contact us", "about us", "site map", "help center",
    )
)  # fmt: skip
_PHRASE_STARTS: dict[str, tuple[tuple[str, ...], ...]] = {}
for _phrase in CHROME_PHRASES:
    _PHRASE_STARTS[_phrase[0]] = (*_PHRASE_STARTS.get(_phrase[0], ()), _phrase[1:])
_COMMENT_WORDS = frozenset({"comment", "comments"})
_CHROME_CUES = CHROME_WORDS | frozenset(_PHRASE_STARTS) | _COMMENT_WORDS | {"c"}
_TOKENS = re.compile(r"[^\W_]+|©")
_LABEL_PREFIX = re.compile(r"(?i)^(?:topics|tags|filed under|categories|keywords)\s*:")


def chrome_hits(text: str, tokens: list[str] | None = None) -> int:
    """Chrome words and phrases in a line ("Share", "Sign up", "© 2016", "12 comments")."""
    if tokens is None:
        tokens = _TOKENS.findall(text.lower())
    if _CHROME_CUES.isdisjoint(tokens):
        return 0
    hits = 0
    for i, token in enumerate(tokens):
        if token in CHROME_WORDS:
            hits += 1
        elif token in _COMMENT_WORDS:
            hits += i > 0 and tokens[i - 1].isdigit()  # "12 comments"
        elif token == "c":
            hits += i + 1 < len(tokens) and tokens[i + 1].isdigit() and "(c)" in text.lower()
        for rest in _PHRASE_STARTS.get(token, ()):
            if tuple(tokens[i + 1 : i + 1 + len(rest)]) == rest:
                hits += 1
                break
    if _LABEL_PREFIX.match(text):
        hits += 1
    return hits


# Headers of what follows an article, in several languages; matched on short lines only.
SECTION_END = re.compile(
    r"""(?ix)^\W*(?:\d+\s+)?(?:
    related\ (?:stories|articles|posts|content|links|news|reading)|
    more\ (?:from|on|stories|news|in)\b.*|read\ next|up\ next|
    you\ (?:may|might)\ (?:also\ )?(?:like|enjoy)|recommended\ (?:for\ you|stories|articles)|
    most\ (?:popular|read|viewed|shared|commented)|popular\ (?:stories|now|articles|posts)|
    trending(?:\ now)?|in\ case\ you\ missed\ it|don'?t\ miss|
    comments|\d+\ comment|comments?\ \(\d+\)|responses|\d+\ responses?|replies|
    join\ the\ (?:discussion|conversation)|(?:view|show|read|see)\ (?:all\ )?comments.*|
    add\ (?:a\ |new\ |your\ )?comment|
    leave\ a\ (?:comment|reply)|add\ a\ comment|post\ a\ comment|what\ do\ you\ think|
    like\ this|share\ this|tags?|filed\ under|categories|
    à\ lire\ aussi|lire\ aussi|sur\ le\ même\ sujet|commentaires?|
    mehr\ zum\ thema|weitere\ artikel|kommentare|meistgelesen|meistkommentiert|
    les\ plus\ lus|más\ leídas|související(?:\ články)?|přečtěte\ si\ také|
    artículos\ relacionados|relacionad[oa]s|comentarios|
    関連記事|関連ニュース|コメント|ランキング|アクセスランキング|相关(?:文章|新闻|阅读)|热门|评论
    )\W*$""",
)
_STAMP = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b(?:19|20)\d{2}\b")
_META_SEPARATORS = re.compile(r"\s[|•·]\s")
_SENTENCE_PUNCT = re.compile(r"[.,;!?。、，；！？]")
PHOTO_CREDIT = re.compile(
    r"""(?ix)
    (?:^|\|\s*)(?:photo|image|picture|foto|bild|credit|illustration|video|graphic)s?\s*
    (?:credit)?\s*[:|]|^credit\s
    |\b(?:getty\ images|shutterstock|associated\ press\ photo|ap\ photo|afp\ photo|
    reuters/|/reuters|/afp|/ap\b|epa/|image\ copyright|image\ caption|photograph:|
    \(photo|\[photo|\(credit|file\ photo|istock)
    """
)
BYLINE = re.compile(
    r"^(?:by|par|von|por|di|door|av|przez|от|автор)\s*:?\s+[\w.'’-]+(?:\s+[\w.'’-]+){0,5}"
    r"(?:\s*(?:,|and|&|/|\|)\s*[\w.'’-]+(?:\s+[\w.'’-]+){0,4})*$",
    re.IGNORECASE,
)


def word_count(text: str) -> int:
    """Words in a text; scripts written without spaces count two characters as a word."""
    return _with_cjk(text, len(text.split()))


def line_words(text: str) -> int:
    """word_count for a Line's text, whose whitespace is already single spaces."""
    return _with_cjk(text, text.count(" ") + 1)


def _with_cjk(text: str, words: int) -> int:
    if text.isascii():
        return words
    cjk = len(_CJK.findall(text))
    return words + cjk // 2 if cjk else words


def is_prose(text: str, words: int) -> bool:
    if words >= LONG_WORDS:
        # A long line without any sentence punctuation is a word list (countries, tags).
        return _SENTENCE_PUNCT.search(text) is not None
    return words >= PROSE_MIN_WORDS and text.rstrip(_CLOSERS).endswith(_TERMINAL)


# Cheap token cues that gate the costlier patterns: most lines share no token with them.
_PHOTO_CUES = frozenset(
    [
        "photo",
        "photos",
        "image",
        "images",
        "picture",
        "pictures",
        "foto",
        "fotos",
        "bild",
        "bilder",
        "credit",
        "credits",
        "illustration",
        "illustrations",
        "video",
        "videos",
        "graphic",
        "graphics",
        "getty",
        "shutterstock",
        "ap",
        "afp",
        "reuters",
        "epa",
        "photograph",
        "istock",
        "file",
    ]
)
_BYLINE_CUES = frozenset(["by", "par", "von", "por", "di", "door", "av", "przez", "от", "автор"])
_SECTION_CUES = frozenset(
    [
        "related",
        "more",
        "read",
        "up",
        "you",
        "recommended",
        "most",
        "popular",
        "trending",
        "in",
        "don",
        "comments",
        "comment",
        "responses",
        "response",
        "replies",
        "join",
        "view",
        "show",
        "see",
        "add",
        "leave",
        "post",
        "what",
        "like",
        "share",
        "tags",
        "tag",
        "filed",
        "categories",
        "à",
        "lire",
        "sur",
        "commentaires",
        "commentaire",
        "mehr",
        "weitere",
        "kommentare",
        "meistgelesen",
        "meistkommentiert",
        "les",
        "más",
        "související",
        "přečtěte",
        "artículos",
        "relacionados",
        "relacionadas",
        "comentarios",
    ]
)


def _opens_section(tokens: list[str]) -> bool:
    first = tokens[1] if len(tokens) > 1 and tokens[0].isdigit() else (tokens or [""])[0]
    return first in _SECTION_CUES or not first.isascii()


def _line_rule(line: Line, words: int, is_sentence: bool) -> LineReason | None:
    if words > DENSE_PHRASE_MAX_WORDS:
        return None
    text = line.text
    tokens = _TOKENS.findall(text.lower())
    if not is_sentence and words <= PHRASE_MAX_WORDS:
        if not _PHOTO_CUES.isdisjoint(tokens) and PHOTO_CREDIT.search(text):
            return LineReason.photo_credit
        if tokens and tokens[0] in _BYLINE_CUES and words <= 8 and BYLINE.match(text):
            return LineReason.byline
        if _opens_section(tokens) and SECTION_END.match(text):
            return LineReason.boilerplate
        hits = chrome_hits(text, tokens)
        if hits >= 2 or (hits == 1 and words <= PHRASE_ALONE_MAX_WORDS):
            return LineReason.boilerplate
    else:
        hits = chrome_hits(text, tokens)
    has_separator = "|" in text or "•" in text or "·" in text
    if has_separator and len(_META_SEPARATORS.findall(text)) > 1 and _STAMP.search(text):
        return LineReason.date_line  # "Le Monde | 04.05.2015 à 13h36 • Mis à jour … | Par …"
    if hits >= DENSE_PHRASE_HITS:
        return LineReason.boilerplate
    return None


def _normalised(text: str) -> str:
    return text.casefold()  # a Line's whitespace is already normalised


def _mark_duplicates(lines: list[Line]) -> None:
    """Keep the first copy of a repeated line."""
    seen: set[str] = set()
    for line in lines:
        key = _normalised(line.text)
        if key in seen and line.reason is None:
            line.reason = LineReason.duplicate
        seen.add(key)


def _mark_teasers(lines: list[Line]) -> None:
    """A kept line that opens a longer kept line is a teaser or summary of it: drop it."""
    kept = sorted((_normalised(line.text), line) for line in lines if line.reason is None)
    for (key, line), (next_key, _) in itertools.pairwise(kept):
        if next_key.startswith(key) and len(key) >= 40:
            line.reason = LineReason.duplicate


def _caption_pairs(lines: list[Line]) -> None:
    """An image's alt text and caption render as the same line twice in a row: both go."""
    for first, second in itertools.pairwise(lines):
        if first.no + 1 == second.no and first.text == second.text:
            for line in (first, second):
                if line.reason in (None, LineReason.duplicate):
                    line.reason = LineReason.photo_credit


def line_score(line: Line, words: int, is_sentence: bool) -> float:
    """Evidence that a line belongs to the article: positive for prose, negative for chrome.

    Length carries most of it: fragments below ``NEUTRAL_WORDS`` cost, longer lines pay in
    proportion, and a sentence ending pays a bonus. Lines already recognised as metadata are
    neutral so that they neither break nor extend the article.
    """
    if line.reason is LineReason.template:
        return -BOILERPLATE_COST
    if line.reason is LineReason.boilerplate:
        if words <= PHRASE_MAX_WORDS and SECTION_END.match(line.text):
            return -SECTION_END_COST
        return -BOILERPLATE_COST
    if line.reason is not None:
        return 0.0
    if is_sentence:
        return words - NEUTRAL_WORDS + SENTENCE_BONUS
    if words >= LONG_WORDS:
        return -BOILERPLATE_COST  # a long unpunctuated word list
    return words - NEUTRAL_WORDS - (STAMP_COST if _STAMP.search(line.text) else 0.0)


def _best_run(scores: list[float], low: int, high: int) -> tuple[float, int, int]:
    """(total, start, end) of the maximum-sum contiguous run of scores[low:high] (Kadane)."""
    best, best_start, best_end = float("-inf"), low, low - 1
    running, start = 0.0, low
    for i in range(low, high):
        if running <= 0:
            running, start = scores[i], i
        else:
            running += scores[i]
        if running > best:
            best, best_start, best_end = running, start, i
    return best, best_start, best_end


def _main_block(scores: list[float], barriers: list[int]) -> tuple[int, int]:
    """The article's [start, end] line indices.

    Section headers (comments, related stories) cut the page into parts; each part offers its
    best run. Comments and related stories follow the article and can outweigh it, so the
    first run that carries a fair share of the best run's weight is the article.
    """
    bounds = [-1, *barriers, len(scores)]
    runs = [
        _best_run(scores, low + 1, high)
        for low, high in itertools.pairwise(bounds)
        if high - low > 1
    ]
    runs = [run for run in runs if run[2] >= run[1]]
    if not runs:
        return 0, -1
    best = max(total for total, _, _ in runs)
    for total, start, end in runs:
        if total >= max(FIRST_BLOCK_SHARE * best, min(FIRST_BLOCK_MIN, best)):
            return start, end
    return 0, -1


def clean(doc: Doc) -> Doc:
    """Mark every dropped line of doc.lines with its reason; kept lines form the body."""
    lines = doc.lines
    words = [line_words(line.text) for line in lines]
    prose = [is_prose(line.text, n) for line, n in zip(lines, words, strict=False)]
    for line, n, is_sentence in zip(lines, words, prose, strict=False):
        if line.reason is None:
            line.reason = _line_rule(line, n, is_sentence)
    _caption_pairs(lines)
    _mark_duplicates(lines)

    scores = [
        line_score(line, n, is_sentence)
        for line, n, is_sentence in zip(lines, words, prose, strict=True)
    ]
    barriers = [i for i, score in enumerate(scores) if score <= -SECTION_END_COST]
    start, end = _main_block(scores, barriers)
    for i, line in enumerate(lines):
        if (i < start or i > end) and line.reason is None:
            line.reason = LineReason.outside_article

    run: list[Line] = []
    for line, n, is_sentence in zip(
        lines[start : end + 1], words[start : end + 1], prose[start : end + 1], strict=False
    ):
        if line.reason is None:
            if not is_sentence and n <= SHORT_WORDS and not line.text.startswith(_LIST_MARKS):
                run.append(line)
            else:
                _drop_run(run)
                run = []
    _drop_run(run)
    _mark_teasers(lines)
    doc.meta["block"] = (lines[start].no, lines[end].no) if end >= start else None
    return doc


def _drop_run(run: list[Line]) -> None:
    if len(run) >= SHORT_RUN:
        for line in run:
            line.reason = LineReason.short_run
