"""The real site builds strictly, twice in one process, with no warnings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, build_project


def test_the_site_builds_strictly_twice_in_one_process_without_warnings(
    tmp_path: Path, build_log: pytest.LogCaptureFixture
) -> None:
    """A second build catches state a hook or plugin kept from the first."""
    for run in ("first", "second"):
        site = tmp_path / run
        build_project(ROOT, site)
        assert (site / "index.html").is_file()
    assert [r.getMessage() for r in build_log.records] == []


def test_the_site_requests_no_font_or_script_from_another_host(site_dir: Path) -> None:
    """No page links a stylesheet, script or font from a host other than the site's own."""
    for html in site_dir.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in text, html
        assert "fonts.gstatic.com" not in text, html
        for attr in ("src", "href"):
            pattern = rf'<(?:script|link)[^>]*\b{attr}="(https?://[^"]+)"'
            for url in re.findall(pattern, text):
                assert url.startswith("http://127.0.0.1"), f"{html}: {url}"


def test_the_404_page_and_sitemap_are_built(site_dir: Path) -> None:
    """The 404 page offers a way back, and site_url gives the sitemap absolute URLs."""
    page = (site_dir / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in page
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>http://127.0.0.1:8000/quotes/</loc>" in sitemap
