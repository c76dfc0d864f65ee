"""Repository-level promises: the quick start, CI and seeds stay true."""

import re

import pytest

from tests.conftest import REPO, SEEDS


def _quick_start() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1]
    block = re.search(r"```bash\n(.*?)```", section, re.S).group(1)
    return [line for line in block.splitlines() if line.strip()]


def test_quick_start_is_two_commands_install_build_then_test():
    commands = _quick_start()
    assert len(commands) == 2
    assert "pip install" in commands[0] and "builder build" in commands[0]
    assert "pip install" in commands[1] and "pytest" in commands[1]


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert _quick_start()[1] in ci.splitlines()


def test_seed_names_are_kept():
    names = sorted(p.name for p in SEEDS.iterdir())
    assert names == [
        "000_f43590dcf1fa9506.txt",
        "001_11a2904bc4289e89.txt",
        "002_85fd74c31d99d556.txt",
        "003_4c147c20ba632c38.txt",
        "004_ea10a3fbe739af27.txt",
    ]


def test_readme_test_command_needs_no_browser():
    """A bare machine has no chromium: the browser test runs only behind its marker."""
    import tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    addopts = config["tool"]["pytest"]["ini_options"]["addopts"]
    assert "not browser" in addopts
    audit_tests = (REPO / "tests" / "test_audit.py").read_text(encoding="utf-8")
    browser_tests = re.findall(r"@pytest\.mark\.browser\ndef (\w+)", audit_tests)
    chromium_tests = re.findall(r"def (\w+)\([^)]*\):\n[^\n]*CHROMIUM", audit_tests)
    assert chromium_tests and browser_tests == chromium_tests
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.index("apt-get install -y -qq chromium") < ci.index("python -m pytest -m browser")


def test_a_regular_install_ships_every_package_and_data_file():
    """An explicit packages list leaves out what it does not name: every subpackage and every
    data file the builder reads must be listed (an editable install would hide the gap)."""
    import tomllib

    setuptools = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]
    builder = REPO / "builder"
    packages = sorted(
        p.parent.relative_to(REPO).as_posix().replace("/", ".")
        for p in builder.rglob("__init__.py")
    )
    assert sorted(setuptools["packages"]) == packages
    data = sorted(
        p.relative_to(builder).as_posix()
        for p in builder.rglob("*")
        if p.is_file()
        and p.suffix not in (".py", ".pyc")
        and not p.name.startswith(".")
        and "__pycache__" not in p.parts
    )
    assert data == ["clean/clean_model.json", "confidence_model.json", "extract/choice_model.json"]
    assert sorted(setuptools["package-data"]["builder"]) == data


@pytest.mark.skipif(not (REPO.parent / "shared" / "devset").is_dir(), reason="no dev sets")
def test_the_throughput_corpus_is_the_dev_pages_bytes_under_ids_of_their_own(tmp_path):
    from benchmarks import throughput

    pages = throughput.sample_pages()
    size = throughput.make_corpus(tmp_path / "seeds", len(pages) + 2)
    files = sorted((tmp_path / "seeds").iterdir())
    assert len(pages) >= 800 and len(files) == len(pages) + 2
    assert [f.read_bytes() for f in files[:2]] == pages[:2]
    assert files[-1].read_bytes() == pages[1]  # the pages again, in turn
    assert size == sum(len(p) for p in pages) + len(pages[0]) + len(pages[1])
    assert len({f.name.split("_")[1] for f in files}) == len(files)  # an id each
