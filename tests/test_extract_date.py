import datetime as dt

from builder.clean import clean
from builder.extract import extract_with_context
from tests.helpers import PROSE, cleaned, doc_from_text, reasons


def test_a_line_opening_with_a_date_and_a_clock_time_is_a_stamp_however_long():
    place = "発信地：カノ/ナイジェリア [ ナイジェリア アフリカ 中東 ヨーロッパ アジア 北米 南米 ]"
    for stamp, date in [
        (f"2018年6月18日 10:01 {place}", dt.date(2018, 6, 18)),
        ("March 3, 2013 10:01 AM filed from Bamako by the desk of our correspondents in the "
         "north of the country, with reporting from Gao and Timbuktu", dt.date(2013, 3, 3)),
    ]:  # fmt: skip
        page = "\n\n".join(["Regional force plans deployment of troops", stamp, *PROSE])
        assert cleaned(page).meta["date"] == date
    # Nor is a long line with a date and a time further in a stamp: it tells of an event.
    told = (
        "The talks that were planned in Bamako for the north of the country will now take "
        "place on March 3, 2013 at 10:01 in the capital"
    )
    page = "\n\n".join(["Regional force plans deployment of troops", told, *PROSE])
    assert cleaned(page).meta["date"] is None


def test_stamp_skips_updated_dates_and_embedded_posts():
    def date_of(*stamps: str):
        meta = cleaned("\n\n".join(["Mali talks resume in Algiers", *stamps, *PROSE])).meta
        return meta["date"], meta["date_source"]

    assert date_of("Le Monde | 04.05.2015 à 13h36 • Mis à jour le 05.05.2015") == (
        dt.date(2015, 5, 4),
        "text:stamp",
    )
    # When the page says only when it was last changed, that is the date, and its source
    # says so: the article was published then or before.
    updated = (dt.date(2015, 1, 7), "text:updated")
    assert date_of("Updated: January 7, 2015") == updated
    assert date_of("Updated 4:48 PM EST, Wed January 7, 2015") == updated
    assert date_of("Actualizado el 17/01/2015 a las 10:30") == (dt.date(2015, 1, 17), updated[1])
    assert date_of("更新时间 2015年1月7日, 格林尼治标准时间10:41") == updated
    assert date_of("Updated: January 7, 2015", "Jane Doe, January 5, 2015") == (
        dt.date(2015, 1, 5),
        "text:stamp",
    )
    # A headline naming an earlier year was published before the update, by how much unknown.
    page = ["The best films of 2014", "Updated: January 7, 2015", *PROSE]
    assert cleaned("\n\n".join(page)).meta["date"] is None
    assert date_of("— Jane Doe (@janedoe) August 22, 2013") == (None, None)  # an embedded post's
    for shared in (
        "A post shared by Jane Doe (@janedoe) on Jun 16, 2019 at 7:30am PDT",
        "Ein Beitrag geteilt von Jane Doe (@jane.doe) am 23. Okt 2017 um 0:31 Uhr",
    ):
        assert date_of(shared) == (None, None), shared
    assert date_of("Founded February 28, 1998; 18 years ago") == (None, None)  # a fact's date
    assert date_of("Posted August 22, 2013") == (dt.date(2013, 8, 22), "text:stamp")
    # An update stated first does not hide the publication date after it.
    published = (dt.date(2013, 1, 12), "text:stamp")
    assert date_of("Updated: Jan 13, 2013 | Published: Jan 12, 2013") == published
    assert date_of("Last updated on 13 January 2013. Published on 12 January 2013") == published


def test_a_date_under_the_articles_paragraphs_dates_something_else():
    box = ["Recommended", "Remembering the old market of Gao", "Jane Roe", "Jul 17, 2014"]
    more = [
        "Residents of Gao said the market had reopened on Tuesday for the first time in months.",
        "Traders brought grain from Mopti by boat, and prices fell for the second week in a row.",
    ]
    page = "\n\n".join(["Mali talks resume in Algiers", "1:39 PM ET", *PROSE, *box, *more])
    assert cleaned(page).meta["date"] is None  # the teaser's date, under four paragraphs
    deck = "The talks in Algiers drew the regional force and the mediators to one table."
    page = "\n\n".join(["Mali talks resume in Algiers", deck, "Jan 17, 2013", *PROSE, *more])
    assert cleaned(page).meta["date"] == dt.date(2013, 1, 17)  # a deck is not the article


