"""One input file through every per-document stage, with per-stage counts."""

from __future__ import annotations

import array
import dataclasses
import datetime as dt
import hashlib
import sys
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

import numpy as np
import pyarrow as pa

from builder import jit
from builder.clean import clean
from builder.confidence import score_confidence, thresholds
from builder.decode import decode
from builder.dedup import (
    Clusters,
    Signature,
    SignatureStore,
    body_signature,
    cluster,
)
from builder.defaults import (
    DEDUP_MODES,
    DEFAULT_LATEST_DATE,
    DEFAULT_MAX_BYTES,
    DEFAULT_THRESHOLD,
)
from builder.doc import BuildError, Doc, OptionError, Rejection, RejectReason
from builder.engines import ENGINES, kernels_cached, require_engine, runs_plain, with_progress
from builder.extract import extract, page_date_order
from builder.html import extract_html
from builder.model import SPLIT_NAMES, Article, Split, arrow_schema, to_row
from builder.read import (
    input_format,
    list_inputs,
    read_inputs,
    record_id,
    sha256_file,
)
from builder.sources import Source, apply_source, load_sources
from builder.split import SPLIT_CODES, split_codes
from builder.spool import RecordSpool
from builder.template import LineFrequency, mark_template, template_hashes
from builder.validate import body_text, detect_language, validate

STAGES = (
    "read",
    "decode",
    "template",
    "clean",
    "extract",
    "html",
    "manifest",
    "confidence",
    "validate",
    "dedup",
)


@dataclasses.dataclass(frozen=True)
class Options:
    max_bytes: int = DEFAULT_MAX_BYTES
    latest_date: dt.date = DEFAULT_LATEST_DATE
    dedup: str = "keep"
    dedup_threshold: float = DEFAULT_THRESHOLD
    # field -> threshold, overriding the fitted ones (build --min-confidence FIELD=X)
    min_confidence: tuple[tuple[str, float], ...] = ()
    # A stage's unexpected error stops the build with its traceback (mali-news --debug build)
    # instead of rejecting the input as stage_error. Not in record(): output never depends on it.
    debug: bool = False

    def __post_init__(self) -> None:
        thresholds(dict(self.min_confidence))  # names a field that does not exist
        for field, value in self.min_confidence:
            if not 0 <= value <= 1:
                raise OptionError(f"--min-confidence {field}={value:g}: choose a value in [0, 1]")
        if self.dedup not in DEDUP_MODES:
            raise OptionError(f"--dedup {self.dedup!r}: choose one of {', '.join(DEDUP_MODES)}")
        if not 0 < self.dedup_threshold <= 1:
            raise OptionError(f"--dedup-threshold {self.dedup_threshold}: choose a value in (0, 1]")

    def record(self) -> dict[str, object]:
        """The options as stored in the manifest: what the output depends on."""
        return {
            "max_bytes": self.max_bytes,
            "latest_date": self.latest_date.isoformat(),
            "dedup": self.dedup,
            "dedup_threshold": self.dedup_threshold,
            "min_confidence": thresholds(dict(self.min_confidence)),
        }


@dataclasses.dataclass
class StageCounts:
    """Records in and out of each stage and rejections by reason, for the build summary."""

    inputs: Counter = dataclasses.field(default_factory=Counter)
    outputs: Counter = dataclasses.field(default_factory=Counter)
    rejected: dict[str, Counter] = dataclasses.field(default_factory=dict)
    seconds: Counter = dataclasses.field(default_factory=Counter)
    clusters: Clusters | None = None

    def reject(self, stage: str, reason: str) -> None:
        self.rejected.setdefault(stage, Counter())[reason] += 1

    def merge(self, other: StageCounts) -> None:
        """Add a worker's counts (the pool runs each input file in its own process)."""
        self.inputs.update(other.inputs)
        self.outputs.update(other.outputs)
        self.seconds.update(other.seconds)
        for stage, reasons in other.rejected.items():
            self.rejected.setdefault(stage, Counter()).update(reasons)

    def summary_lines(self) -> list[str]:
        lines = []
        width = max(map(len, STAGES))
        for stage in STAGES:
            reasons = self.rejected.get(stage, Counter())
            detail = ", ".join(f"{reason}={n}" for reason, n in sorted(reasons.items()))
            lines.append(
                f"{stage:<{width}} in={self.inputs[stage]} out={self.outputs[stage]}"
                f" rejected={sum(reasons.values())}{f' ({detail})' if detail else ''}"
                f" seconds={self.seconds[stage]:.2f}"
            )
        if self.clusters is not None:
            lines[-1] += (
                f" clusters={self.clusters.count}"
                f" in_multi_member_clusters={self.clusters.multi_member}"
                f" lsh_index_bytes={self.clusters.index_bytes}"
            )
        return lines


