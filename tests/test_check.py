import shutil

from click.testing import CliRunner

from builder.check import check_repo
from builder.cli import EXIT_INVALID, cli
from tests.conftest import REPO


def test_committed_data_is_valid():
    assert check_repo(REPO) == []


def test_every_published_version_loads_with_the_columns_it_was_written_with(tmp_path):
    import datasets
    import pyarrow.parquet as pq

    # v1.0.0 was written before the confidences (schema 1), v2.0.0 with them.
    for version, columns in (("v1.0.0", 27), ("v2.0.0", 32)):
        written = pq.read_schema(next((REPO / "data" / version).glob("train-*.parquet"))).names
        loaded = datasets.load_dataset(str(REPO), version, split="train", cache_dir=tmp_path)
        assert loaded.column_names == written and len(written) == columns, version


def test_readme_listing_newer_columns_for_an_older_version_is_reported(tmp_path, monkeypatch):
    import builder.docs

    root = tmp_path / "copy"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "README.md", root / "README.md")
    assert check_repo(root) == []
    # README as a builder that gave every version today's columns wrote it.
    monkeypatch.setattr(builder.docs, "features", lambda _schema: builder.model.features())
    view = builder.docs.published_view(root / "data")
    (root / "README.md").write_text(
        builder.docs.readme_text(view, root / "data", root), encoding="utf-8"
    )
    problems = [str(p) for p in check_repo(root)]
    assert problems == [
        "README.md: features of v1.0.0: expected the 27 columns of schema 1, in order, found "
        "extra headline_confidence, date_confidence, outlet_confidence, author_confidence, "
        "withheld; missing none; run `mali-news card`"
    ]


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


def _edit_manifest(root, **changes):
    import json

    path = root / "data/v1.0.0/manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest.update(changes)
    path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def test_an_edited_manifest_fails_validate(built_repo, tmp_path):
    for field, value in (
        ("records", 6),
        ("rejected", 1),
        ("builder_version", "0.0.1"),
        ("options", {"dedup": "drop"}),
    ):
        root = _copy(built_repo, tmp_path / field)
        _edit_manifest(root, **{field: value})
        problems = {(p.file, p.what) for p in check_repo(root)}
        assert ("v1.0.0/manifest.json", "sha256") in problems, field
    root = _copy(built_repo, tmp_path / "counts")
    _edit_manifest(root, records=6, rejected=2)
    problems = {(p.file, p.what, p.expected, p.found) for p in check_repo(root)}
    assert ("v1.0.0/manifest.json", "records", "5", "6") in problems
    assert ("v1.0.0/manifest.json", "rejected", "0", "2") in problems


def test_a_version_folder_without_manifest_or_a_broken_one_is_reported(built_repo, tmp_path):
    root = _copy(built_repo, tmp_path)
    shutil.copytree(root / "data/v1.0.0", root / "data/v1.1.0")
    (root / "data/v1.1.0/manifest.json").unlink()
    problems = {(p.file, p.what, p.found) for p in check_repo(root)}
    assert ("v1.1.0/manifest.json", "manifest", "absent") in problems
    (root / "data/v1.0.0/manifest.json").write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(root)])
    assert result.exit_code == EXIT_INVALID
    assert "v1.0.0/manifest.json: manifest: expected a JSON object, found " in result.output


def test_an_unfinished_publish_is_reported_and_repair_finishes_it(built_repo, tmp_path):
    root = _copy(built_repo, tmp_path)
    readme = root / "README.md"
    staged = root / ".tmp-README.md-999999999"
    staged.write_text(readme.read_text(encoding="utf-8") + "\nrepaired\n", encoding="utf-8")
    (root / "data/.publish-journal.json").write_text(
        '{"pid": 999999999, "version": null, "staging": null, '
        '"renames": [["../.tmp-README.md-999999999", "../README.md"]]}\n',
        encoding="utf-8",
    )
    problems = {(p.what, p.found) for p in check_repo(root)}
    assert ("unfinished publish", "a crash; run `mali-news repair`") in problems
    result = CliRunner().invoke(cli, ["repair", "--out", str(root / "data")])
    assert result.exit_code == 0, result.output
    assert "repair: finished an update of the docs that a crash interrupted" in result.output
    assert not staged.exists() and not (root / "data/.publish-journal.json").exists()
    assert check_repo(root) == []


def test_validate_outside_a_repository_names_the_folder(tmp_path):
    result = CliRunner().invoke(cli, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.startswith(f"error: {tmp_path / 'data'}: no such folder")


def test_an_id_in_two_split_files_is_reported_with_both_files(built_repo, tmp_path):
    import pyarrow.parquet as pq

    root = _copy(built_repo, tmp_path)
    folder = root / "data/v1.0.0"
    files = sorted(p for p in folder.glob("*.parquet") if pq.ParquetFile(p).metadata.num_rows)
    first, second = files[0], files[1]
    table = pq.read_table(second)
    repeated = pq.read_table(first).column("id")[0].as_py()
    ids = table.column("id").to_pylist()
    ids[0] = repeated  # the second file now repeats the first file's first id
    field = table.schema.field("id")
    table = table.set_column(table.schema.get_field_index("id"), field, [ids])
    pq.write_table(table, second)
    duplicates = [p for p in check_repo(root) if p.what == "duplicate id"]
    assert [(p.file, p.found) for p in duplicates] == [
        (f"v1.0.0/{second.name}", f"{repeated} also in {first.name}")
    ]
