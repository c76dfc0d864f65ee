"""Clean stage: keep the article's lines, drop the page chrome, and say why for each drop.

The method works on text alone, in three general steps:

1. **Line rules.** Short lines made of chrome vocabulary (share, subscribe, sign in, cookie,
   advertisement, ©…), photo credits, bylines and date-only lines are dropped with their
   reason; a line repeated inside the document is kept once.
2. **Main block.** Each remaining line scores by how much it looks like prose (a sentence of
   several words that ends in terminal punctuation) against how much it looks like chrome
   (short fragments). The article is the contiguous run with the highest total score (a
   maximum-subarray search, the text analogue of Finn et al.'s Body Text Extraction); every
   line outside that run is ``outside_article``.
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
SHORT_WORDS = 8
# A prose line has at least this many words and ends like a sentence.
PROSE_MIN_WORDS = 8
# Lines this long count as prose whatever their last character.
LONG_WORDS = 25
# Score of a non-prose line inside the main-block search: chrome costs, prose pays.
CHROME_COST = 4.0
# Chrome phrases decide alone only on short lines: a long sentence that says "subscribe" is prose.
PHRASE_MAX_WORDS = 12
# Longer lines are chrome only when packed with chrome phrases (footer sentences).
DENSE_PHRASE_MAX_WORDS = 30
DENSE_PHRASE_HITS = 3
# A run of at least this many consecutive short non-sentence lines is a list of links.
SHORT_RUN = 3

_TERMINAL = tuple(".!?。！？…")
_CLOSERS = "\"'”’»)]"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")

BOILERPLATE = re.compile(
    r"""(?ix)
    \b(?:share|tweet|pin\ it|whatsapp|e-?mail\ this|print|subscribe|subscription|newsletter|
    mailing\ list|sign[\ -]?(?:up|in|out)|log[\ -]?(?:in|out)|register|my\ account|
    cookies?|advertisement|advertising|sponsored|promoted|ad\ choices|report\ this\ ad|
    all\ rights\ reserved|copyright|privacy\ policy|terms\ of\ (?:use|service)|
    skip\ to|jump\ to|back\ to\ top|accessibility|main\ menu|navigation|breaking\ news|
    read\ more|see\ more|load\ more|show\ more|view\ comments|comments?\ count|
    \d+\ comments?|leave\ a\ (?:comment|reply)|follow\ us|like\ us|download\ the\ app|
    related\ (?:stories|articles|posts|content|coverage)|most\ (?:popular|read|viewed|shared)|
    trending|you\ may\ also\ like|recommended|more\ from|more\ stories|join\ now|
    click\ here|loading|enable\ javascript|watch\ (?:video|live)|listen|
    facebook|twitter|instagram|linkedin|pinterest|youtube|reddit|rss|
    careers?|contact\ us|about\ us|site\ ?map|help\ center)\b
    |©|\(c\)\ \d{4}
    """
)
PHOTO_CREDIT = re.compile(
    r"""(?ix)
    ^(?:photo|image|picture|foto|credit|illustration|video|graphic)s?\s*(?:credit)?\s*[:|]
    |\b(?:getty\ images|shutterstock|associated\ press\ photo|ap\ photo|afp\ photo|
    reuters/|/reuters|/afp|/ap\b|epa/|image\ copyright|image\ caption|photograph:|
    \(photo|\[photo|file\ photo|istock)
    """
)
BYLINE = re.compile(
    r"^(?:by|par|von|por|di|door|av|przez|от|автор)\s*:?\s+[\w.'’-]+(?:\s+[\w.'’-]+){0,5}"
    r"(?:\s*(?:,|and|&|/|\|)\s*[\w.'’-]+(?:\s+[\w.'’-]+){0,4})*$",
    re.IGNORECASE,
)


def word_count(text: str) -> int:
    """Words in a line; scripts written without spaces count two characters as a word."""
    words = len(text.split())
    if text.isascii():
        return words
    cjk = len(_CJK.findall(text))
    return words + cjk // 2 if cjk else words


def is_prose(text: str, words: int) -> bool:
    if words >= LONG_WORDS:
        return True
    return words >= PROSE_MIN_WORDS and text.rstrip(_CLOSERS).endswith(_TERMINAL)


def _line_rule(line: Line, words: int, is_sentence: bool) -> LineReason | None:
    text = line.text
    if words <= PHRASE_MAX_WORDS and not is_sentence:
        if PHOTO_CREDIT.search(text):
            return LineReason.photo_credit
        if BYLINE.match(text) and words <= 8:
            return LineReason.byline
        if BOILERPLATE.search(text):
            return LineReason.boilerplate
    if words <= DENSE_PHRASE_MAX_WORDS and len(BOILERPLATE.findall(text)) >= DENSE_PHRASE_HITS:
        return LineReason.boilerplate
    return None


def _normalised(text: str) -> str:
    return " ".join(text.casefold().split())


def _mark_duplicates(lines: list[Line]) -> None:
    """Keep the first copy of a repeated line; a line shown twice in a row is a caption."""
    seen: set[str] = set()
    previous = None
    for line in lines:
        key = _normalised(line.text)
        if (key == previous and line.reason is None) or (key in seen and line.reason is None):
            line.reason = LineReason.duplicate
        seen.add(key)
        previous = key


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


def _main_block(scores: list[float]) -> tuple[int, int]:
    """Indices [start, end] of the maximum-sum contiguous run (Kadane)."""
    best, best_span = float("-inf"), (0, -1)
    running, start = 0.0, 0
    for i, score in enumerate(scores):
        if running <= 0:
            running, start = score, i
        else:
            running += score
        if running > best:
            best, best_span = running, (start, i)
    return best_span


def clean(doc: Doc) -> Doc:
    """Mark every dropped line of doc.lines with its reason; kept lines form the body."""
    lines = doc.lines
    words = [word_count(line.text) for line in lines]
    prose = [is_prose(line.text, n) for line, n in zip(lines, words, strict=False)]
    for line, n, is_sentence in zip(lines, words, prose, strict=False):
        if line.reason is None:
            line.reason = _line_rule(line, n, is_sentence)
    _caption_pairs(lines)
    _mark_duplicates(lines)

    scores = []
    for line, n, is_sentence in zip(lines, words, prose, strict=False):
        if line.reason is not None:
            scores.append(-CHROME_COST if line.reason is LineReason.boilerplate else 0.0)
        elif is_sentence:
            scores.append(float(n))
        else:
            scores.append(-CHROME_COST)
    start, end = _main_block(scores)
    for i, line in enumerate(lines):
        if (i < start or i > end) and line.reason is None:
            line.reason = LineReason.outside_article

    run: list[Line] = []
    for line, n, is_sentence in zip(
        lines[start : end + 1], words[start : end + 1], prose[start : end + 1], strict=False
    ):
        if line.reason is None:
            if not is_sentence and n <= SHORT_WORDS:
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
