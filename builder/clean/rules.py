"""The line rules: each line alone, by its words and cues, before the article is placed."""

from __future__ import annotations

import re

import numpy as np

from builder import linescan
from builder.clean.codes import BOILERPLATE, KEPT
from builder.clean.text import (
    LONG_WORDS,
    PROSE_MIN_WORDS,
    is_name_word,
    is_person_length,
    lists_names,
    names_a_person_first,
    runs_on_as_title,
)
from builder.clean.vocabulary import (
    BYLINE,
    BYLINE_CUES,
    BYLINE_LIST_MAX_WORDS,
    BYLINE_MAX_WORDS,
    BYLINE_OPENING,
    CHROME_CUES,
    CHROME_PHRASES,
    CHROME_WORDS,
    COMMENT_WORDS,
    DENSE_PHRASE_HITS,
    DENSE_PHRASE_MAX_WORDS,
    EMAIL_ADDRESS,
    FIELD_SEPARATOR,
    LABEL_PREFIX,
    LABEL_WORDS,
    META_SEPARATORS,
    PHOTO_CREDIT,
    PHOTO_CUES,
    PHRASE_ALONE_MAX_WORDS,
    PHRASE_MAX_WORDS,
    PHRASE_STARTS,
    SECTION_CUES,
    SECTION_END,
    SELF_REPEAT_HEAD_CHARS,
    SELF_REPEAT_MIN_WORDS,
    STAMP,
    TEASER_MIN_CHARS,
    TOKENS,
)
from builder.doc import LineReason
from builder.linescan import phrase_hash, word_hash


def chrome_hits(text: str, tokens: list[str] | None = None) -> int:
    """Chrome words and phrases in a line ("Share", "Sign up", "© 2016", "12 comments");
    a label that opens it ("Tags:") counts one more in line_rule."""
    if tokens is None:
        tokens = TOKENS.findall(text.lower())
    if CHROME_CUES.isdisjoint(tokens):
        return 0
    hits = 0
    for i, token in enumerate(tokens):
        if token in CHROME_WORDS:
            hits += 1
        elif token in COMMENT_WORDS:
            hits += i > 0 and tokens[i - 1].isdigit()  # "12 comments"
        elif token == "c":
            hits += i + 1 < len(tokens) and tokens[i + 1].isdigit() and "(c)" in text.lower()
        for rest in PHRASE_STARTS.get(token, ()):
            if tuple(tokens[i + 1 : i + 1 + len(rest)]) == rest:
                hits += 1
                break
    return hits


def line_cues(text: str) -> tuple[int, int]:
    """The cue bits (linescan.*_CUE) and the chrome hits (without a label) of a line: what
    the compiled scan computes for every line, written plainly."""
    tokens = TOKENS.findall(text.lower())
    first = tokens[1] if len(tokens) > 1 and tokens[0].isdigit() else (tokens or [""])[0]
    cues = (
        (linescan.PHOTO_CUE if not PHOTO_CUES.isdisjoint(tokens) else 0)
        | (linescan.BYLINE_CUE if tokens and tokens[0] in BYLINE_CUES else 0)
        | (linescan.SECTION_CUE if first in SECTION_CUES else 0)
        | (linescan.LABEL_CUE if tokens and tokens[0] in LABEL_WORDS else 0)
        | (linescan.NUMBER_CUE if tokens and tokens[0].isdigit() else 0)
    )
    return cues, chrome_hits(text, tokens)


def field_separators(text: str) -> int:
    """The separators between spaces on a line, as the compiled scan counts them (fields)."""
    return len(FIELD_SEPARATOR.findall(text))


def _names_then_address(named: list[str]) -> bool:
    """Whether a byline's words are a name, then the writer's address (then anything: the
    outlet, a role)."""
    at = next((k for k, word in enumerate(named) if EMAIL_ADDRESS.search(word)), None)
    if at is None:
        return False
    name = [stripped for word in named[:at] if (stripped := word.strip(",|"))]
    return is_person_length(len(name)) and all(is_name_word(word) for word in name)


def _is_byline(text: str, words: int) -> bool:
    opening = BYLINE_OPENING.match(text)
    if opening is None or words > BYLINE_LIST_MAX_WORDS:
        return False
    named = text[opening.end() :].split()
    if _names_then_address(named):
        return True
    if BYLINE.match(text):
        if words <= BYLINE_MAX_WORDS and not runs_on_as_title(named):
            return True
        if lists_names(named):
            return True
    return names_a_person_first(named)


# A copyright notice opens with its mark and year, however many sentences follow it ("… This
# material may not be published, broadcast, rewritten or redistributed.").
_COPYRIGHT_OPENING = re.compile(r"(?i)^(?:copyright\s*(?:©|\(c\))?|©|\(c\))\s*(?:19|20)\d{2}\b")
# A screen reader's note that a link opens elsewhere: "… opens in a new tab".
_OPENS_ELSEWHERE = re.compile(r"(?i)\bopens? in (?:a )?new (?:tab|window)\)?$")
_NOTE_ENDINGS = ("tab", "tab)", "window", "window)", "Tab", "Tab)", "Window", "Window)")


_RIGHTS_RESERVED = re.compile(r"(?i)\ball rights reserved\b")
# A copyright notice that does not open with its mark is this short at most.
NOTICE_MAX_WORDS = 20


