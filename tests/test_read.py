import hashlib
import os

import pytest

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


def test_gzip_bomb_is_refused_without_inflating_it(tmp_path):
    import gzip

    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b" " * 50_000_000))
    assert (tmp_path / "bomb.txt.gz").stat().st_size < 100_000
    result = read_file(tmp_path / "bomb.txt.gz", tmp_path, max_bytes=1_000_000)
    assert isinstance(result, Rejection) and result.reason is RejectReason.too_large
    assert "decompresses to over the limit" in result.message


def test_gzip_html_is_read_as_html(tmp_path):
    import gzip

    (tmp_path / "page.html.gz").write_bytes(gzip.compress(b"<html><p>Hello</p></html>"))
    doc = read_file(tmp_path / "page.html.gz", tmp_path)
    assert (doc.format, doc.raw) == ("html", b"<html><p>Hello</p></html>")


def test_symlink_out_of_seeds_is_refused(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (tmp_path / "secret.txt").write_text("outside")
    (seeds / "link.txt").symlink_to(tmp_path / "secret.txt")
    (seeds / "inside.txt").write_text("inside")
    (seeds / "ok_link.txt").symlink_to(seeds / "inside.txt")
    assert read_file(seeds / "link.txt", seeds).reason is RejectReason.unsafe_path
    assert read_file(seeds / "ok_link.txt", seeds).raw == b"inside"


def test_each_warc_response_is_one_document(tmp_path):
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for n, uri in enumerate(["https://example.org/a", "https://example.org/b"]):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        body = f"<html><body><p>Story {n}</p></body></html>".encode()
        writer.write_record(
            writer.create_warc_record(uri, "response", payload=BytesIO(body), http_headers=headers)
        )
    writer.write_record(
        writer.create_warc_record("https://example.org/a", "request", payload=BytesIO(b"GET /a"))
    )
    (tmp_path / "crawl.warc.gz").write_bytes(buffer.getvalue())
    docs = list(read_inputs(tmp_path / "crawl.warc.gz", tmp_path))
    assert [(d.url, d.format, d.container) for d in docs] == [
        ("https://example.org/a", "html", "warc"),
        ("https://example.org/b", "html", "warc"),
    ]
    assert docs[0].raw == b"<html><body><p>Story 0</p></body></html>"
    assert docs[0].id != docs[1].id


def test_a_warc_without_responses_is_rejected(tmp_path):
    (tmp_path / "junk.warc").write_bytes(b"not a warc at all\n" * 10)
    (result,) = read_inputs(tmp_path / "junk.warc", tmp_path)
    assert result.reason in (RejectReason.not_text, RejectReason.no_article)


def _results(seeds_dir, max_bytes=20_000_000):
    """source_file -> (reason, message) of every rejection, "doc" for a document."""
    outcomes = {}
    for path in list_inputs(seeds_dir):
        for result in read_inputs(path, seeds_dir, max_bytes):
            if isinstance(result, Rejection):
                outcomes[result.source_file] = (result.reason, result.message)
            else:
                outcomes[result.source_file] = "doc"
    return outcomes


def _refuse_to_open(monkeypatch, path, error):
    """Every way of opening path raises error; anything else opens as usual."""
    import builtins
    import io

    def guarded(real):
        def open_(file, *args, **kwargs):
            if isinstance(file, str | os.PathLike) and os.path.abspath(file) == str(path):
                raise error
            return real(file, *args, **kwargs)

        return open_

    for module in (os, io, builtins):
        monkeypatch.setattr(module, "open", guarded(module.open))


def test_a_fifo_and_a_socket_are_rejected_and_never_opened(tmp_path, monkeypatch):
    import socket

    (tmp_path / "a.txt").write_text("Hello")
    os.mkfifo(tmp_path / "pipe.txt")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "sock"))
        # Opening a FIFO with no writer would hang the build: reading must not try.
        for name in ("pipe.txt", "sock"):
            _refuse_to_open(monkeypatch, tmp_path / name, AssertionError(f"{name} opened"))
        assert [p.name for p in list_inputs(tmp_path)] == ["a.txt", "pipe.txt", "sock"]
        assert _results(tmp_path) == {
            "a.txt": "doc",
            "pipe.txt": (RejectReason.not_regular_file, "a FIFO, not a regular file"),
            "sock": (RejectReason.not_regular_file, "a socket, not a regular file"),
        }


