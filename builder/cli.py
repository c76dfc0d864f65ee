"""Command line: a thin layer over the library that turns typed errors into exit codes.

Each command imports the library when it runs: `--help` and a usage error answer at once,
without the stages' imports (Arrow, NumPy, datasketch, Numba's loader).
"""

from __future__ import annotations

import errno
import functools
import os
import sys
from pathlib import Path

import click

from builder.defaults import (
    DEDUP_MODES,
    DEFAULT_LATEST_DATE,
    DEFAULT_MAX_BYTES,
    DEFAULT_THRESHOLD,
    ENGINE_NAMES,
)
from builder.doc import BuildError, OptionError, RejectedInputs

EXIT_OK = 0
EXIT_FATAL = 1
EXIT_USAGE = 2  # click's own code for bad arguments
EXIT_REJECTED = 3  # --strict and at least one input was rejected
EXIT_INVALID = 4  # validate found problems
EXIT_BROKEN_PIPE = 128 + 13  # what a shell reports for a writer its reader closed (SIGPIPE)


def _path_option(flag: str, dest: str, default: str, help_text: str):
    return click.option(
        flag,
        dest,
        type=click.Path(path_type=Path),
        default=Path(default),
        show_default=True,
        help=help_text,
    )


OUT_OPTION = _path_option(
    "--out", "data_dir", "data", "Folder of published versions; README.md sits beside it."
)
SEEDS_OPTION = _path_option("--seeds", "seeds_dir", "seeds", "Folder of the raw input files.")


# What to do about an OS error, by its errno: the message names the file, this the fix.
_OS_FIXES = {
    errno.ENOSPC: "free disk space and run it again (nothing half-written was published)",
    errno.EDQUOT: "free disk space and run it again (nothing half-written was published)",
    errno.EROFS: "make the folder writable or pass --out DIR",
    errno.EACCES: "check its permissions, or pass --out DIR / --seeds DIR",
    errno.EPERM: "check its permissions, or pass --out DIR / --seeds DIR",
}


def _one_line(command):
    """Typed errors to one line and an exit code; --debug shows the traceback instead."""

    @functools.wraps(command)
    def run(*args, **kwargs):
        debug = click.get_current_context().find_root().params.get("debug", False)
        try:
            return command(*args, **kwargs)
        except RejectedInputs as err:
            if debug:
                raise
            for line in err.counts.summary_lines():
                click.echo(line)
            for rejection in err.rejections:
                click.echo(
                    f"rejected: {rejection.source_file}: {rejection.reason.value}: "
                    f"{rejection.message}",
                    err=True,
                )
            click.echo(f"error: {err}", err=True)
            sys.exit(EXIT_REJECTED)
        except OptionError as err:
            if debug:
                raise
            click.echo(f"error: {err}", err=True)
            sys.exit(EXIT_USAGE)
        except BuildError as err:
            if debug:
                raise
            click.echo(f"error: {err}", err=True)
            sys.exit(EXIT_FATAL)
        except BrokenPipeError:
            # The reader stopped (`mali-news stats | head -1`): what it read is all it wanted.
            # Later writes go nowhere, so the interpreter's own flush at exit fails silently.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_BROKEN_PIPE)
        except OSError as err:
            if debug:
                raise
            where = err.filename or "a file"
            fix = _OS_FIXES.get(err.errno, "run again with --debug for the traceback")
            click.echo(f"error: {where}: {err.strerror or err}; {fix}", err=True)
            sys.exit(EXIT_FATAL)

    return run


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--debug",
    is_flag=True,
    help="Show the traceback of an error; a build stops at a stage's error on a page instead "
    "of rejecting the page as stage_error.",
)
def cli(debug: bool) -> None:
    """Build and check the mali-news dataset."""


