import json
import unicodedata

import numpy as np
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from builder import jit
from builder.clean import clean
from builder.clean.marks import _repeats_itself, introduced_lists
from builder.clean.notices import FORM_NOTICE, is_consent_notice
from builder.clean.placement import (
    LINE_FEATURES,
    LINE_MODEL,
    MODEL_FILE,
    PLACEMENT,
    WEIGHTS,
    _isolated_share,
    load_line_model,
    model_weights,
)
from builder.clean.rules import field_separators, line_cues, line_rule, scan_lines
from builder.clean.text import is_prose, line_words, lists_names, names_a_person_first, word_count
from builder.clean.vocabulary import (
    CHROME_PHRASES,
    CHROME_WORDS,
    DENSE_PHRASE_MAX_WORDS,
    SECTION_END,
    SELF_REPEAT_HEAD_CHARS,
    STAMP,
    TEASER_BOX,
)
from builder.decode import _CONTROLS
from builder.doc import Doc, LineReason
from builder.linescan import UNSURE_CUE
from tests.conftest import REPO
from tests.helpers import PROSE, cleaned, doc_from_text, read_byline, reasons


def test_word_count_handles_scripts_without_spaces():
    assert word_count("three plain words") == 3
    assert word_count("马里危机持续发酵各方呼吁和平") == 1 + 14 // 2


def test_prose_needs_words_and_a_sentence_end():
    assert is_prose(PROSE[0], word_count(PROSE[0]))
    assert not is_prose("Related stories about the Mali crisis and more", 9)
    assert is_prose("“He said the plan would work soon enough, officials noted.”", 10)


def test_a_long_line_of_capitalised_names_is_a_menu_unless_it_ends_as_a_sentence():
    menu = (
        "Focus Best of the Web Puppet Masters Secret History Science & Technology Earth Changes "
        "Fire in the Sky Health & Wellness Science of the Spirit High Strangeness Don't Panic! "
        "Picture of the Day Quote of the Day Archive"
    )
    assert not is_prose(menu, word_count(menu))
    assert not scan_lines([menu]).prose[0]
    shouted = menu + " Lighten Up!"  # a menu item that exclaims is no sentence's end
    assert not is_prose(shouted, word_count(shouted)) and not scan_lines([shouted]).prose[0]
    names = (
        "Officials from Mali, Niger, Chad, Burkina Faso, Mauritania, Senegal, Guinea, Ivory "
        "Coast, Ghana, Togo, Benin, Nigeria, Cameroon and Gabon met in the capital Abuja on Monday."
    )
    assert is_prose(names, word_count(names)) and scan_lines([names]).prose[0]


def test_sentences_end_with_the_full_stops_of_many_scripts():
    hindi = "सरकार ने कहा कि उत्तर में शांति वार्ता अगले सप्ताह फिर से शुरू होगी।"
    burmese = "တရားခွင်မှာ တရားသူကြီးက အာမခံပေးခဲ့တယ် လို့ ရှေ့နေ ဦးကြီးမြင့် က ပြောပါတယ်။"
    for text in (hindi, burmese):
        assert is_prose(text, word_count(text)), text
        assert not is_prose(text[:-1], word_count(text)), text  # without its stop: a fragment
    # A long line of them is sentences, not a word list.
    long_line = " ".join([hindi] * 4)
    assert is_prose(long_line, word_count(long_line))


def test_chrome_outside_the_article_is_removed_with_reasons():
    page = "\n\n".join(
        ["Skip to content", "Home", "World", "Mali plan agreed", *PROSE, "Share this", "© 2013 X"]
    )
    doc = cleaned(page)
    got = reasons(doc)
    assert [t for t, r in got.items() if r is None] == PROSE
    assert got["Skip to content"] == "boilerplate"
    assert got["Share this"] == "boilerplate"
    assert got["Mali plan agreed"] == "headline"
    assert got["Home"] == "outside_article"


def test_repeated_lines_kept_once_and_caption_pairs_dropped():
    caption = "Troops leave a plane at Bamako airport in Mali on Saturday afternoon."
    page = "\n".join(["Mali plan agreed", "", caption, caption, "", *PROSE, PROSE[1]])
    got = [(line.no, line.reason and line.reason.value) for line in cleaned(page).lines]
    assert (3, "photo_credit") in got and (4, "photo_credit") in got
    assert got[-1] == (10, "duplicate")


def test_teaser_that_opens_a_paragraph_is_dropped():
    teaser = "The United States shares the goal of France in Mali."
    page = "\n\n".join(["Mali plan agreed", teaser, *PROSE, teaser + " " + PROSE[0]])
    assert reasons(cleaned(page))[teaser] == "duplicate"


def test_a_teaser_cut_short_before_its_link_is_chrome_however_long():
    teaser = (
        "Officials in Gao said on Monday that the talks with the armed groups would resume "
        "soon, and that the army had sent more troops to the north, where the fighting went "
        "on for weeks and… Read more Read more"
    )
    page = "\n\n".join(["Mali plan agreed", *PROSE[:2], teaser, *PROSE[2:]])
    assert reasons(cleaned(page))[teaser] == "boilerplate"
    # An ellipsis in the article's own text is no cut: nothing of the chrome follows it.
    trailing = "The envoy paused… and then said the talks would go on in March, in Algiers."
    page = "\n\n".join(["Mali plan agreed", *PROSE[:2], trailing, *PROSE[2:]])
    assert reasons(cleaned(page))[trailing] is None
    # Nor is one a sentence goes on from, whatever words follow it.
    goes_on = "The mayor of Gao told the crowd that he would soon… register and share it."
    page = "\n\n".join(["Mali plan agreed", *PROSE[:2], goes_on, *PROSE[2:]])
    assert reasons(cleaned(page))[goes_on] is None


def test_a_link_card_saying_its_title_over_and_over_is_dropped():
    title = "How the talks in Algiers could end the war"
    for card in (f"{title} {title}", f"{title} {title} {title[:20]}"):
        page = "\n\n".join(["Mali plan agreed", *PROSE[:2], card, *PROSE[2:]])
        assert reasons(cleaned(page))[card] == "duplicate", card
    assert not _repeats_itself(f"{title} {title[:20]}")  # one copy and a cut one
    assert not _repeats_itself("Bora Bora Bora Bora")  # too short a phrase to be a title
    assert not _repeats_itself(f"{title} and then {title}")
    assert not _repeats_itself(" ".join([title] * 5))  # a sentence said over and over is no card


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(st.characters(exclude_categories=["Z", "C"]), min_size=1), min_size=3),
    st.integers(2, 3),
    st.integers(0, 40),
)
def test_a_phrase_said_again_and_again_is_found_by_the_scan_and_the_text(words, copies, cut):
    phrase = " ".join(words)
    assume(len(phrase) >= SELF_REPEAT_HEAD_CHARS)
    head = phrase[:SELF_REPEAT_HEAD_CHARS]
    assume(f"{phrase} {phrase}".find(head, 1) == len(phrase) + 1)  # a title opens once
    text = " ".join([phrase] * copies) + (" " + phrase[:cut] if cut else "")
    assert _repeats_itself(text)
    assert scan_lines([text]).echoes[0]


