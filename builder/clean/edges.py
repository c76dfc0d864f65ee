"""The placed article's edges: titles of other stories, comments, an author's bio and the
site's notices trimmed off its start and end."""

from __future__ import annotations

import re

import numpy as np

from builder.clean.codes import BYLINE_CODE, KEPT, OUTSIDE_ARTICLE
from builder.clean.notices import site_notice
from builder.clean.placement import SHORT_RUN
from builder.clean.text import COLONS, WORDY_TOKEN
from builder.clean.vocabulary import PHRASE_MAX_WORDS

# A title of another story over or under the article holds this many words at least.
TITLE_MIN_WORDS = 4


def _title_shaped(text: str, listed: bool) -> bool:
    """Words enough for another story's title, mostly words, and no item of a list: the
    tests the titles opening and closing an article both pass."""
    tokens = text.split()
    return (
        not listed
        and len(tokens) >= TITLE_MIN_WORDS
        and 2 * len(WORDY_TOKEN.findall(text)) >= len(tokens)
    )


def drop_trailing_titles(texts, prose, list_mark, introduced, codes, start: int, end: int):
    """The article's end once a run of titles closing it is dropped: SHORT_RUN kept lines or
    more of TITLE_MIN_WORDS words, none of them prose, an item of a list or a row of figures,
    after its last paragraph and a short header, if any (other stories under a header in a
    language SECTION_END lacks, "Saistītie raksti")."""
    kept = np.flatnonzero(codes[start : end + 1] == KEPT) + start
    kept_prose = kept[prose[kept]]
    if not len(kept_prose):
        return end
    last_prose = int(kept_prose[-1])
    closing = kept[kept > last_prose].tolist()
    header = closing[:1] if closing and len(texts[closing[0]].split()) < TITLE_MIN_WORDS else []
    titles = closing[len(header) :]
    for i in titles:
        # A list's items, or a table's rows of figures, may close an article.
        if not _title_shaped(texts[i], bool(list_mark[i] or introduced[i])):
            return end
        # A sentence ending with a colon introduces the article's own list; a header
        # ("La rédaction vous conseille :") is a phrase.
        if len(texts[i].split()) > PHRASE_MAX_WORDS and texts[i].endswith(COLONS):
            return end
    if len(titles) < SHORT_RUN or (header and list_mark[header[0]]):
        return end
    codes[closing] = OUTSIDE_ARTICLE
    return last_prose


# An author's bio closing the article: the name alone, then a paragraph about them opening
# with it ("Madison Weil" / "Madison Weil joined the KESQ News Channel 3 team in 2019 …",
# "Jake Goulding" / "Jake is the co-founder of …"). It stands among the run's last lines.
BIO_REACH_LINES = 6
BIO_NAME = re.compile(r"(?:[^\W\d_][\w.'’-]*\.?)(?: [^\W\d_][\w.'’-]*){1,3}")
BIO_MIN_WORDS = 8
# Determiners open a heading ("Our Programs" / "Our work spans …"), never a first name.
BIO_NOT_FIRST_NAMES = frozenset(
    {"the", "our", "a", "an", "this", "la", "le", "les", "der", "die", "das"}
)


def before_author_bio(texts, codes, start: int, end: int) -> int:
    """The article's end once an author's bio closing it is left out (as a byline's
    affiliation is)."""
    kept = (np.flatnonzero(codes[start : end + 1] == KEPT) + start).tolist()
    first_read = max(1, len(kept) - BIO_REACH_LINES)  # the article before it stays
    for at in range(first_read, len(kept) - 1):
        name = texts[kept[at]].split()
        if not BIO_NAME.fullmatch(texts[kept[at]]) or not all(w[0].isupper() for w in name):
            continue
        if name[0].casefold() in BIO_NOT_FIRST_NAMES:
            continue
        bio = texts[kept[at + 1]].split()
        if len(bio) < BIO_MIN_WORDS:
            continue
        if bio[: len(name)] == name:
            after = bio[len(name)]
        elif bio[0] == name[0] and bio[1].casefold() != name[1].casefold():
            # "Jake is …" under "Jake Goulding"; not a heading over its paragraph ("List
            # Comprehensions" / "List comprehensions are …").
            after = bio[1]
        elif bio[0] in ("I", "I'm", "I’m"):
            after = bio[1]  # in the first person: "I am a freelance writer in Asheville …"
        else:
            continue
        if after[:1].islower():
            codes[kept[at:]] = BYLINE_CODE
            return kept[at - 1]
    return end


