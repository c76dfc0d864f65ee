import json

import numpy as np
import pytest

from builder.clean import clean
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
from tests.helpers import LATER_PROSE, MORE_PROSE, PROSE, cleaned, doc_from_text, reasons


def test_run_of_short_lines_inside_the_article_is_dropped_single_subheading_kept():
    links = ["Mali junta frees aide", "France sends jets", "Aid stalls in north"]
    page = "\n\n".join(
        ["Mali plan agreed", PROSE[0], PROSE[1], *links, PROSE[2], "What next", PROSE[3]]
    )
    got = reasons(cleaned(page))
    assert [got[link] for link in links] == ["short_run"] * 3
    assert got["What next"] is None


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


def test_an_article_resumes_after_a_widget_embedded_in_it():
    widget = ["Photo gallery", "Previous", "Next", "Close", "Show all", "Back", "Play again"]
    widget += ["Share on Facebook", "Share on Twitter", "Subscribe", "Sign in", "Advertisement"]
    doc = cleaned("\n".join(["Home", *PROSE, *widget, *MORE_PROSE, "© 2013 Sahel Times"]))
    assert [line.text for line in doc.lines if line.kept] == PROSE + MORE_PROSE
    # A sentence or two after the page's chrome weighs too little to be the article going on.
    aside = "Our reporters in Bamako and Gao contributed to this article on the talks."
    tail = cleaned("\n".join(["Home", *PROSE, *MORE_PROSE, *widget, aside]))
    assert [line.text for line in tail.lines if line.kept] == PROSE + MORE_PROSE


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


@pytest.mark.parametrize(
    "note", ["Story continues below advertisement", "ADVERTISEMENT - CONTINUE READING BELOW"]
)
def test_an_article_goes_on_past_boxes_above_a_note_that_it_continues_below(note):
    # A dated title and one that reads as a sentence would end the article at the boxes.
    boxes = ["Trending Stories", "Dow sees biggest one-day gain since 2009 on a rough week"]
    boxes += ["Popular Videos", "Why are so many new cases in the north linked to travel?"]
    boxes += ["More from Sahel Times", "Talks resume in Algiers after a long pause"]
    page = ["Home", *PROSE, *boxes, note, *MORE_PROSE, *LATER_PROSE, "© 2013 Sahel Times"]
    doc = cleaned("\n".join(page))
    assert [line.text for line in doc.lines if line.kept] == PROSE + MORE_PROSE + LATER_PROSE
    # Without the note, the boxes cut it: the article is one side of them.
    page.remove(note)
    doc = cleaned("\n".join(page))
    kept = [line.text for line in doc.lines if line.kept]
    assert not set(PROSE) <= set(kept) or not set(MORE_PROSE) <= set(kept)


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


def test_isolated_share_counts_sentences_with_no_sentence_beside_them():
    prose = np.array([True, False, True, True, False, True], dtype=np.bool_)
    codes = np.zeros(6, dtype=np.int8)
    assert _isolated_share(prose, codes, 0, 5) == 2 / 4  # the first and the last stand alone
    codes[1] = 1  # a dropped line between two sentences does not part them
    assert _isolated_share(prose, codes, 0, 5) == 1 / 4


def test_an_article_that_starts_inside_a_list_keeps_the_whole_list():
    items = [f"+ Added {thing}" for thing in ("Granite", "Slime Block", "Banners", "Rabbits")]
    items += [
        "+ Containers can be locked in custom maps by using the new Lock data tag on them.",
        "+ Player skins can now have double layers across the whole model, arms and legs.",
    ]
    title = "The Bountiful Update brings new blocks and mobs"
    doc = cleaned("\n".join(["Home", "News", title, *items, *PROSE, "• Privacy", "• Terms"]))
    assert [line.text for line in doc.lines if line.kept] == items + PROSE


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
# Two of them: three titles or more opening an article are other stories' (drop_leading_titles).
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
