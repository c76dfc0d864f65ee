"""The curator's manifest: facts about the seeds that the text does not state.

``seeds/sources.toml`` (a table per file, its name in quotes) or ``seeds/sources.csv`` (a row
per file, with a ``file`` column), in UTF-8, may give, for any seed file: ``url``, ``outlet``,
``date`` (YYYY-MM-DD), ``license`` and ``notes``, each a string (the date may also be a TOML
date). A manifest value wins over an extracted one and its source is ``manifest``. An unknown
key, a value that is not a string, a file that is not in seeds/ or is given twice, a path that
leaves seeds/, a malformed date or a manifest that is not UTF-8 stops the build with an error
naming the file, the key and the line.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import functools
import io
import re
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath

from builder.doc import BuildError, Doc

MANIFEST_NAMES = ("sources.toml", "sources.csv")
KEYS = ("url", "outlet", "date", "license", "notes")
# The line of an entry that gives a key, or of the entry itself for None.
LineOf = Callable[[str | None], int]
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclasses.dataclass(frozen=True)
class Source:
    url: str | None = None
    outlet: str | None = None
    date: dt.date | None = None
    license: str | None = None
    notes: str | None = None


def _error(manifest: str, line: int, message: str) -> BuildError:
    return BuildError(f"seeds/{manifest}, line {line}: {message}")


def _check_path(name: str, seeds_dir: Path, manifest: str, line_of: LineOf) -> str:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts:
        raise _error(
            manifest, line_of(None), f"{name!r} leaves the seeds folder; give a path inside it"
        )
    if not (seeds_dir / path).is_file():
        raise _error(manifest, line_of(None), f"{name!r} is not a file in seeds/")
    return path.as_posix()


def _date(text: str) -> dt.date:
    # Python 3.11's fromisoformat also takes 20130115 and 2013-W03-2; the manifest documents
    # one form, and a value in another is more likely a slip than a choice.
    if not _DATE.fullmatch(text):
        raise ValueError(text)
    return dt.date.fromisoformat(text)


def _kind(value: object) -> str:
    # In TOML's words, which are the curator's. bool is a subclass of int and datetime of
    # date, so each comes before its base.
    kinds = (
        (bool, "a boolean"),
        (int, "an integer"),
        (float, "a float"),
        (dt.datetime, "a date-time"),
        (dt.date, "a date"),
        (dt.time, "a time"),
        (list, "an array"),
        (dict, "a table"),
    )
    return next((kind for cls, kind in kinds if isinstance(value, cls)), type(value).__name__)


def _entry(values: dict, name: str, manifest: str, line_of: LineOf) -> Source:
    unknown = sorted(set(values) - set(KEYS))
    if unknown:
        raise _error(
            manifest,
            line_of(unknown[0]),
            f"{name}: unknown key {unknown[0]!r}; valid keys: {', '.join(KEYS)}",
        )
    date = values.get("date")
    if isinstance(date, str):
        try:
            date = _date(date.strip()) if date.strip() else None
        except ValueError:
            raise _error(
                manifest, line_of("date"), f"{name}: date {date!r} is not YYYY-MM-DD"
            ) from None
    elif isinstance(date, dt.datetime) or not isinstance(date, dt.date | None):
        raise _error(
            manifest, line_of("date"), f"{name}: date must be YYYY-MM-DD, found {_kind(date)}"
        )
    texts = {}
    for key in ("url", "outlet", "license", "notes"):
        value = values.get(key)
        if not isinstance(value, str | None):
            raise _error(
                manifest, line_of(key), f"{name}: {key} must be a string, found {_kind(value)}"
            )
        texts[key] = value.strip() or None if value is not None else None
    return Source(date=date, **texts)


# TOML's key syntax, enough to tell which key a line gives; tomllib keeps no positions.
_KEY = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_DOTTED = rf"{_KEY}(?:\s*\.\s*{_KEY})*"
_HEADER = re.compile(rf"\[\[?\s*({_DOTTED})\s*\]\]?\s*(?:#.*)?")
_ASSIGNMENT = re.compile(rf"({_DOTTED})\s*=")


def _key_path(dotted: str) -> tuple[str, ...]:
    try:
        node = tomllib.loads(f"{dotted} = 0")
    except tomllib.TOMLDecodeError:
        return ()
    path = []
    while isinstance(node, dict):
        ((key, node),) = node.items()
        path.append(key)
    return tuple(path)


def _toml_line(text: str, name: str, key: str | None = None) -> int:
    """The line that gives ``key`` of table ``name``; the table's first line without one."""
    target = (name,) if key is None else (name, key)
    table: tuple[str, ...] = ()
    first, closing = None, None
    for number, line in enumerate(text.split("\n"), start=1):
        if closing:
            if line.count(closing) % 2:
                closing = None
            continue
        if header := _HEADER.fullmatch(line.strip()):
            path = table = _key_path(header[1])
        elif assignment := _ASSIGNMENT.match(line.strip()):
            path = table + _key_path(assignment[1])
        else:
            path = ()
        if path[: len(target)] == target:
            return number
        if path[:1] == (name,) and first is None:
            first = number
        closing = next((q for q in ('"""', "'''") if line.count(q) % 2), None)
    return first or 1


