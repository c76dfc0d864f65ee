from builder.docs import changelog_text

PUBLISHED = (
    "# Changelog\n\n## v1.2.0\n\nAgainst v1.1.0: 1 added\n\n"
    "## v1.0.0\n\nFirst version: 5 records.\n"
)


def test_a_new_entry_goes_first_and_the_rest_stays_as_it_was(tmp_path):
    (tmp_path / "CHANGELOG.md").write_text(PUBLISHED, encoding="utf-8")
    text = changelog_text(tmp_path, [("1.3.0", ["Against v1.2.0: 1 changed"])])
    assert text == PUBLISHED.replace(
        "# Changelog\n\n", "# Changelog\n\n## v1.3.0\n\nAgainst v1.2.0: 1 changed\n\n"
    )
    assert changelog_text(tmp_path, [("1.2.0", ["again"])]) is None


def test_an_entry_restored_by_repair_goes_between_its_neighbours(tmp_path):
    (tmp_path / "CHANGELOG.md").write_text(PUBLISHED, encoding="utf-8")
    text = changelog_text(tmp_path, [("1.1.0", ["Against v1.0.0: 1 added"])])
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## v1.2.0", "## v1.1.0", "## v1.0.0"]


def test_the_first_entry_of_a_new_changelog(tmp_path):
    assert changelog_text(tmp_path, [("1.0.0", ["First version: 5 records."])]) == (
        "# Changelog\n\n## v1.0.0\n\nFirst version: 5 records.\n"
    )


def test_readme_front_matter_is_what_the_hub_library_writes_and_reads(built_repo):
    """libyaml writes the front matter as huggingface_hub's DatasetCard (PyYAML in Python)
    would, byte for byte, and it reads back as the data."""
    from huggingface_hub import DatasetCard, DatasetCardData

    from builder.docs import _prefix, load_yaml, published_view, readme_metadata, readme_text

    data_dir = built_repo / "data"
    view = published_view(data_dir)
    ours = readme_text(view, data_dir, built_repo)
    card_data = DatasetCardData(**readme_metadata(view, _prefix(data_dir, built_repo)))
    prose = ours.split("\n---\n", 1)[1]
    assert ours == str(DatasetCard(f"---\n{card_data.to_yaml()}\n---\n{prose}"))
    front = ours.split("\n---\n", 1)[0].removeprefix("---\n")
    assert load_yaml(front) == card_data.to_dict()
    assert load_yaml("a: [1, {b: 'ü'}]") == {"a": [1, {"b": "ü"}]}
