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

import numpy as np

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
# A kept line this long that opens a longer kept line is its teaser.
TEASER_MIN_CHARS = 40
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


# Line features are computed for the whole page at once, on its UTF-8 bytes with NumPy: a
# Python loop over every line was the cleaning stage's main cost. The byte view folds ASCII
# letters to lower case and turns every other ASCII byte but the newline into a space, so on
# an ASCII line its runs of non-space bytes are exactly its tokens. Tokens are compared as
# 64-bit polynomial hashes against the cue words; a hash collision can only send a line to
# the full rules for nothing. Lines with non-ASCII characters always get the full rules.
_TOKEN_BYTES = bytes(
    b + 32 if 65 <= b <= 90 else b if b == 10 or b >= 128 or chr(b).isalnum() else 32
    for b in range(256)
)
_HASH_BASE = 0x100000001B3  # odd, so invertible modulo 2**64
_PAIR_BASE = 0x9E3779B97F4A7C15
# Short tokens hash to small numbers; this odd multiplier spreads them over the top bits.
_MIX = 0xFF51AFD7ED558CCD
_MASK64 = (1 << 64) - 1


def _word_hash(word: str) -> int:
    return sum(byte * pow(_HASH_BASE, i, 1 << 64) for i, byte in enumerate(word.encode())) & _MASK64


def _pair_hash(first: str, second: str) -> int:
    return (_word_hash(first) * _PAIR_BASE + _word_hash(second)) & _MASK64


_SEPARATOR_MARKS = "‘’‚“”„«»‹›–—…\u00a0"
_powers_cache: list[np.ndarray] = []
# Cue tables are indexed by a hash's top bits: one lookup per token, and a false hit
# only sends a line through the full rules.
_TABLE_BITS = 20


def _bit_table(hashes: set[int]) -> np.ndarray:
    table = np.zeros(1 << _TABLE_BITS, dtype=bool)
    table[[(value * _MIX & _MASK64) >> (64 - _TABLE_BITS) for value in hashes]] = True
    return table


_ANYWHERE_TABLE = _bit_table(
    {_word_hash(w) for w in CHROME_WORDS | _COMMENT_WORDS | _PHOTO_CUES | {"c"}}
)
# Cues that count only as a line's first token (or right after a number: "12 comments").
_LABEL_WORDS = frozenset(["topics", "tags", "filed", "categories", "keywords"])
_FIRST_TABLE = _bit_table({_word_hash(w) for w in _BYLINE_CUES | _SECTION_CUES | _LABEL_WORDS})
# A chrome phrase cannot be on a line without its first two words side by side.
_PHRASE_PAIR_TABLE = _bit_table({_pair_hash(phrase[0], phrase[1]) for phrase in CHROME_PHRASES})
_TOP_BITS = np.uint64(64 - _TABLE_BITS)


def _powers(size: int) -> tuple[np.ndarray, np.ndarray]:
    """HASH_BASE**i and its inverse for i < size, modulo 2**64, grown on demand."""
    if not _powers_cache or len(_powers_cache[0]) < size:
        size = max(size, 1 << 16, 2 * len(_powers_cache[0]) if _powers_cache else 0)
        base = np.full(size, _HASH_BASE, dtype=np.uint64)
        base[0] = 1
        inverse = np.full(size, pow(_HASH_BASE, -1, 1 << 64), dtype=np.uint64)
        inverse[0] = 1
        _powers_cache[:] = [np.cumprod(base, dtype=np.uint64), np.cumprod(inverse, dtype=np.uint64)]
    return _powers_cache[0], _powers_cache[1]


def _slots(hashes: np.ndarray) -> np.ndarray:
    """Where each hash falls in a bit table (the same mixing as _bit_table)."""
    return (hashes * np.uint64(_MIX)) >> _TOP_BITS


