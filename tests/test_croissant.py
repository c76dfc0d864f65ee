import datetime as dt
import json

import mlcroissant as mlc
import pyarrow.parquet as pq

from builder.model import Article


def test_croissant_validates_and_iterates_every_field(built_repo):
    folder = built_repo / "data/v1.0.0"
    document = json.loads((folder / "croissant.json").read_text())
    record_set = document["recordSet"][0]
    assert [f["name"] for f in record_set["field"]] == list(Article.model_fields)
    dataset = mlc.Dataset(jsonld=str(folder / "croissant.json"))
    records = list(dataset.records(record_set="articles"))
    expected = {
        row["id"]: row
        for path in folder.glob("*.parquet")
        for row in pq.read_table(path).to_pylist()
    }
    assert len(records) == len(expected) == 5
    for record in records:
        row = expected[record["articles/id"].decode()]
        assert record["articles/split"].decode() == row["split"]
        assert record["articles/word_count"] == row["word_count"]
        date = record["articles/date"]
        assert (None if date is None else dt.date.fromisoformat(str(date)[:10])) == row["date"]
        lines = record["articles/removed_lines"]
        assert [x["articles/removed_lines/line_no"] for x in lines] == [
            x["line_no"] for x in row["removed_lines"]
        ]
