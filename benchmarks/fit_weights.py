"""Refit the headline or outlet weights on folders laid out like the dev set, cross-validated.

    python benchmarks/fit_weights.py ../shared/devset/silver ../shared/devset/mozilla \
        [--field headline|outlet] [--l2 X] [--folds 5] [--with-url] [--write]

Each page's candidates (builder.extract.headline_candidates or outlet_candidates, after the same
stages as a build) are labelled by whether they match the gold value under the scorer's
normalisation (a headline candidate's terms are its features and their pairwise products,
builder.extract.headline.headline_terms). A conditional logit (softmax over a page's
candidates) is fitted by L-BFGS, a pair's weight held closer to zero than a feature's; the
script prints the weights, rounded to a hundredth as builder/extract/choice_model.json holds
them, and how many pages the in-sample fit, the k-fold fits and the shipped weights each get right,
with the precision when given and recall of the held-out picks (a page with candidates always
gets one: withholding is the confidence stage's, benchmarks/fit_confidence.py). Folds are
grouped by site (a page's URL host): no site is in both a fold's fit and its test. --write
stores the rounded weights and the fit's figures in choice_model.json; a feature the pages
never show (url_host without --with-url) keeps its shipped weight, as the fit has no
evidence for it. A feature the code gained since the last fit starts from zero (the script
sets MALI_NEWS_REFIT, which a build never does: there the file must name every feature). A
rerun on the same pages writes the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import sys
from pathlib import Path

import numpy as np
import scipy
from scipy.optimize import minimize

# Before the builder loads its weights: a feature the shipped file lacks loads as zero, to be
# fitted here (builder.extract.shared.choice_weights refuses such a file in a build).
os.environ["MALI_NEWS_REFIT"] = "1"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from quality import DEFAULT_SCORER, load_scorer, site_of

from builder.doc import Doc
from builder.extract import (
    HEADLINE_WEIGHTS,
    OUTLET_WEIGHTS,
    extract_with_context,
    headline_candidates,
    outlet_candidates,
)
from builder.extract.headline import headline_terms
from builder.extract.shared import CHOICE_MODEL_FILE
from builder.pipeline import analyse_page, line_frequency

WEIGHTS = {"headline": HEADLINE_WEIGHTS, "outlet": OUTLET_WEIGHTS}
# The penalties that pick the most pages right held out by site, among 0.25, 0.5, 1 and 2 for
# a feature and 0.5 to 8 for a headline's pair of features. A pair's weight is held closer
# to zero: its evidence is thinner, and a page unlike the dev pages (a headline the article
# does not restate) must not be decided by two features' product (held out by site, 632
# right with 0.5 and 4, 634 with 1 and 1, whose pairs pick a byline over such a headline).
DEFAULT_L2 = {"headline": 0.5, "outlet": 0.25}
DEFAULT_PAIR_L2 = 4.0


def _cleaned(page: Path, frequent: frozenset[int], url: str | None = None) -> Doc | None:
    doc = analyse_page(
        (page / "raw.txt").read_bytes(),
        page.name,
        frequent=frequent,
        stop_before="extract",
        url=url,
    )
    return doc if isinstance(doc, Doc) else None


def _headlines(doc: Doc) -> list[tuple[str, dict[str, float]]]:
    body_start = next((i for i, line in enumerate(doc.lines) if line.kept), len(doc.lines))
    return [(doc.lines[i].text, f) for i, f in headline_candidates(doc, body_start)]


def _outlets(doc: Doc) -> list[tuple[str, dict[str, float]]]:
    doc, ctx = extract_with_context(doc)
    return sorted(outlet_candidates(doc, ctx).items())


def page_candidates(
    gold_dirs: list[Path], field: str, scorer, with_url: bool = False
) -> tuple[list[tuple[np.ndarray, np.ndarray, str]], int]:
    """Per page with candidates: their feature matrix, which of them is the gold value, its
    site; and how many pages have a gold value (and a text the stages keep)."""
    norm = scorer.norm_headline if field == "headline" else scorer.norm_outlet
    candidates_of = _headlines if field == "headline" else _outlets
    names = list(WEIGHTS[field])
    data, gold_pages = [], 0
    for gold_dir in gold_dirs:
        pages = sorted(p for p in gold_dir.iterdir() if (p / "raw.txt").is_file())
        frequent = line_frequency((p / "raw.txt").read_bytes() for p in pages).frequent()
        for page in pages:
            gold = json.loads((page / "gold.json").read_text(encoding="utf-8"))
            url = gold.get("url") if with_url else None
            if not gold.get(field) or (doc := _cleaned(page, frequent, url)) is None:
                continue
            gold_pages += 1
            golds = {norm(v) for v in [gold[field], *gold.get(f"{field}_alternates", [])]}
            if candidates := candidates_of(doc):
                terms = [headline_terms(f) if field == "headline" else f for _, f in candidates]
                features = np.array([[t[name] for name in names] for t in terms])
                labels = np.array([norm(text) in golds for text, _ in candidates])
                data.append((features, labels, site_of(gold, page)))
    return data, gold_pages


def fit(data: list[tuple[np.ndarray, np.ndarray]], l2: float | np.ndarray) -> np.ndarray:
    """The conditional logit's weights; l2 is one penalty, or one per term."""

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = 0.5 * (l2 * w) @ w, l2 * w
        for features, labels, _ in data:
            if not labels.any():
                continue  # nothing to learn from a page whose headline is not a candidate
            scores = features @ w
            p = np.exp(scores - scores.max())
            p /= p.sum()
            total -= np.log(p[labels]).sum() / labels.sum()
            grad += features.T @ (p - labels / labels.sum())
        return total, grad

    return minimize(loss, np.zeros(data[0][0].shape[1]), jac=True, method="L-BFGS-B").x


