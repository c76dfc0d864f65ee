"""What several fields' finders read, in one place so that no field module imports another.

The date parser (``dates_in``: every date a stamp, a dateline or a signature states) and the
reading of a stamp line's own dates (``_stated_dates``, for the date and the agency); the
person-name reader (``name_opening``, for bylines and for the headline's test of one) with the
words of a reporter's role; the tests of a line's shape that the headline, outlet and author
share (a full date, a byline's keyword, a date, age or reading time under a name); the wire
agencies and a reporter's credit to one (author and agency); and how a finder records the
evidence of its choice for the confidence stage (headline and outlet).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import importlib
import json
import math
import pkgutil
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from builder.clean import (
    NAME_JOINERS,
    NAME_PARTICLES,
    is_name_word,
    is_person_length,
    unspaced_commas,
    word_count,
)
from builder.doc import BuildError, Doc, Line, LineReason

if TYPE_CHECKING:
    from builder.extract import _Context


EARLIEST_DATE = dt.date(1990, 1, 1)
# How far below the headline (or the article's first line) a date stamp may stand.
STAMP_REACH = 10
# A stamp or byline line holds this many words at most.
STAMP_MAX_WORDS = 14

_SEPARATORS = re.compile(r"\s+[-|–—:·»]{1,2}\s+")
# A date may run on into the next field's word ("29.07.2006um", "August 2, 2019Author"): a
# page rendered as text glues adjacent elements, so a date ends at its last digit.
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})(?!\d)")
# A timestamp's date too: "2013-12-30T14:42:01-0700".
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
# Word-month shapes: "Oct. 24, 2012", "24 October 2012", "22 Dec, 2016", "3. März 2015".
_WORD_DATE = re.compile(
    r"\b(?:\d{1,2}(?:\.|er|th|st|nd|rd)?\s+(?:de\s+)?[^\W\d_]{3,12}\.?,?\s+(?:de\s+)?\d{4}"
    r"|[^\W\d_]{3,12}\.?\s+\d{1,2}(?:th|st|nd|rd)?,?\s+\d{4}"
    r"|\d{1,2}\.[^\W\d_]{3,9}\.\d{4})(?!\d)"
)
_CJK_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# The words that label a publication date, in the scripts written with spaces.
_PUBLISHED_WORDS = r"published|posted|publi[ée]e?|veröffentlicht|publicado|pubblicato|date"
_PUBLISHED = re.compile(
    rf"(?i)\b(?:{_PUBLISHED_WORDS}|发布时间|发稿时间|发表时间|发布日期|公開日|配信日)\b"
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
    if sorted(weights) != sorted(features):
        raise BuildError(
            f"{CHOICE_MODEL_FILE}: the {field} weights name {', '.join(sorted(weights))}; "
            f"the features are {', '.join(sorted(features))} (refit: benchmarks/fit_weights.py)"
        )
    return {name: float(weights[name]) for name in features}


# Headline and outlet finders normalise every line of a page, some more than once.
@functools.lru_cache(maxsize=16384)
def _norm(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").split())


@functools.lru_cache(maxsize=4096)
def _parse(candidate: str, order: str) -> dt.date | None:
    import dateparser

    parsed = dateparser.parse(
        candidate,
        settings={
            "DATE_ORDER": order,
            "REQUIRE_PARTS": ["day", "month", "year"],
            "PREFER_DATES_FROM": "past",
            "RELATIVE_BASE": dt.datetime(2000, 1, 1),
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    return parsed.date() if parsed else None


_ENGLISH_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
# A word date ("24 October 2012", "Oct. 24, 2012", "24.Oct.2012", "15. Januar 2013", "15 de
# enero de 2013", "1er janvier 2013") is read from the month names of dateparser's CLDR data,
# without dateparser, whose first parse in a process loads every locale (seconds).
_ORDINAL = r"(?i:th|st|nd|rd)"
_WORD_DAY_MONTH_YEAR = re.compile(
    rf"^(\d{{1,2}})(?:\.|er|{_ORDINAL})?\s+(?:de\s+)?([^\W\d_]{{3,12}})\.?,?\s+(?:de\s+)?(\d{{4}})$"
)
_WORD_MONTH_DAY_YEAR = re.compile(
    rf"^([^\W\d_]{{3,12}})\.?\s+(\d{{1,2}}){_ORDINAL}?,?\s+(\d{{4}})$"
)
_WORD_DOTTED = re.compile(r"^(\d{1,2})\.([^\W\d_]{3,9})\.(\d{4})$")
# A clock's zone ("… 10:00 EST 2013") names no month, though Cornish writes August "est".
_TIME_ZONES = frozenset(
    "est edt cst cdt mst mdt pst pdt akst akdt hst gmt utc bst ist cet cest eet eest wet west "
    "jst kst aest aedt acst awst nzst nzdt".split()
)


def _word_date(text: str) -> dt.date | None:
    """A word date: a month name of any language read directly, through dateparser only when
    the name is another month's (or a day's) in another language."""
    for pattern, day_group, month_group in (
        (_WORD_DAY_MONTH_YEAR, 1, 2),
        (_WORD_MONTH_DAY_YEAR, 2, 1),
        (_WORD_DOTTED, 1, 2),
    ):
        if match := pattern.match(text):
            word = match.group(month_group).casefold()
            month = _ENGLISH_MONTHS.get(word)
            if month is None and (word not in month_names() or word in _TIME_ZONES):
                return None  # no month named, none for dateparser to find either
            if month := month or _month_numbers().get(word):
                try:
                    return dt.date(int(match.group(3)), month, int(match.group(day_group)))
                except ValueError:
                    return None
    return _parse(text, "DMY")  # a name of different months in different languages


def _numeric_date(first: int, second: int, year: int, order: str) -> dt.date | None:
    """A numeric date whose order is settled: no parser needed."""
    day, month = (first, second) if order == "DMY" else (second, first)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _numeric_order(a: int, b: int, page_order: str | None) -> str | None:
    """Day-first or month-first, from evidence only: a field above 12, else the page's habit."""
    if a > 12 and b <= 12:
        return "DMY"
    if b > 12 and a <= 12:
        return "MDY"
    if a == b:
        return "DMY"
    return page_order


