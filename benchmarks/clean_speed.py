"""Throughput of the cleaning stage alone, on one core.

    python benchmarks/clean_speed.py [PAGES_DIR] [--rounds N]

Every raw page under PAGES_DIR (default: the shared dev set, else the test fixtures) is
decoded once; the clean stage then runs over all of them N times in this one process, each
round on fresh copies. Prints pages and MB of page text per second over all rounds, and
the median and best round's pages per second.
"""

from __future__ import annotations

import argparse
import copy
import statistics
import time
from pathlib import Path

from builder.clean import clean
from builder.decode import decode
from builder.doc import Doc

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PAGES = ROOT.parent / "shared" / "devset" / "mozilla"


def load_pages(folder: Path) -> list[Doc]:
    docs = []
    for path in sorted(folder.glob("*/raw.txt")):
        raw = path.read_bytes()
        docs.append(decode(Doc(path.parent.name, raw, "", path.parent.name)))
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", type=Path, nargs="?")
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    folder = args.pages or (
        DEFAULT_PAGES if DEFAULT_PAGES.is_dir() else ROOT / "tests" / "fixtures" / "devset"
    )
    docs = load_pages(folder)
    size_mb = sum(len(d.raw) for d in docs) / 1e6
    clean(copy.deepcopy(docs[0]))  # compiles (or loads) the stage's kernels before timing
    rounds = []
    for _ in range(args.rounds):
        batch = copy.deepcopy(docs)  # clean marks lines in place; copying is not timed
        start = time.perf_counter()
        for doc in batch:
            clean(doc)
        rounds.append(time.perf_counter() - start)
    elapsed = sum(rounds)
    pages = len(docs) * args.rounds
    # A shared machine's speed drifts from round to round; the fastest round is the one least
    # disturbed (as timeit reports its minimum), the median what a round typically got.
    best, median = min(rounds), statistics.median(rounds)
    print(f"clean stage: {pages} pages in {elapsed:.2f}s on one core, {args.rounds} rounds")
    print(
        f"pages/s={pages / elapsed:.0f} MB/s={size_mb * args.rounds / elapsed:.1f}"
        f" median_round_pages/s={len(docs) / median:.0f} best_round_pages/s={len(docs) / best:.0f}"
    )


if __name__ == "__main__":
    main()
