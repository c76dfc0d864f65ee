from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from builder import jit

# CI runs the same generated examples every time, so a merge is never decided by chance;
# HYPOTHESIS_PROFILE=explore draws new ones (and `--hypothesis-seed=N` picks a draw).
settings.register_profile("ci", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# The kernels run as plain Python, as in a small build: compiling them costs each test
# worker half a minute on a fresh machine. The tests that hold the compiled code to the
# plain one (test_jit, the compiled scan and language walk) compile it on purpose.
jit.interpret()

# Tests never reach a hub: the datasets and huggingface_hub libraries stay offline.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
# One OpenMP thread a test worker: the workers already fill the cores, and scikit-learn's
# threads spinning beside the other worker made a small model fit 7 s instead of 1 s.
os.environ.setdefault("OMP_NUM_THREADS", "1")

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


@pytest.fixture
def make_repo(tmp_path):
    """A throwaway repository: seeds copied in, an empty data/ beside them."""

    def make(extra_files: dict[str, bytes] | None = None, name: str = "repo") -> Path:
        root = tmp_path / name
        shutil.copytree(SEEDS, root / "seeds")
        for relative, content in (extra_files or {}).items():
            (root / "seeds" / relative).write_bytes(content)
        (root / "README.md").write_text("# test repo\n", encoding="utf-8")
        return root

    return make


@pytest.fixture(scope="session")
def built_repo(tmp_path_factory):
    """The seeds built once into a temporary repository, shared by read-only tests."""
    from builder.build import build

    root = tmp_path_factory.mktemp("built")
    shutil.copytree(SEEDS, root / "seeds")
    (root / "README.md").write_text("# test repo\n", encoding="utf-8")
    build(root / "seeds", root / "data", "1.0.0")
    return root


@pytest.fixture(scope="session")
def compiled_kernels():
    """Every kernel compiled in this worker, once, before the tests that compile on purpose
    (marked xdist_group "compiled", so one worker runs them all): a compiled kernel stays so
    for the worker's later tests, and a kernel first called there would compile then."""
    from builder.pipeline import analyse_page
    from tests.helpers import PROSE

    with jit.interpreted(False):
        page = "\n".join(["Menu", "Mali talks resume", "By Jane Doe", *PROSE, "© 2013 Wire"])
        analyse_page(page.encode(), "000_0000000000000000.txt", stop_before="dedup")