def page_date_order(lines: Sequence[Line]) -> str | None:
    """The order the page's unambiguous numeric dates use, when they agree."""
    return numeric_date_survey(lines)[0]


def numeric_date_survey(lines: Sequence[Line]) -> tuple[str | None, bool]:
    """In one pass over the page: the order its unambiguous numeric dates use, when they
    agree, and whether a line states a numeric date only an order can read ("03/05/2022")."""
    orders = set()
    ambiguous = False
    for line in lines:
        for match in _NUMERIC_DATE.finditer(line.text):
            first, second = int(match.group(1)), int(match.group(2))
            order = _numeric_order(first, second, None)
            if order and match.group(1) != match.group(2):
                orders.add(order)
            elif order is None and not ("." in match.group(0) and len(match.group(3)) == 4):
                ambiguous = True  # a dotted date with its full year is read day first anyway
    return (orders.pop() if len(orders) == 1 else None), ambiguous


# What a two-digit-year date must not follow or run on into: a version's or an address's parts.
_VERSION_BEFORE = re.compile(r"(?i)(?:\b(?:version|release|build|rev|vol|no|nr|v)\.?\s*|\d\.)$")
_MORE_PARTS = re.compile(r"\.\d")


def _with_century(match: re.Match[str], latest: dt.date) -> str | None:
    """ "10.15.15" as "10.15.2015": the latest year ending in those digits, no later than the
    latest date allowed. Its two separators must agree ("3.1-15" is no date)."""
    text, start = match.group(0), match.start()
    separator = text[match.end(1) - start]
    if text[match.end(2) - start] != separator:
        return None
    before, after = match.string[:start], match.string[match.end() :]
    if _VERSION_BEFORE.search(before) or _MORE_PARTS.match(after):
        return None  # "Version 2.13.14", "10.15.15.1": a version or an address, no date
    century = latest.year - latest.year % 100
    year = century + int(match.group(3))
    year -= 100 if year > latest.year else 0
    return f"{match.group(1)}{separator}{match.group(2)}{separator}{year}"