def test_long_stamp_lines_and_published_lines_below_the_article():
    stamp = "Thu 3 Jan 2019 02.00 EST Last modified on Wed 16 Jan 2019 06.18 EST " + "x " * 8
    page = "\n\n".join(["Mali talks resume in Algiers", stamp.strip(), *PROSE])
    assert cleaned(page).meta["date"] == dt.date(2019, 1, 3)  # 15 words, but before "modified"
    references = [f"Reference {n}. Published: 7 January 2011" for n in range(3)]
    far = "\n\n".join(["Mali talks resume in Algiers", *PROSE * 6, *references])
    assert cleaned(far).meta["date"] is None  # a reference's date is not the article's


def test_a_post_signed_under_its_last_paragraph():
    headline = "Regional force in Bamako to plan deployment"
    # Long enough that the signature stands beyond the headline's stamp neighbourhood.
    article = [f"{sentence[:-1]}, day {day}." for day in range(1, 5) for sentence in PROSE]
    signature = "Amadou Diallo — 2013-01-29 — in Sahel — Permalink — License"
    doc = cleaned("\n\n".join([headline, *article, signature, "Home", "About", "Contact"]))
    assert (doc.meta["date"], doc.meta["date_source"]) == (dt.date(2013, 1, 29), "text:stamp")
    assert (doc.meta["author"], doc.meta["author_source"]) == ("Amadou Diallo", "text:name_line")
    assert [line.text for line in doc.lines if line.kept] == article
    # Kept by the cleaner as the article's last paragraph, the signature still leaves it.
    doc = clean(doc_from_text("\n\n".join([headline, *article, signature, "Home", "About"])))
    doc.lines[len(article) + 1].reason = None
    doc, _ = extract_with_context(doc)
    assert [line.text for line in doc.lines if line.kept] == article
    # Further down, past the page's links, a signed and dated line is somebody else's.
    doc = cleaned("\n\n".join([headline, *article, "Home", "About", "Comments", signature]))
    assert (doc.meta["date"], doc.meta["author"]) == (None, None)


def test_the_one_date_a_label_gives_dates_the_page_wherever_it_stands():
    box = ["Date 19.01.2020", "Author Ben Knight", "Keywords Berlin, colonialism"]
    more = [
        "Residents of Gao said the market had reopened on Tuesday for the first time in months.",
        "Traders brought grain from Mopti by boat, and prices fell for the second week in a row.",
    ]
    page = "\n\n".join(["Mali talks resume in Algiers", *PROSE, *more, *box])
    meta = cleaned(page).meta
    assert (meta["date"], meta["date_source"]) == (dt.date(2020, 1, 19), "text:stamp")
    # Labels that disagree date a list of events, not the page.
    events = ["Date: 12.03.2019", "Market day in Gao", "Date: 14.05.2019", "Harvest in Mopti"]
    assert (
        cleaned("\n\n".join(["Mali talks resume in Algiers", *PROSE, *events])).meta["date"] is None
    )


def test_a_signature_may_part_name_and_date_with_a_bar():
    page = "\n\n".join(["Mali talks resume in Algiers", *PROSE, "Jane Doe | 29.07.2006 um 14:26"])
    meta = cleaned(page).meta
    assert (meta["date"], meta["author"]) == (dt.date(2006, 7, 29), "Jane Doe")


def test_a_date_signed_by_the_name_that_ends_it_under_the_article():
    headline = "Regional force in Bamako to plan deployment"
    article = [f"{sentence[:-1]}, day {day}." for day in range(1, 5) for sentence in PROSE]
    signature = "January 29, 2013 at 02:13PM EST by Amadou Diallo"
    doc = cleaned("\n\n".join([headline, *article, signature, "Related:", "Home", "About"]))
    assert doc.meta["date"] == dt.date(2013, 1, 29)
    accented = "January 29, 2013 by Élodie Durand"
    doc = cleaned("\n\n".join([headline, *article, accented, "Related:", "Home", "About"]))
    assert doc.meta["date"] == dt.date(2013, 1, 29)
    credit = "January 29, 2013 Photo by Getty Images"
    doc = cleaned("\n\n".join([headline, *article, credit, "Related:", "Home", "About"]))
    assert doc.meta["date"] is None  # a picture's credit signs nothing
    # Without the name, a date under the article dates something else.
    unsigned = "January 29, 2013 at 02:13PM EST"
    doc = cleaned("\n\n".join([headline, *article, unsigned, "Related:", "Home", "About"]))
    assert doc.meta["date"] is None


def test_a_byline_that_dates_the_article_may_run_long():
    byline = "By Amadou Diallo and Fatou Traore Oct. 31, 2014 | 10:49 a.m. EDT + More Share"
    page = "\n\n".join(["Mali talks resume in Algiers", byline, *PROSE])
    assert cleaned(page).meta["date"] == dt.date(2014, 10, 31)
    # As long, but no byline: a sentence that happens to hold a date.
    sentence = "Troops from Chad and Niger arrived Oct. 31, 2014 | 10:49 a.m. EDT + More Share"
    page = "\n\n".join(["Mali talks resume in Algiers", sentence, *PROSE])
    assert cleaned(page).meta["date"] is None


