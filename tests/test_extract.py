import datetime as dt
import math
from collections import Counter

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from builder.clean import clean
from builder.doc import Doc, Line, LineReason
from builder.extract import (
    HEADLINE_WEIGHTS,
    _body_overlap,
    _is_age,
    _is_sentence,
    _is_title_part,
    _names_of_email_domains,
    _over_signed_standfirst,
    _over_standfirst,
    _PageKeys,
    _title_like,
    _under_titled_stamp,
    _without_label,
    content_words,
    dates_in,
    extract_with_context,
    headline_candidates,
    name_opening,
    outlet_candidates,
    page_date_order,
)
from tests.helpers import PROSE, cleaned, doc_from_text, read_byline, reasons

LATEST = dt.date(2030, 12, 31)


def test_dates_of_many_shapes():
    assert dates_in("Published on 15/01/2013", None, LATEST) == [dt.date(2013, 1, 15)]
    assert dates_in("2012-07-27 10:52", None, LATEST) == [dt.date(2012, 7, 27)]
    assert dates_in("WASHINGTON, Oct. 24, 2012", None, LATEST) == [dt.date(2012, 10, 24)]
    assert dates_in("22 Dec, 2016 22 Dec, 2016", None, LATEST)[0] == dt.date(2016, 12, 22)
    assert dates_in("3 février 2015", None, LATEST) == [dt.date(2015, 2, 3)]
    assert dates_in("2015年4月8日", None, LATEST) == [dt.date(2015, 4, 8)]
    assert dates_in("Posted at 2013-12-30T14:42:01-0700", None, LATEST) == [dt.date(2013, 12, 30)]
    assert dates_in("Ref. 2013-12-301", None, LATEST) == []


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


def test_ambiguous_numeric_date_needs_evidence():
    assert dates_in("Posted 03/04/2013", None, LATEST) == []
    assert dates_in("Posted 03/04/2013", "DMY", LATEST) == [dt.date(2013, 4, 3)]
    assert dates_in("Posted 03/04/2013", "MDY", LATEST) == [dt.date(2013, 3, 4)]
    doc = doc_from_text("a 25/12/2012\nb 03/04/2013")
    assert page_date_order(doc.lines) == "DMY"


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


def test_headline_skips_byline_block_and_reads_dateline():
    page = "\n\n".join(
        [
            "Site Press Service",
            "Mali talks resume in Algiers",
            "By Jane Doe\nSite Press Service",
            "ALGIERS, March 3, 2013 – " + PROSE[0],
            *PROSE[1:],
        ]
    )
    meta = cleaned(page).meta
    assert meta["headline"] == "Mali talks resume in Algiers"
    assert meta["author"] == "Jane Doe"
    assert (meta["date"], meta["date_source"]) == (dt.date(2013, 3, 3), "text:dateline")
    assert (meta["outlet"], meta["outlet_source"]) == ("Site Press Service", "text:agency_line")
    assert (meta["dateline"], meta["dateline_source"]) == ("ALGIERS", "text:dateline")


def test_title_suffix_and_copyright_name_the_outlet():
    page = "\n\n".join(["Mali talks resume - The Daily Planet", "Mali talks resume", *PROSE])
    meta = cleaned(page).meta
    assert meta["headline"] == "Mali talks resume"
    assert (meta["outlet"], meta["outlet_source"]) == ("Daily Planet", "text:title_suffix")
    page = "\n\n".join(
        ["Mali talks resume", *PROSE, "© 2013 Sahel Times Inc. All rights reserved."]
    )
    meta = cleaned(page).meta
    assert (meta["outlet"], meta["outlet_source"]) == ("Sahel Times", "text:copyright")


def test_no_evidence_gives_nulls():
    meta = cleaned("\n\n".join(["Mali talks resume", *PROSE])).meta
    assert meta["date"] is None and meta["date_source"] is None
    assert meta["outlet"] is None and meta["outlet_source"] is None
    assert meta["author"] is None


def test_company_in_copyright_gives_way_to_the_brand_the_page_uses():
    lines = ["Guardian weekly", "Mali talks resume", *PROSE, "Guardian jobs", "Guardian apps"]
    page = "\n\n".join([*lines, "© 2019 Guardian News & Media Limited. All rights reserved."])
    meta = cleaned(page).meta
    assert (meta["outlet"], meta["outlet_source"]) == ("Guardian", "text:copyright")
    rare = "\n\n".join(["Mali talks resume", *PROSE, "© 2019 Sahel Media Group"])
    assert cleaned(rare).meta["outlet"] == "Sahel Media Group"  # no shorter name in use


def test_headline_is_the_title_that_names_the_story_not_a_teaser():
    # Two title-like lines above the article, equal in shape; only one shares its words with
    # the article, and without that evidence the nearer teaser would win.
    headline = "Regional force plans deployment of troops to the north"
    teaser = "Festival of desert music opens in Essakane"
    page = "\n\n".join([headline, teaser, *PROSE])
    assert cleaned(page).meta["headline"] == headline


def test_body_overlap_counts_the_articles_other_lines_only():
    body = Counter({"mali": 1, "talks": 2})  # word counts over the whole article

    def overlap(line: Line) -> float:
        return _body_overlap(line, content_words(line.text), body)

    assert overlap(Line(0, "Mali talks")) == 0.5  # its own words count once less
    assert overlap(Line(0, "Mali talks", LineReason.boilerplate)) == 1.0
    assert overlap(Line(0, "Quixotic zebras")) == 0.0
    words = content_words("宇航员在太空 of 2013 Ségou ségou")
    assert words == {"宇航": 1, "航员": 1, "员在": 1, "在太": 1, "太空": 1, "ségou": 2}