def mark_copyright_notices(texts: list[str], codes: np.ndarray, hits: np.ndarray) -> None:
    """A line the scan found chrome words in (only one of DENSE_PHRASE_MAX_WORDS words or
    fewer has any) is a copyright notice when it opens with the mark and its year, or holds
    the mark, then "All rights reserved", in a few words."""
    for i in np.flatnonzero((hits > 0) & (codes == KEPT)).tolist():
        text = texts[i]
        if text[:1] in "Cc©(" and _COPYRIGHT_OPENING.match(text):
            codes[i] = BOILERPLATE
        elif (
            (mark := text.find("©")) >= 0
            and len(text.split()) <= NOTICE_MAX_WORDS
            and _RIGHTS_RESERVED.search(text, mark)
        ):
            # The mark further in: "Part of HuffPost Politics. ©2023 BuzzFeed, Inc. All rights
            # reserved.", a wire's "™ & © 2013 Cable News Network, Inc. All rights reserved."
            codes[i] = BOILERPLATE


# A line of at least this many separators between spaces, parting fields of this many
# words at most on average, is a menu or a footer ("Privacy | Terms | Ad policy | Careers",
# "International ▪ Politique ▪ Société ▪ …"), however it ends: sentences are not parted so.
MENU_MIN_SEPARATORS = 3
MENU_FIELD_WORDS = 6


def mark_menus(codes: np.ndarray, fields: np.ndarray, words: np.ndarray) -> None:
    """Mark the menus and footers among kept lines, by the scan's count of their fields."""
    menu = fields >= MENU_MIN_SEPARATORS
    menu &= words <= MENU_FIELD_WORDS * (fields + 1)
    codes[menu & (codes == KEPT)] = BOILERPLATE


def mark_link_labels(texts: list[str], codes: np.ndarray, words: np.ndarray) -> None:
    """A short line that ends in a screen reader's note that its link opens elsewhere is the
    link's label: "Allrecipes this link opens in a new tab"."""
    for i in np.flatnonzero((words <= PHRASE_MAX_WORDS) & (codes == KEPT)).tolist():
        if texts[i].endswith(_NOTE_ENDINGS) and _OPENS_ELSEWHERE.search(texts[i]):
            codes[i] = BOILERPLATE


def line_rule(text: str, words: int, is_sentence: bool, cues: int, hits: int) -> LineReason | None:
    """The line rules, in order: a photo credit, a byline, a section header, chrome phrases,
    a metadata line of separated fields with a date. cues and hits are line_cues(text)."""
    if words > DENSE_PHRASE_MAX_WORDS:
        return None
    if cues & linescan.LABEL_CUE and LABEL_PREFIX.match(text):
        if not is_sentence:
            return LineReason.boilerplate  # "Topics: uber, libertarians, sharing economy, …"
        hits += 1
    if not is_sentence and words <= PHRASE_MAX_WORDS:
        if cues & linescan.PHOTO_CUE and PHOTO_CREDIT.search(text):
            return LineReason.photo_credit
        if cues & linescan.BYLINE_CUE and _is_byline(text, words):
            return LineReason.byline
        if cues & linescan.SECTION_CUE and SECTION_END.match(text):
            return LineReason.boilerplate
        if hits >= 2 or (hits == 1 and words <= PHRASE_ALONE_MAX_WORDS):
            return LineReason.boilerplate
    has_separator = "|" in text or "•" in text or "·" in text
    if has_separator and len(META_SEPARATORS.findall(text)) > 1 and STAMP.search(text):
        return LineReason.date_line  # "Le Monde | 04.05.2015 à 13h36 • Mis à jour … | Par …"
    if hits >= DENSE_PHRASE_HITS:
        return LineReason.boilerplate
    return None


_CUES = linescan.cue_table(
    {
        linescan.CHROME: {word_hash(w) for w in CHROME_WORDS},
        linescan.COMMENT: {word_hash(w) for w in COMMENT_WORDS},
        linescan.LETTER_C: {word_hash("c")},
        linescan.PHRASE: {phrase_hash(phrase) for phrase in CHROME_PHRASES},
        linescan.PHRASE_START: {word_hash(phrase[0]) for phrase in CHROME_PHRASES},
        linescan.PHRASE_OPEN: {
            phrase_hash(phrase[:end]) for phrase in CHROME_PHRASES for end in range(2, len(phrase))
        },
        linescan.PHOTO: {word_hash(w) for w in PHOTO_CUES},
        linescan.BYLINE: {word_hash(w) for w in BYLINE_CUES},
        linescan.SECTION: {word_hash(w) for w in SECTION_CUES},
        linescan.LABEL: {word_hash(w) for w in LABEL_WORDS},
    }
)
_RULE_LIMITS = linescan.RuleLimits(
    max_rule_words=DENSE_PHRASE_MAX_WORDS,
    phrase_max_words=PHRASE_MAX_WORDS,
    byline_max_words=BYLINE_LIST_MAX_WORDS,
    alone_max_words=PHRASE_ALONE_MAX_WORDS,
    dense_hits=DENSE_PHRASE_HITS,
    prose_min_words=PROSE_MIN_WORDS,
    long_words=LONG_WORDS,
    head_chars=TEASER_MIN_CHARS,
    echo_bytes=SELF_REPEAT_HEAD_CHARS,
    echo_min_words=2 * SELF_REPEAT_MIN_WORDS,
)


def scan_lines(texts: list[str]) -> linescan.LineScan:
    """The compiled per-line features the stage works from (see builder.linescan)."""
    return linescan.scan(texts, _CUES, _RULE_LIMITS)
