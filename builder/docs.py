"""What the repository says about its versions: README's configs, the card, the changelog,
the plots and the manifest sums, each computed from a view of the versions.

A view maps each version to its folder. Publishing passes a view that already holds the
version being staged, so every file is written before the version becomes visible and the
publish ends in renames only.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path

import pyarrow.compute as pc
import pyarrow.parquet as pq
import yaml

from builder.doc import LINE_REASONS, REJECT_REASONS, BuildError
from builder.model import SPLIT_NAMES, features, field_table
from builder.release import (
    MANIFEST,
    PROVENANCE_FIELDS,
    load_manifest,
    manifest_schema_version,
    parse_version,
    published_versions,
    split_front_matter,
)

PLOTS_DIR = "plots"  # under data/, beside the versions: charts of the newest version
CHANGELOG = "CHANGELOG.md"
# `sha256sum -c SHA256SUMS` in data/ checks every version's manifest; validate checks it too,
# so an edited manifest (records, options, builder version) no longer passes.
MANIFEST_SUMS = "SHA256SUMS"

View = dict[str, Path]  # version (X.Y.Z) -> its folder, oldest first

# libyaml's C emitter and parser where PyYAML was built with it (its wheels are), else the
# same in Python: the same text and data either way.
_YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def published_view(data_dir: Path, pending: tuple[str, Path] | None = None) -> View:
    """The published versions, plus the one being staged when there is one."""
    view = {v: data_dir / f"v{v}" for v in published_versions(data_dir)}
    if pending:
        view[pending[0]] = pending[1]
        view = dict(sorted(view.items(), key=lambda item: parse_version(item[0])))
    return view


def _prefix(data_dir: Path, repo_root: Path) -> str:
    return data_dir.resolve().relative_to(repo_root.resolve()).as_posix()


# --- README.md: the configs the datasets library reads ---------------------------------------


def readme_metadata(view: View, prefix: str) -> dict:
    """README front matter: one config per version, the newest the default."""
    from datasets import DatasetInfo, SplitDict, SplitInfo

    configs, infos = [], []
    versions = list(view)
    for version, folder in view.items():
        manifest = load_manifest(folder)
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
        # A version keeps the columns it was written with (v1.0.0 has no confidences).
        try:
            columns = features(manifest_schema_version(manifest))
        except ValueError as err:
            raise BuildError(f"{folder / MANIFEST}: {err}") from None
        info = DatasetInfo(features=columns, splits=split_dict)._to_yaml_dict()
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


def readme_text(view: View, data_dir: Path, repo_root: Path) -> str:
    from huggingface_hub import DatasetCardData

    readme = repo_root / "README.md"
    _, prose = split_front_matter(readme.read_text(encoding="utf-8") if readme.exists() else "")
    # DatasetCardData applies the Hub library's checks to the fields; the YAML is written and
    # read back as the Hub writes and reads it (DatasetCard: yaml.dump, yaml.safe_load), by
    # libyaml's C emitter and parser, which give the same text and data in a tenth of the
    # time (1.6 s a build with 29 versions listed, growing with each).
    data = DatasetCardData(**readme_metadata(view, _prefix(data_dir, repo_root))).to_dict()
    front = yaml_text(data)
    if load_yaml(front) != data:
        raise BuildError("README.md: its front matter does not read back as the data it holds")
    prose = prose if prose.strip() else "\n# mali-news\n"
    return f"---\n{front}\n---\n{prose}"


def yaml_text(data: dict) -> str:
    """data as huggingface_hub writes a card's front matter (keys in order, Unicode kept)."""
    return yaml.dump(data, Dumper=_YAML_DUMPER, sort_keys=False, allow_unicode=True).strip()


def load_yaml(text: str):
    """YAML as yaml.safe_load reads it."""
    return yaml.load(text, Loader=_YAML_LOADER)


# --- dataset_card.md: prose kept, build facts regenerated ------------------------------------


