import re

from click.testing import CliRunner

from builder.cli import EXIT_FATAL, EXIT_REJECTED, cli
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


def test_strict_fails_on_rejections(make_repo):
    root = make_repo({"empty.txt": b""})
    args = ["build", "--seeds", str(root / "seeds"), "--out", str(root / "data"), "--strict"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == EXIT_REJECTED
    assert "empty.txt: empty" in result.output


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
