import re

from click.testing import CliRunner

from builder.cli import EXIT_BROKEN_PIPE, EXIT_FATAL, EXIT_REJECTED, EXIT_USAGE, cli
from tests.conftest import REPO


def test_build_prints_a_line_per_stage(make_repo):
    root = make_repo()
    result = CliRunner().invoke(
        cli,
        [
            "build",
            "--seeds",
            str(root / "seeds"),
            "--out",
            str(root / "data"),
            "--version",
            "1.0.0",
        ],
    )
    assert result.exit_code == 0, result.output
    assert re.search(r"^read\s+in=5 out=5 rejected=0 seconds=\d+\.\d\d$", result.output, re.M)
    assert re.search(r"^validate\s+in=5 out=5 rejected=0 seconds=\d+\.\d\d$", result.output, re.M)
    assert (root / "data/v1.0.0/manifest.json").is_file()


def test_strict_lists_the_rejections_and_publishes_nothing(make_repo):
    root = make_repo({"empty.txt": b""})
    args = ["build", "--seeds", str(root / "seeds"), "--out", str(root / "data"), "--strict"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == EXIT_REJECTED
    assert "rejected: empty.txt: empty: " in result.output
    assert "nothing published" in result.output
    assert not (root / "data/v1.0.0").exists()


def test_fatal_error_is_one_line(tmp_path):
    result = CliRunner().invoke(cli, ["build", "--seeds", str(tmp_path / "none")])
    assert result.exit_code == EXIT_FATAL
    assert result.output.strip().count("\n") == 0
    assert "no such seeds folder" in result.output


def test_readme_documents_every_command():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert re.search(rf"`mali-news {name}\b[^`]*`", readme), name


def test_every_command_has_help():
    for name in cli.commands:
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert f"Usage: cli {name}" in result.output


def test_commands_outside_the_repository_name_the_folder_they_looked_in(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for args, hint in (
        (["validate"], "pass the repository"),
        (["stats"], "pass --out DIR"),
        (["diff", "v1.0.0", "v1.1.0"], "pass --out DIR"),
        (["repair"], "pass --out DIR"),
        (["build"], "pass --seeds DIR"),
        (["export-hub", str(tmp_path / "hub")], "pass --out DIR"),
        (["audit", "--out", str(REPO / "data")], "pass --seeds DIR"),
    ):
        result = runner.invoke(cli, args)
        assert result.exit_code == EXIT_FATAL, (args, result.output)
        line = result.output.strip()
        assert line.count("\n") == 0 and str(tmp_path) in line and hint in line, (args, line)
        assert "repository root" in line


def test_a_value_that_is_not_a_valid_choice_is_a_usage_error_naming_the_choices(make_repo):
    root = make_repo()
    runner = CliRunner()
    build = ["build", "--seeds", str(root / "seeds"), "--out", str(root / "data")]
    for args, message in (
        ([*build, "--min-confidence", "headline=2"],
         "--min-confidence headline=2: choose a value in [0, 1]"),
        ([*build, "--min-confidence", "title=0.5"],
         "--min-confidence title=0.5: no such field; choose headline, date, outlet, author"),
        ([*build, "--version", "01.0.0"], "version '01.0.0' is not X.Y.Z"),
        (["diff", "foo", "v1.0.0", "--out", str(REPO / "data")], "version 'foo' is not X.Y.Z"),
    ):  # fmt: skip
        result = runner.invoke(cli, args)
        assert result.exit_code == EXIT_USAGE, (args, result.output)
        assert result.output.strip().count("\n") == 0 and message in result.output, result.output
    assert not (root / "data").exists()  # nothing was built


def test_a_reader_that_stops_early_gets_no_error(tmp_path):
    import subprocess
    import sys

    process = subprocess.Popen(
        [sys.executable, "-m", "builder", "stats", "--out", str(REPO / "data"), "--plots",
         str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    process.stdout.close()  # as `| head -0` would, before the first line is written
    _, stderr = process.communicate()
    assert stderr == b"" and process.returncode == EXIT_BROKEN_PIPE


def test_audit_into_a_missing_folder_names_it(built_repo, tmp_path):
    result = CliRunner().invoke(
        cli, ["audit", "--out", str(built_repo / "data"), "--seeds", str(built_repo / "seeds"),
              "--html", str(tmp_path / "nodir" / "audit.html")],
    )  # fmt: skip
    assert result.exit_code == EXIT_FATAL
    assert result.output.strip() == (
        f"error: {tmp_path / 'nodir'}: no such folder for the audit page; pass --html PATH in a "
        "folder that exists"
    )


def test_os_errors_are_one_line_and_debug_shows_the_traceback(make_repo, monkeypatch):
    import errno

    import builder.build

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", "data/.tmp-v1.0.0-1/x.parquet")

    monkeypatch.setattr(builder.build, "build", full_disk)
    result = CliRunner().invoke(cli, ["build"])
    assert result.exit_code == EXIT_FATAL
    assert result.output == (
        "error: data/.tmp-v1.0.0-1/x.parquet: No space left on device; "
        "free disk space and run it again (nothing half-written was published)\n"
    )
    debug = CliRunner().invoke(cli, ["--debug", "build"])
    assert isinstance(debug.exception, OSError) and debug.exception.errno == errno.ENOSPC


def test_a_stage_error_warns_in_one_line_and_debug_stops_with_it(make_repo, monkeypatch):
    import builder.pipeline

    def failing(doc, *args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(builder.pipeline, "extract", failing)
    root = make_repo()
    where = ["--seeds", str(root / "seeds"), "--out", str(root / "data")]
    result = CliRunner().invoke(cli, ["build", *where])
    # Every page failed: nothing to publish, said in one line.
    assert result.exit_code == EXIT_FATAL
    assert result.output.strip().splitlines()[-1] == (
        f"error: {root / 'seeds'}: no input became a record (5 rejected: stage_error=5); "
        "rerun with mali-news --debug build for the traceback"
    )
    debug = CliRunner().invoke(cli, ["--debug", "build", *where])
    assert isinstance(debug.exception, ZeroDivisionError)
    assert not (root / "data" / "v1.0.0").exists()


def test_a_second_writer_exits_naming_the_holder(make_repo):
    import os

    from builder.transaction import writer_lock

    root = make_repo()
    with writer_lock(root / "data"):
        result = CliRunner().invoke(
            cli, ["build", "--seeds", str(root / "seeds"), "--out", str(root / "data")]
        )
    assert result.exit_code == EXIT_FATAL
    assert f"another writer holds {root / 'data' / '.lock'} (pid {os.getpid()} on " in result.output
    assert not (root / "data/v1.0.0").exists()


def test_export_hub_names_the_hf_command_that_huggingface_hub_installs(built_repo, tmp_path):
    from importlib.metadata import entry_points

    result = CliRunner().invoke(
        cli, ["export-hub", str(tmp_path / "hub"), "--out", str(built_repo / "data")]
    )
    assert result.exit_code == 0, result.output
    assert f"then: hf upload <repo> {tmp_path / 'hub'} --repo-type dataset" in result.output
    scripts = {e.name: e.value for e in entry_points(group="console_scripts")}
    assert scripts["hf"].startswith("huggingface_hub.")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "huggingface-cli" not in readme and "duckdb -c" not in readme


def test_readme_duckdb_example_runs():
    import subprocess
    import sys

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    command = re.search(r'`python -c "(import duckdb;.*?)"`', readme).group(1)
    result = subprocess.run(
        [sys.executable, "-c", command.replace('\\"', '"')],
        cwd=REPO,  # the repository's own data, as README's reader has it
        capture_output=True,
        text=True,
        check=True,
    )
    assert "headline" in result.stdout and "US weighs options" in result.stdout


def test_help_answers_without_importing_the_stages():
    """`mali-news --help` and a command's --help import the CLI, click and the defaults,
    not the library the commands run (Arrow, NumPy, datasketch): help is instant."""
    import subprocess
    import sys

    probe = (
        "import sys; from click.testing import CliRunner; from builder.cli import cli; "
        "runs = [CliRunner().invoke(cli, args) for args in (['--help'], ['build', '--help'])]; "
        "print(all('Usage:' in run.output for run in runs), "
        "sorted(m for m in ('pyarrow', 'numpy', 'datasketch', 'builder.pipeline') "
        "if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert result.stdout.strip() == "True []"
