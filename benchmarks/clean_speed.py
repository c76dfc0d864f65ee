"""Throughput of the cleaning stage alone, on one core.

    python benchmarks/clean_speed.py [PAGES_DIR] [--rounds N]

Every raw page under PAGES_DIR (default: the shared dev set, else the test fixtures) is
decoded once; the clean stage then runs over all of them N times in this one process.
Prints pages per second and MB per second of page text.
"""

from __future__ import annotations

import argparse
import copy
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
    elapsed = 0.0
    for _ in range(args.rounds):
        batch = copy.deepcopy(docs)  # clean marks lines in place; copying is not timed
        start = time.perf_counter()
        for doc in batch:
            clean(doc)
        elapsed += time.perf_counter() - start
    pages = len(docs) * args.rounds
    print(f"clean stage: {pages} pages in {elapsed:.2f}s on one core")
    print(f"pages/s={pages / elapsed:.0f} MB/s={size_mb * args.rounds / elapsed:.1f}")


if __name__ == "__main__":
    main()