def test_a_caption_saying_so_at_its_start_or_crediting_its_picture_at_its_end_is_dropped():
    captions = [
        "Media caption The envoy told reporters in Bamako that the talks would resume next month",
        "Soldiers walk past an armoured personnel carrier parked on a street in Gao on Thursday, "
        "as the talks in Algiers went on into the night Credit: STR/AFP",
        "The envoy and the minister at the airport (Photo: AP/Jane Doe/montage by Sahel Times)",
    ]
    own = "The image of the city changed that year: its market reopened, and so did its school."
    page = "\n\n".join(["Mali plan agreed", *PROSE[:2], *captions, own, *PROSE[2:]])
    got = reasons(cleaned(page))
    assert [got[caption] for caption in captions] == ["photo_credit"] * 3
    assert got[own] is None
    controls = [
        "View full size image",
        "Link copied",
        "toggle caption",
        "Thank you for signing up!",
    ]
    npr = (
        "Smoke rises over the market of Gao, which the troops entered on Saturday after two "
        "days of fighting with the rebels who had held it since April Jane Doe/AFP via Getty "
        "Images hide caption"
    )
    credit = "Photograph by Jane Doe, Sahel Times"
    body = [PROSE[0], controls[0], PROSE[1], controls[1], PROSE[2], controls[2], npr, credit]
    page = "\n\n".join(["Mali plan agreed", *body, controls[3], PROSE[3]])
    got = reasons(cleaned(page))
    assert [got[line] for line in controls] == ["boilerplate"] * 4
    assert [got[npr], got[credit]] == ["photo_credit"] * 2
    sourced = "Image source: Sahel Times"
    page = "\n\n".join(["Mali plan agreed", *PROSE[:2], sourced, *PROSE[2:]])
    assert reasons(cleaned(page))[sourced] == "photo_credit"


def test_a_copyright_notice_is_chrome_however_many_sentences_follow_its_mark():
    notices = [
        "Copyright 2013 Sahel Media Inc. All rights reserved. This material may not be "
        "published, broadcast, rewritten, or redistributed.",
        "© 2013 Sahel Courier. All Rights Reserved.",
    ]
    got = reasons(cleaned("\n".join(["Mali talks resume in Algiers", *PROSE, *notices])))
    assert [got[notice] for notice in notices] == ["boilerplate"] * 2
    # A sentence about copyright is the article's.
    reported = (
        "Copyright lawyers in Bamako said the 2013 law would protect the country's musicians "
        "from pirated recordings sold in the markets."
    )
    assert _kept_amid_prose(reported)


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
    assert _cleaned_body(page) == [*PROSE[:2], heading, PROSE[2], sentence, PROSE[3]]


def test_run_of_short_lines_inside_the_article_is_dropped_single_subheading_kept():
    links = ["Mali junta frees aide", "France sends jets", "Aid stalls in north"]
    page = "\n\n".join(
        ["Mali plan agreed", PROSE[0], PROSE[1], *links, PROSE[2], "What next", PROSE[3]]
    )
    got = reasons(cleaned(page))
    assert [got[link] for link in links] == ["short_run"] * 3
    assert got["What next"] is None


def test_long_sentence_packed_with_chrome_phrases_is_boilerplate():
    footer = (
        "Comment count on this article reflects comments made on and Facebook. "
        "Visit Breitbart's Facebook Page."
    )
    page = "\n\n".join(["Mali plan agreed", *PROSE, footer])
    assert reasons(cleaned(page))[footer] == "boilerplate"
    assert reasons(cleaned(page))[PROSE[0]] is None


_CUE_VOCAB = [
    *sorted(CHROME_WORDS),
    *(" ".join(phrase) for phrase in CHROME_PHRASES),
    *("By", "Topics:", "Tags:", "Photo:", "Getty Images", "AFP/", "(c)", "12", "2016", "10:30"),
    *("...", "…", "had… Read more", "a.."),
    *("Related stories", "3 comments", "Sign-up", "e-mail", "x_share", "|", "•", "’s", "“Mali”"),
    *("▪", "·", "l·l", "|•", " | "),
    *("Bamako", "said", "the", "Ça", "日本語", "—", ".", "SHARE:", "Comments (4)", "(C)", "c"),
    *("Más leídas", "関連記事", "à lire aussi", "Categories: News", "Filed under:", "²", "١٢"),
    *("like us", "comments count", "you may", "STRASSE", "straße", "İ", "\U0001d400", "©2016"),
    *("10:30", "15/01/2013", "1.2.13", "_12:30", "2013_", "12:305", "x2013", "١٢:٣٠", "7/8", "/"),
    *("1999", "20", "13", ":", "3.", "12/31/99", "2013-01-15", "0:00"),
    *("cookies", "COOKIE", "cocookie", "cooKie", "cook", "ie", "Cookie-Einstellungen"),
]
_cue_lines = st.lists(
    st.lists(
        st.sampled_from(_CUE_VOCAB)
        | st.text(st.characters(exclude_categories=["Z", "C"]), min_size=1),
        min_size=1,
        max_size=34,
    ).map(" ".join),
    min_size=1,
    max_size=12,
)


@settings(max_examples=400, deadline=None)
@given(_cue_lines)
def test_the_compiled_scan_decides_every_line_as_the_rules_do(texts):
    with jit.interpreted(False):
        scan = scan_lines(texts)
    assert scan.words.tolist() == [line_words(text) for text in texts]
    for i, text in enumerate(texts):
        words = line_words(text)
        prose = words >= 8 and is_prose(text, words)
        assert bool(scan.prose[i]) == prose, text
        assert bool(scan.mentions_cookie[i]) == ("cookie" in text.casefold()), text
        assert scan.fields[i] == field_separators(text), text
        assert bool(scan.ellipsis[i]) == ("..." in text or "…" in text), text
        if _repeats_itself(text):
            assert scan.echoes[i], text
        cues, hits = line_cues(text)
        expected = line_rule(text, words, prose, cues, hits)
        if words > DENSE_PHRASE_MAX_WORDS:
            assert not scan.needs_rules[i] and not scan.chrome[i], text
        elif scan.cues[i] & UNSURE_CUE:
            assert scan.needs_rules[i], text
        else:
            assert (int(scan.cues[i]), int(scan.hits[i])) == (cues, hits), text
            assert bool(scan.stamp[i]) == bool(STAMP.search(text)), text
        if scan.chrome[i]:
            got = "boilerplate"
        elif scan.needs_rules[i]:
            got = line_rule(text, words, prose, cues, hits)
        else:
            got = None
        assert got == expected, text


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


def test_chrome_phrases_are_followed_as_the_scan_assumes():
    # The scan follows one phrase at a time: no phrase may open another, and a word inside a
    # phrase may not open one.
    starts = {phrase[0] for phrase in CHROME_PHRASES}
    for phrase in CHROME_PHRASES:
        assert 2 <= len(phrase) <= 4
        assert not set(phrase[1:-1]) & starts, phrase
        for other in CHROME_PHRASES:
            assert other == phrase or other[: len(phrase)] != phrase, (phrase, other)


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


def test_a_paragraph_the_page_also_shows_above_the_article_stays_in_the_article():
    # A summary or teaser of the story above the menu repeats one of its paragraphs: the
    # copy placement leaves out does not take the article's own copy with it.
    menu = ["Home", "News", "Sport", "Business", "Culture", "Weather", "Contact us", "Sign in"]
    article = [*PROSE, *MORE_PROSE, *LATER_PROSE]
    page = ["Home", PROSE[1], *menu, "Mali talks resume in Algiers", *article, "© Sahel Times"]
    doc = cleaned("\n".join(page))
    assert [line.text for line in doc.lines if line.kept] == article
    top_copy = next(line for line in doc.lines if line.text == PROSE[1])
    assert top_copy.reason.value == "outside_article"
    # A copy inside the article is still a copy.
    doc = cleaned("\n".join(["Mali talks resume in Algiers", *PROSE, PROSE[1], *MORE_PROSE]))
    assert [line.text for line in doc.lines if line.kept] == [*PROSE, *MORE_PROSE]


def test_a_header_of_what_follows_ends_the_article_even_as_a_site_wide_template_line():
    # Teasers that read as prose: the box is the rest of the page, not a pause in the article.
    teasers = [
        "Pets benefit our mental health: a systematic review of existing studies lists the ways.",
        "Consciousness restored using nerve stimulation a month after a stimulator was implanted.",
    ]
    article = [*PROSE, *MORE_PROSE, *LATER_PROSE]
    for header in ("Related coverage", "Recommended related news"):
        for reason in (None, LineReason.template):
            doc = doc_from_text("\n".join([*article, header, *teasers]))
            doc.lines[len(article)].reason = reason  # the template stage found it on every page
            kept = [line.text for line in clean(doc).lines if line.kept]
            assert kept == article, (header, reason)


