"""Where the stages run: in this process, in a local process pool or on Ray Data, with a
progress bar over their results; and whether a build runs the compiled kernels as plain
Python (a small build must not pay a compile)."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from tqdm import tqdm

from builder import linescan
from builder import validate as validate_module
from builder.clean import placement
from builder.defaults import DEFAULT_MAX_BYTES, ENGINE_NAMES
from builder.doc import BuildError, OptionError


@contextlib.contextmanager
def _local_engine(workers: int) -> Iterator[Callable]:
    """A process pool kept for both phases of a build (spawn: no inherited state)."""
    if workers <= 1:
        yield map
        return
    with multiprocessing.get_context("spawn").Pool(workers) as pool:

        def run(shard: Callable[[Path], Any], paths: list[Path]) -> Iterator[Any]:
            if len(paths) < 2:
                return map(shard, paths)
            chunk = max(1, min(64, len(paths) // (workers * 8)))
            return pool.imap(shard, paths, chunksize=chunk)

        yield run


@contextlib.contextmanager
def _ray_engine(workers: int) -> Iterator[Callable]:
    """The same shard functions on Ray Data: one block per input file, order preserved."""
    import pickle

    require_engine("ray")
    import ray

    if not ray.is_initialized():
        ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True

    def run(shard: Callable[[Path], Any], paths: list[Path]) -> Iterator[Any]:
        def apply(batch: dict) -> dict:
            # Our own results cross Ray's object store pickled; no input is ever unpickled.
            return {"result": [pickle.dumps(shard(Path(p))) for p in batch["path"]]}

        dataset = ray.data.from_items(
            [{"path": str(p)} for p in paths], override_num_blocks=max(1, len(paths))
        )
        for row in dataset.map_batches(apply, batch_size=None).iter_rows():
            yield pickle.loads(row["result"])

    yield run


ENGINES = dict(zip(ENGINE_NAMES, (_local_engine, _ray_engine), strict=True))


def require_engine(engine: str) -> None:
    """Nothing when the engine can run here; else why not, and what to install."""
    if engine not in ENGINES:
        raise OptionError(f"--engine {engine!r}: choose one of {', '.join(ENGINES)}")
    if engine == "ray":
        try:
            import ray  # noqa: F401  (only whether it imports)
        except ImportError:
            raise BuildError(
                "--engine ray needs Ray Data, an optional extra: pip install -e '.[ray]' "
                "(or --engine local)"
            ) from None


def with_progress(results: Iterable[Any], total: int, progress: bool, label: str):
    """Results per input file, in input order whatever the engine and number of workers."""
    bar = tqdm(
        total=total, desc=label, unit="doc", disable=not progress, file=sys.stderr, smoothing=0.1
    )
    try:
        for item in results:
            yield item
            bar.update()
    finally:
        bar.close()


# Below this many input files the compiled kernels run as plain Python: compiling them
# costs 10-35 s on a first run, plain Python about 55 ms a page more (94 dev pages in 7.6 s
# plain, 2.4 s compiled from the cache), and the output is the same.
COMPILE_MIN_INPUTS = 50
# ... and below this many bytes of text in all: plain Python takes about 2-3 s a megabyte
# more (a single 5 MB line: 12.4 s plain, 4.0 s compiled; the 1.6 MB of the mozilla pages:
# 7.6 s and 2.4 s), against 10-35 s to compile on a first run and about 1 s to load the
# compiled kernels once cached.
PLAIN_MAX_BYTES = 4_000_000
PLAIN_MAX_BYTES_CACHED = 400_000
_GZIP_MAGIC = b"\x1f\x8b"


def runs_plain(paths: list[Path], cached: bool, max_bytes: int = DEFAULT_MAX_BYTES) -> bool:
    """Whether a build of paths runs the kernels as plain Python: few inputs, and less text
    than plain Python reads in the time compiling (or, cached, loading) the kernels takes."""
    if len(paths) >= COMPILE_MIN_INPUTS:
        return False
    limit = PLAIN_MAX_BYTES_CACHED if cached else PLAIN_MAX_BYTES
    total = 0
    for path in paths:
        total += _text_size(path, max_bytes)
        if total >= limit:
            return False
    return True


def _text_size(path: Path, max_bytes: int) -> int:
    """About how many bytes of text an input gives the stages: a compressed one its inflated
    size (a gzip stream's trailer states its last member's), one the read stage rejects as
    too large none; what cannot be read counts none (the read stage reports it)."""
    try:
        info = path.stat()
        size = info.st_size
        if size > max_bytes:
            return 0
        if size >= 18 and stat.S_ISREG(info.st_mode):  # a FIFO's read would block
            with path.open("rb") as handle:
                if handle.read(2) == _GZIP_MAGIC:
                    handle.seek(-4, os.SEEK_END)
                    size = int.from_bytes(handle.read(4), "little")
    except OSError:
        return 0
    return min(size, max_bytes)


# The modules whose functions builder.jit compiles: Numba caches each one's kernels in the
# __pycache__ beside its file.
KERNEL_MODULES = (placement, linescan, validate_module)


def kernels_cached() -> bool:
    """Whether Numba's on-disk cache holds the kernels of every module that has some."""
    for module in KERNEL_MODULES:
        source = Path(module.__file__)
        if not any((source.parent / "__pycache__").glob(f"{source.stem}.*.nbi")):
            return False
    return True
