"""Checks a repository's published data against its manifests, README and record model."""

from __future__ import annotations

import array
import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pydantic

from builder.diff import rows_of
from builder.doc import BuildError
from builder.docs import (
    CHANGELOG,
    MANIFEST_SUMS,
    changelog_versions,
    load_yaml,
    manifest_sum,
    read_manifest_sums,
)
from builder.model import SCHEMA_VERSION, Article, arrow_schema, schema_fields
from builder.read import sha256_file
from builder.release import (
    MANIFEST,
    REJECTED,
    load_manifest,
    manifest_schema_version,
    published_versions,
    split_front_matter,
    version_folder_names,
)
from builder.transaction import JOURNAL


@dataclasses.dataclass(frozen=True)
class Problem:
    file: str
    what: str
    expected: str
    found: str

    def __str__(self) -> str:
        return f"{self.file}: {self.what}: expected {self.expected}, found {self.found}"


def _readme_configs(
    repo_root: Path,
) -> tuple[dict[str, dict[str, int]], str | None, dict[str, list[str]]]:
    """Split sizes per config from README's dataset_info, the default config's name, and the
    columns each config's features name."""
    readme = repo_root / "README.md"
    if not readme.is_file():
        return {}, None, {}
    front, _ = split_front_matter(readme.read_text(encoding="utf-8"))
    meta = load_yaml(front) or {}
    infos = meta.get("dataset_info") or []
    infos = [infos] if isinstance(infos, dict) else infos
    sizes = {
        info.get("config_name", "default"): {
            s["name"]: s["num_examples"] for s in info.get("splits", [])
        }
        for info in infos
    }
    default = next((c["config_name"] for c in meta.get("configs", []) if c.get("default")), None)
    columns = {
        info.get("config_name", "default"): [f.get("name") for f in info.get("features") or []]
        for info in infos
    }
    return sizes, default, columns


def check_version(
    folder: Path,
    readme_sizes: dict[str, dict[str, int]] | None,
    name: str | None = None,
    readme_columns: dict[str, list[str]] | None = None,
) -> list[Problem]:
    """Problems of one version folder; readme_sizes None skips README (a staged version).

    name is the version's folder name when the folder has another (while it is staged);
    readme_columns, the columns README's features give each config.
    """
    problems: list[Problem] = []
    where = name or folder.name
    try:
        manifest = load_manifest(folder)
    except BuildError as err:
        return [Problem(f"{where}/{MANIFEST}", "manifest", "a JSON object", str(err)[:160])]
    listed = manifest.get("files", {})
    on_disk = {p.name for p in folder.iterdir() if p.name != MANIFEST}
    for file_name in sorted(on_disk - listed.keys()):
        problems.append(
            Problem(f"{where}/{file_name}", "file not in manifest", "absent", "present")
        )
    # An older version keeps the columns of its schema: checked against them, its records
    # are not revalidated by today's model (its new fields are absent).
    schema_version = manifest_schema_version(manifest)
    current_schema = schema_version == SCHEMA_VERSION
    try:
        version_schema = arrow_schema(schema_version)
    except ValueError as err:
        problems.append(Problem(f"{where}/{MANIFEST}", "schema_version", "a known one", str(err)))
        version_schema = None
    split_rows: dict[str, int] = {}
    ids = _IdHashes()
    parquet_files: list[tuple[str, str, Path]] = []
    for file_name, entry in sorted(listed.items()):
        path = folder / file_name
        label = f"{where}/{file_name}"
        if not path.is_file():
            problems.append(Problem(label, "file missing", "present", "absent"))
            continue
        digest = sha256_file(path)
        if digest != entry.get("sha256"):
            problems.append(Problem(label, "sha256", entry.get("sha256"), digest))
        if not file_name.endswith(".parquet"):
            continue
        try:
            parquet = pq.ParquetFile(path)
        except (OSError, ValueError) as err:  # pyarrow's ArrowInvalid is a ValueError
            problems.append(Problem(label, "Parquet", "a readable file", str(err)[:120]))
            continue
        rows = parquet.metadata.num_rows
        if rows != entry.get("rows"):
            problems.append(Problem(label, "row count", str(entry.get("rows")), str(rows)))
        split = file_name.split("-", 1)[0]
        split_rows[split] = split_rows.get(split, 0) + rows
        problems += _file_metadata_problems(parquet, label, manifest)
        schema = parquet.schema_arrow
        if version_schema is not None and not schema.remove_metadata().equals(version_schema):
            expected = f"the record model's schema {manifest.get('schema_version')}"
            problems.append(Problem(label, "schema", expected, str(schema)))
            continue
        parquet_files.append((file_name, label, path))
        for row in _rows(parquet, label, problems):
            record_id = row.get("id")
            ids.add(record_id)
            if row.get("split") != split:
                problems.append(
                    Problem(label, f"split of {record_id}", split, str(row.get("split")))
                )
            if current_schema:
                try:
                    Article.model_validate(row)
                except pydantic.ValidationError as err:
                    problems.append(
                        Problem(label, f"record {record_id}", "valid", str(err.errors()[0]["msg"]))
                    )
    problems += _duplicate_ids(parquet_files, ids.repeated())
    problems += _manifest_problems(folder, where, manifest, split_rows)
    if readme_sizes is None:
        return problems
    expected_sizes = readme_sizes.get(where)
    if expected_sizes is None:
        problems.append(Problem("README.md", f"config {where}", "listed", "missing"))
    elif expected_sizes != split_rows:
        problems.append(
            Problem(
                "README.md",
                f"dataset_info of {where}",
                json.dumps(split_rows, sort_keys=True),
                json.dumps(expected_sizes, sort_keys=True),
            )
        )
    if version_schema is not None and readme_columns is not None:
        problems += _readme_column_problems(where, schema_version, readme_columns.get(where))
    return problems


