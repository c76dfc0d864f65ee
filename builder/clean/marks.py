"""Marks beyond a line's own rule: repeated lines and lines that repeat themselves, teasers
(cut short, or opening a longer line), long captions and galleries; the evidence placement
reads (raw markup, ordered and introduced lists); and, once the article is placed, its
paragraphs' copies restored."""

from __future__ import annotations

import itertools
import re

import numpy as np

from builder import linescan
from builder.clean.codes import BOILERPLATE, DUPLICATE, KEPT, OUTSIDE_ARTICLE, PHOTO_CREDIT_CODE
from builder.clean.rules import chrome_hits
from builder.clean.text import COLONS, LONG_WORDS, SHORT_WORDS, ends_as_sentence
from builder.clean.vocabulary import (
    PHRASE_MAX_WORDS,
    SELF_REPEAT_HEAD_CHARS,
    SELF_REPEAT_MIN_WORDS,
    TEASER_MIN_CHARS,
)
from builder.doc import Line

# An HTML tag as raw markup writes it: "<div class=…>", "</p>", "<img … />".
_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")
# A line opening with a tag is markup when tags make up this share of its characters.
MARKUP_MIN_SHARE = 0.5
# A slide counter ("3/50", "1 of 24"): a slide number, not above the total, and no date.
_COUNTER = re.compile(r"(\d{1,3}) ?(?:/|of) ?(\d{1,3})(?![\d/.:])")
# Counters of one total with this many slide numbers make a gallery.
GALLERY_MIN_SLIDES = 3
# The first counter alone opens a gallery of this many slides at least, with its title:
# "1 /21 Europe starts to ease itself out of Coronavirus lockdown" ("1/4 pound …" is none).
GALLERY_MIN_SHOWN = 5
_FIRST_SLIDE = re.compile(r"1 ?/ ?\d{1,3} [^\W\d_]")


def markup_lines(texts: list[str], opens_tag: np.ndarray) -> np.ndarray:
    """Lines of raw HTML that a page's text kept (a noscript notice, a tracking pixel, an
    unrendered widget): mostly tags. They neither make an article nor break one, since a
    code sample inside an article reads the same."""
    markup = np.zeros(len(texts), dtype=np.bool_)
    if not opens_tag.any():
        return markup
    for i in np.flatnonzero(opens_tag).tolist():
        tags = sum(map(len, _TAG.findall(texts[i])))
        markup[i] = tags >= MARKUP_MIN_SHARE * len(texts[i])
    return markup


def mark_galleries(
    texts: list[str], codes: np.ndarray, scan: linescan.LineScan, words: np.ndarray
) -> np.ndarray:
    """Mark a gallery's slide counters ("2/50 Star Wars boosts economy", "3/50 …") as chrome,
    and return them as the ends of parts of the page: a gallery's captions read as prose,
    and each counter ends one, as a section header does. A gallery is one total counted up
    on GALLERY_MIN_SLIDES slides at least ("1/2 cup", "1 of 24" alone are not)."""
    barriers = np.zeros(len(texts), dtype=np.bool_)
    numbered = (scan.cues & (linescan.NUMBER_CUE | linescan.UNSURE_CUE)) != 0
    slides: dict[int, dict[int, list[int]]] = {}
    for i in np.flatnonzero(numbered & (words <= PHRASE_MAX_WORDS)).tolist():
        if (match := _COUNTER.match(texts[i])) and 1 <= int(match[1]) <= int(match[2]):
            slides.setdefault(int(match[2]), {}).setdefault(int(match[1]), []).append(i)
    for total, numbers in slides.items():
        if len(numbers) >= GALLERY_MIN_SLIDES:
            at = [i for lines in numbers.values() for i in lines]
            codes[[i for i in at if codes[i] == KEPT]] = BOILERPLATE
            barriers[at] = True
        elif total >= GALLERY_MIN_SHOWN and 1 in numbers:
            for first in numbers[1]:
                if _FIRST_SLIDE.match(texts[first]):
                    _mark_shown_slides(codes, words, first, total)
    return barriers


