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