def test_headers_of_what_follows_in_scripts_without_spaces_end_the_article():
    # Other stories' titles, long enough in characters to outweigh the cost of fragments.
    titles = [
        "金正恩氏が訪中、習国家主席と会談 中国国営メディアが報道する見通しとなった",
        "日本がコロンビアから金星、アジア勢はW杯史上初めて南米チームに勝利した",
        "新华全媒头条丨黄河流域文物保护传承观察与思考系列报道之一",
    ]
    article = [*PROSE, *MORE_PROSE, *LATER_PROSE]
    headers = (
        "あわせて読みたい",
        "阅读下一篇：",
        "推荐阅读",
        "あなたにおすすめの記事",
        "本日の主要記事",
    )
    for header in (*headers, "新着記事", "相关推荐", "最新文章", "많이 본 뉴스", "인기 기사"):
        doc = cleaned("\n".join([*article, header, *titles]))
        assert [line.text for line in doc.lines if line.kept] == article, header


def test_headers_of_what_follows_in_many_languages_end_the_article():
    article = [*PROSE, *MORE_PROSE, *LATER_PROSE]
    headers = ["Leggi anche", "Читайте также:", "Baca juga", "اقرأ أيضا", "관련기사"]
    headers += ["यह भी पढ़ें", "Das könnte Sie auch interessieren", "Noticias relacionadas"]
    headers += ["Raccomandati per te", "Weitere interessante Themen", "Pour approfondir"]
    headers += ["La rédaction vous conseille :", "Article suivant", "Explore further"]
    headers += ["Keep Reading 🚀", "More Related to this Story", "Watch latest videos"]
    headers += ["Más información", "Die beliebtesten Produkte", "Diesen Artikel empfehlen:"]
    headers += ["Kļūda rakstā?", "Lea también", "Reporte un error", "Deixe sua opinião"]
    headers += ["Enviá tu comentario", "Las más leídas", "As mais lidas agora", "Redaktionstipp"]
    headers += ["Más sobre Conflicto mapuche", "您可能會有興趣的文章", "Auch interessant für dich"]
    headers += ["Themen in diesem Artikel", "Teile diesen Beitrag!", "Recent Posts"]
    headers += ["Related Video", "Support independent journalism", "Donate Now"]
    headers += ["Apoya el periodismo incómodo", "Nuestro equipo te necesita", "Become a member"]
    headers += ["Newer Post Older Post Home", "Older Post → Home"]
    headers += ["More by Jane Doe", "In this section", "Want more stuff like this?"]
    headers += ["Love this? Want more?"]
    for header in headers:
        doc = cleaned("\n".join([*article, header, *OTHER_STORIES]))
        assert [line.text for line in doc.lines if line.kept] == article, header
        assert reasons(doc)[header] == "boilerplate", header


def test_a_box_of_sponsored_or_paid_partner_stories_ends_the_article():
    # Advertisers' teasers, written as sentences: they read as prose.
    paid = [
        "This site finds and compares three financial advisors in your area for free.",
        "Answer these questions to find the right financial advisor for you and your family.",
        "Transferring your balance to a card with no interest for fourteen months is ingenious.",
    ]
    article = [*PROSE, *MORE_PROSE, *LATER_PROSE]
    for header in ("Sponsored Articles", "Paid Partner", "Sponsored", "Promoted Content"):
        doc = cleaned("\n".join([*article, header, *paid]))
        assert [line.text for line in doc.lines if line.kept] == article, header
    # An advertisement's label inside the article is a box it goes on past.
    doc = cleaned("\n".join(["Mali talks resume in Algiers", *PROSE, "Sponsored", *MORE_PROSE]))
    assert [line.text for line in doc.lines if line.kept] == [*PROSE, *MORE_PROSE]


def test_a_box_of_what_to_read_next_or_about_the_author_ends_the_article():
    article = [*PROSE, *MORE_PROSE, *LATER_PROSE]
    headers = ["Read This Next", "You may also want to check these out:", "ABOUT THE AUTHOR"]
    headers += ["More articles by Jane Doe", "Discussion about this post", "Articles liés"]
    headers += ["Derniers articles de la thématique « Sahel »", "Related Topics", "Load comments"]
    headers += ["View/Post Comments", "Leave a Reply Cancel reply", "Post navigation", "Next story"]
    headers += ["Promoted Stories", "Around the Web", "Suggest a correction", "Report an error"]
    headers += ["Tagged:", "Etiquetas", "Temas", "Tematy", "Powiązane tematy", "Top Stories"]
    headers += ["More like this", "Comments are closed.", "Powered by Livefyre", "Komentarze"]
    headers += ["Últimas noticias", "Mais recentes", "Najnowsze", "Next article", "Most recent"]
    headers += ["Articles en relation", "Polecamy", "Najpopularniejsze", "5 thoughts on “Mali”"]
    headers += ["6 Comments on Interactive maps, now in your language", "12 Responses to Gao"]
    headers += ["Das könnte dir auch gefallen", "Das könnte Ihnen auch gefallen"]
    for header in headers:
        doc = cleaned("\n".join([*article, header, *OTHER_STORIES]))
        assert [line.text for line in doc.lines if line.kept] == article, header
        assert reasons(doc)[header] == "boilerplate", header
    # Opening a sentence, the same words are prose.
    sentences = [
        "Thoughts on the budget",
        "About the author of the report, little is known in Bamako or in Gao.",
        "Read this next year's budget line by line and the cuts in the north show.",
    ]
    for sentence in sentences:
        assert not SECTION_END.match(sentence)


def test_a_gallery_after_the_article_is_cut_off_at_its_slide_counters():
    captions = [
        f"Caption {n} tells the story of another photograph in a long gallery of the week's news."
        for n in range(1, 5)
    ]
    gallery = [line for n, caption in enumerate(captions, 1) for line in (f"{n}/4 Photo", caption)]
    page = "\n\n".join(["Mali plan agreed", *PROSE, *gallery])
    got = reasons(cleaned(page))
    assert [got[f"{n}/4 Photo"] for n in range(1, 5)] == ["boilerplate"] * 4
    assert {got[caption] for caption in captions} == {"outside_article"}
    assert [got[line] for line in PROSE] == [None] * 4


def test_fractions_and_a_lone_counter_are_not_a_gallery():
    recipe = ["1/2 cup of millet flour", "1/2 cup of water", "1/2 teaspoon of salt", "1 of 24"]
    page = "\n\n".join(["Mali plan agreed", *PROSE, *recipe])
    got = reasons(cleaned(page))
    assert [got[line] for line in recipe] == ["outside_article"] * 4  # not chrome
    assert [got[line] for line in PROSE] == [None] * 4


# Pages for the clean stage's properties: article sentences, chrome and metadata lines, and
# arbitrary text (any script, control characters, stray whitespace), in any order.
_PAGE_LINES = st.lists(
    st.sampled_from(PROSE)
    | st.sampled_from(_CUE_VOCAB)
    | _cue_lines.map(" ".join)
    | st.text(st.characters(exclude_categories=["Cs"]), max_size=120),
    max_size=40,
)


def _cleaned_body(text: str) -> list[str] | None:
    doc = doc_from_text(text)
    if not isinstance(doc, Doc):
        return None  # decode rejected it (empty, binary): there is nothing to clean
    return [line.text for line in clean(doc).lines if line.kept]


def _kept_amid_prose(sentence: str) -> bool:
    """Whether a sentence set between the article's paragraphs stays in its body."""
    page = "\n".join(["Mali talks", *PROSE[:2], sentence, *PROSE[2:]])
    return _cleaned_body(page) == [*PROSE[:2], sentence, *PROSE[2:]]


def _is_subsequence(items: list[str], of: list[str]) -> bool:
    remaining = iter(of)
    return all(any(item == other for other in remaining) for item in items)