def _readme_column_problems(
    where: str, schema_version: str, listed: list[str] | None
) -> list[Problem]:
    """README's features of a version must be the columns its schema version has: datasets
    reads them, and would add the newer ones, all null, to an older version's records."""
    expected = schema_fields(schema_version)
    if listed is None or listed == expected:
        return []  # a config missing from README is reported with its sizes
    extra = [name for name in listed if name not in expected]
    missing = [name for name in expected if name not in listed]
    found = f"extra {', '.join(map(str, extra)) or 'none'}; missing {', '.join(missing) or 'none'}"
    return [
        Problem(
            "README.md",
            f"features of {where}",
            f"the {len(expected)} columns of schema {schema_version}, in order",
            f"{found}; run `mali-news card`",
        )
    ]


class _IdHashes:
    """A 64-bit hash of every id seen, 8 bytes each: a million-record version is checked for
    repeated ids without holding its ids (a dict of them took about 150 MB)."""

    def __init__(self) -> None:
        self._hashes = array.array("q")

    def add(self, record_id: object) -> None:
        self._hashes.append(hash(record_id))

    def repeated(self) -> set[int]:
        """The hashes seen more than once: repeated ids, or (rarely) two ids that collide."""
        ordered = np.sort(np.frombuffer(self._hashes, dtype=np.int64))
        return set(ordered[1:][ordered[1:] == ordered[:-1]].tolist())


def _duplicate_ids(files: list[tuple[str, str, Path]], suspects: set[int]) -> list[Problem]:
    """Each id met again, named with the file that held it last, by a second read of the
    id column that keeps only the ids whose hash repeats."""
    if not suspects:
        return []
    problems, last_file = [], {}
    for file_name, label, path in files:
        try:
            batches = list(pq.ParquetFile(path).iter_batches(columns=["id"]))
        except (OSError, ValueError):  # unreadable: the first read reported it
            continue
        for batch in batches:
            for record_id in batch.column(0).to_pylist():
                if hash(record_id) not in suspects:
                    continue
                if record_id in last_file:
                    also = f"{record_id} also in {last_file[record_id]}"
                    problems.append(Problem(label, "duplicate id", "unique across splits", also))
                last_file[record_id] = file_name
    return problems


