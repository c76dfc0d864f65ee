"""Numba compilation deferred to first use.

Importing Numba (and LLVM) adds about 60 MB to a process; a build's main process, which
hands pages to its workers and only spools, groups and writes records, never runs a
compiled function and should not pay that. ``compiled`` registers a function; the first
call of any registered function imports Numba and replaces every registered function, in
its module, by its compiled dispatcher, so compiled functions that call one another find
each other compiled.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

_pending: list[tuple[dict[str, Any], Callable, dict[str, Any]]] = []
# Run the registered functions as plain Python, uncompiled: a small build must not pay the
# compile (seconds, on a first run), and the property tests hold the two paths identical.
_interpreted = False
# Set while a registered function runs as plain Python in this thread: the functions it calls
# (a scan calls its decoder once a character) run straight, inside its error state, since
# entering numpy's error state once a call cost more than the calls themselves.
_running = threading.local()


def interpret(on: bool = True) -> None:
    """Run registered functions uncompiled (on) or compile them on first use (off)."""
    global _interpreted
    _interpreted = on


@contextlib.contextmanager
def interpreted(on: bool = True) -> Iterator[None]:
    """Registered functions run uncompiled inside the block, unless already compiled:
    compiled code is the same function, only faster. Worker processes (spawned) do not
    inherit it: a small build runs in one process."""
    before = _interpreted
    interpret(on)
    try:
        yield
    finally:
        interpret(before)


def compiled(**options: Any) -> Callable[[Callable], Callable]:
    """numba.njit(**options), applied on the first call of any registered function."""

    def register(function: Callable) -> Callable:
        namespace = function.__globals__
        _pending.append((namespace, function, options))

        @functools.wraps(function)
        def first_call(*args: Any) -> Any:
            current = namespace[function.__name__]
            if current is not first_call:
                # Compiled already: a reference taken before (``from module import name``)
                # runs the dispatcher too. Run as plain Python, the function would call the
                # compiled kernels it uses with Python lists, each a new signature to compile.
                return current(*args)
            if _interpreted:
                if getattr(_running, "kernel", False):
                    return function(*args)
                _running.kernel = True
                try:
                    # Integers wrap as compiled code wraps them (the line hashes): no warning.
                    with np.errstate(over="ignore"):
                        return function(*args)
                finally:
                    _running.kernel = False
            compile_pending()
            return namespace[function.__name__](*args)

        return first_call

    return register


def compile_pending() -> None:
    """Replace every registered function by its Numba dispatcher (compiled per signature
    on its first call, or loaded from the on-disk cache)."""
    if not _pending:
        return
    import numba

    while _pending:
        namespace, function, options = _pending.pop(0)
        namespace[function.__name__] = numba.njit(**options)(function)