def _mark_shown_slides(codes: np.ndarray, words: np.ndarray, first: int, total: int) -> None:
    """A gallery whose page shows its first counter alone ("1 /21 Europe eases lockdown")
    and then its slides, each a caption over its credit or date ("Commuters sit in a coach
    …" / "AFP via Getty Images"): the captions read as prose, so they are marked as
    captions, up to the first two long lines in a row (prose again)."""
    captions: list[int] = []
    shown: list[int] = []
    j = first + 1
    while j < len(codes) and len(captions) < total:
        if words[j] <= SHORT_WORDS:
            shown.append(j)
        elif j + 1 < len(codes) and words[j + 1] <= SHORT_WORDS:
            captions.append(j)
        else:
            break
        j += 1
    if len(captions) >= GALLERY_MIN_SLIDES:
        slides = [first, *captions, *shown]
        codes[[i for i in slides if codes[i] == KEPT]] = PHOTO_CREDIT_CODE


# An item of an ordered list: "1. Finland", "2) Norway".
_ORDINAL = re.compile(r"(\d{1,3})[.)]\s")
# The list mark of an ordered list's items (no character opens a line with it).
ORDERED_MARK = -1
INTRODUCED_MIN_ITEMS = 2


def with_ordered_lists(texts: list[str], scan: linescan.LineScan, words: np.ndarray):
    """The lines' list marks, with the items of ordered lists marked too: lines in a row that
    open with numbers counting up by one ("1. Finland", "2. Norway") are a list in the
    article, not a list of links."""
    list_mark = scan.list_mark
    numbered = (scan.cues & (linescan.NUMBER_CUE | linescan.UNSURE_CUE)) != 0
    previous_line, previous_number = -2, 0
    for i in np.flatnonzero(numbered & (words <= PHRASE_MAX_WORDS)).tolist():
        if not (match := _ORDINAL.match(texts[i])):
            continue
        number = int(match[1])
        if i == previous_line + 1 and number == previous_number + 1:
            if list_mark is scan.list_mark:
                list_mark = list_mark.copy()
            list_mark[previous_line] = list_mark[i] = ORDERED_MARK
        previous_line, previous_number = i, number
    return list_mark


def introduced_lists(texts: list[str], prose: np.ndarray, words: np.ndarray, codes: np.ndarray):
    """The items of lists that a line ending with a colon introduces ("What You'll Need:",
    then "Moss", "Tweezers" …) where the article goes on in sentences right after them: the
    article's own list, however short its items, not a list of links. Lists may follow one
    another ("Cast:", names, "Notes:", items, then sentences) when the article's sentences
    lead into the first: a footer's lists ("Follow us on:", links, "Member of:", then its
    copyright line) follow no sentence."""
    introduced = np.zeros(len(texts), dtype=np.bool_)
    fragments = ~prose & (words <= PHRASE_MAX_WORDS)
    count = len(texts)

    def past_items(colon_line: int) -> int:
        """The first line past a colon line's items: a list ends at the next colon line."""
        after = colon_line + 1
        while after < count and fragments[after] and not texts[after].endswith(COLONS):
            after += 1
        return after

    for i in np.flatnonzero((codes == KEPT) & ~prose).tolist():
        if not texts[i].endswith(COLONS):
            continue
        previous = i - 1  # the kept line before it
        while previous >= 0 and codes[previous] != KEPT:
            previous -= 1
        led_in = previous >= 0 and bool(prose[previous])
        items_end = past_items(i)
        if items_end - i - 1 >= INTRODUCED_MIN_ITEMS and items_end < count and prose[items_end]:
            introduced[i + 1 : items_end] = True
            continue
        if not (led_in or words[i] > PHRASE_MAX_WORDS):
            continue
        after = i
        while (after == i or texts[after].endswith(COLONS)) and not prose[after]:
            following = past_items(after)
            if following == count or 0 < following - after - 1 < INTRODUCED_MIN_ITEMS:
                break
            after = following
        if after < count and prose[after] and after > items_end:
            introduced[i + 1 : after] = True
    return introduced


