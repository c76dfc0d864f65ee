import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.extract import _is_age
from tests.helpers import PROSE, cleaned, reasons


def test_every_short_line_crediting_the_author_leaves_the_body():
    credit = "By Jane Doe March 18 at 12:22 PM Follow @janedoe"
    page = "\n\n".join(["Mali talks resume in Algiers", "By Jane Doe", *PROSE[:2], credit])
    doc = cleaned(page + "\n\n" + "\n\n".join(PROSE[2:]))
    assert doc.meta["author"] == "Jane Doe"
    assert reasons(doc)[credit] == "byline"
    # A sentence that names the author is the article's.
    sentence = "By Jane Doe's count, more than forty trucks crossed the border on Monday night."
    doc = cleaned("\n\n".join(["Mali talks resume in Algiers", "By Jane Doe", sentence, *PROSE]))
    assert reasons(doc)[sentence] is None


def test_a_name_the_author_note_introduces_beats_a_name_shaped_source_line():
    page = [
        "Regional force in Bamako to plan deployment",
        "Jane Doe",
        "Sahel Daily March 3, 2013",
        *PROSE,
        "Jane Doe is a reporter based in Bamako.",
    ]
    meta = cleaned("\n\n".join(page)).meta
    assert (meta["author"], meta["author_source"]) == ("Jane Doe", "text:name_line")


def test_author_from_a_by_phrase_but_not_from_a_photo_credit():
    def author_of(line: str):
        page = "\n\n".join(["Mali talks resume in Algiers", line, *PROSE])
        meta = cleaned(page).meta
        return meta["author"], meta["author_source"]

    assert author_of("Posted on March 10, 2013 by Amadou Diallo") == (
        "Amadou Diallo",
        "text:byline",
    )
    assert author_of("Photo by Amadou Diallo") == (None, None)
    assert author_of("Talks blocked by Congress") == (None, None)
    assert author_of("Amadou Diallo - March 10, 2013") == ("Amadou Diallo", "text:name_line")


def test_author_from_a_name_line_with_a_date_or_an_author_note():
    def author_of(*lines: str):
        headline = "Regional force in Bamako to plan deployment"
        meta = cleaned("\n\n".join([headline, *lines])).meta
        return meta["author"], meta["author_source"]

    dated = author_of("Amadou Diallo December 18, 2012", *PROSE)
    assert dated == ("Amadou Diallo", "text:name_line")
    note = "Amadou Diallo is a reporter based in Bamako who covers the Sahel for the paper."
    assert author_of("Amadou Diallo", *PROSE, note) == ("Amadou Diallo", "text:name_line")
    assert author_of("Amadou Diallo", *PROSE) == (None, None)  # a bare name alone says nothing
    over_a_date = ("Amadou Diallo", "text:name_line")
    assert author_of("Amadou Diallo", "Friday 25 January 2013", *PROSE) == over_a_date
    assert author_of("Amadou Diallo", "14 min read", *PROSE) == over_a_date
    assert author_of("Amadou Diallo", "3 hours ago", *PROSE) == over_a_date
    # A wire agency with a date credits the story; the name over it wrote it.
    assert author_of("AMADOU DIALLO", "Associated Press January 25, 2013", *PROSE) == (
        "AMADOU DIALLO",
        "text:name_line",
    )


def test_a_byline_may_be_one_field_of_a_long_metadata_line():
    stamp = (
        "Le Monde | 04.05.2015 à 13h36 • Mis à jour le 05.05.2015 à 20h13 | "
        "Par Amadou Diallo (avec Jane Doe et Ali Keita)"
    )
    meta = cleaned("\n\n".join(["Mali talks resume in Algiers", stamp, *PROSE])).meta
    assert (meta["author"], meta["date"]) == ("Amadou Diallo", dt.date(2015, 5, 4))


def test_a_byline_that_runs_on_into_the_authors_note():
    note = (
        "By Amadou Diallo, a correspondent who has covered the Sahel for the agency since "
        "2009 and has reported from Gao, Kidal and Timbuktu."
    )
    head = ["Mali talks resume in Algiers", note, "Jan 7, 2013, 8:54 PM UTC |", "Comments"]
    assert cleaned("\n\n".join([*head, *PROSE])).meta["author"] == "Amadou Diallo"
    # An article's own sentence is no byline, however it opens.
    sentence = "By President Keita, the mediators were told that the talks would go on in March."
    page = ["Mali talks resume in Algiers", *PROSE[:2], sentence, *PROSE[2:]]
    assert cleaned("\n\n".join(page)).meta["author"] is None