def _same_line(line: int, _key: str | None) -> int:
    return line


def _read(path: Path, manifest: str) -> str:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise BuildError(f"seeds/{manifest}: cannot be read ({err.strerror or err})") from None
    # Spreadsheets and Windows editors start a UTF-8 file with a byte-order mark; left in,
    # it would become part of the first column's name.
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        # The decoder counts from after the mark; the curator's hex editor counts from 0.
        offset = err.start + len(data) - len(err.object)
        line = data[:offset].count(b"\n") + 1
        raise _error(
            manifest,
            line,
            f"not UTF-8 text (byte 0x{data[offset]:02x} at offset {offset}); save it as UTF-8",
        ) from None


def _unquoted_name(name: str, values: dict, seeds_dir: Path) -> str | None:
    """``a.txt`` when the entry is TOML's reading of ``[a.txt]``: table a holding table txt."""
    if (seeds_dir / name).is_file():
        return None
    names = []

    def walk(dotted: str, table: dict) -> None:
        inner = [(k, v) for k, v in table.items() if isinstance(v, dict) and k not in KEYS]
        if not inner:
            names.append(dotted)
        for key, value in inner:
            walk(f"{dotted}.{key}", value)

    walk(name, values)
    if names == [name]:
        return None
    # [report.2013.txt] and [report.2014.txt] share the table report; hint at a real one.
    return next((dotted for dotted in names if (seeds_dir / dotted).is_file()), names[0])


def _toml_entries(text: str, manifest: str) -> Iterator[tuple[str, dict, LineOf]]:
    try:
        tables = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise BuildError(f"seeds/{manifest}: {err}") from None
    for name, values in tables.items():
        # Found only when an error needs it: a scan of the text per table.
        line_of = functools.partial(_toml_line, text, name)
        if not isinstance(values, dict):
            raise _error(manifest, line_of(None), f"{name}: expected a table of keys")
        yield name, values, line_of


def _csv_entries(text: str, manifest: str) -> Iterator[tuple[str, dict, LineOf]]:
    reader = csv.DictReader(io.StringIO(text))
    columns = reader.fieldnames or []
    if "file" not in columns:
        raise _error(manifest, 1, "the header needs a 'file' column")
    unknown = [column for column in columns if column not in ("file", *KEYS)]
    if unknown:
        raise _error(
            manifest,
            1,
            f"unknown column {unknown[0]!r}; valid columns: {', '.join(('file', *KEYS))}",
        )
    twice = [column for column in columns if columns.count(column) > 1]
    if twice:
        raise _error(manifest, 1, f"column {twice[0]!r} appears twice; keep one")
    for row in reader:
        line = reader.line_num
        # Spreadsheets export empty cells past the header and rows of empty cells.
        extra = [value for value in row.pop(None, []) if value.strip()]
        cells = {k: v for k, v in row.items() if v is not None}
        if not extra and not any(value.strip() for value in cells.values()):
            continue
        name = cells.pop("file", "")
        if not name.strip():
            raise _error(manifest, line, "the row names no file in its 'file' column")
        if extra:
            raise _error(
                manifest,
                line,
                f"{name}: value {extra[0]!r} is past the header's {len(columns)} columns "
                f"({', '.join(columns)})",
            )
        yield name, cells, functools.partial(_same_line, line)


def load_sources(seeds_dir: Path) -> dict[str, Source]:
    """Manifest entries by seed path; empty when there is no manifest."""
    found = [name for name in MANIFEST_NAMES if (seeds_dir / name).is_file()]
    if len(found) > 1:
        raise BuildError(f"seeds/: both {' and '.join(found)}; keep one manifest")
    if not found:
        return {}
    manifest = found[0]
    text = _read(seeds_dir / manifest, manifest)
    entries = _toml_entries if manifest.endswith(".toml") else _csv_entries
    sources: dict[str, Source] = {}
    first: dict[str, tuple[str, LineOf]] = {}
    for name, values, line_of in entries(text, manifest):
        if dotted := _unquoted_name(name, values, seeds_dir):
            raise _error(
                manifest,
                line_of(None),
                f"[{dotted}] is read as nested tables (a dot in a bare name separates tables);"
                f' write the file name in quotes: ["{dotted}"]',
            )
        path = _check_path(name, seeds_dir, manifest, line_of)
        if path in first:
            # ./x.txt and x.txt are one seed; the later entry would silently replace the other.
            earlier, earlier_line_of = first[path]
            where = earlier_line_of(None)
            said = (
                f"is given again (first on line {where})"
                if earlier == name
                else f"is the same file as {earlier!r} on line {where}"
            )
            raise _error(manifest, line_of(None), f"{name!r} {said}; keep one entry per file")
        first[path] = name, line_of
        sources[path] = _entry(values, name, manifest, line_of)
    return sources


def apply_source(doc: Doc, source: Source | None) -> Doc:
    """Manifest values win over extracted ones; their source says so."""
    if source is None:
        return doc
    for field in ("outlet", "date"):
        value = getattr(source, field)
        if value is not None:
            doc.meta[field], doc.meta[f"{field}_source"] = value, "manifest"
    if source.url:
        doc.url = source.url
    doc.meta["license"] = source.license
    return doc