def _deny_listing(monkeypatch, folder):
    real = os.scandir

    def scandir(path="."):
        if isinstance(path, str | os.PathLike) and os.path.abspath(path) == str(folder):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_an_unreadable_folder_is_one_rejection_that_names_it(tmp_path, monkeypatch):
    for name in ["a.txt", "locked/inner/b.txt", "locked/c.txt", "z/d.txt", ".hidden/e.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("Hello")
    _deny_listing(monkeypatch, tmp_path / "locked")
    assert [p.relative_to(tmp_path).as_posix() for p in list_inputs(tmp_path)] == [
        "a.txt",
        "locked",
        "z/d.txt",
    ]
    assert _results(tmp_path) == {
        "a.txt": "doc",
        "locked": (RejectReason.unreadable, "a folder that cannot be listed: Permission denied"),
        "z/d.txt": "doc",
    }


def test_an_unlistable_seeds_folder_stops_the_build_with_the_reason(tmp_path, monkeypatch):
    from builder.doc import BuildError

    _deny_listing(monkeypatch, tmp_path)
    with pytest.raises(BuildError) as caught:
        list_inputs(tmp_path)
    assert str(caught.value) == f"{tmp_path}: cannot list the seeds folder: Permission denied"


def test_links_to_a_folder_to_nothing_and_to_themselves_are_rejected(tmp_path):
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "a.txt").write_text("Hello")
    (tmp_path / "to_folder").symlink_to(tmp_path / "folder")
    (tmp_path / "to_nothing.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    assert _results(tmp_path) == {
        "folder/a.txt": "doc",
        "loop.txt": (RejectReason.unreadable, "cannot read it: a symlink loop"),
        "to_folder": (
            RejectReason.not_regular_file,
            "a symlink to a folder, not a regular file",
        ),
        "to_nothing.txt": (RejectReason.unreadable, "cannot read it: No such file or directory"),
    }


def test_an_unreadable_file_is_rejected_with_the_reason(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("Hello")
    (tmp_path / "secret.txt").write_text("Hello")
    _refuse_to_open(
        monkeypatch,
        tmp_path / "secret.txt",
        PermissionError(13, "Permission denied", str(tmp_path / "secret.txt")),
    )
    assert _results(tmp_path) == {
        "a.txt": "doc",
        "secret.txt": (RejectReason.unreadable, "cannot read it: Permission denied"),
    }


def test_a_file_that_fails_while_read_is_rejected_with_the_reason(tmp_path, monkeypatch):
    import pathlib

    (tmp_path / "bad_sector.txt").write_text("Hello")

    def read(*args):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "read", read)
    monkeypatch.setattr(pathlib.Path, "read_bytes", read)
    assert _results(tmp_path) == {
        "bad_sector.txt": (RejectReason.unreadable, "cannot read it: Input/output error"),
    }


def test_a_folder_and_a_file_without_read_permission_are_rejected(tmp_path):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text("Hello")
    (tmp_path / "secret.txt").write_text("Hello")
    (tmp_path / "locked").chmod(0)
    (tmp_path / "secret.txt").chmod(0)
    if os.access(tmp_path / "secret.txt", os.R_OK, effective_ids=True):
        (tmp_path / "locked").chmod(0o755)
        pytest.skip("mode bits deny nothing to this user (root); the tests above fake it")
    try:
        outcomes = _results(tmp_path)
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert outcomes == {
        "locked": (RejectReason.unreadable, "a folder that cannot be listed: Permission denied"),
        "secret.txt": (RejectReason.unreadable, "cannot read it: Permission denied"),
    }