def _steps(
    doc_format: str,
    options: Options,
    frequent: frozenset[int],
    sources: Mapping[str, Source] = {},
    date_orders: Mapping[str, str] = {},
    phase_one_failures: Mapping[str, str] = {},
):
    def extract_with_site_order(doc: Doc) -> Doc:
        site = site_key(doc, sources) if date_orders else None
        return extract(doc, options.latest_date, date_orders.get(site) if site else None)

    limits = thresholds(dict(options.min_confidence))  # once, not per document
    if doc_format == "html":
        analyse = (("html", lambda doc: extract_html(doc, options.latest_date)),)
    else:
        analyse = (
            ("template", lambda doc: template_step(doc, frequent, phase_one_failures)),
            ("clean", clean),
            ("extract", extract_with_site_order),
        )
    return (
        ("decode", decode),
        *analyse,
        ("manifest", lambda doc: apply_source(doc, sources.get(doc.source_file))),
        ("confidence", lambda doc: score_confidence(doc, limits)),
        ("validate", validate),
    )


def template_step(
    doc: Doc, frequent: frozenset[int], phase_one_failures: Mapping[str, str]
) -> Doc | Rejection:
    """The template stage, or the rejection of a page phase one failed on (its id's message):
    its lines were not counted, so its template lines cannot be told."""
    if doc.id in phase_one_failures:
        return doc.reject(RejectReason.stage_error, phase_one_failures[doc.id])
    return mark_template(doc, frequent)


def process_doc(
    doc: Doc,
    options: Options,
    counts: StageCounts,
    frequent: frozenset[int] = frozenset(),
    sources: Mapping[str, Source] = {},
    date_orders: Mapping[str, str] = {},
    phase_one_failures: Mapping[str, str] = {},
) -> Article | Rejection:
    result: Doc | Article | Rejection = doc
    steps = _steps(doc.format, options, frequent, sources, date_orders, phase_one_failures)
    for stage, step in steps:
        counts.inputs[stage] += 1
        started = time.perf_counter()
        try:
            result = step(result)
        except Exception as error:
            # One page must not end a build of a million, nor vanish: it is rejected with
            # what failed, and the build goes on.
            message = page_failure(stage, doc.source_file, error, options.debug)
            result = doc.reject(RejectReason.stage_error, message)
        counts.seconds[stage] += time.perf_counter() - started
        if isinstance(result, Rejection):
            counts.reject(stage, result.reason.value)
            return result
        counts.outputs[stage] += 1
    return result


DEBUG_HINT = "rerun with mali-news --debug build for the traceback"
# Errors that tell of the machine more than of the page (memory, a disk, an install, the
# stack's depth): the same page may pass elsewhere, so they stop the build rather than
# publish a rejection that depends on where the build ran.
_MACHINE_ERRORS = (MemoryError, RecursionError, OSError, ImportError)
# An error's own words in a fatal message are cut to this many characters: one line.
ERROR_DETAIL_CHARS = 200


def page_failure(stage: str, source_file: str, error: Exception, debug: bool) -> str:
    """The rejection message for a stage's unexpected error on one page. A fatal error
    (BuildError, a machine's), or any error under --debug, is raised instead.

    The message names the error's type alone: its words may hold a memory address or a
    set's order, and a rejection is published, so the same page must give the same words.
    """
    if debug or isinstance(error, BuildError):
        raise error
    what = type(error).__name__
    if isinstance(error, _MACHINE_ERRORS):
        detail = " ".join(str(error).split())[:ERROR_DETAIL_CHARS]
        raise BuildError(
            f"{source_file}: the {stage} stage failed ({what}: {detail}); {DEBUG_HINT}"
        ) from error
    return f"the {stage} stage failed ({what}); {DEBUG_HINT}"


