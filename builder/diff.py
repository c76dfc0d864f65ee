"""What one version changes against another: records added, removed and changed, by id."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from builder.doc import BuildError
from builder.model import arrow_schema

# How a change moves the version number (semver): the schema is the contract with users,
# the set of records is the content, and everything else is a correction.
MAJOR, MINOR, PATCH = "major", "minor", "patch"


@dataclasses.dataclass(frozen=True)
class VersionDiff:
    old: str
    new: str
    schema_changed: bool
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: dict[str, tuple[str, ...]]  # id -> names of the fields that differ

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
        lines += [f"- added `{i}`" for i in self.added]
        lines += [f"- removed `{i}`" for i in self.removed]
        lines += [
            f"- changed `{i}`: {', '.join(fields)}" for i, fields in sorted(self.changed.items())
        ]
        return lines


def version_rows(folder: Path) -> tuple[pa.Schema | None, dict[str, dict]]:
    """Schema and rows by id of every Parquet file of one version folder."""
    if not folder.is_dir():
        raise BuildError(f"{folder}: no such version folder")
    rows: dict[str, dict] = {}
    schema = None
    for path in sorted(folder.glob("*.parquet")):
        table = pq.read_table(path)
        schema = table.schema.remove_metadata()
        for row in table.to_pylist():
            rows[row["id"]] = row
    return schema, rows


def diff_rows(
    old_label: str,
    new_label: str,
    old_schema: pa.Schema | None,
    old_rows: Mapping[str, dict],
    new_schema: pa.Schema | None,
    new_rows: Mapping[str, dict],
) -> VersionDiff:
    changed = {}
    for record_id in sorted(old_rows.keys() & new_rows.keys()):
        before, after = old_rows[record_id], new_rows[record_id]
        fields = tuple(name for name in after if before.get(name) != after[name])
        fields += tuple(name for name in before if name not in after)
        if fields:
            changed[record_id] = fields
    return VersionDiff(
        old=old_label,
        new=new_label,
        schema_changed=old_schema is not None
        and new_schema is not None
        and not old_schema.equals(new_schema),
        added=tuple(sorted(new_rows.keys() - old_rows.keys())),
        removed=tuple(sorted(old_rows.keys() - new_rows.keys())),
        changed=changed,
    )


def diff_versions(data_dir: Path, old: str, new: str) -> VersionDiff:
    old_schema, old_rows = version_rows(data_dir / f"v{old.removeprefix('v')}")
    new_schema, new_rows = version_rows(data_dir / f"v{new.removeprefix('v')}")
    return diff_rows(
        f"v{old.removeprefix('v')}",
        f"v{new.removeprefix('v')}",
        old_schema,
        old_rows,
        new_schema,
        new_rows,
    )


def diff_against_build(data_dir: Path, old: str, tables: Iterable[pa.Table]) -> VersionDiff:
    """The diff a build would publish (its records as tables), before anything is written."""
    old_schema, old_rows = version_rows(data_dir / f"v{old}")
    new_rows = {row["id"]: row for table in tables for row in table.to_pylist()}
    return diff_rows(f"v{old}", "this build", old_schema, old_rows, arrow_schema(), new_rows)
