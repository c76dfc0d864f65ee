"""Write stage: records to Parquet with the model's explicit schema, rejections to JSONL."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from builder import __version__
from builder.doc import Rejection
from builder.model import SCHEMA_VERSION, SPLIT_NAMES, Article, arrow_schema, to_row

DATASET_NAME = "mali-news"
ROW_GROUP_SIZE = 100_000
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


def write_parquet(articles: Sequence[Article], path: Path, version: str) -> None:
    schema = arrow_schema().with_metadata(file_metadata(version))
    rows = [to_row(a) for a in sorted(articles, key=lambda a: a.id)]
    table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(
        table,
        path,
        compression="zstd",
        row_group_size=ROW_GROUP_SIZE,
        # Statistics and page indexes stay default; nothing here depends on the clock.
    )


def write_rejections(rejections: Iterable[Rejection], path: Path) -> None:
    ordered = sorted(rejections, key=lambda r: r.source_file)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for rejection in ordered:
            out.write(json.dumps(rejection.to_json(), ensure_ascii=False, sort_keys=True) + "\n")


def write_splits(articles: Sequence[Article], folder: Path, version: str) -> dict[str, int]:
    """One Parquet file per non-empty split; returns rows per written file name."""
    written = {}
    for split in SPLIT_NAMES:
        members = sorted((a for a in articles if a.split.value == split), key=lambda a: a.id)
        if not members:
            continue  # datasets cannot load a 0-row split ("BatchSize must be greater than 0")
        total = math.ceil(len(members) / ROWS_PER_FILE)
        for index in range(total):
            part = members[index * ROWS_PER_FILE : (index + 1) * ROWS_PER_FILE]
            name = shard_name(split, index, total)
            write_parquet(part, folder / name, version)
            written[name] = len(part)
    return written
