"""One input file through every per-document stage, with per-stage counts."""

from __future__ import annotations

import dataclasses
import hashlib
import datetime as dt
from collections import Counter
from pathlib import Path

from builder.clean import clean
from builder.decode import decode
from builder.doc import Doc, Rejection
from builder.extract import DEFAULT_LATEST_DATE, extract
from builder.model import Article
from builder.read import DEFAULT_MAX_BYTES, list_inputs, read_file
from builder.validate import body_text, validate

STAGES = ("read", "decode", "clean", "extract", "validate")


@dataclasses.dataclass(frozen=True)
class Options:
    max_bytes: int = DEFAULT_MAX_BYTES
    latest_date: dt.date = DEFAULT_LATEST_DATE


@dataclasses.dataclass
class StageCounts:
    """Records in and out of each stage and rejections by reason, for the build summary."""

    inputs: Counter = dataclasses.field(default_factory=Counter)
    outputs: Counter = dataclasses.field(default_factory=Counter)
    rejected: dict[str, Counter] = dataclasses.field(default_factory=dict)

    def summary_lines(self) -> list[str]:
        lines = []
        for stage in STAGES:
            reasons = self.rejected.get(stage, Counter())
            detail = ", ".join(f"{reason}={n}" for reason, n in sorted(reasons.items()))
            lines.append(
                f"{stage:<9} in={self.inputs[stage]} out={self.outputs[stage]}"
                f" rejected={sum(reasons.values())}{f' ({detail})' if detail else ''}"
            )
        return lines


def process_doc(doc: Doc, options: Options, counts: StageCounts) -> Article | Rejection:
    steps = (
        ("decode", decode),
        ("clean", clean),
        ("extract", lambda d: extract(d, options.latest_date)),
        ("validate", validate),
    )
    result: Doc | Article | Rejection = doc
    for stage, step in steps:
        counts.inputs[stage] += 1
        result = step(result)
        if isinstance(result, Rejection):
            counts.rejected.setdefault(stage, Counter())[result.reason.value] += 1
            return result
        counts.outputs[stage] += 1
    return result


def extract_fields(raw: bytes, name: str, options: Options | None = None) -> dict:
    """Body and metadata of one page, even when the record would be rejected (for scoring)."""
    options = options or Options()
    doc = Doc(name, raw, hashlib.sha256(raw).hexdigest(), name)
    decoded = decode(doc)
    if isinstance(decoded, Rejection):
        return {"id": name, "headline": None, "date": None, "outlet": None, "body": ""}
    doc = extract(clean(decoded), options.latest_date)
    meta = doc.meta
    return {
        "id": name,
        "headline": meta.get("headline"),
        "date": meta["date"].isoformat() if meta.get("date") else None,
        "outlet": meta.get("outlet"),
        "body": body_text(doc),
        "author": meta.get("author"),
    }


def process_file(
    path: Path, seeds_dir: Path, options: Options, counts: StageCounts
) -> Article | Rejection:
    counts.inputs["read"] += 1
    doc = read_file(path, seeds_dir, options.max_bytes)
    if isinstance(doc, Rejection):
        counts.rejected.setdefault("read", Counter())[doc.reason.value] += 1
        return doc
    counts.outputs["read"] += 1
    return process_doc(doc, options, counts)


def process_folder(
    seeds_dir: Path, options: Options = Options()
) -> tuple[list[Article], list[Rejection], StageCounts]:
    counts = StageCounts()
    articles, rejections = [], []
    for path in list_inputs(seeds_dir):
        result = process_file(path, seeds_dir, options, counts)
        (rejections if isinstance(result, Rejection) else articles).append(result)
    return articles, rejections, counts