def test_outlet_from_photo_credits_not_from_photo_agencies():
    page = "\n\n".join(
        [
            "Mali talks resume in Algiers",
            "Amadou Diallo/AFP",
            "Ali Keita/AFP",
            *PROSE,
            "Fatou Traore/Sahel Courier",
        ]
    )
    meta = cleaned(page).meta
    assert (meta["outlet"], meta["outlet_source"]) == ("Sahel Courier", "text:credit")
    followed = "\n\n".join(["Mali talks resume in Algiers", *PROSE, "Follow Sahel Courier"])
    meta = cleaned(followed).meta
    assert (meta["outlet"], meta["outlet_source"]) == ("Sahel Courier", "text:footer")


def test_outlet_from_links_to_the_sites_own_profiles():
    def outlet_of(*chrome: str):
        meta = cleaned("\n\n".join(["Mali talks resume in Algiers", *PROSE, *chrome])).meta
        return meta["outlet"], meta["outlet_source"]

    link = "Link externo, abre página da Folha de Bamako no Twitter"
    assert outlet_of(link) == ("Folha de Bamako", "text:footer")
    profile = "Visit the page of Sahel Courier on Facebook"
    assert outlet_of(profile) == ("Sahel Courier", "text:footer")
    # Naming a site without linking to its profile is no evidence.
    assert outlet_of("Abre página da Folha de Bamako") == (None, None)
    # A link to more of the site's stories, on a topic or not.
    assert outlet_of("More on Sahel politics from Sahel Courier") == (
        "Sahel Courier",
        "text:footer",
    )
    assert outlet_of("More from Sahel Courier") == ("Sahel Courier", "text:footer")


def test_outlet_spelled_by_the_domain_of_a_staff_address():
    def outlet_of(*chrome: str):
        meta = cleaned("\n\n".join(["Mali talks resume in Algiers", *PROSE, *chrome])).meta
        return meta["outlet"], meta["outlet_source"]

    chrome = ["About Sahel", "Channel Sahel Times", "Jobs at Sahel"]
    assert outlet_of(*chrome)[0] == "Sahel"
    contact = "Contact Jane Doe at jane.doe@news.saheltimes.com"
    assert outlet_of(*chrome, contact) == ("Sahel Times", "text:email")
    # An address at a mail provider says nothing of the site.
    assert outlet_of("Channel Sahel Times", "Tips: sahel.times@yahoo.com (Yahoo Mail)") == (
        None,
        None,
    )
    # Nor does one the article quotes.
    quoted = "Readers wrote to desk@saheltimes.com about it, and the desk answered them all."
    assert outlet_of("Channel Sahel Times", quoted)[0] is None
    # The domain written out ("SahelTimes.com") is an address, not the name the page uses.
    domain = ["Search SahelTimes.com", "Your profile is public on SahelTimes.com"]
    text = "\n".join([contact, *domain])
    assert _names_of_email_domains([Line(0, contact, LineReason.boilerplate)], text) == []
    page = [*domain, contact, "Channel Sahel Times"]
    assert outlet_of(*page) == ("Sahel Times", "text:email")


def test_a_name_inside_a_longer_candidate_is_not_counted_as_its_own_mention():
    chrome = [
        "About Sahel",
        "Get Sahel Times delivered to your inbox",
        "Shared with Sahel, the report was published by Sahel Times and Sahel Times Weekly.",
    ]
    doc, ctx = extract_with_context(clean(doc_from_text("\n\n".join([*PROSE, *chrome]))))
    candidates = outlet_candidates(doc, ctx)
    # "Sahel" stands alone twice; its three other mentions belong to "Sahel Times".
    assert candidates["Sahel"]["inline_mentions"] == pytest.approx(math.log1p(2))
    assert candidates["Sahel Times"]["inline_mentions"] == pytest.approx(math.log1p(3))


def test_agency_credited_by_the_byline_or_the_stamp_not_by_a_photo_or_a_quote():
    def agency_of(*lines: str):
        meta = cleaned("\n\n".join(["Mali talks resume in Algiers", *lines, *PROSE])).meta
        return meta["agency"], meta["agency_source"]

    assert agency_of("By Jane Doe, Associated Press") == ("AP", "text:byline")
    assert agency_of("By JANE DOE", "Associated Press") == ("AP", "text:byline")  # under it
    assert agency_of("Associated Press") == (None, None)  # alone: no byline it belongs to
    assert agency_of("AFP 30 avril 2015 à 07:19") == ("AFP", "text:stamp")
    assert agency_of("BAMAKO (Reuters) - " + PROSE[0]) == ("Reuters", "text:dateline")
    assert agency_of("Photo: Ali Keita/AFP", "March 3, 2013") == (None, None)
    assert agency_of("AFP/Getty Images 3 March 2013") == (None, None)
    quoted = "Witnesses told AFP on March 3, 2013 that troops had arrived in the town overnight."
    assert agency_of(quoted) == (None, None)


def test_a_dateline_may_open_a_paragraph_under_a_kept_caption_if_its_place_is_in_capitals():
    def dateline_of(*paragraphs: str):
        meta = cleaned("\n\n".join(["Mali talks resume in Algiers", *paragraphs])).meta
        return meta["dateline"]

    caption = "Soldiers patrol a street of Gao on Monday, after the town was retaken last week."
    assert dateline_of(caption, "GAO (AFP) — " + PROSE[0], *PROSE[1:]) == "GAO"
    assert dateline_of(caption, "Monday — " + PROSE[0], *PROSE[1:]) is None
    assert dateline_of("UPDATE — " + PROSE[0], *PROSE[1:]) is None
    assert dateline_of("Gao - " + PROSE[0], *PROSE[1:]) == "Gao"


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


def test_a_name_heading_the_page_that_the_article_is_about_is_not_its_outlet():
    about = [
        "Gao is a city on the Niger river, and Gao was the capital of the Songhai empire.",
        "Troops entered Gao in January, and the people of Gao welcomed them in the streets.",
    ]
    page = ["Gao", "Gao", "Mali talks resume in Algiers", *about, *PROSE, "Sahel Times", "Gao"]
    assert cleaned("\n\n".join(page)).meta["outlet"] is None
    # Named mostly outside the article, the same heading is the site's masthead.
    chrome = ["Sahel Times", "Sahel Times", "Mali talks resume in Algiers", *PROSE]
    chrome += ["About Sahel Times", "Sahel Times jobs", "Sahel Times archive"]
    assert cleaned("\n\n".join(chrome)).meta["outlet"] == "Sahel Times"


