"""Read stage: one input file to its documents, or a rejection that says why not.

A file is page text (``.txt`` and anything unrecognised), saved HTML (``.html``/``.htm``) or
a crawl (``.warc``), each optionally gzip-compressed. A WARC file gives one document per
response record. Nothing in an input is executed or unpickled; compressed input is
decompressed under the same size cap as plain input, and a symlink that leads out of the
seeds folder is refused.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import re
import stat
import zlib
from collections.abc import Iterator
from pathlib import Path

from builder.defaults import DEFAULT_MAX_BYTES
from builder.doc import BuildError, Doc, Rejection, RejectReason

# Curator files that live in seeds/ but are not articles.
NOT_ARTICLES = frozenset({"sources.toml", "sources.csv", "README.md"})
_HEX_ID = re.compile(r"(?:^|[_-])([0-9a-f]{8,64})$")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
WARC_SUFFIXES = (".warc", ".arc")


def record_id(relative_path: str) -> str:
    """The hex part of the file name when there is one, else a stable hash of the path."""
    stem = relative_path.rsplit("/", 1)[-1].split(".", 1)[0]
    match = _HEX_ID.search(stem)
    if match:
        return match.group(1)
    return hashlib.sha256(relative_path.encode("utf-8")).hexdigest()[:16]


def input_format(relative_path: str) -> str:
    name = relative_path.lower().removesuffix(".gz")
    if name.endswith(HTML_SUFFIXES):
        return "html"
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    return "text"


def list_inputs(seeds_dir: Path) -> list[Path]:
    """Every input under seeds_dir in a stable order; hidden names and curator files skipped.

    Whatever is not a folder is an input, FIFOs and sockets too, so that it ends as a
    rejection instead of vanishing; so is a folder that cannot be listed, whose files would
    otherwise vanish with it.
    """
    inputs = []
    folders = [seeds_dir]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as err:
            if folder == seeds_dir:
                raise BuildError(
                    f"{seeds_dir}: cannot list the seeds folder: {_why(err)}"
                ) from None
            inputs.append(folder)
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                # A link to a folder is not followed: it is an input, rejected when read.
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_folder = False  # read_inputs meets the same error and reports it
            if is_folder:
                folders.append(path)
            elif path.relative_to(seeds_dir).as_posix() not in NOT_ARTICLES:
                inputs.append(path)
    return sorted(inputs, key=lambda p: p.relative_to(seeds_dir).as_posix())


def _why(err: OSError) -> str:
    return err.strerror or str(err)


def sha256_file(path: Path) -> str:
    """SHA-256 of a file, read in blocks: inputs may be too large to hold whole."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def gunzip_capped(data: bytes, max_bytes: int) -> bytes | None:
    """Decompress at most max_bytes; None when the content is larger (a gzip bomb)."""
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
        content = stream.read(max_bytes + 1)
    return None if len(content) > max_bytes else content


_GZIP_MAGIC = b"\x1f\x8b"
_BLOCK = 1 << 20
_NOT_REGULAR = {
    stat.S_IFIFO: "a FIFO",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFDIR: "a folder",
}


def read_inputs(
    path: Path, seeds_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Doc | Rejection]:
    """The documents of one input file, or the one rejection that ends it."""
    relative = path.relative_to(seeds_dir).as_posix()
    try:
        read = _read_capped(path, seeds_dir, relative, max_bytes)
    except OSError as err:
        yield Rejection(relative, RejectReason.unreadable, f"cannot read it: {_why(err)}")
        return
    except RuntimeError:  # how pathlib's resolve() reports a symlink loop
        yield Rejection(relative, RejectReason.unreadable, "cannot read it: a symlink loop")
        return
    if isinstance(read, Rejection):
        yield read
        return
    raw, sha256 = read
    fmt = input_format(relative)
    content = raw
    if relative.lower().endswith(".gz"):
        content = _gunzip(content, relative, sha256, max_bytes)
    # warcio inflates gzip members in a file of any name, and with no cap: it is only given
    # inflated data, so a plain-named WARC of gzip members meets the cap a .warc.gz meets.
    if fmt == "warc" and isinstance(content, bytes) and content.startswith(_GZIP_MAGIC):
        content = _gunzip(content, relative, sha256, max_bytes)
        if isinstance(content, bytes) and content.startswith(_GZIP_MAGIC):
            message = "gzip data inside gzip data: not a WARC"
            content = Rejection(relative, RejectReason.not_text, message, sha256)
    if isinstance(content, Rejection):
        yield content
        return
    if not content.strip():
        yield Rejection(
            relative, RejectReason.empty, "the file is empty or whitespace only", sha256
        )
        return
    if fmt == "warc":
        yield from _warc_documents(content, relative, sha256, max_bytes)
        return
    yield Doc(source_file=relative, raw=content, sha256=sha256, id=record_id(relative), format=fmt)


