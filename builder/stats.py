"""Statistics of a published version: counts, missing fields, body lengths, and plots."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import io
import json
import statistics
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq

from builder.release import PROVENANCE_FIELDS

_NULLABLE = (*PROVENANCE_FIELDS, "language", "agency", "url", "license")


@dataclasses.dataclass(frozen=True)
class VersionStats:
    version: str
    per_split: dict[str, int]
    per_outlet: dict[str, int]  # "(none)" for records without an outlet
    per_month: dict[str, int]  # YYYY-MM, "(no date)" for records without one
    missing: dict[str, int]  # nullable field -> records where it is null
    body_words: dict[str, int]  # min, quartiles, max of word_count

    @property
    def records(self) -> int:
        return sum(self.per_split.values())

    def table(self) -> str:
        lines = [f"v{self.version}: {self.records} records"]

        def section(title: str, counts: dict[str, int]) -> None:
            lines.append(f"  {title}")
            lines.extend(f"    {key:<40} {value:>7}" for key, value in counts.items())

        section("per split", self.per_split)
        section("per outlet", self.per_outlet)
        section("per month", self.per_month)
        section("missing values", self.missing)
        section("body length (words)", self.body_words)
        return "\n".join(lines)


def version_stats(folder: Path, version: str | None = None) -> VersionStats:
    """version defaults to the folder's name (a staged version's folder has another name)."""
    # Only the columns counted here are read, a batch at a time: bodies stay on disk.
    columns = sorted({"word_count", "outlet", "date", "split", *_NULLABLE})
    lengths: list[int] = []
    outlets: Counter[str] = Counter()
    months: Counter[str] = Counter()
    splits: Counter[str] = Counter()
    missing = dict.fromkeys(_NULLABLE, 0)
    for path in sorted(folder.glob("*.parquet")):
        for batch in pq.ParquetFile(path).iter_batches(columns=columns):
            lengths += batch.column("word_count").to_pylist()
            outlets.update(o or "(none)" for o in batch.column("outlet").to_pylist())
            months.update(
                d.strftime("%Y-%m") if d else "(no date)" for d in batch.column("date").to_pylist()
            )
            splits.update(batch.column("split").to_pylist())
            for field in _NULLABLE:
                missing[field] += batch.column(field).null_count
    lengths = sorted(lengths) or [0]
    quartiles = statistics.quantiles(lengths, n=4) if len(lengths) > 1 else [lengths[0]] * 3
    return VersionStats(
        version=version or folder.name.removeprefix("v"),
        per_split=dict(sorted(splits.items())),
        per_outlet=dict(sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))),
        per_month=dict(sorted(months.items())),
        missing=missing,
        body_words={
            "min": lengths[0],
            "q1": round(quartiles[0]),
            "median": round(quartiles[1]),
            "q3": round(quartiles[2]),
            "max": lengths[-1],
        },
    )


@contextlib.contextmanager
def _figure(target: io.BytesIO, size: tuple[float, float]) -> Iterator:
    """Axes whose figure is saved to target as a PNG without timestamps, then closed.

    Labels are record values (outlets): "$…$" in one is text, never TeX to typeset.
    """
    import matplotlib

    matplotlib.use("Agg")  # no display; also keeps the output independent of the machine
    import matplotlib.pyplot as plt

    with plt.rc_context({"text.usetex": False, "text.parse_math": False}):
        figure, axes = plt.subplots(figsize=size, dpi=100)
        try:
            yield axes
            figure.tight_layout()
            figure.savefig(target, format="png", metadata={"Software": None})
        finally:
            plt.close(figure)


# A chart's x axis carries this many labels at most.
MAX_TICK_LABELS = 30
# The outlets a chart names, the most frequent first; the rest share one bar. Hundreds of
# bars are unreadable at this size, and laying out their labels took seconds a build.
PLOTTED_OUTLETS = 25


def _top_outlets(per_outlet: dict[str, int]) -> dict[str, int]:
    """per_outlet (most frequent first) with all but the first PLOTTED_OUTLETS in one bar."""
    if len(per_outlet) <= PLOTTED_OUTLETS + 1:
        return per_outlet
    ranked = list(per_outlet.items())
    rest = ranked[PLOTTED_OUTLETS:]
    return {
        **dict(ranked[:PLOTTED_OUTLETS]),
        f"({len(rest)} other outlets)": sum(n for _, n in rest),
    }


def write_plots(stats: VersionStats, out_dir: Path) -> list[Path]:
    """Bar charts of articles per month and per outlet (the most frequent), as PNG files
    without timestamps."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, counts, title in (
        ("per-month", stats.per_month, "Articles per month"),
        ("per-outlet", _top_outlets(stats.per_outlet), "Articles per outlet"),
    ):
        path = out_dir / f"v{stats.version}-{name}.png"
        path.write_bytes(_bar_png(f"{title}, v{stats.version}", tuple(counts.items())))
        written.append(path)
    return written


# A figure is a function of what it shows: a process that builds again (a repair, a test
# suite) draws an unchanged chart once.
@functools.lru_cache(maxsize=8)
def _bar_png(title: str, counts: tuple[tuple[str, int], ...]) -> bytes:
    png = io.BytesIO()
    labels = [label for label, _ in counts]
    with _figure(png, (7, 3.5)) as axes:
        axes.bar(range(len(counts)), [n for _, n in counts], color="#4c72b0")
        axes.set_title(title)
        axes.set_ylabel("articles")
        # Every bar of a long run of months cannot carry its label legibly: every k-th does.
        step = -(-len(labels) // MAX_TICK_LABELS) or 1
        axes.set_xticks(
            range(0, len(labels), step),
            labels[::step],
            rotation=45,
            ha="right",
            rotation_mode="anchor",
            fontsize=8,
        )
    return png.getvalue()


def write_reliability_plot(model: dict, path: Path) -> Path:
    """Share right against mean confidence per bin, one line per field model (no timestamps).

    The figure depends on the model alone, which every build of a process shares."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_reliability_png(json.dumps(model, sort_keys=True)))
    return path


@functools.lru_cache(maxsize=1)
def _reliability_png(model_json: str) -> bytes:
    model = json.loads(model_json)
    png = io.BytesIO()
    with _figure(png, (5, 5)) as axes:
        axes.plot([0, 1], [0, 1], color="#999999", linestyle="--", linewidth=1)
        for key, params in sorted(model["fields"].items()):
            bins = [b for b in params.get("reliability", []) if b["values"]]
            axes.plot(
                [b["mean_confidence"] for b in bins],
                [b["right"] / b["values"] for b in bins],
                marker="o",
                label=key,
            )
        axes.set_xlabel("confidence (out-of-fold mean in bin)")
        axes.set_ylabel("share right")
        axes.set_title("Reliability of the confidences")
        axes.legend(fontsize=7)
    return png.getvalue()
