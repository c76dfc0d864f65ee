"""Croissant (ML Commons) metadata of one version: a RecordSet with every field, from the model."""

from __future__ import annotations

import functools
import json
import typing
from pathlib import Path

import pyarrow as pa
from pydantic import BaseModel

from builder.model import Article, arrow_schema

CROISSANT = "croissant.json"
FILE_SET = "parquet-files"
RECORD_SET = "articles"
DESCRIPTION = (
    "News articles on the 2012-2013 Mali crisis, cleaned from raw page text, with headline, "
    "date, outlet, author and dateline, the provenance of each, duplicate clusters and splits."
)


def _data_type(arrow_type: pa.DataType):
    import mlcroissant as mlc

    if pa.types.is_date32(arrow_type):
        return mlc.DataType.DATE
    if pa.types.is_integer(arrow_type):
        return mlc.DataType.INTEGER
    if pa.types.is_boolean(arrow_type):
        return mlc.DataType.BOOL
    if pa.types.is_floating(arrow_type):
        return mlc.DataType.FLOAT
    return mlc.DataType.TEXT


def _item_model(name: str) -> type[BaseModel]:
    """The model of one item of a list field (removed_lines -> RemovedLine)."""
    (item,) = typing.get_args(Article.model_fields[name].annotation)
    return item


def _field(name: str, arrow_type: pa.DataType, description: str):
    import mlcroissant as mlc

    source = mlc.Source(file_set=FILE_SET, extract=mlc.Extract(column=name))
    if pa.types.is_list(arrow_type):
        sub_fields = [
            mlc.Field(
                id=f"{RECORD_SET}/{name}/{child.name}",
                name=child.name,
                description=_item_model(name).model_fields[child.name].description,
                data_types=[_data_type(child.type)],
                source=mlc.Source(
                    file_set=FILE_SET,
                    extract=mlc.Extract(column=name),
                    transforms=[mlc.Transform(json_path=child.name)],
                ),
            )
            for child in arrow_type.value_type
        ]
        return mlc.Field(
            id=f"{RECORD_SET}/{name}",
            name=name,
            description=description,
            repeated=True,
            sub_fields=sub_fields,
            source=source,
        )
    return mlc.Field(
        id=f"{RECORD_SET}/{name}",
        name=name,
        description=description,
        data_types=[_data_type(arrow_type)],
        source=source,
    )


def croissant_metadata(version: str, includes: str = "*.parquet") -> dict:
    """The JSON-LD document; ``includes`` locates the Parquet files relative to it."""
    import mlcroissant as mlc

    fields = [
        _field(f.name, f.type, Article.model_fields[f.name].description) for f in arrow_schema()
    ]
    metadata = mlc.Metadata(
        name="mali-news",
        description=DESCRIPTION,
        url="https://huggingface.co/datasets/mali-news",
        license=["other"],
        version=version,
        cite_as="mali-news: news articles on the 2012-2013 Mali crisis",
        distribution=[
            mlc.FileSet(
                id=FILE_SET,
                name=FILE_SET,
                description="The version's Parquet files, one or more per split.",
                encoding_formats=["application/x-parquet"],
                includes=[includes],
            )
        ],
        record_sets=[
            mlc.RecordSet(id=RECORD_SET, name=RECORD_SET, key=[f"{RECORD_SET}/id"], fields=fields)
        ],
    )
    return metadata.to_json()


def write_croissant(folder: Path, version: str, includes: str = "*.parquet") -> Path:
    path = folder / CROISSANT
    path.write_text(croissant_text(version, includes), encoding="utf-8")
    return path


# A version's document depends on its number and place alone, and mlcroissant takes a tenth of
# a second to make one: a process that publishes, repairs or exports the same version again
# (the tests build v1.0.0 a hundred times) writes the text it made the first time.
@functools.lru_cache(maxsize=16)
def croissant_text(version: str, includes: str = "*.parquet") -> str:
    document = croissant_metadata(version, includes)
    return json.dumps(document, indent=2, sort_keys=True, default=str) + "\n"
