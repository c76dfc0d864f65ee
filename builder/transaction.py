"""One writer at a time, and a publish that a crash at any point cannot leave half done.

A writer holds ``data/.lock`` (an OS file lock: it is released when its process dies, so it
never goes stale) and names itself in ``data/.lock.owner``. Everything a publish writes is
first written beside its target under a ``.tmp-…-<pid>`` name and checked; then a journal
that lists the renames is written, and that is the commit: the version folder's rename comes
first and the rest follow. ``repair`` finishes the renames of a journal a crash left behind;
without a journal nothing was visible yet, and the staged files of a build that is gone are
simply removed. Temporary files are removed only when the process that made them is gone.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import re
import shutil
import socket
import stat
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from builder.doc import BuildError

LOCK = ".lock"
LOCK_OWNER = ".lock.owner"
JOURNAL = ".publish-journal.json"
TMP_PREFIX = ".tmp-"
_OWNER_PID = re.compile(r"-(\d+)$")
_OWNER_WAIT_SECONDS = 2.0


class RepositoryLocked(BuildError):
    """Another process is writing to the same output folder."""


def tmp_name(name: str) -> str:
    """A temporary name that says which process owns it."""
    return f"{TMP_PREFIX}{name}-{os.getpid()}"


def _owner_alive(path: Path) -> bool:
    match = _OWNER_PID.search(path.name)
    if not match:
        return False  # older builds named their temporaries without a pid; only they left them
    pid = int(match.group(1))
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, another user's
    return True


def _read_holder(owner: Path) -> str | None:
    try:
        text = owner.read_text(encoding="utf-8")
    except OSError:
        return None
    # The name ends in a newline: a read without one caught it half written.
    return text.strip() if text.endswith("\n") else None


@contextlib.contextmanager
def writer_lock(data_dir: Path) -> Iterator[None]:
    """Hold the output folder's lock; a second writer fails at once, naming the holder."""
    from filelock import FileLock, Timeout

    data_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(data_dir / LOCK)
    owner = data_dir / LOCK_OWNER
    # The holder names itself just after taking the lock, and unlinks its name just before
    # letting go: a writer that fails to take the lock in that window polls briefly, and
    # either reads the name or finds the lock free, rather than naming an unknown process.
    deadline = time.monotonic() + _OWNER_WAIT_SECONDS
    while True:
        try:
            lock.acquire(timeout=0)
            break
        except Timeout:
            holder = _read_holder(owner)
            if holder is None and time.monotonic() < deadline:
                time.sleep(0.02)
                continue
            raise RepositoryLocked(
                f"{data_dir}: another writer holds {data_dir / LOCK} "
                f"({holder or 'unknown process'}); "
                "wait for it to finish and run the command again"
            ) from None
    try:
        command = " ".join(Path(a).name if i == 0 else a for i, a in enumerate(sys.argv))
        owner.write_text(
            f"pid {os.getpid()} on {socket.gethostname()}: {command}\n", encoding="utf-8"
        )
        yield
    finally:
        with contextlib.suppress(OSError):
            owner.unlink()
        lock.release()


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_tree(folder: Path) -> None:
    for path in folder.iterdir():
        if path.is_dir():
            fsync_tree(path)
            continue
        with path.open("rb") as handle:
            os.fsync(handle.fileno())
    fsync_dir(folder)


def write_synced(path: Path, data: str | bytes) -> None:
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with path.open("wb") as handle:
        handle.write(payload)
        handle.flush()
        os.fsync(handle.fileno())