def _read_capped(
    path: Path, seeds_dir: Path, relative: str, max_bytes: int
) -> tuple[bytes, str] | Rejection:
    """The bytes of a regular file and their SHA-256, or why they are not read.

    OSError and RuntimeError (a symlink loop) are left to the caller.
    """
    if path.is_symlink() and not path.resolve().is_relative_to(seeds_dir.resolve()):
        return Rejection(relative, RejectReason.unsafe_path, "a symlink that leads out of seeds/")
    mode = os.stat(path).st_mode  # stat, not open: opening a FIFO waits for a writer
    link = path.is_symlink()
    if stat.S_ISDIR(mode) and not link:
        return _unlisted_folder(path, relative)
    if not stat.S_ISREG(mode):
        return _not_regular(relative, mode, link)
    # Non-blocking, and checked again once open: the file may have been swapped for a FIFO.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            return _not_regular(relative, status.st_mode)
        digest = hashlib.sha256()
        blocks, size = [], 0
        while block := os.read(fd, _BLOCK):
            digest.update(block)
            size += len(block)
            if size <= max_bytes:
                blocks.append(block)
            elif blocks:
                blocks = []  # over the limit: only the digest is still wanted
    finally:
        os.close(fd)
    if size > max_bytes:
        return Rejection(
            relative,
            RejectReason.too_large,
            f"{size} bytes is over the limit of {max_bytes} (--max-bytes)",
            digest.hexdigest(),
        )
    return b"".join(blocks), digest.hexdigest()


def _not_regular(relative: str, mode: int, link: bool = False) -> Rejection:
    kind = _NOT_REGULAR.get(stat.S_IFMT(mode), "a special file")
    kind = f"a symlink to {kind}" if link else kind
    return Rejection(relative, RejectReason.not_regular_file, f"{kind}, not a regular file")


def _unlisted_folder(path: Path, relative: str) -> Rejection:
    """A folder list_inputs could not list: its files were never seen."""
    try:
        with os.scandir(path):
            why = "it could not be listed when the inputs were gathered"
    except OSError as err:
        why = _why(err)
    return Rejection(relative, RejectReason.unreadable, f"a folder that cannot be listed: {why}")


def _gunzip(data: bytes, relative: str, sha256: str, max_bytes: int) -> bytes | Rejection:
    try:
        content = gunzip_capped(data, max_bytes)
    except (OSError, EOFError, zlib.error) as err:
        return Rejection(relative, RejectReason.not_text, f"broken gzip data: {err}", sha256)
    if content is None:
        return Rejection(
            relative,
            RejectReason.too_large,
            f"decompresses to over the limit of {max_bytes} bytes (--max-bytes)",
            sha256,
        )
    return content


def _warc_documents(
    data: bytes, relative: str, sha256: str, max_bytes: int
) -> Iterator[Doc | Rejection]:
    """One document per WARC response record with an HTML or text payload.

    A WARC gives all its documents or one rejection: payloads are collected before any is
    handed on, and their total, inflated from any HTTP Content-Encoding, is capped at
    max_bytes as one file's content is. Damage after complete records ends the file there:
    the records read before it are kept, as a crawl cut short still holds them whole.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    docs: list[Doc] = []
    budget = max_bytes
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            mime = (record.http_headers.get_header("Content-Type") or "").lower()
            if "html" not in mime and "text/plain" not in mime:
                continue
            payload = _read_payload(record, budget)
            budget -= len(payload)
            if budget < 0:
                yield Rejection(
                    relative,
                    RejectReason.too_large,
                    f"its records inflate to over the limit of {max_bytes} bytes (--max-bytes)",
                    sha256,
                )
                return
            if not payload.strip():
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            key = f"{relative}#{record.rec_headers.get_header('WARC-Record-ID') or len(docs) + 1}"
            docs.append(
                Doc(
                    source_file=relative,
                    raw=payload,
                    sha256=sha256,
                    id=hashlib.sha256(key.encode("utf-8")).hexdigest()[:16],
                    format="html" if "html" in mime else "text",
                    url=uri or None,
                    container="warc",
                )
            )
    except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError) as err:
        if not docs:
            yield Rejection(relative, RejectReason.not_text, f"unreadable WARC: {err}", sha256)
            return
    if not docs:
        yield Rejection(
            relative, RejectReason.no_article, "the WARC holds no HTML or text response", sha256
        )
    yield from docs


# zlib window settings to try for each HTTP Content-Encoding, as warcio does: a deflate body
# may be zlib-wrapped or raw.
_INFLATE_WBITS = {"gzip": (16 + zlib.MAX_WBITS,), "deflate": (zlib.MAX_WBITS, -zlib.MAX_WBITS)}


def _read_payload(record, limit: int) -> bytes:
    """At most limit + 1 bytes of a response's HTTP body, de-chunked and inflated.

    What warcio's content_stream gives, but inflated under the cap: warcio inflates each
    block or chunk whole, a thousand times its size. One byte over is enough to know it is
    too large. Brotli is left encoded: warcio decodes it only when an optional module is
    installed, and the build's output must not depend on that.
    """
    from warcio.bufferedreaders import ChunkedDataReader

    body = record.raw_stream
    if record.http_headers.get_header("Transfer-Encoding") == "chunked":
        body = ChunkedDataReader(body)  # no decomp_type: de-chunked, never larger
    encoding = (record.http_headers.get_header("Content-Encoding") or "").lower()
    if encoding not in _INFLATE_WBITS:
        return body.read(limit + 1)
    packed = body.read()  # no larger than the WARC, which is within the cap
    for wbits in _INFLATE_WBITS[encoding]:
        try:
            return zlib.decompressobj(wbits).decompress(packed, limit + 1)
        except zlib.error:
            continue
    return packed[: limit + 1]  # labelled compressed but is not: kept as sent, as warcio does