def test_a_numeric_date_reads_day_first_where_the_article_is_not_in_english():
    portuguese = [
        "O governo do Mali lançou nesta sexta-feira uma ofensiva contra os grupos armados.",
        "Segundo fontes militares, aviões de países amigos apoiam as tropas malianas em Konna.",
        "A França pediu aos seus cidadãos que deixem o país o mais rapidamente possível.",
    ]
    stamp = "Por Amadou Diallo | 03/05/2022 20:36"
    page = "\n\n".join(["Mali lança ofensiva contra grupos armados no norte", stamp, *portuguese])
    assert cleaned(page).meta["date"] == dt.date(2022, 5, 3)
    # In English 03/05/2022 is March in one country and May in another: no date.
    english = "\n\n".join(["Mali talks resume in Algiers", "By Amadou Diallo | 03/05/2022", *PROSE])
    assert cleaned(english).meta["date"] is None


def test_a_stamp_under_the_headline_outranks_one_as_near_above_it():
    page = [
        "Home",
        "September 11, 2023",  # a related story's, a section's
        "Mali talks resume in Algiers",
        "By Amadou Diallo",
        "September 13, 2023",
        *PROSE,
    ]
    meta = cleaned("\n\n".join(page)).meta
    assert meta["headline"] == "Mali talks resume in Algiers"
    assert meta["date"] == dt.date(2023, 9, 13)


def test_the_stamp_under_a_headline_counts_however_many_buttons_stand_above_it():
    # The headline shown twice, a row of share buttons between: the stamp under the second
    # copy is further than a stamp's reach from the first, but still above the article.
    headline = "College football player arrested on murder charge in Georgia"
    buttons = ["Facebook", "Twitter", "WhatsApp", "SMS", "Email", "Print", "Save"]
    page = ["Home", headline, "Share this", *buttons * 2, "AP", headline, "Sep 30, 2020"]
    meta = cleaned("\n\n".join([*page, "1 hr ago", "Share this", "Facebook", *PROSE])).meta
    assert meta["headline"] == headline
    assert meta["date"] == dt.date(2020, 9, 30)


def test_the_stamp_right_under_the_first_byline_dates_the_page_however_far_down():
    headline = "Regional force in Bamako to plan deployment"
    article = [f"{sentence[:-1]}, day {day}." for day in range(1, 4) for sentence in PROSE]

    def date_of(*signed: str):
        doc = cleaned("\n\n".join([headline, *article, *signed, "Home", "About", "Contact"]))
        return doc.meta["date"], doc.meta["evidence"].get("date", {}).get("finder")

    # Twelve paragraphs down, out of the headline's reach: the byline's stamp still dates it.
    found = (dt.date(2020, 12, 23), "find_date_bylined")
    assert date_of("By Jane Doe", "Dec 23, 2020 at 10:42 AM") == found
    assert date_of("By Jane Doe", "The Daily Planet |", "Dec 23, 2020 at 10:42 AM") == found
    # Further under it, a date is something else's; and only the first byline is the page's.
    assert date_of("By Jane Doe", "Bamako", "Mopti", "Dec 23, 2020 at 10:42 AM") == (None, None)
    first = ("By Jane Doe", "Bamako", "Mopti", "Gao", "By John Roe", "Dec 23, 2020 at 10:42 AM")
    assert date_of(*first) == (None, None)


def test_the_stamp_right_under_a_copy_of_the_headline_dates_the_page_however_far_up():
    headline = "Regional force in Bamako to plan deployment"
    menu = [f"Section {n}" for n in range(1, 15)]

    def date_of(*under: str):
        page = [f"{headline} | Sahel Times", *under, *menu, headline, *PROSE, "Home", "About"]
        doc = cleaned("\n\n".join(page))
        return doc.meta["date"], doc.meta["evidence"].get("date", {}).get("finder")

    # The page title's stamp, fourteen menu lines above the article's heading.
    found = (dt.date(2020, 10, 23), "find_date_headlined")
    assert date_of("23/10/2020") == found
    assert date_of("Share", "October 23, 2020") == found
    # Further under it, or under prose, a date is something else's.
    assert date_of("Share", "Print", "October 23, 2020") == (None, None)
    assert date_of(PROSE[0], "October 23, 2020") == (None, None)


