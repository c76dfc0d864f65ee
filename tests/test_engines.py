"""Where the stages run: the Ray Data engine must give the local engine's output byte for
byte, and a small build runs the kernels as plain Python."""

import gzip
import hashlib

import pytest

from builder.build import build
from builder.doc import BuildError
from builder.engines import (
    COMPILE_MIN_INPUTS,
    PLAIN_MAX_BYTES,
    PLAIN_MAX_BYTES_CACHED,
    runs_plain,
)
from builder.pipeline import process_folder
from tests.conftest import SEEDS


def _hashes(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_unknown_engine_names_the_choices():
    from builder.doc import OptionError

    with pytest.raises(OptionError, match="choose one of local, ray"):  # a bad argument: exit 2
        process_folder(SEEDS, engine="spark")


def test_the_ray_engine_without_ray_names_the_extra_to_install(monkeypatch, tmp_path):
    import sys

    from builder.doc import OptionError

    monkeypatch.setitem(sys.modules, "ray", None)  # as if the extra were not installed
    # What this machine lacks, not a bad argument: a fatal error (exit 1) naming the fix.
    with pytest.raises(BuildError, match=r"pip install -e '\.\[ray\]'") as err:
        process_folder(SEEDS, engine="ray")
    assert not isinstance(err.value, OptionError)
    # A build says so before it makes its output folder or takes its lock.
    out = tmp_path / "data"
    with pytest.raises(BuildError, match=r"--engine ray needs Ray Data"):
        build(SEEDS, out, engine="ray")
    assert not out.exists()


@pytest.mark.ray
def test_ray_engine_output_is_byte_identical_to_local(make_repo):
    local, ray_repo = make_repo(name="local"), make_repo(name="ray")
    build(local / "seeds", local / "data", "1.0.0", workers=2)
    build(ray_repo / "seeds", ray_repo / "data", "1.0.0", workers=2, engine="ray")
    assert _hashes(ray_repo / "data/v1.0.0") == _hashes(local / "data/v1.0.0")
    assert len(_hashes(local / "data/v1.0.0")) >= 4


def test_a_build_runs_plain_python_only_when_few_small_inputs_make_compiling_cost_more(tmp_path):
    def inputs(name: str, count: int, size: int) -> list:
        folder = tmp_path / name
        folder.mkdir()
        paths = [folder / f"{k:03d}.txt" for k in range(count)]
        for path in paths:
            with path.open("wb") as out:
                out.truncate(size)  # sparse: the size without the bytes
        return paths

    seeds = inputs("seeds", 5, 3_000)
    assert runs_plain(seeds, cached=False) and runs_plain(seeds, cached=True)
    many = inputs("many", COMPILE_MIN_INPUTS, 100)
    assert not runs_plain(many, cached=False)
    # Between the two limits: plain Python beats a first compile, not a load from the cache.
    middling = inputs("middling", 1, (PLAIN_MAX_BYTES_CACHED + PLAIN_MAX_BYTES) // 2)
    assert runs_plain(middling, cached=False) and not runs_plain(middling, cached=True)
    huge = inputs("huge", 2, PLAIN_MAX_BYTES // 2)
    assert not runs_plain(huge, cached=False)
    # An input the read stage rejects as too large gives no text; nor does a missing one.
    assert runs_plain(huge, cached=False, max_bytes=PLAIN_MAX_BYTES // 4)
    assert runs_plain([*seeds, tmp_path / "gone.txt"], cached=True)
    # A compressed input counts by the text it inflates to, as its gzip trailer states.
    packed = tmp_path / "page.txt.gz"
    packed.write_bytes(gzip.compress(b" " * PLAIN_MAX_BYTES))
    assert packed.stat().st_size < PLAIN_MAX_BYTES_CACHED
    assert not runs_plain([packed], cached=False)


def test_every_module_with_compiled_kernels_has_its_cache_checked():
    """A module whose kernels kernels_cached() misses would be compiled, silently, by a build
    that printed nothing."""
    from pathlib import Path

    from builder.engines import KERNEL_MODULES
    from tests.conftest import REPO

    with_kernels = sorted(
        p.relative_to(REPO).as_posix()
        for p in (REPO / "builder").rglob("*.py")
        if "\n@compiled(" in p.read_text(encoding="utf-8")
    )
    checked = sorted(Path(m.__file__).relative_to(REPO).as_posix() for m in KERNEL_MODULES)
    assert checked == with_kernels


def test_kernels_count_as_cached_only_when_every_module_has_its_cache(tmp_path, monkeypatch):
    from types import SimpleNamespace

    from builder import engines

    modules = []
    for name in ("placement", "linescan"):
        (tmp_path / name).mkdir()
        modules.append(SimpleNamespace(__file__=str(tmp_path / name / f"{name}.py")))
    monkeypatch.setattr(engines, "KERNEL_MODULES", tuple(modules))
    cache = tmp_path / "placement" / "__pycache__"
    cache.mkdir()
    (cache / "placement.place_article-10.py311.nbi").touch()
    assert not engines.kernels_cached()
    cache = tmp_path / "linescan" / "__pycache__"
    cache.mkdir()
    (cache / "linescan.scan-3.py311.nbi").touch()
    assert engines.kernels_cached()