def test_a_name_over_an_age_in_any_language_is_the_author():
    headline = "Regional force in Bamako to plan deployment"
    for age in ("před 2 hodinami", "il y a 3 heures", "hace 2 horas", "2 時間前", "5 hours ago"):
        page = ["Sahel Times", headline, "Amadou Diallo", age, *PROSE]
        assert cleaned("\n\n".join(page)).meta["author"] == "Amadou Diallo", age
    for other in ("2 comments", "12 photos", "Page 2", "vor 3 Stundenplänen"):
        assert not _is_age(other), other
        page = ["Sahel Times", headline, "Amadou Diallo", other, *PROSE]
        assert cleaned("\n\n".join(page)).meta["author"] is None, other


def test_a_follow_button_between_a_name_and_its_date_is_skipped():
    headline = "Regional force in Bamako to plan deployment"
    page = ["Sign in", headline, "Amadou Diallo", "Follow", "Oct 18, 2012 · 8 min read", *PROSE]
    assert cleaned("\n\n".join(page)).meta["author"] == "Amadou Diallo"
    # Any other line between them parts the name from the date.
    page = ["Sign in", headline, "Amadou Diallo", "Top stories", "Oct 18, 2012", *PROSE]
    assert cleaned("\n\n".join(page)).meta["author"] is None


def test_a_byline_broken_after_its_by_gives_the_author():
    def author_of(*tail: str):
        page = ["Mali talks resume in Algiers", *PROSE, *tail, "Home", "About"]
        meta = cleaned("\n\n".join(page)).meta
        return meta["author"], meta["author_source"]

    signed = ("Amadou Diallo", "text:byline")
    assert author_of("Written on Jan 24 by", "Amadou Diallo") == signed
    assert author_of("Written by", "Amadou Diallo", "Written by", "Amadou Diallo") == signed
    assert author_of("Photo by", "Amadou Diallo") == (None, None)
    # Two names so signed are the commenters under a post, not its author.
    assert author_of("Posted by", "Amadou Diallo", "Posted by", "Jane Doe") == (None, None)


def test_a_site_name_or_the_subject_over_a_date_is_not_an_author():
    # The page's first line is its site's name, even when a date stands under it.
    page = ["Sahel Diaries", "Friday 25 January 2013", "Mali talks resume in Algiers", *PROSE]
    assert cleaned("\n\n".join(page)).meta["author"] is None
    # A name the page is about, introduced like an author ("Northern Mali is …"), is not one.
    lead = "Northern Mali is the region of Mali north of the Niger River, in the Sahara."
    page = ["Northern Mali", "Contents", "Northern Mali", lead, *PROSE]
    meta = cleaned("\n\n".join(page)).meta
    assert (meta["headline"], meta["author"]) == ("Northern Mali", None)


def test_by_inside_a_title_credits_no_author():
    title = "Management of Forestlands by Indigenous Peoples Key to Protecting Climate"
    page = "\n\n".join(["Home Climate " + title, title, "Posted on May 8, 2016", *PROSE])
    assert cleaned(page).meta["author"] is None
    page = "\n\n".join([title, "Posted on May 8, 2016 by Julie Mollins", *PROSE])
    assert cleaned(page).meta["author"] == "Julie Mollins"


def test_a_stamp_that_opens_with_its_date_may_name_the_author_in_a_field():
    stamp = "23.06.2016 um 16:14 Uhr - Jane Doe - 91 Ergänzungen"
    page = "\n\n".join(["Mali talks resume in Algiers", stamp, *PROSE])
    assert cleaned(page).meta["author"] == "Jane Doe"
    stamp = "January 12, 2013 at 09:40 AM | View Comments"
    page = "\n\n".join(["Mali talks resume in Algiers", stamp, *PROSE])
    assert cleaned(page).meta["author"] is None


def test_a_by_deep_in_a_line_without_a_date_is_a_titles_word():
    title = "Der VSGE und die Kommerzialisierung von Rechten Dritter"
    page = "\n\n".join(["Mali talks resume in Algiers", "March 3, 2013", *PROSE[:2], title])
    assert cleaned(page + "\n\n" + "\n\n".join(PROSE[2:])).meta["author"] is None


def test_a_reporters_role_between_name_and_date_is_no_name():
    def author_of(*lines: str):
        return cleaned("\n\n".join(["Mali talks resume in Algiers", *lines, *PROSE])).meta["author"]

    assert author_of("Jane Doe", "Senior Correspondent", "January 12, 2013") == "Jane Doe"
    assert author_of("Senior Correspondent", "January 12, 2013") is None
    assert author_of("Jane Doe", "January 12, 2013") == "Jane Doe"
    # Co-authors over the date (under a headline long enough not to be taken for a name
    # line), and not a section whose words are joined as names are.
    headline = "Mali talks resume in Algiers as rebels hold the north"
    page = [headline, "Jeanne Dupont et Paul Martin", "12 janvier 2013", *PROSE]
    assert cleaned("\n\n".join(page)).meta["author"] == "Jeanne Dupont et Paul Martin"
    assert author_of("Politique et Société", "12 janvier 2013") is None


