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


@pytest.fixture
def html_version(tmp_path):
    """A version built from a saved HTML page (plain and gzipped) and one text seed."""
    import gzip

    from builder.build import build
    from tests.test_html import article_page

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    page = article_page().encode("utf-8")
    (seeds / "story_0123456789abcdef.html").write_bytes(page)
    (seeds / "wire_fedcba9876543210.html.gz").write_bytes(gzip.compress(page, mtime=0))
    text_seed = "004_ea10a3fbe739af27.txt"
    (seeds / text_seed).write_bytes((SEEDS / text_seed).read_bytes())
    (tmp_path / "README.md").write_text("# test repo\n", encoding="utf-8")
    build(seeds, tmp_path / "data", "1.0.0")
    return tmp_path / "data/v1.0.0", seeds


def _record_section(page: str, record_id: str) -> str:
    start = page.index(f"<article class='record' id='r-{record_id}'")
    return page[start : page.index("</article>", start)]


def test_audit_page_strikes_the_removed_lines_of_an_html_record(html_version):
    version, seeds = html_version
    page = audit_page(version, seeds)
    for record_id in ("0123456789abcdef", "fedcba9876543210"):
        record = _record_section(page, record_id)
        assert "extracted body follows" not in record
        assert (
            "<li value='1' class='removed' data-reason='outside_article'><s>Home</s>"
            "<span class='reason'>outside_article</span></li>"
        ) in record
        assert (
            "<li value='5' class='removed' data-reason='headline'>"
            "<s>TROOPS SECURE &quot;NORTHERN&quot; TOWN</s>"
            "<span class='reason'>headline</span></li>"
        ) in record
        assert "<li value='6'>ABUJA, Nigeria — Nigerian troops bound for Mali" in record
        assert record.count("class='removed'") == 10
        assert "data-reasons='headline outside_article'" in record
    # The text record beside them still shows its raw lines.
    assert "<s>Skip to content</s><span class='reason'>boilerplate</span>" in page


def test_audit_page_does_not_number_the_lines_of_a_changed_input(html_version):
    version, seeds = html_version
    (seeds / "story_0123456789abcdef.html").write_bytes(b"<html><p>Another page</p></html>")
    record = _record_section(audit_page(version, seeds), "0123456789abcdef")
    assert "The input has changed since the build" in record
    assert "class='removed'" not in record
    assert "<li>ABUJA, Nigeria — Nigerian troops bound for Mali" in record


def test_audit_page_shows_a_withheld_value_with_its_confidence(make_repo, tmp_path):
    from builder.build import build
    from builder.pipeline import Options

    root = make_repo()
    result = build(
        root / "seeds", root / "data", options=Options(min_confidence=(("headline", 1.0),))
    )
    record = next(a for a in result.articles if a.id == "f43590dcf1fa9506")
    (held,) = record.withheld
    page = audit_page(root / "data/v1.0.0", root / "seeds")
    assert (
        f"<s>US weighs options to drive Qaeda from Mali</s> <i>withheld</i> "
        f"<span class='src'>confidence {held.confidence:.2f}</span>"
    ) in page
