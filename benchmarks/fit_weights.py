"""Refit the headline or outlet weights on a folder laid out like the dev set, cross-validated.

    python benchmarks/fit_weights.py ../shared/devset/silver ../shared/devset/mozilla \
        [--field headline|outlet] [--l2 0.5] [--folds 5]

Each page's candidates (builder.extract.headline_candidates or outlet_candidates, after the same
stages as a build) are labelled by whether they match the gold value under the scorer's
normalisation. A conditional logit (softmax over a page's candidates) is fitted by L-BFGS; the
script prints the weights, rounded as HEADLINE_WEIGHTS / OUTLET_WEIGHTS hold them, and how many
pages the in-sample fit, the k-fold fits and the weights in the code each get right. Folds
are grouped by site (a page's URL host): no site is in both a fold's fit and its test.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from builder.doc import Doc
from builder.extract import (
    HEADLINE_WEIGHTS,
    OUTLET_WEIGHTS,
    extract_with_context,
    headline_candidates,
    outlet_candidates,
)
from builder.pipeline import analyse_page, line_frequency

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quality import DEFAULT_SCORER, load_scorer, site_of

WEIGHTS = {"headline": HEADLINE_WEIGHTS, "outlet": OUTLET_WEIGHTS}


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
) -> list[tuple[np.ndarray, np.ndarray, str]]:
    """Per page: the candidates' feature matrix, which of them is the gold value, its site."""
    norm = scorer.norm_headline if field == "headline" else scorer.norm_outlet
    candidates_of = _headlines if field == "headline" else _outlets
    names = list(WEIGHTS[field])
    data = []
    for gold_dir in gold_dirs:
        pages = sorted(p for p in gold_dir.iterdir() if (p / "raw.txt").is_file())
        frequent = line_frequency((p / "raw.txt").read_bytes() for p in pages).frequent()
        for page in pages:
            gold = json.loads((page / "gold.json").read_text(encoding="utf-8"))
            url = gold.get("url") if with_url else None
            if not gold.get(field) or (doc := _cleaned(page, frequent, url)) is None:
                continue
            golds = {norm(v) for v in [gold[field], *gold.get(f"{field}_alternates", [])]}
            if candidates := candidates_of(doc):
                features = np.array([[f[name] for name in names] for _, f in candidates])
                labels = np.array([norm(text) in golds for text, _ in candidates])
                data.append((features, labels, site_of(gold, page)))
    return data


def fit(data: list[tuple[np.ndarray, np.ndarray]], l2: float) -> np.ndarray:
    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = 0.5 * l2 * w @ w, l2 * w
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold_dirs", type=Path, nargs="+")
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    parser.add_argument("--field", choices=sorted(WEIGHTS), default="headline")
    parser.add_argument("--l2", type=float, default=0.5)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--with-url", action="store_true", help="give each page its gold URL (url_host)"
    )
    args = parser.parse_args()
    data = page_candidates(args.gold_dirs, args.field, load_scorer(args.scorer), args.with_url)
    reachable = sum(int(labels.any()) for _, labels, _ in data)
    weights = fit(data, args.l2)
    sites = sorted({site for _, _, site in data})
    # A stable hash of the site picks its fold: the same folds on every run and machine.
    fold_of = {
        site: int(hashlib.sha256(site.encode()).hexdigest(), 16) % args.folds for site in sites
    }
    held_out = sum(
        correct(fit([d for d in data if fold_of[d[2]] != fold], args.l2),
                [d for d in data if fold_of[d[2]] == fold])
        for fold in range(args.folds)
    )  # fmt: skip
    in_code = WEIGHTS[args.field]
    current = np.array(list(in_code.values()))
    for (name, value), fitted in zip(in_code.items(), weights, strict=True):
        print(f"{name:24s} {fitted:+.1f}   (in the code: {value:+.1f})")
    print(
        f"pages with a gold {args.field} {len(data)} on {len(sites)} sites, "
        f"gold among the candidates {reachable}"
    )
    print(
        f"right: in-sample {correct(weights, data)}, {args.folds}-fold by site {held_out}, "
        f"code's weights {correct(current, data)}"
    )


if __name__ == "__main__":
    main()
