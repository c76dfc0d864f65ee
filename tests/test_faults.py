"""Publishing under faults: a kill at every step, a full disk, a failed rename, two writers.

After each, `validate` passes once the repository is repaired (by `repair` or the next
build), and nothing published before is lost or changed.
"""

import errno
import hashlib
import multiprocessing
import os
import shutil
import subprocess
import sys

import pytest

import builder.release
import builder.transaction
from builder.build import build, repair_repository
from builder.check import check_repo
from builder.release import published_versions
from builder.transaction import JOURNAL
from tests.conftest import SEEDS

NEW_SEED = "005_aaaaaaaaaaaaaaaa.txt"
# Renames of a publish: the journal, the version's folder, then three plots, the changelog,
# SHA256SUMS, README and the card.
RENAMES = 9


@pytest.fixture(scope="module")
def waiting(tmp_path_factory):
    """v1.0.0 published, and a new seed waiting to become v1.1.0."""
    root = tmp_path_factory.mktemp("faults") / "repo"
    shutil.copytree(SEEDS, root / "seeds")
    (root / "README.md").write_text("# test repo\n", encoding="utf-8")
    build(root / "seeds", root / "data")
    raw = (root / "seeds" / "000_f43590dcf1fa9506.txt").read_bytes()
    (root / "seeds" / NEW_SEED).write_bytes(raw.replace(b"Aspen", b"Bamako"))
    return root


@pytest.fixture
def repo(waiting, tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(waiting, root)
    return root


def _published_files(root):
    folder = root / "data" / "v1.0.0"
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _build_killed_at(root, step):
    """Build in a child process that dies at a step, as SIGKILL would: no cleanup runs."""

    def child():
        calls = [0]

        def dying(real):
            def call(source, target, *args, **kwargs):
                if str(root) in os.fspath(target):
                    if calls[0] == step:
                        os._exit(137)
                    calls[0] += 1
                return real(source, target, *args, **kwargs)

            return call

        os.replace, os.rename = dying(os.replace), dying(os.rename)
        if step == "staging":
            builder.release.write_croissant = lambda *args: os._exit(137)
        build(root / "seeds", root / "data")
        os._exit(0)

    process = multiprocessing.get_context("fork").Process(target=child)
    process.start()
    process.join()
    return process.exitcode


@pytest.mark.parametrize("step", ["staging", *range(RENAMES + 1)])
def test_a_kill_at_any_step_is_repaired(repo, step):
    before = _published_files(repo)
    exit_code = _build_killed_at(repo, step)
    assert exit_code == (0 if step == RENAMES else 137)
    committed = (repo / "data" / JOURNAL).exists()
    notes = repair_repository(repo / "data", repo)
    assert check_repo(repo) == []
    assert _published_files(repo) == before
    versions = published_versions(repo / "data")
    # The journal is the commit: once written, the version is published by the repair.
    if step == "staging" or step == 0:
        assert versions == ["1.0.0"]
        assert not any(p.name.startswith(".tmp-") for p in (repo / "data").iterdir())
        assert any("left by a build that is gone" in note for note in notes), notes
    else:
        assert versions == ["1.0.0", "1.1.0"]
        assert committed == (step < RENAMES)
        changelog = (repo / "data/CHANGELOG.md").read_text(encoding="utf-8")
        assert changelog.count("## v1.1.0") == 1
    again = build(repo / "seeds", repo / "data")
    assert again.published.version == "1.1.0"
    assert check_repo(repo) == []


@pytest.mark.parametrize("where", ["parquet", "docs"])
def test_a_full_disk_publishes_nothing_and_leaves_nothing(repo, monkeypatch, where):
    before = _published_files(repo)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(repo / "data" / "x"))

    if where == "parquet":
        monkeypatch.setattr(builder.release, "write_splits", full)
    else:
        monkeypatch.setattr(builder.transaction, "write_synced", full)
    with pytest.raises(OSError) as err:
        build(repo / "seeds", repo / "data")
    assert err.value.errno == errno.ENOSPC
    assert published_versions(repo / "data") == ["1.0.0"]
    leftovers = [p.name for p in [*repo.iterdir(), *(repo / "data").rglob("*")]]
    assert [name for name in leftovers if name.startswith(".tmp-")] == []
    assert check_repo(repo) == []
    assert _published_files(repo) == before


def test_a_failed_rename_after_the_commit_is_finished_by_the_next_build(repo, monkeypatch):
    real, calls = os.replace, []

    def failing(source, target):
        calls.append(target)
        if len(calls) == 4:  # after the journal, the version's folder and two plots
            raise OSError(errno.EIO, "Input/output error", os.fspath(target))
        return real(source, target)

    monkeypatch.setattr(builder.transaction.os, "replace", failing)
    with pytest.raises(OSError):
        build(repo / "seeds", repo / "data")
    monkeypatch.setattr(builder.transaction.os, "replace", real)
    problems = [(p.what, p.found) for p in check_repo(repo)]
    assert ("unfinished publish", "a crash; run `mali-news repair`") in problems
    result = build(repo / "seeds", repo / "data")
    assert result.published.version == "1.1.0" and result.published.changed is False
    assert result.notes[0].startswith("repair: finished the publish of v1.1.0")
    assert "CHANGELOG.md" in result.notes[0] and "README.md" in result.notes[0]
    assert check_repo(repo) == []


def test_two_builds_at_once(repo):
    command = [sys.executable, "-m", "builder", "build", "--quiet", "--workers", "1"]
    processes = [
        subprocess.Popen(command, cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    outputs = [(p.wait(), p.stdout.read().decode(), p.stderr.read().decode()) for p in processes]
    for process in processes:
        process.stdout.close()
        process.stderr.close()
    codes = sorted(code for code, _, _ in outputs)
    assert codes in ([0, 0], [0, 1]), outputs
    for code, _, err in outputs:
        if code == 1:
            assert err.startswith("error: data: another writer holds data/.lock (pid "), err
    published = [out for code, out, _ in outputs if code == 0]
    assert any("v1.1.0: published" in out for out in published), outputs
    assert published_versions(repo / "data") == ["1.0.0", "1.1.0"]
    assert check_repo(repo) == []
