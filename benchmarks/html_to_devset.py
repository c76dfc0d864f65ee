r"""Lay out saved HTML pages and their expected output like the dev set, to measure on pages
the builder was not tuned on.

    python benchmarks/html_to_devset.py newspaper4k-0.9.6/tests/data /tmp/held-out
    python benchmarks/quality.py /tmp/held-out

Pages with no expected output (trafilatura 0.9.3's sdist holds 110 in ``tests/cache``) can
be scored against trafilatura's own extraction from the HTML instead, a silver reference
(its title keeps a site's suffix, its date reads the meta tags):

    python benchmarks/html_to_devset.py --reference trafilatura \
        trafilatura-0.9.3/tests/cache /tmp/silver

The source folder is otherwise laid out as newspaper4k's test data (MIT; its sdist from PyPI:
``pip download newspaper4k --no-binary :all: --no-deps``): ``html/<name>.html``, the
expected body in ``txt/<name>.txt`` and the expected metadata in ``metadata/<name>.json``
(title, publish_date, meta_site_name, authors). Each page with an expected body becomes
``<out>/<name>/`` with ``raw.txt`` (the page's <body> as text, one block per line, menus and
footers kept, as the dev set's raw.txt are), ``page.html.gz`` and ``gold.json``. The
expected values are another extractor's output, so they are imperfect too.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from pathlib import Path

import lxml.html

# Elements that start and end a line of text (the rest run on inside their line).
_BLOCKS = frozenset(
    """address article aside blockquote body br dd details dialog div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr iframe li main nav ol
    option p pre section select summary table tbody td tfoot th thead title tr ul""".split()
)
_SKIPPED = frozenset({"script", "style", "template", "head"})
_SPACES = re.compile(r"\s+")


def page_text(html: bytes) -> str:
    """A page's <body> as plain text: one line per block, whitespace collapsed, script and
    style left out, everything visible or not kept (menus, captions, footers, noscript)."""
    try:
        source = html.decode("utf-8")
    except UnicodeDecodeError:
        source = html.decode("cp1252", errors="replace")
    source = re.sub(r"^<\?xml[^>]*>", "", source.lstrip("\ufeff"))
    root = lxml.html.document_fromstring(source)
    body = root.find("body")
    parts: list[str] = []

    def walk(element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag not in _SKIPPED:
            block = tag in _BLOCKS
            parts.append("\n" if block else "")
            if tag and element.text:
                parts.append(_SPACES.sub(" ", element.text))
            for child in element:
                walk(child)
            parts.append("\n" if block else "")
        if element.tail:
            parts.append(_SPACES.sub(" ", element.tail))

    walk(body if body is not None else root)
    lines = [" ".join(line.split()) for line in "".join(parts).split("\n")]
    return "\n\n".join(line for line in lines if line) + "\n"


def _gold(name: str, body: str, metadata: dict) -> dict:
    date = str(metadata.get("publish_date") or "")
    authors = metadata.get("authors") or []
    if isinstance(authors, str):  # newspaper4k writes some lists as their repr
        authors = re.findall(r"'([^']+)'", authors)
    return {
        "id": name,
        "url": metadata.get("url"),
        "headline": metadata.get("title") or None,
        "date": date[:10] if re.match(r"\d{4}-\d{2}-\d{2}", date) else None,
        "outlet": metadata.get("meta_site_name") or None,
        "body": body,
        # As quality.py reads the dev set's author and language references.
        "expected_metadata": {
            "byline": authors[0] if authors else None,
            "lang": metadata.get("meta_lang") or metadata.get("language") or None,
        },
    }


# A silver page needs a body worth scoring: an index or a shop page yields a few lines.
SILVER_MIN_WORDS = 80


def _silver_gold(name: str, html: bytes) -> dict | None:
    import trafilatura

    result = trafilatura.bare_extraction(
        html.decode("utf-8", errors="replace"), with_metadata=True, favor_precision=True
    )
    if result is None:
        return None
    found = result if isinstance(result, dict) else result.as_dict()
    if len((found.get("text") or "").split()) < SILVER_MIN_WORDS:
        return None
    metadata = {
        "title": found.get("title"),
        "publish_date": found.get("date"),
        "meta_site_name": found.get("sitename"),
        "authors": [found["author"]] if found.get("author") else [],
        "language": found.get("language"),
    }
    return _gold(name, found["text"], metadata)


def _write_page(out: Path, name: str, html: bytes, gold: dict) -> None:
    page = out / name
    page.mkdir(parents=True, exist_ok=True)
    (page / "raw.txt").write_text(page_text(html), encoding="utf-8")
    (page / "page.html.gz").write_bytes(gzip.compress(html, mtime=0))
    (page / "gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="folder with html/, txt/ and metadata/")
    parser.add_argument("out", type=Path)
    parser.add_argument(
        "--reference",
        choices=["expected", "trafilatura"],
        default="expected",
        help="gold from the folder's expected output (default) or trafilatura's extraction",
    )
    args = parser.parse_args()
    written = 0
    if args.reference == "trafilatura":
        for html_path in sorted(args.source.glob("*.html")):
            name = html_path.stem.replace(".", "_")
            html = html_path.read_bytes()
            if gold := _silver_gold(name, html):
                _write_page(args.out, name, html, gold)
                written += 1
        print(f"{written} pages in {args.out}")
        return
    for html_path in sorted((args.source / "html").glob("*.html")):
        name = html_path.stem
        body_path = args.source / "txt" / f"{name}.txt"
        if not body_path.is_file():
            continue  # no expected body: nothing to score
        meta_path = args.source / "metadata" / f"{name}.json"
        metadata = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
        gold = _gold(name, body_path.read_text(encoding="utf-8"), metadata)
        _write_page(args.out, name, html_path.read_bytes(), gold)
        written += 1
    print(f"{written} pages in {args.out}")


if __name__ == "__main__":
    main()
