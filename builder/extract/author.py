"""The author: a byline's name, a "by" phrase in a short line near the headline, a name the
author's note introduces, a name with a date, a handle or an age (or alone over such a line), a
wire reporter's credit, the page's only byline, a byline broken after its "by", or the signature
under the article, in that order. The short lines that credit the chosen author then leave the
body: a byline is metadata wherever the finder read the name.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from builder.clean.text import lists_names, runs_on_as_title, word_count
from builder.doc import Doc, Line, LineReason
from builder.extract.datetext import _ISO_DATE, _NUMERIC_DATE, _WORD_DATE
from builder.extract.shared import (
    _AGENCIES,
    _BY_KEYWORD,
    _LINK_WORDS,
    _NAME_LINE,
    _NOT_NAMES,
    _SEPARATORS,
    STAMP_MAX_WORDS,
    _agency_credit,
    _first_agency_credit,
    _is_role,
    _norm,
    _over_stamp,
    _place_names,
    name_opening,
)

if TYPE_CHECKING:
    from builder.extract import _Context


# What parts the fields of a metadata line.
_FIELD_SEPARATOR = re.compile(r"\s[|•·▪]\s")
# A line holding only a person-like name: two or three capitalised words.
_BARE_NAME = re.compile(r"^[A-Z][\w'’-]+(?: [A-Z]\.?)?(?: [A-Z][\w'’-]+){1,2}$")
# Words before "by" that make it a credit for something other than the article.
_NOT_AUTHORSHIP = re.compile(
    r"(?i)\b(?:photos?|photograph|image|picture|illustration|video|graphic|credit|powered|"
    r"sponsored|links|promoted|recommended|ads|presented|hosted|supported|brought|designed)\b"
)


def _byline_name(line: Line) -> str | None:
    """The name in a line the cleaner took for a byline ("By Jane Doe | July 10, 2015")."""
    if line.reason is not LineReason.byline or not (by := _BY_KEYWORD.match(line.text)):
        return None
    rest = line.text[by.end() :]
    # After its name's comma a byline may run on as a role does: "Jane Doe, Senior
    # Correspondent in Bamako for the Sahel Times".
    return None if runs_on_as_title(rest.split(",")[0].split()) else name_opening(rest)


def _credited_name(rest: str) -> str | None:
    """The name a byline's keyword credits, unless the words run on as a title's do."""
    return None if runs_on_as_title(rest.split()) else name_opening(rest)


def _mark_bylines(doc: Doc, author: str) -> None:
    """Take out of the body the short lines that credit the author ("By Jane Doe March 18 at
    12:22 PM Follow @janedoe"): a byline is metadata, wherever the finder read the name."""
    for line in doc.lines:
        if line.reason not in (None, LineReason.outside_article):
            continue
        by = _BY_KEYWORD.match(line.text)
        short = word_count(line.text) <= STAMP_MAX_WORDS
        if by and short and _credited_name(line.text[by.end() :]) == author:
            line.reason = LineReason.byline
        elif line.text == author:
            line.reason = LineReason.byline  # the name alone, as a byline without its "By"
        elif short and (credit := _agency_credit(line.text)) and credit[0] == author:
            line.reason = LineReason.byline  # "Jane Doe, Reuters"


def find_author_byline(doc: Doc, ctx: _Context) -> str | None:
    """The byline nearest the top of the headline's neighbourhood."""
    return next(filter(None, (_byline_name(doc.lines[i]) for i in ctx.head_window)), None)


# Words a credit's "by" may follow without a date: "Story by", "Ein Beitrag von".
BY_PHRASE_LEAD_WORDS = 3


def find_author_by_phrase(doc: Doc, ctx: _Context) -> str | None:
    """ "… by Jane Doe" in a short line near the headline ("Posted on May 8, 2016 by Jane Doe").

    The name must have two words at least ("… blocked by Congress" names no author), and a
    credit for a photo, a video or an advert is not a byline.
    """
    for i in ctx.head_window:
        line = doc.lines[i]
        if line.reason is LineReason.headline:
            continue
        # A metadata line packs fields: "Le Monde | 04.05.2015 à 13h36 | Par Jane Doe".
        for field in _FIELD_SEPARATOR.split(line.text):
            if word_count(field) > STAMP_MAX_WORDS:
                if not line.kept and (name := _byline_with_note(field)):
                    return name
                if name := _dated_by_phrase(field):
                    return name
                continue
            for by in _BY_KEYWORD.finditer(field):
                before = field[: by.start()]
                if _NOT_AUTHORSHIP.search(before):
                    break
                if word_count(before) > BY_PHRASE_LEAD_WORDS and not any(map(str.isdigit, before)):
                    continue  # a title's "… die Kommerzialisierung von Rechten Dritter"
                name = _credited_name(field[by.end() :])
                if name and len(name.split()) >= 2:
                    return name
    return None


def _dated_by_phrase(text: str) -> str | None:
    """The name of a long stamp that opens with a credit and dates it: "Written by Jane Doe
    in Politics on 1 June 2019 at 08:34 PM EDT. 51 Comments"."""
    by = _BY_KEYWORD.search(text)
    if by is None or word_count(text[: by.start()]) > BY_PHRASE_LEAD_WORDS:
        return None
    if _NOT_AUTHORSHIP.search(text[: by.start()]) or not _WORD_DATE.search(text, by.end()):
        return None
    name = _credited_name(text[by.end() :])
    return name if name and len(name.split()) >= 2 else None


def _byline_with_note(text: str) -> str | None:
    """The name of a byline that runs on into its author's note ("By Jane Doe, a deputy
    editor who has covered … for a decade."): a name, a comma, then words in lower case."""
    by = _BY_KEYWORD.match(text)
    if not by:
        return None
    rest = text[by.end() :]
    name = name_opening(rest)
    if not name or len(name.split()) < 2 or not rest.startswith(name + ", "):
        return None
    return name if rest[len(name) + 2 : len(name) + 3].islower() else None


def find_author_sole_byline(doc: Doc, ctx: _Context) -> str | None:
    """The page's only byline, wherever it stands (the headline may have been missed)."""
    names = {name for line in doc.lines if (name := _byline_name(line))}
    return names.pop() if len(names) == 1 else None


# A byline broken after its "by", the name being a link: "Written on Feb 24 by" / "Jane Doe".
_BY_WORDS = ("by", "par", "por", "von", "door")
_BY_AT_END = re.compile(rf"(?i)(?:^|\s)(?:{'|'.join(_BY_WORDS)})\s*:?$")
_BY_WORD_CHARS = max(map(len, _BY_WORDS))


def _may_end_with_by(text: str) -> bool:
    """What _BY_AT_END needs, tested without a search through the whole line."""
    end = text.rstrip()
    if end.endswith(":"):
        end = end[:-1].rstrip()
    return end[-_BY_WORD_CHARS:].lower().endswith(_BY_WORDS)


def find_author_split_byline(doc: Doc, ctx: _Context) -> str | None:
    """The one name the page's bylines broken after "by" give, wherever they stand: a blog
    signs its post under it ("Written by" / "Jane Doe")."""
    names = set()
    for line, below in itertools.pairwise(doc.lines):
        if not _may_end_with_by(line.text):
            continue
        by = _BY_AT_END.search(line.text)
        if not by or word_count(line.text) > STAMP_MAX_WORDS:
            continue
        if _NOT_AUTHORSHIP.search(line.text[: by.start()]):
            continue  # "Photo by" / "Jane Doe" credits a picture
        if _BARE_NAME.match(below.text) and below.text.split()[0].casefold() not in _NOT_NAMES:
            names.add(below.text)
    return names.pop() if len(names) == 1 else None


def find_author_name_line(doc: Doc, ctx: _Context) -> str | None:
    """A name with a date, a handle or an age ("Mike Conley December 18, 2020"), else a name
    alone over such a line."""
    for i in ctx.head_window:
        name = _dated_name(doc.lines[i].text)
        if name and not _is_organisation(doc, name):
            return name
    return next((doc.lines[i].text for i in ctx.head_window if _signed_above_stamp(doc, i)), None)


# Words of a publication's name, not a person's: "By Miami Today" signs for the outlet.
_PUBLICATION_WORDS = frozenset(
    """news today times post daily weekly magazine journal herald tribune press gazette online
    blog radio tv foundation media report review staff desk team editors""".split()
)


# Words of a site's widgets and captions, never of a writer's name: "Previous Next", "Recent
# Posts", "Main Ingredient", "The Guardian Photograph".
_NOT_AUTHOR_WORDS = frozenset(
    "previous next recent posts ingredient ingredients photograph photo".split()
)


# Title-case words of a role a byline may close with: "Howard Blume Staff Writer".
_ROLE_TAIL = re.compile(
    r"(?:\s+(?:Senior|Staff|Contributing|Special|Political|Chief|Deputy|Associate|Executive|"
    r"Managing|Senior Staff|News|Sports|Science|Health))*\s+"
    r"(?:Writer|Reporter|Correspondent|Editor|Columnist|Contributor|Journalist)$"
)


def tidy_author(name: str) -> str:
    """A finder's name without what a byline's layout adds to it: its role ("Howard Blume
    Staff Writer"), a closing full stop ("Tatyana Turner."), or the name shown twice
    ("Andrea Wong Andrea Wong", a link's text beside the name)."""
    words = name.split()
    half = len(words) // 2
    if half >= 2 and len(words) % 2 == 0 and words[:half] == words[half:]:
        name = " ".join(words[:half])
    if (role := _ROLE_TAIL.search(name)) and len(name[: role.start()].split()) >= 2:
        name = name[: role.start()]
    if name.endswith(".") and len(name.rsplit(maxsplit=1)[-1]) > 3:
        name = name[:-1]
    return name


def could_be_author(name: str) -> bool:
    """Whether a finder's name may be the article's author: not a widget's words nor a
    country ("North Korea" over a date heads a section)."""
    if not _NOT_AUTHOR_WORDS.isdisjoint(word.casefold() for word in name.split()):
        return False
    return name.casefold() not in _place_names()


def reads_as_person(name: str) -> bool:
    """Whether an author's name is a person's ("Cheryl Baehr"), not a publication's."""
    words = {word.casefold() for word in name.split()}
    return bool(_BARE_NAME.match(name)) and words.isdisjoint(_PUBLICATION_WORDS | _NOT_NAMES)


def _is_person_field(field: str) -> bool:
    words = {word.casefold() for word in field.split()}
    return bool(_BARE_NAME.match(field)) and words.isdisjoint(_LINK_WORDS | _NOT_NAMES)


def _dated_name(text: str) -> str | None:
    if match := _NAME_LINE.match(text):
        if match.group("name").startswith("The "):
            return None  # a publication or a title: "The Frontier Post · Jan 3, 2020"
        return name_opening(match.group("name"))
    if any(pattern.match(text) for pattern in (_NUMERIC_DATE, _ISO_DATE, _WORD_DATE)):
        # A stamp that opens with its date, then a field holding only a name:
        # "23.06.2016 um 16:14 Uhr - Jane Doe - 91 Ergänzungen".
        fields = (field.strip() for field in _SEPARATORS.split(text)[1:])
        return next((field for field in fields if _is_person_field(field)), None)
    name = name_opening(text)
    if name and len(name.split()) >= 2 and _WORD_DATE.match(text[len(name) :].strip()):
        return name
    return None


def find_author_agency_credit(doc: Doc, ctx: _Context) -> str | None:
    credit = _first_agency_credit(doc, ctx)
    return credit[0] if credit else None


def _is_organisation(doc: Doc, name: str) -> bool:
    """A wire agency or the page's outlet: "Associated Press December 2, 2016" is a credit."""
    return name.casefold() in _AGENCIES or _norm(name) == _norm(doc.meta.get("outlet") or "")


def _signed_above_stamp(doc: Doc, i: int) -> bool:
    """Line i is a person's name alone, and the line under it a date, an age or a reading
    time ("Hazel Sheffield" over "Friday 25 December 2015", "Jane Doe" over "14 min read"),
    or their role over such a line ("Jane Doe" / "Senior Correspondent" / "12 Jan 2013")."""
    text = doc.lines[i].text
    named = _BARE_NAME.match(text) or lists_names(text.split())  # "Jane Doe and John Roe"
    if i == 0 or not named or text.split()[0].casefold() in _NOT_NAMES:
        return False  # a page's first line is its site's name ("Silicon Exposed" over a date)
    if _is_organisation(doc, text) or _norm(text) == _norm(doc.meta.get("headline") or ""):
        return False
    if _is_role(text):
        return False
    if i + 1 < len(doc.lines) and _is_role(doc.lines[i + 1].text):
        i += 1
    return _over_stamp(doc.lines, i)


def find_author_signature(doc: Doc, ctx: _Context) -> str | None:
    """The name signing the article under its last paragraph ("Jane Doe — 2013-09-29")."""
    if ctx.signature is not None and (match := _NAME_LINE.match(ctx.signature.text)):
        return name_opening(match.group("name"))
    return None


def find_author_with_bio(doc: Doc, ctx: _Context) -> str | None:
    """A name alone on a line near the headline that the page's author note introduces
    ("Sarah Archer" above the article, "Sarah Archer is the author of …" below it)."""
    headline = _norm(doc.meta.get("headline") or "")
    names = [
        doc.lines[i].text
        for i in ctx.head_window
        if _BARE_NAME.match(doc.lines[i].text)
        and doc.lines[i].text.split()[0].casefold() not in _NOT_NAMES
        and _norm(doc.lines[i].text) != headline  # "New Zealand … New Zealand was …": a subject
    ]
    for name in names:
        opening = name + " "
        if any(
            line.text.startswith(opening) and _BIO_VERB.match(line.text, len(opening))
            for line in doc.lines
        ):
            return name
    return None


# What an author note says right after the name: "Sarah Archer is the author of …".
_BIO_VERB = re.compile(r"(?:is|was|has|writes|covers|joined|arrives)\b")
