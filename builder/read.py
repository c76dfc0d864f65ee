"""Read stage: one input file to a Doc, or a rejection for files that cannot be articles."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from builder.doc import Doc, Rejection, RejectReason

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# Curator files that live in seeds/ but are not articles.
NOT_ARTICLES = frozenset({"sources.toml", "sources.csv", "README.md"})
_HEX_ID = re.compile(r"(?:^|[_-])([0-9a-f]{8,64})$")


def record_id(relative_path: str) -> str:
    """The hex part of the file name when there is one, else a stable hash of the path."""
    stem = relative_path.rsplit("/", 1)[-1].split(".", 1)[0]
    match = _HEX_ID.search(stem)
    if match:
        return match.group(1)
    return hashlib.sha256(relative_path.encode("utf-8")).hexdigest()[:16]


def list_inputs(seeds_dir: Path) -> list[Path]:
    """Every input file under seeds_dir in a stable order; hidden files are skipped."""
    files = []
    for path in seeds_dir.rglob("*"):
        relative = path.relative_to(seeds_dir)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file() and relative.as_posix() not in NOT_ARTICLES:
            files.append(path)
    return sorted(files, key=lambda p: p.relative_to(seeds_dir).as_posix())


def read_file(path: Path, seeds_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Doc | Rejection:
    relative = path.relative_to(seeds_dir).as_posix()
    size = path.stat().st_size
    if size > max_bytes:
        return Rejection(
            relative,
            RejectReason.too_large,
            f"{size} bytes is over the limit of {max_bytes} (--max-bytes)",
            _file_sha256(path),
        )
    raw = path.read_bytes()
    sha256 = hashlib.sha256(raw).hexdigest()
    if not raw.strip():
        return Rejection(
            relative, RejectReason.empty, "the file is empty or whitespace only", sha256
        )
    return Doc(source_file=relative, raw=raw, sha256=sha256, id=record_id(relative))


def _file_sha256(path: Path) -> str:
    """Hash without loading: the file is too large to read whole."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
