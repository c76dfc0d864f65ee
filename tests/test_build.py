import hashlib

import pytest

from builder.build import build
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
    build(root / "seeds", root / "data", "1.0.0")
    (root / "seeds" / "005_aaaaaaaaaaaaaaaa.txt").write_bytes(
        (root / "seeds" / "000_f43590dcf1fa9506.txt").read_bytes().replace(b"Aspen", b"Bamako")
    )
    with pytest.raises(BuildError, match=r"1\.0\.1") as err:
        build(root / "seeds", root / "data", "1.0.0")
    assert "manifest.json" in str(err.value) or ".parquet" in str(err.value)


def test_bad_files_are_rejected_and_listed(make_repo):
    root = make_repo({"empty.txt": b"", "binary.txt": b"\x00\x01\x02" * 10})
    result = build(root / "seeds", root / "data", "1.0.0")
    assert len(result.articles) == 5
    lines = (root / "data/v1.0.0/rejected.jsonl").read_text().splitlines()
    assert [line.split('"reason": ')[1].split(",")[0] for line in lines] == [
        '"not_text"',
        '"empty"',
    ]


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
    for delay in (0.2, 0.6, 1.0, 1.5, 2.2, 3.0):
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