def analyse_page(
    raw: bytes,
    name: str,
    options: Options | None = None,
    frequent: frozenset[int] = frozenset(),
    doc_format: str = "text",
    stop_before: str = "validate",
    url: str | None = None,
) -> Doc | Rejection:
    """One page through a build's stages up to (not including) stop_before."""
    options = options or Options()
    doc: Doc | Rejection = Doc(name, raw, hashlib.sha256(raw).hexdigest(), name, doc_format, url)
    for stage, step in _steps(doc_format, options, frequent):
        if stage == stop_before:
            break
        doc = step(doc)
        if isinstance(doc, Rejection):
            break
    return doc


def extract_fields(
    raw: bytes,
    name: str,
    options: Options | None = None,
    frequent: frozenset[int] = frozenset(),
    doc_format: str = "text",
    url: str | None = None,
) -> dict:
    """Body and metadata of one page, even when the record would be rejected (for scoring)."""
    doc = analyse_page(raw, name, options, frequent, doc_format, stop_before="validate", url=url)
    if isinstance(doc, Rejection):
        return {"id": name, "headline": None, "date": None, "outlet": None, "body": ""}
    meta = doc.meta
    body = body_text(doc)
    fields = {"id": name, "body": body, "language": detect_language(body) if body else None}
    for field in ("headline", "date", "outlet", "author", "dateline", "agency"):
        value = meta.get(field)
        fields[field] = value.isoformat() if isinstance(value, dt.date) else value
        fields[f"{field}_source"] = meta.get(f"{field}_source")
    return fields


def line_frequency(docs: Iterable[Doc | Rejection | bytes]) -> LineFrequency:
    """Phase one of the template step: short-line document frequency over every text input."""
    frequency = LineFrequency()
    for item in docs:
        for hashes in _document_hashes(item):
            frequency.add_hashes(hashes)
    return frequency


def _document_hashes(item: Doc | Rejection | bytes) -> list[list[int]]:
    return [hashes for hashes, _ in _phase_one(item)]


# Phase one's finding on a page: its template hashes, and its site's date order where the
# page shows one.
_PageEvidence = tuple[list[int], tuple[str, str] | None]


def _phase_one(
    item: Doc | Rejection | bytes, sources: Mapping[str, Source] = {}
) -> list[_PageEvidence]:
    """Template hashes of a text document, and its site's date order when the page shows it."""
    if isinstance(item, bytes):
        item = Doc("", item, "", "")
    if isinstance(item, Doc) and item.format == "text":
        decoded = decode(item)
        if isinstance(decoded, Doc):
            site = site_key(decoded, sources)
            order = page_date_order(decoded.lines) if site else None
            hashes = template_hashes(line.text for line in decoded.lines)
            return [(hashes, (site, order) if order else None)]
    return []


def site_key(doc: Doc, sources: Mapping[str, Source] = {}) -> str | None:
    """Whose date conventions a page follows: the curator's outlet, else its URL's host."""
    source = sources.get(doc.source_file)
    if source and source.outlet:
        return f"outlet:{source.outlet}"
    url = (source.url if source and source.url else None) or doc.url
    host = urllib.parse.urlsplit(url).hostname if url else None
    return f"host:{host.removeprefix('www.')}" if host else None


class DateConventions:
    """Day-first or month-first per site, from the pages whose own dates settle it.

    A site's convention stands when at least CONVENTION_MIN_PAGES of its pages settle the
    order and none settles it the other way; a page whose own dates are ambiguous then
    reads them in its site's order.
    """

    def __init__(self) -> None:
        self._votes: dict[str, Counter] = {}

    def add(self, site: str, order: str) -> None:
        self._votes.setdefault(site, Counter())[order] += 1

    def orders(self) -> dict[str, str]:
        settled = {}
        for site, votes in sorted(self._votes.items()):
            if len(votes) == 1 and sum(votes.values()) >= CONVENTION_MIN_PAGES:
                settled[site] = next(iter(votes))
        return settled


