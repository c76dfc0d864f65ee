import math
import re
from collections import Counter

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from builder.clean import clean
from builder.doc import Line, LineReason
from builder.extract import (
    HEADLINE_WEIGHTS,
    _body_overlap,
    _is_title_part,
    _PageKeys,
    _without_label,
    content_words,
    extract,
    headline_candidates,
)
from builder.extract.headline import CHROME_LINE as CHROME_LINE_PATTERN
from builder.extract.headline import _uncut, is_chrome_line
from builder.extract.title_shape import (
    _is_sentence,
    _over_signed_standfirst,
    _title_like,
    _under_titled_stamp,
)
from tests.conftest import REPO
from tests.helpers import PROSE, cleaned, doc_from_text


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
    # A page title closes the headline with the site's name; the heading shows it alone.
    lines = [Line(1, f"{title} - The Daily Planet"), Line(2, "Share"), Line(3, title)]
    assert _without_label(lines, _keys(lines), 0) == 2
    lines = [Line(1, f"{title} - The Daily Planet"), Line(2, "Share")]
    assert _without_label(lines, _keys(lines), 0) == 0  # never shown alone: the title stays


def test_a_teasers_cut_of_the_headline_gives_way_to_the_whole_title():
    title = "Regional force in Bamako to plan deployment before the rainy season"
    cut = "Regional force in Bamako to plan deployment…"
    lines = [Line(1, cut), Line(2, "Share"), Line(3, title)]
    assert _uncut(lines, _keys(lines), 0) == 2
    dotted = [Line(1, "Regional force in Bamako to plan..."), *lines[1:]]
    assert _uncut(dotted, _keys(dotted), 0) == 2
    # A title that ends with an ellipsis of its own stays: no line goes on from it.
    own = [Line(1, "Festival picks: «Timbuktu», «Mali Blues»…"), lines[1]]
    assert _uncut(own, _keys(own), 0) == 0
    # Nor does prose that goes on from it make it a cut: the whole is a title.
    prose = "Regional force in Bamako to plan deployment, officials said on Monday."
    sentence = [Line(1, cut), Line(2, prose)]
    assert _uncut(sentence, _keys(sentence), 0) == 0


def test_the_headline_may_stand_under_lines_the_cleaner_kept_atop_the_article():
    # The block opens with a kept notice and a teaser; the headline is its third line.
    headline = "Regional force plans deployment of troops to the north"
    notice = "This page is updated throughout the day as our reporters file from the region."
    menu = ["Home", "News", "World", "Sign in"]  # so the headline is not among the first lines
    page = "\n\n".join([*menu, notice, "Festival of desert music opens in Essakane", headline])
    page = "\n\n".join([page, *PROSE])
    doc = clean(doc_from_text(page))
    body_start = next(i for i, line in enumerate(doc.lines) if line.kept)
    assert [line.text for line in doc.lines if line.kept][:3] == [
        notice,
        "Festival of desert music opens in Essakane",
        headline,
    ]
    candidates = [doc.lines[i].text for i, _ in headline_candidates(doc, body_start)]
    assert headline in candidates
    assert extract(doc).meta["headline"] == headline


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
    top = ["Northern Mali", "Contents", "Part of the Sahel"]
    doc = clean(doc_from_text("\n\n".join([*top, *prose])))
    body_start = next(i for i, line in enumerate(doc.lines) if line.kept)
    features = {doc.lines[i].text: f for i, f in headline_candidates(doc, body_start)}
    assert features["Northern Mali"]["opens_lead"] == 1.0
    assert features["Part of the Sahel"]["opens_lead"] == 0.0
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
    assert not _title_like(Line(1, "Troops were shown to the press in Gao © Reuters"))
    assert not _title_like(Line(1, "Chief Officer Dr Jane Doe. (Picture by John Roe)"))
    assert _title_like(Line(1, "Mali: © and ™ law reform stalls in parliament again"))
    for caption in ("Troops near Gao on Sunday. (Jane Doe/AFP/Getty Images)",
                    "Soldiers patrol in Kidal (John Roe/AP)", "The market in Mopti (FILE)",
                    "A convoy leaves Bamako (Shutterstock)",
                    "The mayor speaks at a press conference. Pat Greenhouse / The Boston Globe",
                    "Troops in Gao. Credit Jane Doe/The New York Times"):  # fmt: skip
        assert not _title_like(Line(1, caption)), caption
    for title in ("France sends troops (and jets) to Mali", "Mali and the AU/UN mission (analysis)",
                  "Profile of Gao's mayor (file under heroes)", "U.S. Navy Seals / Special Forces",
                  "Mali: the A. Traoré years. a look back / a look ahead"):  # fmt: skip
        assert _title_like(Line(1, title)), title
    headline = "Let me Google that for you: the year's most popular searches"
    page = [headline, "google.JPG", "You are what you search. (The Associated Press)", *PROSE]
    assert cleaned("\n\n".join(page)).meta["headline"] == headline


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


