import mlcroissant as mlc
import pytest
from click.testing import CliRunner
from huggingface_hub import DatasetCard

from builder.cli import cli
from builder.doc import BuildError
from builder.hub import export_for_hub
from builder.model import Article


def test_export_hub_layout(built_repo, tmp_path):
    target = tmp_path / "hub"
    result = CliRunner().invoke(cli, ["export-hub", str(target), "--out", str(built_repo / "data")])
    assert result.exit_code == 0, result.output
    card = DatasetCard.load(target / "README.md")
    assert [c["config_name"] for c in card.data.to_dict()["configs"]] == ["v1.0.0"]
    assert card.data.to_dict()["license"] == "other"
    assert "# mali-news dataset card" in card.text
    assert (target / "data/v1.0.0/manifest.json").is_file()
    records = list(mlc.Dataset(jsonld=str(target / "croissant.json")).records("articles"))
    assert len(records) == 5
    with pytest.raises(BuildError, match="not empty"):
        export_for_hub(built_repo, built_repo / "data", target)


def test_card_documents_every_field_and_its_yaml_loads():
    from tests.conftest import REPO

    card = (REPO / "dataset_card.md").read_text(encoding="utf-8")
    for name in Article.model_fields:
        assert f"| `{name}` |" in card, name
    readme = DatasetCard.load(REPO / "README.md")
    configs = readme.data.to_dict()["configs"]
    assert configs[-1]["default"] is True
    assert all(c["config_name"].startswith("v") for c in configs)
