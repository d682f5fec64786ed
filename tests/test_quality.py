"""Quality gates: accessibility (axe-core), valid HTML (Nu checker), intact links, reproducibility."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Browser, expect

from support import AXE, FIXTURES, ROOT, run_axe, search, soup

NODE_MODULES = ROOT / "node_modules"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
PAGES = [f"{language}{page}" for language in ("", "ko/", "ru/")
         for page in ("", "timeline/", "quotes/", "about/", "print/", "404.html")]
VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.mark.spread
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", VIEWPORTS, ids=VIEWPORTS.keys())
def test_axe_finds_no_violation_on_any_page(browser: Browser, site_url: str, viewport: str, scheme: str) -> None:
    """Every page, the timeline's SVG and the print buttons included, passes every axe rule."""
    assert AXE.is_file(), "axe-core is missing: run make test, which installs node_modules"
    width, height = VIEWPORTS[viewport]
    page = browser.new_page(viewport={"width": width, "height": height}, color_scheme=scheme)
    problems = {}
    for path in PAGES:
        page.goto(site_url + path, wait_until="networkidle")
        if found := run_axe(page):
            problems[path or "index"] = found
    page.close()
    assert problems == {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_with_search_results_open(browser: Browser, site_url: str, scheme: str) -> None:
    """The search dialog, open and showing results, passes too."""
    page = browser.new_page(color_scheme=scheme)
    page.goto(site_url, wait_until="networkidle")
    assert search(page, "Gorbachev"), "no results to check"  # audited once the list has settled
    assert run_axe(page) == []
    page.close()


def test_the_nu_html_checker_reports_no_error(site_dir: Path) -> None:
    """vnu.jar, run over every built page, prints nothing and exits 0."""
    assert VNU.is_file(), "vnu-jar is missing: run make test, which installs node_modules"
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--skip-non-html", "--errors-only", str(site_dir)],
        capture_output=True, text=True,
    )
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def _links(site_dir: Path) -> list[tuple[Path, str]]:
    """Every (page, link) pair of the built site: a and link hrefs, img and script srcs."""
    pairs = []
    for html in site_dir.rglob("*.html"):
        for el in soup(html).select("a[href], link[href], img[src], script[src]"):
            pairs.append((html, el.get("href") or el.get("src")))
    return pairs


def test_every_internal_link_and_anchor_resolves(site_dir: Path) -> None:
    """Each link inside the site leads to a built file, and each fragment to an id in it."""
    ids: dict[Path, set[str]] = {}
    broken = []
    for html, url in _links(site_dir):
        parts = urlsplit(url)
        if parts.scheme or url.startswith("//") or url.startswith("javascript:"):
            continue
        # The 404 page is served at any address, so its links start at the site's root.
        base = site_dir if parts.path.startswith("/") else html.parent
        target = (base / unquote(parts.path).lstrip("/")).resolve() if parts.path else html
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            broken.append(f"{html.relative_to(site_dir)}: {url}")
            continue
        if parts.fragment and target.suffix == ".html":
            if target not in ids:
                ids[target] = {el["id"] for el in soup(target).select("[id]")}
            if unquote(parts.fragment) not in ids[target]:
                broken.append(f"{html.relative_to(site_dir)}: {url} (no such anchor)")
    assert broken == []