@cli.command()
@SEEDS_OPTION
@OUT_OPTION
@click.option(
    "--version",
    "version",
    default=None,
    help="Version to publish, X.Y.Z (a leading v is dropped: v1.2.0 is 1.2.0). "
    "Default: the newest, or the next if it changed.",
)
@click.option(
    "--strict", is_flag=True, help="Publish nothing and exit 3 when any input is rejected."
)
@click.option(
    "--max-bytes",
    type=int,
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Inputs larger than this are rejected as too_large.",
)
@click.option(
    "--latest-date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=DEFAULT_LATEST_DATE.isoformat(),
    show_default=True,
    help="Dates after this are not taken as publication dates.",
)
@click.option(
    "--dedup",
    type=click.Choice(DEDUP_MODES),
    default="keep",
    show_default=True,
    help="keep: publish every record with its cluster; drop: canonical records only.",
)
@click.option(
    "--dedup-threshold",
    type=click.FloatRange(0, 1, min_open=True),
    default=DEFAULT_THRESHOLD,
    show_default=True,
    help="Similarity (Jaccard, or containment of the shorter body) that makes two copies.",
)
@click.option(
    "--min-confidence",
    "min_confidence",
    multiple=True,
    metavar="FIELD=X",
    help="Withhold a FIELD (headline, date, outlet, author) whose confidence is below X, "
    "instead of the fitted threshold; repeatable. Recorded in the manifest.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=os.cpu_count() or 1,
    show_default="the number of cores",
    help="Processes; input files are the unit of work. The output does not depend on it.",
)
@click.option(
    "--quiet", is_flag=True, help="No progress bar (it is also off when stderr is not a terminal)."
)
@click.option(
    "--engine",
    type=click.Choice(sorted(ENGINE_NAMES)),
    default="local",
    show_default=True,
    help="local: a process pool; ray: Ray Data (pip install .[ray]). Same output either way.",
)
@_one_line
def build(
    seeds_dir,
    data_dir,
    version,
    strict,
    max_bytes,
    latest_date,
    dedup,
    dedup_threshold,
    min_confidence,
    workers,
    quiet,
    engine,
) -> None:
    """Clean the seeds, extract metadata and publish data/vX.Y.Z."""
    from builder.build import build as build_dataset
    from builder.pipeline import Options

    options = Options(
        max_bytes=max_bytes,
        latest_date=latest_date.date(),
        dedup=dedup,
        dedup_threshold=dedup_threshold,
        min_confidence=_field_values(min_confidence),
        debug=click.get_current_context().find_root().params.get("debug", False),
    )
    result = build_dataset(
        seeds_dir,
        data_dir,
        version,
        options,
        workers=workers,
        progress=not quiet and sys.stderr.isatty(),
        engine=engine,
        strict=strict,
    )
    for line in result.counts.summary_lines():
        click.echo(line)
    for note in result.notes:
        click.echo(note)
    published = result.published
    state = "published" if published.changed else "unchanged (identical build already published)"
    click.echo(f"v{published.version}: {state} at {published.folder}")


@cli.command()
@click.argument("repo", type=click.Path(path_type=Path), default=Path("."))
@_one_line
def validate(repo: Path) -> None:
    """Re-hash every published file and check schema, counts, ids and records."""
    from builder.check import check_repo
    from builder.release import published_versions

    problems = check_repo(repo)
    for problem in problems:
        click.echo(f"problem: {problem}", err=True)
    versions = published_versions(repo / "data")
    if problems:
        click.echo(f"{len(problems)} problem(s) in {(repo / 'data').resolve()}", err=True)
        sys.exit(EXIT_INVALID)
    click.echo(f"ok: {len(versions)} version(s) valid: {', '.join('v' + v for v in versions)}")


@cli.command()
@OUT_OPTION
@_one_line
def repair(data_dir: Path) -> None:
    """Finish a publish a crash interrupted and regenerate what lags behind (README, card)."""
    from builder.build import repair_repository

    if not data_dir.is_dir():
        raise BuildError(
            f"{data_dir.resolve()}: no such folder; run from the repository root or pass --out DIR"
        )
    notes = repair_repository(data_dir, data_dir.parent)
    for note in notes:
        click.echo(note)
    click.echo(f"repair: {data_dir} is consistent" + ("" if notes else " (nothing to do)"))