def test_a_logo_pictured_inside_the_article_is_not_the_sites_masthead():
    middle = [*PROSE[:1], "Kidal Radio logo", *PROSE[1:]]
    page = ["Mali talks resume in Algiers", *middle, "About Sahel Times"]
    assert cleaned("\n\n".join(page)).meta["outlet"] == "Sahel Times"
    masthead = ["Kidal Radio logo", "Mali talks resume in Algiers", *PROSE]
    assert cleaned("\n\n".join(masthead)).meta["outlet"] == "Kidal Radio"


def test_menu_words_alone_do_not_make_an_outlet():
    # Repeated navigation lines are not evidence of a publisher: no cue names them.
    page = "\n\n".join(["World", "Politics", "Mali talks resume in Algiers", *PROSE, "World"])
    assert cleaned(page).meta["outlet"] is None


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


def test_a_headlines_permalink_mark_is_not_part_of_it():
    for mark in ("¶", "#", "§"):
        page = "\n\n".join([f"Regional force plans deployment of troops {mark}", *PROSE])
        assert cleaned(page).meta["headline"] == "Regional force plans deployment of troops"
    page = "\n\n".join(["Regional force plans deployment of troops #2", *PROSE])
    assert cleaned(page).meta["headline"] == "Regional force plans deployment of troops #2"


def test_a_formula_or_a_row_of_figures_is_no_headline():
    for line in ("x ˙ = σ ( y − x ) y ˙ = ρ x − y", "Versions: 00 01 02 03 04"):
        page = "\n\n".join(["Sahel Times", line, *PROSE])
        assert cleaned(page).meta["headline"] != line, line
    # Figures among words are fine: half the tokens or more are words.
    page = "\n\n".join(["Sahel Times", "Top 10 of 2015 in Bamako", *PROSE])
    assert cleaned(page).meta["headline"] == "Top 10 of 2015 in Bamako"


def test_a_breadcrumb_counts_against_a_line():
    headline = "Regional force plans deployment of troops to the north"
    crumb = "News > Regional force > Deployment of troops to the north > Officials"
    doc = doc_from_text("\n\n".join([headline, crumb, *PROSE]))
    features = {doc.lines[i].text: f for i, f in headline_candidates(doc, 2)}
    assert (features[crumb]["breadcrumb"], features[headline]["breadcrumb"]) == (1.0, 0.0)
    assert HEADLINE_WEIGHTS["breadcrumb"] < 0


def test_the_articles_first_paragraph_restates_its_headline_not_a_teaser():
    headline = "Regional force in Bamako to plan deployment"
    # The teaser's words are the article's too, but further down than its first paragraph.
    teaser = "Aid groups warn of fighting across border"
    doc = clean(doc_from_text("\n\n".join([teaser, headline, *PROSE])))
    assert [line.text for line in doc.lines if line.kept] == PROSE
    features = {doc.lines[i].text: f for i, f in headline_candidates(doc, 2)}
    assert features[headline]["lead_overlap"] == 1.0
    assert features[teaser]["lead_overlap"] == 0.0
    assert features[teaser]["body_overlap"] > 0.5
    assert HEADLINE_WEIGHTS["lead_overlap"] > 0


def _keys(lines: list[Line]) -> list[str]:
    return _PageKeys(lines).keys


def test_a_headline_shown_after_a_section_label_is_taken_where_it_stands_alone():
    def headline_of(*top: str):
        return cleaned("\n\n".join([*top, *PROSE])).meta["headline"]

    title = "Regional force in Bamako to plan deployment"
    assert headline_of(f"Economy | {title}", "Share", title) == title
    assert headline_of(f"Home News {title}", title) == title
    labelled = [f"Economy | {title}", f"Home News {title}", f"World › {title}"]
    lines = [Line(n, text) for n, text in enumerate([*labelled, "Share", title], start=1)]
    assert [_without_label(lines, _keys(lines), i) for i in range(3)] == [4, 4, 4]
    crumbs = Line(1, f"Africa > News > 2013 > Week 2 > {title}")
    lines = [crumbs, Line(2, "Share"), Line(3, title)]
    assert _without_label(lines, _keys(lines), 0) == 2  # a breadcrumb longer than a label
    lines = [Line(1, f"Mali Journal: {title}"), Line(2, title), Line(3, f"from the {title}")]
    assert _without_label(lines, _keys(lines), 0) == 0  # a title's first half, not a section label
    assert _without_label(lines, _keys(lines), 2) == 2  # words of a sentence, not a label


def test_lines_under_a_long_by_line_are_not_the_headline():
    title = "Attack stokes instability fears in North Africa"
    # A gallery's caption under the byline, in the words of the article's first paragraph.
    gallery = "Regional force troops arrive in Bamako to plan the deployment"
    byline = "By Jane Doe March 18 at 3:57 PM Follow @janedoe"
    top = ["Sections", title, "Share", byline, "1 of 24", gallery, "View Photos"]
    page = "\n\n".join([*top, *PROSE])
    assert cleaned(page).meta["headline"] == title


def test_a_question_the_cleaner_kept_atop_the_article_may_be_its_headline():
    question = "Is the regional force in Bamako ready for the deployment?"
    doc = cleaned("\n\n".join(["Home", "Sign in", question, "By Amadou Diallo", *PROSE]))
    assert doc.meta["headline"] == question
    assert [line.text for line in doc.lines if line.kept] == PROSE


