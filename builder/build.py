"""The library entry point: seeds folder in, published version out."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from builder.diff import MAJOR, MINOR, PATCH, VersionDiff, diff_against_build
from builder.doc import BuildError, Rejection
from builder.pipeline import Options, RecordSet, StageCounts, process_folder
from builder.release import (
    PLOTS_DIR,
    Published,
    add_changelog_entry,
    format_version,
    inputs_digest,
    load_manifest,
    parse_version,
    publish,
    published_versions,
    remove_stale_staging,
    update_card,
    update_readme,
    version_splits,
)
from builder.stats import version_stats, write_plots

FIRST_VERSION = "1.0.0"


@dataclasses.dataclass
class BuildResult:
    articles: RecordSet  # iterates Article objects; .tables() gives Arrow tables
    rejections: list[Rejection]
    counts: StageCounts
    published: Published


def refresh_docs(data_dir: Path, repo_root: Path) -> None:
    """README's configs, the newest version's plots and the card's generated sections."""
    versions = published_versions(data_dir)
    if versions:
        stats = version_stats(data_dir / f"v{versions[-1]}")
        write_plots(stats, data_dir / PLOTS_DIR)
    update_readme(data_dir, repo_root)
    update_card(data_dir, repo_root)


def _same_content(
    folder: Path,
    changes: VersionDiff | None,
    records: RecordSet,
    rejections: list[Rejection],
    options_record: dict[str, object],
) -> bool:
    """Same records from the same inputs and options as the published version."""
    if changes is None or not changes.is_empty:
        return False
    manifest = load_manifest(folder)
    return (
        manifest.get("inputs_digest") == inputs_digest(records.input_pairs(), rejections)
        and manifest.get("options") == options_record
        and manifest.get("rejected") == len(rejections)
    )


def bump(version: str, part: str) -> str:
    major, minor, patch = parse_version(version)
    if part == MAJOR:
        return format_version((major + 1, 0, 0))
    if part == MINOR:
        return format_version((major, minor + 1, 0))
    return format_version((major, minor, patch + 1))


def build(
    seeds_dir: Path,
    data_dir: Path,
    version: str | None = None,
    options: Options | None = None,
    repo_root: Path | None = None,
    workers: int = 1,
    progress: bool = False,
    engine: str = "local",
) -> BuildResult:
    """Build seeds_dir and publish it as a version of data_dir.

    Without ``version`` the number follows semver from the diff against the newest version:
    a schema change is major, records added or removed minor, any other change patch; an
    identical build publishes nothing.
    """
    if not seeds_dir.is_dir():
        raise BuildError(f"{seeds_dir}: no such seeds folder (pass --seeds DIR)")
    options = options or Options()
    repo_root = repo_root or data_dir.parent
    remove_stale_staging(data_dir)
    versions = published_versions(data_dir)
    newest = versions[-1] if versions else None
    previous_splits = version_splits(data_dir / f"v{newest}") if newest else {}
    articles, rejections, counts = process_folder(
        seeds_dir, options, previous_splits, workers=workers, progress=progress, engine=engine
    )
    if not len(articles):
        raise BuildError(f"{seeds_dir}: no input became a record ({len(rejections)} rejected)")
    options_record = options.record()
    stats = {
        "clusters": counts.clusters.count,
        "in_multi_member_clusters": counts.clusters.multi_member,
    }
    changes = diff_against_build(data_dir, newest, articles.tables()) if newest else None
    if version:
        chosen = version
    elif newest is None:
        chosen = FIRST_VERSION
    else:
        chosen = bump(newest, changes.bump) if changes.bump else newest
    if (
        version is None
        and newest
        and _same_content(data_dir / f"v{newest}", changes, articles, rejections, options_record)
    ):
        # Same records from the same inputs and options: nothing to publish, even where
        # another pyarrow or zstd would encode the files with other bytes.
        published = Published(newest, data_dir / f"v{newest}", changed=False)
        refresh_docs(data_dir, repo_root)
        return BuildResult(articles, rejections, counts, published)
    try:
        published = publish(articles, rejections, data_dir, chosen, options_record, stats)
    except BuildError:
        if version or chosen != newest:
            raise
        # Same records, other rejections or inputs: a correction.
        chosen = bump(newest, PATCH)
        published = publish(articles, rejections, data_dir, chosen, options_record, stats)
    if published.changed:
        summary = (
            changes.summary_lines() if changes else [f"First version: {len(articles)} records."]
        )
        add_changelog_entry(data_dir, published.version, summary)
    refresh_docs(data_dir, repo_root)
    return BuildResult(articles, rejections, counts, published)