def test_a_menus_by_entry_far_above_does_not_reach_over_the_headline():
    # With no byline near, the window reaches up to one far off (a video playlist may stand
    # between): a dated one, or one the cleaner took for a byline; not a menu entry that
    # reads as one ("Von Mensch zu Mensch"), which would clear every title under it.
    headline = "Regional force plans deployment of troops to the north"
    menu = [(f"Rubrik {k}", LineReason.boilerplate) for k in range(70)]
    tail = [("Corona", LineReason.outside_article), ("15.05.2020, 07:11", LineReason.date_line)]
    home = ("Home", LineReason.boilerplate)
    entry = ("Von Mensch zu Mensch", LineReason.outside_article)
    assert headline in _candidates_under(home, [*menu[:3], entry, *menu[3:]], tail)
    for byline in (("By Jane Doe March 11, 2015 3:46 PM", LineReason.outside_article),
                   ("Von Jane Doe", LineReason.byline)):  # fmt: skip
        gap = [*menu[:3], byline, *menu[3:]]
        assert headline not in _candidates_under(home, gap, tail), byline


def test_a_title_part_is_joined_to_the_rest_of_its_line_by_a_separator():
    def part(key: str, *lines: str) -> bool:
        return _is_title_part(key, "\n" + "\n".join([key, *lines]) + "\n")

    assert part("mali talks resume", "mali talks resume - sahel times")
    assert part("mali talks resume", "world › mali talks resume")
    assert not part("amadou diallo", "amadou diallo is a reporter based in bamako.")
    assert not part("hermitian matrix", "proof: by definition of the hermitian matrix")


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


def test_a_caption_over_its_pictures_bare_credit_is_no_headline():
    title = "Mali talks resume in Algiers"
    caption = "Amadou Toumani Touré and Dioncounda Traoré"
    page = "\n\n".join([title, "Updated 9:22 PM EST", caption, "Getty Images/Sipa USA", *PROSE])
    assert cleaned(page).meta["headline"] == title
    # A caption that ends with its credit is a line of its own: the headline above it stays.
    credit = "Whale expert Hori Parata. Photograph: Adrian Malloch for the Guardian"
    assert cleaned("\n\n".join([title, credit, *PROSE])).meta["headline"] == title


def test_a_headline_over_its_longer_standfirst_is_the_headline():
    headline = "Regional force to deploy in northern Mali by March"
    standfirst = (
        "Troops from six countries will join the operation after talks in Bamako ended with a "
        "plan for the north"
    )
    page = "\n\n".join(["World", headline, standfirst, "Jane Doe in Bamako", *PROSE])
    assert cleaned(page).meta["headline"] == headline


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
        "The Largest Security-Cleared Career Network for Jobs - JOIN NOW",
        "Thank you for subscribing We have more newsletters",
        "Subscribe to receive a free cookbook! Sign Up!",
        "Podcasts & Shows Expand/collapse submenu for Podcasts & Shows",
        "Forgot your Sahel username or password?",
        "Not a member of Sahel Courier yet? Sign Up, it unlocks many cool features!",
        "Search for this author on this site",
        "Get the latest Sahel news sent straight to your inbox",
        "This article is more than 5 years old",
        "Did you know we have a UK site?",
        "We rely on your support to make local news available to all",
        "Wir sind für Sie da!",
        "Help us build a vibrant, collaborative global commons",
        "CLICK HERE TO GET THE SAHEL COURIER APP",
        "Did you know you can manage your profile and explore all of our newsletters?",
        "This site is protected by reCAPTCHA and the Google Privacy Notice applies",
        "Sorry, there seem to be some issues. Please try again later.",
        "This is a preview of subscription content, log in to check access",
        "Login Sign up",
        "Letters to the Editor Email letters@saheltimes.example",
        "> Fashion & Red Carpet",
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


def _title_part_by_regex(key: str, others: str) -> bool:
    """_is_title_part as a regex says it (the scans replaced a pattern built per line)."""
    if len(key) < 12:
        return False
    exact = others.count(f"\n{key}\n")
    if others.count(f"\n{key}") == exact and others.count(f"{key}\n") == exact:
        return False
    quoted, join = re.escape(key), r"[-|–—:·»>›/(\[,]"
    return re.search(rf"\n{quoted}\s*{join}|{join}\s*{quoted}\n", others) is not None