def test_a_year_in_a_headline_is_not_a_stamps_noise():
    title = "Tite says he erred in taking the cup to Lula in 2012"
    features = {
        text: f for text, f in _features_of([title, "Updated: January 7, 2025", "Edition | Weekly"])
    }
    assert features[title]["noise"] == 0.0
    assert features["Updated: January 7, 2025"]["noise"] == 1.0
    assert features["Edition | Weekly"]["noise"] == 1.0


def test_an_encyclopedia_title_opens_its_articles_first_sentence():
    lead = "Northern Mali is the region of Mali north of the Niger River, in the Sahara."
    prose = [lead, *PROSE]
    doc = clean(doc_from_text("\n\n".join(["Northern Mali", "Contents", "from the Sahel", *prose])))
    body_start = next(i for i, line in enumerate(doc.lines) if line.kept)
    features = {doc.lines[i].text: f for i, f in headline_candidates(doc, body_start)}
    assert features["Northern Mali"]["opens_lead"] == 1.0
    assert features["from the Sahel"]["opens_lead"] == 0.0
    assert HEADLINE_WEIGHTS["opens_lead"] > 0


def _features_of(top: list[str]) -> list[tuple[str, dict[str, float]]]:
    doc = clean(doc_from_text("\n\n".join([*top, *PROSE])))
    body_start = next(i for i, line in enumerate(doc.lines) if line.kept)
    return [(doc.lines[i].text, f) for i, f in headline_candidates(doc, body_start)]


def test_a_title_may_end_with_an_initialisms_full_stop():
    title = "How Winter Wreaks Havoc on the Pipes Underneath N.Y.C."
    assert _title_like(Line(1, title)) and not _is_sentence(title)
    assert not _title_like(Line(1, "The pipes froze under the city."))
    assert not _title_like(Line(1, "+ Added Granite, Andesite and Diorite blocks"))  # a list item
    assert _is_sentence("The regional force met in Bamako on Monday to plan the deployment.")
    page = "\n\n".join(["Sections", "Search", title, *PROSE])
    assert cleaned(page).meta["headline"] == title


def test_name_opening_stops_at_dates_titles_and_handles():
    assert name_opening("Laura June Topolsky July 10, 2015") == "Laura June Topolsky"
    assert name_opening("Erin Cunningham March 18 at 4:37 PM") == "Erin Cunningham"
    assert name_opening("Daniel Kahn Gillmor, Senior Staff Technologist") == "Daniel Kahn Gillmor"
    assert name_opening("Ahiza Garcia @ahiza_garcia February 1, 2016") == "Ahiza Garcia"
    assert name_opening("Stella Kim and Jennifer Jett") == "Stella Kim and Jennifer Jett"
    assert name_opening("Ludwig van Beethoven") == "Ludwig van Beethoven"
    # A surname before a day-first date is not a month ("Nolan 22" is not "March 22").
    assert name_opening("Lucas Nolan 22 Dec 2016 651") == "Lucas Nolan"
    assert name_opening("Jane Doe July 10") == "Jane Doe"
    assert name_opening("the staff") is None
    # A credit names the outlet after a slash; a quoted nickname is part of the name.
    assert name_opening("Amanda Tan/ONE Esports") == "Amanda Tan"
    assert name_opening('Amanda "Tania Mae" Tan November 19, 2023') == 'Amanda "Tania Mae" Tan'
    assert name_opening("Jane “JD” Doe") == "Jane “JD” Doe"
    assert name_opening('Jane "the" Doe') == "Jane"


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


def test_long_stamp_lines_and_published_lines_below_the_article():
    stamp = "Thu 3 Jan 2019 02.00 EST Last modified on Wed 16 Jan 2019 06.18 EST " + "x " * 8
    page = "\n\n".join(["Mali talks resume in Algiers", stamp.strip(), *PROSE])
    assert cleaned(page).meta["date"] == dt.date(2019, 1, 3)  # 15 words, but before "modified"
    references = [f"Reference {n}. Published: 7 January 2011" for n in range(3)]
    far = "\n\n".join(["Mali talks resume in Algiers", *PROSE * 6, *references])
    assert cleaned(far).meta["date"] is None  # a reference's date is not the article's


_CUES = st.sampled_from(
    [
        "By Jane Doe",
        "Posted on March 3, 2013 by Amadou Diallo Keita",
        "© 2013 Sahel Times Inc. All rights reserved.",
        "Follow Bamako Daily on Twitter",
        "Subscribe to the Niger Wire newsletter",
        "Photo: Ali Traore/Gao Herald",
        "Home > World > Africa",
        "Published: 3 January 2013",
        "Jane Doe - Apr 16, 2015",
        "Mali talks resume in Algiers - Sahel Times",
        "Mali talks resume in Algiers",
        "— Jane Doe (@jane) August 22, 2013",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_CUES, st.sampled_from(PROSE), st.text(max_size=60)), max_size=25))
def test_every_metadata_value_is_read_from_the_page(lines):
    # Nothing is invented: each value is a piece of the page's own (whitespace-collapsed) text.
    page = "\n\n".join([*lines, PROSE[0]])
    decoded = doc_from_text(page)
    assume(isinstance(decoded, Doc))  # a page decode rejects has no metadata
    text = " ".join(line.text for line in decoded.lines)
    meta = cleaned(page).meta
    for field in ("headline", "outlet", "author", "dateline"):
        value = meta[field]
        assert value is None or value in text, (field, value)
        assert (value is None) == (meta[f"{field}_source"] is None), field


def test_a_page_title_at_the_top_points_to_its_headline_however_far_down():
    headline = "Regional force plans deployment of troops to the north"
    menu = [f"Section number {n} of the site" for n in range(80)]
    page = "\n\n".join([f"{headline} - Sahel Times", *menu[:10], headline, *menu, *PROSE])
    meta = cleaned(page).meta
    assert meta["headline"] == headline


