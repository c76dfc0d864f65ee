"""Per-line features of a page, found by compiled passes over its UTF-8 bytes.

The clean stage needs, for every line, its word count, whether it reads as prose, a key to
find repeated lines, and what its line rules would make of it. Python loops (or chains of
NumPy operations) over a page's ~200 lines were the stage's main cost, so these come from
loops compiled with Numba: one over every character, and one over the tokens of the lines
short enough for a rule. The tokens are those of the rules' own tokeniser (runs of
letters and digits of the lower-cased line, and '©'), hashed as 64-bit polynomials and
looked up in a small table of cue words. The scan decides the chrome-phrase rule itself and
sends a line to the pattern rules only when one of their cue words is on it; lines with
characters outside its tables always go to the rules.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

import numpy as np

from builder.jit import compiled

_HASH_BASE = 0x100000001B3  # odd, so every power is invertible modulo 2**64
_PAIR_BASE = 0x9E3779B97F4A7C15
_MIX = 0xFF51AFD7ED558CCD
_MASK64 = (1 << 64) - 1

# Bits of a cue table entry.
CHROME = 1  # a chrome word: one hit ("share", "©")
COMMENT = 2  # one hit after a number ("12 comments")
LETTER_C = 4  # "c": one hit before a number when the line says "(c)"
PHRASE = 8  # a chrome phrase ("sign up"; keyed by phrase_hash): one hit
PHOTO = 16  # a photo-credit cue anywhere
BYLINE = 32  # a byline's first word
SECTION = 64  # the first word of a section header ("Related stories")
LABEL = 128  # the first word of a label line ("Tags:")
PHRASE_START = 256  # a word that opens a chrome phrase ("sign")
PHRASE_OPEN = 512  # two or three words that open a longer chrome phrase ("you may")

UNSURE = 1  # a head key meaning "not known"
# The case-folded code points of "cookie", followed through each line (no prefix of it
# recurs inside it, so a mismatch restarts at its first letter or at nothing).
_COOKIE = np.array([ord(ch) for ch in "cookie"], dtype=np.int32)

# What a line's tokens call for (LineScan.cues).
PHOTO_CUE = 1  # a photo-credit word
BYLINE_CUE = 2  # opens with a byline word
SECTION_CUE = 4  # opens with a section header's first word (after a number, maybe)
LABEL_CUE = 8  # opens with a label word
UNSURE_CUE = 16  # characters outside the scan's tables: tokenise the line as text
NUMBER_CUE = 32  # opens with a number ("3/50 …", "1 of 24")

# Code points: a table per Basic Multilingual Plane character.
_BMP = 0x10000
_COPYRIGHT = 0xA9
_UNDERSCORE = 0x5F
# The character sets of clean's plain-text rules (is_prose, line_words), shared with them.
CLOSERS = "\"'”’»)]"  # closing quotes and brackets, looked past for a sentence's end
# Ends a sentence; with the full stops of Arabic, Urdu, Devanagari and Bengali (danda),
# Myanmar, Ethiopic and Armenian.
TERMINAL = ".!?。！？…؟۔।॥။።։"
# Shows that a long line is sentences, not a word list (with the Arabic and Myanmar commas).
SENTENCE_PUNCT = ".,;!?。、，；！？،؛၊" + "؟۔।॥။።։"
LIST_MARKS = "+*-•·–—"  # opens a list item
CJK_RANGES = ((0x3040, 0x30FF), (0x3400, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF))
_SEPARATORS = "|•·"
# A line with this share of its words capitalised is in title case (a name list, a menu).
TITLE_CASE_SHARE = 0.6
FIELD_SEPARATORS = "|•·▪"  # between spaces, they part the fields of a menu or a footer

# Character classes, one uint16 per BMP code point.
IS_WORD = 1  # a letter or digit: part of a token
IS_DECIMAL = 2  # \d
IS_CJK = 4  # counts half a word
IS_CLOSER = 8  # a closing quote or bracket, skipped when looking for the sentence end
IS_TERMINAL = 16  # ends a sentence
IS_SENTENCE_PUNCT = 32  # shows that a long line is sentences, not a word list
IS_SEPARATOR = 64  # '|', '•', '·': separators of a metadata line
IS_LIST_MARK = 128  # a line opening with it is a list item
IS_DIGIT = 256  # str.isdigit: a token of these is a number
IS_FIELD_SEPARATOR = 512  # FIELD_SEPARATORS
IS_UPPER = 1024  # an upper or title case letter: a capitalised word opens with it


def word_hash(word: str) -> int:
    """The 64-bit polynomial hash of word's UTF-8 bytes, as the scan computes it (Horner)."""
    value = 0
    for byte in word.encode():
        value = (value * _HASH_BASE + byte) & _MASK64
    return value