def _file_metadata_problems(parquet: pq.ParquetFile, label: str, manifest: dict) -> list[Problem]:
    """Each file names the version and builder that wrote it: the manifest must agree."""
    written = {
        key.decode(): value.decode()
        for key, value in (parquet.schema_arrow.metadata or {}).items()
        if key.startswith(b"mali_news.")
    }
    problems = []
    for key in ("version", "builder_version", "schema_version"):
        found = written.get(f"mali_news.{key}")
        if found is not None and found != manifest.get(key):
            problems.append(Problem(label, f"manifest's {key}", found, str(manifest.get(key))))
    return problems


def _manifest_problems(
    folder: Path, where: str, manifest: dict, split_rows: dict[str, int]
) -> list[Problem]:
    """The manifest's counts against the files they count."""
    label = f"{where}/{MANIFEST}"
    problems = []
    if manifest.get("version") != where.removeprefix("v"):
        problems.append(
            Problem(label, "version", where.removeprefix("v"), str(manifest.get("version")))
        )
    records = sum(split_rows.values())
    rejected_path = folder / REJECTED
    rejected = (
        sum(1 for line in rejected_path.read_bytes().splitlines() if line.strip())
        if rejected_path.is_file()
        else 0
    )
    for key, value in (
        ("records", records),
        ("rejected", rejected),
        ("inputs", records + rejected),
        ("splits", split_rows),
    ):
        if manifest.get(key) != value:
            problems.append(Problem(label, key, json.dumps(value), json.dumps(manifest.get(key))))
    return problems


def _rows(parquet: pq.ParquetFile, label: str, problems: list[Problem]) -> Iterator[dict]:
    """A batch at a time: a large version is checked record by record in bounded memory."""
    try:
        yield from rows_of(parquet)
    except (OSError, ValueError) as err:  # a page that cannot be decoded
        problems.append(Problem(label, "Parquet", "a readable file", str(err)[:120]))


def check_repo(repo_root: Path, data_dir: Path | None = None) -> list[Problem]:
    """Every problem of every published version; an empty list means the data is sound."""
    data_dir = data_dir or repo_root / "data"
    if not data_dir.is_dir():
        raise BuildError(
            f"{data_dir.resolve()}: no such folder; run from the repository root "
            "or pass the repository (mali-news validate path/to/repo)"
        )
    problems = []
    journal = data_dir / JOURNAL
    if journal.exists():
        problems.append(
            Problem(str(journal), "unfinished publish", "none", "a crash; run `mali-news repair`")
        )
    for name in version_folder_names(data_dir, with_manifest=False):
        if not (data_dir / name / MANIFEST).is_file():
            problems.append(Problem(f"{name}/{MANIFEST}", "manifest", "present", "absent"))
    versions = published_versions(data_dir)
    if not versions:
        return [
            *problems,
            Problem(str(data_dir.resolve()), "published versions", "at least one", "none"),
        ]
    readme_sizes, default, readme_columns = _readme_configs(repo_root)
    sums = read_manifest_sums(data_dir)
    in_changelog = set(changelog_versions(data_dir))
    for version in versions:
        folder = data_dir / f"v{version}"
        problems += check_version(folder, readme_sizes, readme_columns=readme_columns)
        if version not in sums:
            problems.append(
                Problem(MANIFEST_SUMS, f"v{version}", "recorded", "missing; run `mali-news repair`")
            )
        elif (folder / MANIFEST).is_file() and (found := manifest_sum(folder)) != sums[version]:
            problems.append(Problem(f"v{version}/{MANIFEST}", "sha256", sums[version], found))
        if version not in in_changelog:
            problems.append(
                Problem(CHANGELOG, f"v{version}", "an entry", "none; run `mali-news repair`")
            )
    if default != f"v{versions[-1]}":
        problems.append(Problem("README.md", "default config", f"v{versions[-1]}", str(default)))
    return problems