def test_a_caption_closing_with_its_pictures_credit_is_no_title():
    for caption in ("You are what you search. (The Associated Press)", "Troops arrive (Reuters)",
                    "Protesters march in Bamako (AP Photo/Jane Doe)"):  # fmt: skip
        assert not _title_like(Line(1, caption))
    assert _title_like(Line(1, "CPU profiling on production (in real time, without downtime)"))
    headline = "Let me Google that for you: the year's most popular searches"
    page = [headline, "google.JPG", "You are what you search. (The Associated Press)", *PROSE]
    assert cleaned("\n\n".join(page)).meta["headline"] == headline


def test_in_a_script_without_spaces_a_word_or_a_sentence_is_no_title():
    assert _title_like(Line(1, "米朝首脳直通電話 習氏に挑むトランプ戦術の成否"))
    assert not _title_like(Line(1, "共有"))  # "share", a button
    assert not _title_like(Line(1, "保存した記事はスマホやタブレットでもご覧いただけます。"))


def test_a_headline_and_byline_stand_above_a_video_playlist_however_long():
    headline = "Regional force plans deployment of troops to the north"
    playlist = [
        line
        for n in range(20)
        for line in (f"Clip {n}: what the ministers said after the talks", f"0{n % 10}:1{n % 6}",
                     "Now playing", "- Source: Sahel TV")
    ]  # fmt: skip
    menu = ["Home", "World news", "Sport", "Culture"]
    page = [*menu, headline, "By Jane Doe, Sahel Times", "Updated 4:48 PM, March 3, 2013"]
    page += playlist
    meta = cleaned("\n\n".join([*page, "New York Sahel Times —", *PROSE])).meta
    assert (meta["headline"], meta["author"]) == (headline, "Jane Doe")
    # Without a byline, a headline that far off is out of reach: the nearest title wins.
    page = [*menu, headline, "Updated 4:48 PM, March 3, 2013", *playlist]
    meta = cleaned("\n\n".join([*page, "New York Sahel Times —", *PROSE])).meta
    assert meta["headline"] != headline


def test_a_line_that_runs_on_into_the_next_is_no_title():
    assert _title_like(Line(1, "Talks resume in New York"))
    for opening in ("New York CNN —", "New York (CNN) –", "Talks resume in New York -"):
        assert not _title_like(Line(1, opening))


def test_a_copyright_inside_the_article_credits_a_picture_not_the_page():
    article = [PROSE[0], "© Sahel Security Group", *PROSE[1:3], "© Sahel Security Group", PROSE[3]]
    page = ["Regional force plans deployment of troops", *article, "About us"]
    assert cleaned("\n\n".join(page)).meta["outlet"] is None
    meta = cleaned("\n\n".join([*page, "© 2013 Sahel Times. All rights reserved."])).meta
    assert (meta["outlet"], meta["outlet_source"]) == ("Sahel Times", "text:copyright")


def test_an_advertisement_label_is_no_outlet_in_any_language():
    for label in ("publicidad", "Werbung", "Advertisement"):
        page = [label, "Regional force plans deployment of troops", *PROSE, *[label, "Home"] * 3]
        notes = [f"{label} and more {label}", f"Our {label} rates"]
        assert cleaned("\n\n".join([*page, *notes])).meta["outlet"] is None


def test_a_domain_name_gives_way_to_the_name_the_page_writes():
    lines = ["Mali talks resume in Algiers", *PROSE, "CityLab newsletter", "More from CityLab"]
    page = "\n\n".join([*lines, "About CityLab", "© 2019 Citylab.com. All rights reserved."])
    assert cleaned(page).meta["outlet"] == "CityLab"
    rare = "\n\n".join(["Mali talks resume in Algiers", *PROSE, "© 2019 Sahelwire.com"])
    assert cleaned(rare).meta["outlet"] == "Sahelwire.com"  # the page never writes it bare


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


def test_a_title_part_is_joined_to_the_rest_of_its_line_by_a_separator():
    def part(key: str, *lines: str) -> bool:
        return _is_title_part(key, "\n" + "\n".join([key, *lines]) + "\n")

    assert part("mali talks resume", "mali talks resume - sahel times")
    assert part("mali talks resume", "world › mali talks resume")
    assert not part("amadou diallo", "amadou diallo is a reporter based in bamako.")
    assert not part("hermitian matrix", "proof: by definition of the hermitian matrix")


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


def test_a_name_signing_the_post_at_the_top_is_its_author_not_its_masthead():
    top = ["Publish", "Amadou Diallo", "14 min read", "Sign in", "Amadou Diallo"]
    headline = "Regional force in Bamako to plan deployment"
    bottom = ["Amadou Diallo in Sahel Notes", "More stories liked by Amadou Diallo"]
    meta = cleaned("\n\n".join([*top, headline, *PROSE, *bottom])).meta
    assert (meta["outlet"], meta["author"]) == (None, "Amadou Diallo")


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


def test_outlet_names_lose_leading_years_and_credit_labels():
    def outlet_of(line: str):
        return cleaned("\n\n".join(["Mali talks resume in Algiers", *PROSE, line])).meta["outlet"]

    assert outlet_of("© 2002, 2003 Sahel Times") == "Sahel Times"
    mentions = ["Read more from the Sahel Times desk", "Sahel Times reporters in Gao"]
    page = "\n\n".join(["From: Sahel Times", "Mali talks resume in Algiers", *PROSE, *mentions])
    assert cleaned(page).meta["outlet"] == "Sahel Times"


def test_credits_need_a_photo_and_initials_do_not_end_a_name():
    def outlet_of(*lines: str):
        return cleaned("\n\n".join(["Mali talks resume in Algiers", *PROSE, *lines])).meta["outlet"]

    assert outlet_of("A tax cut for the Rich") is None  # a teaser, not a credit
    assert outlet_of("Photograph: Ali Traore for the Sahel Times") == "Sahel Times"
    assert outlet_of("© 2013 Amadou M. Diallo") == "Amadou M. Diallo"


