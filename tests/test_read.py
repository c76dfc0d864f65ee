import hashlib

from builder.doc import Doc, Rejection, RejectReason
from builder.read import list_inputs, read_inputs, record_id


def read_file(path, seeds_dir, max_bytes=20_000_000):
    (result,) = read_inputs(path, seeds_dir, max_bytes)
    return result


def test_id_is_the_hex_part_of_the_name():
    assert record_id("000_f43590dcf1fa9506.txt") == "f43590dcf1fa9506"
    assert record_id("sub/12_deadbeef00.txt") == "deadbeef00"


def test_id_without_hex_is_a_stable_hash_of_the_path():
    expected = hashlib.sha256(b"notes/story.txt").hexdigest()[:16]
    assert record_id("notes/story.txt") == expected
    assert record_id("notes/story.txt") != record_id("notes/other.txt")


def test_inputs_sorted_and_curator_files_skipped(tmp_path):
    for name in ["b.txt", "a.txt", ".hidden", "sources.toml"]:
        (tmp_path / name).write_text("x")
    assert [p.name for p in list_inputs(tmp_path)] == ["a.txt", "b.txt"]


def test_empty_and_large_files_are_rejected(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    (tmp_path / "big.txt").write_bytes(b"x" * 100)
    empty = read_file(tmp_path / "empty.txt", tmp_path)
    big = read_file(tmp_path / "big.txt", tmp_path, max_bytes=10)
    assert isinstance(empty, Rejection) and empty.reason is RejectReason.empty
    assert isinstance(big, Rejection) and big.reason is RejectReason.too_large
    assert big.sha256 == hashlib.sha256(b"x" * 100).hexdigest()


def test_a_text_file_becomes_a_doc(tmp_path):
    (tmp_path / "s_0123456789abcdef.txt").write_bytes(b"Hello")
    doc = read_file(tmp_path / "s_0123456789abcdef.txt", tmp_path)
    assert isinstance(doc, Doc)
    assert doc.id == "0123456789abcdef"
    assert doc.sha256 == hashlib.sha256(b"Hello").hexdigest()
