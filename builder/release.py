"""Versions: their numbers, the staged version folder and its manifest."""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow.parquet as pq

from builder import __version__
from builder.croissant import CROISSANT, write_croissant
from builder.doc import BuildError, OptionError, Rejection
from builder.model import SCHEMA_VERSION, SCHEMA_VERSIONS, SPLIT_NAMES
from builder.read import sha256_file
from builder.transaction import tmp_name
from builder.write import DATASET_NAME, write_rejections, write_splits

if TYPE_CHECKING:
    from builder.pipeline import RecordSet

MANIFEST = "manifest.json"
REJECTED = "rejected.jsonl"
# Semver's numbers: no leading zeros, so "01.0.0" can never stand beside "1.0.0".
_VERSION = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
PROVENANCE_FIELDS = ("headline", "date", "outlet", "author", "dateline")


def parse_version(text: str) -> tuple[int, int, int]:
    """X.Y.Z, or vX.Y.Z as the folders and configs spell it."""
    match = _VERSION.match(text.removeprefix("v"))
    if not match:
        raise OptionError(
            f"version {text!r} is not X.Y.Z: three numbers without leading zeros "
            "(for example 1.0.0 or v1.0.0)"
        )
    major, minor, patch = (int(g) for g in match.groups())
    return major, minor, patch


def format_version(parts: tuple[int, int, int]) -> str:
    return ".".join(map(str, parts))


def manifest_schema_version(manifest: dict) -> str:
    """The record schema a version was written with (the first, where none is recorded)."""
    return manifest.get("schema_version") or SCHEMA_VERSIONS[0]


def normalise_version(text: str) -> str:
    """The one spelling of a version (1.2.0) that folder, config and changelog use."""
    return format_version(parse_version(text))


def published_versions(data_dir: Path) -> list[str]:
    """Published versions, oldest first. A folder without a manifest was never published."""
    if not data_dir.is_dir():
        return []
    return sorted((name[1:] for name in version_folder_names(data_dir)), key=parse_version)


def version_folder_names(data_dir: Path, with_manifest: bool = True) -> list[str]:
    found = []
    for child in data_dir.iterdir():
        is_version = (
            child.is_dir() and child.name.startswith("v") and _VERSION.match(child.name[1:])
        )
        if is_version and (not with_manifest or (child / MANIFEST).is_file()):
            found.append(child.name)
    return sorted(found)


def next_free_version(data_dir: Path, wanted: str) -> str:
    taken = set(published_versions(data_dir))
    major, minor, patch = parse_version(wanted)
    while format_version((major, minor, patch)) in taken:
        patch += 1
    return format_version((major, minor, patch))


def inputs_digest(records: Iterable[tuple[str, str]], rejections: Sequence[Rejection]) -> str:
    """Digest of every input's path and bytes: the same seeds always give the same digest.

    records holds the (source_file, source_sha256) of every record. The pairs are sorted
    packed as path, NUL, raw digest: NUL sorts before any path byte and UTF-8 bytes sort as
    code points, so the order is that of the (path, sha256) pairs, at a third of their size.
    """
    pairs = itertools.chain(records, ((r.source_file, r.sha256 or "") for r in rejections))
    packed = sorted(path.encode("utf-8") + b"\0" + bytes.fromhex(sha) for path, sha in pairs)
    digest = hashlib.sha256()
    for key in packed:
        path, _, sha = key.partition(b"\0")
        digest.update(path + b"\t" + sha.hex().encode() + b"\n")
    return digest.hexdigest()


def version_splits(folder: Path) -> dict[str, str]:
    """Record id -> split of one published version."""
    splits = {}
    for path in sorted(folder.glob("*.parquet")):
        table = pq.read_table(path, columns=["id", "split"])
        splits.update(
            zip(table.column("id").to_pylist(), table.column("split").to_pylist(), strict=True)
        )
    return splits


def load_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as err:
        raise BuildError(
            f"{path}: not valid JSON ({err}); a published manifest is never edited: "
            "restore it from version control"
        ) from None
    if not isinstance(manifest, dict):
        raise BuildError(f"{path}: not a manifest (a JSON object); restore it from version control")
    return manifest


@dataclasses.dataclass(frozen=True)
class Published:
    version: str
    folder: Path
    changed: bool  # False when an identical build was already published


def staging_folder(data_dir: Path, version: str) -> Path:
    return data_dir / tmp_name(f"v{version}")


def stage_version(
    records: RecordSet,
    rejections: Sequence[Rejection],
    staging: Path,
    version: str,
    options: dict[str, object],
    stats: dict[str, int] | None = None,
) -> None:
    """The version's folder, complete with its manifest, under a temporary name."""
    staging.mkdir(parents=True)
    rows = write_splits(records.tables(), records.split_rows(), staging, version)
    write_rejections(rejections, staging / REJECTED)
    write_croissant(staging, version)
    manifest = {
        "dataset": DATASET_NAME,
        "version": version,
        "builder_version": __version__,
        "schema_version": SCHEMA_VERSION,
        "inputs_digest": inputs_digest(records.input_pairs(), rejections),
        "inputs": len(records) + len(rejections),
        "records": len(records),
        "rejected": len(rejections),
        "options": options,
        "stats": stats or {},
        "splits": {
            split: sum(n for name, n in rows.items() if name.startswith(f"{split}-"))
            for split in SPLIT_NAMES
            if any(name.startswith(f"{split}-") for name in rows)
        },
        "files": {
            name: {"sha256": sha256_file(staging / name), "rows": rows.get(name)}
            for name in sorted([*rows, REJECTED, CROISSANT])
        },
    }
    (staging / MANIFEST).write_text(
        json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )


def compare_with_published(staging: Path, target: Path, data_dir: Path, version: str) -> None:
    """Nothing when the staged version equals the published one; else why it cannot be."""
    new, old = load_manifest(staging), load_manifest(target)
    differing = sorted(
        name
        for name in set(new["files"]) | set(old["files"])
        if new["files"].get(name) != old["files"].get(name)
    )
    if not differing and new == old:
        return
    differing = differing or [MANIFEST]
    raise BuildError(
        f"{target} is already published and this build differs in "
        f"{', '.join(differing)}; published versions never change: "
        f"build as --version {next_free_version(data_dir, version)}"
    )


def split_front_matter(text: str) -> tuple[str, str]:
    """(yaml, rest) of a Markdown file; yaml is '' when there is no front matter."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return text[4:end], text[end + 5 :]
    return "", text
