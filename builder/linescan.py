"""Per-line features of a page, found in one compiled pass over its UTF-8 bytes.

The clean stage needs, for every line, its word count, whether it reads as prose, a key to
find repeated lines, and what its line rules would make of it. Python loops (or chains of
NumPy operations) over a page's ~200 lines were the stage's main cost, so these come from
one loop compiled with Numba. The tokens are those of the rules' own tokeniser (runs of
letters and digits of the lower-cased line, and '©'), hashed as 64-bit polynomials and
looked up in a small table of cue words. The scan decides the chrome-phrase rule itself and
sends a line to the pattern rules only when one of their cue words is on it; lines with
characters outside its tables always go to the rules.
"""

from __future__ import annotations

from typing import NamedTuple

import numba
import numpy as np

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

# What a line's tokens call for (LineScan.cues).
PHOTO_CUE = 1  # a photo-credit word
BYLINE_CUE = 2  # opens with a byline word
SECTION_CUE = 4  # opens with a section header's first word (after a number, maybe)
LABEL_CUE = 8  # opens with a label word
UNSURE_CUE = 16  # characters outside the scan's tables: tokenise the line as text

# Code points: a table per Basic Multilingual Plane character.
_BMP = 0x10000
_COPYRIGHT = 0xA9
_CLOSERS = "\"'”’»)]"
_TERMINAL = ".!?。！？…؟۔"
_SENTENCE_PUNCT = ".,;!?。、，；！？"
_SEPARATORS = "|•·"
_LIST_MARKS = "+*-•·–—"
_CJK_RANGES = ((0x3040, 0x30FF), (0x3400, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF))

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


@numba.njit(inline="always")
def _lookup(hashes, bits, value):
    mask = np.uint64(len(hashes) - 1)
    at = ((value * np.uint64(_MIX)) >> np.uint64(32)) & mask
    while hashes[at] != 0:
        if hashes[at] == value:
            return bits[at]
        at = (at + np.uint64(1)) & mask
    return np.uint16(0)


