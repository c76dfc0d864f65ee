"""The line model and the article's placement, compiled: each line scored by the model, the
page cut in parts at section headers, the first part's best run with a fair share of the
best weight taken as the article (a maximum-subarray search) and carried on past boxes and
widgets inside it; runs of short fragments inside it are dropped."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from builder.clean.codes import BOILERPLATE, KEPT, OUTSIDE_ARTICLE, SHORT_RUN_CODE, TEMPLATE
from builder.clean.text import LONG_WORDS, SHORT_WORDS
from builder.jit import compiled

# A header that opens what follows an article (comments, related stories) all but ends it:
# a barrier between parts of the page, not a weight (no fitted score comes near it).
SECTION_END_COST = 300.0
# The line model: what each line scores in the main-block search (a fitted linear score of
# its features, LINE_FEATURES) and how the first block is chosen. Fitted with folds grouped
# by site by benchmarks/fit_lines.py; the build only reads the file, so it stays
# deterministic.
MODEL_FILE = Path(__file__).with_name("clean_model.json")
# The features of a kept line's score, in the order of the model's weights (the weights
# array the compiled placement reads, PLACEMENT after them):
#   words      its word count (the scale: fixed at 1, not fitted)
#   bias       every scored line (a line of -bias words is neither article nor chrome)
#   sentence   a prose line: several words ending like a sentence
#   word_list  a long line that is not prose replaces its whole score (a list of tags)
#   stamp      a fragment carrying a date or clock time (a teaser, a comment's header)
#   list_item  a fragment opening with a list mark
#   position   how far down the page the line stands (0 at the top, 1 at the bottom): what
#              follows an article (comments, feeds, footers) is at the bottom
#   chrome     a line the rules dropped as boilerplate or template (not a section header)
LINE_FEATURES = (
    "words",
    "bias",
    "sentence",
    "word_list",
    "stamp",
    "list_item",
    "position",
    "chrome",
)
# How the article's run is chosen among the parts' best runs: the first with this share of
# the heaviest (first_block_share) and at least first_block_min, or the heaviest if less.
PLACEMENT = ("first_block_share", "first_block_min")


def load_line_model(path: Path = MODEL_FILE) -> dict:
    """The shipped line model; a model whose features are not LINE_FEATURES is an error, so
    a stale file cannot score lines by the wrong weights."""
    model = json.loads(path.read_text(encoding="utf-8"))
    if (
        tuple(model["features"]) != LINE_FEATURES
        or set(model["weights"]) != set(LINE_FEATURES)
        or set(model["placement"]) != set(PLACEMENT)
    ):
        raise ValueError(f"{path.name}: features or placement differ from the code's")
    return model


def model_weights(model: dict) -> np.ndarray:
    """The flat array the compiled placement reads: feature weights, then placement values."""
    values = [model["weights"][f] for f in LINE_FEATURES]
    values += [model["placement"][p] for p in PLACEMENT]
    return np.array(values, dtype=np.float64)


LINE_MODEL = load_line_model()
WEIGHTS = model_weights(LINE_MODEL)
_W_WORDS, _W_BIAS, _W_SENTENCE, _W_WORD_LIST, _W_STAMP, _W_LIST_ITEM, _W_POSITION = range(7)
_W_CHROME, _W_FIRST_SHARE, _W_FIRST_MIN = 7, 8, 9
# A run of at least this many consecutive short non-sentence lines is a list of links.
SHORT_RUN = 3
# A box of links inside an article holds this many titles at most.
BOX_MAX_ITEMS = 6
# The run after such a box is the article's when prose makes up this share of its words.
CONTINUATION_PROSE_SHARE = 0.7
# Prose resumes after a widget embedded in the article (a gallery's controls, a player, a
# table) of at most this many lines, in a run that weighs at least this share of the
# article's.
RESUME_MAX_GAP = 40
RESUME_SHARE = 0.25
# A feed of teasers, where most sentences stand alone between a title and a source line,
# is not the article when a later run of about the same weight reads as running prose.
FEED_ISOLATED_SHARE = 0.7
ARTICLE_ISOLATED_SHARE = 0.3


@compiled(cache=True, nogil=True)
def place_article(
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
):
    """Find the article's run of lines, mark what lies outside it and the lists inside it;
    return the run's first and last line index (end < start: no article). Items of a list
    the article introduces (introduced) are never taken for a list of links.

    Each line scores by the line model (weights, see LINE_FEATURES): by how much it looks
    like prose against how much it looks like chrome. Length carries most of it: short
    fragments cost, longer lines pay in proportion, and a sentence ending pays a bonus. A
    long line without sentence punctuation is a word list; a fragment carrying a date or a
    clock time is a teaser. Lines already recognised as metadata, and raw markup, are
    neutral, so that they neither break nor extend the article; chrome costs, and a header
    of what follows an article all but ends it.

    Section headers cut the page into parts; each part offers its maximum-sum contiguous run
    (Kadane). Comments and related stories follow the article and can outweigh it, so the
    first run that carries a fair share of the best run's weight is the article. The article
    then goes on past a box of related links inside it, and past an embedded widget (a
    gallery, a player, a table) after which prose resumes.
    """
    count = len(words)
    # Items of a list the article introduces are neutral too: short, they would cut it.
    scores = _line_scores(
        words, prose, codes, stamp, section_end, markup | introduced, list_mark, weights
    )
    best = -np.inf
    runs = []
    low = 0
    for high in range(count + 1):
        if high < count and scores[high] > -SECTION_END_COST:
            continue
        if high > low:
            run = _max_run(scores, low, high)
            runs.append(run)
            best = max(best, run[0])
        low = high + 1
    start, end, weight = 0, -1, 0.0
    # What tells a box inside the article from what follows it (_box_continues).
    boxes = (section_end, inline_box, teaser_box, stamp, continues)
    fair = max(weights[_W_FIRST_SHARE] * best, min(weights[_W_FIRST_MIN], best))
    reach = -1  # where the article ends past boxes of related links inside it
    for k, (total, run_start, run_end) in enumerate(runs):
        # An article that a box of related links interrupts weighs as a whole.
        boxed_weight, reach = _boxed_run(runs, k, words, prose, codes, boxes)
        if total > 0 and boxed_weight >= fair:
            start, end, weight = run_start, run_end, total
            break
    if end >= start and _isolated_share(prose, codes, start, reach) >= FEED_ISOLATED_SHARE:
        for total, run_start, run_end in runs:
            if run_start <= end or total < fair:
                continue
            if _isolated_share(prose, codes, run_start, run_end) <= ARTICLE_ISOLATED_SHARE:
                start, end, weight = run_start, run_end, total
                break
    if end >= start:
        end = _past_boxes(runs, end, weight, words, prose, codes, boxes)
        end = _past_widgets(scores, end, weight, words, prose, codes)
        # A run that starts or ends inside a list (one mark, item after item) holds all of
        # it: items are short, and scoring alone would cut the list anywhere.
        while start > 0 and list_mark[start] and list_mark[start - 1] == list_mark[start]:
            if codes[start - 1] != KEPT:
                break
            start -= 1
        while end + 1 < count and list_mark[end] and list_mark[end + 1] == list_mark[end]:
            if codes[end + 1] != KEPT:
                break
            end += 1

    for i in range(count):
        if (i < start or i > end) and codes[i] == KEPT:
            codes[i] = OUTSIDE_ARTICLE
    # Inside the article, a run of short fragments is a list of links; lines already
    # dropped do not break it.
    run_length, run_first = 0, start
    for i in range(start, end + 2):
        if i <= end and codes[i] != KEPT:
            continue
        # i == end + 1 closes the last run: it may be one past the page, never read there.
        short = i <= end and not prose[i] and words[i] <= SHORT_WORDS
        if short and not (list_mark[i] or introduced[i]):
            if run_length == 0:
                run_first = i
            run_length += 1
            continue
        if run_length >= SHORT_RUN:
            for j in range(run_first, i):
                if codes[j] == KEPT:
                    codes[j] = SHORT_RUN_CODE
        run_length = 0
    return start, end


@compiled(cache=True, nogil=True)
def _line_scores(words, prose, codes, stamp, section_end, neutral, list_mark, weights):
    """Each line's score in the main-block search: the line model's linear score of a kept
    line's features, a fixed cost for chrome, the barrier for a section header; lines
    recognised as metadata (and neutral ones) score nothing."""
    scores = np.zeros(len(words), dtype=np.float64)
    # A section header's cost stays below every fitted score, so the barrier test holds.
    floor = 1.0 - SECTION_END_COST
    for i in range(len(words)):
        code = codes[i]
        if code == KEPT:
            if neutral[i]:
                continue
            if prose[i]:
                score = weights[_W_WORDS] * words[i] + weights[_W_BIAS] + weights[_W_SENTENCE]
            elif words[i] >= LONG_WORDS:
                score = weights[_W_WORD_LIST]
            else:
                score = weights[_W_WORDS] * words[i] + weights[_W_BIAS]
                if stamp[i]:
                    score += weights[_W_STAMP]
                if list_mark[i] != 0:
                    score += weights[_W_LIST_ITEM]
            score += weights[_W_POSITION] * i / len(words)
            scores[i] = max(score, floor)
        elif code in (BOILERPLATE, TEMPLATE):
            scores[i] = -SECTION_END_COST if section_end[i] else max(weights[_W_CHROME], floor)
    return scores


@compiled(cache=True, nogil=True)
def _max_run(scores, low, high):
    """The maximum-sum run of scores[low:high]: (total, first, last)."""
    total, run_start, run_end = -np.inf, low, low - 1
    running, start = 0.0, low
    for i in range(low, high):
        if running <= 0:
            running, start = scores[i], i
        else:
            running += scores[i]
        if running > total:
            total, run_start, run_end = running, start, i
    return total, run_start, run_end


@compiled(cache=True, nogil=True)
def _isolated_share(prose, codes, first, last):
    """Share of the kept sentences in codes[first:last + 1] with no kept sentence next to
    them (dropped lines between do not part two paragraphs)."""
    sentences = isolated = 0
    previous_prose = False
    alone = False  # the last kept line is a sentence with none before it
    for i in range(first, last + 1):
        if codes[i] != KEPT:
            continue
        if prose[i]:
            sentences += 1
            alone = not previous_prose
        elif alone:
            isolated += 1
            alone = False
        previous_prose = prose[i]
    if alone:
        isolated += 1
    return isolated / sentences if sentences else 0.0


@compiled(cache=True, nogil=True)
def _mostly_prose(words, prose, codes, first, last):
    prose_words = kept_words = 0
    for i in range(first, last + 1):
        if codes[i] == KEPT:
            kept_words += words[i]
            prose_words += words[i] if prose[i] else 0
    return prose_words >= CONTINUATION_PROSE_SHARE * kept_words


@compiled(cache=True, nogil=True)
def _gap_items(codes, prose, first, last):
    """Kept lines in codes[first:last], or -1 if one of them is prose."""
    items = 0
    for i in range(first, last):
        if codes[i] == KEPT:
            if prose[i]:
                return -1
            items += 1
    return items


@compiled(cache=True, nogil=True)
def _drop_gap(codes, first, last):
    for i in range(first, last):
        if codes[i] == KEPT:
            codes[i] = SHORT_RUN_CODE


@compiled(cache=True, nogil=True)
def _box_continues(runs, k, end, words, prose, codes, boxes):
    """Whether runs[k] goes on an article ending at end, past a box inside it: a box of
    related links (a few titles), or a box of other stories the site places inside its
    articles (up to RESUME_MAX_GAP lines, no dates) after which two paragraphs or more run
    on; and no header of what follows an article, unless a note that the story continues
    below (continues) stands under it: then any box the gap holds, and prose after it.
    boxes holds place_article's section_end, inline_box, teaser_box, stamp and continues."""
    section_end, inline_box, teaser_box, stamp, continues = boxes
    _, run_start, run_end = runs[k]
    # Above a note that the story continues below, headers are of boxes inside it.
    last_note = -1
    for i in range(end + 1, run_start):
        if continues[i]:
            last_note = i
    noted = last_note >= 0
    boxed = teasers = dated = False
    for i in range(end + 1, run_start):
        if section_end[i] and not inline_box[i] and i > last_note:
            return False
        boxed |= inline_box[i]
        teasers |= teaser_box[i]
        dated |= stamp[i]
    items = _gap_items(codes, prose, end + 1, run_start)
    # The box's titles may open the run (a long title scores as a line of the article); the
    # article goes on from the run's first sentence, as _past_boxes drops what precedes it.
    first_prose = run_start
    while first_prose < run_end and not (codes[first_prose] == KEPT and prose[first_prose]):
        first_prose += 1
    if noted and run_start - end - 1 <= RESUME_MAX_GAP:
        # The page says the story goes on: what stands in the gap, dated or read as prose
        # (a teaser's title), is the box's.
        return _mostly_prose(words, prose, codes, first_prose, run_end)
    if not boxed or items < 0 or not _mostly_prose(words, prose, codes, first_prose, run_end):
        return False
    if not teasers:
        return items <= BOX_MAX_ITEMS
    paragraphs = 0
    for i in range(run_start, run_end + 1):
        paragraphs += codes[i] == KEPT and prose[i]
    # Teasers with a summary each read as prose too, but their sentences stand alone.
    running = _isolated_share(prose, codes, run_start, run_end) <= ARTICLE_ISOLATED_SHARE
    return not dated and run_start - end - 1 <= RESUME_MAX_GAP and paragraphs >= 2 and running


