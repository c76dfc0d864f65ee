import threading

import pytest
from filelock import FileLock

from builder import transaction
from builder.transaction import LOCK, LOCK_OWNER, RepositoryLocked, writer_lock


def _held_by_another(data_dir):
    # A second FileLock on the same file is refused even in this process (flock locks belong
    # to the open file), so it stands in for a writer that has not named itself yet. Not
    # thread-local, so a timer thread can let it go.
    data_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(data_dir / LOCK, thread_local=False)
    lock.acquire(timeout=0)
    return lock


def test_a_writer_that_names_itself_late_is_still_named(tmp_path):
    data_dir = tmp_path / "data"
    lock = _held_by_another(data_dir)
    late = threading.Timer(0.2, (data_dir / LOCK_OWNER).write_text, ("pid 4242 on host: build\n",))
    late.start()
    try:
        with (
            pytest.raises(RepositoryLocked, match=r"\(pid 4242 on host: build\)"),
            writer_lock(data_dir),
        ):
            pass
    finally:
        late.join()
        lock.release()


def test_a_lock_let_go_while_waiting_for_its_name_is_taken(tmp_path):
    data_dir = tmp_path / "data"
    lock = _held_by_another(data_dir)
    letting_go = threading.Timer(0.2, lock.release)
    letting_go.start()
    try:
        with writer_lock(data_dir):
            assert (data_dir / LOCK_OWNER).read_text(encoding="utf-8").startswith("pid ")
    finally:
        letting_go.join()
    assert not (data_dir / LOCK_OWNER).exists()


def test_a_holder_that_never_names_itself_is_reported_unknown(tmp_path, monkeypatch):
    monkeypatch.setattr(transaction, "_OWNER_WAIT_SECONDS", 0.1)
    data_dir = tmp_path / "data"
    lock = _held_by_another(data_dir)
    try:
        with (
            pytest.raises(RepositoryLocked, match=r"\(unknown process\); wait for it"),
            writer_lock(data_dir),
        ):
            pass
    finally:
        lock.release()
