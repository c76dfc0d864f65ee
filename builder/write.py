"""Write stage: records to Parquet with the model's explicit schema, rejections to JSONL."""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from builder import __version__
from builder.doc import Rejection
from builder.model import SCHEMA_VERSION, SPLIT_NAMES, Article, arrow_schema, to_row

DATASET_NAME = "mali-news"
ROW_GROUP_SIZE = 100_000
# ... or fewer rows when a row group would pass this many bytes: a row group is buffered in
# memory before it is written, one per split.
ROW_GROUP_BYTES = 64 * 1024 * 1024
# Large splits are written as several files (train-00000-of-00003.parquet, …), so that no
# file is too large to download or open; README's configs name them with a glob.
ROWS_PER_FILE = 500_000


def shard_name(split: str, index: int = 0, total: int = 1) -> str:
    return f"{split}-{index:05d}-of-{total:05d}.parquet"


def file_metadata(version: str) -> dict[bytes, bytes]:
    pairs = {
        "dataset": DATASET_NAME,
        "version": version,
        "builder_version": __version__,
        "schema_version": SCHEMA_VERSION,
    }
    return {f"mali_news.{k}".encode(): v.encode() for k, v in pairs.items()}


def article_table(articles: Iterable[Article]) -> pa.Table:
    """Records as one table in id order, with the model's schema."""
    rows = [to_row(a) for a in sorted(articles, key=lambda a: a.id)]
    return pa.Table.from_pylist(rows, schema=arrow_schema())


def write_parquet(articles: Sequence[Article], path: Path, version: str) -> None:
    writer = _SplitWriter(path.parent, lambda index: path.name, version)
    writer.add(article_table(articles))
    writer.close()


class _SplitWriter:
    """Rows of one split, arriving in id order, to Parquet files of bounded size."""

    def __init__(self, folder: Path, name_of: Callable[[int], str], version: str) -> None:
        self.folder, self.name_of = folder, name_of
        self.schema = arrow_schema().with_metadata(file_metadata(version))
        self.written: dict[str, int] = {}
        self._writer: pq.ParquetWriter | None = None
        self._file_rows = 0
        self._buffer: list[pa.Table] = []
        self._buffered_rows = self._buffered_bytes = 0

    def add(self, table: pa.Table) -> None:
        while table.num_rows:
            # A row group ends at ROW_GROUP_SIZE rows, at ROW_GROUP_BYTES, or with its file.
            limit = min(ROWS_PER_FILE - self._file_rows, ROW_GROUP_SIZE)
            room = limit - self._buffered_rows
            part, table = table.slice(0, room), table.slice(room)
            self._buffer.append(part)
            self._buffered_rows += part.num_rows
            self._buffered_bytes += part.nbytes
            if self._buffered_rows >= limit or self._buffered_bytes >= ROW_GROUP_BYTES:
                self._flush()

    def _flush(self) -> None:
        if not self._buffered_rows:
            return
        if self._writer is None:
            name = self.name_of(len(self.written))
            self._writer = pq.ParquetWriter(
                self.folder / name,
                self.schema,
                compression="zstd",
                # Statistics and page indexes stay default; nothing here depends on the clock.
            )
            self.written[name] = 0
        group = pa.concat_tables(self._buffer).combine_chunks()
        self._writer.write_table(group.replace_schema_metadata(self.schema.metadata))
        self._file_rows += group.num_rows
        self.written[next(reversed(self.written))] += group.num_rows
        self._buffer, self._buffered_rows, self._buffered_bytes = [], 0, 0
        if self._file_rows >= ROWS_PER_FILE:
            self._close_file()

    def _close_file(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer, self._file_rows = None, 0

    def close(self) -> None:
        self._flush()
        self._close_file()


def write_rejections(rejections: Iterable[Rejection], path: Path) -> None:
    ordered = sorted(rejections, key=lambda r: r.source_file)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for rejection in ordered:
            out.write(json.dumps(rejection.to_json(), ensure_ascii=False, sort_keys=True) + "\n")


def write_splits(
    tables: Iterable[pa.Table], split_rows: Mapping[str, int], folder: Path, version: str
) -> dict[str, int]:
    """Records (tables in id order) to Parquet files per non-empty split; returns rows per file.

    split_rows, the number of rows of each split, fixes each split's file count up front
    (train-00000-of-00003.parquet, …); only one row group per split is held in memory.
    """
    writers = {}
    for split in SPLIT_NAMES:
        # datasets cannot load a 0-row split ("BatchSize must be greater than 0")
        if split_rows.get(split, 0):
            total = math.ceil(split_rows[split] / ROWS_PER_FILE)
            writers[split] = _SplitWriter(
                folder, functools.partial(shard_name, split, total=total), version
            )
    for table in tables:
        for split, writer in writers.items():
            part = table.filter(pc.equal(table.column("split"), split))
            if part.num_rows:
                writer.add(part)
    written = {}
    for split, writer in writers.items():
        writer.close()
        if sum(writer.written.values()) != split_rows[split]:
            raise ValueError(f"{split}: {split_rows[split]} rows expected, wrote {writer.written}")
        written.update(writer.written)
    return written
