"""Versions: publishing a build as data/vX.Y.Z, its manifest, README's configs and the card."""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
import os
import re
import shutil
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow.compute as pc
import pyarrow.parquet as pq

from builder import __version__
from builder.croissant import CROISSANT, write_croissant
from builder.doc import LINE_REASONS, REJECT_REASONS, BuildError, Rejection
from builder.model import SCHEMA_VERSION, SPLIT_NAMES, features, field_table
from builder.read import sha256_file
from builder.write import DATASET_NAME, write_rejections, write_splits

if TYPE_CHECKING:
    from builder.pipeline import RecordSet

MANIFEST = "manifest.json"
REJECTED = "rejected.jsonl"
_VERSION = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")
_TMP_PREFIX = ".tmp-"
PROVENANCE_FIELDS = ("headline", "date", "outlet", "author", "dateline")
PLOTS_DIR = "plots"  # under data/, beside the versions: charts of the newest version


def parse_version(text: str) -> tuple[int, int, int]:
    match = _VERSION.match(text.removeprefix("v"))
    if not match:
        raise BuildError(f"version {text!r} is not X.Y.Z (for example 1.0.0)")
    major, minor, patch = (int(g) for g in match.groups())
    return major, minor, patch


def format_version(parts: tuple[int, int, int]) -> str:
    return ".".join(map(str, parts))


def published_versions(data_dir: Path) -> list[str]:
    """Published versions, oldest first. A folder without a manifest was never published."""
    if not data_dir.is_dir():
        return []
    found = []
    for child in data_dir.iterdir():
        is_version = child.name.startswith("v") and _VERSION.match(child.name[1:])
        if is_version and (child / MANIFEST).is_file():
            found.append(child.name[1:])
    return sorted(found, key=parse_version)


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
    return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))


@dataclasses.dataclass(frozen=True)
class Published:
    version: str
    folder: Path
    changed: bool  # False when an identical build was already published


def publish(
    records: RecordSet,
    rejections: Sequence[Rejection],
    data_dir: Path,
    version: str,
    options: dict[str, object],
    stats: dict[str, int] | None = None,
) -> Published:
    """Write the version into a temporary folder, then move it into place in one rename."""
    parse_version(version)
    data_dir.mkdir(parents=True, exist_ok=True)
    target = data_dir / f"v{version}"
    staging = data_dir / f"{_TMP_PREFIX}v{version}-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    try:
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
        if target.exists():
            return _compare_with_published(staging, target, data_dir, version)
        _fsync_tree(staging)
        os.rename(staging, target)
        _fsync_dir(data_dir)
        return Published(version, target, changed=True)
    finally:
        if staging.exists():
            shutil.rmtree(staging)


def _compare_with_published(staging: Path, target: Path, data_dir: Path, version: str):
    new, old = load_manifest(staging), load_manifest(target)
    differing = sorted(
        name
        for name in set(new["files"]) | set(old["files"])
        if new["files"].get(name) != old["files"].get(name)
    )
    if not differing and new == old:
        return Published(version, target, changed=False)
    differing = differing or [MANIFEST]
    raise BuildError(
        f"data/v{version} is already published and this build differs in "
        f"{', '.join(differing)}; published versions never change: "
        f"build as --version {next_free_version(data_dir, version)}"
    )


def _fsync_tree(folder: Path) -> None:
    for path in folder.iterdir():
        with path.open("rb") as handle:
            os.fsync(handle.fileno())
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale_staging(data_dir: Path) -> None:
    """A killed build leaves a staging folder behind; nothing reads it, the next build drops it."""
    if data_dir.is_dir():
        for child in data_dir.iterdir():
            if child.name.startswith(_TMP_PREFIX):
                shutil.rmtree(child, ignore_errors=True)


# --- data/CHANGELOG.md: what each version changed --------------------------------------------

CHANGELOG = "CHANGELOG.md"


def add_changelog_entry(data_dir: Path, version: str, summary: list[str]) -> Path:
    """Put the version's diff summary first under its own heading, once."""
    path = data_dir / CHANGELOG
    heading = f"## v{version}"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Changelog\n"
    if heading in text.splitlines():
        return path
    title, _, rest = text.partition("\n")
    entry = "\n".join([heading, "", *summary])
    older = rest.strip("\n")
    write_atomic(path, f"{title}\n\n{entry}\n" + (f"\n{older}\n" if older else ""))
    return path


# --- README.md: the configs the datasets library reads ---------------------------------------


def readme_metadata(data_dir: Path, repo_root: Path) -> dict:
    """README front matter: one config per published version, the newest the default."""
    from datasets import DatasetInfo, SplitDict, SplitInfo

    versions = published_versions(data_dir)
    configs, infos = [], []
    prefix = data_dir.resolve().relative_to(repo_root.resolve()).as_posix()
    for version in versions:
        manifest = load_manifest(data_dir / f"v{version}")
        splits = [s for s in SPLIT_NAMES if manifest["splits"].get(s)]
        config = {"config_name": f"v{version}"}
        if version == versions[-1]:
            config["default"] = True
        config["data_files"] = [
            {"split": s, "path": f"{prefix}/v{version}/{s}-*.parquet"} for s in splits
        ]
        configs.append(config)
        split_dict = SplitDict(
            {s: SplitInfo(name=s, num_bytes=0, num_examples=manifest["splits"][s]) for s in splits}
        )
        info = DatasetInfo(features=features(), splits=split_dict)._to_yaml_dict()
        infos.append({"config_name": f"v{version}", **info})
    return {
        "pretty_name": "mali-news",
        "license": "other",
        "language": ["en"],
        "task_categories": ["text-classification", "summarization"],
        "tags": ["news", "mali", "sahel", "2012-2013"],
        "configs": configs,
        "dataset_info": infos,
    }


