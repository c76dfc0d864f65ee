import os

import pyarrow as pa
import pytest

import builder.spool
from builder.spool import RecordSpool

SCHEMA = pa.schema([("id", pa.string()), ("n", pa.int64())])


def _ids(spool, rows=3):
    return [row["id"] for table in spool.sorted_tables(rows) for row in table.to_pylist()]


@pytest.mark.parametrize("run_rows", [1, 2, 4, 1000])
def test_runs_merge_back_in_id_order_with_ties_in_input_order(monkeypatch, run_rows):
    monkeypatch.setattr(builder.spool, "RUN_ROWS", run_rows)
    monkeypatch.setattr(builder.spool, "BUFFER_ROWS", 1)
    ids = ["m", "c", "x", "a", "c", "b", "z", "é", "d"]
    with RecordSpool(SCHEMA) as spool:
        for n, record_id in enumerate(ids):
            spool.add({"id": record_id, "n": n})
        tables = list(spool.sorted_tables(3))
        assert len(spool.runs) == (len(ids) + run_rows - 1) // run_rows
    rows = [row for table in tables for row in table.to_pylist()]
    assert [r["id"] for r in rows] == sorted(ids)
    assert [r["n"] for r in rows if r["id"] == "c"] == [1, 4]
    assert [t.num_rows for t in tables] == [3, 3, 3]
    assert all(t.schema == SCHEMA for t in tables)


def test_runs_close_at_the_byte_limit_and_the_folder_goes_on_close(monkeypatch):
    monkeypatch.setattr(builder.spool, "RUN_BYTES", 1)
    monkeypatch.setattr(builder.spool, "BUFFER_ROWS", 1)
    spool = RecordSpool(SCHEMA)
    for n, record_id in enumerate("cab"):
        spool.add({"id": record_id, "n": n})
    assert len(spool.runs) == 3 and len(spool) == 3
    assert _ids(spool) == ["a", "b", "c"]
    folder = spool.runs[0].parent
    spool.close()
    assert not folder.exists()


def test_an_empty_spool_reads_as_nothing():
    with RecordSpool(SCHEMA) as spool:
        assert _ids(spool) == [] and len(spool) == 0


def test_the_folder_goes_when_the_spool_is_dropped():
    import gc

    spool = RecordSpool(SCHEMA)
    spool.add({"id": "a", "n": 1})
    _ids(spool)
    folder = spool.runs[0].parent
    assert folder.exists()
    del spool
    gc.collect()
    assert not folder.exists()


def test_a_killed_builds_spool_is_swept_by_the_next_one(tmp_path):
    import subprocess
    import sys

    from builder.spool import PREFIX

    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()  # its pid now names no process (reaped)
    orphan = tmp_path / f"{PREFIX}{finished.pid}-abc"
    orphan.mkdir()
    (orphan / "run-00000.arrow").write_bytes(b"x")
    alive = tmp_path / f"{PREFIX}{os.getpid()}-def"
    alive.mkdir()
    other = tmp_path / f"{PREFIX}notapid"
    other.mkdir()
    spool = RecordSpool(pa.schema([("id", pa.string())]), tmp_path)
    assert not orphan.exists()
    assert alive.exists() and other.exists()
    spool.close()
