import datetime as dt

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from builder.extract import dates_in, page_date_order
from builder.extract.datetext import (
    _CJK_DATE,
    _DIGIT_SEPARATOR,
    _FULL_DATES,
    _ISO_DATE,
    _NUMERIC_DATE,
    _WORD_DATE,
    _YEAR_DIGITS,
    _has_full_date,
)
from tests.helpers import PROSE, cleaned, doc_from_text

LATEST = dt.date(2030, 12, 31)
# dateparser's first parse in a process loads its locales (about 3 s): the tests that hold
# the fast readers to it share one test worker, and so that load.
pytestmark = pytest.mark.xdist_group("dateparser")


def test_dates_of_many_shapes():
    assert dates_in("Published on 15/01/2013", None, LATEST) == [dt.date(2013, 1, 15)]
    assert dates_in("2012-07-27 10:52", None, LATEST) == [dt.date(2012, 7, 27)]
    assert dates_in("WASHINGTON, Oct. 24, 2012", None, LATEST) == [dt.date(2012, 10, 24)]
    assert dates_in("22 Dec, 2016 22 Dec, 2016", None, LATEST)[0] == dt.date(2016, 12, 22)
    assert dates_in("3 février 2015", None, LATEST) == [dt.date(2015, 2, 3)]
    assert dates_in("2015年4月8日", None, LATEST) == [dt.date(2015, 4, 8)]
    assert dates_in("Posted at 2013-12-30T14:42:01-0700", None, LATEST) == [dt.date(2013, 12, 30)]
    assert dates_in("Ref. 2013-12-301", None, LATEST) == []


def test_ambiguous_numeric_date_needs_evidence():
    assert dates_in("Posted 03/04/2013", None, LATEST) == []
    assert dates_in("Posted 03/04/2013", "DMY", LATEST) == [dt.date(2013, 4, 3)]
    assert dates_in("Posted 03/04/2013", "MDY", LATEST) == [dt.date(2013, 3, 4)]
    doc = doc_from_text("a 25/12/2012\nb 03/04/2013")
    assert page_date_order(doc.lines) == "DMY"


def test_the_zone_of_the_clock_after_an_ambiguous_date_settles_its_order():
    latest = dt.date(2030, 1, 1)
    assert dates_in("10/11/2022 08:00 AM EDT", None, latest) == [dt.date(2022, 10, 11)]
    assert dates_in("02/11/2023 02:00pm GMT", None, latest) == [dt.date(2023, 11, 2)]
    assert dates_in("02/11/2023 | 14:00 (CET)", None, latest) == [dt.date(2023, 11, 2)]
    assert dates_in("02/11/2023 02:00pm", None, latest) == []  # no zone, no order
    assert dates_in("02/11/2023 14:00 et la suite", None, latest) == []  # French "and"
    # The page's own habit comes first.
    assert dates_in("02/11/2023 02:00pm EST", "DMY", latest) == [dt.date(2023, 11, 2)]


def test_a_superscript_ordinal_rendered_apart_and_an_apostrophes_year_are_read():
    assert dates_in("Dec 21 st, 2018 2:00 pm | Comments", None, LATEST) == [dt.date(2018, 12, 21)]
    assert dates_in("21 st December 2018", None, LATEST) == [dt.date(2018, 12, 21)]
    assert dates_in("Jane Doe 14 January '15, 11:57pm", None, LATEST) == [dt.date(2015, 1, 14)]
    # The apostrophe's year is the latest with its digits that the latest date allows.
    assert dates_in("3 May ’99", None, LATEST) == [dt.date(1999, 5, 3)]
    assert dates_in("3 May ’29", None, LATEST) == [dt.date(2029, 5, 3)]
    assert dates_in("3 May ’31", None, LATEST) == []  # 1931: before any page's date
    assert dates_in("Sunset Strip 21 '15", None, LATEST) == []  # no month named


def test_a_two_digit_year_is_read_in_the_latest_century_that_allows_it():
    assert dates_in("10.15.15", None, LATEST) == [dt.date(2015, 10, 15)]
    assert dates_in("Posted 3/27/15 at 10:30", None, LATEST) == [dt.date(2015, 3, 27)]
    assert dates_in("1.12.95", "DMY", LATEST) == [dt.date(1995, 12, 1)]
    assert dates_in("12/31/30", None, LATEST) == [dt.date(2030, 12, 31)]
    assert dates_in("1/1/31", "MDY", LATEST) == []  # 1931, before the earliest date
    assert dates_in("1/1/31", "MDY", dt.date(2040, 1, 1)) == [dt.date(2031, 1, 1)]
    # Its dots are no evidence of day-first ("11.03.17" is Engadget's November 3), nor is a
    # number with two different separators a date.
    assert dates_in("11.03.17 in Gadgetry", None, LATEST) == []
    assert dates_in("11.03.17 in Gadgetry", "MDY", LATEST) == [dt.date(2017, 11, 3)]
    assert dates_in("3.15-15", None, LATEST) == []
    # Nor is a version's or an address's run of numbers.
    for numbers in (
        "Version 2.13.14",
        "Release 10.15.15",
        "Vol. 2.13.14",
        "10.15.15.1",
        "1.10.15.15",
    ):
        assert dates_in(numbers, None, LATEST) == [], numbers
    page = "\n\n".join(["Regional force plans deployment of troops", "10.15.15", *PROSE])
    assert cleaned(page).meta["date"] == dt.date(2015, 10, 15)


