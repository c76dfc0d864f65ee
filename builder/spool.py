"""Records spooled to disk, so that a build's memory does not grow with the number of records.

Records arrive in input order. They are buffered as Arrow batches, sorted by id in runs of
bounded size and written to Arrow IPC files in a temporary folder. ``sorted_tables`` merges
the runs back in id order (a k-way merge that holds one small batch per run), which is how
Parquet files sorted by id are written from any number of records.
"""

from __future__ import annotations

import heapq
import os
import shutil
import tempfile
import weakref
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

# A run is sorted in memory: it closes at this many rows or bytes, whichever comes first.
RUN_ROWS = 20_000
RUN_BYTES = 128 * 1024 * 1024
# Rows converted from Python to Arrow at a time, and read back per run during the merge
# (the merge holds one such batch of every run).
BUFFER_ROWS = 500
READ_ROWS = 64


PREFIX = "mali-news-spool-"


def _remove_orphans(folder: Path) -> None:
    """Remove the spools of builds that were killed (their process is gone).

    A finalizer cannot run under SIGKILL, so the next build sweeps what such a build left.
    A spool whose process still runs, or may (another user's), is left alone.
    """
    for path in folder.glob(f"{PREFIX}*-*"):
        pid = path.name[len(PREFIX) :].split("-", 1)[0]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(path, ignore_errors=True)
        except PermissionError:
            pass


class RecordSpool:
    """An append-only store of rows (dicts in the schema's column order), read back by id."""

    def __init__(self, schema: pa.Schema, folder: Path | None = None) -> None:
        self.schema = schema
        self._key = schema.get_field_index("id")
        _remove_orphans(Path(folder or tempfile.gettempdir()))
        self._dir = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=folder))
        # The folder goes when the spool is closed, garbage-collected, or at interpreter exit.
        self._cleanup = weakref.finalize(self, shutil.rmtree, self._dir, ignore_errors=True)
        self._rows: list[dict] = []
        self._batches: list[pa.RecordBatch] = []
        self._buffered_rows = 0
        self._buffered_bytes = 0
        self.runs: list[Path] = []
        self.count = 0

    def __len__(self) -> int:
        return self.count

    def add(self, row: dict) -> None:
        self._rows.append(row)
        self.count += 1
        if len(self._rows) >= BUFFER_ROWS:
            self._convert()
        if self._buffered_rows >= RUN_ROWS or self._buffered_bytes >= RUN_BYTES:
            self._write_run()

    def _convert(self) -> None:
        if self._rows:
            batch = pa.RecordBatch.from_pylist(self._rows, schema=self.schema)
            self._batches.append(batch)
            self._buffered_rows += batch.num_rows
            self._buffered_bytes += batch.nbytes
            self._rows = []

    def _write_run(self) -> None:
        self._convert()
        if not self._batches:
            return
        batches = self._batches
        ids = pa.chunked_array([batch.column(self._key) for batch in batches], pa.string())
        # Arrow sorts strings by their UTF-8 bytes, which is code point order, as Python does.
        order = pc.sort_indices(ids).to_numpy().astype(np.int64)
        starts = np.cumsum([0] + [batch.num_rows for batch in batches])
        which = np.searchsorted(starts, order, side="right") - 1  # each row's batch
        local = order - starts[which]  # and its index there
        path = self._dir / f"run-{len(self.runs):05d}.arrow"
        with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, self.schema) as writer:
            # Taken and written a read batch at a time: a sorted copy of the whole run would
            # double the spool's memory while it is written.
            for start in range(0, len(order), READ_ROWS):
                taken = slice(start, start + READ_ROWS)
                rows = zip(which[taken].tolist(), local[taken].tolist(), strict=True)
                writer.write_table(self._gather([(batches[b], index) for b, index in rows]))
        self.runs.append(path)
        self._batches, self._buffered_rows, self._buffered_bytes = [], 0, 0

    def _run_rows(self, path: Path) -> Iterator[tuple[str, int, pa.RecordBatch, int]]:
        run = self.runs.index(path)
        # A plain file, not a memory map: only the batch being merged is resident.
        with pa.OSFile(str(path), "rb") as source:
            reader = pa.ipc.open_file(source)
            for number in range(reader.num_record_batches):
                batch = reader.get_batch(number)
                for index, record_id in enumerate(batch.column(self._key).to_pylist()):
                    yield record_id, run, batch, index

    def sorted_tables(self, rows: int = READ_ROWS) -> Iterator[pa.Table]:
        """Every row in id order (ties in input order), as tables of at most ``rows`` rows."""
        self._write_run()
        pending: list[tuple[pa.RecordBatch, int]] = []
        merged = heapq.merge(*(self._run_rows(path) for path in self.runs), key=_merge_key)
        for _, _, batch, index in merged:
            pending.append((batch, index))
            if len(pending) >= rows:
                yield self._gather(pending)
                pending = []
        if pending:
            yield self._gather(pending)

    def _gather(self, pending: list[tuple[pa.RecordBatch, int]]) -> pa.Table:
        # The rows are taken from each batch they stand in, then the few put in order: a take
        # across the batches would concatenate them all first (a run's every batch, when a
        # run is written; a batch of every run, in the merge) for each READ_ROWS rows.
        taken: dict[int, tuple[pa.RecordBatch, list[int]]] = {}
        places = []
        for batch, index in pending:
            _, indices = taken.setdefault(id(batch), (batch, []))
            places.append((id(batch), len(indices)))
            indices.append(index)
        offsets, parts, total = {}, [], 0
        for key, (batch, indices) in taken.items():
            offsets[key] = total
            parts.append(batch.take(indices))
            total += len(indices)
        rows = pa.Table.from_batches(parts, schema=self.schema).combine_chunks()
        return rows.take([offsets[key] + k for key, k in places])

    def close(self) -> None:
        self._cleanup()

    def __enter__(self) -> RecordSpool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _merge_key(item: tuple[str, int, pa.RecordBatch, int]) -> tuple[str, int]:
    return item[0], item[1]