@dataclasses.dataclass
class Transaction:
    """Files staged beside their targets, made visible by renames in one journalled step."""

    data_dir: Path
    version: str | None = None
    staging: Path | None = None  # the version's folder, renamed first
    renames: list[tuple[Path, Path]] = dataclasses.field(default_factory=list)
    scratch: list[Path] = dataclasses.field(default_factory=list)  # folders emptied by renames

    def stage_file(self, target: Path, data: str | bytes) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        staged = target.with_name(tmp_name(target.name))
        write_synced(staged, data)
        self.renames.append((staged, target))

    def stage_moved(self, staged: Path, target: Path) -> None:
        """A file written elsewhere (a plot), synced here like the files stage_file writes."""
        with staged.open("rb") as handle:
            os.fsync(handle.fileno())
        self.renames.append((staged, target))

    def changed_targets(self) -> list[Path]:
        """The targets the commit will change: new, or staged with other bytes."""
        changed = []
        for staged, target in self.renames:
            try:
                # Only a regular file of the same size is read: a FIFO's read would block.
                info = target.lstat()
                same = (
                    stat.S_ISREG(info.st_mode)
                    and info.st_size == staged.stat().st_size
                    and target.read_bytes() == staged.read_bytes()
                )
            except OSError:
                same = False  # no target yet, or unreadable: the commit writes it
            if not same:
                changed.append(target)
        return changed

    def discard(self) -> None:
        """Before the commit nothing is visible: dropping the staged files undoes it all."""
        for staged, _ in self.renames:
            with contextlib.suppress(OSError):
                staged.unlink()
        for folder in [*self.scratch, *([self.staging] if self.staging else [])]:
            if folder.exists():
                shutil.rmtree(folder, ignore_errors=True)

    def commit(self) -> None:
        # Everything staged is on disk before the journal makes it the repository's state
        # (stage_file and stage_moved synced the files).
        if self.staging is not None:
            fsync_tree(self.staging)
        journal = {
            "pid": os.getpid(),
            "version": self.version,
            "staging": self._rel(self.staging) if self.staging else None,
            "renames": [[self._rel(a), self._rel(b)] for a, b in self.renames],
        }
        journal_path = self.data_dir / JOURNAL
        staged_journal = journal_path.with_name(tmp_name(JOURNAL))
        write_synced(staged_journal, json.dumps(journal, indent=2) + "\n")
        os.replace(staged_journal, journal_path)
        fsync_dir(self.data_dir)
        _finish(self.data_dir, journal)
        for folder in self.scratch:
            with contextlib.suppress(OSError):
                folder.rmdir()

    def _rel(self, path: Path) -> str:
        return os.path.relpath(path, self.data_dir)


def _finish(data_dir: Path, journal: dict) -> list[str]:
    """The renames after the version's own: each is atomic, and repeating one is harmless."""
    done = []
    if journal.get("staging"):
        staging = data_dir / journal["staging"]
        target = data_dir / f"v{journal['version']}"
        if staging.exists() and not target.exists():
            os.rename(staging, target)
            fsync_dir(data_dir)
    for staged, target in journal["renames"]:
        staged_path, target_path = data_dir / staged, data_dir / target
        if staged_path.exists():
            os.replace(staged_path, target_path)
            fsync_dir(target_path.parent)
            done.append(os.path.normpath(target))
    (data_dir / JOURNAL).unlink()
    fsync_dir(data_dir)
    return done


def read_journal(data_dir: Path) -> dict | None:
    path = data_dir / JOURNAL
    if not path.is_file():
        return None
    try:
        journal = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as err:
        raise BuildError(f"{path}: not a publish journal ({err}); remove it by hand") from None
    if not isinstance(journal, dict) or not isinstance(journal.get("renames"), list):
        raise BuildError(f"{path}: not a publish journal; remove it by hand")
    return journal


def repair(data_dir: Path, extra_dirs: tuple[Path, ...] = ()) -> list[str]:
    """Finish or roll back a publish a crash interrupted; drop temporaries whose owner is gone.

    Returns one line per thing done. Call it with the writer lock held.
    """
    done: list[str] = []
    if not data_dir.is_dir():
        return done
    journal = read_journal(data_dir)
    if journal is not None:
        version = journal.get("version")
        staging = journal.get("staging")
        target = data_dir / f"v{version}" if version else None
        staged = staging and (data_dir / staging).exists()
        if target is not None and not target.exists() and not staged:
            raise BuildError(
                f"{data_dir / JOURNAL}: v{version} is neither staged nor published; "
                "remove the journal by hand"
            )
        updated = _finish(data_dir, journal)
        what = f"the publish of v{version}" if version else "an update of the docs"
        done.append(
            f"repair: finished {what} that a crash interrupted"
            + (f" ({', '.join(updated)} updated)" if updated else "")
        )
    folders = [data_dir, data_dir / "plots", *extra_dirs]
    for folder in folders:
        if not folder.is_dir():
            continue
        for child in sorted(folder.iterdir()):
            if not child.name.startswith(TMP_PREFIX) or _owner_alive(child):
                continue
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    child.unlink()
            done.append(f"repair: removed {child} (left by a build that is gone)")
    return done