def line_features(texts: list[str]) -> tuple[list[int], list[bool], list[bool]]:
    """Per line: its words (``line_words``), whether a line rule can drop it, and whether it
    is short (at most ``DENSE_PHRASE_MAX_WORDS`` words) and may hold a digit.

    A line rule can only drop a short line with non-ASCII characters, a '|' separator, a cue
    word, a cue as its first token, or the first two words of a chrome phrase; any other line
    keeps None from the rules. Long lines are most of a page's bytes and need no more.
    """
    count = len(texts)
    needs_rules = [False] * count
    has_digit = [False] * count
    if not count:
        return [], needs_rules, has_digit
    data = np.frombuffer("\n".join(texts).encode(), dtype=np.uint8)
    line_starts = np.concatenate(([0], np.flatnonzero(data == 10) + 1))
    spaces = np.add.reduceat(data == 32, line_starts, dtype=np.intp)
    words = (spaces + 1).tolist()
    # Lead bytes of U+3040..U+D7FF and U+F900..U+FAFF: lines that may hold CJK characters.
    cjk_leads = (data >= 0xE3) & (data != 0xEE) & (data <= 0xEF)
    for i in np.flatnonzero(np.add.reduceat(cjk_leads, line_starts)).tolist():
        words[i] = line_words(texts[i])
    short = np.flatnonzero(np.array(words) <= DENSE_PHRASE_MAX_WORDS).tolist()
    if not short:
        return words, needs_rules, has_digit
    page = "\n".join([texts[i] for i in short])
    data = np.frombuffer(page.encode(), dtype=np.uint8)
    has_pipe = np.add.reduceat(data == 124, np.concatenate(([0], np.flatnonzero(data == 10) + 1)))

    # Quotes and dashes are word separators for the tokeniser too; with them spaced out, a
    # line of English with curly quotes is as plain as an ASCII one. Lines with any other
    # non-ASCII character (letters, '©', '•') keep the full rules.
    for mark in _SEPARATOR_MARKS:
        page = page.replace(mark, " ")
    folded = np.frombuffer(page.encode().translate(_TOKEN_BYTES), dtype=np.uint8)
    newlines = np.flatnonzero(folded == 10)
    line_starts = np.concatenate(([0], newlines + 1))

    def lines_with(byte_mask: np.ndarray) -> np.ndarray:
        return np.add.reduceat(byte_mask, line_starts) > 0

    wide = lines_with(folded >= 0x80)
    digit = lines_with((folded >= 48) & (folded <= 57)) | wide  # \d is Unicode-wide

    in_token = np.zeros(len(folded) + 2, dtype=bool)
    in_token[1:-1] = (folded != 32) & (folded != 10)
    starts = np.flatnonzero(in_token[1:] & ~in_token[:-1])
    ends = np.flatnonzero(in_token[:-1] & ~in_token[1:])
    powers, inverses = _powers(len(folded) + 1)
    prefix = np.zeros(len(folded) + 1, dtype=np.uint64)
    np.cumsum(folded * powers[: len(folded)], dtype=np.uint64, out=prefix[1:])
    hashes = (prefix[ends] - prefix[starts]) * inverses[starts]
    token_line = np.searchsorted(newlines, starts)
    first = np.ones(len(starts), dtype=bool)
    first[1:] = token_line[1:] != token_line[:-1]
    slots = _slots(hashes)
    cue = _ANYWHERE_TABLE[slots] | (first & _FIRST_TABLE[slots])
    pairs = hashes[:-1] * np.uint64(_PAIR_BASE) + hashes[1:]
    numbered = first[:-1] & (folded[starts[:-1]] <= 57) & _FIRST_TABLE[slots[1:]]
    cue[:-1] |= ~first[1:] & (numbered | _PHRASE_PAIR_TABLE[_slots(pairs)])
    candidate = wide | (has_pipe > 0)
    candidate[token_line[cue]] = True
    for position in np.flatnonzero(candidate).tolist():
        needs_rules[short[position]] = True
    for position in np.flatnonzero(digit).tolist():
        has_digit[short[position]] = True
    return words, needs_rules, has_digit


def _normalised(text: str) -> str:
    # casefold equals lower on ASCII, where lower is many times faster
    return text.lower() if text.isascii() else text.casefold()


def _mark_duplicates(lines: list[Line], keys: list[str]) -> None:
    """Keep the first copy of a repeated line."""
    if len(set(keys)) == len(keys):
        return
    _caption_pairs(lines)
    seen: set[str] = set()
    for line, key in zip(lines, keys, strict=True):
        if key in seen and line.reason is None:
            line.reason = LineReason.duplicate
        seen.add(key)


