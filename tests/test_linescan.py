import numpy as np

from builder import linescan
from builder.linescan import CHROME, PHOTO, UNSURE, RuleLimits, cue_table, scan, word_hash

LIMITS = RuleLimits(
    max_rule_words=30,
    phrase_max_words=12,
    byline_max_words=8,
    alone_max_words=6,
    dense_hits=3,
    prose_min_words=8,
    long_words=25,
    head_chars=10,
)


def test_cue_table_finds_what_it_holds_and_nothing_else():
    held = {word_hash(word) for word in ("share", "tweet", "©", "à", "関連記事")}
    table = cue_table({CHROME: held, PHOTO: {word_hash("photo"), word_hash("share")}})
    for value in held:
        assert linescan._lookup(*table, np.uint64(value)) & CHROME
    assert linescan._lookup(*table, np.uint64(word_hash("share"))) == CHROME | PHOTO
    assert linescan._lookup(*table, np.uint64(word_hash("mali"))) == 0
    assert np.count_nonzero(table.hashes) == 6  # a quarter full at most, so probes end


def test_tokens_are_hashed_lower_cased_as_the_table_words_are():
    cues = cue_table({CHROME: {word_hash("partager"), word_hash("à"), word_hash("©")}})
    got = scan(["PARTAGER À Bamako", "Bamako ©2013", "Partagerons"], cues, LIMITS)
    assert got.hits.tolist() == [2, 1, 0]


def test_heads_match_on_the_first_characters_up_to_case():
    texts = ["Mali talks resume in Algiers", "MALI TALKS continue", "Mali", "STRASSE in Bamako"]
    got = scan(texts, cue_table({}), LIMITS)
    assert got.heads[0] == got.heads[1] != 0
    assert got.heads[2] == 0  # shorter than head_chars
    assert scan(["Straße in Bamako"], cue_table({}), LIMITS).heads[0] == UNSURE


def test_words_count_spaces_and_half_the_characters_of_scripts_without_spaces():
    got = scan(["three plain words", "马里危机持续发酵", "• a list item"], cue_table({}), LIMITS)
    assert got.words.tolist() == [3, 1 + 8 // 2, 4]
    assert got.list_mark.tolist() == [0, 0, ord("•")]


def test_no_lines_scan_to_empty_arrays():
    got = scan([], cue_table({}), LIMITS)
    assert [len(array) for array in got] == [0] * len(got)
    assert [len(array) for array in scan([""], cue_table({}), LIMITS)] == [1] * len(got)


def test_a_line_whose_opening_comes_again_after_a_space_echoes():
    title = "Talks in Algiers could end the war"
    texts = [
        f"{title} {title} {title[:9]}",
        f"Tálks in Algiers… {title} Tálks in Algiers",  # multi-byte characters compare as bytes
        f"{title} and {title[1:]}",  # not again at a word's start
        f"{title}{title}",  # not after a space
        "Talks in Algiers Talks",  # too few words
    ]
    got = scan(texts, cue_table({}), LIMITS)
    assert got.echoes.tolist() == [True, True, False, False, False]


def test_an_ellipsis_is_three_full_stops_or_its_own_character():
    texts = ["the army had… Read more", "the army had... Read more", "the army had.. Read", "x…"]
    assert scan(texts, cue_table({}), LIMITS).ellipsis.tolist() == [True, True, False, True]