def test_a_sentence_naming_a_date_is_no_publication_label():
    # "date" labels a stamp where it opens the line ("Date 19.01.2020"), not inside a
    # sentence that names some other day.
    opening = "The talks have a new date for the accord to be signed in Bamako: March 31, 2014."
    doc = cleaned("\n\n".join(["Mali talks resume in Algiers", "Oct 13, 2013", opening, *PROSE]))
    assert doc.meta["date"] == dt.date(2013, 10, 13)
    doc = cleaned("\n\n".join(["Mali talks resume in Algiers", "Date: 13.10.2013", *PROSE]))
    assert doc.meta["date"] == dt.date(2013, 10, 13)


def test_a_stamp_saying_published_leaves_the_body_however_long():
    stamps = (
        "PUBLISHED: November 8, 2023 at 11:30 p.m. | UPDATED: November 9, 2023 at 12:21 a.m.",
        "Mark Hicks, The Sahel Courier Published 7:40 p.m. ET March 17, 2020",
    )
    for stamp in stamps:
        doc = cleaned("\n\n".join(["Regional force plans deployment of troops", stamp, *PROSE]))
        assert [line.text for line in doc.lines if line.kept] == PROSE, stamp
        assert next(line for line in doc.lines if line.text == stamp).reason.value == "date_line"
    # A long stamp that does not say so stays: it may be the article's sentence.
    told = "On March 3, 2013 at 10:01 the regional force began to move north of the river Niger"
    doc = cleaned("\n\n".join(["Regional force plans deployment of troops", told, *PROSE]))
    assert told in [line.text for line in doc.lines if line.kept]


def test_the_dates_heading_a_timelines_entries_stay():
    headline = "Mali: how the crisis unfolded"
    article = [f"{sentence[:-1]}, paragraph {k}." for k in range(2) for sentence in PROSE]
    entries = ["January 10, 2013", PROSE[0], "January 11, 2013", PROSE[1]]
    entries += ["January 26, 2013", PROSE[2], "January 28, 2013", PROSE[3]]
    doc = cleaned("\n\n".join([headline, *article, *entries]))
    assert [line.text for line in doc.lines if line.kept] == [*article, *entries]
    # Two such lines are stamps, wherever they stand.
    doc = cleaned("\n\n".join([headline, *article, *entries[:4]]))
    assert [line.text for line in doc.lines if line.kept] == [*article, *PROSE[:2]]
    # A timeline from the article's first line: its first entry's date is not the page's.
    doc = cleaned("\n\n".join([headline, *entries]))
    assert [line.text for line in doc.lines if line.kept] == entries[1:]
    assert doc.meta["date"] is None


def test_an_update_stamp_and_a_long_signed_stamp_leave_the_body():
    headline = "Regional force plans deployment of troops"
    signed = "By Jane Doe / June 12, 2020 9:49 am EST / Updated: Aug. 18, 2020 4:17 pm EST"
    for stamp in ("Updated 3rd Nov 2023, 09:25 GMT", signed):
        doc = cleaned("\n\n".join([headline, "Published 3rd Nov 2023", stamp, *PROSE]))
        assert [line.text for line in doc.lines if line.kept] == PROSE, stamp
        assert next(line for line in doc.lines if line.text == stamp).reason.value == "date_line"
    # An update stamp dates an edit: alone, it gives the date as an update's.
    doc = cleaned("\n\n".join([headline, "Updated 3rd Nov 2023, 09:25 GMT", *PROSE]))
    assert (doc.meta["date"], doc.meta["date_source"]) == (dt.date(2023, 11, 3), "text:updated")


def test_a_stamp_alone_on_its_line_anywhere_in_the_article_leaves_the_body():
    headline = "Regional force plans deployment of troops"
    stamps = (
        "Updated August 5, 2020",
        "PUBLISHED: April 24, 2020 at 9:06 a.m. | UPDATED: 9:26 a.m.",
        # Nothing but dates, clocks and zones: a stamp whatever word it opens with.
        "Dec. 13, 2016, 12:31 PM UTC / Updated Dec. 13, 2016, 6:06 PM UTC",
        "Sept. 2, 2016 02:06",
        "Monday, March 3, 2013",
    )
    article = [f"{sentence[:-1]}, paragraph {k}." for k in range(4) for sentence in PROSE]
    for stamp in stamps:
        doc = cleaned("\n\n".join([headline, *article, stamp, *PROSE]))
        assert [line.text for line in doc.lines if line.kept] == [*article, *PROSE], stamp
        assert reasons(doc)[stamp] == "date_line"
    # A note that runs on into a sentence is the article's, and so is a date that heads what
    # happened on it.
    note = "Updated on August 5, 2020 to say that the talks in Algiers resumed on Monday."
    for kept in (note, "March 3, 2013: troops arrive in Gao"):
        doc = cleaned("\n\n".join([headline, *article, kept, *PROSE]))
        assert kept in [line.text for line in doc.lines if line.kept]