@settings(max_examples=300, deadline=None)
@given(_PAGE_LINES, st.sampled_from(["\n", "\n\n", "\r\n", "\n \t\n"]))
# Found by the property: a fragment before a box of related links is no article to go on.
@example(
    lines=["0", "related stories", *PROSE[:3], "accessibility " * 27 + "report this ad ."], sep="\n"
)
# And a fragment between a sign-in prompt peeled off the article's edge and the article.
@example(
    lines=[
        "accessibility " * 14 + "login pin it" + " e mail this" * 3 + " you may 㐀 ;㐀",
        "cocookie",
        PROSE[0],
    ],
    sep="\n",
)
def test_cleaning_keeps_input_lines_in_order_and_a_clean_body_is_a_fixed_point(lines, sep):
    text = sep.join(lines)
    body = _cleaned_body(text)  # never raises, whatever the text
    if not body:
        return
    # Nothing is invented or reordered: each paragraph is a line of the page as decoded
    # (whitespace collapsed), and the paragraphs keep the page's order.
    decoded = [line.text for line in doc_from_text(text).lines]
    assert _is_subsequence(body, decoded)
    assert all(p == " ".join(p.split()) and p for p in body)
    # Unless decode repaired mojibake (flagged in the record's text_repaired), each paragraph
    # is also a line of the raw page itself, up to whitespace (stray control characters
    # count as spaces) and Unicode normalisation.
    if not doc_from_text(text).meta["text_repaired"]:
        raw_lines = [" ".join(unicodedata.normalize("NFC", line).split()) for line in lines]
        raw_lines = [" ".join(_CONTROLS.sub(" ", line).split()) for line in raw_lines]
        assert all(any(p in line for line in raw_lines) for p in body)
    # A body that has been cleaned is clean: cleaning it again removes nothing.
    assert _cleaned_body("\n\n".join(body)) == body


def test_properties_hold_on_a_page_with_an_article():
    page = ["Home", "Share on Facebook", *PROSE, "© 2013 Sahel Times. All rights reserved."]
    body = _cleaned_body("\n".join(page))
    assert body == PROSE
    assert _cleaned_body("\n\n".join(body)) == body


def test_real_pages_cleaned_twice_give_the_same_body():
    pages = sorted((REPO / "tests" / "fixtures" / "devset").glob("*/raw.txt"))
    assert len(pages) >= 20
    for page in pages:
        body = _cleaned_body(page.read_text(encoding="utf-8"))
        assert body, page.parent.name
        assert _cleaned_body("\n\n".join(body)) == body, page.parent.name


def test_raw_markup_neither_opens_an_article_nor_breaks_one():
    notice = '<div class="alertBox"> <div class="alert"> <i></i><p>JavaScript is <em>off</em> here.'
    assert _cleaned_body("\n".join(["Home", notice, *PROSE])) == PROSE
    sample = '<script src="vendor/blanket.js" data-cover-adapter="mocha.js"></script>'
    article = [*PROSE[:2], sample, *PROSE[2:]]
    assert _cleaned_body("\n".join(["Home", *article])) == article
    # A sentence that merely mentions a tag is prose.
    mentions = "<em> marks stress, and the regional force used it in every one of its notes."
    assert _cleaned_body("\n".join(["Home", mentions, *PROSE])) == [mentions, *PROSE]


MORE_PROSE = [
    "Residents of Gao said the market had reopened on Tuesday for the first time in months.",
    "Traders brought grain from Mopti by boat, and prices fell for the second week in a row.",
    "The mayor asked the army to keep patrols on the roads leading south toward the river.",
]
LATER_PROSE = [
    "Schools in Timbuktu were due to open again next month, the education ministry said.",
    "Teachers who fled south last year were asked to return before the start of the term.",
    "Parents said many families would wait to see whether the roads were safe in the rains.",
    "The ministry promised new books and desks for the schools that were looted last spring.",
]


@pytest.mark.parametrize("header", ["Related stories", "More Related to this Story"])
def test_an_article_goes_on_after_a_box_of_related_links_inside_it(header):
    box = [header, "Talks resume in Algiers", "Aid reaches Timbuktu by road"]
    doc = cleaned("\n".join(["Home", *PROSE, *box, *MORE_PROSE, "© 2013 Sahel Times"]))
    assert [line.text for line in doc.lines if line.kept] == PROSE + MORE_PROSE
    assert [reasons(doc)[title] for title in box[1:]] == ["short_run", "short_run"]
    # Comments end an article, whatever prose follows them, a box among them or not.
    comments = cleaned("\n".join(["Home", *PROSE, "Comments", *MORE_PROSE]))
    assert [line.text for line in comments.lines if line.kept] == PROSE
    comments = cleaned("\n".join(["Home", *PROSE, "Comments", *box, *MORE_PROSE]))
    assert [line.text for line in comments.lines if line.kept] == PROSE
    # A first paragraph that weighs little alone is the article's when the article goes on
    # past the box.
    first = clean(doc_from_text("\n".join(["Home", PROSE[0], *box, *PROSE[1:], *MORE_PROSE])))
    assert [line.text for line in first.lines if line.kept] == PROSE + MORE_PROSE
    # After the box, a list of other stories (no prose) is not the article going on.
    others = [f"Story {n} about the north of the country and its towns 3/9 18:01" for n in range(4)]
    listed = cleaned("\n".join(["Home", *PROSE, "Related stories", *others]))
    assert [line.text for line in listed.lines if line.kept] == PROSE


def test_a_share_bar_is_a_box_the_article_goes_on_past_only_into_a_run_of_weight():
    share = ["Share this article", "Copied!"]
    promo = [
        "Do you still have questions? Head over to our community forum to find the answers.",
        "Level up your game at our premier conference where the experts come together.",
    ]
    article = [*PROSE, *MORE_PROSE, *LATER_PROSE]
    ended = clean(doc_from_text("\n".join(["Home", *article, *share, *promo])))
    assert [line.text for line in ended.lines if line.kept] == article
    inside = clean(doc_from_text("\n".join(["Home", *PROSE, *share, *MORE_PROSE, *LATER_PROSE])))
    assert [line.text for line in inside.lines if line.kept] == article


def test_an_ordered_list_in_the_article_is_no_list_of_links():
    ranking = ["1. Senegal", "2. Ghana", "3. Niger", "4. Mali", "5. Chad"]
    intro = "The overall rankings of the countries were as follows:"
    article = [*PROSE, intro, *ranking, *MORE_PROSE, *LATER_PROSE]
    doc = clean(doc_from_text("\n".join(["Home", *article])))
    assert [line.text for line in doc.lines if line.kept] == article
    # Numbers that do not count up are no list of the article's (unless it introduces them
    # with a colon, as test_a_list_the_article_introduces_with_a_colon_is_the_articles_own).
    scattered = ["3. Senegal", "7. Ghana", "12. Niger", "4. Mali"]
    page = ["Home", *PROSE, intro.rstrip(":"), *scattered, *MORE_PROSE, *LATER_PROSE]
    doc = clean(doc_from_text("\n".join(page)))
    assert [reasons(doc)[line] for line in scattered] == ["short_run"] * 4


def test_a_list_the_article_introduces_with_a_colon_is_the_articles_own():
    items = ["Two tents", "A water filter", "Maps of the north", "A radio"]
    intro = "What the convoy carried:"
    page = ["Mali plan agreed", *PROSE[:2], intro, *items, *PROSE[2:]]
    got = reasons(cleaned("\n\n".join(page)))
    assert [got[item] for item in [intro, *items]] == [None] * 5
    # The same list with no sentence after it is no part of the article's flow.
    page = ["Mali plan agreed", *PROSE, intro, *items, "Home", "About"]
    got = reasons(cleaned("\n\n".join(page)))
    assert [got[item] for item in items] != [None] * 4
    # Without its colon, a run of short lines in the article is a list of links.
    page = ["Mali plan agreed", *PROSE[:2], "What the convoy carried", *items, *PROSE[2:]]
    got = reasons(cleaned("\n\n".join(page)))
    assert [got[item] for item in items] == ["short_run"] * 4


