"""The library entry point: seeds folder in, published version out."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from builder.doc import BuildError, Rejection
from builder.model import Article
from builder.pipeline import Options, StageCounts, process_folder
from builder.release import (
    Published,
    format_version,
    parse_version,
    publish,
    published_versions,
    remove_stale_staging,
    update_card,
    update_readme,
)

FIRST_VERSION = "1.0.0"


@dataclasses.dataclass
class BuildResult:
    articles: list[Article]
    rejections: list[Rejection]
    counts: StageCounts
    published: Published


def _default_version(data_dir: Path) -> str:
    versions = published_versions(data_dir)
    return versions[-1] if versions else FIRST_VERSION


def build(
    seeds_dir: Path,
    data_dir: Path,
    version: str | None = None,
    options: Options | None = None,
    repo_root: Path | None = None,
) -> BuildResult:
    if not seeds_dir.is_dir():
        raise BuildError(f"{seeds_dir}: no such seeds folder (pass --seeds DIR)")
    options = options or Options()
    repo_root = repo_root or data_dir.parent
    remove_stale_staging(data_dir)
    articles, rejections, counts = process_folder(seeds_dir, options)
    if not articles:
        raise BuildError(f"{seeds_dir}: no input became a record ({len(rejections)} rejected)")
    options_record = {
        "max_bytes": options.max_bytes,
        "latest_date": options.latest_date.isoformat(),
    }
    chosen = version or _default_version(data_dir)
    try:
        published = publish(articles, rejections, data_dir, chosen, options_record)
    except BuildError:
        if version:
            raise
        major, minor, _ = parse_version(chosen)
        published = publish(
            articles, rejections, data_dir, format_version((major, minor + 1, 0)), options_record
        )
    update_readme(data_dir, repo_root)
    update_card(data_dir, repo_root)
    return BuildResult(articles, rejections, counts, published)
