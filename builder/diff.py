"""What one version changes against another: records added, removed and changed, by id."""

from __future__ import annotations

import dataclasses
import heapq
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from builder.doc import BuildError
from builder.model import arrow_schema

# How a change moves the version number (semver): the schema is the contract with users,
# the set of records is the content, and everything else is a correction.
MAJOR, MINOR, PATCH = "major", "minor", "patch"
# Rows are read as Python objects, bodies included: a thousand at a time per file.
ROWS_AT_A_TIME = 1024


@dataclasses.dataclass(frozen=True)
class VersionDiff:
    old: str
    new: str
    schema_changed: bool
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: dict[str, tuple[str, ...]]  # id -> names of the fields that differ
    # id -> headline (the newer one for a change): a curator reads stories, not ids
    headlines: dict[str, str | None] = dataclasses.field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not (self.schema_changed or self.added or self.removed or self.changed)

    @property
    def bump(self) -> str | None:
        if self.schema_changed:
            return MAJOR
        if self.added or self.removed:
            return MINOR
        return PATCH if self.changed else None

    def summary_lines(self) -> list[str]:
        lines = [
            f"Against {self.old}: {len(self.added)} added, {len(self.removed)} removed, "
            f"{len(self.changed)} changed" + (", schema changed" if self.schema_changed else "")
        ]
        lines += [f"- added `{i}`{self._headline(i)}" for i in self.added]
        lines += [f"- removed `{i}`{self._headline(i)}" for i in self.removed]
        lines += [
            f"- changed `{i}`{self._headline(i)}: {', '.join(fields)}"
            for i, fields in sorted(self.changed.items())
        ]
        return lines

    def _headline(self, record_id: str) -> str:
        headline = self.headlines.get(record_id)
        return f" {json.dumps(headline, ensure_ascii=False)}" if headline else ""


def option_lines(old: Mapping, new: Mapping) -> list[str]:
    """The build options that differ between two manifests, one line each, dotted within a
    nested option ("min_confidence.headline@html: 0.5 -> 0.0"): a version whose records are
    those of the one before says what else changed."""
    before, after = _flat(old), _flat(new)
    return [
        f"- option `{name}`: {json.dumps(before.get(name))} -> {json.dumps(after.get(name))}"
        for name in sorted(set(before) | set(after))
        if before.get(name) != after.get(name)
    ]


def _flat(options: Mapping, prefix: str = "") -> dict[str, object]:
    flat: dict[str, object] = {}
    for name, value in options.items():
        if isinstance(value, Mapping):
            flat.update(_flat(value, f"{prefix}{name}."))
        else:
            flat[f"{prefix}{name}"] = value
    return flat


def rows_of(parquet: pq.ParquetFile) -> Iterator[dict]:
    """A file's rows as Python objects, bodies included, a thousand at a time: bounded
    memory however large a row group is."""
    for batch in parquet.iter_batches(batch_size=ROWS_AT_A_TIME):
        yield from batch.to_pylist()


def version_schema(folder: Path) -> pa.Schema | None:
    """The schema of one version folder's Parquet files (None when it has none)."""
    if not folder.is_dir():
        raise BuildError(f"{folder}: no such version folder")
    files = sorted(folder.glob("*.parquet"))
    return pq.read_schema(files[0]).remove_metadata() if files else None


def version_rows(folder: Path) -> Iterator[dict]:
    """Every row of one version folder in id order, a batch at a time.

    Each file is sorted by id, so merging the files gives the whole version in id order.
    """
    if not folder.is_dir():
        raise BuildError(f"{folder}: no such version folder")
    files = [rows_of(pq.ParquetFile(path)) for path in sorted(folder.glob("*.parquet"))]
    return heapq.merge(*files, key=lambda row: row["id"])


def diff_rows(
    old_label: str,
    new_label: str,
    old_schema: pa.Schema | None,
    old_rows: Iterable[dict],
    new_schema: pa.Schema | None,
    new_rows: Iterable[dict],
) -> VersionDiff:
    """Compare two versions' rows, each given in id order (a merge join: bounded memory)."""
    added, removed, changed, headlines = [], [], {}, {}
    old_iter, new_iter = iter(old_rows), iter(new_rows)
    before, after = next(old_iter, None), next(new_iter, None)
    while before is not None or after is not None:
        if after is None or (before is not None and before["id"] < after["id"]):
            removed.append(before["id"])
            headlines[before["id"]] = before.get("headline")
            before = next(old_iter, None)
        elif before is None or after["id"] < before["id"]:
            added.append(after["id"])
            headlines[after["id"]] = after.get("headline")
            after = next(new_iter, None)
        else:
            fields = tuple(name for name in after if before.get(name) != after[name])
            fields += tuple(name for name in before if name not in after)
            if fields:
                changed[after["id"]] = fields
                headlines[after["id"]] = after.get("headline") or before.get("headline")
            before, after = next(old_iter, None), next(new_iter, None)
    return VersionDiff(
        old=old_label,
        new=new_label,
        schema_changed=old_schema is not None
        and new_schema is not None
        and not old_schema.equals(new_schema),
        added=tuple(added),
        removed=tuple(removed),
        changed=changed,
        headlines=headlines,
    )


def diff_versions(data_dir: Path, old: str, new: str) -> VersionDiff:
    from builder.release import normalise_version

    old_folder = data_dir / f"v{normalise_version(old)}"
    new_folder = data_dir / f"v{normalise_version(new)}"
    return diff_rows(
        old_folder.name,
        new_folder.name,
        version_schema(old_folder),
        version_rows(old_folder),
        version_schema(new_folder),
        version_rows(new_folder),
    )


def diff_against_build(data_dir: Path, old: str, tables: Iterable[pa.Table]) -> VersionDiff:
    """The diff a build would publish (its records as tables in id order), before writing."""
    folder = data_dir / f"v{old}"
    new_rows = (row for table in tables for row in table.to_pylist())
    return diff_rows(
        f"v{old}",
        "this build",
        version_schema(folder),
        version_rows(folder),
        arrow_schema(),
        new_rows,
    )