def mark_duplicates(lines: list[Line], keys: np.ndarray, codes: np.ndarray) -> None:
    """Keep the first copy of a repeated line; an image's alt text and caption render as the
    same line twice in a row, and both go."""
    for i in np.flatnonzero(keys[1:] == keys[:-1]).tolist():
        first, second = lines[i], lines[i + 1]
        if first.no + 1 == second.no and first.text == second.text:
            for j in (i, i + 1):
                if codes[j] in (KEPT, DUPLICATE):
                    codes[j] = PHOTO_CREDIT_CODE
    _mark_repeats(keys, codes)


SELF_REPEAT_MAX_COPIES = 4  # three whole copies and a cut one; more is no card


def _repeats_itself(text: str) -> bool:
    """Whether text says one phrase of SELF_REPEAT_MIN_WORDS words or more two or three times
    in a row, maybe with the start of one more copy."""
    head = text[:SELF_REPEAT_HEAD_CHARS]
    again = text.find(head, 1)
    # The phrase ends where its opening comes again at a word's start, once it has its words.
    while again != -1 and (
        text[again - 1] != " " or text.count(" ", 0, again - 1) + 1 < SELF_REPEAT_MIN_WORDS
    ):
        again = text.find(head, again + 1)
    if again == -1 or not 2 * again - 1 <= len(text) < SELF_REPEAT_MAX_COPIES * again:
        return False
    return text[again:] == text[: len(text) - again]  # said again and again from there


def mark_self_repeats(texts: list[str], codes: np.ndarray, echoes: np.ndarray) -> None:
    for i in np.flatnonzero((codes == KEPT) & echoes).tolist():
        if _repeats_itself(texts[i]):
            codes[i] = DUPLICATE


# A teaser cut short, then its link: "… overloaded with sights, sounds,… Read more".
CUT_SHORT_TAIL_CHARS = 80  # room for the ellipsis and six words of a link after it
_CUT_SHORT = re.compile(r"(?:…|\.\.\.)\W*((?:[^\W\d_]+\W*){1,6})$")


def mark_cut_short_teasers(texts: list[str], codes: np.ndarray, ellipsis: np.ndarray) -> None:
    """A teaser cut short, then its link ("… overloaded with sights, sounds,… Read more"), is
    chrome however long it runs."""
    for i in np.flatnonzero((codes == KEPT) & ellipsis).tolist():
        tail = texts[i][-CUT_SHORT_TAIL_CHARS:]
        if ends_as_sentence(tail):
            continue  # "He said he would… register as a candidate." goes on as a sentence
        if (cut := _CUT_SHORT.search(tail)) and chrome_hits(cut.group(1)):
            codes[i] = BOILERPLATE


# A caption says it is one at its start ("Media caption Mr Obama told the BBC …") or credits
# its picture at its end ("… on a Harare street on Thursday Credit: STR/AFP"), however long.
_CAPTION_OPENING = re.compile(r"(?i)^(?:image|media|video|photo|picture)\s+caption\b")
_CAPTION_CONTROLS = (" hide caption", " toggle caption")
_CREDIT_ENDING = re.compile(
    r"(?i)\b(?:credits?|photo(?:graph)?s?|fotos?|images?)\s?:\s?[^\s.:]+(?:\s+[^\s.:]+){0,7}$"
)
# Room at the end of a caption for its credit: the mark, a colon and eight words.
CREDIT_TAIL_CHARS = 90