_TITLE_TEXT = st.text(alphabet="ab -|–:»/( \u00a0,.x\n", max_size=12)
# Lines around a key: alone, joined to a site's name on either side, or run into text.
_AROUND_KEY = st.tuples(_TITLE_TEXT, st.sampled_from(["", "{k}", "{k} ", " {k}", "x{k}x"]))


@settings(max_examples=400)
@given(key=st.text(alphabet="ab x-", min_size=12, max_size=16), parts=st.lists(_AROUND_KEY))
def test_title_part_scans_agree_with_the_pattern(key, parts):
    lines = [
        text + shape.format(k=key) if i % 2 else shape.format(k=key) + text
        for i, (text, shape) in enumerate(parts)
    ]
    others = "\n" + "\n".join(lines) + "\n"
    assert _is_title_part(key, others) == _title_part_by_regex(key, others)


def _content_words_token_by_token(text: str) -> Counter:
    counts: Counter = Counter()
    for token, n in Counter(re.findall(r"\w+", text.casefold())).items():
        if not token.isascii() and re.search(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]", token):
            for k in range(len(token) - 1):
                counts[token[k : k + 2]] += n
        elif len(token) >= 3 and not token.isdigit():
            counts[token] += n
    return counts


@settings(max_examples=400)
@given(st.text(alphabet="abcÉé 12²³_-’'.マリ戦", max_size=60))
@example("In 2013, ²³⁴ of 12_3 Bamako’s 100 cafés")  # digits alone, in C and by isdigit
@example("マリ戦争 2013 Gao")
@example("In 2013 the 100 soldiers")
def test_content_words_counted_in_c_agree_with_the_token_loop(text):
    assert content_words(text) == _content_words_token_by_token(text)


def test_a_byline_above_the_article_keeps_the_articles_opening_lines_as_candidates():
    from builder.doc import Doc

    headline = "Regional force plans deployment of troops to the north"
    between = "Analysis of the regional force and the long road to the north"
    texts = [
        ("Sections", LineReason.boilerplate),
        ("By Amadou Diallo", LineReason.byline),
        ("Share", LineReason.boilerplate),
        (between, LineReason.outside_article),
        (headline, None),
        *((text, None) for text in PROSE),
    ]
    doc = Doc("t.txt", b"", "", "0" * 16, lines=[Line(n, t, r) for n, (t, r) in enumerate(texts)])
    candidates = [doc.lines[i].text for i, _ in headline_candidates(doc, 4)]
    # A title-like line between the byline and the article is dropped (its affiliation or
    # a deck of another story); the article's first line is not between them.
    assert headline in candidates
    assert between not in candidates


def test_a_call_to_sign_up_or_join_is_chrome_a_headline_about_signing_up_is_not():
    from builder.extract.headline import CHROME_LINE

    for chrome in ("Subscribe to receive a free cookbook! Sign Up!", "Defence Jobs - JOIN NOW"):
        assert CHROME_LINE.search(chrome), chrome
    for headline in ("Thousands of young Malians rush to sign up", "Mali's farmers sign up"):
        assert CHROME_LINE.search(headline) is None, headline


def test_account_links_alone_are_chrome_a_headline_about_logging_in_is_not():
    from builder.extract.headline import CHROME_LINE

    for chrome in ("Login Sign up", "Sign in / Register", "Log In or Create an Account"):
        assert CHROME_LINE.search(chrome), chrome
    for headline in ("Thousands log in as Mali results go online", "Login woes hit Bamako"):
        assert CHROME_LINE.search(headline) is None, headline


def test_a_breadcrumbs_tail_is_chrome_a_quote_in_guillemets_is_not():
    from builder.extract.headline import CHROME_LINE

    for chrome in ("> Red Carpet", "» World", "› Africa"):
        assert CHROME_LINE.search(chrome), chrome
    assert CHROME_LINE.search("»Wir schaffen das« – Mali mission extended") is None


def test_a_breadcrumb_with_double_arrows_counts_against_a_line():
    crumbs = "Home >> Education >> News >> Article"
    headline = "Regional force plans deployment of troops to the north"
    doc = clean(doc_from_text("\n\n".join([crumbs, headline, *PROSE])))
    features = {doc.lines[i].text: f for i, f in headline_candidates(doc, 0)}
    assert features[crumbs]["breadcrumb"] == 1.0
    assert features[headline]["breadcrumb"] == 0.0


def test_an_offer_to_notify_the_reader_is_chrome():
    from builder.extract.headline import CHROME_LINE

    for chrome in (
        "Want CNET to notify you of price drops and the latest stories?",
        "Turn on push notifications for breaking news",
    ):
        assert CHROME_LINE.search(chrome), chrome
    assert CHROME_LINE.search("Mali's army was notified of the attack") is None


