"""The record model: the one place a field is declared.

The Arrow schema, the datasets Features, the dataset card's field table and README's
``dataset_info`` are all derived from ``Article`` here; nothing infers a schema from data.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing

import pyarrow as pa
from pydantic import BaseModel, ConfigDict, Field

# Bumped whenever a field is added, removed or changes type; stored in every Parquet file.
SCHEMA_VERSION = "2"
# Every schema a published version may have, oldest first. A field added after the first
# names its schema (Field(json_schema_extra=since("2"))): an older version's columns are
# the model's fields that its schema already had, so README's configs and validate describe
# each published version as it was written.
SCHEMA_VERSIONS = ("1", "2")


def since(schema_version: str) -> dict[str, str]:
    """A field's json_schema_extra: the schema version that added it."""
    return {"since_schema": schema_version}


# A confidence is stored as float32: its calibration is good to a percent, not to 1e-16.
Confidence = typing.Annotated[float, Field(ge=0.0, le=1.0), pa.float32()]


class Split(enum.StrEnum):
    train = "train"
    validation = "validation"
    test = "test"


SPLIT_NAMES: tuple[str, ...] = tuple(s.value for s in Split)


class RemovedLine(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    line_no: int = Field(
        description=(
            "1-based line number in the raw input file (for HTML, in the page rendered as "
            "text, one block a line, as the audit shows it)."
        )
    )
    reason: str = Field(description="Reason code for the removal (see the card's reason table).")


class WithheldValue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    field: str = Field(description="The field whose value was withheld (headline, date, …).")
    value: str = Field(description="The value found, as text (a date as YYYY-MM-DD).")
    confidence: Confidence = Field(
        description="Its confidence, below the field's threshold (see the card)."
    )


class Article(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(
        min_length=1,
        description="Stable record id: the hex part of the seed file name, else a path hash.",
    )
    headline: str | None = Field(
        min_length=1,
        description="The article's displayed headline; null when no line of the page reads as one.",
    )
    date: dt.date | None = Field(
        description="Publication date (day precision); null when the text gives no evidence."
    )
    outlet: str | None = Field(
        description="Publishing outlet or agency named by the text; null when none is named."
    )
    body: str = Field(
        min_length=1,
        description="Article text only; paragraphs in reading order separated by one blank line.",
    )
    author: str | None = Field(description="Author from the byline; null when there is none.")
    dateline: str | None = Field(
        description="Place of the dateline that opens the article (e.g. WASHINGTON); null if none."
    )
    language: str | None = Field(
        description="ISO 639-1 code of the body's language; null when it cannot be told."
    )
    agency: str | None = Field(
        description="Wire agency credited in the text (AFP, AP, Reuters…); null when none is."
    )
    url: str | None = Field(
        description="Address of the page: a WARC record's target URI or the curator's manifest."
    )
    license: str | None = Field(
        description="License of the text as the curator's manifest states it; null if unstated."
    )
    source_file: str = Field(description="Path of the input file relative to the seeds folder.")
    source_format: str = Field(description="Form of the input: text, html, or warc (a record).")
    encoding: str = Field(description="Text encoding the input was decoded from (e.g. utf-8).")
    text_repaired: bool = Field(
        description=(
            "True when decoding changed the text: mojibake repaired (ftfy), or invalid bytes "
            "replaced by U+FFFD."
        )
    )
    source_sha256: str = Field(
        pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the input file's raw bytes."
    )
    split: Split = Field(description="Dataset split: train, validation or test.")
    word_count: int = Field(ge=1, description="Number of words in the body.")
    headline_source: str | None = Field(
        description=(
            "How the headline was found (e.g. text:title_line, html:title; withheld when its "
            "confidence was below the threshold); null if no headline."
        )
    )
    date_source: str | None = Field(
        description=(
            "How the date was found (e.g. text:dateline, text:stamp; text:updated when the "
            "page says only when it was updated; withheld below the threshold); null if no date."
        )
    )
    outlet_source: str | None = Field(
        description=(
            "How the outlet was found (e.g. text:footer, text:agency_line, url:host when the "
            "input's URL spells it, manifest; withheld below the threshold); null if none."
        )
    )
    author_source: str | None = Field(
        description=(
            "How the author was found (e.g. text:byline; withheld below the threshold); null "
            "if no author."
        )
    )
    dateline_source: str | None = Field(
        description="How the dateline place was found (text:dateline); null if none."
    )
    agency_source: str | None = Field(
        description=(
            "How the agency was found (text:dateline, text:byline, text:stamp); null if none."
        )
    )
    cluster_id: str = Field(
        description="Id of the canonical record of its duplicate cluster (its own id if alone)."
    )
    is_canonical: bool = Field(
        description="True for the cluster's canonical record: earliest date, then smallest id."
    )
    removed_lines: list[RemovedLine] = Field(
        description="Every non-blank raw line left out of the body, with its reason code."
    )
    headline_confidence: Confidence | None = Field(
        json_schema_extra=since("2"),
        description=(
            "Calibrated probability that the headline is right (among values given with "
            "confidence near p, about p are right); null when no line was a candidate."
        ),
    )
    date_confidence: Confidence | None = Field(
        json_schema_extra=since("2"),
        description="Calibrated probability that the date is right; null when none was found.",
    )
    outlet_confidence: Confidence | None = Field(
        json_schema_extra=since("2"),
        description="Calibrated probability that the outlet is right; null when none was found.",
    )
    author_confidence: Confidence | None = Field(
        json_schema_extra=since("2"),
        description="Calibrated probability that the author is right; null when none was found.",
    )
    withheld: list[WithheldValue] = Field(
        json_schema_extra=since("2"),
        description=(
            "Values found but published as null (their *_source is withheld): confidence "
            "below the field's threshold (build --min-confidence)."
        ),
    )


_SCALARS: dict[type, pa.DataType] = {
    str: pa.string(),
    int: pa.int32(),
    bool: pa.bool_(),
    float: pa.float64(),
    dt.date: pa.date32(),
    Split: pa.string(),
}


def _arrow_type(annotation: typing.Any) -> tuple[pa.DataType, bool]:
    """Map one annotation to (Arrow type, nullable)."""
    args = typing.get_args(annotation)
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        narrowed = [m for m in annotation.__metadata__ if isinstance(m, pa.DataType)]
        return (narrowed[0], False) if narrowed else _arrow_type(args[0])
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        if len(inner) != 1:
            raise TypeError(f"unsupported union {annotation!r}")
        return _arrow_type(inner[0])[0], True
    if origin is list:
        (item,) = args
        return pa.list_(_arrow_type(item)[0]), False
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return pa.struct(_fields(annotation)), False
    if annotation in _SCALARS:
        return _SCALARS[annotation], False
    raise TypeError(f"no Arrow type for {annotation!r}")


def _fields(model: type[BaseModel]) -> list[pa.Field]:
    fields = []
    for name, info in model.model_fields.items():
        arrow_type, nullable = _arrow_type(info.annotation)
        # pydantic moves a bare Annotated's metadata here: an Arrow type in it narrows.
        arrow_type = next((m for m in info.metadata if isinstance(m, pa.DataType)), arrow_type)
        fields.append(pa.field(name, arrow_type, nullable=nullable))
    return fields


def schema_fields(schema_version: str = SCHEMA_VERSION) -> list[str]:
    """Article's fields that the schema schema_version has, in column order."""
    if schema_version not in SCHEMA_VERSIONS:
        raise ValueError(
            f"unknown schema version {schema_version!r}; choose one of {', '.join(SCHEMA_VERSIONS)}"
        )
    rank = SCHEMA_VERSIONS.index
    return [
        name
        for name, info in Article.model_fields.items()
        if rank((info.json_schema_extra or {}).get("since_schema", "1")) <= rank(schema_version)
    ]


def arrow_schema(schema_version: str = SCHEMA_VERSION) -> pa.Schema:
    """The Arrow schema of a version written with schema schema_version (today's by default)."""
    schema = pa.schema(_fields(Article))
    if schema_version == SCHEMA_VERSION:
        return schema
    return pa.schema([schema.field(name) for name in schema_fields(schema_version)])


def features(schema_version: str = SCHEMA_VERSION):
    """The datasets Features, derived from the Arrow schema (itself derived from Article)."""
    from datasets import Features

    return Features.from_arrow_schema(arrow_schema(schema_version))


def _type_label(annotation: typing.Any) -> str:
    arrow_type, nullable = _arrow_type(annotation)
    label = str(arrow_type).replace("<item: ", "<").replace("element: ", "")
    return f"{label}{', nullable' if nullable else ''}"


def field_table() -> str:
    """Markdown table of every field, for the dataset card."""
    rows = ["| field | type | description |", "|---|---|---|"]
    for name, info in Article.model_fields.items():
        rows.append(f"| `{name}` | {_type_label(info.annotation)} | {info.description} |")
    for parent, model in (("removed_lines", RemovedLine), ("withheld", WithheldValue)):
        for name, info in model.model_fields.items():
            arrow_type = pa.schema(_fields(model)).field(name).type
            rows.append(f"| `{parent}[].{name}` | {arrow_type} | {info.description} |")
    return "\n".join(rows)


def to_row(article: Article) -> dict[str, typing.Any]:
    """A dict in Arrow's column order; enum values become their strings."""
    return article.model_dump(mode="python") | {"split": article.split.value}
