import shutil

from click.testing import CliRunner

from builder.check import check_repo
from builder.cli import EXIT_INVALID, cli
from tests.conftest import REPO


def test_committed_data_is_valid():
    assert check_repo(REPO) == []


def test_built_repo_is_valid_and_cli_says_so(built_repo):
    assert check_repo(built_repo) == []
    result = CliRunner().invoke(cli, ["validate", str(built_repo)])
    assert result.exit_code == 0 and "v1.0.0" in result.output


def _copy(built_repo, tmp_path):
    root = tmp_path / "copy"
    shutil.copytree(built_repo, root)
    return root


def test_tampered_file_and_counts_are_reported(built_repo, tmp_path):
    root = _copy(built_repo, tmp_path)
    parquet = next((root / "data/v1.0.0").glob("train-*.parquet"))
    parquet.write_bytes(parquet.read_bytes() + b"x")
    readme = root / "README.md"
    readme.write_text(readme.read_text().replace("num_examples: 1", "num_examples: 7"))
    (root / "data/v1.0.0/stray.txt").write_text("?")
    problems = {(p.file.split("/")[-1], p.what) for p in check_repo(root)}
    assert (parquet.name, "sha256") in problems
    assert ("stray.txt", "file not in manifest") in problems
    assert ("README.md", "dataset_info of v1.0.0") in problems
    result = CliRunner().invoke(cli, ["validate", str(root)])
    assert result.exit_code == EXIT_INVALID
    assert "sha256: expected" in result.output


def test_missing_file_and_unlisted_version(built_repo, tmp_path):
    root = _copy(built_repo, tmp_path)
    next((root / "data/v1.0.0").glob("test-*.parquet")).unlink()
    readme = root / "README.md"
    readme.write_text(readme.read_text().replace("v1.0.0", "v0.9.0"))
    whats = {p.what for p in check_repo(root)}
    assert "file missing" in whats
    assert "config v1.0.0" in whats
    assert "default config" in whats
