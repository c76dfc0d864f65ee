"""The library entry point: seeds folder in, published version out."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

from builder.check import check_version
from builder.confidence import load_model
from builder.diff import (
    MAJOR,
    MINOR,
    PATCH,
    VersionDiff,
    diff_against_build,
    diff_versions,
    option_lines,
)
from builder.doc import BuildError, RejectedInputs, Rejection, RejectReason
from builder.docs import (
    CHANGELOG,
    MANIFEST_SUMS,
    PLOTS_DIR,
    RELIABILITY_PLOT,
    View,
    card_text,
    changelog_text,
    changelog_versions,
    manifest_sums_text,
    published_view,
    read_manifest_sums,
    readme_text,
)
from builder.engines import require_engine
from builder.model import SCHEMA_VERSION
from builder.pipeline import DEBUG_HINT, Options, RecordSet, StageCounts, process_folder
from builder.release import (
    MANIFEST,
    Published,
    compare_with_published,
    format_version,
    inputs_digest,
    load_manifest,
    normalise_version,
    parse_version,
    published_versions,
    stage_version,
    staging_folder,
    version_splits,
)
from builder.stats import version_stats, write_plots, write_reliability_plot
from builder.transaction import Transaction, repair, tmp_name, writer_lock

FIRST_VERSION = "1.0.0"


def require_seeds_folder(seeds_dir: Path) -> None:
    if not seeds_dir.is_dir():
        raise BuildError(
            f"{seeds_dir.resolve()}: no such seeds folder; run from the repository root "
            "or pass --seeds DIR"
        )


@dataclasses.dataclass
class BuildResult:
    articles: RecordSet  # iterates Article objects; .tables() gives Arrow tables
    rejections: list[Rejection]
    counts: StageCounts
    published: Published
    notes: list[str] = dataclasses.field(default_factory=list)  # repairs, versions not taken


def stage_docs(
    transaction: Transaction,
    data_dir: Path,
    repo_root: Path,
    view: View,
    changelog: list[tuple[str, list[str]]] = (),
) -> None:
    """README's configs, the card, the plots, the changelog and the manifest sums, staged."""
    if view:
        newest, folder = next(reversed(view.items()))
        render = data_dir / PLOTS_DIR / tmp_name("render")
        transaction.scratch.append(render)
        plots = write_plots(version_stats(folder, newest), render)
        plots.append(write_reliability_plot(load_model(), render / RELIABILITY_PLOT))
        for path in plots:
            transaction.stage_moved(path, data_dir / PLOTS_DIR / path.name)
    if changelog and (text := changelog_text(data_dir, list(changelog))) is not None:
        transaction.stage_file(data_dir / CHANGELOG, text)
    transaction.stage_file(data_dir / MANIFEST_SUMS, manifest_sums_text(data_dir, view))
    transaction.stage_file(repo_root / "README.md", readme_text(view, data_dir, repo_root))
    transaction.stage_file(repo_root / "dataset_card.md", card_text(view, data_dir, repo_root))


def refresh_docs(data_dir: Path, repo_root: Path) -> list[str]:
    """Rewrite every generated file from the published versions, in one journalled step.

    A version missing from the changelog (a build of an older release killed after its
    rename) gets its entry back from the diff against the version before it.
    """
    view = published_view(data_dir)
    listed, versions = set(changelog_versions(data_dir)), list(view)
    missing = []
    for previous, version in zip([None, *versions], versions, strict=False):
        if version in listed:
            continue
        if previous is None:
            summary = [f"First version: {load_manifest(view[version])['records']} records."]
        else:
            summary = diff_versions(data_dir, previous, version).summary_lines()
            summary += option_lines(
                load_manifest(view[previous])["options"], load_manifest(view[version])["options"]
            )
        missing.append((version, summary))
    notes = [f"repair: added v{version} to {data_dir / CHANGELOG}" for version, _ in missing]
    unlisted = sorted(set(view) - set(read_manifest_sums(data_dir)), key=parse_version)
    notes += [f"repair: recorded v{v}'s manifest in {data_dir / MANIFEST_SUMS}" for v in unlisted]
    transaction = Transaction(data_dir)
    try:
        stage_docs(transaction, data_dir, repo_root, view, changelog=missing)
    except BaseException:
        transaction.discard()
        raise
    noted = {data_dir / CHANGELOG} if missing else set()
    noted |= {data_dir / MANIFEST_SUMS} if unlisted else set()
    notes += [
        f"repair: rewrote {target} (it lagged behind the published versions)"
        for target in transaction.changed_targets()
        if target not in noted
    ]
    transaction.commit()
    return notes


def repair_repository(data_dir: Path, repo_root: Path) -> list[str]:
    """Finish an interrupted publish, drop dead builds' files, regenerate what lags behind."""
    with writer_lock(data_dir):
        notes = repair(data_dir, (repo_root,))
        if published_versions(data_dir):
            notes += refresh_docs(data_dir, repo_root)
    return notes


def bump(version: str, part: str) -> str:
    major, minor, patch = parse_version(version)
    if part == MAJOR:
        return format_version((major + 1, 0, 0))
    if part == MINOR:
        return format_version((major, minor + 1, 0))
    return format_version((major, minor, patch + 1))


