from builder.clean import clean
from builder.clean.rules import field_separators, line_cues, line_rule, scan_lines
from builder.clean.vocabulary import SECTION_END, STAMP
from builder.doc import LineReason
from tests.helpers import PROSE, cleaned, cleaned_body, doc_from_text, kept_amid_prose, reasons


def test_a_copyright_notice_is_chrome_however_many_sentences_follow_its_mark():
    notices = [
        "Copyright 2013 Sahel Media Inc. All rights reserved. This material may not be "
        "published, broadcast, rewritten, or redistributed.",
        "© 2013 Sahel Courier. All Rights Reserved.",
        # The mark further in, after the section's name or a wire's trademark.
        "Part of Sahel Courier Politics. ©2013 Sahel Media, Inc. All rights reserved.",
        "The-Sahel-Wire™ & © 2013 Sahel Broadcasting, Inc. All rights reserved.",
    ]
    got = reasons(cleaned("\n".join(["Mali talks resume in Algiers", *PROSE, *notices])))
    assert [got[notice] for notice in notices] == ["boilerplate"] * 4
    # A sentence about copyright is the article's.
    reported = (
        "Copyright lawyers in Bamako said the 2013 law would protect the country's musicians "
        "from pirated recordings sold in the markets."
    )
    assert kept_amid_prose(reported)
    rights = "All rights reserved, the minister said of the © symbol the new law puts on songs."
    assert kept_amid_prose(rights)


def test_a_link_label_with_a_screen_readers_note_is_chrome():
    labels = [
        "Sahel Living this link opens in a new tab",
        "Click to share on Telegram (Opens in new window)",
    ]
    got = reasons(
        cleaned("\n".join(["Mali talks resume in Algiers", *PROSE[:2], *labels, *PROSE[2:]]))
    )
    assert [got[label] for label in labels] == ["boilerplate"] * 2
    # A heading that names a browser's new tab, and a long sentence that ends so, are text.
    heading = "New Tab Page and Pocket"
    sentence = (
        "Each of the twelve links on the ministry's new page about the vote opens in a new tab"
    )
    page = "\n".join(["Mali talks", *PROSE[:2], heading, PROSE[2], sentence, PROSE[3]])
    assert cleaned_body(page) == [*PROSE[:2], heading, PROSE[2], sentence, PROSE[3]]


def test_long_sentence_packed_with_chrome_phrases_is_boilerplate():
    footer = (
        "Comment count on this article reflects comments made on and Facebook. "
        "Visit Breitbart's Facebook Page."
    )
    page = "\n\n".join(["Mali plan agreed", *PROSE, footer])
    assert reasons(cleaned(page))[footer] == "boilerplate"
    assert reasons(cleaned(page))[PROSE[0]] is None


def test_scan_flags_cue_lines_and_passes_plain_prose():
    texts = ["Click to subscribe", "The minister said the talks went very well.", "“Sign up” now"]
    scan = scan_lines(texts)
    assert scan.chrome.tolist() == [True, False, True]
    assert scan.needs_rules.tolist() == [False, False, False]
    assert scan.prose.tolist() == [False, True, False]
    assert scan.hits.tolist() == [1, 0, 1]
    texts = ["Photo: Jane Doe", "By Jane Doe", "3 comments", "Posted 10:30 | News | Mali"]
    scan = scan_lines(texts)
    assert scan.needs_rules.tolist() == [True, True, True, True]
    assert scan.chrome.tolist() == [False, False, False, False]


def test_scan_keys_equal_up_to_case_and_stamps_need_date_like_digits():
    scan = scan_lines(["Mali Talks Resume", "MALI TALKS RESUME", "Mali talks resumed"])
    assert scan.keys[0] == scan.keys[1] != scan.keys[2]
    stamps = ["Posted 10:30", "15/01/2013", "in 2013", "12 comments", "Room 101", "x_2013"]
    assert scan_lines(stamps).stamp.tolist() == [True, True, True, False, False, False]
    tricky = ["a10:30", "10:30b", "10:305", "1/2/2013x", "1/2/20134", "123:45", "©2013", "(2013)"]
    tricky += ["12.05.2013 à 13h36", "31/12", "1:2:3", "1:23", "2020s", "l'an 1999,", "9/11/01"]
    assert scan_lines(tricky).stamp.tolist() == [bool(STAMP.search(text)) for text in tricky]