@compiled(cache=True, nogil=True)
def _inside_box(run):
    """Whether a run that does not go on the article may be a line of a box inside it, which
    the article goes on past: a few lines that weigh a little (a promo, "Mirror
    Football email - sign-up for …" between two "Related Articles" boxes). A run that weighs
    nothing is chrome, and the article ended before it. When the article is chosen
    (_boxed_run), only a run of paragraphs goes on so: a teaser before a box is no article's
    start."""
    total, first, last = run
    return total > 0 and last - first < BOX_MAX_ITEMS


@compiled(cache=True, nogil=True)
def _boxed_run(runs, k, words, prose, codes, boxes):
    """The weight of runs[k] with the runs that go on after it past boxes inside it, and
    where the last of them ends. Runs past boxes count once together they weigh
    RESUME_SHARE of what came before (an article a box interrupts again and again)."""
    total, start, end = runs[k]
    # A run of two paragraphs or more is an article's start, which may go on past a box
    # holding a line of weight (_inside_box); a teaser before a box may not.
    paragraphs = 0
    for i in range(start, end + 1):
        paragraphs += codes[i] == KEPT and prose[i]
    pending, pending_end = 0.0, end
    for j in range(k + 1, len(runs)):
        if not _box_continues(runs, j, pending_end, words, prose, codes, boxes):
            if paragraphs >= 2 and _inside_box(runs[j]):
                continue
            break
        pending += runs[j][0]
        pending_end = runs[j][2]
        if pending >= RESUME_SHARE * total:
            total += pending
            end = pending_end
            pending = 0.0
    return total, end


