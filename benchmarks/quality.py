"""Score the builder's extraction on a folder laid out like the dev set.

    python benchmarks/quality.py ../shared/devset/mozilla [--out predictions.jsonl] [--html]

Each <name>/raw.txt is cleaned and its metadata extracted exactly as `build` does; the
predictions are written as JSONL and scored by the shared scorer, whose lines are printed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
from pathlib import Path

from builder.pipeline import extract_fields, line_frequency

DEFAULT_SCORER = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "score.py"


def predict_html(gold_dir: Path) -> list[dict]:
    """The HTML path: each page.html.gz through trafilatura, as a .html seed would go."""
    pages = sorted(p for p in gold_dir.iterdir() if (p / "page.html.gz").is_file())
    return [
        extract_fields(
            gzip.decompress((p / "page.html.gz").read_bytes()), p.name, doc_format="html"
        )
        for p in pages
    ]


def predict(gold_dir: Path) -> list[dict]:
    pages = sorted(p for p in gold_dir.iterdir() if (p / "raw.txt").is_file())
    # The same two phases as a build: line frequency over every page, then each page.
    frequent = line_frequency((page / "raw.txt").read_bytes() for page in pages).frequent()
    return [
        extract_fields((page / "raw.txt").read_bytes(), page.name, frequent=frequent)
        for page in pages
    ]


def write_predictions(predictions: list[dict], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for record in predictions:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold_dir", type=Path)
    parser.add_argument("--out", type=Path, default=Path("predictions.jsonl"))
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    parser.add_argument("--per-doc", type=Path, help="also write per-document scores here")
    parser.add_argument(
        "--html", action="store_true", help="score the HTML path on page.html.gz instead of raw.txt"
    )
    args = parser.parse_args()
    predictions = predict_html(args.gold_dir) if args.html else predict(args.gold_dir)
    write_predictions(predictions, args.out)
    command = [sys.executable, str(args.scorer), str(args.gold_dir), str(args.out)]
    if args.per_doc:
        command += ["--per-doc", str(args.per_doc)]
    sys.exit(subprocess.run(command, check=False).returncode)


if __name__ == "__main__":
    main()
