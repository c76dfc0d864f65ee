"""End-to-end throughput of `build` beside a datatrove pipeline, on the same real pages.

    python benchmarks/throughput.py --docs 10000 [--workers 2] [--rounds 2] [--keep DIR]

The corpus is real page text: the raw.txt of every page of ../shared/devset/silver and
mozilla, taken in turn, each copy under its own id. The same pages go, as JSONL, through a
datatrove pipeline (JsonlReader -> C4QualityFilter -> ParquetWriter) with as many workers.
The two run alternately, `--rounds` times each, so both see the same machine; printed: each
run's pages/s, the best of each and their ratio, MB/s, peak RSS, and the milliseconds per
page each stage takes (worker time, summed over workers; phase one's template count and
dedup are wall time in the main process).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path

import pyarrow as pa

from builder.build import build
from builder.pipeline import STAGES

ROOT = Path(__file__).resolve().parents[1]
DEVSETS = tuple(ROOT.parent / "shared" / "devset" / name for name in ("silver", "mozilla"))


def sample_pages() -> list[bytes]:
    return [page.read_bytes() for devset in DEVSETS for page in sorted(devset.glob("*/raw.txt"))]


def make_corpus(folder: Path, docs: int) -> int:
    """Write docs pages, one file each, with an id of its own; returns their size in bytes."""
    pages = sample_pages()
    if not pages:
        raise SystemExit(f"no raw.txt under {' or '.join(map(str, DEVSETS))}")
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(docs):
        data = pages[i % len(pages)]
        digest = hashlib.sha256(f"{i}".encode()).hexdigest()[:16]
        (folder / f"{i:07d}_{digest}.txt").write_bytes(data)
        total += len(data)
    return total


def peak_rss_mb() -> float:
    """Peak resident memory of this (the main) process, in MB.

    Children are not added: Linux carries a parent's high-water mark into a child started
    after it grew, so RUSAGE_CHILDREN overstates the workers.
    """
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def write_jsonl(seeds: Path, folder: Path, shards: int) -> None:
    """The corpus as datatrove reads it: one JSONL file per worker."""
    folder.mkdir()
    files = sorted(seeds.iterdir())
    for shard in range(shards):
        with (folder / f"{shard:05d}.jsonl").open("w", encoding="utf-8") as out:
            for path in files[shard::shards]:
                text = path.read_bytes().decode("utf-8", errors="replace")
                out.write(json.dumps({"id": path.stem, "text": text}) + "\n")


def run_datatrove(jsonl: Path, work: Path, workers: int) -> float:
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.filters import C4QualityFilter
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import ParquetWriter

    shutil.rmtree(work, ignore_errors=True)
    started = time.perf_counter()
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(jsonl)),
            C4QualityFilter(min_num_sentences=-1),  # sentence counting needs spaCy
            # The schema given: a batch whose texts the filter emptied has no text column.
            ParquetWriter(str(work / "out"), schema=DATATROVE_SCHEMA),
        ],
        tasks=workers,
        workers=workers,
        logging_dir=str(work / "logs"),
    ).run()
    return time.perf_counter() - started


DATATROVE_SCHEMA = pa.schema(
    [
        ("text", pa.string()),
        ("id", pa.string()),
        ("metadata", pa.struct([("file_path", pa.string())])),
    ]
)


def datatrove_installed() -> bool:
    try:
        import datatrove  # noqa: F401 - only asks whether it is there
    except ImportError:
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--rounds", type=int, default=2, help="runs of each, alternating")
    parser.add_argument("--keep", type=Path, help="build here and keep the result")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="mali-news-throughput-"))
    compare = datatrove_installed()
    if not compare:
        print("datatrove: not installed (pip install -e '.[bench]') - no comparison")
    try:
        seeds = work / "seeds"
        size = make_corpus(seeds, args.docs)
        (work / "README.md").write_text("# throughput run\n", encoding="utf-8")
        if compare:
            write_jsonl(seeds, work / "jsonl", args.workers)
        print(f"corpus: {args.docs} pages, {size / 1e6:.1f} MB, {args.workers} workers")
        ours, theirs, result = [], [], None
        for round_no in range(1, args.rounds + 1):
            if compare:
                try:
                    theirs.append(run_datatrove(work / "jsonl", work / "datatrove", args.workers))
                except Exception as error:  # its failure must not stop our run
                    compare = False
                    print(f"round {round_no} datatrove failed: {type(error).__name__}: {error}")
                else:
                    print(f"round {round_no} datatrove: pages/s={args.docs / theirs[-1]:.0f}")
            shutil.rmtree(work / "data", ignore_errors=True)
            started = time.perf_counter()
            result = build(seeds, work / "data", "1.0.0", workers=args.workers)
            ours.append(time.perf_counter() - started)
            print(f"round {round_no} mali-news: pages/s={args.docs / ours[-1]:.0f}")
        best = min(ours)
        print(
            f"mali-news: pages/s={args.docs / best:.0f} MB/s={size / 1e6 / best:.2f} "
            f"ms_per_page={1000 * best / args.docs:.2f} peak_rss_mb={peak_rss_mb():.0f}"
        )
        if theirs:
            rate = args.docs / min(theirs)
            print(
                f"datatrove (reader -> C4 line filter -> parquet): pages/s={rate:.0f}; "
                f"mali-news / datatrove = {(args.docs / best) / rate:.2f}"
            )
        seconds = result.counts.seconds
        print(
            "ms per page by stage (last run): "
            + " ".join(f"{stage}={1000 * seconds[stage] / args.docs:.2f}" for stage in STAGES)
        )
        for line in result.counts.summary_lines():
            print(f"  {line}")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
