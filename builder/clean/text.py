"""How a line reads: its words, whether it is prose, whether it names people. Extract reads
lines by the same measures."""

from __future__ import annotations

import functools
import re

from builder import linescan

# Lines with at most this many words are "short": fragments rather than paragraphs.
SHORT_WORDS = 6
# A prose line has at least this many words and ends like a sentence.
PROSE_MIN_WORDS = 8
# Lines this long count as prose whatever their last character.
LONG_WORDS = 25

_TERMINAL = tuple(linescan.TERMINAL)
_CJK = re.compile(
    "[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in linescan.CJK_RANGES) + "]"
)
_SENTENCE_PUNCT = re.compile(f"[{re.escape(linescan.SENTENCE_PUNCT)}]")
# A token with two letters in it at least: a word, not a symbol, a figure or a variable.
WORDY_TOKEN = re.compile(r"\S*?[^\W\d_]\S*?[^\W\d_]\S*")


# The lowercase words of a person's name, and what joins two names, in several languages.
NAME_PARTICLES = frozenset("de da das do dos van von der den del della la le di du bin al".split())
NAME_JOINERS = frozenset("and & et y und e".split())
# Lowercase words a byline's name may run on into: particles, "and", and the words that
# add an affiliation, a place or a date ("By Jane Doe of Reuters in Bamako on Monday").
_BYLINE_CONNECTORS = (
    NAME_PARTICLES
    | NAME_JOINERS
    | frozenset("the of for in at on am um aus avec con com mit para pour für".split())
)


def is_name_word(word: str) -> bool:
    """A word a person's name may hold: capitalised, or a particle ("van", "de")."""
    return bool(word) and (word[0].isupper() or word in NAME_PARTICLES)


_SPACED_COMMA = re.compile(r"\s+,")


def unspaced_commas(text: str) -> str:
    """Commas put back on the word before them, as names rendered one link each come:
    "Marcus Bensmann , Justus von Daniels"."""
    return _SPACED_COMMA.sub(",", text)


def is_person_length(words: int) -> bool:
    """Whether a co-author in a list has as many words as a name ("Keith Bradsher")."""
    return 2 <= words <= 4


def lists_names(words: list[str]) -> bool:
    """Whether the words after a byline's keyword are capitalised ones in groups of two to four
    parted by commas and "and": co-authors ("Steven Lee Myers, Keith Bradsher y Tariq Panja")
    or a name and its role, not a title ("By Design, Not by Accident")."""
    parted = False
    person = 0  # words of the name being read
    for word in unspaced_commas(" ".join(words)).split():
        name = word.rstrip(",")
        if not (is_name_word(name) or name in NAME_JOINERS):
            return False
        if name in NAME_JOINERS and parted and person == 0:
            continue  # after a serial comma: "…, Chien-Ming Wang, and Tom Watkins"
        if name in NAME_JOINERS or name != word:
            person += name != word
            if not is_person_length(person):
                return False
            parted, person = True, 0
        else:
            person += 1
    return parted and is_person_length(person)


def names_a_person_first(words: list[str]) -> bool:
    """Whether the words open with a person's name that a comma closes ("Jane Doe, …"),
    not a word alone ("Monday, the troops …", "Design, Not by Accident")."""
    for k, word in enumerate(words):
        name = word.rstrip(",")
        if not is_name_word(name):
            return False
        if name != word:
            return is_person_length(k + 1)
    return False


def runs_on_as_title(words: list[str]) -> bool:
    """Whether the words after a byline's keyword run on from capitalised ones into a lowercase
    word no byline uses: a title that opens with "Von" or "By" ("Von Sarajevo zum
    Flächenbrand", "… by Indigenous Peoples Key to Protecting Climate")."""
    capitalised = False
    for word in words:
        word = word.strip(",;:")
        if not word:
            continue
        if word[0].isupper():
            capitalised = True
        elif word[0].isalpha() and word.islower():
            if word not in _BYLINE_CONNECTORS:
                return capitalised
        else:
            return False  # a digit, a handle, a separator: the name has ended
    return False


# Extract's finders count the same head lines again and again.
@functools.lru_cache(maxsize=65536)
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
        # A long line without any sentence punctuation is a word list (countries, tags), and
        # so is a list of capitalised names that does not end with a full stop (a site's
        # menu, "… Don't Panic! Lighten Up!").
        if _SENTENCE_PUNCT.search(text) is None:
            return False
        full_stop = ends_as_sentence(text) and not text.rstrip(linescan.CLOSERS).endswith(_ASKS)
        return full_stop or not _in_title_case(text.split())
    return words >= PROSE_MIN_WORDS and ends_as_sentence(text)


_ASKS = ("!", "?", "！", "？")


def _in_title_case(tokens: list[str]) -> bool:
    """Whether LONG_WORDS tokens or more are mostly capitalised, as the compiled scan counts
    them (its tables hold the Basic Multilingual Plane; scripts without spaces are never)."""
    capitals = sum(1 for t in tokens if t[0] < "\U00010000" and (t[0].isupper() or t[0].istitle()))
    return len(tokens) >= LONG_WORDS and capitals >= linescan.TITLE_CASE_SHARE * len(tokens)


def ends_as_sentence(text: str) -> bool:
    """A sentence's final stop, before any closing quotes and brackets."""
    return text.rstrip(linescan.CLOSERS).endswith(_TERMINAL)


COLONS = (":", "：")
