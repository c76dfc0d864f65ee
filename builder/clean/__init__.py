"""Clean stage: keep the article's lines, drop the page chrome, and say why for each drop.

The method works on text alone, in three general steps:

1. **Line rules** (``rules``, over ``vocabulary``). Short lines made of chrome vocabulary
   (share, subscribe, sign in, cookie, advertisement, ©…), photo credits, bylines and
   date-only lines are dropped with their reason; a line repeated inside the document is
   kept once (``marks``), and a site's notices are told from prose (``notices``).
2. **Main block** (``placement``). Each remaining line scores by how much it looks like prose
   (a sentence of several words that ends in terminal punctuation) against how much it looks
   like chrome (short fragments, date-stamped teasers, unpunctuated word lists). Headers of
   what follows an article ("Comments", "Related stories") cut the page into parts, each
   part offers its highest-scoring contiguous run (a maximum-subarray search, the text
   analogue of Finn et al.'s Body Text Extraction), and the first run with a fair share of
   the best run's score is the article; every line outside it is ``outside_article``.
   Its edges are trimmed of other stories' titles, prompts, comments and bios (``edges``).
3. **Inside the block**, runs of several short fragments (related links, tag lists) are
   dropped as ``short_run``; single short lines between paragraphs (sub-headings) stay.

Cross-document steps (template lines shared by many pages) are applied by the pipeline,
which marks those lines before this stage runs.
"""

from __future__ import annotations

import operator

import numpy as np

from builder import linescan
from builder.clean.codes import BOILERPLATE, CODE_OF, KEPT, REASONS, TEMPLATE
from builder.clean.edges import (
    before_author_bio,
    before_comments,
    drop_leading_titles,
    drop_trailing_titles,
    without_edge_notices,
)
from builder.clean.marks import (
    introduced_lists,
    mark_cut_short_teasers,
    mark_duplicates,
    mark_galleries,
    mark_long_captions,
    mark_self_repeats,
    mark_teasers,
    markup_lines,
    restore_placed_copies,
    with_ordered_lists,
)
from builder.clean.notices import comment_signatures, mark_consent_notices, mark_form_notices
from builder.clean.placement import WEIGHTS, place_article
from builder.clean.rules import (
    line_cues,
    line_rule,
    mark_copyright_notices,
    mark_link_labels,
    mark_menus,
    scan_lines,
)
from builder.clean.text import LONG_WORDS
from builder.clean.vocabulary import (
    CONTINUES_BELOW,
    INLINE_BOX,
    PHRASE_MAX_WORDS,
    SECTION_END,
    STAMP,
    TEASER_BOX,
)
from builder.doc import Doc

_TEXT = operator.attrgetter("text")
_REASON = operator.attrgetter("reason")


def clean(doc: Doc, weights: np.ndarray = WEIGHTS) -> Doc:
    """Mark every dropped line of doc.lines with its reason; kept lines form the body.
    weights: the line model's (model_weights); another model's when a fit tries it."""
    lines = doc.lines
    texts = list(map(_TEXT, lines))
    given = list(map(_REASON, lines))
    if given.count(None) == len(given):
        codes = np.zeros(len(lines), dtype=np.int8)
    else:
        codes = np.fromiter(map(CODE_OF.__getitem__, given), np.int8, len(lines))
    original = codes.copy()
    unmarked = codes == KEPT
    scan = scan_lines(texts)
    words, prose = scan.words, scan.prose

    codes[scan.chrome & unmarked] = BOILERPLATE
    for i in np.flatnonzero(scan.needs_rules & unmarked).tolist():
        cues, hits = int(scan.cues[i]), int(scan.hits[i])
        if cues & linescan.UNSURE_CUE:
            cues, hits = line_cues(texts[i])
        reason = line_rule(texts[i], int(words[i]), bool(prose[i]), cues, hits)
        if reason is not None:
            codes[i] = CODE_OF[reason]
    mark_consent_notices(texts, codes, scan.mentions_cookie, prose)
    mark_copyright_notices(texts, codes, scan.hits)
    mark_link_labels(texts, codes, words)
    mark_menus(codes, scan.fields, words)
    mark_duplicates(lines, scan.keys, codes)
    mark_self_repeats(texts, codes, scan.echoes)
    mark_cut_short_teasers(texts, codes, scan.ellipsis)
    mark_long_captions(texts, codes, scan.cues, words)

    # Evidence the placement needs: a date or clock time on a kept fragment (a teaser), and
    # a section header among the dropped chrome (only a line that opens with a section cue
    # can be one).
    fragment = (codes == KEPT) & ~prose & (words < LONG_WORDS)
    unsure = (scan.cues & linescan.UNSURE_CUE) != 0
    stamp = fragment & scan.stamp & ~unsure
    stamp[[i for i in np.flatnonzero(fragment & unsure).tolist() if STAMP.search(texts[i])]] = True
    section_end = mark_galleries(texts, codes, scan, words)
    signatures = comment_signatures(texts, prose, words)
    codes[[i for i in signatures if codes[i] == KEPT]] = BOILERPLATE
    # A site's header recurs on its every page, so a template line may be one too.
    headers = ((codes == BOILERPLATE) | (codes == TEMPLATE)) & (words <= PHRASE_MAX_WORDS)
    headers &= (scan.cues & (linescan.SECTION_CUE | linescan.UNSURE_CUE)) != 0
    ends = [i for i in np.flatnonzero(headers).tolist() if SECTION_END.match(texts[i])]
    section_end[ends] = True
    # A box of other stories is a box inside an article too, with its own test of the prose
    # after it.
    teaser_box = np.zeros(len(texts), dtype=np.bool_)
    teaser_box[[i for i in ends if TEASER_BOX.match(texts[i])]] = True
    inline_box = teaser_box.copy()
    inline_box[[i for i in ends if INLINE_BOX.match(texts[i])]] = True
    # "Story continues below advertisement": the site says its article goes on past the box.
    continues = np.zeros(len(texts), dtype=np.bool_)
    continues[
        [i for i in np.flatnonzero(codes != KEPT).tolist() if CONTINUES_BELOW.match(texts[i])]
    ] = True
    markup = markup_lines(texts, scan.opens_tag & (codes == KEPT))
    list_mark = with_ordered_lists(texts, scan, words)
    introduced = introduced_lists(texts, prose, words, codes)
    start, end = place_article(
        words,
        prose,
        list_mark,
        codes,
        stamp,
        section_end,
        markup,
        inline_box,
        introduced,
        teaser_box,
        continues,
        weights,
    )
    end = drop_trailing_titles(texts, prose, list_mark, introduced, codes, start, end)
    start = drop_leading_titles(texts, prose, list_mark, introduced, codes, start, end)
    end = before_comments(signatures, prose, list_mark, codes, start, end)
    end = before_author_bio(texts, codes, start, end)
    start, end = without_edge_notices(texts, prose, codes, start, end)
    restore_placed_copies(scan.keys, prose, codes, start, end)

    mark_teasers(texts, codes, scan.heads)
    # A form's notices are left out once the article is placed: a newsletter box the article
    # holds would otherwise cut it in parts.
    mark_form_notices(texts, codes)
    changed = np.flatnonzero(codes != original)
    for i, code in zip(changed.tolist(), codes[changed].tolist(), strict=True):
        lines[i].reason = REASONS[code - 1]
    doc.meta["block"] = (lines[start].no, lines[end].no) if end >= start else None
    return doc


__all__ = ["clean"]