def test_the_line_a_powered_by_label_credits_is_no_headline():
    credit = "A Very Old Fork of Jekyll for this site"
    for label, offered in (("Powered by", False), ("Powered By:", False), ("Sections", True)):
        doc = doc_from_text("\n\n".join([label, credit, "Mali talks resume", *PROSE]))
        texts = [doc.lines[i].text for i, _ in headline_candidates(doc, 3)]
        assert (credit in texts, "Mali talks resume" in texts) == (offered, True), label


def test_a_link_an_arrow_points_away_is_no_title():
    for text in ("« Zurück zu den Veranstaltungen", "← Previous post", "Next Work →", "Continue »"):
        assert not _title_like(Line(1, text)), text
    for text in ("« Vape Wave », le film de l'année", "Le clown du spectacle « Eins Zwei »"):
        assert _title_like(Line(1, text)), text
    page = "\n\n".join(["« Back to the events of the season", "Mali talks resume", *PROSE])
    assert cleaned(page).meta["headline"] == "Mali talks resume"


def test_the_pages_first_short_name_is_its_masthead_not_the_menu_under_it():
    top = [
        "Skip to content Skip to navigation Sections Home",
        "Sahel Times",
        "Video",
        "Politics",
        "mercredi 11 septembre 2019",
    ]
    chrome = [
        "Get the Sahel Times newsletter",
        "Sahel Times on the radio",
        *("Video of the week", "Watch the Video channel", "Video archive"),
    ]
    page = "\n\n".join([*top, "Mali talks resume", *PROSE, *chrome])
    doc, ctx = extract_with_context(clean(doc_from_text(page)))
    candidates = outlet_candidates(doc, ctx)
    assert candidates["Sahel Times"]["own_line_top"] == 1.0
    assert candidates.get("Video", {}).get("own_line_top", 0.0) == 0.0
    assert not any("septembre" in name for name in candidates)  # a date is no name
    assert doc.meta["outlet"] == "Sahel Times"


def test_a_copyright_names_the_owner_not_the_links_or_year_after_it_nor_a_picture():
    def outlet_of(*chrome: str):
        meta = cleaned("\n\n".join(["Mali talks resume in Algiers", *PROSE, *chrome])).meta
        return meta["outlet"], meta["outlet_source"]

    assert outlet_of("© Copyright 2019 Sahel Times Impressum Datenschutz") == (
        "Sahel Times",
        "text:copyright",
    )
    assert outlet_of("© Sahel Times 2019Content Management by InterRed")[0] == "Sahel Times"
    # A picture's credit ("© Jane Doe/AFP", "© Bild: Reuters") and a footer's links glued to
    # the sign ("Work with usPrivacy© 2019") name no publisher.
    assert outlet_of("Troops in Gao. © Ali Keita/AFP/Getty Images") == (None, None)
    assert outlet_of("© Bild: REUTERS / Jane Doe") == (None, None)
    assert outlet_of("ContactImprintWork with usPrivacy© 2019") == (None, None)


def test_the_employer_a_footer_names_is_the_outlet_not_a_titles_last_words():
    def outlet_of(*chrome: str):
        meta = cleaned("\n\n".join(["Mali talks resume in Algiers", *PROSE, *chrome])).meta
        return meta["outlet"]

    assert outlet_of("Work at The Sahel Times") == "Sahel Times"
    assert outlet_of("Key winners at the 2020 Screen Actors Guild Awards") is None
    assert outlet_of("Fixing at the Source") is None


def test_a_call_to_subscribe_is_no_name():
    calls = ("Get Personalised Newsletters", "Bei Newsletter anmelden", "Kostenlose Newsletter")
    # An article opening the phrase names nothing; a country code is no credited outlet.
    for call in (*calls, "La newsletter de Là-bas", "Verkaufsstellen DE/AT"):
        meta = cleaned("\n\n".join(["Mali talks resume in Algiers", *PROSE, call])).meta
        assert meta["outlet"] is None, call


def test_a_names_small_words_are_whole_words():
    def outlet_of(line: str):
        return cleaned("\n\n".join(["Mali talks resume in Algiers", *PROSE, line])).meta["outlet"]

    assert outlet_of("© 2013 Banque de France") == "Banque de France"
    assert outlet_of("© 2019 Bundesministerium der Justiz") == "Bundesministerium"  # not "… de"


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


def test_a_date_glued_to_the_next_fields_word_is_read():
    glued = "Posted on August 2, 2019August 2, 2019Author Jane Doe"
    assert dates_in(glued, None, LATEST)[0] == dt.date(2019, 8, 2)
    assert dates_in("JaneDoe2019-01-07T17:27:31+02:00Juni", None, LATEST) == [dt.date(2019, 1, 7)]
    assert dates_in("Jane Doe | 29.07.2006um 14:26", None, LATEST) == [dt.date(2006, 7, 29)]
    # Glued to more digits it is no date: "12.05.20134", "2013-01-071".
    assert dates_in("12.05.20134 2013-01-071", None, LATEST) == []


def test_a_signature_may_part_name_and_date_with_a_bar():
    page = "\n\n".join(["Mali talks resume in Algiers", *PROSE, "Jane Doe | 29.07.2006 um 14:26"])
    meta = cleaned(page).meta
    assert (meta["date"], meta["author"]) == (dt.date(2006, 7, 29), "Jane Doe")


def test_by_inside_a_title_credits_no_author():
    title = "Management of Forestlands by Indigenous Peoples Key to Protecting Climate"
    page = "\n\n".join(["Home Climate " + title, title, "Posted on May 8, 2016", *PROSE])
    assert cleaned(page).meta["author"] is None
    page = "\n\n".join([title, "Posted on May 8, 2016 by Julie Mollins", *PROSE])
    assert cleaned(page).meta["author"] == "Julie Mollins"