def test_lists_that_follow_one_another_under_the_articles_sentences_are_its_own():
    crew = ["Ibrahim Touré", "Aminata Diallo", "Moussa Keita"]
    facts = ["Length: 3:28:15", "Recorded in Bamako"]
    chain = ["With us:", *crew, "Details:", *facts, "Notes:"]
    page = ["Mali plan agreed", *PROSE[:2], *chain, *PROSE[2:], *MORE_PROSE]
    got = reasons(cleaned("\n\n".join(page)))
    assert [got[line] for line in chain] == [None] * len(chain)
    # The same lists after a line of chrome, not a sentence, are a footer's.
    footer = ["Find us on:", "Crossword", "Horoscope", "Weather", "Member of:"]
    imprint = "The Sahel Times is published in Bamako and printed in Mopti every morning."
    for before, expected in ((PROSE[0], [True] * 4), ("Home", [False] * 4)):
        texts = [before, *footer, imprint]
        scan = scan_lines(texts)
        codes = np.zeros(len(texts), dtype=np.int8)
        introduced = introduced_lists(texts, scan.prose, scan.words, codes)
        assert introduced[2:6].tolist() == expected
    # A list of one item between two colon lines breaks the chain.
    broken = ["With us:", *crew, "Details:", facts[0], "Notes:"]
    page = ["Mali plan agreed", *PROSE[:2], *broken, *PROSE[2:], *MORE_PROSE]
    got = reasons(cleaned("\n\n".join(page)))
    assert None not in [got[line] for line in crew]


def test_an_article_closing_on_the_list_its_sentence_introduces_keeps_the_list():
    intro = (
        "Here is the council's calendar of the events expected in Bamako and Gao next month, "
        "with the host and the number of guests:"
    )
    events = [
        f"Jan. {day}-{day + 2}: {host}, {name}, Hotel de l'Amitié - Bamako, {guests}"
        for day, host, name, guests in (
            (3, "Chamber of Commerce", "Sahel Business Forum (January 2013)", 200),
            (9, "Cotton Growers' Union", "Regional Growers' Winter Meeting 2013", 450),
            (15, "Teachers' Federation", "West African Teachers' Congress 2013", 300),
            (21, "Niger Basin Authority", "Annual Summit of the River States", 120),
        )
    ]
    article = [*PROSE, *MORE_PROSE, intro, *events]
    doc = cleaned("\n".join(["Home", *article, "Related Stories", "About Us"]))
    assert [line.text for line in doc.lines if line.kept] == article
    # Under a header (a phrase), the same lines are titles of other stories.
    header = "Our editors recommend:"
    doc = cleaned("\n".join(["Home", *PROSE, *MORE_PROSE, header, *OTHER_STORIES]))
    assert [line.text for line in doc.lines if line.kept] == PROSE + MORE_PROSE


def test_an_article_resumes_after_a_widget_embedded_in_it():
    widget = ["Photo gallery", "Previous", "Next", "Close", "Show all", "Back", "Play again"]
    widget += ["Share on Facebook", "Share on Twitter", "Subscribe", "Sign in", "Advertisement"]
    doc = cleaned("\n".join(["Home", *PROSE, *widget, *MORE_PROSE, "© 2013 Sahel Times"]))
    assert [line.text for line in doc.lines if line.kept] == PROSE + MORE_PROSE
    # A sentence or two after the page's chrome weighs too little to be the article going on.
    aside = "Our reporters in Bamako and Gao contributed to this article on the talks."
    tail = cleaned("\n".join(["Home", *PROSE, *MORE_PROSE, *widget, aside]))
    assert [line.text for line in tail.lines if line.kept] == PROSE + MORE_PROSE


OTHER_STORIES = [
    "Flooding in the south displaces thousands of families as the river bursts its banks",
    "Ministers from the region meet in Dakar to discuss the security of the border areas",
    "Exporters of cotton say the harvest this year will be the best in almost a decade",
    "A new bridge over the Niger opens to traffic after four years of building work",
]


def test_titles_closing_the_article_under_a_header_of_any_language_are_other_stories():
    article = [*PROSE, *MORE_PROSE]
    doc = cleaned("\n".join(["Home", *article, "Saistītie raksti", *OTHER_STORIES]))
    assert [line.text for line in doc.lines if line.kept] == article
    assert reasons(doc)[OTHER_STORIES[0]] == "outside_article"
    # A list's items may close an article.
    items = [
        "- Two tents, a water filter and the maps of the north for the convoy",
        "- Enough grain for the families of Gao to last until the next harvest",
        "- Radios for the teachers who return to the schools of Timbuktu this term",
    ]
    doc = cleaned("\n".join(["Home", *article, *items]))
    assert [line.text for line in doc.lines if line.kept] == article + items


def test_a_list_of_the_latest_stories_after_the_article_is_no_part_of_it():
    doc = cleaned("\n".join(["Home", *PROSE, *MORE_PROSE, "Latest News", *OTHER_STORIES]))
    assert [line.text for line in doc.lines if line.kept] == PROSE + MORE_PROSE
    assert SECTION_END.match("Trending Stories") and TEASER_BOX.match("Trending Stories")


@pytest.mark.parametrize(
    "header", ["Most Popular", "Most read business stories", "Most read in News", "More videos"]
)
def test_an_article_goes_on_past_a_box_of_other_stories_placed_inside_it(header):
    box = [header, "Gear", "Ten tools for a home workshop", "Jane Doe", "Business"]
    box += ["A chatbot with few guardrails", "John Roe", "Culture", "Where the first users went"]
    article = [*PROSE, *MORE_PROSE[:2], *LATER_PROSE, *MORE_PROSE[2:]]
    # The box is placed twice; two paragraphs alone weigh less than a quarter of the article
    # before the box, so the runs after the boxes count together.
    page = ["Home", *PROSE, *box, *MORE_PROSE[:2], *box, *LATER_PROSE, *MORE_PROSE[2:]]
    doc = cleaned("\n".join([*page, "You Might Also Like", "Another story", "© 2013 Sahel Times"]))
    assert [line.text for line in doc.lines if line.kept] == article
    first_box = next(line.reason.value for line in doc.lines if line.text == box[2])
    assert first_box == "short_run"
    # After the box, teasers with one summary each are other stories, not the article.
    teasers = [line for story, summary in FEED for line in (story, summary)]
    doc = cleaned("\n".join(["Home", *PROSE, *MORE_PROSE, *box, *teasers]))
    assert [line.text for line in doc.lines if line.kept] == PROSE + MORE_PROSE
    # Nor is prose after a box that dates its titles (a feed), however long.
    dated = [line for title in box[2:] for line in (title, "3/9 18:01")]
    doc = cleaned("\n".join(["Home", *PROSE, *MORE_PROSE, box[0], *dated, *LATER_PROSE]))
    assert [line.text for line in doc.lines if line.kept] == PROSE + MORE_PROSE


def test_an_article_goes_on_past_two_boxes_with_a_promo_between_them():
    boxes = [
        "Read More",
        "Related Articles",
        "Sahel Football email - sign-up for all the latest transfer news and gossip",
        "Read More",
        "Related Articles",
        "Bamako club 'close' on winger transfer after a two-week trial",
    ]
    page = ["Home", *PROSE, *MORE_PROSE, *boxes, *LATER_PROSE, "Read More", "Top Stories"]
    doc = cleaned("\n".join(page))
    assert [line.text for line in doc.lines if line.kept] == PROSE + MORE_PROSE + LATER_PROSE
    # Two paragraphs before the boxes start the article that goes on after them.
    title = "Mali talks resume in Algiers"
    page = ["Home", title, *PROSE[:2], *boxes, *PROSE[2:], *MORE_PROSE, *LATER_PROSE, "Top Stories"]
    doc = cleaned("\n".join(page))
    assert [line.text for line in doc.lines if line.kept] == PROSE + MORE_PROSE + LATER_PROSE