def _mark_teasers(lines: list[Line], keys: list[str]) -> None:
    """A kept line that opens a longer kept line is a teaser or summary of it: drop it."""
    # Only a long key can be a teaser, and the keys that start with it sort right after it.
    kept = sorted(
        (key, line)
        for key, line in zip(keys, lines, strict=True)
        if line.reason is None and len(key) >= TEASER_MIN_CHARS
    )
    for (key, line), (next_key, _) in itertools.pairwise(kept):
        if next_key.startswith(key):
            line.reason = LineReason.duplicate


def _caption_pairs(lines: list[Line]) -> None:
    """An image's alt text and caption render as the same line twice in a row: both go."""
    for first, second in itertools.pairwise(lines):
        if first.no + 1 == second.no and first.text == second.text:
            for line in (first, second):
                if line.reason in (None, LineReason.duplicate):
                    line.reason = LineReason.photo_credit


def line_scores(
    lines: list[Line], words: list[int], prose: list[bool], has_digit: list[bool]
) -> list[float]:
    """Evidence that each line belongs to the article: positive for prose, negative for chrome.

    Length carries most of it: fragments below ``NEUTRAL_WORDS`` cost, longer lines pay in
    proportion, and a sentence ending pays a bonus. A long line without sentence punctuation
    is a word list. A fragment carrying a date or a clock time is a teaser. Lines already
    recognised as metadata are neutral so that they neither break nor extend the article;
    chrome costs, and a header of what follows an article all but ends it.
    """
    counts = np.array(words, dtype=np.float64)
    is_sentence = np.array(prose, dtype=bool)
    scores_array = np.where(
        is_sentence,
        counts - NEUTRAL_WORDS + SENTENCE_BONUS,
        np.where(counts >= LONG_WORDS, -BOILERPLATE_COST, counts - NEUTRAL_WORDS),
    )
    scores = scores_array.tolist()
    for i, line in enumerate(lines):
        reason = line.reason
        if reason is None:
            if has_digit[i] and not prose[i] and words[i] < LONG_WORDS and _STAMP.search(line.text):
                scores[i] -= STAMP_COST
        elif reason is LineReason.boilerplate:
            section_end = words[i] <= PHRASE_MAX_WORDS and SECTION_END.match(line.text)
            scores[i] = -SECTION_END_COST if section_end else -BOILERPLATE_COST
        elif reason is LineReason.template:
            scores[i] = -BOILERPLATE_COST
        else:
            scores[i] = 0.0
    return scores


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
    texts = [line.text for line in lines]
    words, needs_rules, has_digit = line_features(texts)
    prose = [
        n >= PROSE_MIN_WORDS and is_prose(text, n) for text, n in zip(texts, words, strict=True)
    ]
    for i in itertools.compress(range(len(lines)), needs_rules):
        if lines[i].reason is None:
            lines[i].reason = _line_rule(lines[i], words[i], prose[i])
    # casefold maps character by character, so folding the page folds each line
    keys = _normalised("\n".join(texts)).split("\n")
    _mark_duplicates(lines, keys)

    scores = line_scores(lines, words, prose, has_digit)
    barriers = [i for i, score in enumerate(scores) if score <= -SECTION_END_COST]
    start, end = _main_block(scores, barriers)
    for i, line in enumerate(lines):
        if (i < start or i > end) and line.reason is None:
            line.reason = LineReason.outside_article

    run: list[Line] = []
    for i in range(start, end + 1):
        line = lines[i]
        if line.reason is None:
            if not prose[i] and words[i] <= SHORT_WORDS and not texts[i].startswith(_LIST_MARKS):
                run.append(line)
            else:
                _drop_run(run)
                run = []
    _drop_run(run)
    _mark_teasers(lines, keys)
    doc.meta["block"] = (lines[start].no, lines[end].no) if end >= start else None
    return doc


def _drop_run(run: list[Line]) -> None:
    if len(run) >= SHORT_RUN:
        for line in run:
            line.reason = LineReason.short_run