def test_a_name_stops_at_a_glued_handle_or_a_stamp_word():
    assert name_opening("Jon Porter@JonPorty Sep 3, 2019") == "Jon Porter"
    assert name_opening("Diane Buckstegge Veröffentlicht am 12.03.2019") == "Diane Buckstegge"
    assert name_opening("Jane Doe Updated March 3") == "Jane Doe"


def test_a_caption_over_its_pictures_bare_credit_is_no_headline():
    title = "Mali talks resume in Algiers"
    caption = "Amadou Toumani Touré and Dioncounda Traoré"
    page = "\n\n".join([title, "Updated 9:22 PM EST", caption, "Getty Images/Sipa USA", *PROSE])
    assert cleaned(page).meta["headline"] == title
    # A caption that ends with its credit is a line of its own: the headline above it stays.
    credit = "Whale expert Hori Parata. Photograph: Adrian Malloch for the Guardian"
    assert cleaned("\n\n".join([title, credit, *PROSE])).meta["headline"] == title


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


def test_an_archives_month_is_no_title():
    for month in ("Juli 2012", "March 2015", "mars 2014"):
        assert not _title_like(Line(1, month)), month
    for title in ("Mali 2013", "Budget 2013"):
        assert _title_like(Line(1, title)), title


def test_a_headline_over_its_longer_standfirst_is_the_headline():
    headline = "Regional force to deploy in northern Mali by March"
    standfirst = (
        "Troops from six countries will join the operation after talks in Bamako ended with a "
        "plan for the north"
    )
    page = "\n\n".join(["World", headline, standfirst, "Jane Doe in Bamako", *PROSE])
    assert cleaned(page).meta["headline"] == headline


def test_a_table_of_contents_or_a_title_case_label_has_no_standfirst():
    lines = [
        Line(1, "Example 2: Amend again, locally"),
        Line(3, "Sharing with multiple developers: code review"),  # the next entry, as long
        Line(5, "Foundation, From the Archives, Technology"),  # a label in title case
        Line(7, "Interactive maps, now in your language for all of the readers we have"),
    ]
    assert not _over_standfirst(lines, 0)
    assert not _over_standfirst(lines, 2)
    assert _over_standfirst([Line(1, lines[0].text), Line(3, lines[3].text)], 0)


def test_a_byline_may_list_co_authors_with_commas():
    byline = "Por Steven Lee Myers, Keith Bradsher y Tariq Panja"
    authors = "Steven Lee Myers, Keith Bradsher y Tariq Panja"
    assert read_byline(byline) == ("byline", authors, "Mali talks resume in Algiers")
    assert (
        name_opening("Jane Doe, John Roe and Ann Poe, Reuters") == "Jane Doe, John Roe and Ann Poe"
    )
    # A comma before a title, or before words that are not names of two to four words, ends it.
    assert name_opening("Jane Doe, Senior Editor") == "Jane Doe"
    assert name_opening("Jane Doe, Senior Editor and Columnist") == "Jane Doe"
    assert name_opening("Jane Doe, Senior Editor, John Roe and Ann Poe") == "Jane Doe"
    assert name_opening("Jane Doe, John Roe and Chief Editor") == "Jane Doe"
    affiliation = (
        "Daniel Kahn Gillmor, Senior Staff Technologist, ACLU Speech, Privacy, and Technology"
    )
    assert name_opening(affiliation) == "Daniel Kahn Gillmor"
    assert name_opening("Jane Doe, Bamako, John Roe and Ann Poe") == "Jane Doe"
    assert (
        name_opening("Jane Doe, Senior Editor and Chief Correspondent of the paper") == "Jane Doe"
    )
    serial = "Dana A. Ford , James S.A. Corey, Chien-Ming Wang, and Tom Watkins, CNN"
    assert (
        name_opening(serial) == "Dana A. Ford, James S.A. Corey, Chien-Ming Wang, and Tom Watkins"
    )


def test_a_wire_reporters_credit_without_by_names_author_and_agency():
    for credit, agency in [
        ("Jane Doe, Reuters", "Reuters"),
        ("Jane Doe | AFP", "AFP"),
        ("Jane Doe (Associated Press)", "AP"),
    ]:
        page = "\n\n".join(["Mali talks resume in Algiers", credit, "January 12, 2013", *PROSE])
        doc = cleaned(page)
        assert (doc.meta["author"], doc.meta["agency"]) == ("Jane Doe", agency), credit
        assert reasons(doc)[credit] == "byline"
    # A section over a wire story, a photo's credit, or an agency alone credit no reporter.
    for line in ("World News | Reuters", "Jane Doe/AFP", "Reuters, AFP"):
        page = "\n\n".join(["Mali talks resume in Algiers", line, "January 12, 2013", *PROSE])
        assert cleaned(page).meta["author"] is None, line


def test_a_stamp_among_the_first_lines_is_no_page_title_and_its_last_field_no_outlet():
    stamp = "by Jane Doe | January 12, 2013 | 3 Comments"
    page = "\n\n".join(["Mali talks resume in Algiers", stamp, *PROSE])
    assert cleaned(page).meta["outlet"] is None
    titled = "Mali talks resume in Algiers as rebels hold the north | Sahel Times"
    page = "\n\n".join([titled, "Mali talks resume in Algiers as rebels hold the north", *PROSE])
    assert cleaned(page).meta["outlet"] == "Sahel Times"


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