def phrase_hash(words: tuple[str, ...]) -> int:
    """The hash of a phrase of two or more words, as the scan computes it."""
    value = word_hash(words[0])
    for word in words[1:]:
        value = (value * _PAIR_BASE + word_hash(word)) & _MASK64
    return value


class CueTable(NamedTuple):
    """Cue bits by token hash: an open-addressing table small enough to stay in the CPU cache
    (a lookup per token; a table indexed by hash bits alone is too large for that)."""

    hashes: np.ndarray  # uint64, 0 for an empty slot
    bits: np.ndarray  # uint16


def cue_table(cues: dict[int, set[int]]) -> CueTable:
    """A table of cue bits: cues maps a bit to the hashes that carry it."""
    merged: dict[int, int] = {}
    for bit, hashes in cues.items():
        for value in hashes:
            merged[value] = merged.get(value, 0) | bit
    size = 1 << max(4, (4 * len(merged)).bit_length())  # at most a quarter full
    table = CueTable(np.zeros(size, dtype=np.uint64), np.zeros(size, dtype=np.uint16))
    for value, bits in sorted(merged.items()):
        at = _home(value, size)
        while table.hashes[at]:
            at = (at + 1) % size
        table.hashes[at], table.bits[at] = value, bits
    return table


def _home(value: int, size: int) -> int:
    # Short tokens hash to small numbers; an odd multiplier spreads them over the top bits.
    return ((value * _MIX & _MASK64) >> 32) & (size - 1)


@compiled(inline="always")
def _lookup(hashes, bits, value):
    mask = np.uint64(len(hashes) - 1)
    at = ((value * np.uint64(_MIX)) >> np.uint64(32)) & mask
    while hashes[at] != 0:
        if hashes[at] == value:
            return bits[at]
        at = (at + np.uint64(1)) & mask
    return np.uint16(0)


