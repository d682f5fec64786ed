"""The site under a strict Content-Security-Policy: its own, in every page, and a host's, sent as a header."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import content_security
import pytest
import yaml
from mkdocs.exceptions import Abort
from playwright.sync_api import Browser, Page, expect

from support import ROOT, build_project, copy_project, search, serve, soup, wait_for_search_ready

if TYPE_CHECKING:
    from collections.abc import Iterator

LANGUAGES = {"en": "", "ko": "ko/", "ru": "ru/"}
PAGES = ["", "timeline/", "quotes/", "about/", "print/", "404.html"]
# The policy hosts such as government and university sites enforce (the README gives it for nginx and Netlify).
HOST_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
               "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'")


def site_policy() -> str:
    """Return the policy mkdocs.yml gives every page."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return " ".join(config["extra"]["content_security_policy"].split())


# -----------------------------------------------------------------------------
# The pages as built
# -----------------------------------------------------------------------------


def test_every_page_carries_the_policy_first_and_it_runs_no_inline_code(site_dir: Path) -> None:
    """The <meta> comes before any script or stylesheet (a policy covers only what follows it), no 'unsafe-…'."""
    pages = list(site_dir.rglob("*.html"))
    assert len(pages) >= 18
    for path in pages:
        head = soup(path).head
        meta = head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta is not None, path
        assert " ".join(meta["content"].split()) == site_policy(), path
        before = meta.find_all_previous(["script", "link", "style"])
        assert before == [], path
        assert "unsafe" not in meta["content"]


def test_no_page_holds_an_inline_script_a_style_element_or_a_style_attribute(site_dir: Path) -> None:
    """Every script is a file; only data blocks (JSON, JSON-LD), which never run, are written into a page."""
    found = {}
    for path in site_dir.rglob("*.html"):
        page = soup(path)
        inline = [s for s in page.select("script:not([src])")
                  if s.get("type") not in ("application/json", "application/ld+json")]
        styled = page.select("style, [style]")
        if inline or styled:
            found[str(path.relative_to(site_dir))] = [str(el)[:80] for el in [*inline, *styled]]
    assert found == {}


def test_the_readme_gives_hosts_the_same_policy_as_the_pages() -> None:
    """The header the README gives for nginx and Netlify's _headers is the policy of the pages' <meta>."""
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    policy = site_policy()
    assert f'add_header Content-Security-Policy "{policy}" always;' in readme
    assert f"Content-Security-Policy: {policy}" in readme
    assert policy == HOST_POLICY


# -----------------------------------------------------------------------------
# The check that keeps them so
# -----------------------------------------------------------------------------


@pytest.mark.parametrize(("html", "what"), [
    ('<p>a</p>\n<script>alert(1)</script>', "line 2 of the built page has an inline script"),
    ('<script type="module">import "x"</script>', "an inline script"),
    ("<style>p{color:red}</style>", "a <style> element"),
    ('<p>\n\n<span class="x" style="color:red">a</span></p>', "line 3 of the built page has a style attribute"),
    ("<svg><rect style='fill:red'/></svg>", "a style attribute"),
    ('<p STYLE="color:red">a</p>', "a style attribute"),
])
def test_what_the_policy_blocks_is_named_with_its_line_and_the_fix(html: str, what: str) -> None:
    """Each finding says where it is in the built page, what it is, how to move it into a file, and shows it."""
    (problem,) = content_security.inline_code(html)
    assert what in problem
    assert "docs/assets/" in problem
    assert re.search(r"\((<script|<style|<span|<rect|<p)", problem)


@pytest.mark.parametrize("html", [
    '<script src="assets/x.js"></script>',
    '<script type="application/json" id="__config">{"a": 1}</script>',
    '<script type="application/ld+json">{}</script>',
    '<p data-style="APA">style=&quot;no&quot; in words, style="quoted" in text</p>',
    "<pre><code>&lt;span style=\"x\"&gt;</code></pre>",
])
def test_what_the_policy_allows_is_left_alone(html: str) -> None:
    """Scripts from files, data blocks, and the word style in text or in another attribute's name are fine."""
    assert content_security.inline_code(html) == []


def test_a_style_attribute_in_a_page_fails_the_strict_build_naming_the_page(
    tmp_path: Path, build_log: pytest.LogCaptureFixture
) -> None:
    """An editor's inline style stops the build with the page and the fix, rather than breaking under a policy."""
    project = copy_project(tmp_path / "project")
    quotes = project / "docs" / "quotes.md"
    quotes.write_text(quotes.read_text(encoding="utf-8") + '\n<p style="color: red">Red</p>\n', encoding="utf-8")
    with pytest.raises(Abort):
        build_project(project, tmp_path / "site")
    assert "quotes.md: line" in build_log.text
    assert 'has a style attribute, which the site\'s Content-Security-Policy blocks' in build_log.text
    assert '(<p style="color: red">)' in build_log.text


