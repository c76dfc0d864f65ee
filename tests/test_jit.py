import pytest

from builder.jit import compiled, interpreted

# One worker compiles the kernels, once: the tests that compile them share it (numba's cache
# on disk then serves the next ones), instead of two workers compiling the same at once.
pytestmark = [pytest.mark.xdist_group("compiled"), pytest.mark.usefixtures("compiled_kernels")]


@compiled(inline="always")
def _double(value):
    return 2 * value


@compiled(nogil=True)
def _double_all(values):
    total = 0
    for value in values:
        total += _double(value)  # a compiled function calling another one
    return total


def test_first_call_compiles_every_registered_function_in_place():
    with interpreted(False):
        assert _double_all((1, 2, 3)) == 12
    assert type(globals()["_double_all"]).__name__ == "CPUDispatcher"
    assert type(globals()["_double"]).__name__ == "CPUDispatcher"
    assert globals()["_double_all"]((5,)) == 10


@compiled()
def _add_one(value):
    return value + 1


@compiled()
def _sum_plus_ones(values):
    total = 0
    for value in values:
        total += _add_one(value)
    return total


# Taken before anything compiles, as ``from module import name`` holds a kernel.
_SUM_REFERENCE = _sum_plus_ones


def test_a_reference_taken_before_compiling_runs_the_compiled_kernel_after():
    big = (2**62, 2**62)
    with interpreted(False):
        wrapped = _SUM_REFERENCE(big)  # compiled integers wrap
    assert wrapped != 2**63 + 2
    # Inside an interpreted block the compiled kernel still runs, not the plain function
    # (which would add Python integers, and compile _add_one's callers anew).
    with interpreted():
        assert _SUM_REFERENCE(big) == wrapped


# One fresh process, where no kernel is compiled yet, answers the tests below in turn (a
# process's start costs seconds): a small build; the plain scan's error states; then every
# fixture page cleaned as plain Python and compiled (plain first: once compiled, a kernel
# stays so in this process).
_FRESH_PROCESS = """
import json, sys
from pathlib import Path
import numpy as np
from builder import jit
from builder.build import build
from builder.clean import clean, placement
from builder.clean.rules import scan_lines
from builder.decode import decode
from builder.doc import Doc
from builder.extract import extract

repo, fixtures = Path(sys.argv[1]), Path(sys.argv[2])
build(repo / "seeds", repo / "data", workers=1)
small_build = [type(placement.place_article).__name__, "numba" in sys.modules]

jit.interpret()
entered = []
errstate = np.errstate
def counting(**kwargs):
    entered.append(kwargs)
    return errstate(**kwargs)
np.errstate = counting
scan = scan_lines([" ".join(["Mali talks resume in Algiers"] * 40)])
np.errstate = errstate
error_states = [len(entered), int(scan.words[0])]

def clean_all():
    out = {}
    for page in sorted(p for p in fixtures.iterdir() if (p / "raw.txt").is_file()):
        raw = (page / "raw.txt").read_bytes()
        doc = extract(clean(decode(Doc(page.name, raw, "0" * 64, page.name))))
        out[page.name] = [[line.no, line.reason and line.reason.value] for line in doc.lines]
        out[page.name].append(str(doc.meta.get("headline")))
    return out, type(placement.place_article).__name__
with jit.interpreted():
    plain = clean_all()
jit.interpret(False)
compiled = clean_all()
print(json.dumps({"small_build": small_build, "error_states": error_states,
                  "plain": plain, "compiled": compiled}))
"""


@pytest.fixture(scope="module")
def fresh_process(tmp_path_factory):
    import json
    import shutil
    import subprocess
    import sys

    from tests.conftest import REPO, SEEDS

    repo = tmp_path_factory.mktemp("fresh")
    shutil.copytree(SEEDS, repo / "seeds")
    (repo / "README.md").write_text("# test repo\n", encoding="utf-8")
    fixtures = REPO / "tests" / "fixtures" / "devset"
    command = [sys.executable, "-c", _FRESH_PROCESS, str(repo), str(fixtures)]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=REPO)
    return json.loads(done.stdout)


def test_small_builds_run_the_kernels_as_plain_python_with_the_same_output(fresh_process):
    """The plain-Python path a small build takes gives what the compiled kernels give, line
    for line, on real pages."""
    (plain, plain_kernel) = fresh_process["plain"]
    (compiled, compiled_kernel) = fresh_process["compiled"]
    assert (plain_kernel, compiled_kernel) == ("function", "CPUDispatcher")
    assert len(plain) == 20
    assert plain == compiled


def test_a_small_build_compiles_nothing(fresh_process):
    assert fresh_process["small_build"] == ["function", False]


def test_a_plain_python_kernel_enters_the_error_state_once_not_per_call_it_makes(fresh_process):
    """The scan calls its character decoder once a character; as plain Python those inner
    calls run inside the outer call's error state (entering it cost more than the calls)."""
    assert fresh_process["error_states"] == [1, 200]


def test_the_tests_that_compile_share_one_worker(request):
    """Under pytest-xdist's loadgroup, this group's tests run in one worker: its node id says
    so. A pytest whose ids lose the suffix (9.2, pytest-xdist#1386) spreads the group, and
    every worker compiles the kernels."""
    if getattr(request.config, "workerinput", None) is None:
        pytest.skip("not run by pytest-xdist")
    assert request.node.nodeid.endswith("@compiled"), request.node.nodeid
