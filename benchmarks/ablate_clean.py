"""What each hand rule of the clean stage is worth: body F1 on the dev sets without it.

    python benchmarks/ablate_clean.py ../shared/devset/silver ../shared/devset/mozilla \
        [--rule NAME ...] [--jobs 2]

A rule is a step of builder.clean.clean: a mark (it drops lines it recognises) or an edge
trim (it moves an end of the placed block). Left out, a mark marks nothing and a trim keeps
the block's edge; the template step (lines a site repeats on many pages, before the clean
stage) is left out by counting no line as frequent, and the line rules are also left out a
part at a time (the compiled scan's chrome phrases, and each reason line_rule gives). Every
page goes through a build's stages (the same two phases as quality.py) once with every rule
and once without each rule, and the script prints, per rule, what it is worth: how much body
token F1 (the scorer's, averaged over pages) it adds on silver, its English pages and
mozilla, on how many sites it helps and hurts the body (a site's pages averaged; a change
under 0.001 is none), and how many more headline, date, outlet and author values it makes
right and wrong (a line a rule drops is no candidate either). A rule that helps on neither
set, or hurts more sites than it helps, is one to drop (issue 26: a hand rule stays only
where it measurably helps). The rules have no fitted parameters, so no folds are needed; the
sites count says whether a figure rests on one site.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quality import DEFAULT_SCORER, TRUST_FIELDS, is_right, load_scorer, read_gold, site_of

import builder.clean
from builder.doc import LineReason
from builder.pipeline import extract_fields, line_frequency


def _no_mark(*args: object) -> None:
    return None


def _no_lines(texts: list[str], *args: object) -> np.ndarray:
    return np.zeros(len(texts), dtype=np.bool_)


# Each rule's name in builder.clean and what stands in for it when it is left out.
NEUTRAL: dict[str, Callable] = {
    "line_rule": lambda *args: None,
    "mark_consent_notices": _no_mark,
    "mark_copyright_notices": _no_mark,
    "mark_link_labels": _no_mark,
    "mark_menus": _no_mark,
    "mark_duplicates": _no_mark,
    "mark_self_repeats": _no_mark,
    "mark_cut_short_teasers": _no_mark,
    "mark_long_captions": _no_mark,
    "mark_galleries": _no_lines,
    "comment_signatures": lambda *args: [],
    "markup_lines": _no_lines,
    "with_ordered_lists": lambda texts, scan, words: scan.list_mark,
    "introduced_lists": _no_lines,
    "drop_trailing_titles": lambda texts, prose, marks, introduced, codes, start, end: end,
    "drop_leading_titles": lambda texts, prose, marks, introduced, codes, start, end: start,
    "before_comments": lambda signatures, prose, marks, codes, start, end: end,
    "before_author_bio": lambda texts, codes, start, end: end,
    "without_edge_notices": lambda texts, prose, codes, start, end: (start, end),
    "restore_placed_copies": _no_mark,
    "mark_teasers": _no_mark,
    "mark_form_notices": _no_mark,
}
_scan_lines, _line_rule = builder.clean.scan_lines, builder.clean.line_rule


def _without_chrome_phrases(texts: list[str]):
    scan = _scan_lines(texts)
    return scan._replace(chrome=np.zeros_like(scan.chrome))


def _line_rule_without(reason: LineReason) -> Callable:
    def rule(*args: object) -> LineReason | None:
        found = _line_rule(*args)
        return None if found is reason else found

    return rule


# Parts of the line rules, left out one at a time: the compiled scan's chrome-phrase mark
# (short lines of chrome words, dropped before any pattern runs) and each reason line_rule
# gives. Name -> (the name in builder.clean to replace, its stand-in).
PARTS: dict[str, tuple[str, Callable]] = {
    "chrome_phrases (scan)": ("scan_lines", _without_chrome_phrases),
    **{
        f"line_rule: {reason.value}": ("line_rule", _line_rule_without(reason))
        for reason in (
            LineReason.photo_credit,
            LineReason.byline,
            LineReason.boilerplate,
            LineReason.date_line,
        )
    },
}
TEMPLATE = "template_lines"
RULES = (TEMPLATE, *NEUTRAL, *PARTS)
# A site's F1 moving less than this is no change.
SITE_CHANGE = 0.001

_pages: list[tuple[str, Path, bytes, frozenset[int]]] = []


def _page_scores(task: tuple[int, str]) -> tuple[float, int, int]:
    """A page's body F1, and how many of its metadata values are right and wrong."""
    index, rule = task
    _, page, raw, frequent = _pages[index]
    if rule in NEUTRAL:
        setattr(builder.clean, rule, NEUTRAL[rule])
    elif rule in PARTS:
        setattr(builder.clean, *PARTS[rule])
    fields = extract_fields(raw, page.name, frequent=frozenset() if rule == TEMPLATE else frequent)
    scorer = load_scorer(DEFAULT_SCORER)
    gold = read_gold(page.parent, page.name)
    gold_tokens = Counter(scorer.tokens(gold.get("body")))
    f1 = scorer.prf(gold_tokens, Counter(scorer.tokens(fields["body"])))[2]
    verdicts = [is_right(f, fields[f], gold, scorer) for f in TRUST_FIELDS if fields[f]]
    return f1, verdicts.count(True), verdicts.count(False)


