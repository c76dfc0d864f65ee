"""What several fields' finders read, in one place so that no field module imports another.

The reading of a stamp line's own dates (``_stated_dates``, for the date and the agency, over
datetext's ``dates_in``); the person-name reader (``name_opening``, for bylines and for the
headline's test of one) with the words of a reporter's role; the tests of a line's shape that
the headline, outlet and author share (a full date, a byline's keyword, a date, age or reading
time under a name); the wire agencies and a reporter's credit to one (author and agency); and
how a finder records the evidence of its choice for the confidence stage (headline, outlet).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from builder.clean.text import (
    NAME_JOINERS,
    NAME_PARTICLES,
    is_name_word,
    is_person_length,
    unspaced_commas,
    word_count,
)
from builder.doc import BuildError, Doc, Line, LineReason
from builder.extract.datetext import (
    _AGE,
    _AGE_STAMP,
    _DIGIT,
    _FULL_DATES,
    _WORD_DATE,
    _is_age,
    dates_in,
)

if TYPE_CHECKING:
    from builder.extract import _Context


# How far below the headline (or the article's first line) a date stamp may stand.
STAMP_REACH = 10
# A stamp or byline line holds this many words at most.
STAMP_MAX_WORDS = 14

_SEPARATORS = re.compile(r"\s+[-|–—:·»]{1,2}\s+")
# The words that label a publication date, in the scripts written with spaces.
_PUBLISHED_WORDS = r"published|posted|publi[ée]e?|veröffentlicht|publicado|pubblicato|date"
# "Date" labels a stamp only where it opens the line: in a sentence ("a new date for …: March
# 31, 2021") it names some other date.
_PUBLISHED = re.compile(
    r"(?i)\b(?:published|posted|publi[ée]e?|veröffentlicht|publicado|pubblicato|"
    r"发布时间|发稿时间|发表时间|发布日期|公開日|配信日)\b|^\W*date\b"
)
# The words that say a date is the publication's, not a post's or a comment's.
_PUBLISHED_STRONG = re.compile(
    r"(?i)\b(?:published|publi[ée]e?|veröffentlicht|publicado|pubblicato|"
    r"发布时间|发稿时间|发表时间|发布日期|公開日|配信日)\b"
)
# An embedded social post's signature: "— Jane Doe (@jane) August 22, 2013", "A post shared
# by Jane Doe (@jane) on Jun 16, 2019 at 7:30am PDT" (as Instagram words it in each language).
_EMBEDDED_POST = re.compile(
    r"(?i)^[—–-]\s.*\(@\w+\)|\b(?:shared\ by|geteilt\ von|partagée\ par|compartida\ (?:por|de)|"
    r"condiviso\ da|compartilhada\ por)\s.*\(@[\w.]+\)",
    re.X,
)
# A fact's date, as an infobox states it ("Founded February 28, 1998"), is not the page's.
_FACT_DATE = re.compile(
    r"(?i)^(?:founded|born|died|established|incorporated|launched|released|opened|"
    r"fondée?|née?|gegründet|geboren|fundad[ao]|nacid[ao])\b"
)
_UPDATED = re.compile(
    r"(?i)\b(?:updated|modified|last\s+edited|mis\s+à\s+jour|aktualisiert|actualizado|"
    r"aggiornato|atualizado|bijgewerkt|更新时间|更新時間|更新日|最終更新)\b"
)
_AGENCIES = {
    "afp": "AFP",
    "agence france-presse": "AFP",
    "ap": "AP",
    "associated press": "AP",
    "reuters": "Reuters",
    "upi": "UPI",
    "dpa": "dpa",
    "efe": "EFE",
    "ansa": "ANSA",
    "xinhua": "Xinhua",
}
# An agency credited by name, as a whole word: not "AP" in "APPS", not "AFP/Getty Images"
# (a photo's credit, with its slash).
_AGENCY_NAME = re.compile(
    r"(?<![\w/])(AFP|AP|Reuters|REUTERS|UPI|dpa|EFE|ANSA|Xinhua|"
    r"(?i:associated press|agence france-presse))(?![\w/-])"
)


CHOICE_MODEL_FILE = Path(__file__).with_name("choice_model.json")
# Set by benchmarks/fit_weights.py before it imports the builder: a feature the code gained
# since the last fit loads with weight zero, so that the refit can run and fit it.
REFIT_ENV = "MALI_NEWS_REFIT"


@functools.cache
def choice_weights(field: str, features: tuple[str, ...]) -> dict[str, float]:
    """The weights of a field's candidate features, in the order of features, as
    benchmarks/fit_weights.py fitted and wrote them (with the fit's figures) into
    choice_model.json; a model that does not name every feature is refused."""
    try:
        model = json.loads(CHOICE_MODEL_FILE.read_text(encoding="utf-8"))
        weights = model[field]["weights"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise BuildError(
            f"{CHOICE_MODEL_FILE}: cannot read the {field} weights ({err!r})"
        ) from None
    if os.environ.get(REFIT_ENV) == "1":
        return {name: float(weights.get(name, 0.0)) for name in features}
    if sorted(weights) != sorted(features):
        # The difference, not both lists: a headline has hundreds of terms.
        missing, unknown = (
            sorted(set(features) - set(weights)),
            sorted(set(weights) - set(features)),
        )
        raise BuildError(
            f"{CHOICE_MODEL_FILE}: the {field} weights lack {', '.join(missing) or 'nothing'} "
            f"and name unknown {', '.join(unknown) or 'nothing'} "
            "(refit: benchmarks/fit_weights.py)"
        )
    return {name: float(weights[name]) for name in features}


def _mentions(text: str, name: str) -> int:
    """How often name stands in text as whole words (not "Ars" in "Stars")."""
    count, start, size = 0, text.find(name), len(name)
    while start >= 0:
        end = start + size
        if (start == 0 or not _is_word_char(text[start - 1])) and (
            end == len(text) or not _is_word_char(text[end])
        ):
            count += 1
        start = text.find(name, start + 1)
    return count


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


# Headline and outlet finders normalise every line of a page, some more than once.
@functools.lru_cache(maxsize=16384)
def _norm(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").split())


# "By Jane Doe", "Par …", "By: …": the keyword of a byline, wherever it stands in a line.
_BY_KEYWORD = re.compile(r"(?i)(?:^|(?<=\s))(?:by|par|por|von|door)\s*:?\s+(?=\S)")


# A lone candidate's lead over a runner-up it does not have.
LONE_LEAD = 5.0


def _lead(scores: list[float]) -> dict[str, float]:
    """The winner's score, its lead over the runner-up and the log of the candidates."""
    ranked = sorted(scores, reverse=True)
    lead = ranked[0] - ranked[1] if len(ranked) > 1 else LONE_LEAD
    return {"score": ranked[0], "lead": min(lead, LONE_LEAD), "candidates": math.log1p(len(ranked))}


def _evidence(doc: Doc, field: str, features: dict[str, float]) -> None:
    doc.meta.setdefault("evidence", {})[field] = features


# A line opening with a date and a clock time is a stamp however long the rest of it
# ("2018年6月18日 10:01 発信地：カノ/ナイジェリア [ ナイジェリア アフリカ ]").
_CLOCK_OPENING = re.compile(r"^.{0,30}?\b\d{1,2}:\d{2}\b")


def _opens_with_stamp(text: str, ctx: _Context) -> bool:
    clock = _CLOCK_OPENING.match(text)
    return clock is not None and bool(
        dates_in(clock.group(0), ctx.order, ctx.latest, ctx.language_order)
    )


def opens_signed(text: str) -> bool:
    """Whether text opens with a byline: "By Jane Doe / June 12, 2020 …"."""
    by = _BY_KEYWORD.match(text)
    return by is not None and name_opening(text[by.end() :]) is not None


def _stated_dates(line: Line, ctx: _Context) -> tuple[list[dt.date], bool]:
    """The dates a stamp line states as its own, and whether it says they are publication dates.

    "Published 04.05.2015 • Updated 05.05.2015": what follows "Updated" is not the date, up
    to a label of the publication's ("Updated: Jan 13, 2013 | Published: Jan 12, 2013"). A
    stamp is short; a line that says "Published" (or a byline) may run longer.
    """
    if not any(map(str.isdigit, line.text)):
        return [], False  # every full date has digits: no pattern need look
    if _EMBEDDED_POST.search(line.text) or _FACT_DATE.match(line.text):
        return [], False
    stated = line.text
    if updated := _UPDATED.search(stated):
        after = _PUBLISHED_STRONG.search(stated, updated.end())
        stated = stated[: updated.start()] + (stated[after.start() :] if after else "")
    published = _PUBLISHED.search(stated) is not None
    meta_line = line.reason in (LineReason.byline, LineReason.date_line)
    # A byline that dates the article may run as long as a "Published" line: "By Jane Doe
    # and John Roe Oct. 31, 2014 | 10:49 a.m. EDT + More".
    limit = STAMP_MAX_WORDS * (2 if published or opens_signed(stated) else 1)
    if not meta_line and word_count(stated) > limit and not _opens_with_stamp(stated, ctx):
        return [], False
    return dates_in(stated, ctx.order, ctx.latest, ctx.language_order), published


# Words no outlet's name is or opens with: chrome, and the verbs and function words of a
# call to subscribe ("Get Personalised Newsletters", "Bei Newsletter anmelden").
_NOT_NAMES = frozenset(
    """us me our you we this the home news all rights reserved facebook twitter instagram youtube
    linkedin email print share more about contact subscribe sign newsletter by copyright
    privacy terms inc llc ltd follow explore author authors our ads blog menu search site
    this site sync careers editors staff team help support jobs advertise my your following
    followed conversation advertisement advertising publicidad publicidade publicité pubblicità
    werbung anzeige reklama sponsored get bei zum zur mit für unser unsere notre votre nuestro
    nuestra kostenlose kostenloser kostenlos gratis""".split()
    # A footer's credit of the site's makers, caught as a copyright's holder ("© 2020 Sahel
    # Times. Developed by …"), and an account's verbs ("Manage Account").
    + "developed designed powered hosted built created maintained manage activate".split()
)
# Photo agencies credited under pictures: a page's pictures are not its publisher.
_PHOTO_AGENCIES = frozenset(
    {"getty", "getty images", "afp", "ap", "reuters", "epa", "istock", "shutterstock", "alamy"}
    | {"corbis", "rex", "rex features", "pa", "pa images", "ap photo", "afp photo", "ansa"}
    | {"associated press"}
)


# Words that open a stamp after a byline's name, capitalised as names are.
_STAMP_WORDS = frozenset(
    """published posted updated modified veröffentlicht aktualisiert publié publiée publicado
    actualizado pubblicato aggiornato""".split()
)
_NAME_LINE = re.compile(
    r"^(?P<name>[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3})"
    rf"(?:,? @\w+.*| [-–—•|·/] .*\d.*| {_AGE})$"
)
# A person's name has at most this many words (a list of co-authors, each as many).
AUTHOR_MAX_WORDS = 8
# A word then a day number opens a date even without its year ("March 18 at 4:37 PM").
_DAY = re.compile(r"^[^\W\d_]{3,9}\.? \d{1,2}(?:st|nd|rd|th)?\b")


_OPENING_QUOTES = "\"“«'‘"
_CLOSING_QUOTES = "\"”»'’"


def _nickname(tokens: list[str], k: int) -> int:
    """How many tokens from k make a quoted nickname of capitalised words ("Tania Mae"), or 0."""
    if tokens[k][:1] not in _OPENING_QUOTES:
        return 0
    for j in range(k, min(k + 3, len(tokens))):
        # The opening token closes the quote only after a character of its own ("JD").
        if tokens[j][-1:] in _CLOSING_QUOTES and (j > k or len(tokens[j]) > 2):
            words = " ".join(tokens[k : j + 1])[1:-1].split()
            return j - k + 1 if words and all(w[:1].isupper() for w in words) else 0
    return 0


def _last_co_author(tokens: list[str]) -> bool:
    """Whether the tokens after a list's "and" open with a name that ends the list: not a
    role that runs on into lowercase words ("… and Chief Correspondent of the paper")."""
    person = 0
    for token in tokens:
        word = token.rstrip(",")
        if _is_role(word):
            return False
        if not is_name_word(word):
            return is_person_length(person) and not word[:1].islower()
        person += 1
        if word != token:
            break
    return is_person_length(person)


def _co_authors_follow(tokens: list[str]) -> bool:
    """Whether the tokens after a name's comma list more names up to an "and"
    ("…, Keith Bradsher and Tariq Panja"), not a title ("…, Senior Editor")."""
    person = 0  # words of the name being read
    for k, token in enumerate(tokens):
        word = token.rstrip(",")
        if word in NAME_JOINERS:  # person is 0 after a serial comma
            return (person == 0 or is_person_length(person)) and _last_co_author(tokens[k + 1 :])
        if not is_name_word(word) or _is_role(word):
            return False  # a role: "Jane Doe, Senior Editor and Columnist"
        person += 1
        if word != token:
            if not is_person_length(person):
                return False  # "…, ACLU Speech, Privacy, and Technology Project"
            person = 0
    return False


def name_opening(text: str) -> str | None:
    """The person's name that opens text: capitalised words, with particles and co-authors.

    Stops at a date ("Jane Doe July 10, 2015"), a digit, a handle, a bracket or separator, a
    comma ("Jane Doe, Senior Editor", but not one listing co-authors: "Jane Doe, John Roe and
    Ann Poe") or the first word in lower case.
    """
    tokens = unspaced_commas(text).split()
    name: list[str] = []
    person_words = 0  # of the name being read, after a co-author's comma or "and"
    inside_nickname = 0  # tokens of a nickname already taken
    for k, token in enumerate(tokens):
        if inside_nickname:
            inside_nickname -= 1
            continue
        if _WORD_DATE.match(" ".join(tokens[k : k + 4])):
            break
        if name and (nickname := _nickname(tokens, k)):
            name += tokens[k : k + nickname]  # Amanda "Tania Mae" Tan
            inside_nickname = nickname - 1
            continue
        # "July 10" opens a date; "Nolan 22 Dec 2016" is a name before a day-first one.
        if _DAY.match(" ".join(tokens[k : k + 2])) and not _WORD_DATE.match(
            " ".join(tokens[k + 1 : k + 4])
        ):
            break
        word = token.rstrip(",;:")
        if "/" in word[1:] and word[:1].isupper():
            name.append(word.split("/")[0])  # a credit: "Jane Doe/ONE Esports"
            break
        if "@" in word[1:] and word[:1].isupper():
            name.append(word.split("@")[0])  # a handle glued on: "Jane Doe@janedoe"
            break
        if word.casefold() in _STAMP_WORDS:
            break  # "Jane Doe Veröffentlicht am 3. März 2019"
        if not word or any(ch.isdigit() or ch in "()[]" for ch in word) or word[0] in "@|/-–—•·":
            break
        joins = word.casefold() in NAME_JOINERS and tokens[k + 1 : k + 2] != []
        if word[:1].isupper() or (name and word.casefold() in NAME_PARTICLES):
            name.append(word)
            person_words += 1
        elif name and joins and tokens[k + 1][:1].isupper():
            name.append(word)  # "Kim and Jett": a second author follows
            person_words = 0
        else:
            break
        if word != token and not (token.endswith(",") and _co_authors_follow(tokens[k + 1 :])):
            break
        if word != token:
            name[-1] = token  # keeps the comma that parts two co-authors
            person_words = 0
        if person_words >= AUTHOR_MAX_WORDS:
            break
    while name and name[-1].casefold() in NAME_PARTICLES | NAME_JOINERS:
        name.pop()
    if not name or not any(sum(ch.isalpha() for ch in w) >= 2 for w in name):
        return None
    return " ".join(name)


# Words of a stamp's links, capitalised as names are ("View Comments", "Read More").
_LINK_WORDS = frozenset("view read comments comment reply share leave more print email".split())


# A person's name and the wire agency they write for, and nothing else: "Jane Doe, Reuters",
# "Jane Doe | AFP", "Jane Doe (Associated Press)".
_AGENCY_CREDIT = re.compile(
    rf"^(?P<name>[^,|/(]+?)\s*(?:[,|/–—-]\s*|\()(?:{_AGENCY_NAME.pattern})\)?$"
)


# The author and agency finders read the same lines under the headline.
@functools.lru_cache(maxsize=16384)
def _agency_credit(text: str) -> tuple[str, str] | None:
    """The name and agency of a line that credits a wire reporter, without a "By"."""
    match = _AGENCY_CREDIT.match(text)
    if not match or name_opening(match["name"]) != match["name"]:
        return None
    words = {word.casefold().strip(",") for word in match["name"].split()}
    if len(words) < 2 or not words.isdisjoint(_NOT_NAMES | _LINK_WORDS | _AGENCIES.keys()):
        return None  # a section over a wire story: "World News | Reuters"
    return match["name"], _AGENCIES[match.group(2).casefold()]


def _first_agency_credit(doc: Doc, ctx: _Context) -> tuple[str, str] | None:
    """ "Jane Doe, Reuters" under the headline: its name and agency."""
    return next(filter(None, (_agency_credit(doc.lines[i].text) for i in ctx.head_window)), None)


# "14 min read", "3 minutes read": a post's reading time, shown under its author's name.
_READING_TIME = re.compile(r"(?i)^\d+\s*min(?:ute)?s?\.?\s+read\b")


# Words of a reporter's role, shown under their name as a name is capitalised ("Senior
# Correspondent"): the line is no name.
_ROLE_WORDS = frozenset(
    """correspondent correspondents editor editors reporter reporters writer writers
    columnist contributor contributors journalist journalists producer analyst photographer
    staff redakteur redakteurin korrespondent korrespondentin autor autorin journaliste
    rédacteur rédactrice correspondant correspondante periodista corresponsal redactor
    redactora giornalista corrispondente jornalista correspondente""".split()
)


def _is_role(text: str) -> bool:
    return not _ROLE_WORDS.isdisjoint(word.casefold() for word in text.split())


# A button a blog shows between its author's name and the post's date ("Jane Doe / Follow /
# Oct 18, 2019 · 8 min read"): it breaks a byline's lines without being part of it.
_FOLLOW_BUTTON = re.compile(r"(?i)^(?:follow|following|subscribe|suivre|seguir|folgen)$")


def _over_stamp(lines: Sequence[Line], i: int) -> bool:
    """Whether the line under line i (or under its follow button) is a short date, age or
    reading time."""
    if i + 2 < len(lines) and _FOLLOW_BUTTON.match(lines[i + 1].text):
        i += 1
    if i + 1 < len(lines) and lines[i + 1].reason is LineReason.date_line:
        return True  # a stamp the date's finders read, however long
    if i + 1 >= len(lines) or word_count(lines[i + 1].text) > STAMP_MAX_WORDS:
        return False
    below = lines[i + 1].text
    if not _DIGIT.search(below):
        return False  # every date, age and reading time has a number
    if _READING_TIME.match(below) or _AGE_STAMP.search(below) or _is_age(below):
        return True
    return any(p.search(below) for p in _FULL_DATES)


# A country's name alone heads a section or an edition ("Sweden", "VENEZUELA", "Mali"): no
# masthead, no author; CLDR's names (babel) in the languages of most news sites are read once.
_PLACE_LANGUAGES = ("en", "fr", "es", "pt", "de", "it", "nl", "pl", "ru", "ar", "tr", "id")


@functools.cache
def _place_names() -> frozenset[str]:
    from babel import Locale

    return frozenset(
        name.casefold()
        for language in _PLACE_LANGUAGES
        for code, name in Locale(language).territories.items()
        if code.isalpha()  # a country, not a region of the world ("150": Europe)
    )
