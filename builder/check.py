"""Checks a repository's published data against its manifests, README and record model."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pydantic
import yaml

from builder.model import SCHEMA_VERSION, Article, arrow_schema
from builder.read import sha256_file
from builder.release import MANIFEST, load_manifest, published_versions, split_front_matter


@dataclasses.dataclass(frozen=True)
class Problem:
    file: str
    what: str
    expected: str
    found: str

    def __str__(self) -> str:
        return f"{self.file}: {self.what}: expected {self.expected}, found {self.found}"


def _readme_split_sizes(repo_root: Path) -> tuple[dict[str, dict[str, int]], str | None]:
    """Split sizes per config from README's dataset_info, and the default config's name."""
    readme = repo_root / "README.md"
    if not readme.is_file():
        return {}, None
    front, _ = split_front_matter(readme.read_text(encoding="utf-8"))
    meta = yaml.safe_load(front) or {}
    infos = meta.get("dataset_info") or []
    infos = [infos] if isinstance(infos, dict) else infos
    sizes = {
        info.get("config_name", "default"): {
            s["name"]: s["num_examples"] for s in info.get("splits", [])
        }
        for info in infos
    }
    default = next((c["config_name"] for c in meta.get("configs", []) if c.get("default")), None)
    return sizes, default


def check_version(folder: Path, readme_sizes: dict[str, dict[str, int]]) -> list[Problem]:
    problems: list[Problem] = []
    where = folder.name
    manifest = load_manifest(folder)
    listed = manifest.get("files", {})
    on_disk = {p.name for p in folder.iterdir() if p.name != MANIFEST}
    for name in sorted(on_disk - listed.keys()):
        problems.append(Problem(f"{where}/{name}", "file not in manifest", "absent", "present"))
    current_schema = manifest.get("schema_version") == SCHEMA_VERSION
    split_rows: dict[str, int] = {}
    seen_ids: dict[str, str] = {}
    for name, entry in sorted(listed.items()):
        path = folder / name
        label = f"{where}/{name}"
        if not path.is_file():
            problems.append(Problem(label, "file missing", "present", "absent"))
            continue
        digest = sha256_file(path)
        if digest != entry.get("sha256"):
            problems.append(Problem(label, "sha256", entry.get("sha256"), digest))
        if not name.endswith(".parquet"):
            continue
        try:
            parquet = pq.ParquetFile(path)
        except (OSError, ValueError) as err:  # pyarrow's ArrowInvalid is a ValueError
            problems.append(Problem(label, "Parquet", "a readable file", str(err)[:120]))
            continue
        rows = parquet.metadata.num_rows
        if rows != entry.get("rows"):
            problems.append(Problem(label, "row count", str(entry.get("rows")), str(rows)))
        split = name.split("-", 1)[0]
        split_rows[split] = split_rows.get(split, 0) + rows
        schema = parquet.schema_arrow
        if current_schema and not schema.remove_metadata().equals(arrow_schema()):
            problems.append(Problem(label, "schema", "the record model's schema", str(schema)))
            continue
        for row in _rows(parquet, label, problems):
            record_id = row.get("id")
            if record_id in seen_ids:
                problems.append(
                    Problem(
                        label,
                        "duplicate id",
                        "unique across splits",
                        f"{record_id} also in {seen_ids[record_id]}",
                    )
                )
            seen_ids[record_id] = name
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
    return problems


def _rows(parquet: pq.ParquetFile, label: str, problems: list[Problem]) -> Iterator[dict]:
    """A batch at a time: a large version is checked record by record in bounded memory."""
    try:
        for batch in parquet.iter_batches():
            yield from batch.to_pylist()
    except (OSError, ValueError) as err:  # a page that cannot be decoded
        problems.append(Problem(label, "Parquet", "a readable file", str(err)[:120]))


def check_repo(repo_root: Path, data_dir: Path | None = None) -> list[Problem]:
    """Every problem of every published version; an empty list means the data is sound."""
    data_dir = data_dir or repo_root / "data"
    versions = published_versions(data_dir)
    if not versions:
        return [Problem(str(data_dir), "published versions", "at least one", "none")]
    readme_sizes, default = _readme_split_sizes(repo_root)
    problems = []
    for version in versions:
        problems += check_version(data_dir / f"v{version}", readme_sizes)
    if default != f"v{versions[-1]}":
        problems.append(Problem("README.md", "default config", f"v{versions[-1]}", str(default)))
    return problems