CONVENTION_MIN_PAGES = 2


@dataclasses.dataclass(frozen=True)
class _TemplateShard:
    """Phase one for one input file, in a worker: template hashes and date-order evidence."""

    seeds_dir: Path
    options: Options
    sources: Mapping[str, Source]

    def __call__(self, path: Path) -> tuple[list[_PageEvidence], dict[str, str]]:
        """The file's pages' template hashes and date orders, and the pages it failed on (id
        -> rejection message): phase two rejects those at its template stage."""
        found: list[_PageEvidence] = []
        failed: dict[str, str] = {}
        for doc in read_inputs(path, self.seeds_dir, self.options.max_bytes):
            try:
                found += _phase_one(doc, self.sources)
            except Exception as error:
                failed[doc.id] = page_failure(
                    "template", doc.source_file, error, self.options.debug
                )
        return found, failed


def process_file(
    path: Path,
    seeds_dir: Path,
    options: Options,
    counts: StageCounts,
    frequent: frozenset[int] = frozenset(),
    sources: Mapping[str, Source] = {},
    date_orders: Mapping[str, str] = {},
    phase_one_failures: Mapping[str, str] = {},
) -> Iterator[Article | Rejection]:
    """Every record or rejection one input file gives (a WARC file gives several)."""
    counts.inputs["read"] += 1
    ids: set[str] = set()  # a WARC file's records: two with one WARC-Record-ID share an id
    for doc in read_inputs(path, seeds_dir, options.max_bytes):
        if isinstance(doc, Doc) and doc.id in ids:
            message = f"a second record with id {doc.id} (a repeated WARC-Record-ID)"
            doc = doc.reject(RejectReason.duplicate_id, message)
        if isinstance(doc, Rejection):
            counts.reject("read", doc.reason.value)
            yield doc
        else:
            ids.add(doc.id)
            counts.outputs["read"] += 1
            yield process_doc(
                doc, options, counts, frequent, sources, date_orders, phase_one_failures
            )


@dataclasses.dataclass(frozen=True)
class Spooled:
    """A record as a worker hands it over: its row and its dedup signature."""

    row: dict
    signature: Signature


@dataclasses.dataclass(frozen=True)
class _Shard:
    """What a worker needs to process input files: everything but the files themselves."""

    seeds_dir: Path
    options: Options
    frequent: frozenset[int]
    sources: Mapping[str, Source]
    date_orders: Mapping[str, str]  # site -> "DMY" or "MDY", from phase one
    phase_one_failures: Mapping[str, str]  # page id -> its rejection message

    def __call__(self, path: Path) -> tuple[list[Spooled | Rejection], StageCounts]:
        counts = StageCounts()
        results: list[Spooled | Rejection] = []
        for result in process_file(
            path,
            self.seeds_dir,
            self.options,
            counts,
            self.frequent,
            self.sources,
            self.date_orders,
            self.phase_one_failures,
        ):
            if isinstance(result, Article):
                try:
                    signature = body_signature(result.id, result.date, result.body)
                    result = Spooled(to_row(result), signature)
                except Exception as error:
                    message = page_failure("dedup", result.source_file, error, self.options.debug)
                    counts.reject("dedup", RejectReason.stage_error.value)
                    result = Rejection(
                        result.source_file,
                        RejectReason.stage_error,
                        message,
                        result.source_sha256,
                    )
            results.append(result)
        return results, counts


