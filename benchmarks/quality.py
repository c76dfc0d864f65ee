"""Score the builder's extraction on a folder laid out like the dev set.

    python benchmarks/quality.py ../shared/devset/mozilla [--out predictions.jsonl] [--html]

Each <name>/raw.txt is cleaned and its metadata extracted exactly as `build` does; the
predictions (every metadata field with its source) are written as JSONL. Printed first: per
field, how many pages have a value and from which sources, and the accuracy of author and
language against the gold's expected metadata (Readability's byline and lang) where present;
then the shared scorer's lines, its summary last.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import importlib.util
import json
import re
import subprocess
import sys
import urllib.parse
from collections import Counter
from pathlib import Path

from builder.pipeline import extract_fields, line_frequency

DEFAULT_SCORER = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "score.py"


def predict_html(gold_dir: Path) -> list[dict]:
    """The HTML path: each page.html.gz through trafilatura, as a .html seed would go."""
    pages = sorted(p for p in gold_dir.iterdir() if (p / "page.html.gz").is_file())
    return [
        extract_fields(
            gzip.decompress((p / "page.html.gz").read_bytes()), p.name, doc_format="html"
        )
        for p in pages
    ]


@functools.cache
def read_gold(gold_dir: Path, page_id: str) -> dict:
    """A page's gold, read once for every report that compares with it."""
    return json.loads((gold_dir / page_id / "gold.json").read_text(encoding="utf-8"))


def page_url(page: Path) -> str | None:
    """The page's address from its gold, as a WARC record or the manifest would give it."""
    return read_gold(page.parent, page.name).get("url")


def predict(gold_dir: Path, with_url: bool = False) -> list[dict]:
    pages = sorted(p for p in gold_dir.iterdir() if (p / "raw.txt").is_file())
    # The same two phases as a build: line frequency over every page, then each page.
    frequent = line_frequency((page / "raw.txt").read_bytes() for page in pages).frequent()
    return [
        extract_fields(
            (page / "raw.txt").read_bytes(),
            page.name,
            frequent=frequent,
            url=page_url(page) if with_url else None,
        )
        for page in pages
    ]


FIELDS = ("headline", "date", "outlet", "author", "dateline", "agency", "language")
_BY = re.compile(r"(?i)^(?:by|par|por|von)\s+")
# What parts co-authors, as a page writes them or a reference lists them.
_CO_AUTHORS = re.compile(r"\s*(?:[,;&]|\b(?:and|et|y|und)\b)\s*")


def author_key(text: str | None) -> str:
    """A byline compared without its "By", case, spacing or how co-authors are parted:
    "By  Jane DOE and John Roe" is "jane doe, john roe"."""
    name = _BY.sub("", " ".join((text or "").split())).casefold()
    return ", ".join(part for part in _CO_AUTHORS.split(name) if part)


def field_report(gold_dir: Path, predictions: list[dict]) -> list[str]:
    """Coverage and sources of every field; author and language scored where gold has them."""
    lines = []
    for field in FIELDS:
        values = [p for p in predictions if p.get(field)]
        sources = Counter(p.get(f"{field}_source") or "detector" for p in values)
        listed = ", ".join(f"{source} {n}" for source, n in sorted(sources.items()))
        lines.append(f"{field:9s}filled={len(values)}/{len(predictions)}  {listed}")
    right = Counter()
    for p in predictions:
        expected = read_gold(gold_dir, p["id"]).get("expected_metadata", {})
        if expected.get("byline"):
            right["author_n"] += 1
            right["author"] += author_key(p.get("author")) == author_key(expected["byline"])
        if expected.get("lang"):
            right["language_n"] += 1
            right["language"] += (p.get("language") or "") == expected["lang"][:2].casefold()
    for field in ("author", "language"):
        if right[f"{field}_n"]:
            accuracy = right[field] / right[f"{field}_n"]
            lines.append(f"{field:9s}acc={accuracy:.3f}  n_gold={right[f'{field}_n']}")
    return lines


