"""What flows between stages: a document being built, or the rejection that ends it."""

from __future__ import annotations

import dataclasses
import enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from builder.pipeline import StageCounts


class RejectReason(enum.StrEnum):
    """Why an input file did not become a record. Fixed and documented in the card."""

    empty = "empty"
    not_text = "not_text"
    too_large = "too_large"
    no_article = "no_article"
    invalid_record = "invalid_record"
    near_duplicate = "near_duplicate"
    unsafe_path = "unsafe_path"
    duplicate_id = "duplicate_id"
    not_regular_file = "not_regular_file"
    unreadable = "unreadable"
    stage_error = "stage_error"


REJECT_REASONS: dict[RejectReason, str] = {
    RejectReason.empty: "zero bytes, or whitespace only",
    RejectReason.not_text: "binary content: NUL bytes, control characters, undecodable bytes",
    RejectReason.too_large: "over the configured size limit (--max-bytes)",
    RejectReason.no_article: "cleaning left no article text",
    RejectReason.invalid_record: "the assembled record failed the record model's validation",
    RejectReason.unsafe_path: "a symlink or manifest path that leads out of the seeds folder",
    RejectReason.near_duplicate: "with --dedup drop: a copy of the canonical record it names",
    RejectReason.duplicate_id: (
        "its file name (or WARC-Record-ID) gives the id of an earlier input, in path order"
    ),
    RejectReason.not_regular_file: (
        "a FIFO, socket, device or symlink to a folder: not a regular file, so never opened"
    ),
    RejectReason.unreadable: (
        "reading the file, or listing the folder it names, failed; the message gives the reason"
    ),
    RejectReason.stage_error: (
        "a stage failed on it with an unexpected error: a builder bug, not bad input; the "
        "message names the stage and the error (`mali-news --debug build` stops there instead)"
    ),
}


class LineReason(enum.StrEnum):
    """Why a non-blank raw line was left out of the body. Fixed and documented in the card."""

    headline = "headline"
    breadcrumb = "breadcrumb"
    byline = "byline"
    date_line = "date_line"
    boilerplate = "boilerplate"
    photo_credit = "photo_credit"
    duplicate = "duplicate"
    short_run = "short_run"
    outside_article = "outside_article"
    template = "template"


LINE_REASONS: dict[LineReason, str] = {
    LineReason.headline: "the headline, or a copy of it (also '<headline> - <site>' titles)",
    LineReason.breadcrumb: "a navigation trail ending in the headline ('Home News <headline>')",
    LineReason.byline: (
        "'By <name>', the author's name on a line of its own, the affiliation lines right under "
        "a byline, and an author's bio closing the article ('Jane Doe' / 'Jane Doe joined the "
        "Courier in 2010 …')"
    ),
    LineReason.date_line: (
        "a short line that states the date ('Published on 15/01/2013'), or a longer one that "
        "says the article was published ('PUBLISHED: November 8, 2023 at 11:30 p.m. | UPDATED: …')"
    ),
    LineReason.boilerplate: "share/subscribe/sign-in/cookie/advert/copyright/navigation phrases",
    LineReason.photo_credit: "image credits and captions (a caption shown twice in a row)",
    LineReason.duplicate: (
        "repeats, or opens, a line already in the body (teasers, pull quotes), or repeats "
        "itself (a link card's title shown thrice)"
    ),
    LineReason.short_run: "inside the article, a run of short fragments (related links, tags)",
    LineReason.outside_article: (
        "before or after the article's main run of prose; for HTML, any block trafilatura left out"
    ),
    LineReason.template: "recurs in many documents of the same build (site template)",
}


@dataclasses.dataclass(slots=True)
class Line:
    no: int  # 1-based line number in the raw file
    text: str  # the line with its whitespace collapsed to single spaces, never empty
    reason: LineReason | None = None  # None while the line is kept

    @property
    def kept(self) -> bool:
        return self.reason is None


@dataclasses.dataclass(slots=True)
class Doc:
    source_file: str
    raw: bytes
    sha256: str
    id: str
    format: str = "text"  # how to analyse it: text or html
    url: str | None = None
    container: str | None = None  # "warc" for a record taken out of a WARC file
    text: str = ""
    lines: list[Line] = dataclasses.field(default_factory=list)
    meta: dict[str, Any] = dataclasses.field(default_factory=dict)

    def reject(self, reason: RejectReason, message: str) -> Rejection:
        return Rejection(self.source_file, reason, message, self.sha256)


@dataclasses.dataclass(frozen=True, slots=True)
class Rejection:
    source_file: str
    reason: RejectReason
    message: str
    sha256: str | None = None  # of the raw bytes, when they were read
    duplicate_of: str | None = None  # the canonical record's id, for near_duplicate

    def to_json(self) -> dict[str, str | None]:
        return {
            "source_file": self.source_file,
            "reason": self.reason.value,
            "message": self.message,
            "source_sha256": self.sha256,
            "duplicate_of": self.duplicate_of,
        }


class BuildError(Exception):
    """Fatal: the build as a whole cannot go on (bad options, bad folder, version clash)."""


class OptionError(BuildError):
    """A value the caller gave is not one of the valid choices (a version that is not X.Y.Z,
    a threshold outside [0, 1]): the command line's usage error, exit code 2."""


class RejectedInputs(BuildError):
    """--strict and at least one input was rejected: nothing was published."""

    def __init__(self, rejections: list[Rejection], counts: StageCounts) -> None:
        self.rejections, self.counts = rejections, counts
        super().__init__(
            f"--strict: {len(rejections)} input(s) rejected, nothing published; "
            "fix or remove them, or build without --strict"
        )