def correct(w: np.ndarray, data: list[tuple[np.ndarray, np.ndarray]]) -> int:
    return sum(int(labels[int(np.argmax(features @ w))]) for features, labels, _ in data)


def fold_of(sites: list[str], folds: int) -> dict[str, int]:
    """A stable hash of the site picks its fold: the same folds on every run and machine."""
    return {site: int(hashlib.sha256(site.encode()).hexdigest(), 16) % folds for site in sites}


def model_entry(
    names: list[str], weights: np.ndarray, shipped: dict[str, float], data, figures: dict
) -> dict:
    """The field's entry of choice_model.json: rounded weights (a feature no candidate of the
    fit shows keeps its shipped weight) and the fit's figures."""
    seen = np.vstack([features for features, _, _ in data]).any(axis=0)
    rounded = {
        name: round(float(w), 2) + 0.0 if shown else shipped[name]  # + 0.0: no "-0.0"
        for name, w, shown in zip(names, weights, seen, strict=True)
    }
    kept = [name for name, shown in zip(names, seen, strict=True) if not shown]
    return {"weights": rounded, "fit": {**figures, "kept_without_evidence": kept}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold_dirs", type=Path, nargs="+")
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    parser.add_argument("--field", choices=sorted(WEIGHTS), default="headline")
    parser.add_argument(
        "--l2",
        type=float,
        default=None,
        help="L2 penalty; default the field's: "
        + ", ".join(f"{field} {l2}" for field, l2 in DEFAULT_L2.items()),
    )
    parser.add_argument(
        "--pair-l2",
        type=float,
        default=DEFAULT_PAIR_L2,
        help="L2 penalty of a headline's pairs of features",
    )
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--with-url", action="store_true", help="give each page its gold URL (url_host)"
    )
    parser.add_argument(
        "--write", action="store_true", help=f"store the rounded weights in {CHOICE_MODEL_FILE}"
    )
    args = parser.parse_args()
    if args.l2 is None:
        args.l2 = DEFAULT_L2[args.field]
    scorer = load_scorer(args.scorer)
    data, gold_pages = page_candidates(args.gold_dirs, args.field, scorer, args.with_url)
    reachable = sum(int(labels.any()) for _, labels, _ in data)
    penalty = np.array([args.pair_l2 if "*" in name else args.l2 for name in WEIGHTS[args.field]])
    weights = fit(data, penalty)
    sites = sorted({site for _, _, site in data})
    folds = fold_of(sites, args.folds)
    held_out = sum(
        correct(fit([d for d in data if folds[d[2]] != fold], penalty),
                [d for d in data if folds[d[2]] == fold])
        for fold in range(args.folds)
    )  # fmt: skip
    in_code = WEIGHTS[args.field]
    names = list(in_code)
    entry = model_entry(names, weights, in_code, data, {})
    rounded = np.array(list(entry["weights"].values()))
    for (name, value), fitted in zip(in_code.items(), weights, strict=True):
        print(f"{name:48s} {fitted:+.2f}   (in the code: {value:+.2f})")
    print(
        f"pages with a gold {args.field} {gold_pages}, with candidates {len(data)} on "
        f"{len(sites)} sites, gold among the candidates {reachable}"
    )
    print(
        f"right: in-sample {correct(weights, data)}, {args.folds}-fold by site {held_out}, "
        f"code's weights {correct(np.array(list(in_code.values())), data)}, "
        f"rounded fit {correct(rounded, data)}"
    )
    precision, recall = held_out / len(data), held_out / gold_pages
    print(f"held out by site: precision when given {precision:.3f}, recall {recall:.3f}")
    if not args.write:
        return
    figures = {
        "script": "benchmarks/fit_weights.py",
        "data": {d.name: sum(1 for _ in d.glob("*/raw.txt")) for d in args.gold_dirs},
        "with_url": args.with_url,
        "l2": args.l2,
        "pair_l2": args.pair_l2 if args.field == "headline" else None,
        "folds": args.folds,
        "grouped_by": "site (URL host, else page name without its number); fold by sha256",
        "pages_with_gold": gold_pages,
        "pages_with_candidates": len(data),
        "sites": len(sites),
        "gold_among_candidates": reachable,
        "right": {
            "in_sample": correct(weights, data),
            "cross_validated": held_out,
            "rounded": correct(rounded, data),
        },
        "cross_validated": {
            "precision_when_given": round(precision, 4), "recall": round(recall, 4)
        },
        "versions": {"python": platform.python_version(), "numpy": np.__version__,
                     "scipy": scipy.__version__},
    }  # fmt: skip
    model = json.loads(CHOICE_MODEL_FILE.read_text(encoding="utf-8"))
    model[args.field] = {**entry, "fit": {**figures, **entry["fit"]}}
    CHOICE_MODEL_FILE.write_text(json.dumps(model, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {CHOICE_MODEL_FILE} ({args.field})")


if __name__ == "__main__":
    main()