def test_dates_out_of_range_are_not_candidates():
    assert dates_in("1 January 1985", None, LATEST) == []
    assert dates_in("1 January 2031", None, LATEST) == []
    assert dates_in("1 January 2031", None, dt.date(2040, 1, 1)) == [dt.date(2031, 1, 1)]


def test_a_date_glued_to_the_next_fields_word_is_read():
    glued = "Posted on August 2, 2019August 2, 2019Author Jane Doe"
    assert dates_in(glued, None, LATEST)[0] == dt.date(2019, 8, 2)
    assert dates_in("JaneDoe2019-01-07T17:27:31+02:00Juni", None, LATEST) == [dt.date(2019, 1, 7)]
    assert dates_in("Jane Doe | 29.07.2006um 14:26", None, LATEST) == [dt.date(2006, 7, 29)]
    # Glued to more digits it is no date: "12.05.20134", "2013-01-071".
    assert dates_in("12.05.20134 2013-01-071", None, LATEST) == []


MONTH_NAMES = [
    ("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"), ("May", "May"),
    ("June", "Jun"), ("July", "Jul"), ("August", "Aug"), ("September", "Sept"),
    ("October", "Oct"), ("November", "Nov"), ("December", "Dec"),
]  # fmt: skip


@settings(max_examples=75, deadline=None)
@given(
    day=st.integers(0, 32),
    month=st.integers(0, 11),
    short=st.booleans(),
    dot=st.booleans(),
    ordinal=st.sampled_from(["", "th", "st"]),
    year=st.integers(1990, 2030),
    layout=st.integers(0, 2),
)
def test_english_word_dates_read_without_dateparser_as_dateparser_reads_them(
    day, month, short, dot, ordinal, year, layout
):
    from builder.extract.datetext import _parse, _word_date

    name = MONTH_NAMES[month][short] + ("." if dot and short else "")
    text = (
        f"{day}{ordinal} {name} {year}",
        f"{name} {day}{ordinal}, {year}",
        f"{day}.{MONTH_NAMES[month][short]}.{year}",
    )[layout]
    assert _word_date(text, LATEST) == _parse(text, "DMY")


def test_word_dates_in_other_languages_read_without_dateparser(monkeypatch):
    from builder.extract import datetext

    def parse(*args, **kwargs):
        raise AssertionError("dateparser's first parse loads every locale: seconds a process")

    monkeypatch.setattr(datetext, "_parse", parse)
    assert datetext._word_date("24 octobre 2012", LATEST) == dt.date(2012, 10, 24)
    assert datetext._word_date("15. Januar 2013", LATEST) == dt.date(2013, 1, 15)
    assert datetext._word_date("15 de enero de 2013", LATEST) == dt.date(2013, 1, 15)
    assert datetext._word_date("1er janvier 2013", LATEST) == dt.date(2013, 1, 1)
    assert datetext._word_date("Oct. 24, 2012", LATEST) == dt.date(2012, 10, 24)
    assert datetext._word_date("31 April 2013", LATEST) is None
    # A clock's zone; Cornish writes August "est".
    assert datetext._word_date("14 EST 2013", LATEST) is None
    assert datetext._word_date("14 people 2013", LATEST) is None  # no month named


def test_a_name_of_different_months_or_of_a_day_goes_to_dateparser(monkeypatch):
    from builder.extract import datetext

    asked = []
    monkeypatch.setattr(datetext, "_parse", lambda text, order: asked.append(text))
    datetext._word_date("3 listopad 2013", LATEST)  # November in Polish, October in Croatian
    datetext._word_date("28 Sat 2013", LATEST)  # Saturday in English, September in Hausa
    assert asked == ["3 listopad 2013", "28 Sat 2013"]


# Each language's month names with the layouts it writes dates in.
_OTHER_MONTHS = [
    (("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
      "octobre", "novembre", "décembre"), ("{d} {m} {y}",)),
    (("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
      "Oktober", "November", "Dezember"), ("{d}. {m} {y}", "{d} {m} {y}")),
    (("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
      "octubre", "noviembre", "diciembre"), ("{d} de {m} de {y}", "{d} {m} {y}")),
    (("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro",
      "outubro", "novembro", "dezembro"), ("{d} de {m} de {y}",)),
    (("stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
      "września", "października", "listopada", "grudnia"), ("{d} {m} {y}",)),
]  # fmt: skip