@cli.command()
@click.argument("old")
@click.argument("new")
@OUT_OPTION
@_one_line
def diff(old: str, new: str, data_dir: Path) -> None:
    """List records added, removed and changed between two versions (e.g. v1.0.0 v1.1.0)."""
    from builder.diff import diff_versions

    for version in (old, new):
        _version_folder(data_dir, version)
    changes = diff_versions(data_dir, old, new)
    click.echo(f"{changes.old} -> {changes.new}")
    for line in changes.summary_lines():
        click.echo(line)


def _field_values(pairs: tuple[str, ...]) -> tuple[tuple[str, float], ...]:
    parsed = {}
    for pair in pairs:
        field, _, value = pair.partition("=")
        try:
            parsed[field.strip()] = float(value)
        except ValueError:
            raise click.BadParameter(
                f"{pair!r} is not FIELD=X (for example headline=0.8)", param_hint="--min-confidence"
            ) from None
    return tuple(sorted(parsed.items()))


def _version_folder(data_dir: Path, version: str | None) -> Path:
    from builder.release import normalise_version, published_versions

    versions = published_versions(data_dir)
    if not versions:
        raise BuildError(
            f"{data_dir.resolve()}: no published version; run from the repository root, "
            "pass --out DIR, or run `mali-news build` first"
        )
    wanted = normalise_version(version) if version else versions[-1]
    if wanted not in versions:
        choices = ", ".join(f"v{v}" for v in versions)
        raise BuildError(f"{data_dir}: no version v{wanted}; choose one of {choices}")
    return data_dir / f"v{wanted}"


@cli.command()
@click.argument("version", required=False)
@OUT_OPTION
@click.option(
    "--plots",
    type=click.Path(path_type=Path),
    default=None,
    help="Folder for the PNG plots. Default: data/plots.",
)
@_one_line
def stats(version: str | None, data_dir: Path, plots: Path | None) -> None:
    """Tables of a version (default: the newest) and PNG plots per month and per outlet."""
    from builder.docs import PLOTS_DIR
    from builder.stats import version_stats, write_plots
    from builder.transaction import writer_lock

    folder = _version_folder(data_dir, version)
    result = version_stats(folder)
    click.echo(result.table())
    with writer_lock(data_dir):
        for path in write_plots(result, plots or data_dir / PLOTS_DIR):
            click.echo(f"plot: {path}")


@cli.command()
@click.argument("version", required=False)
@OUT_OPTION
@SEEDS_OPTION
@click.option(
    "--html",
    "page",
    type=click.Path(path_type=Path),
    default=Path("audit.html"),
    show_default=True,
    help="Where to write the audit page.",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=None,
    help="Show only the first N records by id (a sample of a large version); default all.",
)
@_one_line
def audit(
    version: str | None, data_dir: Path, seeds_dir: Path, page: Path, limit: int | None
) -> None:
    """Write one offline HTML page showing every removed line and rejection of a version."""
    from builder.audit import write_audit
    from builder.build import require_seeds_folder

    folder = _version_folder(data_dir, version)
    require_seeds_folder(seeds_dir)
    if not page.parent.is_dir():
        raise BuildError(
            f"{page.parent.resolve()}: no such folder for the audit page; pass "
            "--html PATH in a folder that exists"
        )
    click.echo(f"audit: {write_audit(folder, seeds_dir, page, limit)}")


@cli.command()
@OUT_OPTION
@_one_line
def card(data_dir: Path) -> None:
    """Regenerate README's YAML configs, the plots and the card's generated sections."""
    from builder.build import repair_repository

    _version_folder(data_dir, None)
    for note in repair_repository(data_dir, data_dir.parent):
        click.echo(note)
    click.echo(f"card: {data_dir.parent / 'dataset_card.md'}, {data_dir.parent / 'README.md'}")


@cli.command("export-hub")
@click.argument("target", type=click.Path(path_type=Path))
@OUT_OPTION
@_one_line
def export_hub(target: Path, data_dir: Path) -> None:
    """Lay out TARGET for the Hub: README.md (YAML and card), data/, croissant.json."""
    from builder.hub import export_for_hub, upload_command

    folder = export_for_hub(data_dir.parent, data_dir, target)
    click.echo(f"export: {folder} (then: {upload_command(folder)})")


def main() -> None:
    cli()
