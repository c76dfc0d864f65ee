import datetime as dt

import pyarrow.parquet as pq

from builder.model import arrow_schema
from builder.write import write_parquet, write_splits
from tests.helpers import make_article


def _article(i: str, split: str):
    return make_article(
        id=i, date=dt.date(2013, 1, 15) if i != "b" else None, split=split, cluster_id=i
    )


def test_parquet_round_trip_keeps_schema_values_and_order(tmp_path):
    path = tmp_path / "t.parquet"
    write_parquet(
        [_article("c", "train"), _article("a", "train"), _article("b", "train")], path, "1.0.0"
    )
    table = pq.read_table(path)
    assert table.schema.remove_metadata() == arrow_schema()
    assert table.column("id").to_pylist() == ["a", "b", "c"]
    assert table.column("date").to_pylist() == [dt.date(2013, 1, 15), None, dt.date(2013, 1, 15)]
    assert table.column("removed_lines").to_pylist()[0] == [{"line_no": 1, "reason": "boilerplate"}]
    meta = pq.read_metadata(path)
    assert meta.row_group(0).column(0).compression == "ZSTD"
    assert table.schema.metadata[b"mali_news.version"] == b"1.0.0"


def test_empty_split_gets_no_file(tmp_path):
    written = write_splits([_article("a", "train"), _article("b", "test")], tmp_path, "1.0.0")
    assert written == {"train-00000-of-00001.parquet": 1, "test-00000-of-00001.parquet": 1}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(written)