def _warc(path, bodies, gzip=True, http=()):
    """A WARC of one response per body, written by warcio under path's name."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        for n, body in enumerate(bodies):
            fields = [("Content-Type", "text/html"), *http]
            headers = StatusAndHeaders("200 OK", fields, protocol="HTTP/1.1")
            record = writer.create_warc_record(
                f"https://example.org/{n}", "response", payload=BytesIO(body), http_headers=headers
            )
            writer.write_record(record)


def _peak_memory(function):
    import tracemalloc

    tracemalloc.start()
    try:
        result = function()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_plain_named_warc_of_gzip_members_meets_the_cap_of_a_warc_gz(tmp_path):
    import gzip

    _warc(tmp_path / "x.warc", [b"<html><p>" + b"Mali talks resume. " * 100 + b"</p></html>"] * 5)
    raw = (tmp_path / "x.warc").read_bytes()
    (tmp_path / "x.warc.gz").write_bytes(raw)
    inflated = len(gzip.decompress(raw))
    assert len(raw) * 4 < inflated  # the file itself is far under the limits below
    for name in ("x.warc", "x.warc.gz"):
        docs = list(read_inputs(tmp_path / name, tmp_path, inflated))
        assert [(type(d), d.url) for d in docs] == [
            (Doc, f"https://example.org/{n}") for n in range(5)
        ]
        (result,) = read_inputs(tmp_path / name, tmp_path, inflated - 1)
        assert (result.source_file, result.reason, result.message, result.sha256) == (
            name,
            RejectReason.too_large,
            f"decompresses to over the limit of {inflated - 1} bytes (--max-bytes)",
            hashlib.sha256(raw).hexdigest(),
        )


def _too_large_in_bounded_memory(path, message):
    """Read under a 1 MB cap: one too_large rejection, and the input never inflated whole."""
    (result,), peak = _peak_memory(lambda: list(read_inputs(path, path.parent, 1_000_000)))
    assert (result.reason, result.message) == (RejectReason.too_large, message)
    assert peak < 8_000_000


def test_a_gzip_member_with_an_endless_header_line_is_not_inflated_whole(tmp_path):
    import gzip

    bomb = b"WARC/1.0\r\nWARC-Type: response\r\nX-Pad: " + b"a" * 30_000_000 + b"\r\n\r\n"
    (tmp_path / "x.warc").write_bytes(gzip.compress(bomb))
    _too_large_in_bounded_memory(
        tmp_path / "x.warc", "decompresses to over the limit of 1000000 bytes (--max-bytes)"
    )


def test_warc_payloads_are_capped_in_total_once_inflated(tmp_path):
    import gzip

    body = b"<html><p>" + b"Mali talks resume. " * 100 + b"</p></html>"
    http = [("Content-Encoding", "gzip")]
    _warc(tmp_path / "x.warc", [gzip.compress(body)] * 3, gzip=False, http=http)
    assert (tmp_path / "x.warc").stat().st_size < 2 * len(body)
    docs = list(read_inputs(tmp_path / "x.warc", tmp_path, 3 * len(body)))
    assert [d.raw for d in docs] == [body] * 3
    (result,) = read_inputs(tmp_path / "x.warc", tmp_path, 3 * len(body) - 1)
    assert (result.reason, result.message) == (
        RejectReason.too_large,
        f"its records inflate to over the limit of {3 * len(body) - 1} bytes (--max-bytes)",
    )


def test_a_chunked_gzip_payload_is_inflated_no_further_than_the_limit(tmp_path):
    import gzip

    packed = gzip.compress(b" " * 30_000_000)
    chunked = b"%x\r\n" % len(packed) + packed + b"\r\n0\r\n\r\n"
    http = [("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")]
    _warc(tmp_path / "x.warc", [b"<p>Hello</p>", chunked], gzip=False, http=http)
    _too_large_in_bounded_memory(
        tmp_path / "x.warc", "its records inflate to over the limit of 1000000 bytes (--max-bytes)"
    )


def test_gzip_inside_gzip_is_not_handed_to_warcio(tmp_path):
    import gzip

    _warc(tmp_path / "inner.warc", [b"<p>Hello</p>"])  # gzip members already
    (tmp_path / "x.warc").write_bytes(gzip.compress((tmp_path / "inner.warc").read_bytes()))
    (result,) = read_inputs(tmp_path / "x.warc", tmp_path)
    assert (result.reason, result.message) == (
        RejectReason.not_text,
        "gzip data inside gzip data: not a WARC",
    )
    (tmp_path / "inner.warc").rename(tmp_path / "y.warc.gz")
    assert [d.raw for d in read_inputs(tmp_path / "y.warc.gz", tmp_path)] == [b"<p>Hello</p>"]