def test_a_policy_that_lets_inline_code_run_is_refused(tmp_path: Path, build_log: pytest.LogCaptureFixture) -> None:
    """'unsafe-inline' would make the checks pointless: the build says so and stops before it writes."""
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("script-src 'self';", "script-src 'self' "
                                                                   "'unsafe-inline';"), encoding="utf-8")
    with pytest.raises(Abort):
        build_project(project, tmp_path / "site")
    assert "mkdocs.yml's extra.content_security_policy allows 'unsafe-inline'" in build_log.text
    assert not (tmp_path / "site" / "index.html").exists()


# -----------------------------------------------------------------------------
# In a browser, with the host's policy sent as a header too
# -----------------------------------------------------------------------------


@pytest.fixture(scope="module", name="strict_url")
def fixture_strict_url(site_dir: Path) -> Iterator[str]:
    """Serve the built site with the host's policy as a header, on top of each page's own."""
    with serve(site_dir, headers={"Content-Security-Policy": HOST_POLICY}) as url:
        yield url


@pytest.fixture(name="strict")
def fixture_strict(browser: Browser) -> Iterator[dict[str, Any]]:
    """Open a page that records every policy violation, console error and request."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    context.add_init_script("""window.__violations = [];
      document.addEventListener("securitypolicyviolation",
        (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI} line ${e.lineNumber}`));""")
    seen: dict[str, Any] = {"errors": [], "requests": []}
    context.on("request", lambda request: seen["requests"].append(request.url))
    page = context.new_page()
    page.on("console", lambda msg: seen["errors"].append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: seen["errors"].append(str(exc)))
    seen["page"] = page
    yield seen
    context.close()


def violations(page: Page) -> list[str]:
    """Return the policy violations the page has reported so far."""
    result: list[str] = page.evaluate("window.__violations")
    return result


def test_no_page_of_any_language_breaks_the_policy(strict: dict[str, Any], strict_url: str) -> None:
    """Every page, loaded and its search worker started, reports no violation and no error."""
    page = strict["page"]
    found = {}
    for path in [prefix + page_path for prefix in LANGUAGES.values() for page_path in PAGES]:
        page.goto(strict_url + path, wait_until="networkidle")
        page.keyboard.press("/")  # opens search: the worker and the index load
        wait_for_search_ready(page)
        if found_here := violations(page):
            found[path] = found_here
    assert found == {}
    assert strict["errors"] == []


@pytest.mark.parametrize(("language", "query", "wanted"), [
    ("en", "Krasnoyarsk", "timeline/#krasnoyarsk-speech"),
    ("ko", "사할린에", "ko/timeline/#sakhalin-koreans"),
    ("ru", "Сахалине", "ru/timeline/#sakhalin-koreans"),
])
def test_search_works_under_the_policy_in_each_language(
    strict: dict[str, Any], strict_url: str, language: str, query: str, wanted: str
) -> None:
    """Material's storage helpers run from a file, so search starts and finds the event."""
    page = strict["page"]
    page.goto(strict_url + LANGUAGES[language], wait_until="networkidle")
    assert wanted in search(page, query)
    assert violations(page) == []


def test_the_colour_toggle_overview_filters_printing_citation_and_language_switch_work_under_the_policy(
    strict: dict[str, Any], strict_url: str
) -> None:
    """Each feature that once needed inline code, used as a reader would, with no violation on the way."""
    page = strict["page"]
    page.goto(strict_url + "timeline/", wait_until="networkidle")
    # The colour toggle's labels are shown by the palette script, and toggle the scheme.
    scheme = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    expect(page.locator("body")).not_to_have_attribute("data-md-color-scheme", scheme or "")
    # The overview's marks sit where their dates put them, from the stylesheet, not style attributes.
    lefts = page.eval_on_selector_all(".timeline-overview__mark", "ms => ms.map(m => m.getBoundingClientRect().left)")
    assert len({round(x) for x in lefts}) > len(lefts) // 2
    # The filters.
    page.get_by_label("In the article", exact=True).check()
    expect(page).to_have_url(re.compile(r"\?show=article$"))
    expect(page.get_by_role("status")).to_contain_text("events shown")
    # Printing a section.
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    page.locator("[id='krasnoyarsk-speech'] > button.print-section").click()
    page.wait_for_function("() => window.__printed === 1")
    # Copying a citation.
    page.locator("details.cite > summary").click()
    page.locator("button.cite__copy").first.click()
    page.wait_for_function("async () => (await navigator.clipboard.readText()).includes('Timeline')")
    # The language switch, to the same page in Korean.
    page.locator("a.md-select__link[hreflang=ko]").dispatch_event("click")
    page.wait_for_url("**/ko/timeline/")
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    assert violations(page) == []
    assert strict["errors"] == []