def _versions_table(view: View) -> str:
    rows = [
        "| version | splits (rows) | records | rejected | dedup | clusters | in multi-member "
        "clusters | inputs digest |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for version, folder in view.items():
        m = load_manifest(folder)
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


def _provenance_table(view: View) -> str:
    if not view:
        return "No version is published yet."
    newest, folder = next(reversed(view.items()))
    columns = [*PROVENANCE_FIELDS, *(f"{f}_source" for f in PROVENANCE_FIELDS)]
    tables = [pq.read_table(path, columns=columns) for path in sorted(folder.glob("*.parquet"))]
    total = sum(t.num_rows for t in tables)
    rows = [
        f"Newest version v{newest}, {total} records.",
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


def _plots_section(view: View, data_dir: Path, repo_root: Path) -> str:
    if not view:
        return "No version is published yet."
    folder = f"{_prefix(data_dir, repo_root)}/{PLOTS_DIR}"
    newest = f"v{next(reversed(view))}"
    return (
        f"![Articles per month, {newest}]({folder}/{newest}-per-month.png)\n\n"
        f"![Articles per outlet, {newest}]({folder}/{newest}-per-outlet.png)"
    )


RELIABILITY_PLOT = "confidence-reliability.png"


def _confidence_section(data_dir: Path, repo_root: Path) -> str:
    """Each field's thresholds and reliability, from the fitted model's cross-validation."""
    from builder.confidence import load_model

    model = load_model()
    fit = model.get("fit", {})
    rows = [
        f"Fitted by `{fit.get('script', '?')}` on {', '.join(fit.get('data', []))}, "
        f"{fit.get('folds', '?')} folds grouped by {fit.get('grouped_by', 'site')}; the "
        "figures are out-of-fold: no site was in both a fold's fit and its test.",
        "",
        "| model | values | sites | threshold | target P | met | P given | R | calibration error |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for key, params in sorted(model["fields"].items()):
        cv = params.get("cross_validated", {})
        rows.append(
            f"| `{key}` | {params.get('rows', 0)} | {params.get('sites', 0)} "
            f"| {params['threshold']:.2f} | {params.get('target_precision', '?')} "
            f"| {'yes' if params.get('target_met') else 'no'} | {cv.get('precision', '?')} "
            f"| {cv.get('recall', '?')} | {cv.get('calibration_error', '?')} |"
        )
    rows += ["", "Reliability (out-of-fold confidence bin: values, share right):", ""]
    keys = sorted(model["fields"])
    rows.append("| confidence | " + " | ".join(f"`{k}`" for k in keys) + " |")
    rows.append("|---|" + "---|" * len(keys))
    for b in range(10):
        cells = []
        for key in keys:
            bins = model["fields"][key].get("reliability", [])
            if b < len(bins) and bins[b]["values"]:
                cells.append(f"{bins[b]['values']}, {bins[b]['right'] / bins[b]['values']:.2f}")
            else:
                cells.append("")
        rows.append(f"| {b / 10:.1f}–{(b + 1) / 10:.1f} | " + " | ".join(cells) + " |")
    folder = f"{_prefix(data_dir, repo_root)}/{PLOTS_DIR}"
    rows += ["", f"![Reliability of the confidences]({folder}/{RELIABILITY_PLOT})"]
    return "\n".join(rows)


def generated_sections(view: View, data_dir: Path, repo_root: Path) -> dict[str, str]:
    return {
        "confidence": _confidence_section(data_dir, repo_root),
        "fields": field_table(),
        "versions": _versions_table(view),
        "reasons": _reason_tables(),
        "provenance": _provenance_table(view),
        "plots": _plots_section(view, data_dir, repo_root),
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


def card_text(view: View, data_dir: Path, repo_root: Path) -> str:
    card = repo_root / "dataset_card.md"
    text = card.read_text(encoding="utf-8") if card.exists() else "# mali-news dataset card\n"
    return fill_sections(text, generated_sections(view, data_dir, repo_root))


# --- data/CHANGELOG.md: what each version changed --------------------------------------------


def changelog_versions(data_dir: Path) -> list[str]:
    path = data_dir / CHANGELOG
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8")
    return [line.removeprefix("## v") for line in text.splitlines() if line.startswith("## v")]


def changelog_text(data_dir: Path, entries: list[tuple[str, list[str]]]) -> str | None:
    """The changelog with each (version, summary) under its own heading, newest first
    (an entry restored by repair goes between its neighbours); None if all are listed."""
    path = data_dir / CHANGELOG
    text = path.read_text(encoding="utf-8") if path.exists() else "# Changelog\n"
    title, _, rest = text.partition("\n")
    # Each published entry as it stands, keyed by version; the text before any heading too.
    chunks = re.split(r"(?m)^(?=## v)", rest.strip("\n"))
    head = "" if chunks[0].startswith("## v") else chunks.pop(0).strip("\n")
    listed = {chunk.split("\n", 1)[0].removeprefix("## v").strip(): chunk for chunk in chunks}
    added = False
    for version, summary in entries:
        if version not in listed:
            listed[version] = "\n".join([f"## v{version}", "", *summary])
            added = True
    if not added:
        return None
    ordered = sorted(listed, key=_version_key, reverse=True)
    body = "\n\n".join(listed[v].strip("\n") for v in ordered)
    return f"{title}\n\n" + (f"{head}\n\n" if head else "") + f"{body}\n"


def _version_key(version: str) -> tuple[int, int, int]:
    try:
        return parse_version(version)
    except BuildError:
        return (-1, -1, -1)  # a heading the builder did not write keeps to the end


# --- data/SHA256SUMS: each version's manifest, as published ----------------------------------


def manifest_sum(folder: Path) -> str:
    return hashlib.sha256((folder / MANIFEST).read_bytes()).hexdigest()


def read_manifest_sums(data_dir: Path) -> dict[str, str]:
    """Version -> the sha256 its manifest had when it was published."""
    path = data_dir / MANIFEST_SUMS
    if not path.is_file():
        return {}
    sums = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        if name.startswith("v") and name.endswith(f"/{MANIFEST}"):
            sums[name.removesuffix(f"/{MANIFEST}")[1:]] = digest
    return sums


def manifest_sums_text(data_dir: Path, view: View) -> str:
    """Recorded sums are kept as they are: a manifest edited after publishing must not pass."""
    recorded = read_manifest_sums(data_dir)
    lines = [
        f"{recorded.get(version) or manifest_sum(folder)}  v{version}/{MANIFEST}"
        for version, folder in view.items()
    ]
    return "\n".join(lines) + "\n"