def write_predictions(predictions: list[dict], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for record in predictions:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold_dir", type=Path)
    parser.add_argument("--out", type=Path, default=Path("predictions.jsonl"))
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    parser.add_argument("--per-doc", type=Path, help="also write per-document scores here")
    parser.add_argument(
        "--html", action="store_true", help="score the HTML path on page.html.gz instead of raw.txt"
    )
    parser.add_argument(
        "--floors",
        type=Path,
        help="JSON of floors per set (the folder's name; NAME@html with --html): exit 1 when a "
        "figure falls below",
    )
    parser.add_argument(
        "--with-url",
        action="store_true",
        help="give each page its gold URL, as a WARC record or the manifest would",
    )
    args = parser.parse_args()
    predictions = (
        predict_html(args.gold_dir) if args.html else predict(args.gold_dir, args.with_url)
    )
    write_predictions(predictions, args.out)
    for line in field_report(args.gold_dir, predictions):
        print(line, flush=True)
    for line in trust_by_library(args.gold_dir, predictions, args.scorer):
        print(line, flush=True)
    for line in body_by_group(args.gold_dir, predictions, args.scorer):
        print(line, flush=True)
    command = [sys.executable, str(args.scorer), str(args.gold_dir), str(args.out)]
    if args.per_doc:
        command += ["--per-doc", str(args.per_doc)]
    returncode = subprocess.run(command, check=False).returncode
    if args.floors:
        floors = json.loads(args.floors.read_text(encoding="utf-8"))
        # The HTML path has floors of its own: "silver@html".
        name = args.gold_dir.resolve().name + ("@html" if args.html else "")
        if name not in floors:
            sys.exit(f"{args.floors}: no floors for the set {name!r}; sets: {', '.join(floors)}")
        failures = gate_failures(
            gate_metrics(args.gold_dir, predictions, args.scorer), floors[name]
        )
        for failure in failures:
            print(f"gate     {name}: {failure}", flush=True)
        print(f"gate     {name}: {'FAILED' if failures else 'passed'}", flush=True)
        returncode = returncode or int(bool(failures))
    sys.exit(returncode)


# A page whose reference body is this long and shares almost none of our body's words got
# another block than its article (a comment notice, a cookie statement, a list of links).
WRONG_BLOCK_MIN_WORDS = 150
WRONG_BLOCK_MAX_RECALL = 0.2


def body_scores(gold_dir: Path, predictions: list[dict], scorer_path: Path):
    """Per page: its gold, the scorer's body (P, R, F1), whether it is English, and whether
    it got another block than its article (a long reference that shares almost no words)."""
    scorer = load_scorer(scorer_path)
    for p in predictions:
        gold = read_gold(gold_dir, p["id"])
        gold_tokens = Counter(scorer.tokens(gold.get("body")))
        scores = scorer.prf(gold_tokens, Counter(scorer.tokens(p.get("body"))))
        english = (gold.get("lang_guess") or p.get("language") or "")[:2] == "en"
        wrong_block = (
            sum(gold_tokens.values()) >= WRONG_BLOCK_MIN_WORDS
            and scores[1] < WRONG_BLOCK_MAX_RECALL
        )
        yield p["id"], gold, scores, english, wrong_block


def body_by_group(gold_dir: Path, predictions: list[dict], scorer_path: Path) -> list[str]:
    """Body P/R/F1 (the scorer's token measure, per page, averaged) for all pages, the
    English ones and each source library, and how many pages got the wrong block."""
    groups: dict[str, list[tuple[float, float, float]]] = {}
    wrong = []
    for page_id, gold, scores, english, wrong_block in body_scores(
        gold_dir, predictions, scorer_path
    ):
        for group in ("all", *(["english"] if english else []), gold.get("source_set")):
            if group:
                groups.setdefault(group, []).append(scores)
        if wrong_block:
            wrong.append(page_id)
    lines = []
    for group, rows in sorted(groups.items(), key=lambda kv: (kv[0] != "all", kv[0])):
        p_, r_, f_ = (sum(row[k] for row in rows) / len(rows) for k in range(3))
        lines.append(f"body     {group}: P={p_:.3f} R={r_:.3f} F1={f_:.3f} n={len(rows)}")
    lines.append(
        f"body     wrong_block={len(wrong)} (reference >= {WRONG_BLOCK_MIN_WORDS} words, "
        f"recall < {WRONG_BLOCK_MAX_RECALL}): {' '.join(wrong[:12])}"
    )
    return lines


def site_of(gold: dict, page: Path) -> str:
    """The site a page is from: its URL's host, else its name without a trailing number."""
    host = urllib.parse.urlsplit(gold.get("url") or "").hostname
    if host:
        return host.removeprefix("www.")
    return re.sub(r"-\d+$", "", page.name)


@functools.cache
def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def is_right(field: str, value, gold: dict, scorer) -> bool | None:
    """The scorer's trust rule for one value; None where the gold has no value to compare.

    Headline and outlet match the gold or any alternate after normalisation, a date is
    within one day, an author equals the expected byline as author_key compares them.
    """
    if field == "headline":
        wanted = [gold.get("headline"), *(gold.get("headline_alternates") or [])]
        wanted = {scorer.norm_headline(w) for w in wanted if w}
        return scorer.norm_headline(value) in wanted if wanted else None
    if field == "date":
        return scorer.days_apart(value, gold["date"]) <= 1 if gold.get("date") else None
    if field == "outlet":
        wanted = [gold.get("outlet"), *(gold.get("outlet_alternates") or [])]
        wanted = {scorer.norm_outlet(w) for w in wanted if w}
        return scorer.norm_outlet(value) in wanted if wanted else None
    expected = gold.get("author_expected") or (gold.get("expected_metadata") or {}).get("byline")
    return author_key(value) == author_key(expected) if expected else None


TRUST_FIELDS = ("headline", "date", "outlet", "author")


def trust_counts(gold_dir: Path, predictions: list[dict], scorer_path: Path, group_of) -> dict:
    """Per group (group_of(gold)): each field's gold values, values given and right ones."""
    scorer = load_scorer(scorer_path)
    counts: dict[str, Counter] = {}
    for p in predictions:
        gold = read_gold(gold_dir, p["id"])
        tally = counts.setdefault(group_of(gold), Counter())
        for field in TRUST_FIELDS:
            if is_right(field, "", gold, scorer) is None:
                continue
            tally[f"{field}_gold"] += 1
            if p.get(field):
                tally[f"{field}_given"] += 1
                tally[f"{field}_right"] += bool(is_right(field, p[field], gold, scorer))
    return counts


def precision_recall(tally: Counter, field: str) -> tuple[float, float] | None:
    """Precision when given and recall of a field's tally; None without gold values."""
    gold_n, given, right = (tally[f"{field}_{k}"] for k in ("gold", "given", "right"))
    if not gold_n:
        return None
    return (right / given if given else 1.0), right / gold_n


def trust_by_library(gold_dir: Path, predictions: list[dict], scorer_path: Path) -> list[str]:
    """The scorer's trust line (precision when given, recall) per source library of a set."""
    counts = trust_counts(
        gold_dir, predictions, scorer_path, lambda gold: gold.get("source_set") or gold_dir.name
    )
    lines = []
    for library, tally in sorted(counts.items()):
        parts = []
        for field in TRUST_FIELDS:
            if figures := precision_recall(tally, field):
                parts.append(f"{field} P={figures[0]:.3f} R={figures[1]:.3f}")
        lines.append(f"trust    {library}: " + " | ".join(parts))
    return lines


def gate_metrics(gold_dir: Path, predictions: list[dict], scorer_path: Path) -> dict[str, float]:
    """What the dev-set gate pins: body F1 (all pages, English ones), each field's precision
    when given and recall over the whole set, and the pages whose block is wrong."""
    f1s: dict[str, list[float]] = {"body_f1": [], "body_f1_english": []}
    wrong = 0
    for _, _, scores, english, wrong_block in body_scores(gold_dir, predictions, scorer_path):
        f1s["body_f1"].append(scores[2])
        if english:
            f1s["body_f1_english"].append(scores[2])
        wrong += wrong_block
    metrics = {name: sum(v) / len(v) for name, v in f1s.items() if v}
    metrics["wrong_block"] = float(wrong)
    tally = trust_counts(gold_dir, predictions, scorer_path, lambda gold: "all").get("all")
    for field in TRUST_FIELDS:
        if tally and (figures := precision_recall(tally, field)):
            metrics[f"{field}_precision"], metrics[f"{field}_recall"] = figures
    return metrics


def gate_failures(metrics: dict[str, float], floors: dict[str, float]) -> list[str]:
    """Each pinned figure the metrics miss: a floor, or for wrong_block a ceiling."""
    failures = []
    for name, pinned in sorted(floors.items()):
        if name.startswith("_"):
            continue
        if name not in metrics:
            failures.append(f"{name}: not measured on this set (pinned {pinned})")
        elif name == "wrong_block" and metrics[name] > pinned:
            failures.append(f"wrong_block: {metrics[name]:.0f} pages, at most {pinned:.0f}")
        elif name != "wrong_block" and metrics[name] < pinned:
            failures.append(f"{name}: {metrics[name]:.4f} below its floor {pinned}")
    return failures


if __name__ == "__main__":
    main()
