import datetime as dt
import gzip
import hashlib

import pytest

from builder.doc import BuildError
from builder.pipeline import Options, process_folder
from tests.conftest import SEEDS

# The seeds table of the foundation issue: (headline, date, outlet, author).
EXPECTED = {
    "000_f43590dcf1fa9506.txt": (
        "US weighs options to drive Qaeda from Mali",
        dt.date(2012, 7, 27),
        None,
        None,
    ),
    "001_11a2904bc4289e89.txt": (
        "Countering al-Qaida in Mali Requires Regional Cooperation",
        dt.date(2012, 10, 24),
        "American Forces Press Service",
        "Jim Garamone",
    ),
    "002_85fd74c31d99d556.txt": (
        "US vows aid for Mali battle but \u2018no boots on ground\u2019",
        dt.date(2013, 1, 15),
        None,
        None,
    ),
    "003_4c147c20ba632c38.txt": ("International Community Stands With Mali", None, None, None),
    "004_ea10a3fbe739af27.txt": (
        "Mali Attacks Islamists with Foreign Backing",
        None,
        "Breitbart",
        None,
    ),
}
NEVER_IN_BODY = [
    "Security-Cleared Career Network",
    "Join the mailing list",
    "Skip to content",
    "Accessibility links",
    "Breaking News",
    "Home News",
    "Published on",
    "By Jim Garamone",
    "Comment count on this article",
    "Nigerian troops for the African-led",
]


@pytest.fixture(scope="module")
def seed_records():
    articles, rejections, _ = process_folder(SEEDS)
    assert rejections == []
    return {a.source_file: a for a in articles}


def test_seeds_table(seed_records):
    got = {name: (a.headline, a.date, a.outlet, a.author) for name, a in seed_records.items()}
    assert got == EXPECTED


def test_seed_bodies_are_article_text_only(seed_records):
    for article in seed_records.values():
        paragraphs = article.body.split("\n\n")
        assert len(paragraphs) == len(set(paragraphs)), article.source_file
        assert article.headline not in paragraphs
        for phrase in NEVER_IN_BODY:
            assert phrase not in article.body, (article.source_file, phrase)
        assert not any(p in {"XS", "SM", "MD", "LG"} for p in paragraphs)
        assert all(p == p.strip() and p for p in paragraphs)


def test_seed_bodies_keep_every_article_paragraph_in_order(seed_records):
    raw = (SEEDS / "004_ea10a3fbe739af27.txt").read_text(encoding="utf-8").split("\n")
    body = seed_records["004_ea10a3fbe739af27.txt"].body.split("\n\n")
    assert body == [line for line in raw[7:44] if line.strip()]
    assert body[0].startswith("Malian government forces on Friday")


def test_seed_provenance(seed_records):
    sources = {
        name: (a.date_source, a.outlet_source, a.dateline) for name, a in seed_records.items()
    }
    assert sources["001_11a2904bc4289e89.txt"] == (
        "text:dateline",
        "text:agency_line",
        "WASHINGTON",
    )
    assert sources["002_85fd74c31d99d556.txt"] == ("text:stamp", None, None)
    assert sources["004_ea10a3fbe739af27.txt"] == (None, "text:footer", None)


def test_every_input_ends_as_one_record_or_one_rejection(tmp_path):
    (tmp_path / "good_0123456789abcdef.txt").write_bytes(
        (SEEDS / "000_f43590dcf1fa9506.txt").read_bytes()
    )
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (tmp_path / "chrome.txt").write_bytes(b"Share\nTweet\nSign in\nSubscribe\n")
    articles, rejections, counts = process_folder(tmp_path)
    assert [a.source_file for a in articles] == ["good_0123456789abcdef.txt"]
    assert {r.source_file: r.reason.value for r in rejections} == {
        "empty.txt": "empty",
        "image.txt": "not_text",
        "chrome.txt": "no_article",
    }
    assert counts.inputs["read"] == 4
    lines = [line.rsplit(" seconds=", 1)[0] for line in counts.summary_lines()]
    assert "validate   in=2 out=1 rejected=1 (no_article=1)" in lines
    assert "read       in=4 out=3 rejected=1 (empty=1)" in lines


def _failing(monkeypatch, step: str, error: Exception, on: str = "000_") -> None:
    """builder.pipeline's step (a function of a Doc or an Article) raises error on the pages
    whose file name opens with on."""
    import builder.pipeline

    original = getattr(builder.pipeline, step)

    def failing(page, *args, **kwargs):
        if page.source_file.startswith(on):
            raise error
        return original(page, *args, **kwargs)

    monkeypatch.setattr(builder.pipeline, step, failing)


def _described(rejections):
    return [(r.source_file, r.reason.value, r.message) for r in rejections]


