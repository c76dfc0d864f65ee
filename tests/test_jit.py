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


_CLEAN_ALL = """
import json, sys
from pathlib import Path
from builder import jit
from builder.clean import clean, placement
from builder.decode import decode
from builder.doc import Doc
from builder.extract import extract
def clean_all():
    out = {}
    for page in sorted(p for p in Path(sys.argv[1]).iterdir() if (p / "raw.txt").is_file()):
        raw = (page / "raw.txt").read_bytes()
        doc = extract(clean(decode(Doc(page.name, raw, "0" * 64, page.name))))
        out[page.name] = [[line.no, line.reason and line.reason.value] for line in doc.lines]
        out[page.name].append(str(doc.meta.get("headline")))
    return out, type(placement.place_article).__name__
# Plain first: once compiled, a kernel stays so in this process.
with jit.interpreted():
    plain = clean_all()
compiled = clean_all()
print(json.dumps({"plain": plain, "compiled": compiled}))
"""


def test_small_builds_run_the_kernels_as_plain_python_with_the_same_output():
    """The plain-Python path a small build takes gives what the compiled kernels give, line
    for line, on real pages (in a fresh process, where no kernel is compiled yet)."""
    import json
    import subprocess
    import sys

    from tests.conftest import REPO

    fixtures = REPO / "tests" / "fixtures" / "devset"
    runs = json.loads(
        subprocess.run(
            [sys.executable, "-c", _CLEAN_ALL, str(fixtures)],
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO,
        ).stdout
    )
    (plain, plain_kernel), (compiled, compiled_kernel) = runs["plain"], runs["compiled"]
    assert (plain_kernel, compiled_kernel) == ("function", "CPUDispatcher")
    assert len(plain) == 20
    assert plain == compiled


def test_a_small_build_compiles_nothing(make_repo):
    import subprocess
    import sys

    root = make_repo()
    probe = (
        "import sys; from pathlib import Path; from builder.build import build; "
        "build(Path('seeds'), Path('data'), workers=1); "
        "import builder.clean.placement as c; "
        "print(type(c.place_article).__name__, 'numba' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["function", "False"]


_COUNT_ERROR_STATES = """
import numpy as np
from builder import jit
jit.interpret()
entered = []
errstate = np.errstate
def counting(**kwargs):
    entered.append(kwargs)
    return errstate(**kwargs)
np.errstate = counting
from builder.clean.rules import scan_lines
scan = scan_lines([" ".join(["Mali talks resume in Algiers"] * 40)])
print(len(entered), int(scan.words[0]))
"""


def test_a_plain_python_kernel_enters_the_error_state_once_not_per_call_it_makes():
    """The scan calls its character decoder once a character; as plain Python those inner
    calls run inside the outer call's error state (entering it cost more than the calls)."""
    import subprocess
    import sys

    from tests.conftest import REPO

    result = subprocess.run(
        [sys.executable, "-c", _COUNT_ERROR_STATES],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    assert result.stdout.split() == ["1", "200"]
