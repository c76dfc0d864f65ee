"""Hostile and broken inputs: each ends as a record or a rejection, never a crash."""

import gzip
import json
import shutil
import string
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.build import build
from builder.doc import RejectReason
from builder.pipeline import process_folder
from tests.conftest import REPO

NASTY = REPO / "tests" / "fixtures" / "nasty"
REASONS = {reason.value for reason in RejectReason}


def _nasty_seeds(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in NASTY.iterdir():
        if path.name == "expected.json":
            continue
        if path.suffix == ".gz":
            (seeds / path.stem).write_bytes(gzip.decompress(path.read_bytes()))
        else:
            shutil.copy(path, seeds / path.name)
    return seeds


@pytest.fixture(scope="module")
def nasty_build(tmp_path_factory):
    """The nasty folder through the stages once: its 5 MB lines take seconds to clean."""
    seeds = _nasty_seeds(tmp_path_factory.mktemp("nasty"))
    assert (seeds / "one_5mb_line.txt").stat().st_size >= 5_000_000
    articles, rejections, _ = process_folder(seeds)
    return list(articles), rejections


@pytest.mark.xdist_group("nasty")
def test_every_nasty_file_has_its_expected_outcome(nasty_build):
    expected = json.loads((NASTY / "expected.json").read_text(encoding="utf-8"))["outcomes"]
    articles, rejections = nasty_build
    outcomes = {a.source_file: "record" for a in articles}
    outcomes |= {r.source_file: r.reason.value for r in rejections}
    assert outcomes == expected


@pytest.mark.xdist_group("nasty")
def test_crlf_bom_and_right_to_left_records_are_clean(nasty_build):
    articles = {a.source_file: a for a in nasty_build[0]}
    crlf, bom = articles["crlf_line_endings.txt"], articles["utf8_bom.txt"]
    assert crlf.body == bom.body and "\r" not in crlf.body
    assert crlf.headline == bom.headline == "Mali talks resume in Algiers"
    assert (crlf.dateline, str(crlf.date)) == ("ALGIERS", "2013-03-03")
    rtl = articles["mixed_right_to_left.txt"]
    assert rtl.headline == "مالي: القوات الفرنسية تدعم الجيش المالي في الشمال"
    assert rtl.body.count("\n\n") == 3 and "Konna" in rtl.body


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)) | st.sampled_from(string.printable),
    max_size=3000,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    texts=st.lists(_TEXT, min_size=1, max_size=4),
    blobs=st.lists(st.binary(max_size=3000), max_size=3),
)
def test_fuzzed_inputs_go_through_the_whole_build(texts, blobs):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        seeds = root / "seeds"
        seeds.mkdir()
        for n, text in enumerate(texts):
            (seeds / f"text_{n}.txt").write_text(text, encoding="utf-8")
        for n, blob in enumerate(blobs):
            (seeds / f"blob_{n}.txt").write_bytes(blob)
        articles, rejections, _ = process_folder(seeds)
        names = sorted([a.source_file for a in articles] + [r.source_file for r in rejections])
        assert names == sorted(p.name for p in seeds.iterdir())
        assert {r.reason.value for r in rejections} <= REASONS
        if articles:
            result = build(seeds, root / "data", "1.0.0")
            assert len(result.articles) + len(result.rejections) == len(names)
