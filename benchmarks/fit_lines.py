"""Fit the clean stage's line model (builder/clean/clean_model.json) on the dev sets, by site.

    python benchmarks/fit_lines.py ../shared/devset/silver ../shared/devset/mozilla \
        [--folds 5] [--out builder/clean/clean_model.json] [--jobs 2]

Every page goes through a build's stages up to the clean stage once (decode, template lines).
A line is article text when its words are in the gold body; the weights of the line model
(builder.clean.placement.LINE_FEATURES, the scores the main-block search adds up, and
PLACEMENT, how it picks the article among the parts' best runs) are fitted to what they are
for: the body token F1 of the placement they give, averaged over pages (the scorer's
measure), so a line's weight counts by its words and the block's contiguity is part of the
fit. The search is coordinate descent over a fixed grid per weight, from the shipped weights,
deterministic (ties keep the current value): a rerun writes the same bytes.

Folds are grouped by site (quality.site_of: the URL's host), so no site is in both a fold's
fit and its test pages; the held-out F1 of every page gives the cross-validated figures
written with the model. The final weights are fitted on every page. Lines that the extract
stage drops (headline, byline, date lines) are those it drops under the shipped weights.
Pages of the Scrapinghub benchmark and L3S-GN1 are never in the dev sets, so none is fitted
on (checked: no page id or URL of theirs).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import platform
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quality import (
    DEFAULT_SCORER,
    WRONG_BLOCK_MAX_RECALL,
    WRONG_BLOCK_MIN_WORDS,
    load_scorer,
    read_gold,
    site_of,
)

from builder.clean import clean
from builder.clean.placement import LINE_FEATURES, MODEL_FILE, PLACEMENT, model_weights
from builder.doc import Doc
from builder.extract import extract
from builder.pipeline import analyse_page, line_frequency

# The values each weight may take; the scale is words (fixed at 1), so the grid is in words.
GRID = {
    "bias": (-16.0, -12.0, -10.0, -8.0, -6.0, -4.0, -2.0),
    "sentence": (0.0, 2.0, 4.0, 6.0, 8.0, 12.0, 16.0),
    "word_list": (-40.0, -20.0, -15.0, -10.0, -5.0, 0.0),
    "stamp": (-16.0, -10.0, -6.0, -3.0, 0.0),
    "list_item": (-4.0, -2.0, 0.0, 2.0, 4.0, 8.0),
    "position": (-12.0, -8.0, -4.0, -2.0, 0.0, 2.0, 4.0),
    "chrome": (-40.0, -20.0, -15.0, -10.0, -6.0, -3.0, 0.0),
    "first_block_share": (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8),
    "first_block_min": (20.0, 40.0, 60.0, 80.0, 120.0, 200.0),
}
FIXED = {"words": 1.0}  # the unit of every score
SWEEPS = 4
# The weights the clean stage had by hand before the model: the start of every fit.
HAND = {"words": 1.0, "bias": -8.0, "sentence": 6.0, "word_list": -10.0, "stamp": -6.0}
HAND |= {
    "list_item": 0.0,
    "position": 0.0,
    "chrome": -10.0,
    "first_block_share": 0.3,
    "first_block_min": 60.0,
}
# Pages of the benchmarks the builder is judged on: never fitted on or measured with.
EXCLUDED_MARKS = ("scrapinghub", "l3s")


class Page:
    """One page ready to clean again and again: its lines as the template stage left them."""

    def __init__(self, doc: Doc, gold: dict, site: str, dataset: str, drops: list[bool]):
        self.doc = doc
        self.dataset = dataset
        self.reasons = [line.reason for line in doc.lines]
        self.site = site
        self.group = gold.get("source_set") or dataset  # the source library, in silver
        self.english = (gold.get("lang_guess") or "")[:2] == "en"
        # Tokens as ids of the page's vocabulary, each with its line: a body's counts are one
        # bincount of its lines' tokens (the scorer's multiset overlap, without Counters).
        vocabulary: dict[str, int] = {}
        ids, owners = [], []
        for no, line in enumerate(doc.lines):
            for token in SCORER.tokens(line.text):
                ids.append(vocabulary.setdefault(token, len(vocabulary)))
                owners.append(no)
        gold_ids = [
            vocabulary.setdefault(t, len(vocabulary)) for t in SCORER.tokens(gold.get("body"))
        ]
        self.ids = np.array(ids, dtype=np.int64)
        self.owners = np.array(owners, dtype=np.int64)
        self.gold = np.bincount(np.array(gold_ids, dtype=np.int64), minlength=len(vocabulary))
        self.gold_words = len(gold_ids)
        self.extract_drops = np.array(drops, dtype=bool)

    def scores(self, weights: np.ndarray) -> tuple[float, float, float]:
        """Body token precision, recall and F1 of the placement weights give (score.prf)."""
        for line, reason in zip(self.doc.lines, self.reasons, strict=True):
            line.reason = reason
        clean(self.doc, weights)
        kept = np.fromiter((line.kept for line in self.doc.lines), bool, len(self.doc.lines))
        kept &= ~self.extract_drops
        predicted = np.bincount(self.ids[kept[self.owners]], minlength=len(self.gold))
        right = int(np.minimum(predicted, self.gold).sum())
        given = int(predicted.sum())
        if not given and not self.gold_words:
            return 1.0, 1.0, 1.0
        precision = right / given if given else 0.0
        recall = right / self.gold_words if self.gold_words else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


def load_pages(gold_dirs: list[Path]) -> list[Page]:
    pages = []
    # The hand weights, not the shipped ones: a rerun must not depend on its last output.
    baseline = weights_of(HAND)
    for gold_dir in gold_dirs:
        folders = sorted(p for p in gold_dir.iterdir() if (p / "raw.txt").is_file())
        frequent = line_frequency((p / "raw.txt").read_bytes() for p in folders).frequent()
        for folder in folders:
            gold = read_gold(gold_dir, folder.name)
            marks = f"{folder.name} {gold.get('source_set') or ''}".lower()
            if any(mark in marks for mark in EXCLUDED_MARKS):
                raise SystemExit(f"{folder}: a benchmark page in a dev set")
            raw = (folder / "raw.txt").read_bytes()
            doc = analyse_page(raw, folder.name, frequent=frequent, stop_before="clean")
            if not isinstance(doc, Doc):
                continue
            before = [line.reason for line in doc.lines]
            cleaned = clean(Doc(doc.source_file, b"", "", doc.id, lines=_copy(doc)), baseline)
            after_clean = [line.reason for line in cleaned.lines]
            extracted = extract(cleaned)
            drops = [
                line.reason is not None and line.reason != reason
                for line, reason in zip(extracted.lines, after_clean, strict=True)
            ]
            for line, reason in zip(doc.lines, before, strict=True):
                line.reason = reason
            pages.append(Page(doc, gold, site_of(gold, folder), gold_dir.name, drops))
    return pages


def _copy(doc: Doc):
    return [type(line)(line.no, line.text, line.reason) for line in doc.lines]


def weights_of(values: dict[str, float]) -> np.ndarray:
    return model_weights(
        {
            "weights": {f: values[f] for f in LINE_FEATURES},
            "placement": {p: values[p] for p in PLACEMENT},
        }
    )


def mean_f1(values: dict[str, float], indices: list[int]) -> float:
    """Mean page F1 of each data set, averaged over the sets: mozilla's 94 pages weigh as
    much as silver's 734 (a readability reference against trafilatura's)."""
    weights = weights_of(values)
    by_set: dict[str, list[float]] = {}
    for i in indices:
        by_set.setdefault(PAGES[i].dataset, []).append(PAGES[i].scores(weights)[2])
    return sum(sum(f1s) / len(f1s) for f1s in by_set.values()) / len(by_set)


def fit(start: dict[str, float], indices: list[int]) -> tuple[dict[str, float], float]:
    """Coordinate descent over GRID from start; the best mean F1 on the pages indices."""
    values = dict(start)
    best = mean_f1(values, indices)
    for _ in range(SWEEPS):
        changed = False
        for name, grid in GRID.items():
            for candidate in grid:
                if candidate == values[name]:
                    continue
                trial = {**values, name: candidate}
                score = mean_f1(trial, indices)
                if score > best + 1e-9:
                    values, best, changed = trial, score, True
        if not changed:
            break
    return values, best


def _fit_fold(args: tuple[dict[str, float], list[int], list[int]]):
    start, train, test = args
    values, train_f1 = fit(start, train)
    weights = weights_of(values)
    return values, train_f1, {i: PAGES[i].scores(weights) for i in test}


def objective(figures: dict) -> float:
    """What the fit maximises, from summary(): silver's and mozilla's F1 weighed alike."""
    return (figures["silver"] + figures["mozilla"]) / 2


def summary(scores: dict[int, tuple[float, float, float]]) -> dict:
    """Mean F1 per group (all, silver, English silver, each library) and wrong blocks."""
    groups: dict[str, list[float]] = {}
    wrong = []
    for i, (_, recall, f1) in sorted(scores.items()):
        page = PAGES[i]
        names = ["all", page.dataset, page.group]
        if page.dataset == "silver" and page.english:
            names.append("silver_english")
        for name in names:
            groups.setdefault(name, []).append(f1)
        if page.gold_words >= WRONG_BLOCK_MIN_WORDS and recall < WRONG_BLOCK_MAX_RECALL:
            wrong.append(page.doc.id)
    out = {name: round(sum(v) / len(v), 4) for name, v in sorted(groups.items())}
    out["pages"] = {name: len(v) for name, v in sorted(groups.items())}
    out["wrong_block"] = sorted(wrong)
    return out


def main() -> None:
    global SCORER, PAGES
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold_dirs", type=Path, nargs="+")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    import numba
    import sklearn
    from sklearn.model_selection import GroupKFold

    SCORER = load_scorer(args.scorer)
    PAGES = load_pages(args.gold_dirs)
    start = hand = HAND
    groups = np.array([page.site for page in PAGES])
    folds = [
        (start, train.tolist(), test.tolist())
        for train, test in GroupKFold(n_splits=args.folds).split(groups, groups=groups)
    ]
    all_pages = list(range(len(PAGES)))
    hand_scores = {i: PAGES[i].scores(weights_of(hand)) for i in all_pages}
    context = multiprocessing.get_context("fork")
    with context.Pool(args.jobs) as pool:
        results = pool.map(_fit_fold, [*folds, (start, all_pages, [])], chunksize=1)
    held_out: dict[int, tuple[float, float, float]] = {}
    per_fold = []
    for values, train_f1, scores in results[:-1]:
        held_out.update(scores)
        test_f1 = sum(s[2] for s in scores.values()) / len(scores)
        per_fold.append(
            {"weights": values, "train_f1": round(train_f1, 4), "test_f1": round(test_f1, 4)}
        )
    final, final_f1 = results[-1][0], results[-1][1]
    cv, before = summary(held_out), summary(hand_scores)
    # The fitted weights replace the hand ones only when they do better on sites they were
    # not fitted on than the hand ones do on every page (which they were tuned on).
    fitted_wins = objective(cv) > objective(before)
    shipped = final if fitted_wins else hand
    model = {
        "features": list(LINE_FEATURES),
        "weights": {f: shipped[f] for f in LINE_FEATURES},
        "placement": {p: shipped[p] for p in PLACEMENT},
        "fit": {
            "shipped": "fitted weights: they beat the hand weights held out"
            if fitted_wins
            else "hand weights: the fitted ones (fitted_weights) do not beat them held out "
            "(cross_validated vs hand_weights.in_sample)",
            "fitted_weights": {
                "weights": {f: final[f] for f in LINE_FEATURES},
                "placement": {p: final[p] for p in PLACEMENT},
            },
            "script": "benchmarks/fit_lines.py",
            "data": {d.name: sum(1 for _ in d.glob("*/raw.txt")) for d in args.gold_dirs},
            "label": "a line's tokens in the gold body (the scorer's token F1 per page)",
            "objective": "body token F1 of the placement, mean per page, then per data set",
            "search": "coordinate descent over grid from the hand weights, ties keep",
            "grid": {name: list(grid) for name, grid in GRID.items()},
            "fixed": FIXED,
            "folds": args.folds,
            "grouped_by": "site (URL host, else page name without its number)",
            "sites": len(set(groups.tolist())),
            "cross_validated": cv,
            "per_fold": per_fold,
            "hand_weights": {"weights": hand, "in_sample": before},
            "final_train_f1": round(final_f1, 4),
            "versions": {
                "python": platform.python_version(),
                "numpy": np.__version__,
                "numba": numba.__version__,
                "scikit_learn": sklearn.__version__,
            },
        },
    }
    args.out.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    for name in sorted(k for k in cv if k not in ("pages", "wrong_block")):
        print(f"{name:50s} hand={before[name]:.4f}  cross-validated={cv[name]:.4f}")
    print(f"wrong_block hand={before['wrong_block']} cross-validated={cv['wrong_block']}")
    print(f"weights {model['weights']} placement {model['placement']}")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
