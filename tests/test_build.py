import hashlib

import pytest

from builder.build import build, repair_repository
from builder.doc import BuildError


def _hashes(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_two_builds_are_byte_identical(make_repo):
    first, second = make_repo(name="a"), make_repo(name="b")
    build(first / "seeds", first / "data", "1.0.0")
    build(second / "seeds", second / "data", "1.0.0")
    assert _hashes(first / "data/v1.0.0") == _hashes(second / "data/v1.0.0")
    assert len(_hashes(first / "data/v1.0.0")) >= 3


def test_rebuilding_the_same_content_changes_nothing(make_repo):
    root = make_repo()
    build(root / "seeds", root / "data", "1.0.0")
    before = _hashes(root / "data/v1.0.0")
    result = build(root / "seeds", root / "data", "1.0.0")
    assert result.published.changed is False
    assert _hashes(root / "data/v1.0.0") == before


def test_a_published_version_never_changes(make_repo):
    root = make_repo()
    out = root / "published"  # the message names the folder the build was given
    build(root / "seeds", out, "1.0.0")
    (root / "seeds" / "005_aaaaaaaaaaaaaaaa.txt").write_bytes(
        (root / "seeds" / "000_f43590dcf1fa9506.txt").read_bytes().replace(b"Aspen", b"Bamako")
    )
    with pytest.raises(BuildError, match=r"1\.0\.1") as err:
        build(root / "seeds", out, "1.0.0")
    assert "manifest.json" in str(err.value) or ".parquet" in str(err.value)
    assert str(err.value).startswith(f"{out / 'v1.0.0'} is already published")


def test_bad_files_are_rejected_and_listed(make_repo):
    root = make_repo({"empty.txt": b"", "binary.txt": b"\x00\x01\x02" * 10})
    result = build(root / "seeds", root / "data", "1.0.0")
    assert len(result.articles) == 5
    lines = (root / "data/v1.0.0/rejected.jsonl").read_text().splitlines()
    assert [line.split('"reason": ')[1].split(",")[0] for line in lines] == [
        '"not_text"',
        '"empty"',
    ]


def test_a_stage_error_is_published_as_a_rejection_with_a_warning(make_repo, monkeypatch):
    import json

    import builder.pipeline
    from builder.check import check_repo

    extract = builder.pipeline.extract

    def failing(doc, *args, **kwargs):
        if doc.source_file.startswith("003_"):
            raise KeyError("evidence")
        return extract(doc, *args, **kwargs)

    monkeypatch.setattr(builder.pipeline, "extract", failing)
    root = make_repo()
    result = build(root / "seeds", root / "data", "1.0.0")
    assert len(result.articles) == 4
    assert result.notes == [
        "warning: a stage failed on 003_4c147c20ba632c38.txt (rejected as stage_error: a "
        "builder bug, please report it with the file); rerun with mali-news --debug build for "
        "the traceback"
    ]
    rejected = [json.loads(line) for line in (root / "data/v1.0.0/rejected.jsonl").open()]
    assert [(r["source_file"], r["reason"]) for r in rejected] == [
        ("003_4c147c20ba632c38.txt", "stage_error")
    ]
    assert rejected[0]["message"] == (
        "the extract stage failed (KeyError); rerun with mali-news --debug build for the traceback"
    )
    assert check_repo(root) == []


def test_missing_seeds_folder_is_a_fatal_error(tmp_path):
    with pytest.raises(BuildError, match="no such seeds folder"):
        build(tmp_path / "nope", tmp_path / "data")


def test_killed_builds_leave_every_earlier_version_valid(make_repo):
    import signal
    import subprocess
    import sys
    import time

    from builder.check import check_repo, check_version
    from builder.release import published_versions

    root = make_repo()
    build(root / "seeds", root / "data")
    before = _hashes(root / "data/v1.0.0")
    raw = (root / "seeds" / "000_f43590dcf1fa9506.txt").read_bytes()
    (root / "seeds" / "005_aaaaaaaaaaaaaaaa.txt").write_bytes(raw.replace(b"Aspen", b"Bamako"))
    command = [sys.executable, "-m", "builder", "build", "--seeds", "seeds", "--out", "data"]
    # A small build takes about 3 s in a fresh process: killed while importing, cleaning
    # and publishing (tests/test_faults.py kills it at every step of publishing).
    for delay in (0.3, 1.5, 2.5):
        process = subprocess.Popen(command, cwd=root, stdout=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert _hashes(root / "data/v1.0.0") == before
        for version in published_versions(root / "data"):
            folder_problems = check_version(root / "data" / f"v{version}", {f"v{version}": None})
            assert [p for p in folder_problems if p.file != "README.md"] == [], delay
        assert set(published_versions(root / "data")) <= {"1.0.0", "1.1.0"}
    build(root / "seeds", root / "data")
    assert check_repo(root) == []
    assert not list((root / "data").glob(".tmp-*"))


def test_same_content_encoded_otherwise_is_not_a_new_version(make_repo):
    """Another pyarrow may encode the same rows with other bytes: that is no new version."""
    import json

    import pyarrow.parquet as pq

    from builder.read import sha256_file
    from builder.release import published_versions

    root = make_repo()
    build(root / "seeds", root / "data")
    folder = root / "data/v1.0.0"
    manifest = json.loads((folder / "manifest.json").read_text())
    for path in folder.glob("*.parquet"):
        pq.write_table(pq.read_table(path), path, compression="snappy")
        manifest["files"][path.name]["sha256"] = sha256_file(path)
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    result = build(root / "seeds", root / "data")
    assert result.published.changed is False
    assert published_versions(root / "data") == ["1.0.0"]


def test_identical_content_under_a_new_version_publishes_nothing(make_repo):
    root = make_repo()
    build(root / "seeds", root / "data", "1.0.0")
    again = build(root / "seeds", root / "data", "2.0.0")
    assert again.published.version == "1.0.0" and again.published.changed is False
    assert not (root / "data/v2.0.0").exists()
    assert again.notes == ["--version 2.0.0: not published: this build is identical to v1.0.0"]
    assert "## v2.0.0" not in (root / "data/CHANGELOG.md").read_text(encoding="utf-8")


def test_strict_with_a_rejection_publishes_nothing(make_repo):
    from builder.build import RejectedInputs

    root = make_repo({"empty.txt": b""})
    with pytest.raises(RejectedInputs) as err:
        build(root / "seeds", root / "data", strict=True)
    assert [(r.source_file, r.reason.value) for r in err.value.rejections] == [
        ("empty.txt", "empty")
    ]
    assert [p.name for p in (root / "data").iterdir() if not p.name.startswith(".")] == []
    assert not (root / "README.md").read_text(encoding="utf-8").startswith("---")


def test_two_files_with_one_id_give_one_record_and_a_rejection(make_repo):
    from builder.check import check_repo

    text = (make_repo(name="src") / "seeds" / "000_f43590dcf1fa9506.txt").read_bytes()
    root = make_repo()
    (root / "seeds/sub").mkdir()
    (root / "seeds/a_00000000000000a1.txt").write_bytes(text)
    (root / "seeds/sub/b_00000000000000a1.txt").write_bytes(text.replace(b"Aspen", b"Gao"))
    result = build(root / "seeds", root / "data")
    assert [a.source_file for a in result.articles if a.id == "00000000000000a1"] == [
        "a_00000000000000a1.txt"
    ]
    clash = [r for r in result.rejections if r.reason.value == "duplicate_id"]
    assert [(r.source_file, "a_00000000000000a1.txt" in r.message) for r in clash] == [
        ("sub/b_00000000000000a1.txt", True)
    ]
    assert check_repo(root) == []


def test_a_staged_version_with_duplicate_ids_is_not_published(make_repo, monkeypatch):
    import builder.pipeline

    root = make_repo()
    text = (root / "seeds" / "000_f43590dcf1fa9506.txt").read_bytes()
    (root / "seeds/a_00000000000000a1.txt").write_bytes(text)
    (root / "seeds/b_00000000000000a1.txt").write_bytes(text.replace(b"Aspen", b"Gao"))
    # Without the claim on ids both files reach the writer: the check before publishing
    # is the last line of defence.
    monkeypatch.setattr(builder.pipeline, "claim_ids", lambda paths, seeds: (paths, []))
    with pytest.raises(BuildError, match=r"v1\.0\.0 was not published: .*duplicate id"):
        build(root / "seeds", root / "data")
    assert sorted(p.name for p in (root / "data").iterdir()) == [".lock"]


def test_a_dollar_sign_outlet_is_text_in_the_plots(make_repo):
    from builder.check import check_repo

    root = make_repo()
    (root / "seeds/sources.toml").write_text(
        '["000_f43590dcf1fa9506.txt"]\noutlet = "$\\\\undefinedmacro{x}$"\n', encoding="utf-8"
    )
    result = build(root / "seeds", root / "data")
    assert result.published.changed
    outlets = {a.outlet for a in result.articles}
    assert "$\\undefinedmacro{x}$" in outlets
    assert (root / "data/plots/v1.0.0-per-outlet.png").read_bytes().startswith(b"\x89PNG")
    assert "config_name: v1.0.0" in (root / "README.md").read_text(encoding="utf-8")
    assert check_repo(root) == []


def test_stale_staging_is_removed_only_when_its_owner_is_gone(make_repo):
    import os
    import subprocess
    import sys

    root = make_repo()
    data = root / "data"
    data.mkdir()
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    dead_pid = int(gone.stdout)
    alive = data / f".tmp-v1.0.0-{os.getppid()}"
    dead = data / f".tmp-v1.0.0-{dead_pid}"
    for folder in (alive, dead):
        folder.mkdir()
        (folder / "train-00000-of-00001.parquet").write_bytes(b"half")
    result = build(root / "seeds", data)
    assert alive.is_dir() and not dead.exists()
    assert result.notes == [f"repair: removed {dead} (left by a build that is gone)"]


def test_a_warc_record_id_given_twice_is_one_record_and_a_rejection(make_repo):
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from builder.check import check_repo

    root = make_repo()
    article = (root / "seeds" / "000_f43590dcf1fa9506.txt").read_text(encoding="utf-8")
    paragraphs = "".join(f"<p>{line}</p>" for line in article.splitlines() if line.strip())
    buffer = BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for uri in ("https://example.org/a", "https://example.org/b"):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        body = f"<html><body><article>{paragraphs}</article></body></html>".encode()
        record = writer.create_warc_record(
            uri, "response", payload=BytesIO(body), http_headers=headers
        )
        record.rec_headers.replace_header("WARC-Record-ID", "<urn:uuid:same>")
        writer.write_record(record)
    (root / "seeds" / "crawl.warc.gz").write_bytes(buffer.getvalue())
    result = build(root / "seeds", root / "data")
    from_warc = [a.url for a in result.articles if a.source_file == "crawl.warc.gz"]
    assert from_warc == ["https://example.org/a"]
    assert [(r.source_file, r.reason.value) for r in result.rejections] == [
        ("crawl.warc.gz", "duplicate_id")
    ]
    assert check_repo(root) == []


def test_a_version_folder_without_manifest_stops_the_build_with_the_fix(make_repo):
    root = make_repo()
    (root / "data/v1.0.0").mkdir(parents=True)
    with pytest.raises(BuildError, match=r"v1\.0\.0: a version folder without manifest\.json"):
        build(root / "seeds", root / "data")
    assert list((root / "data/v1.0.0").iterdir()) == []


def test_min_confidence_withholds_and_is_recorded(make_repo):
    import json

    from builder.pipeline import Options

    root = make_repo()
    result = build(root / "seeds", root / "data", options=Options(min_confidence=(("date", 1.0),)))
    dated = [a for a in result.articles if a.date_source == "withheld"]
    assert len(dated) == 3 and all(a.date is None for a in dated)
    assert all(a.withheld[0].field == "date" and a.withheld[0].confidence < 1 for a in dated)
    manifest = json.loads((root / "data/v1.0.0/manifest.json").read_text(encoding="utf-8"))
    assert manifest["options"]["min_confidence"]["date"] == 1.0
    assert all(0 < a.headline_confidence < 1 for a in result.articles)


def test_repair_says_which_generated_files_it_rewrote(make_repo):
    root = make_repo()
    build(root / "seeds", root / "data", "1.0.0")
    plot = sorted((root / "data/plots").glob("*.png"))[0]
    plot.unlink()
    readme = root / "README.md"
    readme.write_text("# test repo\n", encoding="utf-8")  # its configs lost
    notes = repair_repository(root / "data", root)
    assert sorted(notes) == sorted(
        f"repair: rewrote {path} (it lagged behind the published versions)"
        for path in (plot, readme)
    )
    assert plot.is_file() and "config_name: v1.0.0" in readme.read_text(encoding="utf-8")
    assert repair_repository(root / "data", root) == []  # nothing left to do
