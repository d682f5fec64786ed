"""What a reader sees in Chromium: every page loads cleanly and stays on this host."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from support import wait_for_search_ready

CONFIGURED_SITE_URL = "http://127.0.0.1:8000/"


def site_pages(site_dir: Path) -> list[str]:
    """Return every page path listed in each language's sitemap, plus each language's 404 page."""
    paths = []
    for prefix in ("", "ko/", "ru/"):
        sitemap = (site_dir / prefix / "sitemap.xml").read_text(encoding="utf-8")
        paths += [loc.removeprefix(CONFIGURED_SITE_URL) for loc in re.findall(r"<loc>(.*?)</loc>", sitemap)]
        paths.append(f"{prefix}404.html")
    return paths


def test_every_page_loads_without_console_errors_or_foreign_requests(
    browser: Browser, site_url: str, site_dir: Path
) -> None:
    """Console errors and requests are recorded on the whole context, web workers included."""
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    pages = site_pages(site_dir)
    assert len(pages) >= 18
    for path in pages:
        page.goto(site_url + path, wait_until="networkidle")
        assert page.locator("h1").first.is_visible(), path
    # Open search, and wait until it answers: the worker has fetched all it needs; then check every host.
    page.keyboard.press("/")
    wait_for_search_ready(page)
    context.close()
    assert errors == []
    assert requests, "no request recorded"
    hosts = {urlsplit(url).hostname for url in requests if not url.startswith("data:")}
    assert hosts == {"127.0.0.1"}


@pytest.mark.parametrize("language", ["", "ko/", "ru/"])
@pytest.mark.parametrize("page", ["", "timeline/", "quotes/", "about/", "print/"])
def test_pages_are_readable_with_javascript_off(browser: Browser, site_url: str, language: str, page: str) -> None:
    """Without JavaScript the heading and the text are still shown."""
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site_url + language + page)
    expect(tab.locator("h1").first).to_be_visible()
    assert len(tab.locator("article.md-content__inner").inner_text()) > 400
    context.close()


@pytest.mark.parametrize(("scheme", "expected"), [("light", "default"), ("dark", "slate")])
def test_the_palette_starts_from_the_system_preference_and_toggles(
    browser: Browser, site_url: str, scheme: str, expected: str
) -> None:
    """The first colour scheme follows prefers-color-scheme; the toggle switches it, and the page repaints."""
    context = browser.new_context(color_scheme=scheme)
    page: Page = context.new_page()
    page.goto(site_url)
    body = page.locator("body")
    # Material's script sets the scheme; the body has no transition, so its colour follows at once.
    expect(body).to_have_attribute("data-md-color-scheme", expected)
    # The slate rules come from the palette stylesheet the build slims down.
    assert _is_dark(body) == (expected == "slate")
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    expect(body).not_to_have_attribute("data-md-color-scheme", expected)
    assert _is_dark(body) == (expected != "slate")
    context.close()


def _is_dark(element: Locator) -> bool:
    """Whether the element's background colour is dark (relative luminance under 0.2)."""
    rgb = element.evaluate("e => getComputedStyle(e).backgroundColor")
    red, green, blue = (int(v) / 255 for v in re.findall(r"\d+", rgb)[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue < 0.2


def _wait_in_viewport(page: Page, selector: str) -> None:
    """Wait until the element's top edge is inside the visible part of the page (the scroll may still be going)."""
    page.wait_for_function(
        """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
                      return r.top >= 0 && r.top < window.innerHeight; }""",
        arg=selector,
    )


def test_a_deep_link_opens_the_event(browser: Browser, site_url: str) -> None:
    """A link to timeline/#id scrolls to that event's heading, far down the page."""
    page = browser.new_page()
    page.goto(site_url + "timeline/#naro-1-first-launch")
    page.wait_for_load_state("networkidle")
    _wait_in_viewport(page, "#naro-1-first-launch")
    assert page.evaluate("window.scrollY") > 1000
    page.close()


def test_the_overview_marks_and_article_links_lead_to_events(browser: Browser, site_url: str) -> None:
    """Clicking a mark in the SVG, or an event link in the article, lands on the event."""
    page = browser.new_page()
    page.goto(site_url + "timeline/")
    page.locator(".timeline-overview__mark[href='#yi-so-yeon-flight']").click()
    page.wait_for_function("() => location.hash === '#yi-so-yeon-flight'")
    _wait_in_viewport(page, "#yi-so-yeon-flight")
    page.goto(site_url)
    page.locator(".timeline-links a[href$='#krasnoyarsk-speech']").click()
    page.wait_for_url("**/timeline/#krasnoyarsk-speech")
    _wait_in_viewport(page, "#krasnoyarsk-speech")
    page.close()
