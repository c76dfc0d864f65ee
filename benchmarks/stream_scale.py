"""Memory of the streaming half of a build at scale (default one million records).

    python benchmarks/stream_scale.py [--records 1000000]

The silver and mozilla dev pages are built once; their records (rows and MinHash signatures, as
a worker hands them over) are then replayed with their own ids, paths and digests through
the build's own spool, dedup grouping, Parquet writer and inputs digest. The per-page
stages are left out (``throughput.py`` measures them), so a million records take minutes.
Prints seconds per step, records/s, spool size on disk, the dedup index size and the peak
RSS of the process.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import resource
import shutil
import tempfile
import time
from pathlib import Path

from throughput import sample_pages

from builder.dedup import SignatureStore, body_signature
from builder.model import arrow_schema
from builder.pipeline import InputList, Options, StageCounts, group_duplicates, process_folder
from builder.release import inputs_digest
from builder.spool import RecordSpool
from builder.write import write_splits


def page_records(work: Path) -> list[tuple[dict, object]]:
    """(row, signature) of every sample page that becomes a record."""
    seeds = work / "pages"
    seeds.mkdir()
    for n, page in enumerate(sample_pages()):
        (seeds / f"{n:04d}.txt").write_bytes(page)
    records = process_folder(seeds, workers=1)[0]
    rows = [row for table in records.tables() for row in table.to_pylist()]
    return [(row, body_signature(row["id"], row["date"], row["body"])) for row in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="mali-news-stream-"))
    try:
        templates = page_records(work)
        started = time.perf_counter()
        spool = RecordSpool(arrow_schema(), work)
        signatures, inputs = SignatureStore(), InputList()
        first = dt.date(2012, 1, 1)
        for n in range(args.records):
            row, signature = templates[n % len(templates)]
            record_id = f"{n:016x}"
            date = first + dt.timedelta(days=n % 700)
            sha = hashlib.sha256(str(n).encode()).hexdigest()
            path = f"{n:07d}_{record_id}.txt"
            spool.add(row | {"id": record_id, "source_file": path, "source_sha256": sha})
            signatures.add(dataclasses.replace(signature, id=record_id, date=date))
            inputs.append(path, sha)
        spooled = time.perf_counter() - started
        spool_bytes = sum(p.stat().st_size for p in spool.runs)

        started = time.perf_counter()
        counts = StageCounts()
        records, _ = group_duplicates(spool, signatures, inputs, Options(), {}, counts)
        grouped = time.perf_counter() - started

        started = time.perf_counter()
        out = work / "version"
        out.mkdir()
        written = write_splits(records.tables(), records.split_rows(), out, "1.0.0")
        digest = inputs_digest(records.input_pairs(), [])  # as publish records it
        wrote = time.perf_counter() - started

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        total = spooled + grouped + wrote
        print(
            f"records={args.records} files={len(written)} rows={sum(written.values())} "
            f"inputs_digest={digest[:12]}"
        )
        print(
            f"spool_seconds={spooled:.1f} dedup_seconds={grouped:.1f} write_seconds={wrote:.1f} "
            f"records/s={args.records / total:.0f}"
        )
        print(
            f"spool_mb={spool_bytes / 1e6:.0f} runs={len(spool.runs)} "
            f"lsh_index_mb={counts.clusters.index_bytes / 1e6:.0f} peak_rss_mb={peak:.0f}"
        )
        spool.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