def drop_leading_titles(texts, prose, list_mark, introduced, codes, start: int, end: int):
    """The article's start once a run of titles opening it is dropped: SHORT_RUN kept lines
    or more of TITLE_MIN_WORDS words before its first paragraph, none of them prose, an item
    of a list or a row of figures (other stories' titles over the article, "Tim Scott
    reveals …" / "GOP candidates divided …" / "Republican debate verdict: …")."""
    kept = np.flatnonzero(codes[start : end + 1] == KEPT) + start
    kept_prose = kept[prose[kept]]
    if not len(kept_prose):
        return start
    first_prose = int(kept_prose[0])
    opening = kept[kept < first_prose].tolist()
    if len(opening) < SHORT_RUN:
        return start
    for i in opening:
        if not _title_shaped(texts[i], bool(list_mark[i] or introduced[i])):
            return start
        if texts[i].endswith(COLONS):
            return start
        # A title opens as one and holds no sentence's end: not a paragraph wrapped into
        # lines ("… A few weeks later, a" / "colleague at work wrote …"), nor a caption.
        if texts[i][0].islower() or _SENTENCE_INSIDE.search(texts[i]):
            return start
    codes[opening] = OUTSIDE_ARTICLE
    return first_prose


# A sentence's end inside a line: a stop after a lowercase word or a figure, then a capital
# ("… this year. Many families …"); not a capitalised abbreviation's ("Gov. Hogan", "U.S.
# Army").
_SENTENCE_INSIDE = re.compile(r"(?:(?<![\w.])[a-z]+|\d)[.!?]\s+[A-Z]")


COMMENTS_HEADER_MAX_LINES = 3


def before_comments(signatures, prose, list_mark, codes, start: int, end: int) -> int:
    """Where the article ends once the readers' comments it runs on into are cut, with the
    lines that head them ("5 thoughts on “…”", "91 Ergänzungen", "Posted on … Author …"):
    up to COMMENTS_HEADER_MAX_LINES kept lines that are neither prose nor list items."""
    first = next((i for i in signatures if start < i <= end), None)
    if first is None:
        return end
    cut = first
    header = 0
    for i in range(first - 1, start, -1):
        if codes[i] != KEPT:
            continue
        if prose[i] or list_mark[i] or header == COMMENTS_HEADER_MAX_LINES:
            break
        header += 1
        cut = i
    for i in range(cut, end + 1):
        if codes[i] == KEPT:
            codes[i] = OUTSIDE_ARTICLE
    return cut - 1


def without_edge_notices(texts, prose, codes, start: int, end: int) -> tuple[int, int]:
    """The article's run once the site's notices at its edges are left out, with the
    fragments among them: a site asks its reader to sign up or give, or discloses what its
    links earn it, above an article or under it, and the placement, which weighs a notice's
    sentences as prose, may take them in. Only the edges are read: inside the article, such a
    sentence is quoted."""
    kept = [i for i in range(start, end + 1) if codes[i] == KEPT]

    def notices(lines) -> int:
        """How many of lines, from the edge in, are notices or fragments after one."""
        taken, peeled = 0, False
        for i in lines:
            if site_notice(texts[i]):
                peeled = True
            elif not peeled or prose[i]:
                break
            taken += 1
        return taken

    first = notices(kept)
    last = len(kept) - 1 - notices(reversed(kept[first:]))
    if first > last:
        return start, end  # nothing but notices: no call to make here
    for i in kept[:first] + kept[last + 1 :]:
        codes[i] = OUTSIDE_ARTICLE
    return (kept[first] if first else start), (kept[last] if last < len(kept) - 1 else end)
