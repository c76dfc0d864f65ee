"""Dates as pages write them: numeric (ordered by the page, its language or its clock's time
zone), ISO, CJK, and word months in any of CLDR's languages; a post's age ("3 hours ago")."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import importlib
import pkgutil
import re
from collections.abc import Sequence

from builder.doc import Line

EARLIEST_DATE = dt.date(1990, 1, 1)


# A date may run on into the next field's word ("29.07.2006um", "August 2, 2019Author"): a
# page rendered as text glues adjacent elements, so a date ends at its last digit.
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})(?!\d)")


# A timestamp's date too: "2013-12-30T14:42:01-0700".
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")


# Word-month shapes: "Oct. 24, 2012", "24 October 2012", "22 Dec, 2016", "3. März 2015"; a
# superscript ordinal rendered apart ("Dec 21 st, 2018"); a year abbreviated after its
# apostrophe ("14 January '15").
_WORD_DATE = re.compile(
    r"\b(?:\d{1,2}(?:\.|er|\s?(?:th|st|nd|rd))?\s+(?:de\s+)?[^\W\d_]{3,12}\.?,?\s+(?:de\s+)?"
    r"(?:\d{4}|['’]\d{2})"
    r"|[^\W\d_]{3,12}\.?\s+\d{1,2}(?:\s?(?:th|st|nd|rd))?,?\s+(?:\d{4}|['’]\d{2})"
    r"|\d{1,2}\.[^\W\d_]{3,9}\.\d{4})(?!\d)"
)


_CJK_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


# What every date pattern but the numeric one needs: a four-digit year, or two digits after an
# apostrophe ("14 January '15"); and what the numeric one needs. Scans for them (a digit first:
# re skips to the digits) pass over the lines that have none, where a date pattern, opening
# with a word boundary, is tried at every character.
_YEAR_DIGITS = re.compile(r"\d{4}|['’]\d{2}")
_DIGIT_SEPARATOR = re.compile(r"\d[./-]\d")


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


_YEAR_WRITTEN = r"(\d{4}|['’]\d{2})"


_WORD_DAY_MONTH_YEAR = re.compile(
    rf"^(\d{{1,2}})(?:\.|er|\s?{_ORDINAL})?\s+(?:de\s+)?([^\W\d_]{{3,12}})\.?,?\s+(?:de\s+)?"
    rf"{_YEAR_WRITTEN}$"
)


_WORD_MONTH_DAY_YEAR = re.compile(
    rf"^([^\W\d_]{{3,12}})\.?\s+(\d{{1,2}})(?:\s?{_ORDINAL})?,?\s+{_YEAR_WRITTEN}$"
)


_WORD_DOTTED = re.compile(r"^(\d{1,2})\.([^\W\d_]{3,9})\.(\d{4})$")


# A clock's zone ("… 10:00 EST 2013") names no month, though Cornish writes August "est".
_TIME_ZONES = frozenset(
    "est edt cst cdt mst mdt pst pdt akst akdt hst gmt utc bst ist cet cest eet eest wet west "
    "jst kst aest aedt acst awst nzst nzdt".split()
)


def _word_date(text: str, latest: dt.date) -> dt.date | None:
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
            year = _full_year(match.group(3), latest)
            if month := month or _month_numbers().get(word):
                try:
                    return dt.date(year, month, int(match.group(day_group)))
                except ValueError:
                    return None
            if len(match.group(3)) < 4:
                return None  # dateparser reads no abbreviated year
    return _parse(text, "DMY")  # a name of different months in different languages


def _full_year(written: str, latest: dt.date) -> int:
    """ "2015", or "'15" as the latest year ending in those digits no later than latest."""
    if written[0].isdigit():
        return int(written)
    return _latest_year_ending(int(written[1:]), latest)


def _latest_year_ending(two_digits: int, latest: dt.date) -> int:
    year = latest.year - latest.year % 100 + two_digits
    return year - 100 if year > latest.year else year


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
        if _DIGIT_SEPARATOR.search(line.text) is None:
            continue  # most lines
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
    year = _latest_year_ending(int(match.group(3)), latest)
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
    if len(text) > DATES_MEMO_MAX_CHARS:  # a paragraph: read once, never again
        return list(_dates_in.__wrapped__(text, page_order, latest, fallback_order))
    return list(_dates_in(text, page_order, latest, fallback_order))


# The finders read a page's stamp lines several times, and a site's pages share their chrome;
# a paragraph the date context reads is seldom met again and would crowd the memo.
DATES_MEMO_MAX_CHARS = 200


@functools.lru_cache(maxsize=65536)
def _dates_in(
    text: str, page_order: str | None, latest: dt.date, fallback_order: str | None
) -> tuple[dt.date, ...]:
    found: list[tuple[int, dt.date]] = []
    # An ISO, CJK or word-month date holds a four-digit year or an apostrophe's two digits.
    dated = _YEAR_DIGITS.search(text) is not None
    for match in _ISO_DATE.finditer(text) if dated else ():
        year, month, day = (int(g) for g in match.groups())
        with contextlib.suppress(ValueError):
            found.append((match.start(), dt.date(year, month, day)))
    for match in _CJK_DATE.finditer(text) if dated else ():
        year, month, day = (int(g) for g in match.groups())
        with contextlib.suppress(ValueError):
            found.append((match.start(), dt.date(year, month, day)))
    for match in _NUMERIC_DATE.finditer(text) if _DIGIT_SEPARATOR.search(text) else ():
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
    for match in _WORD_DATE.finditer(text) if dated else ():
        if date := _word_date(match.group(0), latest):
            found.append((match.start(), date))
    return tuple(d for _, d in sorted(found) if EARLIEST_DATE <= d <= latest)


_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")


_FULL_DATES = (_NUMERIC_DATE, _ISO_DATE, _WORD_DATE, _CJK_DATE)
_YEARED_DATES = (_ISO_DATE, _WORD_DATE, _CJK_DATE)  # each holds _YEAR_DIGITS


_DIGIT = re.compile(r"\d")


def _has_full_date(text: str) -> bool:
    if _DIGIT.search(text) is None:
        return False
    if _DIGIT_SEPARATOR.search(text) and _NUMERIC_DATE.search(text):
        return True
    return _YEAR_DIGITS.search(text) is not None and any(p.search(text) for p in _YEARED_DATES)


# A person's name standing alone above an article with a date, a handle or an age:
# "Dan Goodin - Apr 16, 2015", "Devindra Hardawar, @devindra", "Alex Perry 1 day ago".
_AGE = r"\d+ ?(?:minutes?|hours?|days?|[mhd]) ago"


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