def test_outside_links_are_well_formed_and_https(site_dir: Path) -> None:
    """Outside links parse, have a host, and use https unless the cited source is http-only."""
    allowed_http = {
        line.strip() for line in (FIXTURES / "http-source-hosts.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    bad = []
    for html, url in _links(site_dir):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or parts.hostname in ("127.0.0.1", "localhost"):
            continue
        if not parts.hostname or " " in url or "." not in parts.hostname:
            bad.append(f"{html.relative_to(site_dir)}: malformed {url}")
        elif parts.scheme == "http" and parts.hostname not in allowed_http:
            bad.append(f"{html.relative_to(site_dir)}: not https {url}")
    assert bad == []


def test_two_clean_builds_are_byte_identical(tmp_path: Path) -> None:
    """With SOURCE_DATE_EPOCH fixed, as make sets it, the site/ trees match byte for byte."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    for name in ("one", "two"):
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(tmp_path / name)],
                       cwd=ROOT, env=env, check=True)
    files = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "two") for p in (tmp_path / "two").rglob("*") if p.is_file())
    _, mismatch, errors = filecmp.cmpfiles(tmp_path / "one", tmp_path / "two", files, shallow=False)
    assert (mismatch, errors) == ([], [])
    assert "<lastmod>2023-11-14</lastmod>" in (tmp_path / "one" / "sitemap.xml").read_text(encoding="utf-8")


# -----------------------------------------------------------------------------
# Keyboard
# -----------------------------------------------------------------------------

_FOCUS = """() => {
  const el = document.activeElement;
  if (!el.dataset.walk) el.dataset.walk = String(window.__walk = (window.__walk || 0) + 1);
  // A hidden radio shows its focus on the label that follows it (Material's palette toggle).
  const shown = el.matches("input.md-option") ? el.nextElementSibling : el;
  const style = getComputedStyle(shown);
  const box = shown.getBoundingClientRect();
  return {walk: el.dataset.walk, tag: el.tagName, cls: String(el.className.baseVal ?? el.className),
          href: el.getAttribute("href"),
          ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
          visible: box.width > 0 && box.height > 0};
}"""

# Of a group of radios only the checked one is in the Tab order. Material's
# "back to top" button appears only once the page has scrolled, above where
# focus already is; the Home key does its job from the keyboard.
_REACHABLE = """() => [...document.querySelectorAll(
    "a[href], button, input:not([type=hidden], [type=radio]:not(:checked)), [tabindex='0']")]
  .filter(el => el.tabIndex >= 0 && !el.closest("[hidden], .md-search__output, .md-nav__title, .md-top")
                && el.getClientRects().length && getComputedStyle(el).visibility !== "hidden")
  .map(el => el.dataset.walk || el.outerHTML.slice(0, 120))"""


@pytest.mark.parametrize("path", ["", "timeline/", "quotes/"])
def test_a_keyboard_walk_reaches_everything_with_a_visible_focus(browser: Browser, site_url: str, path: str) -> None:
    """Tab from the top round to the start: skip link first; search, palette toggle, every link, all with a ring."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + path, wait_until="networkidle")
    # Open every collapsible block (Cite this page), so the walk covers what is inside.
    page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    seen = []
    for _ in range(1000):
        page.keyboard.press("Tab")
        focus = page.evaluate(_FOCUS)
        if focus["tag"] == "BODY" or (seen and focus["walk"] == seen[0]["walk"]):
            break
        seen.append(focus)
    assert seen[0]["cls"].startswith("md-skip") and seen[0]["visible"], "the skip link is not first"
    classes = " ".join(f["cls"] for f in seen)
    assert "md-search__input" in classes and "md-option" in classes
    no_ring = [f for f in seen if not f["ring"] and "md-search__input" not in f["cls"]]
    assert no_ring == [], "focus not visible"
    missed = [el for el in page.evaluate(_REACHABLE) if not el.isdigit()]
    assert missed == [], "not reachable by Tab"
    page.close()


def test_the_skip_link_moves_focus_past_the_header(browser: Browser, site_url: str) -> None:
    """Enter on the skip link lands on the content, so the next Tab is inside the article."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + "quotes/", wait_until="networkidle")
    target = page.locator("a.md-skip").get_attribute("href") or ""
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.endswith(target))  # Tab goes on from there once the link is followed
    page.keyboard.press("Tab")
    expect(page.locator("article:focus, article :focus")).to_be_focused()
    page.close()


def test_the_palette_toggle_works_from_the_keyboard(browser: Browser, site_url: str) -> None:
    """Tab to the toggle and press Enter: the colour scheme changes."""
    page = browser.new_page(color_scheme="light")
    page.goto(site_url, wait_until="networkidle")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('input.md-option')"):
            break
    page.keyboard.press("Enter")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.close()