def test_a_headline_written_as_sentences_heads_an_article_its_stamp_follows():
    headline = "I read the ruling on the Bamako talks. Here is what it says."
    page = "\n\n".join(["Home", "About", headline, "January 12, 2013 | Politics", *PROSE])
    doc = cleaned(page)
    assert doc.meta["headline"] == headline
    assert [line.text for line in doc.lines if line.kept] == PROSE
    # Without a stamp under it, the same line is the article's first paragraph.
    assert cleaned("\n\n".join(["Home", "About", headline, *PROSE])).meta["headline"] is None
    # A longer standfirst between it and the stamp is no headline: the line over it is.
    standfirst = (
        "Troops from six countries will join the operation after the talks in Bamako ended "
        "with a plan for the north."
    )
    page = "\n\n".join(["Home", "About", headline, standfirst, "January 12, 2013", *PROSE])
    assert cleaned(page).meta["headline"] == headline
    # A byline over the line is never the headline written as sentences.
    title = "Regional force plans the deployment of troops to the north of Mali"
    byline = "By Jane Doe | January 12, 2013"
    page = "\n\n".join(["Home", "Analysis", byline, title, byline, *PROSE])
    assert cleaned(page).meta["headline"] == title
    # A short line with a full stop over the standfirst is a caption or a note, and the
    # standfirst under it is no headline either: better none than either.
    for short in ("Talks resume. Rebels hold the north.", "Photo: troops in Gao."):
        page = "\n\n".join(["Home", "World", short, standfirst, "January 12, 2013", *PROSE])
        assert cleaned(page).meta["headline"] is None, short


def test_a_headline_stands_over_its_stamp_not_under_it():
    headline = "Rewriting the rules in 2013: regional force plans deployment of troops to the north"
    subheading = "Regional Force Plans Deployment to the North"
    top = ["Politics", headline, "Last Updated: January 14, 2013", subheading]
    assert cleaned("\n\n".join([*top, *PROSE])).meta["headline"] == headline
    # A name or a label between two titles is no stamp; a shorter line over the stamp is no
    # title the line stands under.
    lines = [Line(1, headline), Line(3, "Jane Doe"), Line(5, subheading)]
    assert not _under_titled_stamp(lines, 2)
    lines = [Line(1, "Mali talks"), Line(3, "January 14, 2013"), Line(5, subheading)]
    assert not _under_titled_stamp(lines, 2)
    assert _under_titled_stamp([Line(1, headline), *lines[1:]], 2)
    # Nor is a line with its own stamp under it, or under a teaser about as long, a heading:
    # "<other story>" / "<its date>" / "<headline>" ["/ <its date>"].
    teaser = Line(1, "Interim government welcomes the plan and asks neighbours for support")
    assert not _under_titled_stamp([Line(1, headline), *lines[1:], Line(7, "By Jane Doe")], 2)
    assert not _under_titled_stamp([teaser, *lines[1:]], 2)


def test_a_headline_written_as_sentences_stands_over_a_signed_standfirst():
    headline = "Rebels held the north for a year. Now, its towns are being rebuilt."
    standfirst = (
        "Gao and Timbuktu, once stripped of their markets by the fighting, make an astonishingly "
        "quick comeback as the regional force deploys"
    )
    top = ["Home", "Photo of the Day", "Environment", headline, standfirst]
    assert cleaned("\n\n".join([*top, "By Jane Doe", *PROSE])).meta["headline"] == headline
    # Without the byline under its standfirst, the line is the article's first paragraph.
    assert cleaned("\n\n".join([*top, *PROSE])).meta["headline"] != headline
    # Nor is it one over a line no longer than itself: two teasers over a byline.
    teasers = [
        Line(1, headline),
        Line(3, "Aid reaches Timbuktu by road. Markets open."),
        Line(5, "By Jane Doe"),
    ]
    assert not _over_signed_standfirst(teasers, 0)
    assert _over_signed_standfirst([teasers[0], Line(3, standfirst), teasers[2]], 0)


def test_a_short_title_case_headline_under_a_section_label_is_no_name():
    # "World News" / "Mali Talks Resume" / date: the headline reads like a name over a date
    # (a byline's) under a title; it is still the headline, and no author.
    page = "\n\n".join(["Home", "World News", "Mali Talks Resume", "January 12, 2013", *PROSE])
    doc = cleaned(page)
    assert (doc.meta["headline"], doc.meta["author"]) == ("Mali Talks Resume", None)


@pytest.mark.parametrize(
    "chrome",
    [
        "Your privacy is important to us and we use cookies",
        "Something went wrong with the connection!",
        "Subscribe to our newsletter for regional updates",
        "Accept & Close",
    ],
)
def test_a_consent_error_or_sign_up_line_is_never_the_headline(chrome):
    # Over a short real headline the chrome line is longer and nearer the top: it would win
    # on shape alone.
    page = "\n\n".join([chrome, "Mali talks resume", *PROSE])
    meta = cleaned(page).meta
    assert meta["headline"] == "Mali talks resume"
    assert meta["evidence"]["headline"]["candidates"] == pytest.approx(math.log1p(1))


def test_a_headline_about_cookies_is_still_a_headline():
    headline = "EU regulators fine three airlines over cookies on booking sites"
    assert cleaned("\n\n".join([headline, *PROSE])).meta["headline"] == headline


def test_the_site_of_the_inputs_url_is_evidence_of_the_masthead():
    from builder.extract import _names_of_url_host, extract

    text = "The Atlantic\nBBC News\nCNN\nNY Post"
    assert _names_of_url_host("https://www.theatlantic.com/x/1", text) == ["The Atlantic"]
    assert _names_of_url_host("https://www.bbc.co.uk/news/1", text) == ["BBC"]
    assert _names_of_url_host("https://edition.cnn.com/2013/01/15/mali", text) == ["CNN"]
    assert _names_of_url_host("https://nypost.com/2013/x", text) == ["NY Post"]
    assert _names_of_url_host(None, text) == [] and _names_of_url_host("seeds/a.txt", text) == []
    # A company in the copyright line loses to the brand the address spells.
    page = "\n\n".join(
        ["Mali talks resume", *PROSE, "Sahel Post weekly edition", "© 2013 Desert Holdings"]
    )
    doc = doc_from_text(page)
    doc.url = "https://www.sahelpost.com/2013/01/mali-talks"
    meta = extract(clean(doc)).meta
    assert (meta["outlet"], meta["outlet_source"]) == ("Sahel Post", "url:host")
    assert cleaned(page).meta["outlet"] == "Desert Holdings"