def _run(rule: str | None, jobs: int) -> list[tuple[float, int, int]]:
    """Every page's scores with the rule left out (None: every rule in)."""
    tasks = [(k, rule or "") for k in range(len(_pages))]
    # A fresh pool per rule: a worker's patched module must not serve the next rule.
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        return pool.map(_page_scores, tasks, chunksize=8)


def _groups() -> dict[str, list[int]]:
    groups: dict[str, list[int]] = defaultdict(list)
    for k, (name, page, _, _) in enumerate(_pages):
        groups[name].append(k)
        gold = read_gold(page.parent, page.name)
        if name == "silver" and (gold.get("lang_guess") or "")[:2] == "en":
            groups["silver_english"].append(k)
    return groups


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold_dirs", type=Path, nargs="+")
    parser.add_argument("--rule", action="append", choices=RULES, help="Default: every rule.")
    parser.add_argument("--jobs", type=int, default=multiprocessing.cpu_count())
    args = parser.parse_args()
    for gold_dir in args.gold_dirs:
        pages = sorted(p for p in gold_dir.iterdir() if (p / "raw.txt").is_file())
        raws = [(page / "raw.txt").read_bytes() for page in pages]
        frequent = line_frequency(raws).frequent()
        named = zip(pages, raws, strict=True)
        _pages.extend((gold_dir.name, page, raw, frequent) for page, raw in named)
    groups = _groups()
    sites = defaultdict(list)
    for k, (_, page, _, _) in enumerate(_pages):
        sites[site_of(read_gold(page.parent, page.name), page)].append(k)
    base = np.array(_run(None, args.jobs))
    names = sorted(groups)
    print(
        f"{'every rule':24} "
        + " ".join(f"{g}={base[groups[g], 0].mean():.4f}" for g in names)
        + f"  metadata right={int(base[:, 1].sum())} wrong={int(base[:, 2].sum())}"
    )
    print(
        f"{'left out':24} "
        + " ".join(f"{'Δ' + g:>{len(g) + 7}}" for g in names)
        + "  sites (body)          metadata"
    )
    for rule in args.rule or RULES:
        without = np.array(_run(rule, args.jobs))
        # What the rule is worth: every rule in, minus the rule left out.
        worth = base[:, 0] - without[:, 0]
        right, wrong = (int(base[:, k].sum() - without[:, k].sum()) for k in (1, 2))
        by_site = [worth[ks].mean() for ks in sites.values()]
        helps = sum(1 for v in by_site if v >= SITE_CHANGE)
        hurts = sum(1 for v in by_site if v <= -SITE_CHANGE)
        deltas = " ".join(f"{worth[groups[g]].mean():+{len(g) + 7}.4f}" for g in names)
        changed = np.count_nonzero(worth)
        print(
            f"{rule:24} {deltas}  helps {helps} hurts {hurts} (pages {changed})"
            f"  right {right:+d} wrong {wrong:+d}"
        )


if __name__ == "__main__":
    main()