def test_an_article_goes_on_past_a_box_whose_long_titles_open_the_run_after_it():
    titles = [
        "Major incident declared as storms with winds of 110mph cause carnage across the north",
        "Family who moved to a pretty little town on a whim win a fortune in the lottery draw",
        "Boss hits back when an employee says she will work from home for the rest of the year",
    ]
    page = ["Home", *PROSE, *MORE_PROSE, "Don't miss...", *titles, *LATER_PROSE, "Trending"]
    doc = cleaned("\n".join(page))
    assert [line.text for line in doc.lines if line.kept] == PROSE + MORE_PROSE + LATER_PROSE


FEED = [
    (
        "Drought spreads across the Sahel",
        "Farmers in Niger and Chad said the rains had failed "
        "for a second year, and prices of millet rose sharply in the markets of the region.",
    ),
    (
        "Ghana opens new port terminal",
        "The terminal at Tema will double the port's capacity, "
        "officials said, and should cut the waiting time for ships that now queue for days.",
    ),
    (
        "Senegal wins the regional cup",
        "A late goal gave the team its first title in a decade, "
        "and thousands of fans poured into the streets of Dakar to celebrate the victory.",
    ),
    (
        "Nigeria's central bank holds rates",
        "The bank kept its main rate unchanged for the fourth "
        "meeting in a row, saying inflation was easing but still above its target range.",
    ),
]


def test_a_feed_of_teasers_gives_way_to_the_article_after_it():
    feed = []
    for day in ("Monday", "Tuesday"):
        for title, teaser in FEED:
            feed += [f"{title} on {day}", teaser.replace("said", f"said on {day}"), "Sahel Wire"]
    article = [*PROSE, *MORE_PROSE]
    page = ["Home", *feed, "36 Comments", "Regional force in Bamako to plan deployment", *article]
    doc = cleaned("\n".join([*page, "© 2013 Sahel Times"]))
    assert [line.text for line in doc.lines if line.kept] == article
    # Alone on its page, an article of short items, each a title and a sentence, is kept.
    items = [line for title, teaser in FEED for line in (title, teaser)]
    doc = cleaned("\n".join(["Home", "Four stories from the region", *items, "© 2013 Sahel Times"]))
    kept = [line.text for line in doc.lines if line.kept]
    assert [teaser for _, teaser in FEED] == [text for text in kept if text.endswith(".")]


def test_account_prompts_opening_the_article_are_chrome():
    prompts = [
        "Log in with your Sahel Times account to create or edit your custom homepage today.",
        "Sign in",
        "Sign up for a free Sahel Times account to customize your news experience.",
        "take the tour",
    ]
    doc = cleaned("\n\n".join(["Home", *prompts, *PROSE]))
    assert [line.text for line in doc.lines if line.kept] == PROSE
    assert reasons(doc)[prompts[0]] == reasons(doc)[prompts[2]] == "boilerplate"
    # Inside the article, a sentence about accounts is the article's.
    inside = "Subscribe to the agency's newsletter, officials said, to follow the account."
    doc = cleaned("\n\n".join(["Home", PROSE[0], inside, *PROSE[1:]]))
    assert inside in [line.text for line in doc.lines if line.kept]


def test_isolated_share_counts_sentences_with_no_sentence_beside_them():
    prose = np.array([True, False, True, True, False, True], dtype=np.bool_)
    codes = np.zeros(6, dtype=np.int8)
    assert _isolated_share(prose, codes, 0, 5) == 2 / 4  # the first and the last stand alone
    codes[1] = 1  # a dropped line between two sentences does not part them
    assert _isolated_share(prose, codes, 0, 5) == 1 / 4


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


def test_a_cookie_consent_notice_is_chrome_however_long_but_an_article_on_cookies_is_not():
    notice = (
        "We use cookies and similar technologies to improve your browsing experience, "
        "personalize content and offers, show targeted ads, analyze traffic, and better "
        "understand you, and we share data with our partners for these purposes."
    )
    doc = cleaned("\n".join(["Home", notice, "Sign in", *PROSE]))
    assert reasons(doc)[notice] == "boilerplate"
    french = "En poursuivant votre navigation sur ce site, vous acceptez l'utilisation de cookies."
    assert reasons(cleaned("\n".join([french, *PROSE])))[french] == "boilerplate"
    article = [
        "Cookies, or some form of tracking, are needed for things like shopping carts online.",
        "However, those cookies can easily be session cookies that expire when you leave.",
        *PROSE,
    ]
    assert _cleaned_body("\n".join(["Home", *article])) == article
    # A page run into one huge line is not a notice, and is judged in linear time.
    assert not is_consent_notice("We use cookies to improve your visit. " * 100)
    assert is_consent_notice("We use cookies to improve your visit.")
    # A consent manager describes each category of its cookies in the site's voice, under
    # the article; an article says what cookies do in its own.
    categories = [
        "These cookies may be set through our site by our advertising partners. They may be "
        "used by those companies to build a profile of your interests.",
        "These cookies allow us to count visits and traffic sources so we can measure and "
        "improve the performance of our site.",
        "If you do not allow these cookies, you will experience less targeted advertising.",
    ]
    doc = cleaned("\n".join(["Mali talks resume in Algiers", *PROSE, *categories]))
    assert [reasons(doc)[text] for text in categories] == ["boilerplate"] * 3
    for told in (
        "These cookies track readers across sites, researchers said.",
        "These cookies, the baker told us, sold out by noon on the day of the feast.",
        "This cookie recipe is one we bake every year for the end of Ramadan.",
    ):
        assert not is_consent_notice(told), told


def test_a_forms_notices_inside_the_article_are_left_out_without_cutting_it():
    # A newsletter box between the article's paragraphs, as some sites print it thrice.
    box = [
        "Sorry, there seem to be some issues. Please try again later.",
        "This site is protected by reCAPTCHA and the Google Privacy Notice and Terms apply.",
        "By submitting your email address you agree to our Terms and Privacy Policy.",
        "CLICK HERE TO GET THE SAHEL COURIER APP",
    ]
    page = "\n".join(
        ["Mali talks resume in Algiers", *PROSE, *box, *MORE_PROSE, *box, *LATER_PROSE]
    )
    doc = cleaned(page)
    assert [line.text for line in doc.lines if line.kept] == [*PROSE, *MORE_PROSE, *LATER_PROSE]
    first = [line.reason.value for line in doc.lines if line.text in box][: len(box)]
    assert first == ["boilerplate"] * len(box)  # the second box's are copies of these
    for quoted in (
        "By submitting your application, officials said, you agree to be vetted by the army.",
        "Farmers in Mopti get the new weather app from the ministry this week.",
    ):
        assert FORM_NOTICE.match(quoted) is None, quoted  # an article's sentence


def test_what_a_player_an_ad_slot_or_an_affiliate_programme_says_is_left_out():
    said = [
        "This is a modal window. This modal can be closed by pressing the Escape key.",
        "inRead invented by Teads",
        "We are a participant in the Amazon Services LLC Associates Program, an affiliate "
        "advertising program designed to provide a means for us to earn fees.",
    ]
    article = [*PROSE, said[0], *MORE_PROSE, said[1], *LATER_PROSE, said[2]]
    doc = cleaned("\n".join(["Mali talks resume in Algiers", *article]))
    assert [line.text for line in doc.lines if line.kept] == [*PROSE, *MORE_PROSE, *LATER_PROSE]
    # A video player's caption settings, as its dialog lists them.
    settings = [
        "Beginning of dialog window. Escape will cancel and close the window.",
        "Text Edge Style None Raised Depressed Uniform Dropshadow",
        "Foreground --- White Black Red Green Blue Yellow Magenta Cyan --- Opaque Semi-Opaque",
        "Font Size 50% 75% 100% 125% 150% 175% 200% 300% 400%",
        "Font Family Default Monospace Serif Proportional Serif Monospace Sans-Serif",
        "Reset restore all settings to the default values Done",
        "End of dialog window.",
    ]
    doc = cleaned("\n".join(["Mali talks resume in Algiers", *PROSE, *settings, *MORE_PROSE]))
    assert [line.text for line in doc.lines if line.kept] == [*PROSE, *MORE_PROSE]
    sentence = "The font family of the new flag was chosen by the ministry of culture."
    assert FORM_NOTICE.match(sentence) is None


