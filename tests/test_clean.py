import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from builder import jit
from builder.clean import clean
from builder.clean.marks import _repeats_itself
from builder.clean.rules import field_separators, line_cues, line_rule, scan_lines
from builder.clean.text import is_prose, line_words
from builder.clean.vocabulary import CHROME_PHRASES, CHROME_WORDS, DENSE_PHRASE_MAX_WORDS, STAMP
from builder.decode import _CONTROLS
from builder.doc import LineReason
from builder.linescan import UNSURE_CUE
from tests.conftest import REPO
from tests.helpers import (
    LATER_PROSE,
    MORE_PROSE,
    PROSE,
    cleaned,
    cleaned_body,
    doc_from_text,
    reasons,
)


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


@pytest.mark.xdist_group("compiled")  # with the other tests that compile (test_jit)
@pytest.mark.usefixtures("compiled_kernels")
@settings(max_examples=250, deadline=None)
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


# Pages for the clean stage's properties: article sentences, chrome and metadata lines, and
# arbitrary text (any script, control characters, stray whitespace), in any order.
_PAGE_LINES = st.lists(
    st.sampled_from(PROSE)
    | st.sampled_from(_CUE_VOCAB)
    | _cue_lines.map(" ".join)
    | st.text(st.characters(exclude_categories=["Cs"]), max_size=120),
    max_size=40,
)


def _is_subsequence(items: list[str], of: list[str]) -> bool:
    remaining = iter(of)
    return all(any(item == other for other in remaining) for item in items)


@settings(max_examples=200, deadline=None)
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
    body = cleaned_body(text)  # never raises, whatever the text
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
    assert cleaned_body("\n\n".join(body)) == body


def test_properties_hold_on_a_page_with_an_article():
    page = ["Home", "Share on Facebook", *PROSE, "© 2013 Sahel Times. All rights reserved."]
    body = cleaned_body("\n".join(page))
    assert body == PROSE
    assert cleaned_body("\n\n".join(body)) == body


def test_real_pages_cleaned_twice_give_the_same_body():
    pages = sorted((REPO / "tests" / "fixtures" / "devset").glob("*/raw.txt"))
    assert len(pages) >= 20
    for page in pages:
        body = cleaned_body(page.read_text(encoding="utf-8"))
        assert body, page.parent.name
        assert cleaned_body("\n\n".join(body)) == body, page.parent.name


def test_the_rule_ablation_leaves_out_every_rule_the_clean_stage_calls():
    import inspect
    import re

    import builder.clean
    from benchmarks import ablate_clean

    called = set(re.findall(r"\b(\w+)\(", inspect.getsource(builder.clean.clean)))
    steps = {
        name
        for name in called
        if inspect.isfunction(function := getattr(builder.clean, name, None))
        and function.__module__.startswith("builder.clean.")
    }
    # The line scan and the placement are what the rules adjust, not rules.
    assert steps - {"scan_lines", "line_cues", "place_article"} == set(ablate_clean.NEUTRAL)
    assert {target for target, _ in ablate_clean.PARTS.values()} == {"scan_lines", "line_rule"}
    assert ablate_clean.RULES[0] == ablate_clean.TEMPLATE
    # A part left out takes out only its own lines.
    without_credits = ablate_clean.PARTS["line_rule: photo_credit"][1]
    credit, byline = "Photo: AFP", "By Jane Doe"
    assert line_rule(credit, 2, False, *line_cues(credit)) == LineReason.photo_credit
    assert without_credits(credit, 2, False, *line_cues(credit)) is None
    assert without_credits(byline, 3, False, *line_cues(byline)) == LineReason.byline