# The zone of the clock after a numeric date says whose order it is written in: "10/11/2022
# 08:00 AM EDT" is American, month first; "02/11/2023 02:00pm GMT" British, day first.
_ZONE_ORDERS = {
    **dict.fromkeys("EST EDT CST CDT MST MDT PST PDT AKST AKDT HST ET CT MT PT".split(), "MDY"),
    **dict.fromkeys(
        "GMT BST CET CEST EET EEST WET WEST AEST AEDT ACST AWST NZST NZDT".split(), "DMY"
    ),
}
_CLOCK_ZONE = re.compile(
    r"[\s,|–-]*(?:\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?i:[ap]\.?m\.?)?\s*)\(?"
    rf"({'|'.join(_ZONE_ORDERS)})\b"
)


def dates_in(
    text: str, page_order: str | None, latest: dt.date, fallback_order: str | None = None
) -> list[dt.date]:
    """Every full date (day, month, year) the text states, in order of appearance.

    An ambiguous numeric date is read in the page's order, else in the order the zone of the
    clock after it implies, else in fallback_order (the article's language's)."""
    found: list[tuple[int, dt.date]] = []
    for match in _ISO_DATE.finditer(text):
        year, month, day = (int(g) for g in match.groups())
        with contextlib.suppress(ValueError):
            found.append((match.start(), dt.date(year, month, day)))
    for match in _CJK_DATE.finditer(text):
        year, month, day = (int(g) for g in match.groups())
        with contextlib.suppress(ValueError):
            found.append((match.start(), dt.date(year, month, day)))
    for match in _NUMERIC_DATE.finditer(text):
        candidate = match.group(0)
        if len(match.group(3)) == 2:
            candidate = _with_century(match, latest)
            if candidate is None:
                continue
            # "11.03.17" is month-first at Engadget: a two-digit year's dots say nothing.
            usual = page_order
        else:
            # Dotted dates (08.04.2015) are day-first wherever they are written.
            usual = "DMY" if "." in candidate else page_order
        if usual is None and (zone := _CLOCK_ZONE.match(text, match.end())):
            usual = _ZONE_ORDERS[zone.group(1)]
        usual = usual or fallback_order
        first, second = int(match.group(1)), int(match.group(2))
        order = _numeric_order(first, second, usual)
        year = int(candidate.rsplit(candidate[len(match.group(1))], 1)[-1])
        if order and (date := _numeric_date(first, second, year, order)):
            found.append((match.start(), date))
    for match in _WORD_DATE.finditer(text):
        if date := _word_date(match.group(0)):
            found.append((match.start(), date))
    return [d for _, d in sorted(found) if EARLIEST_DATE <= d <= latest]


_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
# "By Jane Doe", "Par …", "By: …": the keyword of a byline, wherever it stands in a line.
_BY_KEYWORD = re.compile(r"(?i)(?:^|(?<=\s))(?:by|par|por|von|door)\s*:?\s+(?=\S)")
_FULL_DATES = (_NUMERIC_DATE, _ISO_DATE, _WORD_DATE, _CJK_DATE)


_DIGIT = re.compile(r"\d")