def process_folder(
    seeds_dir: Path,
    options: Options | None = None,
    previous_splits: Mapping[str, str] = {},
    workers: int = 1,
    progress: bool = False,
    engine: str = "local",
) -> tuple[RecordSet, list[Rejection], StageCounts]:
    """Every input of seeds_dir to records or a rejection, clustered and split.

    previous_splits (id -> split of the newest published version) keeps clusters in the
    split they were published in. Input files are the unit of parallel work; results are
    gathered in input order, so the output does not depend on ``workers``.
    """
    options = options or Options()
    require_engine(engine)
    sources = load_sources(seeds_dir)
    paths, clashes = claim_ids(list_inputs(seeds_dir), seeds_dir)
    cached = kernels_cached()
    small = runs_plain(paths, cached, options.max_bytes)
    if not small and not cached:
        print(
            "compiling the build's kernels with Numba "
            "(once: they are cached in builder/'s __pycache__ folders)",
            file=sys.stderr,
        )
    # A small build runs in this process: starting workers costs more than its pages.
    with jit.interpreted(small), ENGINES[engine](1 if small else workers) as run:
        records, rejections, counts = _two_phases(
            seeds_dir, options, sources, previous_splits, paths, run, progress
        )
    counts.inputs["read"] += len(clashes)
    for clash in clashes:
        counts.reject("read", clash.reason.value)
    return records, [*clashes, *rejections], counts


def claim_ids(paths: list[Path], seeds_dir: Path) -> tuple[list[Path], list[Rejection]]:
    """The first file in path order keeps an id its file name gives; later ones are rejected.

    A WARC file's records take ids from the file's path and their own record ids, so no two
    files can share one.
    """
    owners: dict[str, str] = {}
    kept, clashes = [], []
    for path in paths:
        relative = path.relative_to(seeds_dir).as_posix()
        if input_format(relative) == "warc":
            kept.append(path)
            continue
        record = record_id(relative)
        if record in owners:
            try:
                digest = sha256_file(path)
            except OSError:
                digest = None
            message = (
                f"id {record} is already {owners[record]}'s; rename one of the two files "
                "(a record's id is the hex part of its file name)"
            )
            clashes.append(Rejection(relative, RejectReason.duplicate_id, message, digest))
            continue
        owners[record] = relative
        kept.append(path)
    return kept, clashes


def _two_phases(
    seeds_dir: Path,
    options: Options,
    sources: Mapping[str, Source],
    previous_splits: Mapping[str, str],
    paths: list[Path],
    run: Callable,
    progress: bool,
) -> tuple[RecordSet, list[Rejection], StageCounts]:
    """Phase one counts template lines over every input; phase two builds the records."""
    started = time.perf_counter()
    frequency, conventions = LineFrequency(), DateConventions()
    phase_one = run(_TemplateShard(seeds_dir, options, sources), paths)
    phase_one_failures: dict[str, str] = {}
    for found, failed in with_progress(phase_one, len(paths), progress, "template"):
        phase_one_failures.update(failed)
        for hashes, site_order in found:
            frequency.add_hashes(hashes)
            if site_order:
                conventions.add(*site_order)
    frequent = frequency.frequent()
    date_orders = conventions.orders()
    counts = StageCounts()
    counts.seconds["template"] += time.perf_counter() - started
    rejections: list[Rejection] = []
    signatures = SignatureStore()
    spool = RecordSpool(arrow_schema())
    inputs = InputList()
    shard = _Shard(seeds_dir, options, frequent, sources, date_orders, phase_one_failures)
    for results, shard_counts in with_progress(run(shard, paths), len(paths), progress, "build"):
        counts.merge(shard_counts)
        for result in results:
            if isinstance(result, Rejection):
                rejections.append(result)
            else:
                spool.add(result.row)
                signatures.add(result.signature)
                row = result.row
                inputs.append(row["source_file"], row["source_sha256"])
    started = time.perf_counter()
    records, dropped = group_duplicates(spool, signatures, inputs, options, previous_splits, counts)
    counts.seconds["dedup"] += time.perf_counter() - started
    return records, rejections + dropped, counts


class InputList:
    """(source_file, source_sha256) of every record, in the order records were added.

    All packed in one buffer (the path's bytes, NUL, the digest's 32 bytes) with an array of
    end offsets: about 70 bytes a record where tuples of strings would take three times that.
    """

    def __init__(self) -> None:
        self._data = bytearray()
        self._ends = array.array("Q")

    def append(self, source_file: str, sha256: str) -> None:
        self._data += source_file.encode("utf-8") + b"\0" + bytes.fromhex(sha256)
        self._ends.append(len(self._data))

    def __len__(self) -> int:
        return len(self._ends)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        start = 0
        for end in self._ends:
            packed = self._data[start:end]
            yield packed[:-33].decode("utf-8"), packed[-32:].hex()
            start = end


