"""Audit page: one self-contained HTML file showing every cleaning decision of a version.

For each record: its metadata with the source of each value, and its raw text with every
removed line struck through and labelled with its reason code (an HTML page's raw text is
the page rendered as text, as the build numbered its lines). Rejected inputs are listed
with their reasons. A search box and a reason filter work offline: no network, no CDN.
"""

from __future__ import annotations

import gzip
import hashlib
import heapq
import html
import itertools
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq

from builder.decode import decode
from builder.doc import LINE_REASONS, Doc, Rejection
from builder.html import page_lines
from builder.release import PROVENANCE_FIELDS, REJECTED

_STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:1em;color:#222}
header{position:sticky;top:0;background:#fff;padding:.5em 0;border-bottom:1px solid #ccc}
input,select{font:inherit;padding:.3em;margin-right:1em}
article{border:1px solid #ddd;border-radius:6px;margin:1em 0;padding:.5em 1em}
article.hidden,li.hidden{display:none}
table.meta td{padding:0 .8em 0 0;vertical-align:top}
.src{color:#777;font-size:12px}
ol.raw{font-family:ui-monospace,monospace;font-size:12px;padding-left:4em}
ol.raw li.removed{color:#999;text-decoration:line-through}
ol.raw li.removed.match{background:#fff3b0}
.reason{text-decoration:none;display:inline-block;margin-left:.6em;padding:0 .4em;
border-radius:3px;background:#eee;color:#a33;font-size:11px}
"""

_SCRIPT = """
const search = document.getElementById('search');
const reason = document.getElementById('reason');
function apply() {
  const q = search.value.trim().toLowerCase();
  const r = reason.value;
  let shown = 0;
  for (const a of document.querySelectorAll('article.record')) {
    const textOk = !q || a.textContent.toLowerCase().includes(q);
    const reasons = a.dataset.reasons.split(' ');
    const reasonOk = !r || reasons.includes(r);
    a.classList.toggle('hidden', !(textOk && reasonOk));
    for (const li of a.querySelectorAll('li.removed')) {
      li.classList.toggle('match', !!r && li.dataset.reason === r);
    }
    if (textOk && reasonOk) shown++;
  }
  document.getElementById('count').textContent = shown + ' shown';
}
search.addEventListener('input', apply);
reason.addEventListener('change', apply);
apply();
"""


def _raw_lines(seeds_dir: Path, row: dict) -> tuple[list[str] | None, str]:
    """The record's raw lines, numbered as the build numbered them (the same decoding, and
    for HTML the same rendering as text), or None and why they cannot be shown."""
    if row["source_format"] == "warc":
        return None, "A record of a WARC file: the extracted body follows."
    source_file = row["source_file"]
    path = seeds_dir / source_file
    if not path.is_file():
        return None, "The input is not in the seeds folder: the extracted body follows."
    raw = path.read_bytes()
    # Other bytes would give other lines: the record's line numbers would point at them.
    if hashlib.sha256(raw).hexdigest() != row["source_sha256"]:
        return None, "The input has changed since the build: the extracted body follows."
    if source_file.lower().endswith(".gz"):
        raw = gzip.decompress(raw)  # the very bytes the build decompressed within its limit
    doc = decode(Doc(source_file, raw, row["source_sha256"], row["id"], row["source_format"]))
    if isinstance(doc, Rejection):
        return None, "The input no longer decodes: the extracted body follows."
    if row["source_format"] == "html":
        return page_lines(doc.text), "The page rendered as text, one block a line."
    return doc.text.split("\n"), ""


def _record_html(row: dict, seeds_dir: Path) -> str:
    esc = html.escape
    removed = {item["line_no"]: item["reason"] for item in row["removed_lines"]}
    meta_rows = []
    withheld = {item["field"]: item for item in row.get("withheld") or []}
    for field in PROVENANCE_FIELDS:
        value = row[field]
        source = row[f"{field}_source"]
        shown = esc(str(value)) if value is not None else "<i>null</i>"
        if field in withheld:
            # A withheld value is shown struck through, with the confidence that held it back.
            shown = f"<s>{esc(withheld[field]['value'])}</s> <i>withheld</i>"
        confidence = row.get(f"{field}_confidence")
        if confidence is not None:
            shown += f" <span class='src'>confidence {confidence:.2f}</span>"
        provenance = f"<span class='src'>{esc(source or '')}</span>"
        meta_rows.append(f"<tr><td>{field}</td><td>{shown} {provenance}</td></tr>")
    for field in ("split", "cluster_id", "is_canonical", "word_count", "source_format", "url"):
        meta_rows.append(f"<tr><td>{field}</td><td>{esc(str(row[field]))}</td></tr>")
    lines, note = _raw_lines(seeds_dir, row)
    if lines is None:
        body = "".join(f"<li>{esc(p)}</li>" for p in row["body"].split("\n\n"))
        raw = f"<p class='src'>{esc(note)}</p><ol>{body}</ol>"
    else:
        items = []
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            reason = removed.get(number)
            if reason:
                items.append(
                    f"<li value='{number}' class='removed' data-reason='{reason}'>"
                    f"<s>{esc(line)}</s>"
                    f"<span class='reason'>{reason}</span></li>"
                )
            else:
                items.append(f"<li value='{number}'>{esc(line)}</li>")
        caption = f"<p class='src'>{esc(note)}</p>" if note else ""
        raw = f"{caption}<ol class='raw'>{''.join(items)}</ol>"
    reasons = " ".join(sorted(set(removed.values())))
    return (
        f"<article class='record' id='r-{esc(row['id'])}' data-reasons='{reasons}'>"
        f"<h2>{esc(row['headline'] or '(no headline)')}</h2>"
        f"<p class='src'>{esc(row['id'])} · {esc(row['source_file'])}</p>"
        f"<table class='meta'>{''.join(meta_rows)}</table>{raw}</article>"
    )


def _rows_in_id_order(paths: list[Path]) -> Iterator[dict]:
    """Rows of every split file merged in id order (each file is sorted by id), streamed."""

    def rows(path: Path) -> Iterator[dict]:
        for batch in pq.ParquetFile(path).iter_batches(batch_size=1024):
            yield from batch.to_pylist()

    return heapq.merge(*(rows(path) for path in paths), key=lambda row: row["id"])


def audit_page(version_dir: Path, seeds_dir: Path, limit: int | None = None) -> str:
    """The page for a version; with limit, its first records by id (a large version's sample)."""
    paths = sorted(version_dir.glob("*.parquet"))
    total = sum(pq.ParquetFile(path).metadata.num_rows for path in paths)
    rows = list(itertools.islice(_rows_in_id_order(paths), limit))
    shown = f"{len(rows)} of {total}" if len(rows) < total else f"{total}"
    rejected_path = version_dir / REJECTED
    rejected = [
        json.loads(line)
        for line in (
            rejected_path.read_text(encoding="utf-8").splitlines() if rejected_path.exists() else []
        )
    ]
    options = "".join(
        f"<option value='{r.value}'>{r.value}: {html.escape(text)}</option>"
        for r, text in LINE_REASONS.items()
    )
    rejected_items = (
        "".join(
            f"<li><b>{html.escape(r['source_file'])}</b>: <code>{html.escape(r['reason'])}</code> "
            f"{html.escape(r['message'])}</li>"
            for r in rejected
        )
        or "<li>none</li>"
    )
    version = version_dir.name
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>mali-news {version} audit</title><style>{_STYLE}</style></head><body>"
        f"<header><h1>mali-news {version}: cleaning audit</h1>"
        "<input id='search' type='search' placeholder='Search records'>"
        f"<select id='reason'><option value=''>all removal reasons</option>{options}</select>"
        f"<span id='count'></span></header>"
        f"<section id='rejected'><h2>Rejected inputs ({len(rejected)})</h2>"
        f"<ul>{rejected_items}</ul></section>"
        f"<section id='records'><h2>Records ({shown})</h2>"
        f"{''.join(_record_html(row, seeds_dir) for row in rows)}</section>"
        f"<script>{_SCRIPT}</script></body></html>\n"
    )


def write_audit(version_dir: Path, seeds_dir: Path, out: Path, limit: int | None = None) -> Path:
    out.write_text(audit_page(version_dir, seeds_dir, limit), encoding="utf-8")
    return out