def _identical_version(
    data_dir: Path,
    versions: list[str],
    newest_diff: VersionDiff | None,
    records: RecordSet,
    rejections: list[Rejection],
    options_record: dict[str, object],
) -> str | None:
    """The published version with the same records from the same inputs and options.

    Another pyarrow or zstd may encode the same records with other bytes: records, inputs
    and options are compared, not files.
    """
    digest = inputs_digest(records.input_pairs(), rejections)
    for version in reversed(versions):
        manifest = load_manifest(data_dir / f"v{version}")
        same_inputs = (
            manifest.get("inputs_digest") == digest
            and manifest.get("options") == options_record
            and manifest.get("rejected") == len(rejections)
            and manifest.get("records") == len(records)
            and manifest.get("schema_version") == SCHEMA_VERSION
        )
        if not same_inputs:
            continue
        changes = (
            newest_diff
            if version == versions[-1] and newest_diff is not None
            else diff_against_build(data_dir, version, records.tables())
        )
        if changes.is_empty:
            return version
    return None


def build(
    seeds_dir: Path,
    data_dir: Path,
    version: str | None = None,
    options: Options | None = None,
    repo_root: Path | None = None,
    workers: int = 1,
    progress: bool = False,
    engine: str = "local",
    strict: bool = False,
) -> BuildResult:
    """Build seeds_dir and publish it as a version of data_dir.

    Without ``version`` the number follows semver from the diff against the newest version:
    a schema change is major, records added or removed minor, any other change patch. A
    build whose records, inputs and options equal a published version publishes nothing.
    Everything that can fail runs before the version becomes visible.
    """
    require_seeds_folder(seeds_dir)
    require_engine(engine)  # before the output folder and its lock exist
    wanted = normalise_version(version) if version is not None else None
    options = options or Options()
    repo_root = repo_root or data_dir.parent
    with writer_lock(data_dir):
        notes = repair(data_dir, (repo_root,))
        result = _build_locked(
            seeds_dir,
            data_dir,
            wanted,
            options,
            repo_root,
            strict,
            workers=workers,
            progress=progress,
            engine=engine,
        )
        result.notes[:0] = notes
    return result


def stage_error_notes(rejections: list[Rejection]) -> list[str]:
    """One line for the inputs a stage failed on: a bug to report, not input to fix."""
    failed = [r.source_file for r in rejections if r.reason is RejectReason.stage_error]
    if not failed:
        return []
    others = f" and {len(failed) - 1} more" if len(failed) > 1 else ""
    return [
        f"warning: a stage failed on {failed[0]}{others} (rejected as stage_error: a builder "
        f"bug, please report it with the file); {DEBUG_HINT}"
    ]


def _build_locked(
    seeds_dir: Path,
    data_dir: Path,
    wanted: str | None,
    options: Options,
    repo_root: Path,
    strict: bool,
    **engine_options: object,
) -> BuildResult:
    """build(), with the output folder's lock held and its repair done."""
    versions = published_versions(data_dir)
    newest = versions[-1] if versions else None
    previous_splits = version_splits(data_dir / f"v{newest}") if newest else {}
    articles, rejections, counts = process_folder(
        seeds_dir, options, previous_splits, **engine_options
    )
    if not len(articles):
        reasons = Counter(r.reason.value for r in rejections)
        by_reason = ", ".join(f"{reason}={n}" for reason, n in sorted(reasons.items()))
        hint = f"; {DEBUG_HINT}" if RejectReason.stage_error.value in reasons else ""
        raise BuildError(
            f"{seeds_dir}: no input became a record ({len(rejections)} rejected"
            f"{': ' + by_reason if by_reason else ''}){hint}"
        )
    if strict and rejections:
        raise RejectedInputs(rejections, counts)
    options_record = options.record()
    stats = {
        "clusters": counts.clusters.count,
        "in_multi_member_clusters": counts.clusters.multi_member,
    }
    changes = diff_against_build(data_dir, newest, articles.tables()) if newest else None
    notes = stage_error_notes(rejections)
    same = _identical_version(data_dir, versions, changes, articles, rejections, options_record)
    if same is not None and wanted in (None, same):
        published = Published(same, data_dir / f"v{same}", changed=False)
        notes += refresh_docs(data_dir, repo_root)
        return BuildResult(articles, rejections, counts, published, notes)
    if same is not None:
        notes.append(f"--version {wanted}: not published: this build is identical to v{same}")
        published = Published(same, data_dir / f"v{same}", changed=False)
        return BuildResult(articles, rejections, counts, published, notes)
    if wanted:
        chosen = wanted
    elif newest is None:
        chosen = FIRST_VERSION
    else:
        # No record changed, but the inputs, rejections or options did: a correction.
        chosen = bump(newest, changes.bump or PATCH)
    target = data_dir / f"v{chosen}"
    if target.exists() and not (target / MANIFEST).is_file():
        raise BuildError(
            f"{target}: a version folder without {MANIFEST}, so never published (an older "
            "builder's interrupted publish); move it out of the way and build again"
        )
    staging = staging_folder(data_dir, chosen)
    transaction = Transaction(data_dir, version=chosen, staging=staging)
    try:
        stage_version(articles, rejections, staging, chosen, options_record, stats)
        if target.exists():
            compare_with_published(staging, target, data_dir, chosen)
            transaction.discard()
            published = Published(chosen, target, changed=False)
            notes += refresh_docs(data_dir, repo_root)
            return BuildResult(articles, rejections, counts, published, notes)
        problems = check_version(staging, None, name=f"v{chosen}")
        if problems:
            raise BuildError(
                f"v{chosen} was not published: {problems[0]}"
                + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else "")
            )
        if changes is not None:
            summary = changes.summary_lines()
            summary += option_lines(
                load_manifest(data_dir / f"v{newest}")["options"], options_record
            )
        else:
            summary = [f"First version: {len(articles)} records."]
        view = published_view(data_dir, pending=(chosen, staging))
        stage_docs(transaction, data_dir, repo_root, view, changelog=[(chosen, summary)])
    except BaseException:
        transaction.discard()
        raise
    transaction.commit()
    return BuildResult(articles, rejections, counts, Published(chosen, target, True), notes)
