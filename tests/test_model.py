import pyarrow as pa
import pytest
from pydantic import ValidationError

from builder.model import SCHEMA_VERSIONS, Article, arrow_schema, features, field_table
from tests.helpers import make_article


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


def test_an_older_schema_has_only_the_fields_it_was_written_with():
    added_in_2 = ["headline_confidence", "date_confidence", "outlet_confidence",
                  "author_confidence", "withheld"]  # fmt: skip
    first = arrow_schema("1")
    assert first.names == [name for name in Article.model_fields if name not in added_in_2]
    assert first.field("removed_lines") == arrow_schema().field("removed_lines")
    assert list(features("1")) == first.names
    assert arrow_schema(SCHEMA_VERSIONS[-1]) == arrow_schema()
    with pytest.raises(ValueError, match=r"unknown schema version '3'; choose one of 1, 2"):
        arrow_schema("3")


def test_extra_fields_are_forbidden():
    with pytest.raises(ValidationError, match="extra"):
        make_article(website="http://example.org")


def test_every_field_has_a_description_and_is_in_the_table():
    table = field_table()
    for name, info in Article.model_fields.items():
        assert info.description, name
        assert f"| `{name}` |" in table


def test_bad_values_are_refused():
    with pytest.raises(ValidationError):
        make_article(split="dev")
    with pytest.raises(ValidationError):
        make_article(source_sha256="xyz")
    assert make_article().split.value == "train"
