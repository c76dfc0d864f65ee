"""End-to-end throughput of `build` on a synthetic corpus, beside a datatrove pipeline.

    python benchmarks/throughput.py --docs 10000 [--workers 2] [--keep DIR]

The corpus samples the real dev pages and the seeds (each copy with its own id, a stamp line
with its own date and a footer naming one of several outlets), writes one file per article,
and builds it. Printed: articles/s, MB/s, peak RSS, seconds per stage and the LSH index size.
When datatrove is installed, the same corpus (as JSONL) goes through a datatrove pipeline of
comparable work (JsonlReader -> C4QualityFilter -> ParquetWriter) and the ratio is printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path

from builder.build import build

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "devset" / "mozilla"
OUTLETS = ("Sahel Times", "Bamako Daily", "Niger Wire", "Timbuktu Post", "Gao Herald")


def sample_pages() -> list[str]:
    pages = [p.read_text(encoding="utf-8") for p in sorted(DEV.glob("*/raw.txt"))]
    pages += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    return pages


def make_corpus(folder: Path, docs: int) -> int:
    """Write the synthetic corpus; returns its size in bytes."""
    pages = sample_pages()
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    start = dt.date(2012, 1, 1)
    for i in range(docs):
        page = pages[i % len(pages)]
        date = start + dt.timedelta(days=(i * 7) % 700)
        outlet = OUTLETS[i % len(OUTLETS)]
        text = (
            f"Published on {date.isoformat()}\n\n{page}\n\n"
            f"Copy {i} of this page. © {date.year} {outlet}. All rights reserved.\n"
        )
        digest = hashlib.sha256(f"{i}".encode()).hexdigest()[:16]
        data = text.encode("utf-8")
        (folder / f"{i:07d}_{digest}.txt").write_bytes(data)
        total += len(data)
    return total


def peak_rss_mb() -> float:
    """Peak resident memory of this (the main) process, in MB.

    Children are not added: Linux carries a parent's high-water mark into a child started
    after it grew, so RUSAGE_CHILDREN overstates the workers.
    """
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def run_datatrove(seeds: Path, work: Path, workers: int) -> float | None:
    try:
        from datatrove.executor import LocalPipelineExecutor
        from datatrove.pipeline.filters import C4QualityFilter
        from datatrove.pipeline.readers import JsonlReader
        from datatrove.pipeline.writers import ParquetWriter
    except ImportError:
        return None
    jsonl = work / "jsonl"
    jsonl.mkdir()
    files = sorted(seeds.iterdir())
    for shard in range(workers):
        with (jsonl / f"{shard:05d}.jsonl").open("w", encoding="utf-8") as out:
            for path in files[shard::workers]:
                record = {"id": path.stem, "text": path.read_text(encoding="utf-8")}
                out.write(json.dumps(record) + "\n")
    started = time.perf_counter()
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(jsonl)),
            C4QualityFilter(min_num_sentences=-1),  # sentence counting needs spaCy
            ParquetWriter(str(work / "datatrove-out")),
        ],
        tasks=workers,
        workers=workers,
        logging_dir=str(work / "datatrove-logs"),
    ).run()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", type=Path, help="build here and keep the result")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="mali-news-throughput-"))
    try:
        seeds = work / "seeds"
        size = make_corpus(seeds, args.docs)
        (work / "README.md").write_text("# throughput run\n", encoding="utf-8")
        started = time.perf_counter()
        result = build(seeds, work / "data", "1.0.0", workers=args.workers)
        elapsed = time.perf_counter() - started
        peak_mb = peak_rss_mb()
        print(f"build: {args.docs} articles, {size / 1e6:.1f} MB, {args.workers} workers")
        print(
            f"articles/s={args.docs / elapsed:.0f} MB/s={size / 1e6 / elapsed:.2f} "
            f"seconds={elapsed:.1f} peak_rss_mb={peak_mb:.0f} "
            f"ms_per_article={1000 * elapsed / args.docs:.2f}"
        )
        for line in result.counts.summary_lines():
            print(f"  {line}")
        datatrove_seconds = run_datatrove(seeds, work, args.workers)
        if datatrove_seconds is None:
            print("datatrove: not installed (pip install datatrove) - no comparison")
        else:
            rate = args.docs / datatrove_seconds
            print(
                f"datatrove (reader -> C4 line filter -> parquet): articles/s={rate:.0f}; "
                f"mali-news / datatrove = {(args.docs / elapsed) / rate:.2f}"
            )
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
