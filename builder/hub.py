"""A folder laid out for the Hugging Face Hub: README.md (YAML and card), data/, croissant.json."""

from __future__ import annotations

import shutil
from pathlib import Path

from builder.croissant import write_croissant
from builder.doc import BuildError
from builder.release import published_versions, split_front_matter
from builder.transaction import JOURNAL, LOCK, LOCK_OWNER, TMP_PREFIX


def upload_command(folder: Path) -> str:
    """huggingface_hub >= 1.0 installs `hf`; its `huggingface-cli` is gone."""
    return f"hf upload <repo> {folder} --repo-type dataset"


def export_for_hub(repo_root: Path, data_dir: Path, target: Path) -> Path:
    versions = published_versions(data_dir)
    if not versions:
        raise BuildError(
            f"{data_dir.resolve()}: no published version to export; run from the repository "
            "root, pass --out DIR, or run `mali-news build` first"
        )
    if target.exists() and any(target.iterdir()):
        raise BuildError(f"{target}: not empty; export into a new folder")
    front, _ = split_front_matter((repo_root / "README.md").read_text(encoding="utf-8"))
    card = (repo_root / "dataset_card.md").read_text(encoding="utf-8")
    target.mkdir(parents=True, exist_ok=True)
    # The Hub shows README.md: its YAML drives the configs, its text is the dataset card.
    (target / "README.md").write_text(f"---\n{front}\n---\n\n{card}", encoding="utf-8")
    shutil.copytree(
        data_dir,
        target / "data",
        ignore=shutil.ignore_patterns(f"{TMP_PREFIX}*", LOCK, LOCK_OWNER, JOURNAL),
        dirs_exist_ok=True,
    )
    newest = versions[-1]
    write_croissant(target, newest, includes=f"data/v{newest}/*.parquet")
    return target
