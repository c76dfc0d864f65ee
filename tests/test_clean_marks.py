import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from builder.clean import clean
from builder.clean.codes import DUPLICATE, KEPT, OUTSIDE_ARTICLE
from builder.clean.marks import _mark_repeats, _repeats_itself, _shared_heads, introduced_lists
from builder.clean.rules import scan_lines
from builder.clean.vocabulary import SELF_REPEAT_HEAD_CHARS
from builder.linescan import UNSURE
from tests.helpers import (
    LATER_PROSE,
    MORE_PROSE,
    PROSE,
    cleaned,
    cleaned_body,
    doc_from_text,
    reasons,
)


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


def test_raw_markup_neither_opens_an_article_nor_breaks_one():
    notice = '<div class="alertBox"> <div class="alert"> <i></i><p>JavaScript is <em>off</em> here.'
    assert cleaned_body("\n".join(["Home", notice, *PROSE])) == PROSE
    sample = '<script src="vendor/blanket.js" data-cover-adapter="mocha.js"></script>'
    article = [*PROSE[:2], sample, *PROSE[2:]]
    assert cleaned_body("\n".join(["Home", *article])) == article
    # A sentence that merely mentions a tag is prose.
    mentions = "<em> marks stress, and the regional force used it in every one of its notes."
    assert cleaned_body("\n".join(["Home", mentions, *PROSE])) == [mentions, *PROSE]


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


# Few distinct keys, so that repeats are common; UNSURE among the heads.
_KEYS = st.lists(st.sampled_from([1, 2, 3, 2**63 + 5, UNSURE]), max_size=40)
_CODES = st.lists(st.sampled_from([KEPT, KEPT, OUTSIDE_ARTICLE, DUPLICATE]), max_size=40)


@given(_KEYS, _CODES)
def test_every_kept_copy_after_a_lines_first_is_a_duplicate(keys, codes):
    size = min(len(keys), len(codes))
    keys, codes = np.array(keys[:size], dtype=np.uint64), np.array(codes[:size], dtype=np.int8)
    marked = codes.copy()
    _mark_repeats(keys, marked)
    expected, seen = codes.copy(), set()
    for i, key in enumerate(keys.tolist()):
        if key in seen and codes[i] == KEPT:
            expected[i] = DUPLICATE
        seen.add(key)
    assert marked.tolist() == expected.tolist()


@given(st.lists(st.sampled_from([0, 1, 2, 3, UNSURE]), max_size=40), _CODES)
def test_shared_heads_are_the_kept_lines_whose_head_another_kept_line_has(heads, codes):
    size = min(len(heads), len(codes))
    heads, codes = np.array(heads[:size], dtype=np.uint64), np.array(codes[:size], dtype=np.int8)
    kept = [i for i in range(size) if codes[i] == KEPT and heads[i] != 0]
    expected = [
        i for i in kept if heads[i] == UNSURE or sum(heads[j] == heads[i] for j in kept) > 1
    ]
    assert _shared_heads(heads, codes).tolist() == expected