def mark_long_captions(
    texts: list[str], codes: np.ndarray, cues: np.ndarray, words: np.ndarray
) -> None:
    """Kept lines that say they are a caption, among those with a picture's cue word (the
    scan finds them on lines of up to DENSE_PHRASE_MAX_WORDS words)."""
    pictured = (cues & (linescan.PHOTO_CUE | linescan.UNSURE_CUE)) != 0
    for i in np.flatnonzero((codes == KEPT) & pictured).tolist():
        text = texts[i]
        tail = text[-CREDIT_TAIL_CHARS:]
        if _CAPTION_OPENING.match(text) or (":" in tail and _CREDIT_ENDING.search(tail)):
            codes[i] = PHOTO_CREDIT_CODE
    # A caption with its control run on after it, however long: "Smoke rises over … Getty
    # Images hide caption" (no sentence: it ends with the control; the scan reads cue words
    # on short lines only).
    for i in np.flatnonzero((codes == KEPT) & (pictured | (words >= LONG_WORDS))).tolist():
        if texts[i].endswith(_CAPTION_CONTROLS):
            codes[i] = PHOTO_CREDIT_CODE


def _mark_repeats(keys: np.ndarray, codes: np.ndarray) -> None:
    """Every kept copy of a line after its first is a duplicate. Array operations, not a
    compiled loop: a page's few hundred keys take them microseconds, and compiling the sort
    was over a second of a first large build."""
    order = np.argsort(keys, kind="stable")  # a key's first line comes first
    ranked = keys[order]
    repeat = np.zeros(len(keys), dtype=np.bool_)
    repeat[order[1:][ranked[1:] == ranked[:-1]]] = True
    codes[repeat & (codes == KEPT)] = DUPLICATE


def restore_placed_copies(keys, prose, codes, start: int, end: int) -> None:
    """A paragraph of the article that the page also shows above or below it (a summary box,
    a teaser of this very story) was dropped as the copy of a line placement has since left
    out: the article's copy comes back. Only prose whose every other copy placement left out,
    not chrome a rule dropped wherever it stood."""
    placed = [i for i in range(start, end + 1) if codes[i] == DUPLICATE and prose[i]]
    if not placed:
        return
    copies: dict = {}
    for i in range(len(keys)):
        copies.setdefault(keys[i], []).append(i)
    for i in placed:
        others = [j for j in copies[keys[i]] if j != i]
        if others and all(codes[j] == OUTSIDE_ARTICLE for j in others):
            codes[i] = KEPT


def _normalised(text: str) -> str:
    # casefold equals lower on ASCII, where lower is many times faster
    return text.lower() if text.isascii() else text.casefold()


def mark_teasers(texts: list[str], codes: np.ndarray, heads: np.ndarray) -> None:
    """A kept line that opens a longer kept line is a teaser or summary of it: drop it."""
    # Only lines whose first TEASER_MIN_CHARS characters match another kept line's can be
    # one; their case-folded texts decide, and the keys that start with a key sort after it.
    candidates = _shared_heads(heads, codes).tolist()
    if len(candidates) < 2:
        return
    keys = sorted((_normalised(texts[i]), i) for i in candidates)
    for (key, i), (next_key, _) in itertools.pairwise(keys):
        if len(key) >= TEASER_MIN_CHARS and next_key.startswith(key):
            codes[i] = DUPLICATE


def _shared_heads(heads: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """Kept lines whose head key another kept line shares, or is not known, in line order."""
    kept = np.flatnonzero((codes == KEPT) & (heads != 0))
    kept_heads = heads[kept]
    order = np.argsort(kept_heads, kind="stable")
    ranked = kept_heads[order]
    equal = ranked[1:] == ranked[:-1]  # equal heads stand together once sorted
    shared = np.zeros(len(kept), dtype=np.bool_)
    shared[order[1:][equal]] = True
    shared[order[:-1][equal]] = True
    shared |= kept_heads == linescan.UNSURE
    return kept[shared]