def test_a_forms_consent_to_processing_the_readers_data_is_chrome_not_the_article():
    form = [
        "Wyrażam zgodę na przetwarzanie moich danych osobowych przez Sahel24 Sp. z o.o. z "
        "siedzibą w Warszawie w celu przesyłania newslettera, zgodnie z polityką prywatności.",
        "Administratorem danych jest Sahel24 Sp. z o.o. Dane osobowe zbierane są wyłącznie w "
        "celu przesyłania newslettera i nie są przekazywane innym podmiotom.",
        "I agree to the processing of my personal data by Sahel Courier for the purpose of "
        "sending me its newsletter, as the privacy policy describes.",
    ]
    doc = cleaned("\n".join(["Newsletter", *form, "Mali talks resume in Algiers", *PROSE]))
    assert [reasons(doc)[line] for line in form] == ["boilerplate"] * 3
    assert _cleaned_body("\n".join(["Newsletter", *form, "Mali talks", *PROSE])) == PROSE
    # Quoted inside an article's sentence, the words are the article's.
    quoted = (
        'The form reads "I agree to the processing of my personal data", and few readers of '
        "the site in Bamako ever open the policy it links to before they tick the box."
    )
    assert _cleaned_body("\n".join(["Mali talks", quoted, *PROSE])) == [quoted, *PROSE]


def test_a_disclosure_that_the_sites_links_earn_it_money_is_left_out_at_the_edges():
    disclosures = [
        "All products recommended by Sahel Courier are selected by our editorial team. Some of "
        "our stories include affiliate links; we may earn a commission if you buy through them.",
        "Note to readers: if you purchase something through one of our links we may earn a "
        "commission.",
    ]
    doc = cleaned("\n".join(["Mali talks resume in Algiers", *PROSE, *disclosures]))
    assert [reasons(doc)[line] for line in disclosures] == ["outside_article"] * 2
    # An article's sentence about commissions, or about links, is the article's.
    reported = [
        "Traders in Mopti said the agents earn a commission on every sack of grain that leaves "
        "the port, and that the fees rose sharply this year.",
        "We found that bloggers in Bamako earn a commission on sales made through their links, "
        "said the report, which surveyed two hundred of them.",
    ]
    assert _cleaned_body("\n".join(["Mali talks", *PROSE, reported[0]])) == [*PROSE, reported[0]]
    long_report = reported[1] + " " + " ".join(PROSE)  # a paragraph, not a notice
    assert _cleaned_body("\n".join(["Mali talks", long_report])) == [long_report]


def test_prompts_to_sign_up_or_give_at_the_articles_edges_are_left_out():
    above = "You can find this story in My Bookmarks. Or by navigating to the user icon."
    below = [
        "Never miss the latest news from the Sahel Times. Sign up for our newsletters to get "
        "today's top stories delivered to your inbox.",
        "Make your contribution now and help the Sahel Times thrive in 2013. Donate today",
    ]
    page = "\n".join(["Mali talks resume in Algiers", above, *PROSE, *below])
    assert _cleaned_body(page) == PROSE
    got = reasons(cleaned(page))
    assert [got[line] for line in [above, *below]] == ["outside_article"] * 3
    # Inside the article, a sentence that speaks of subscribers is the article's.
    quoted = (
        "You can subscribe to the radio's bulletins by text message, the minister told the "
        "farmers of Mopti, and thousands did so in the first week."
    )
    assert _kept_amid_prose(quoted)


def test_an_article_that_starts_inside_a_list_keeps_the_whole_list():
    items = [f"+ Added {thing}" for thing in ("Granite", "Slime Block", "Banners", "Rabbits")]
    items += [
        "+ Containers can be locked in custom maps by using the new Lock data tag on them.",
        "+ Player skins can now have double layers across the whole model, arms and legs.",
    ]
    title = "The Bountiful Update brings new blocks and mobs"
    doc = cleaned("\n".join(["Home", "News", title, *items, *PROSE, "• Privacy", "• Terms"]))
    assert [line.text for line in doc.lines if line.kept] == items + PROSE


def test_readers_comments_signed_over_a_time_are_cut_with_their_header():
    comments = [
        "4 thoughts on “Regional force plans deployment”",
        "Jane Doe says:",
        "August 3, 2019 at 4:11 am",
        "Thanks for posting this, it is the clearest account of the talks I have read so far.",
        "Reply",
        "Moussa sagt:",
        "23. Juni 2016 um 17:21 Uhr",
        "I disagree with the officials quoted here, and the aid groups will be proved right.",
    ]
    doc = clean(doc_from_text("\n\n".join(["Mali talks resume", *PROSE, *comments])))
    assert [line.text for line in doc.lines if line.kept] == PROSE
    assert reasons(doc)["Jane Doe says:"] == "boilerplate"


def test_a_quote_an_article_introduces_with_says_is_kept():
    quoted = [
        "The minister says:",
        "“We will not leave the north to the armed groups, whatever it costs.”",
    ]
    page = [*PROSE[:2], *quoted, *PROSE[2:]]
    doc = clean(doc_from_text("\n\n".join(["Mali talks resume", *page])))
    assert [line.text for line in doc.lines if line.kept] == page


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


def test_a_skip_link_is_chrome_in_other_languages_too():
    for link in ("Zum Inhalt springen", "Aller au contenu", "Saltar al contenido"):
        words = len(link.split())
        assert line_rule(link, words, False, *line_cues(link)) is LineReason.boilerplate, link


def test_a_list_of_names_is_a_byline_but_a_list_of_other_words_is_not():
    assert lists_names("Steven Lee Myers, Keith Bradsher and Tariq Panja".split())
    assert lists_names("Jane Doe and John Roe".split())
    assert not lists_names("Jane Doe".split())  # one name: the plain byline rule's
    assert not lists_names("Politics, World and Tech".split())  # one-word sections
    assert not lists_names("Jane Doe, Senior Editor of the paper".split())
    assert not lists_names("Design, Not by Accident".split())
    # Names rendered one link each, and a serial comma.
    assert lists_names("Marcus Bensmann , Justus von Daniels , Ulrich Stoll".split())
    assert lists_names("Dana A. Ford , James S.A. Corey, Chien-Ming Wang, and Tom Watkins".split())


def test_a_byline_may_give_the_authors_role_after_a_comma():
    role = "By Jane Doe, Senior Correspondent covering the Sahel from Bamako"
    assert read_byline(role) == ("byline", "Jane Doe", "Mali talks resume in Algiers")
    # A comma after one word closes no name: a clause or a title, kept as it reads.
    assert not names_a_person_first("Monday, the troops had left Gao for good".split())
    assert not names_a_person_first("Design, Not by Accident".split())
    assert names_a_person_first("Jane Doe, Senior Editor".split())


def test_a_next_up_header_ends_the_article():
    teasers = [
        "The regional force chief is only two days from Gao It is a good sign for a mission with "
        "fairly modern kit and few troops",
        "The aid convoy to Timbuktu is cheaper than ever Under $1K a tonne for the first time, "
        "plus other news from the north",
        "At 299 trucks, the convoy to Gao is this week's biggest This count beats what we saw in "
        "the spring and the summer",
        "Here are our favourite pictures from the Bamako talks These reader-chosen images are "
        "wrapping up, but not without one last look",
    ]
    for header in ("Next Up In World", "Next up", "What to Read Next"):
        page = ["Home", *PROSE, header, "Mali", *teasers, "More in Mali", "Sign up"]
        doc = clean(doc_from_text("\n".join(page)))
        assert [line.text for line in doc.lines if line.kept] == PROSE, header