@dataclasses.dataclass
class RecordSet:
    """The records of a build, spooled on disk, with what dedup decided for each.

    Iterating gives Article objects in id order (for small builds and tests); ``tables``
    gives the same records as Arrow tables, which is how they are written. The spool gives
    rows back in id order, the order of ``clusters.ids``, so every per-record decision is an
    array over those rows.
    """

    spool: RecordSpool
    clusters: Clusters
    split_codes: np.ndarray  # int8 index into SPLIT_CODES, for every row
    sources: InputList  # (source_file, source_sha256) of every record, in input order
    dropped: np.ndarray  # bool, for every row: left out as a near duplicate (--dedup drop)

    def __len__(self) -> int:
        return len(self.spool) - int(self.dropped.sum())

    def tables(self) -> Iterator[pa.Table]:
        schema = arrow_schema()
        ids, canonical = self.clusters.ids, self.clusters.canonical
        start = 0
        for table in self.spool.sorted_tables():
            end = start + table.num_rows
            if table.column("id").to_pylist() != ids[start:end]:
                raise BuildError("spooled records and dedup rows are out of step")
            rows = canonical[start:end]
            columns = {
                "cluster_id": [ids[row] for row in rows.tolist()],
                "is_canonical": rows == np.arange(start, end),
                "split": [SPLIT_CODES[code].value for code in self.split_codes[start:end]],
            }
            for name, values in columns.items():
                index = schema.get_field_index(name)
                table = table.set_column(
                    index, schema.field(index), pa.array(values, schema.field(index).type)
                )
            dropped = self.dropped[start:end]
            if dropped.any():
                table = table.filter(pa.array(~dropped))
            start = end
            yield table

    def __iter__(self) -> Iterator[Article]:
        for table in self.tables():
            for row in table.to_pylist():
                yield Article.model_validate(row)

    def split_rows(self) -> dict[str, int]:
        kept = np.bincount(self.split_codes[~self.dropped], minlength=len(SPLIT_CODES))
        return {split: int(kept[SPLIT_CODES.index(Split(split))]) for split in SPLIT_NAMES}

    def input_pairs(self) -> Iterator[tuple[str, str]]:
        """(source_file, source_sha256) of every kept record."""
        rows = self.clusters.rows.tolist()
        for position, pair in enumerate(self.sources):
            if not self.dropped[rows[position]]:
                yield pair


def group_duplicates(
    spool: RecordSpool,
    signatures: SignatureStore,
    inputs: InputList,
    options: Options,
    previous_splits: Mapping[str, str],
    counts: StageCounts,
) -> tuple[RecordSet, list[Rejection]]:
    """Phase two of dedup: clusters, one split per cluster, and --dedup drop.

    inputs holds (source_file, source_sha256) of every spooled record, in the order their
    signatures were added.
    """
    counts.inputs["dedup"] += len(spool)
    clusters = cluster(signatures, options.dedup_threshold)
    signatures.clear()
    counts.clusters = clusters
    codes = split_codes(clusters, previous_splits)
    dropped: list[Rejection] = []
    drop = np.zeros(len(clusters.ids), dtype=bool)
    if options.dedup == "drop":
        drop = clusters.canonical != np.arange(len(clusters.ids))
        reason = RejectReason.near_duplicate
        rows = clusters.rows.tolist()
        for position, (source_file, sha) in enumerate(inputs):
            row = rows[position]
            if drop[row]:
                canonical = clusters.ids[clusters.canonical[row]]
                message = f"a copy of record {canonical}"
                dropped.append(Rejection(source_file, reason, message, sha, canonical))
                counts.reject("dedup", reason.value)
    counts.outputs["dedup"] += len(spool) - len(dropped)
    records = RecordSet(spool, clusters, codes, inputs, drop)
    return records, dropped