@functools.cache
def character_tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Classes (IS_* bits), lower case and case fold of every BMP code point."""
    chars = [chr(cp) for cp in range(_BMP)]
    classes = np.zeros(_BMP, dtype=np.uint16)
    classes[np.array(list(map(str.isalnum, chars)))] |= IS_WORD
    classes[np.array(list(map(str.isdecimal, chars)))] |= IS_DECIMAL
    classes[np.array(list(map(str.isdigit, chars)))] |= IS_DIGIT
    classes[np.array([char.isupper() or char.istitle() for char in chars])] |= IS_UPPER
    for low, high in CJK_RANGES:
        classes[low : high + 1] |= IS_CJK
    for marks, bit in (
        (CLOSERS, IS_CLOSER),
        (TERMINAL, IS_TERMINAL),
        (SENTENCE_PUNCT, IS_SENTENCE_PUNCT),
        (_SEPARATORS, IS_SEPARATOR),
        (LIST_MARKS, IS_LIST_MARK),
        (FIELD_SEPARATORS, IS_FIELD_SEPARATOR),
    ):
        classes[[ord(mark) for mark in marks]] |= bit
    # Lower case as str.lower() and str.casefold() give it, -1 where the result is not one
    # character ('İ' → 'i̇', 'ß' → 'ss').
    lower = np.arange(_BMP, dtype=np.int32)
    fold = np.arange(_BMP, dtype=np.int32)
    for cp, char in enumerate(chars):
        if char.isupper() or char.istitle() or not char.isascii():
            lowered, folded = char.lower(), char.casefold()
            lower[cp] = ord(lowered) if len(lowered) == 1 else -1
            fold[cp] = ord(folded) if len(folded) == 1 else -1
    return classes, lower, fold


@compiled(cache=True, nogil=True)
def _scan(data, classes, lower, fold, cue_hashes, cue_bits, max_rule_words,
          phrase_max_words, byline_max_words, alone_max_words, dense_hits, prose_min_words,
          long_words, head_chars, echo_bytes, echo_min_words):  # fmt: skip
    lines = 1
    for byte in data:
        lines += byte == 10
    words = np.zeros(lines, dtype=np.int32)
    prose = np.zeros(lines, dtype=np.bool_)
    chrome = np.zeros(lines, dtype=np.bool_)
    line_hits = np.zeros(lines, dtype=np.int32)
    line_cues = np.zeros(lines, dtype=np.uint8)
    needs_rules = np.zeros(lines, dtype=np.bool_)
    stamps = np.zeros(lines, dtype=np.bool_)
    list_mark = np.zeros(lines, dtype=np.int32)
    opens_tag = np.zeros(lines, dtype=np.bool_)
    mentions_cookie = np.zeros(lines, dtype=np.bool_)
    fields = np.zeros(lines, dtype=np.int32)
    keys = np.zeros(lines, dtype=np.uint64)
    heads = np.zeros(lines, dtype=np.uint64)
    echoes = np.zeros(lines, dtype=np.bool_)
    ellipsis = np.zeros(lines, dtype=np.bool_)
    end = -1
    for line in range(lines):
        start = end + 1
        (
            end, spaces, cjk, separators, non_ascii, digit, sentence_end, unsure, key, head, first,
            cookie, spaced_separators, echo, has_ellipsis, capitals,
        ) = _characters(data, start, classes, fold, head_chars, echo_bytes)  # fmt: skip
        mentions_cookie[line] = cookie
        fields[line] = spaced_separators
        count = spaces + 1 + (cjk // 2 if non_ascii else 0)
        words[line] = count
        keys[line] = key
        heads[line] = head
        echoes[line] = echo and count >= echo_min_words
        ellipsis[line] = has_ellipsis
        if 0 <= first < _BMP and (classes[first] & IS_LIST_MARK) != 0:
            list_mark[line] = first
        opens_tag[line] = first == 60  # '<'
        # A long line is sentences when it holds sentence punctuation, unless it is a list of
        # capitalised names that does not end with a full stop (a menu: "Best of the Web …").
        title_case = spaces + 1 >= long_words and capitals >= TITLE_CASE_SHARE * (spaces + 1)
        is_prose = count >= prose_min_words and (
            sentence_end & 2 != 0 and (sentence_end & 5 == 1 or not title_case)
            if count >= long_words
            else sentence_end & 1 != 0
        )
        prose[line] = is_prose
        if count > max_rule_words:
            continue
        hits, cues, stamp = _tokens(data, start, end, classes, lower, cue_hashes, cue_bits)
        if unsure:
            cues |= UNSURE_CUE
        stamps[line] = stamp
        line_hits[line] = hits
        line_cues[line] = cues
        # The clean stage's line rules, in their order: what needs a pattern goes to them.
        short_fragment = not is_prose and count <= phrase_max_words
        if (
            cues & (UNSURE_CUE | LABEL_CUE)
            or (separators >= 2 and digit)
            or (
                short_fragment
                and (
                    cues & (PHOTO_CUE | SECTION_CUE)
                    or (cues & BYLINE_CUE and count <= byline_max_words)
                )
            )
        ):
            needs_rules[line] = True
        elif short_fragment:
            chrome[line] = hits >= 2 or (hits == 1 and count <= alone_max_words)
        else:
            chrome[line] = hits >= dense_hits
    return (
        words,
        prose,
        chrome,
        needs_rules,
        line_hits,
        line_cues,
        stamps,
        list_mark,
        opens_tag,
        mentions_cookie,
        fields,
        keys,
        heads,
        echoes,
        ellipsis,
    )


@compiled(inline="always")
def _decode(data, position):
    """The code point at data[position] and the position after it."""
    byte = data[position]
    if byte < 0x80:
        return int(byte), position + 1
    if byte < 0xE0:
        return (int(byte & 0x1F) << 6) | int(data[position + 1] & 0x3F), position + 2
    if byte < 0xF0:
        return (
            (int(byte & 0x0F) << 12)
            | (int(data[position + 1] & 0x3F) << 6)
            | int(data[position + 2] & 0x3F)
        ), position + 3
    return (
        (int(byte & 0x07) << 18)
        | (int(data[position + 1] & 0x3F) << 12)
        | (int(data[position + 2] & 0x3F) << 6)
        | int(data[position + 3] & 0x3F)
    ), position + 4


@compiled(cache=True, nogil=True)
def _characters(data, start, classes, fold, head_chars, echo_bytes):
    """Where the line that starts at data[start] ends (its newline, or the data's end), and
    facts about its characters."""
    base = np.uint64(_HASH_BASE)
    size = len(data)
    spaces = cjk = separators = spaced_separators = chars = capitals = 0
    before_last = last = 0  # the two code points before this one
    non_ascii = digit = sentence_punct = unsure = head_unsure = False
    last_open = first = -1
    key = head = np.uint64(0)
    matched = 0  # characters of "cookie" matched so far, case folded
    cookie = False
    echo = has_ellipsis = False
    position = start
    while position < size and data[position] != 10:
        at = position
        cp, position = _decode(data, position)
        # The line's first echo_bytes bytes again at a word's start, compared ahead of the
        # scan: a copy that would run past the line meets its newline, where the opening has
        # one of the line's own characters, and so does not match.
        if last == 32 and not echo and data[at] == data[start] and at + echo_bytes <= size:
            echo = _same_bytes(data, start, at, echo_bytes)
        if cp == 0x2026 or (cp == 46 and last == 46 and before_last == 46):
            has_ellipsis = True
        spaces += cp == 32
        if first < 0:
            first = cp
        kind = 0
        if cp >= 0x80:
            non_ascii = True
            if cp < _BMP:
                kind = classes[cp]
            else:
                unsure = True  # outside the tables: the rules decide
        else:
            kind = classes[cp]
        if kind & IS_DECIMAL:
            digit = True
        if kind & IS_UPPER and (at == start or last == 32):
            capitals += 1
        if cp == 32 and before_last == 32 and last < _BMP and classes[last] & IS_FIELD_SEPARATOR:
            spaced_separators += 1
        before_last, last = last, cp
        if kind & (IS_CJK | IS_SENTENCE_PUNCT | IS_SEPARATOR):
            cjk += (kind & IS_CJK) != 0
            sentence_punct |= (kind & IS_SENTENCE_PUNCT) != 0
            separators += (kind & IS_SEPARATOR) != 0
        if not kind & IS_CLOSER:
            last_open = cp
        folded = fold[cp] if cp < _BMP else cp
        if folded < 0:
            head_unsure = True
            folded = cp
        key = key * base + np.uint64(folded + 1)
        if not cookie:
            if folded == _COOKIE[matched]:
                matched += 1
                cookie = matched == len(_COOKIE)
            else:
                matched = 1 if folded == _COOKIE[0] else 0
        chars += 1
        if chars == head_chars:
            head = key
    if head_unsure and chars >= head_chars:
        head = np.uint64(UNSURE)
    terminal = 0 <= last_open < _BMP and (classes[last_open] & IS_TERMINAL) != 0
    # Bit 4: the line ends with an exclamation or a question ("Don't Panic! Lighten Up!").
    exclaims = last_open in (33, 63, 0xFF01, 0xFF1F)
    sentence_end = (1 if terminal else 0) | (2 if sentence_punct else 0) | (4 if exclaims else 0)
    end = position
    return (
        end, spaces, cjk, separators, non_ascii, digit, sentence_end, unsure, key, head, first,
        cookie, spaced_separators, echo, has_ellipsis, capitals,
    )  # fmt: skip


@compiled(inline="always")
def _same_bytes(data, first, second, width):
    k = 0
    while k < width and data[first + k] == data[second + k]:
        k += 1
    return k == width


@compiled(cache=True, nogil=True)
def _tokens(data, start, end, classes, lower, cue_hashes, cue_bits):
    """Chrome hits, *_CUE bits and whether a date or a clock time is on the line
    data[start:end], from its tokens."""
    base = np.uint64(_HASH_BASE)
    pair_base = np.uint64(_PAIR_BASE)
    hits = c_hits = tokens = 0
    cues = 0
    first_numbered = paren_c = previous_c = previous_digits = False
    two_back = one_back = -1  # the two code points before this one
    token = gram = np.uint64(0)
    open_bits = 0  # the cue bits of the previous word, or of the open phrase it ends
    in_token = False
    token_digits = True
    # A date or clock time, as clean.vocabulary.STAMP finds it: "10:30", "15/01/2013",
    # "2013", each a run of digits between word boundaries ('_' is a word character that
    # tokens leave out).
    stamp = False
    token_decimal = False
    token_length = token_first = token_second = 0
    token_after_underscore = previous_underscore = False
    gap = gap_char = 0  # characters since the last token ended, and the last of them
    # The last token is one or two digits after a word boundary; the last two are such a
    # token, '/' or '.', and one or two digits.
    short_number = number_two_back = False
    position = start
    while True:
        # The line's end acts as a final separator (-1).
        cp = -1
        kind = 0
        if position < end:
            cp, position = _decode(data, position)
            if cp < _BMP:
                kind = classes[cp]
            if cp == 41 and two_back == 40 and (one_back == 99 or one_back == 67):
                paren_c = True  # "(c)"
            two_back, one_back = one_back, cp
        if kind & IS_WORD:
            lowered = lower[cp]
            if lowered < 0:
                cues |= UNSURE_CUE
                lowered = cp
            if not in_token:
                in_token, token, token_digits = True, np.uint64(0), True
                token_decimal, token_length, token_first = True, 0, cp
                token_after_underscore = previous_underscore
            if not kind & IS_DIGIT:
                token_digits = False
            if not kind & IS_DECIMAL:
                token_decimal = False
            if token_length == 1:
                token_second = cp
            token_length += 1
            # The lowered character's UTF-8 bytes, in order.
            if lowered < 0x80:
                token = token * base + np.uint64(lowered)
            elif lowered < 0x800:
                token = token * base + np.uint64(0xC0 | (lowered >> 6))
                token = token * base + np.uint64(0x80 | (lowered & 0x3F))
            else:
                token = token * base + np.uint64(0xE0 | (lowered >> 12))
                token = token * base + np.uint64(0x80 | ((lowered >> 6) & 0x3F))
                token = token * base + np.uint64(0x80 | (lowered & 0x3F))
            continue
        # A separator (or the line's end) closes the current token; '©' is a token of its
        # own, seen right after it.
        for emit in range(2):
            if emit == 0:
                if not in_token:
                    continue
                in_token = False
                # Stamps end at this token when it ends at a word boundary.
                bounded = cp != _UNDERSCORE
                single = gap_char if gap == 1 else -1
                if token_decimal and bounded:
                    if (
                        token_length == 4
                        and not token_after_underscore
                        and (
                            (token_first == 49 and token_second == 57)
                            or (token_first == 50 and token_second == 48)
                        )
                    ):
                        stamp = True  # 19xx, 20xx
                    if token_length == 2 and single == 58 and short_number:
                        stamp = True  # 10:30
                    if (
                        2 <= token_length <= 4
                        and (single == 47 or single == 46)
                        and number_two_back
                    ):
                        stamp = True  # 15/01/2013, 1.2.13
                number = token_decimal and token_length <= 2
                number_two_back = short_number and number and (single == 47 or single == 46)
                short_number = number and not token_after_underscore
                gap = 0
            else:
                if cp != _COPYRIGHT:
                    break
                token = np.uint64(0xC2) * base + np.uint64(0xA9)
                token_digits = False
            bits = _lookup(cue_hashes, cue_bits, token)
            # Hits count as clean.rules.chrome_hits counts them; a phrase counts where it ends
            # (no chrome phrase opens another, so each start has at most one, and none
            # overlaps the next one's start).
            if bits & CHROME:
                hits += 1
            elif bits & COMMENT:
                hits += previous_digits  # "12 comments"
            if previous_c and token_digits:
                c_hits += 1  # "(c) 2016", counted if the line says "(c)"
            if bits & PHOTO:
                cues |= PHOTO_CUE
            if tokens == 0:
                cues |= (
                    (BYLINE_CUE if bits & BYLINE else 0)
                    | (SECTION_CUE if bits & SECTION else 0)
                    | (LABEL_CUE if bits & LABEL else 0)
                )
                first_numbered = token_digits
                if token_digits:
                    cues |= NUMBER_CUE
            elif tokens == 1 and first_numbered and bits & SECTION:
                cues |= SECTION_CUE
            # Phrases are followed word by word from their first word, so most words
            # cost one lookup.
            if open_bits & (PHRASE_START | PHRASE_OPEN):
                gram = gram * pair_base + token
                phrase_bits = _lookup(cue_hashes, cue_bits, gram)
                if phrase_bits & PHRASE:
                    hits += 1
                if phrase_bits & PHRASE_OPEN:
                    open_bits = PHRASE_OPEN
                else:
                    open_bits = bits
                    gram = token
            else:
                open_bits = bits
                gram = token
            previous_c, previous_digits = (bits & LETTER_C) != 0, token_digits
            tokens += 1
        if cp < 0:
            break
        gap += 1
        gap_char = cp
        previous_underscore = cp == _UNDERSCORE
    if paren_c:
        hits += c_hits
    return hits, cues, stamp


class LineScan(NamedTuple):
    words: np.ndarray  # int32: line_words of each line
    prose: np.ndarray  # bool: reads as a sentence (clean.text.is_prose)
    chrome: np.ndarray  # bool: the chrome-phrase rule drops it, and no earlier rule can
    needs_rules: np.ndarray  # bool: a rule that needs its pattern could drop it
    # Of lines with at most max_rule_words words (others are 0):
    hits: np.ndarray  # int32: chrome words and phrases (clean.rules.chrome_hits without labels)
    cues: np.ndarray  # uint8: *_CUE bits, the cues that call for a rule's pattern
    stamp: np.ndarray  # bool: a date or a clock time, as clean.vocabulary.STAMP finds it
    list_mark: np.ndarray  # int32: the list mark the line opens with ('•', '-', '–' …), or 0
    opens_tag: np.ndarray  # bool: opens with '<', as a line of raw markup does
    mentions_cookie: np.ndarray  # bool: holds "cookie" in any case (a consent notice may)
    fields: np.ndarray  # int32: FIELD_SEPARATORS standing between spaces ("News | Sport")
    keys: np.ndarray  # uint64: equal for lines equal up to case
    # uint64: the key of the line's first head_chars characters; 0 for a shorter line,
    # UNSURE where case folding changes the length (compare such lines as text)
    heads: np.ndarray
    # bool: the line's first echo_bytes bytes come again after a space in it (a line that
    # repeats itself has this; clean confirms on the text)
    echoes: np.ndarray
    # bool: holds an ellipsis, "..." or "…"
    ellipsis: np.ndarray


class RuleLimits(NamedTuple):
    """The word counts and hit counts under which the clean stage's line rules apply."""

    max_rule_words: int
    phrase_max_words: int
    byline_max_words: int
    alone_max_words: int
    dense_hits: int
    prose_min_words: int
    long_words: int
    head_chars: int
    echo_bytes: int = 12
    echo_min_words: int = 6


def scan(texts: list[str], cues: CueTable, limits: RuleLimits) -> LineScan:
    """Features of each line of texts (lines without newlines)."""
    data = np.frombuffer("\n".join(texts).encode(), dtype=np.uint8)
    arrays = _scan(data, *character_tables(), *cues, *limits)
    return LineScan(*(array[: len(texts)] for array in arrays))  # no text is not one empty line