def split_front_matter(text: str) -> tuple[str, str]:
    """(yaml, rest) of a Markdown file; yaml is '' when there is no front matter."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return text[4:end], text[end + 5 :]
    return "", text


def write_atomic(path: Path, text: str) -> None:
    staging = path.with_name(f"{_TMP_PREFIX}{path.name}")
    staging.write_text(text, encoding="utf-8")
    with staging.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(staging, path)


def update_readme(data_dir: Path, repo_root: Path) -> Path:
    from huggingface_hub import DatasetCard, DatasetCardData

    readme = repo_root / "README.md"
    _, prose = split_front_matter(readme.read_text(encoding="utf-8") if readme.exists() else "")
    card_data = DatasetCardData(**readme_metadata(data_dir, repo_root))
    prose = prose if prose.strip() else "\n# mali-news\n"
    # Parsing the result back through DatasetCard applies the Hub library's own checks.
    card = DatasetCard(f"---\n{card_data.to_yaml()}\n---\n{prose}")
    write_atomic(readme, str(card))
    return readme


# --- dataset_card.md: prose kept, build facts regenerated ------------------------------------


def _versions_table(data_dir: Path) -> str:
    rows = [
        "| version | splits (rows) | records | rejected | dedup | clusters | in multi-member "
        "clusters | inputs digest |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for version in published_versions(data_dir):
        m = load_manifest(data_dir / f"v{version}")
        splits = ", ".join(f"{s} ({n})" for s, n in m["splits"].items())
        options, stats = m.get("options", {}), m.get("stats", {})
        dedup = f"{options.get('dedup', '?')} at {options.get('dedup_threshold', '?')}"
        rows.append(
            f"| v{version} | {splits} | {m['records']} | {m['rejected']} | {dedup} "
            f"| {stats.get('clusters', '?')} | {stats.get('in_multi_member_clusters', '?')} "
            f"| `{m['inputs_digest'][:12]}` |"
        )
    return "\n".join(rows)


def _reason_tables() -> str:
    rejects = ["| rejection reason | meaning |", "|---|---|"]
    rejects += [f"| `{r.value}` | {text} |" for r, text in REJECT_REASONS.items()]
    lines = ["| removed-line reason | meaning |", "|---|---|"]
    lines += [f"| `{r.value}` | {text} |" for r, text in LINE_REASONS.items()]
    return "\n".join(rejects) + "\n\n" + "\n".join(lines)


def _provenance_table(data_dir: Path) -> str:
    versions = published_versions(data_dir)
    if not versions:
        return "No version is published yet."
    folder = data_dir / f"v{versions[-1]}"
    columns = [*PROVENANCE_FIELDS, *(f"{f}_source" for f in PROVENANCE_FIELDS)]
    tables = [pq.read_table(path, columns=columns) for path in sorted(folder.glob("*.parquet"))]
    total = sum(t.num_rows for t in tables)
    rows = [
        f"Newest version v{versions[-1]}, {total} records.",
        "",
        "| field | records with a value | sources |",
        "|---|---|---|",
    ]
    for field in PROVENANCE_FIELDS:
        present = sum(t.num_rows - t.column(field).null_count for t in tables)
        sources: Counter[str] = Counter()
        for t in tables:
            counted = pc.value_counts(t.column(f"{field}_source").drop_null()).to_pylist()
            sources.update({item["values"]: item["counts"] for item in counted})
        detail = ", ".join(f"`{s}` {n}" for s, n in sorted(sources.items())) or "none"
        rows.append(f"| `{field}` | {present} / {total} | {detail} |")
    return "\n".join(rows)


def _plots_section(data_dir: Path, repo_root: Path) -> str:
    versions = published_versions(data_dir)
    if not versions:
        return "No version is published yet."
    folder = (data_dir / PLOTS_DIR).resolve().relative_to(repo_root.resolve()).as_posix()
    newest = f"v{versions[-1]}"
    return (
        f"![Articles per month, {newest}]({folder}/{newest}-per-month.png)\n\n"
        f"![Articles per outlet, {newest}]({folder}/{newest}-per-outlet.png)"
    )


def generated_sections(data_dir: Path, repo_root: Path) -> dict[str, str]:
    return {
        "fields": field_table(),
        "versions": _versions_table(data_dir),
        "reasons": _reason_tables(),
        "provenance": _provenance_table(data_dir),
        "plots": _plots_section(data_dir, repo_root),
    }


def fill_sections(text: str, sections: dict[str, str]) -> str:
    """Replace the body of every <!-- BEGIN GENERATED:x --> ... <!-- END GENERATED:x --> pair."""
    for name, body in sections.items():
        pattern = re.compile(
            rf"(<!-- BEGIN GENERATED:{name} -->\n).*?(<!-- END GENERATED:{name} -->)", re.DOTALL
        )
        if not pattern.search(text):
            text += f"\n<!-- BEGIN GENERATED:{name} -->\n<!-- END GENERATED:{name} -->\n"
        text = pattern.sub(lambda m, body=body: f"{m.group(1)}{body}\n{m.group(2)}", text)
    return text


def update_card(data_dir: Path, repo_root: Path) -> Path:
    card = repo_root / "dataset_card.md"
    text = card.read_text(encoding="utf-8") if card.exists() else "# mali-news dataset card\n"
    write_atomic(card, fill_sections(text, generated_sections(data_dir, repo_root)))
    return card
