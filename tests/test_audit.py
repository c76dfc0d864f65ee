import shutil

import pytest

from builder.audit import audit_page, write_audit
from tests.conftest import SEEDS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def test_audit_page_shows_removed_lines_with_reasons(built_repo):
    page = audit_page(built_repo / "data/v1.0.0", SEEDS)
    assert "<s>Skip to content</s><span class='reason'>boilerplate</span>" in page
    assert "data-reason='photo_credit'" in page
    assert page.count("<article class='record'") == 5
    assert "http://" not in page and "https://" not in page  # self-contained: nothing to fetch
    assert "<option value='outside_article'>" in page


def test_audit_page_limited_to_the_first_records_by_id(built_repo):
    import re

    from click.testing import CliRunner

    from builder.cli import cli

    page = audit_page(built_repo / "data/v1.0.0", SEEDS, limit=2)
    ids = re.findall(r"<article class='record' id='r-(\w+)'", page)
    full = re.findall(
        r"<article class='record' id='r-(\w+)'", audit_page(built_repo / "data/v1.0.0", SEEDS)
    )
    assert ids == full[:2] and full == sorted(full)
    assert "Records (2 of 5)" in page
    out = built_repo / "sample.html"
    args = ["audit", "--out", str(built_repo / "data"), "--seeds", str(SEEDS)]
    result = CliRunner().invoke(cli, [*args, "--html", str(out), "--limit", "3"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").count("<article class='record'") == 3


@pytest.fixture
def audit_file(built_repo, tmp_path):
    return write_audit(built_repo / "data/v1.0.0", SEEDS, tmp_path / "audit.html")


@pytest.mark.browser
def test_audit_page_in_headless_chromium(audit_file, tmp_path):
    assert CHROMIUM, "Debian's chromium is required: .ci/run installs it (apt-get install chromium)"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        page = browser.new_page()
        page.goto(audit_file.as_uri())
        assert page.locator("article.record:visible").count() == 5
        page.fill("#search", "Breitbart")
        assert page.locator("article.record:visible").count() == 1
        assert page.text_content("#count") == "1 shown"
        page.fill("#search", "")
        page.select_option("#reason", "photo_credit")
        visible = page.locator("article.record:visible")
        assert visible.count() == 1
        assert "International Community Stands With Mali" in visible.first.text_content()
        assert page.locator("li.removed.match").count() == 2
        shot = tmp_path / "audit.png"
        page.screenshot(path=str(shot), full_page=True)
        browser.close()
    assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 10_000
