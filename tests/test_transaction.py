import threading

import pytest
from filelock import FileLock

from builder import transaction
from builder.transaction import LOCK, LOCK_OWNER, RepositoryLocked, Transaction, writer_lock


@pytest.fixture
def held(tmp_path):
    """The output folder, its lock held by a writer that has not named itself yet.

    A second FileLock on the same file is refused even in this process (flock locks belong
    to the open file). Not thread-local, so a timer thread can let it go."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    lock = FileLock(data_dir / LOCK, thread_local=False)
    lock.acquire(timeout=0)
    yield data_dir, lock
    lock.release(force=True)


def _refused(data_dir, message):
    with pytest.raises(RepositoryLocked, match=message), writer_lock(data_dir):
        pass


def test_a_writer_that_names_itself_late_is_still_named(held):
    data_dir, _ = held
    late = threading.Timer(0.2, (data_dir / LOCK_OWNER).write_text, ("pid 4242 on host: build\n",))
    late.start()
    try:
        _refused(data_dir, r"\(pid 4242 on host: build\)")
    finally:
        late.join()


def test_a_lock_let_go_while_waiting_for_its_name_is_taken(held):
    data_dir, lock = held
    letting_go = threading.Timer(0.2, lock.release)
    letting_go.start()
    try:
        with writer_lock(data_dir):
            assert (data_dir / LOCK_OWNER).read_text(encoding="utf-8").startswith("pid ")
    finally:
        letting_go.join()
    assert not (data_dir / LOCK_OWNER).exists()


def test_a_holder_that_never_names_itself_is_reported_unknown(held, monkeypatch):
    monkeypatch.setattr(transaction, "_OWNER_WAIT_SECONDS", 0.1)
    _refused(held[0], r"\(unknown process\); wait for it")


def test_changed_targets_are_the_new_files_and_those_staged_with_other_bytes(tmp_path):
    same, other, new = (tmp_path / name for name in ("same.txt", "other.txt", "new.txt"))
    same.write_text("kept\n")
    other.write_text("old\n")
    staged = Transaction(tmp_path)
    staged.stage_file(same, "kept\n")
    staged.stage_file(other, "new\n")
    staged.stage_file(new, "made\n")
    assert staged.changed_targets() == [other, new]
    staged.commit()
    assert [p.read_text() for p in (same, other, new)] == ["kept\n", "new\n", "made\n"]


def test_a_target_that_is_no_regular_file_is_changed_without_reading_it(tmp_path):
    import os

    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)  # reading it would block until a writer came
    staged = Transaction(tmp_path)
    staged.stage_file(fifo, "generated\n")
    assert staged.changed_targets() == [fifo]
    staged.discard()
