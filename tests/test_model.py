import datetime as dt

import pyarrow as pa
import pytest
from pydantic import ValidationError

from builder.model import Article, RemovedLine, arrow_schema, features, field_table


def _article(**overrides):
    values = dict(
        id="abc",
        headline="A headline",
        date=dt.date(2013, 1, 15),
        outlet=None,
        body="One paragraph.",
        author=None,
        dateline=None,
        language="en",
        source_file="a.txt",
        source_sha256="0" * 64,
        split="train",
        word_count=2,
        headline_source="text:title_line",
        date_source="text:stamp",
        outlet_source=None,
        author_source=None,
        dateline_source=None,
        removed_lines=[RemovedLine(line_no=1, reason="boilerplate")],
    )
    values.update(overrides)
    return Article(**values)


def test_schema_types_come_from_the_model():
    schema = arrow_schema()
    assert schema.names == list(Article.model_fields)
    assert schema.field("date").type == pa.date32()
    assert schema.field("date").nullable is True
    assert schema.field("id").nullable is False
    assert schema.field("word_count").type == pa.int32()
    assert schema.field("removed_lines").type == pa.list_(
        pa.struct(
            [
                pa.field("line_no", pa.int32(), nullable=False),
                pa.field("reason", pa.string(), nullable=False),
            ]
        )
    )


def test_features_match_schema():
    feats = features()
    assert list(feats) == list(Article.model_fields)
    assert feats["date"].dtype == "date32"
    assert feats["split"].dtype == "string"


def test_extra_fields_are_forbidden():
    with pytest.raises(ValidationError, match="extra"):
        _article(url="http://example.org")


def test_every_field_has_a_description_and_is_in_the_table():
    table = field_table()
    for name, info in Article.model_fields.items():
        assert info.description, name
        assert f"| `{name}` |" in table


def test_bad_values_are_refused():
    with pytest.raises(ValidationError):
        _article(split="dev")
    with pytest.raises(ValidationError):
        _article(source_sha256="xyz")
    assert _article().split.value == "train"
