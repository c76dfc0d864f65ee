from hypothesis import given, settings
from hypothesis import strategies as st

from builder.clean import (
    CHROME_PHRASES,
    CHROME_WORDS,
    _line_rule,
    is_prose,
    line_features,
    line_words,
    word_count,
)
from builder.doc import Line
from tests.helpers import PROSE, cleaned, reasons


def test_word_count_handles_scripts_without_spaces():
    assert word_count("three plain words") == 3
    assert word_count("马里危机持续发酵各方呼吁和平") == 1 + 14 // 2


def test_prose_needs_words_and_a_sentence_end():
    assert is_prose(PROSE[0], word_count(PROSE[0]))
    assert not is_prose("Related stories about the Mali crisis and more", 9)
    assert is_prose("“He said the plan would work soon enough, officials noted.”", 10)


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
    *("Related stories", "3 comments", "Sign-up", "e-mail", "x_share", "|", "•", "’s", "“Mali”"),
    *("Bamako", "said", "the", "Ça", "日本語", "—", ".", "SHARE:", "Comments (4)"),
    *("Más leídas", "関連記事", "à lire aussi"),
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


@settings(max_examples=300, deadline=None)
@given(_cue_lines)
def test_line_features_send_every_line_a_rule_can_drop_to_the_rules(texts):
    words, needs_rules, _ = line_features(texts)
    assert words == [line_words(text) for text in texts]
    for i, text in enumerate(texts):
        dropped = _line_rule(Line(i + 1, text), words[i], is_prose(text, words[i]))
        assert needs_rules[i] or dropped is None, text


def test_line_features_pick_cue_lines_and_pass_plain_prose():
    texts = ["Share this", "The minister said the talks went well.", "“Sign up” now", "3 comments"]
    _, needs_rules, has_digit = line_features(texts)
    assert needs_rules == [True, False, True, True]
    assert has_digit == [False, False, False, True]
