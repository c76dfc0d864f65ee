import datetime as dt
import hashlib
import json
import tempfile

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from builder.doc import BuildError
from builder.release import next_free_version, parse_version, published_versions, split_front_matter


def _front_matter(root):
    text, _ = split_front_matter((root / "README.md").read_text(encoding="utf-8"))
    return yaml.safe_load(text)


def test_readme_has_one_config_per_version_newest_default(built_repo):
    meta = _front_matter(built_repo)
    names = [c["config_name"] for c in meta["configs"]]
    assert names == ["v1.0.0"] and names != ["default"]
    config = meta["configs"][0]
    assert config["default"] is True
    manifest = json.loads((built_repo / "data/v1.0.0/manifest.json").read_text())
    assert sorted(f["split"] for f in config["data_files"]) == sorted(manifest["splits"])
    info = meta["dataset_info"][0]
    assert {s["name"]: s["num_examples"] for s in info["splits"]} == manifest["splits"]
    assert sum(manifest["splits"].values()) == 5


def test_load_dataset_default_named_and_streaming(built_repo):
    datasets = pytest.importorskip("datasets")
    with tempfile.TemporaryDirectory() as cache:
        default = datasets.load_dataset(str(built_repo), cache_dir=cache)
        named = datasets.load_dataset(str(built_repo), "v1.0.0", cache_dir=cache)
        assert sum(len(s) for s in default.values()) == 5
        assert {k: len(v) for k, v in default.items()} == {k: len(v) for k, v in named.items()}
        rows = [row for split in default.values() for row in split]
        assert {type(r["date"]) for r in rows if r["date"]} == {dt.date}
        stream = datasets.load_dataset(str(built_repo), streaming=True, cache_dir=cache)
        streamed = [row["id"] for split in stream.values() for row in split]
        assert sorted(streamed) == sorted(r["id"] for r in rows)
        files = sorted(str(p) for p in (built_repo / "data/v1.0.0").glob("*.parquet"))
        plain = datasets.load_dataset("parquet", data_files=files, cache_dir=cache)
        assert len(plain["train"]) == 5


def test_config_names_are_versions(built_repo):
    datasets = pytest.importorskip("datasets")
    assert datasets.get_dataset_config_names(str(built_repo)) == ["v1.0.0"]


def test_pandas_polars_duckdb_read_the_right_types(built_repo):
    import duckdb
    import pandas as pd
    import polars as pl

    path = next((built_repo / "data/v1.0.0").glob("*.parquet"))
    frame = pd.read_parquet(path)
    assert all(v is None or isinstance(v, dt.date) for v in frame["date"])
    polars_frame = pl.read_parquet(path)
    assert polars_frame.schema["date"] == pl.Date
    assert polars_frame.schema["word_count"] == pl.Int32
    kind = duckdb.sql(f"select typeof(date) t from '{path}' limit 1").fetchall()[0][0]
    assert kind == "DATE"


def test_card_has_generated_sections(built_repo):
    card = (built_repo / "dataset_card.md").read_text(encoding="utf-8")
    assert "| `removed_lines` |" in card
    assert "| v1.0.0 |" in card
    assert "`text:footer` 1" in card
    assert "| `outside_article` |" in card


def test_versions_parse_and_next_free(tmp_path):
    assert parse_version("v1.2.3") == (1, 2, 3)
    with pytest.raises(BuildError, match=r"X\.Y\.Z"):
        parse_version("1.2")
    for version in ["1.0.0", "1.0.1"]:
        (tmp_path / f"v{version}").mkdir()
        (tmp_path / f"v{version}" / "manifest.json").write_text("{}")
    (tmp_path / "v9.9.9").mkdir()  # no manifest: never published
    assert published_versions(tmp_path) == ["1.0.0", "1.0.1"]
    assert next_free_version(tmp_path, "1.0.0") == "1.0.2"


@given(
    st.lists(
        st.tuples(
            st.text(alphabet="ab/é.\t 漢-", min_size=1, max_size=6),
            st.binary(min_size=32, max_size=32).map(bytes.hex),
        ),
        max_size=20,
    )
)
def test_inputs_digest_is_over_the_pairs_sorted_as_pairs(pairs):
    # The digest's definition: sha256 of "path\tsha256\n" for every pair in sorted order.
    from builder.doc import Rejection, RejectReason
    from builder.release import inputs_digest

    rejections = [Rejection(path, RejectReason.empty, "", None) for path, _ in pairs[:2]]
    expected = hashlib.sha256()
    for path, sha in sorted([*pairs, *((r.source_file, "") for r in rejections)]):
        expected.update(f"{path}\t{sha}\n".encode())
    assert inputs_digest(iter(pairs), rejections) == expected.hexdigest()


def test_versions_are_normalised_and_leading_zeros_refused(make_repo):
    from builder.build import build
    from builder.release import normalise_version

    assert normalise_version("v1.2.0") == "1.2.0"
    for bad in ("01.0.0", "1.02.0", "vv1.0.0", "1.0"):
        with pytest.raises(BuildError, match="without leading zeros"):
            normalise_version(bad)
    root = make_repo()
    result = build(root / "seeds", root / "data", "v1.2.0")
    assert result.published.version == "1.2.0"
    assert sorted(p.name for p in (root / "data").iterdir() if p.name.startswith("v")) == ["v1.2.0"]
    changelog = (root / "data/CHANGELOG.md").read_text(encoding="utf-8").splitlines()
    assert [line for line in changelog if line.startswith("## ")] == ["## v1.2.0"]
    with pytest.raises(BuildError, match="leading zeros"):
        build(root / "seeds", root / "data", "01.2.0")
    assert published_versions(root / "data") == ["1.2.0"]


def test_a_manifest_that_is_not_json_is_one_clear_error(tmp_path):
    from builder.release import load_manifest

    (tmp_path / "manifest.json").write_text("{oops", encoding="utf-8")
    with pytest.raises(BuildError, match=r"manifest\.json: not valid JSON .*restore it"):
        load_manifest(tmp_path)