@settings(max_examples=75, deadline=None)
@given(
    language=st.integers(0, len(_OTHER_MONTHS) - 1),
    month=st.integers(0, 11),
    day=st.integers(0, 32),
    year=st.integers(1990, 2030),
    layout=st.integers(0, 1),
)
def test_word_dates_in_other_languages_read_as_dateparser_reads_them(
    language, month, day, year, layout
):
    """As each language writes them; a mix no one writes ("1 de janvier de 1990") may be
    read where dateparser, unsure of the language, reads nothing."""
    from builder.extract.datetext import _parse, _word_date

    names, layouts = _OTHER_MONTHS[language]
    text = layouts[layout % len(layouts)].format(d=day, m=names[month], y=year)
    assert _word_date(text, LATEST) == _parse(text, "DMY")


@settings(max_examples=150, deadline=None)
@given(
    first=st.integers(0, 32),
    second=st.integers(0, 32),
    year=st.integers(1990, 2030),
    usual=st.sampled_from([None, "DMY", "MDY"]),
    separator=st.sampled_from("/.-"),
)
def test_numeric_dates_read_without_dateparser_as_dateparser_reads_them(
    first, second, year, usual, separator
):
    from builder.extract.datetext import _numeric_date, _numeric_order, _parse

    # The order as dates_in settles it: a field over 12 decides, else the page's habit.
    order = _numeric_order(first, second, usual)
    assume(order is not None)
    text = f"{first}{separator}{second}{separator}{year}"
    assert _numeric_date(first, second, year, order) == _parse(text, order)


def test_month_names_come_from_dateparsers_data_in_every_language():
    from builder.extract.datetext import month_names

    names = month_names()
    assert {"juli", "sept", "stycznia", "octobre", "10月", "октября"} <= names
    assert {"spring", "today", "issue", "2013"}.isdisjoint(names)
    assert all(name == name.casefold() for name in names)
    assert len(names) > 2000  # about 200 languages' names and abbreviations


def test_an_archives_month_is_read_without_dateparsers_parser(monkeypatch):
    import dateparser

    from builder.extract.title_shape import _is_month_name

    def parse(*args, **kwargs):
        raise AssertionError("dateparser.parse loads every locale: seconds in each process")

    monkeypatch.setattr(dateparser, "parse", parse)
    assert _is_month_name("Juli") and _is_month_name("MÄRZ") and _is_month_name("Sept")
    assert not _is_month_name("Spring") and not _is_month_name("Today")


def test_a_clocks_zone_comes_before_the_language_of_the_article():
    latest = dt.date(2030, 1, 1)
    # A Spanish page reads 10/11/2022 day first, unless the clock after it is American.
    assert dates_in("10/11/2022 08:00 AM EDT", None, latest, "DMY") == [dt.date(2022, 10, 11)]
    assert dates_in("10/11/2022 08:00", None, latest, "DMY") == [dt.date(2022, 11, 10)]
    assert dates_in("10/11/2022 08:00", "MDY", latest, "DMY") == [dt.date(2022, 10, 11)]


# The scans that pass over lines without a date hold only if every date pattern needs what
# they look for: strings drawn from each pattern show it.
@pytest.mark.parametrize("pattern", [_ISO_DATE, _WORD_DATE, _CJK_DATE], ids=["iso", "word", "cjk"])
def test_every_year_bearing_date_has_the_year_digits_the_scan_looks_for(pattern):
    @settings(max_examples=50, deadline=None)
    @given(st.from_regex(pattern))
    def check(text):
        assert _YEAR_DIGITS.search(text), text

    check()


@settings(max_examples=50, deadline=None)
@given(st.from_regex(_NUMERIC_DATE))
def test_every_numeric_date_has_the_digits_and_separator_the_scan_looks_for(text):
    assert _DIGIT_SEPARATOR.search(text), text


@settings(max_examples=50, deadline=None)
@given(
    st.one_of(
        st.from_regex(_WORD_DATE),
        st.from_regex(_NUMERIC_DATE),
        st.text(alphabet="0123456789 ./-'’年月日Marchy,", max_size=30),
    )
)
def test_a_full_date_is_found_as_the_patterns_find_it(text):
    assert _has_full_date(text) == any(p.search(text) for p in _FULL_DATES)


def test_dates_in_gives_a_list_of_its_own_each_call():
    latest = dt.date(2030, 12, 31)
    first = dates_in("Published 15/01/2013, updated 16/01/2013", "DMY", latest)
    first.append(dt.date(2000, 1, 1))  # a caller's change must not reach the memo
    assert dates_in("Published 15/01/2013, updated 16/01/2013", "DMY", latest) == [
        dt.date(2013, 1, 15),
        dt.date(2013, 1, 16),
    ]