@compiled(cache=True, nogil=True)
def _past_boxes(runs, end, weight, words, prose, codes, boxes):
    """The article's end once it goes on past boxes inside it (_box_continues): the next
    parts' runs, once together they weigh RESUME_SHARE of the article. The boxes' titles
    are a short run."""
    first = 0
    while first < len(runs) and runs[first][1] <= end:
        first += 1
    pending, pending_end = 0.0, end
    for k in range(first, len(runs)):
        if not _box_continues(runs, k, pending_end, words, prose, codes, boxes):
            if _inside_box(runs[k]):
                continue
            break
        pending += runs[k][0]
        pending_end = runs[k][2]
        if pending < RESUME_SHARE * weight:
            continue
        for j in range(first, k + 1):
            first_prose = runs[j][1]
            while first_prose <= runs[j][2] and not prose[first_prose]:
                first_prose += 1
            _drop_gap(codes, end + 1, first_prose)
            end = runs[j][2]
        weight += pending
        pending = 0.0
        first = k + 1
    return end


@compiled(cache=True, nogil=True)
def _past_widgets(scores, end, weight, words, prose, codes):
    """The article's end once it goes on past embedded widgets (a gallery's controls, a
    player, a table): within the same part, the best run after the article, when no prose
    stands in the gap of at most RESUME_MAX_GAP lines, the run is mostly prose and it
    weighs at least RESUME_SHARE of the article. The widget's kept lines are a short run."""
    count = len(scores)
    while True:
        part_end = end + 1
        while part_end < count and scores[part_end] > -SECTION_END_COST:
            part_end += 1
        total, run_start, run_end = _max_run(scores, end + 1, part_end)
        if run_end < run_start or total < RESUME_SHARE * weight:
            break
        if run_start - end - 1 > RESUME_MAX_GAP or _gap_items(codes, prose, end + 1, run_start) < 0:
            break
        if not _mostly_prose(words, prose, codes, run_start, run_end):
            break
        _drop_gap(codes, end + 1, run_start)
        end = run_end
    return end