def _stage_error(source_file: str, stage: str, error: str) -> tuple[str, str, str]:
    """A stage_error rejection as _described gives it: the file, the reason, the message."""
    message = f"the {stage} stage failed ({error}); "
    return (
        source_file,
        "stage_error",
        message + "rerun with mali-news --debug build for the traceback",
    )


def _two_seeds(folder):
    for name in ("000_f43590dcf1fa9506.txt", "001_11a2904bc4289e89.txt"):
        (folder / name).write_bytes((SEEDS / name).read_bytes())


def test_a_stage_error_rejects_its_page_and_the_build_goes_on(tmp_path, monkeypatch):
    _two_seeds(tmp_path)
    _failing(monkeypatch, "extract", IndexError("list index out of range"))
    articles, rejections, counts = process_folder(tmp_path)
    assert [a.source_file for a in articles] == ["001_11a2904bc4289e89.txt"]
    assert _described(rejections) == [
        _stage_error("000_f43590dcf1fa9506.txt", "extract", "IndexError")
    ]
    assert (
        rejections[0].sha256
        == hashlib.sha256((SEEDS / "000_f43590dcf1fa9506.txt").read_bytes()).hexdigest()
    )
    lines = [line.rsplit(" seconds=", 1)[0] for line in counts.summary_lines()]
    assert "extract    in=2 out=1 rejected=1 (stage_error=1)" in lines


def test_debug_stops_at_a_stage_error_and_a_fatal_error_always_stops(tmp_path, monkeypatch):
    _two_seeds(tmp_path)
    _failing(monkeypatch, "extract", IndexError("list index out of range"))
    with pytest.raises(IndexError, match="out of range"):
        process_folder(tmp_path, Options(debug=True))
    monkeypatch.undo()
    _failing(monkeypatch, "extract", BuildError("model.json: cannot read the model"), on="001_")
    with pytest.raises(BuildError, match="cannot read the model"):
        process_folder(tmp_path)


def test_a_machines_error_on_a_page_stops_the_build_naming_the_page(tmp_path, monkeypatch):
    # Memory, a disk, an install: the same page may pass on another machine, so no rejection
    # that depends on where the build ran is published.
    _two_seeds(tmp_path)
    _failing(monkeypatch, "extract", MemoryError())
    with pytest.raises(BuildError) as err:
        process_folder(tmp_path)
    assert str(err.value) == (
        "000_f43590dcf1fa9506.txt: the extract stage failed (MemoryError: ); "
        "rerun with mali-news --debug build for the traceback"
    )
    monkeypatch.undo()
    _failing(monkeypatch, "extract", OSError(28, "No space left on device"), on="001_")
    with pytest.raises(BuildError, match=r"^001_11a2904bc4289e89\.txt: the extract stage failed "):
        process_folder(tmp_path)


def test_a_page_phase_one_fails_on_is_rejected_at_the_template_stage(tmp_path, monkeypatch):
    import builder.pipeline

    _two_seeds(tmp_path)
    hashes = builder.pipeline.template_hashes

    def failing(texts):
        texts = list(texts)
        if any("Aspen" in text for text in texts):  # a line of 000_'s article
            raise ValueError("bad line")
        return hashes(texts)

    monkeypatch.setattr(builder.pipeline, "template_hashes", failing)
    articles, rejections, counts = process_folder(tmp_path)
    assert [a.source_file for a in articles] == ["001_11a2904bc4289e89.txt"]
    assert _described(rejections) == [
        _stage_error("000_f43590dcf1fa9506.txt", "template", "ValueError")
    ]
    lines = [line.rsplit(" seconds=", 1)[0] for line in counts.summary_lines()]
    assert "template   in=2 out=1 rejected=1 (stage_error=1)" in lines
    with pytest.raises(ValueError, match="bad line"):
        process_folder(tmp_path, Options(debug=True))


def test_a_record_the_spool_cannot_take_is_rejected_as_stage_error(tmp_path, monkeypatch):
    _two_seeds(tmp_path)
    _failing(monkeypatch, "to_row", TypeError("unhashable type"), on="001_")
    articles, rejections, counts = process_folder(tmp_path)
    assert [a.source_file for a in articles] == ["000_f43590dcf1fa9506.txt"]
    assert _described(rejections) == [
        _stage_error("001_11a2904bc4289e89.txt", "dedup", "TypeError")
    ]
    assert counts.rejected["dedup"] == {"stage_error": 1}


def test_output_does_not_depend_on_the_number_of_workers(tmp_path):
    from builder.pipeline import process_folder as run

    one = run(SEEDS, workers=1)
    two = run(SEEDS, workers=2)
    assert [a.model_dump() for a in one[0]] == [a.model_dump() for a in two[0]]
    assert one[2].inputs == two[2].inputs