def test_a_widgets_words_or_a_country_are_no_author():
    from builder.extract.author import could_be_author

    for junk in ("Previous Next", "Recent Posts", "Main Ingredient", "North Korea", "Mali"):
        assert not could_be_author(junk), junk
    for name in ("Aminata Keita", "Jim Garamone", "The New York Times", "Nicolas Perriault"):
        assert could_be_author(name), name
    # A name over a date is a signature; "Recent Posts" over one heads a widget.
    page = ["Mali talks resume in Algiers", "Recent Posts", "January 14, 2013", *PROSE]
    assert cleaned("\n\n".join(page)).meta["author"] is None


def test_the_authors_name_alone_leaves_the_body_as_a_byline():
    page = "\n\n".join(
        ["Regional force plans deployment of troops", "By Jane Doe", "Jane Doe", *PROSE]
    )
    doc = cleaned(page)
    assert doc.meta["author"] == "Jane Doe"
    assert reasons(doc)["Jane Doe"] == "byline"
    assert [line.text for line in doc.lines if line.kept] == PROSE


def test_a_long_stamp_opening_with_a_credit_and_dating_it_names_the_author():
    stamp = "Written by Jane Doe in Politics on 1 June 2019 at 08:34 PM EDT. 51 Comments"
    doc = cleaned("\n\n".join(["Regional force plans deployment of troops", stamp, *PROSE]))
    assert (doc.meta["author"], doc.meta["author_source"]) == ("Jane Doe", "text:byline")
    # Undated, a long line with "by" in it is a sentence: it names no author.
    told = "Written by Jane Doe in Politics, the report on the north was read by the whole cabinet"
    doc = cleaned("\n\n".join(["Regional force plans deployment of troops", told, *PROSE]))
    assert doc.meta["author"] is None


def test_a_name_over_a_long_stamp_the_date_finders_read_is_the_author():
    stamp = "Tue 29 Nov 2016 15.26 EST First published on Tue 29 Nov 2016 07.46 EST in Bamako"
    page = ["Regional force plans deployment of troops", "Jane Doe and John Roe", stamp, *PROSE]
    doc = cleaned("\n\n".join(page))
    assert reasons(doc)[stamp] == "date_line"
    assert doc.meta["author"] == "Jane Doe and John Roe"


def test_a_name_opening_a_stamp_of_fields_is_the_author_a_title_is_not():
    headline = "Regional force plans deployment of troops"
    for stamp in (
        "Jane Doe · Sahel Courier · Posted: Oct 14, 2022 9:27 AM ET",
        "Jane Doe / TNN / Updated: Oct 9, 2019, 11:05 IST",
    ):
        assert cleaned("\n\n".join([headline, stamp, *PROSE])).meta["author"] == "Jane Doe"
    stamp = "The Sahel Courier · Posted: Oct 14, 2022 9:27 AM ET"
    assert cleaned("\n\n".join([headline, stamp, *PROSE])).meta["author"] is None


def test_a_byline_loses_its_role_its_full_stop_and_its_repeat():
    from builder.extract.author import tidy_author

    cases = {
        "Howard Blume Staff Writer": "Howard Blume",
        "Ann Doe Senior Political Correspondent": "Ann Doe",
        "Andrea Wong Andrea Wong": "Andrea Wong",
        "Tatyana Turner.": "Tatyana Turner",
        "Jane Doe Jr.": "Jane Doe Jr.",
        "John Q. Public": "John Q. Public",
        "Jane Editor": "Jane Editor",
    }
    assert {name: tidy_author(name) for name in cases} == cases
    page = ["Regional force plans deployment of troops", "By Jane Doe Staff Writer", *PROSE]
    assert cleaned("\n\n".join(page)).meta["author"] == "Jane Doe"


_BY_TAILS = st.sampled_from(["by", "BY", "By", "par", "por", "Von", "door", "bye", "baby"])


@settings(max_examples=300, deadline=None)
@given(
    st.text(max_size=20),
    _BY_TAILS,
    st.sampled_from(["", " ", "  ", "\u00a0", "\t"]),
    st.sampled_from(["", ":", " :", ": "]),
)
def test_the_cheap_by_test_passes_every_line_the_pattern_finds(head, word, space, colon):
    from builder.extract.author import _BY_AT_END, _may_end_with_by

    text = f"{head}{space}{word}{colon}"
    if _BY_AT_END.search(text):
        assert _may_end_with_by(text)


def test_the_cheap_by_test_passes_over_lines_that_do_not_end_with_by():
    from builder.extract.author import _may_end_with_by

    assert _may_end_with_by("Written on Feb 24 by")
    assert _may_end_with_by("Reportage par :")
    assert not _may_end_with_by("Stand by me, the reader said.")
    assert not _may_end_with_by("Posted in News")
