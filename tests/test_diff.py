import pyarrow as pa
from click.testing import CliRunner

from builder.build import build
from builder.cli import cli
from builder.diff import MAJOR, MINOR, PATCH, diff_rows, diff_versions

SEED = "000_f43590dcf1fa9506.txt"


def test_semver_from_the_diff_and_changelog(make_repo):
    root = make_repo()
    seeds, data = root / "seeds", root / "data"
    assert build(seeds, data).published.version == "1.0.0"
    splits_before = {a.id: a.split for a in build(seeds, data).articles}

    raw = (seeds / SEED).read_bytes()
    (seeds / "005_aaaaaaaaaaaaaaaa.txt").write_bytes(raw.replace(b"Aspen", b"Bamako"))
    added = build(seeds, data)
    assert added.published.version == "1.1.0"
    assert {a.id: a.split for a in added.articles if a.id in splits_before} == splits_before

    (seeds / SEED).write_bytes(raw.replace(b"Sheehan added", b"Sheehan also added"))
    corrected = build(seeds, data)
    assert corrected.published.version == "1.1.1"
    changes = diff_versions(data, "1.1.0", "1.1.1")
    assert changes.added == () and changes.removed == ()
    assert set(changes.changed) == {"f43590dcf1fa9506"}
    assert {"body", "word_count", "source_sha256"} <= set(changes.changed["f43590dcf1fa9506"])
    assert changes.bump == PATCH

    unchanged = build(seeds, data)
    assert unchanged.published.version == "1.1.1" and unchanged.published.changed is False

    changelog = (data / "CHANGELOG.md").read_text(encoding="utf-8")
    assert (
        changelog.index("## v1.1.1") < changelog.index("## v1.1.0") < changelog.index("## v1.0.0")
    )
    # A curator reads stories: each id comes with its headline.
    headline = '"US weighs options to drive Qaeda from Mali"'
    assert f"- added `aaaaaaaaaaaaaaaa` {headline}\n" in changelog
    assert f"- changed `f43590dcf1fa9506` {headline}: body, " in changelog
    assert changelog.count("## v1.1.1") == 1


def test_diff_command_lists_changes(make_repo):
    root = make_repo()
    first = build(root / "seeds", root / "data")
    headline = next(a.headline for a in first.articles if a.id == "4c147c20ba632c38")
    (root / "seeds" / "003_4c147c20ba632c38.txt").unlink()
    build(root / "seeds", root / "data")
    result = CliRunner().invoke(cli, ["diff", "v1.0.0", "v1.1.0", "--out", str(root / "data")])
    assert result.exit_code == 0, result.output
    assert "1 removed" in result.output
    removed = [line for line in result.output.splitlines() if "- removed" in line]
    assert headline and removed == [f'- removed `4c147c20ba632c38` "{headline}"']


def test_schema_change_is_major_and_record_change_minor():
    old = pa.schema([("id", pa.string())])
    new = pa.schema([("id", pa.string()), ("extra", pa.string())])
    rows = [{"id": "a"}]
    assert diff_rows("a", "b", old, rows, new, rows).bump == MAJOR
    assert diff_rows("a", "b", old, rows, old, [*rows, {"id": "b"}]).bump == MINOR
    assert diff_rows("a", "b", old, rows, old, rows).bump is None


def test_rows_in_id_order_are_joined_in_one_pass():
    schema = pa.schema([("id", pa.string())])
    old = [{"id": "a", "x": 1}, {"id": "c", "x": 1}, {"id": "d", "x": 1}, {"id": "f", "x": 1}]
    new = [{"id": "b", "x": 1}, {"id": "c", "x": 2}, {"id": "d", "x": 1}, {"id": "e"}]
    diff = diff_rows("old", "new", schema, iter(old), schema, iter(new))
    assert diff.added == ("b", "e")
    assert diff.removed == ("a", "f")
    assert diff.changed == {"c": ("x",)}


def test_a_version_whose_records_are_unchanged_lists_the_options_that_changed(make_repo):
    from builder.pipeline import Options

    root = make_repo()
    seeds, data = root / "seeds", root / "data"
    build(seeds, data)
    options = Options(dedup_threshold=0.9, min_confidence=(("author@html", 0.7),))
    assert build(seeds, data, options=options).published.version == "1.0.1"
    changelog = (data / "CHANGELOG.md").read_text(encoding="utf-8")
    entry = changelog[changelog.index("## v1.0.1") : changelog.index("## v1.0.0")]
    assert entry.splitlines()[2:5] == [
        "Against v1.0.0: 0 added, 0 removed, 0 changed",
        "- option `dedup_threshold`: 0.8 -> 0.9",
        "- option `min_confidence.author@html`: 0.5 -> 0.7",
    ]
    # A changelog rebuilt from the versions (repair) says the same.
    (data / "CHANGELOG.md").write_text(changelog.replace(entry, ""), encoding="utf-8")
    rebuilt = build(seeds, data, options=options)
    assert rebuilt.published.changed is False
    assert entry in (data / "CHANGELOG.md").read_text(encoding="utf-8")


def test_option_lines_name_each_changed_option_dotted():
    from builder.diff import option_lines

    old = {"dedup": "keep", "min_confidence": {"date": 0.0, "outlet": 0.39}}
    new = {"dedup": "keep", "min_confidence": {"date": 0.0, "outlet": 0.5}, "max_bytes": 10}
    assert option_lines(old, new) == [
        "- option `max_bytes`: null -> 10",
        "- option `min_confidence.outlet`: 0.39 -> 0.5",
    ]
    assert option_lines(old, old) == []
