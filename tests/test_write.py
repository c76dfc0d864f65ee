import datetime as dt

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from builder.model import arrow_schema
from builder.write import article_table, write_parquet, write_splits
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


def _write(articles, folder, **batch):
    """write_splits over the articles' table, cut in batches as the spool hands them over."""
    table = article_table(articles)
    counts = {
        s: table.column("split").to_pylist().count(s) for s in ("train", "validation", "test")
    }
    tables = table.to_batches(max_chunksize=batch.get("rows", 1000))
    return write_splits((pa.Table.from_batches([b]) for b in tables), counts, folder, "1.0.0")


def test_empty_split_gets_no_file(tmp_path):
    written = _write([_article("a", "train"), _article("b", "test")], tmp_path)
    assert written == {"train-00000-of-00001.parquet": 1, "test-00000-of-00001.parquet": 1}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(written)


def test_large_splits_are_written_as_several_files(tmp_path, monkeypatch):
    import builder.write

    monkeypatch.setattr(builder.write, "ROWS_PER_FILE", 2)
    articles = [_article(i, "train") for i in "edcba"]
    written = _write(articles, tmp_path, rows=1)
    assert written == {
        "train-00000-of-00003.parquet": 2,
        "train-00001-of-00003.parquet": 2,
        "train-00002-of-00003.parquet": 1,
    }
    ids = [pq.read_table(tmp_path / name).column("id").to_pylist() for name in sorted(written)]
    assert ids == [["a", "b"], ["c", "d"], ["e"]]


def test_multi_file_version_loads_through_the_readme_globs(make_repo, monkeypatch):
    import tempfile

    import datasets

    import builder.write
    from builder.build import build
    from builder.check import check_repo

    monkeypatch.setattr(builder.write, "ROWS_PER_FILE", 1)
    root = make_repo()
    build(root / "seeds", root / "data", "1.0.0")
    assert len(list((root / "data/v1.0.0").glob("train-*.parquet"))) == 2
    assert check_repo(root) == []
    with tempfile.TemporaryDirectory() as cache:
        loaded = datasets.load_dataset(str(root), cache_dir=cache)
    assert sum(len(split) for split in loaded.values()) == 5


def test_row_groups_close_at_the_row_and_byte_limits(tmp_path, monkeypatch):
    import builder.write

    monkeypatch.setattr(builder.write, "ROW_GROUP_SIZE", 3)
    articles = [_article(i, "train") for i in "abcdefg"]
    _write(articles, tmp_path, rows=2)
    meta = pq.read_metadata(tmp_path / "train-00000-of-00001.parquet")
    assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [3, 3, 1]
    monkeypatch.setattr(builder.write, "ROW_GROUP_BYTES", 1)
    _write(articles, tmp_path, rows=2)
    meta = pq.read_metadata(tmp_path / "train-00000-of-00001.parquet")
    assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [2, 2, 2, 1]


def test_written_rows_must_match_the_announced_counts(tmp_path):
    table = article_table([_article("a", "train")])
    with pytest.raises(ValueError, match="train: 2 rows expected"):
        write_splits([table], {"train": 2}, tmp_path, "1.0.0")
