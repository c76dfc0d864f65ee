"""The Ray Data engine must give the local engine's output byte for byte."""

import hashlib

import pytest

from builder.build import build
from builder.doc import BuildError
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