def test_a_name_the_first_paragraph_goes_on_from_is_the_writers_bio_not_a_headline():
    headline = "Regional force plans deployment of troops to the north"
    bio = "Jane Roe has been a reporter in Bamako since 2004, covering the north."
    lines = [headline, "Jane Roe", bio, *PROSE]
    doc = clean(doc_from_text("\n\n".join(lines)))
    body_start = next(i for i, line in enumerate(doc.lines) if line.text == bio)
    texts = [doc.lines[i].text for i, _ in headline_candidates(doc, body_start)]
    assert headline in texts
    assert "Jane Roe" not in texts


def test_a_headline_may_say_not_a_member_or_search_for_this():
    from builder.extract.headline import CHROME_LINE

    headlines = ("Why Ukraine is not a member of NATO yet", "The search for this year's winner")
    headlines += ("Mali's farmers get the new weather app", "Gao clinic's app manages patients")
    for headline in headlines:
        assert CHROME_LINE.search(headline) is None, headline
    for chrome in ("Not a member of Sahel Courier yet? Sign up", "Search for this author"):
        assert CHROME_LINE.search(chrome), chrome


def test_the_site_speaking_to_its_reader_is_told_from_a_headline_that_quotes_or_asks():
    from builder.extract.headline import addresses_reader

    for chrome in (
        "Did you know we have a UK site?",
        "Nous avons besoin de vous",
        "Unterstützen Sie unseren Journalismus",
        "Support us from $1",
    ):
        assert addresses_reader(chrome), chrome
    for headline in (
        "US troops leave Gao as talks resume",  # "US" is no "us"
        "Sie kamen in der Nacht: wir berichten aus Gao",  # "Sie" opening a line is "they"
        "What you need to know about the vote in Mali",
        "'We will not leave,' say the people of Kidal",
        "Why the US helps us all",
    ):
        assert not addresses_reader(headline), headline


def test_a_candidates_score_weighs_its_features_and_every_pair_of_them():
    from builder.extract.headline import (
        HEADLINE_FEATURES,
        HEADLINE_WEIGHTS,
        headline_score,
        headline_terms,
    )

    features = dict.fromkeys(HEADLINE_FEATURES, 0.0)
    features |= {"length": 0.5, "distance": 1.2, "in_article": 1.0, "body_overlap": 0.8}
    terms = headline_terms(features)
    assert terms["length*distance"] == 0.5 * 1.2
    assert terms["distance*distance"] == 1.2 * 1.2
    assert terms["length*noise"] == 0.0
    expected = sum(HEADLINE_WEIGHTS[name] * value for name, value in terms.items())
    assert abs(headline_score(features) - expected) < 1e-9
    # A pair's weight counts: the product differs from the features' own weights alone.
    linear = sum(HEADLINE_WEIGHTS[name] * features[name] for name in HEADLINE_FEATURES)
    assert abs(headline_score(features) - linear) > 1e-3


def test_a_list_of_signed_teasers_above_the_headline_does_not_make_it_an_affiliation():
    teasers = ["Readability Is a Myth", "By Noah Roe", "Cracks in the Sahel Peace", "By Jane Roe"]
    headline = "Cracking the Sitcom Code"
    page = [*teasers, headline, "Noah Charney Dec 28 2014, 8:01 AM ET", *PROSE]
    doc = clean(doc_from_text("\n\n".join(page)))
    body_start = next(i for i, line in enumerate(doc.lines) if line.kept)
    assert headline in [doc.lines[i].text for i, _ in headline_candidates(doc, body_start)]
    # Under one byline, what stands between it and the article is its affiliation.
    page = ["Readability Is a Myth", "By Noah Roe", "Sahel Courier Staff", *PROSE]
    doc = clean(doc_from_text("\n\n".join(page)))
    body_start = next(i for i, line in enumerate(doc.lines) if line.kept)
    texts = [doc.lines[i].text for i, _ in headline_candidates(doc, body_start)]
    assert "Sahel Courier Staff" not in texts


def _candidates_under(
    above: tuple[str, LineReason], gap: list, under: tuple = (("Share", LineReason.boilerplate),)
) -> list[str]:
    """The headline candidates of a page: a line, a gap of menu lines, the headline, the
    lines under it, the article."""
    from builder.doc import Doc

    texts = [
        above,
        *gap,
        ("Regional force plans deployment of troops to the north", LineReason.outside_article),
        *under,
        *((text, None) for text in PROSE),
    ]
    doc = Doc("t.txt", b"", "", "0" * 16, lines=[Line(n, t, r) for n, (t, r) in enumerate(texts)])
    return [doc.lines[i].text for i, _ in headline_candidates(doc, len(gap) + 2 + len(under))]