def test_a_label_line_is_chrome():
    assert line_rule("Categories: News", 2, False, *line_cues("Categories: News")) == "boilerplate"
    posted = "Posted in Food & Drink"
    assert line_rule(posted, 4, False, *line_cues(posted)) == "boilerplate"
    sentence = "Posted in Gao since 2012, the regiment has lost a third of its men to the heat."
    assert line_rule(sentence, 17, True, *line_cues(sentence)) is None
    assert SECTION_END.match("Categories")
    # However many tags it lists; a sentence that opens with the word is no label line.
    tags = "Topics: Mali, Sahel, peace talks, Algiers, Editor's Picks, United Nations"
    assert line_rule(tags, 11, False, *line_cues(tags)) == "boilerplate"
    sentence = "Topics: the talks covered security, aid and the return of the refugees to Gao."
    assert line_rule(sentence, 14, True, *line_cues(sentence)) is None
    for tagged in (
        "Tagged: Mali, Sahel, peace talks",
        "Tagged Mali, Sahel, Algiers, United Nations",
    ):
        words = len(tagged.split())
        assert line_rule(tagged, words, False, *line_cues(tagged)) == "boilerplate", tagged
    title = "Tagged as a traitor by the junta"  # no list: a title, not a label
    assert line_rule(title, 7, False, *line_cues(title)) is None
    # An encyclopedia's hatnotes point to other articles.
    for hatnote in ("Main article: Northern Mali conflict", "See also: Tuareg rebellion (2012)"):
        words = len(hatnote.split())
        assert line_rule(hatnote, words, False, *line_cues(hatnote)) == "boilerplate", hatnote


def test_a_line_of_many_short_fields_is_a_menu_however_it_ends():
    menus = [
        "Les rubriques du Monde International ▪ Politique ▪ Société ▪ Économie ▪ Culture.",
        "Privacy | Terms | Ad policy | Careers",
        "© Sahel Times | Mentions légales | Qui sommes-nous ? | Charte du groupe | Index",
    ]
    # Fields this long, or separators this few, or none between spaces, part sentences.
    kept = [
        "The talks, which began in Algiers last month | were cut short on Monday as the army "
        "moved north | and the mediators flew back | to the capital for more consultations.",
        "The vote • held on Monday • ended with a clear majority for the plan of the force.",
        "La col·lecció del museu va ser traslladada a la capital abans de l·l·l dels combats.",
    ]
    doc = clean(doc_from_text("\n".join([PROSE[0], *menus, *kept, *PROSE[1:]])))
    assert [reasons(doc)[line] for line in menus] == ["boilerplate"] * 3
    assert [reasons(doc)[line] for line in kept] == [None] * 3
    assert [field_separators(line) for line in menus] == [4, 3, 4]


def test_a_title_that_opens_with_by_or_von_is_no_byline():
    for title in ("Von Sarajevo zum Flächenbrand", "Von Rechts wegen", "By Land to Timbuktu"):
        assert line_rule(title, len(title.split()), False, *line_cues(title)) is None, title
    for byline in (
        "Von Jane Doe",
        "By the Associated Press",
        "By Jane Doe in Bamako",
        "Par J. Dupont",
    ):
        assert (
            line_rule(byline, len(byline.split()), False, *line_cues(byline)) is LineReason.byline
        )


def test_a_name_then_the_writers_address_is_a_byline_whatever_follows():
    for byline in (
        "By Leonardo Castañeda | lcastaneda@bayareanewsgroup.com | Bay Area News Group",
        "Por Mariano Martín mmartin@ambito.com.ar",
    ):
        words = len(byline.split())
        assert line_rule(byline, words, False, *line_cues(byline)) is LineReason.byline, byline
    # An address in a sentence that opens with "By" signs nothing.
    for line in ("By emailing info@sahel.org you agree", "By Land to Timbuktu with a@b.org"):
        assert line_rule(line, len(line.split()), False, *line_cues(line)) is None, line


def test_a_skip_link_is_chrome_in_other_languages_too():
    for link in ("Zum Inhalt springen", "Aller au contenu", "Saltar al contenido"):
        words = len(link.split())
        assert line_rule(link, words, False, *line_cues(link)) is LineReason.boilerplate, link


def test_a_photographer_and_an_agency_alone_are_a_credit():
    credits = ("Evan Vucci / AP", "Spencer Platt/Getty", "Jane Doe/AFP")
    credits += ("Screenshot by Jane Doe/Sahel Esports",)  # a screenshot's taker
    for credit in credits:
        page = "\n\n".join(["Mali plan agreed", PROSE[0], credit, *PROSE[1:]])
        assert reasons(cleaned(page))[credit] == "photo_credit", credit
    # A line of prose that ends with an agency's name is not one.
    told = "The envoy said the talks had been a success, according to AP"
    page = "\n\n".join(["Mali plan agreed", PROSE[0], told, *PROSE[1:]])
    assert reasons(cleaned(page))[told] is None