def _character_tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    chars = [chr(cp) for cp in range(_BMP)]
    classes = np.zeros(_BMP, dtype=np.uint16)
    classes[np.array(list(map(str.isalnum, chars)))] |= IS_WORD
    classes[np.array(list(map(str.isdecimal, chars)))] |= IS_DECIMAL
    classes[np.array(list(map(str.isdigit, chars)))] |= IS_DIGIT
    for low, high in _CJK_RANGES:
        classes[low : high + 1] |= IS_CJK
    for marks, bit in (
        (_CLOSERS, IS_CLOSER),
        (_TERMINAL, IS_TERMINAL),
        (_SENTENCE_PUNCT, IS_SENTENCE_PUNCT),
        (_SEPARATORS, IS_SEPARATOR),
        (_LIST_MARKS, IS_LIST_MARK),
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


CHAR_CLASSES, LOWER, FOLD = _character_tables()


@numba.njit(cache=True, nogil=True)
def _scan(data, classes, lower, fold, cue_hashes, cue_bits, max_rule_words, phrase_max_words,
          byline_max_words, alone_max_words, dense_hits, prose_min_words, long_words,
          head_chars):  # fmt: skip
    lines = 1
    for byte in data:
        lines += byte == 10
    words = np.zeros(lines, dtype=np.int32)
    prose = np.zeros(lines, dtype=np.bool_)
    chrome = np.zeros(lines, dtype=np.bool_)
    line_hits = np.zeros(lines, dtype=np.int32)
    line_cues = np.zeros(lines, dtype=np.uint8)
    needs_rules = np.zeros(lines, dtype=np.bool_)
    maybe_stamp = np.zeros(lines, dtype=np.bool_)
    list_mark = np.zeros(lines, dtype=np.bool_)
    keys = np.zeros(lines, dtype=np.uint64)
    heads = np.zeros(lines, dtype=np.uint64)

    base = np.uint64(_HASH_BASE)
    pair_base = np.uint64(_PAIR_BASE)
    position = 0
    size = len(data)
    for line in range(lines):
        spaces = cjk = separators = hits = tokens = chars = digit_run = 0
        non_ascii = digit = unsure = sentence_punct = head_unsure = False
        photo = byline = section = label = first_numbered = False
        paren_c = previous_c = previous_digits = False
        c_hits = 0
        two_back = one_back = -1  # the two code points before this one
        last_open = -1  # the last code point that is not a closer
        first_cp = -1
        key = np.uint64(0)
        token = gram = np.uint64(0)
        open_bits = 0  # the cue bits of the previous word, or of the open phrase it ends
        in_token = False
        token_digits = True
        while True:
            # Decode one code point; the line's end acts as a final separator (-1).
            cp = -1
            lowered = 0
            kind = 0
            if position < size and data[position] != 10:
                byte = data[position]
                if byte < 0x80:
                    cp, length = int(byte), 1
                elif byte < 0xE0:
                    cp, length = int(byte & 0x1F), 2
                elif byte < 0xF0:
                    cp, length = int(byte & 0x0F), 3
                else:
                    cp, length = int(byte & 0x07), 4
                for k in range(1, length):
                    cp = (cp << 6) | int(data[position + k] & 0x3F)
                position += length
            else:
                position += 1
            if cp >= 0:
                if first_cp < 0:
                    first_cp = cp
                if cp < _BMP:
                    kind = classes[cp]
                else:
                    unsure = True  # outside the tables: the rules decide
                if cp >= 0x80:
                    non_ascii = True
                if cp == 32:
                    spaces += 1
                if kind & IS_CJK:
                    cjk += 1
                if kind & IS_DECIMAL:
                    digit = True
                    digit_run += 1
                    if digit_run >= 4:
                        maybe_stamp[line] = True
                else:
                    if digit_run and (cp == 58 or cp == 47 or cp == 46):  # ':', '/', '.'
                        maybe_stamp[line] = True
                    digit_run = 0
                if kind & IS_SENTENCE_PUNCT:
                    sentence_punct = True
                if kind & IS_SEPARATOR:
                    separators += 1
                if not kind & IS_CLOSER:
                    last_open = cp
                if cp == 41 and two_back == 40 and (one_back == 99 or one_back == 67):
                    paren_c = True  # "(c)"
                two_back, one_back = one_back, cp
                folded = fold[cp] if cp < _BMP else cp
                if folded < 0:
                    head_unsure = True
                    folded = cp
                key = key * base + np.uint64(folded + 1)
                chars += 1
                if chars == head_chars:
                    heads[line] = key
            if kind & IS_WORD:
                lowered = lower[cp]
                if lowered < 0:
                    unsure = True
                    lowered = cp
                if not in_token:
                    in_token, token, token_digits = True, np.uint64(0), True
                if not kind & IS_DIGIT:
                    token_digits = False
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
                else:
                    if cp != _COPYRIGHT:
                        break
                    token = np.uint64(0xC2) * base + np.uint64(0xA9)
                    token_digits = False
                bits = _lookup(cue_hashes, cue_bits, token)
                # Hits count as clean.chrome_hits counts them; a phrase counts where it ends
                # (no chrome phrase opens another, so each start has at most one, and none
                # overlaps the next one's start).
                if bits & CHROME:
                    hits += 1
                elif bits & COMMENT:
                    hits += previous_digits  # "12 comments"
                if previous_c and token_digits:
                    c_hits += 1  # "(c) 2016", counted if the line says "(c)"
                if bits & PHOTO:
                    photo = True
                if tokens == 0:
                    byline = (bits & BYLINE) != 0
                    section = (bits & SECTION) != 0
                    label = (bits & LABEL) != 0
                    first_numbered = token_digits
                else:
                    if tokens == 1 and first_numbered and bits & SECTION:
                        section = True
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

        if paren_c:
            hits += c_hits
        count = spaces + 1 + (cjk // 2 if non_ascii else 0)
        words[line] = count
        keys[line] = key
        if head_unsure and chars >= head_chars:
            heads[line] = UNSURE
        if 0 <= first_cp < _BMP and classes[first_cp] & IS_LIST_MARK:
            list_mark[line] = True
        if count >= long_words:
            is_prose = sentence_punct
        else:
            is_prose = 0 <= last_open < _BMP and (classes[last_open] & IS_TERMINAL) != 0
        is_prose = is_prose and count >= prose_min_words
        prose[line] = is_prose
        line_hits[line] = hits
        line_cues[line] = (
            (PHOTO_CUE if photo else 0)
            | (BYLINE_CUE if byline else 0)
            | (SECTION_CUE if section else 0)
            | (LABEL_CUE if label else 0)
            | (UNSURE_CUE if unsure else 0)
        )
        # The clean stage's line rules, in their order: what needs a pattern goes to them.
        if count > max_rule_words:
            continue
        short_fragment = not is_prose and count <= phrase_max_words
        if (
            unsure
            or label
            or (separators >= 2 and digit)
            or (short_fragment and (photo or section or (byline and count <= byline_max_words)))
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
        maybe_stamp,
        list_mark,
        keys,
        heads,
    )


class LineScan(NamedTuple):
    words: np.ndarray  # int32: line_words of each line
    prose: np.ndarray  # bool: reads as a sentence (clean.is_prose)
    chrome: np.ndarray  # bool: the chrome-phrase rule drops it, and no earlier rule can
    needs_rules: np.ndarray  # bool: a rule that needs its pattern could drop it
    hits: np.ndarray  # int32: chrome words and phrases (clean.chrome_hits without labels)
    cues: np.ndarray  # uint8: *_CUE bits, the cues that call for a rule's pattern
    maybe_stamp: np.ndarray  # bool: has digits as a date or a clock time has them
    list_mark: np.ndarray  # bool: opens with a list mark ('•', '-', '–' …)
    keys: np.ndarray  # uint64: equal for lines equal up to case
    # uint64: the key of the line's first head_chars characters; 0 for a shorter line,
    # UNSURE where case folding changes the length (compare such lines as text)
    heads: np.ndarray


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


def scan(texts: list[str], cues: CueTable, limits: RuleLimits) -> LineScan:
    """Features of each line of texts (lines without newlines)."""
    data = np.frombuffer("\n".join(texts).encode(), dtype=np.uint8)
    return LineScan(*_scan(data, CHAR_CLASSES, LOWER, FOLD, *cues, *limits))