def test_a_menus_by_entry_far_above_the_article_does_not_make_the_headline_an_affiliation():
    headline = "Regional force plans deployment of troops to the north"
    menu = [(f"Menu entry {k}", LineReason.boilerplate) for k in range(8)]
    for entry in ("By Region", "By Cuisine:"):
        assert headline in _candidates_under((entry, LineReason.outside_article), menu), entry
    # Naming someone, or close over the article, a byline still signs it: what stands
    # between is its affiliation.
    for byline, gap in (("By Amadou Diallo", menu), ("By Reuters", menu[:2])):
        assert headline not in _candidates_under((byline, LineReason.byline), gap), byline


def test_only_the_nearest_byline_over_the_article_makes_what_follows_it_an_affiliation():
    from builder.doc import Doc

    headline = "Regional force plans deployment of troops to the north"
    texts = [
        ("By Sahel Desk Staff", LineReason.byline),  # another story's, or a menu's
        *((f"Menu entry {k}", LineReason.boilerplate) for k in range(3)),
        (headline, LineReason.outside_article),
        ("By Amadou Diallo", LineReason.byline),
        ("Share", LineReason.boilerplate),
        *((text, None) for text in PROSE),
    ]
    doc = Doc("t.txt", b"", "", "0" * 16, lines=[Line(n, t, r) for n, (t, r) in enumerate(texts)])
    assert headline in [doc.lines[i].text for i, _ in headline_candidates(doc, 7)]


@settings(max_examples=200, deadline=None)
@given(st.from_regex(CHROME_LINE_PATTERN, alphabet=st.characters(codec="ascii")))
def test_every_line_the_chrome_pattern_matches_passes_its_word_filter(line):
    # Lines drawn from the pattern itself: a phrase added to it without one of the filter's
    # words would be skipped on ASCII lines.
    assert CHROME_LINE_PATTERN.search(line)
    assert is_chrome_line(line)


# A line of each of the pattern's phrases, the filter's words alone in it.
CHROME_SAMPLES = (
    *("We use cookies", "Cookie settings", "Your privacy matters", "Privacy policy"),
    *("Accept & Close", "Something went wrong", "Page not found", "An error occurred"),
    *("Please wait", "JavaScript is disabled", "Ad blocker detected", "Subscribe now"),
    *("Sign up today", "Already a subscriber?", "Log in with Google", "Sign in to comment"),
    *("Create a free account", "Subscribers only", "Continue reading", "Join now"),
    *("Thank you for signing up", "Subscribe to receive updates", "Expand/Collapse"),
    *("Forgot your password?", "Not a member yet?", "Search for this author"),
    *("Delivered to your inbox", "Click here", "Did you know you can", "Get the free app"),
    *("Download our news app", "Manage your account", "Protected by reCAPTCHA"),
    *("Try again later", "By submitting your email", "Preview of subscription content"),
    *("We will notify you", "Turn on notifications", "This article is more than 5 years old"),
    *("Login or register", "Signin / Signup", "> Red Carpet", "news@example.com", "Sign up!"),
)


def test_the_word_filter_decides_as_the_pattern_on_real_lines():
    pages = sorted((REPO / "tests" / "fixtures" / "devset").glob("*/raw.txt"))
    lines = {
        " ".join(line.split())
        for page in pages
        for line in page.read_text(encoding="utf-8", errors="replace").splitlines()
        if line.strip() and len(line) < 300
    }
    assert all(CHROME_LINE_PATTERN.search(line) for line in CHROME_SAMPLES)
    lines |= set(CHROME_SAMPLES)
    chrome = {line for line in lines if CHROME_LINE_PATTERN.search(line)}
    assert len(chrome) > 20  # the pages hold chrome for the pattern to find
    assert {line for line in lines if is_chrome_line(line)} == chrome


_WORDY = st.text(alphabet="abcßSS_1²é 马里,.-\n", max_size=60)


@settings(max_examples=200, deadline=None)
@given(_WORDY, _WORDY)
@example("Mali talks", "The talks in Mali resumed")
@example("talks", "small_talks talks2 ²talks")
def test_a_headlines_words_are_found_in_the_article_as_its_counted_words_are(headline, article):
    from builder.extract.headline import _share_used

    words = set(content_words(headline))
    assume(words)
    counted = content_words(article)
    assert _share_used(words, article) == sum(w in counted for w in words) / len(words)