def test_a_call_to_comment_ends_the_article():
    policy = [
        "Normas de uso y aviso legal",
        "El contenido de los comentarios es la opinión de los usuarios y no la de este diario.",
        "No está permitido verter comentarios contrarios a las leyes o lesivos a terceros.",
        "El diario se reserva el derecho de eliminar cualquier comentario inapropiado.",
        "Recuerde que usted es responsable de todo lo que escribe en este espacio de debate.",
    ]
    for call in ("Comentar", "Kommentar schreiben", "Write a comment"):
        doc = clean(doc_from_text("\n".join(["Home", *PROSE, call, *policy])))
        assert [line.text for line in doc.lines if line.kept] == PROSE, call
    # "Comment" alone is as often a table's column as a button: it ends nothing.
    table = [
        "Home",
        *PROSE[:2],
        "Field",
        "Comment",
        "new",
        "Timestamp of the next trigger",
        *PROSE[2:],
    ]
    doc = clean(doc_from_text("\n".join(table)))
    assert [line.text for line in doc.lines if line.kept and line.text in PROSE] == PROSE


def test_the_shipped_line_model_scores_the_features_its_fit_names():
    model = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert model["features"] == list(LINE_FEATURES)
    assert sorted(model["weights"]) == sorted(LINE_FEATURES)
    assert sorted(model["placement"]) == sorted(PLACEMENT)
    assert model["weights"]["words"] == 1.0  # the unit of every score, never fitted
    assert model["fit"]["folds"] == 5
    assert model["fit"]["grouped_by"].startswith("site")
    assert set(model["fit"]["data"]) == {"silver", "mozilla"}
    assert model["fit"]["cross_validated"]["silver"] > 0.85
    assert WEIGHTS.tolist() == [model["weights"][f] for f in LINE_FEATURES] + [
        model["placement"][p] for p in PLACEMENT
    ]
    assert LINE_MODEL["weights"] == model["weights"]


def test_a_line_model_with_other_features_is_refused(tmp_path):
    model = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    model["features"] = [*model["features"][:-1], "link_density"]
    stale = tmp_path / "clean_model.json"
    stale.write_text(json.dumps(model), encoding="utf-8")
    with pytest.raises(ValueError, match="features or placement differ"):
        load_line_model(stale)


def _weights(**changes: float) -> np.ndarray:
    weights = {**LINE_MODEL["weights"], **LINE_MODEL["placement"], **changes}
    return model_weights(
        {
            "weights": {f: weights[f] for f in LINE_FEATURES},
            "placement": {p: weights[p] for p in PLACEMENT},
        }
    )


# A list of events over the article: fragments of eight words, no sentence among them.
# Two of them: three titles or more opening an article are other stories' (_drop_leading_titles).
EVENTS = [f"Jan {day}: Regional hockey tournament at the Civic Arena" for day in (3, 9)]


def test_the_line_models_weights_decide_the_placement():
    text = "\n\n".join([*EVENTS, *PROSE])
    shipped = reasons(clean(doc_from_text(text)))
    assert [shipped[line] for line in PROSE] == [None] * 4
    # Fragments that score like prose join the article; costly ones stay out of it.
    paid = reasons(clean(doc_from_text(text), _weights(bias=4.0)))
    assert [paid[line] for line in EVENTS] == [None] * 2
    costly = reasons(clean(doc_from_text(text), _weights(bias=-16.0)))
    assert [costly[line] for line in EVENTS] == ["outside_article"] * 2
    assert [costly[line] for line in PROSE] == [None] * 4


def test_a_section_header_ends_the_article_whatever_the_weights():
    text = "\n\n".join([*PROSE[:2], "Comments", *PROSE[2:]])
    for weights in (WEIGHTS, _weights(chrome=0.0, bias=4.0)):
        got = reasons(clean(doc_from_text(text), weights))
        assert [got[line] for line in PROSE] == [None, None, "outside_article", "outside_article"]


def test_an_authors_bio_closing_the_article_is_left_out_as_a_byline():
    for name, bio in (
        (
            "Madison Weil",
            "Madison Weil joined the Sahel Courier team in 2019 after a decade in radio.",
        ),
        (
            "Jake Goulding",
            "Jake is the co-founder of a consultancy and writes about the Sahel often.",
        ),
        ("Marla Milling", "I am a full-time freelance writer in Bamako and write about trade."),
    ):
        doc = clean(doc_from_text("\n".join(["Home", *PROSE, name, bio])))
        assert [line.text for line in doc.lines if line.kept] == PROSE, name
        assert reasons(doc)[name] == reasons(doc)[bio] == "byline"


def test_a_heading_over_its_paragraph_is_no_authors_bio():
    for heading, paragraph in (
        ("List Comprehensions", "List comprehensions are a way to build a list from another one."),
        ("Our Programs", "Our work spans a variety of areas and partners across the whole region."),
        ("Web Standards", "Web standards are important, and this site adheres to them as it can."),
    ):
        doc = clean(doc_from_text("\n".join(["Home", *PROSE, heading, paragraph])))
        assert paragraph in [line.text for line in doc.lines if line.kept], heading


def test_a_photographer_and_an_agency_alone_are_a_credit():
    for credit in ("Evan Vucci / AP", "Spencer Platt/Getty", "Jane Doe/AFP"):
        page = "\n\n".join(["Mali plan agreed", PROSE[0], credit, *PROSE[1:]])
        assert reasons(cleaned(page))[credit] == "photo_credit", credit
    # A line of prose that ends with an agency's name is not one.
    told = "The envoy said the talks had been a success, according to AP"
    page = "\n\n".join(["Mali plan agreed", PROSE[0], told, *PROSE[1:]])
    assert reasons(cleaned(page))[told] is None


def test_a_gallery_showing_its_first_counter_alone_is_captions_not_article():
    slides = []
    for k, place in enumerate(("Gao", "Timbuktu", "Kidal", "Mopti", "Sevare")):
        slides += [f"Traders open their stalls again in the market of {place} on Monday", "AFP"]
        slides += [f"{k + 2} November 2012"] if k % 2 else []
    page = [
        "Mali plan agreed",
        *PROSE[:2],
        "1 /21 The north in pictures",
        *slides,
        *PROSE[2:],
    ]
    doc = clean(doc_from_text("\n\n".join(page)))
    assert [line.text for line in doc.lines if line.kept] == PROSE
    assert reasons(doc)[slides[0]] == "photo_credit"
    # Without the counter, captions in a row are the article's own lines.
    doc = clean(doc_from_text("\n\n".join(["Mali plan agreed", *PROSE[:2], *slides, *PROSE[2:]])))
    assert slides[0] in [line.text for line in doc.lines if line.kept]


def test_a_run_of_other_stories_titles_opening_the_article_is_left_out():
    titles = [
        "Tim Scott finally reveals his mystery girlfriend at the third Republican debate in Miami",
        "GOP presidential candidates divided on the federal government's role in abortion limits",
        "Republican debate verdict: an impressive Haley shines while a stupid Vivek self-destructs",
    ]
    doc = clean(doc_from_text("\n\n".join(["Home", *titles, *PROSE])))
    assert [line.text for line in doc.lines if line.kept] == PROSE
    assert [reasons(doc)[title] for title in titles] == ["outside_article"] * 3
    # A paragraph wrapped into lines is no run of titles, nor is a caption.
    wrapped = [
        "Advice shipped as part of the editor in its version 19. A few weeks later, a",
        "colleague at work wrote up a simple example that added",
        "a before advice to the check-in functions of the time to create",
    ]
    doc = clean(doc_from_text("\n\n".join(["Home", *wrapped, *PROSE])))
    assert [line.text for line in doc.lines if line.kept][:3] == wrapped