def test_records_spooled_in_many_runs_come_back_as_from_one(monkeypatch):
    import builder.spool

    whole = [a.model_dump() for a in process_folder(SEEDS)[0]]
    monkeypatch.setattr(builder.spool, "RUN_ROWS", 1)
    monkeypatch.setattr(builder.spool, "BUFFER_ROWS", 1)
    records = process_folder(SEEDS)[0]
    assert len(records.spool.runs) == 5
    assert [a.model_dump() for a in records] == whole
    assert [a["id"] for a in whole] == sorted(a["id"] for a in whole)


def test_input_list_gives_back_what_was_packed():
    from builder.pipeline import InputList

    inputs = InputList()
    inputs.append("dir with space/a\tb.txt", "f" * 64)
    inputs.append("x.warc.gz", "0" * 64)
    inputs.append("é/ü.txt", "0123456789abcdef" * 4)
    assert len(inputs) == 3
    assert list(inputs) == [
        ("dir with space/a\tb.txt", "f" * 64),
        ("x.warc.gz", "0" * 64),
        ("é/ü.txt", "0123456789abcdef" * 4),
    ]


def test_date_conventions_need_two_agreeing_pages_and_no_dissent():
    from builder.pipeline import DateConventions

    conventions = DateConventions()
    for site, order in [("a", "DMY"), ("a", "DMY"), ("b", "DMY"), ("c", "MDY"), ("c", "DMY")]:
        conventions.add(site, order)
    conventions.add("c", "DMY")
    assert conventions.orders() == {"a": "DMY"}


def test_an_ambiguous_date_reads_in_its_outlets_order(tmp_path):
    from tests.helpers import PROSE

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    body = "\n\n".join(PROSE)
    stamps = {"a.txt": "25/12/2012", "b.txt": "13/01/2013", "c.txt": "03/04/2013"}
    for name, stamp in stamps.items():
        page = f"Mali talks resume in Algiers {name}\n\nPosted {stamp}\n\n{body} {name}\n"
        (seeds / name).write_text(page, encoding="utf-8")
    records = {a.source_file: a.date for a in process_folder(seeds)[0]}
    assert records["c.txt"] is None  # 03/04: nothing on its page or its site settles the order
    manifest = "".join(f'["{name}"]\noutlet = "Sahel Times"\n' for name in stamps)
    (seeds / "sources.toml").write_text(manifest, encoding="utf-8")
    records = {a.source_file: a.date for a in process_folder(seeds)[0]}
    assert records["c.txt"] == dt.date(2013, 4, 3)  # its outlet writes day first
    assert records["a.txt"] == dt.date(2012, 12, 25)


def test_site_key_is_the_curators_outlet_else_the_urls_host():
    from builder.doc import Doc
    from builder.pipeline import site_key
    from builder.sources import Source

    doc = Doc("a.warc", b"", "", "0" * 16)
    doc.url = "https://www.example.org/mali/1"
    assert site_key(doc) == "host:example.org"
    assert site_key(doc, {"a.warc": Source(outlet="Sahel Times")}) == "outlet:Sahel Times"
    doc.url = None
    assert site_key(doc) is None


def test_special_unreadable_and_inflating_inputs_each_end_as_one_rejection(tmp_path, monkeypatch):
    import os
    import socket

    from tests.test_read import _deny_listing, _refuse_to_open

    seeds = tmp_path / "seeds"
    (seeds / "locked").mkdir(parents=True)
    (seeds / "locked" / "inside.txt").write_bytes(b"never seen")
    (seeds / "good_0123456789abcdef.txt").write_bytes(
        (SEEDS / "000_f43590dcf1fa9506.txt").read_bytes()
    )
    (seeds / "secret.txt").write_bytes(b"never read")
    (seeds / "crawl.warc").write_bytes(gzip.compress(b" " * 21_000_000))
    os.mkfifo(seeds / "pipe.txt")
    _deny_listing(monkeypatch, seeds / "locked")
    denied = PermissionError(13, "Permission denied", str(seeds / "secret.txt"))
    _refuse_to_open(monkeypatch, seeds / "secret.txt", denied)
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(seeds / "sock"))
        articles, rejections, counts = process_folder(seeds)
    assert [a.source_file for a in articles] == ["good_0123456789abcdef.txt"]
    assert {r.source_file: (r.reason.value, r.message) for r in rejections} == {
        "crawl.warc": (
            "too_large",
            "decompresses to over the limit of 20971520 bytes (--max-bytes)",
        ),
        "locked": ("unreadable", "a folder that cannot be listed: Permission denied"),
        "pipe.txt": ("not_regular_file", "a FIFO, not a regular file"),
        "secret.txt": ("unreadable", "cannot read it: Permission denied"),
        "sock": ("not_regular_file", "a socket, not a regular file"),
    }
    lines = [line.rsplit(" seconds=", 1)[0] for line in counts.summary_lines()]
    assert lines[0] == (
        "read       in=6 out=1 rejected=5 (not_regular_file=2, too_large=1, unreadable=2)"
    )