def _has_full_date(text: str) -> bool:
    return _DIGIT.search(text) is not None and any(p.search(text) for p in _FULL_DATES)


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
    by = _BY_KEYWORD.match(stated)
    signed = by is not None and name_opening(stated[by.end() :]) is not None
    limit = STAMP_MAX_WORDS * (2 if published or signed else 1)
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
# A person's name standing alone above an article with a date, a handle or an age:
# "Dan Goodin - Apr 16, 2015", "Devindra Hardawar, @devindra", "Alex Perry 1 day ago".
_AGE = r"\d+ ?(?:minutes?|hours?|days?|[mhd]) ago"
_NAME_LINE = re.compile(
    r"^(?P<name>[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3})"
    rf"(?:,? @\w+.*| [-–—•|] .*\d.*| {_AGE})$"
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
_AGE_STAMP = re.compile(rf"\b{_AGE}\b")
# How dateparser's language data writes the number of a relative date.
_CLDR_NUMBER = r"(\d++[.,]?\d*+)"
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


_MONTH_KEYS = (
    *("january", "february", "march", "april", "may", "june", "july", "august"),
    *("september", "october", "november", "december"),
)
_DAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@functools.cache
def _cldr_infos() -> tuple[dict, ...]:
    """Each language's data in dateparser's CLDR files (about 200), read from the files: asking
    dateparser to parse loads every locale's parser, seconds in each process."""
    import dateparser.data.date_translation_data as data

    return tuple(
        importlib.import_module(f"{data.__name__}.{module.name}").info
        for module in pkgutil.iter_modules(data.__path__)
    )


@functools.cache
def month_names() -> frozenset[str]:
    """Every name and abbreviation of a month in dateparser's CLDR data (about 200 languages:
    "juli", "sept", "stycznia", "10月"), case folded."""
    names: set[str] = set()
    for info in _cldr_infos():
        for key in _MONTH_KEYS:
            names.update(name.casefold() for name in info.get(key, ()))
    return frozenset(names)


@functools.cache
def _month_numbers() -> dict[str, int]:
    """The month each name or abbreviation of dateparser's CLDR data names ("janvier" 1,
    "juli" 7), case folded; a name of different months in different languages ("listopad",
    November in Polish and October in Croatian), or of a day too, is left out, for dateparser
    to read in the language of the text around it."""
    found: dict[str, set[int]] = {}
    days: set[str] = set()  # "sat" names a month somewhere, and Saturday in English
    for info in _cldr_infos():
        for number, key in enumerate(_MONTH_KEYS, start=1):
            for name in info.get(key, ()):
                found.setdefault(name.casefold(), set()).add(number)
        for key in _DAY_KEYS:
            days.update(name.casefold() for name in info.get(key, ()))
    return {
        name: numbers.pop()
        for name, numbers in found.items()
        if len(numbers) == 1 and name not in days
    }


@functools.cache
def _ago_phrases() -> tuple[dict[str, frozenset[str]], tuple[int, ...]]:
    """The words around the number of every "<n> <unit> ago" phrase in dateparser's CLDR data
    (about 200 languages: "před 2 hodinami", "il y a 3 heures", "2 時間前"), case folded: the
    words before it for each of the words after it, and the lengths of the words after it."""
    befores: dict[str, set[str]] = {}
    for info in _cldr_infos():
        for relative, patterns in info.get("relative-type-regex", {}).items():
            if not relative.endswith(" ago"):
                continue
            for pattern in patterns:
                before, _, after = pattern.partition(_CLDR_NUMBER)
                if _ and not re.search(r"[\\()\[\]{}?*+|^$]", before + after):
                    befores.setdefault(after.casefold(), set()).add(before.casefold())
    return (
        {after: frozenset(words) for after, words in befores.items()},
        tuple(sorted({len(after) for after in befores})),
    )


def _is_age(text: str) -> bool:
    """Whether text gives an age in any language dateparser knows ("před 2 hodinami")."""
    if not any(ch.isdigit() for ch in text):
        return False
    befores, after_sizes = _ago_phrases()
    folded = text.casefold()
    for number in _NUMBER.finditer(folded):
        start, end = number.span()
        # The words after the number first: few numbers on a page are followed by a unit.
        for size in after_sizes:
            after = folded[end : end + size]
            if len(after) < size or after not in befores:
                continue
            following = folded[end + size : end + size + 1]
            if after and after[-1].isalpha() and following.isalpha():
                continue  # inside a longer word
            for before in befores[after]:
                size_before = len(before)
                if size_before > start or folded[start - size_before : start] != before:
                    continue
                inside_word = size_before and before[0].isalpha() and start > size_before
                if not (inside_word and folded[start - size_before - 1].isalpha()):
                    return True
    return False


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
    if i + 1 >= len(lines) or word_count(lines[i + 1].text) > STAMP_MAX_WORDS:
        return False
    below = lines[i + 1].text
    if not _DIGIT.search(below):
        return False  # every date, age and reading time has a number
    if _READING_TIME.match(below) or _AGE_STAMP.search(below) or _is_age(below):
        return True
    return any(p.search(below) for p in _FULL_DATES)
