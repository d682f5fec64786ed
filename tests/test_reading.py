"""Reading the timeline in Chromium: the overview at every width, and the filters with their state in the URL."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from support import run_axe, soup

LANGUAGES = {"en": "", "ko": "ko/", "ru": "ru/"}


def events_of(site_dir: Path, prefix: str = "") -> list[dict[str, str]]:
    """Return each event of a built timeline page: id, kind, section, first and last year, title."""
    page = soup(site_dir / prefix / "timeline" / "index.html")
    out = []
    for heading in page.select("h3.timeline-event__title"):
        first, last = heading["data-years"].split()
        out.append({"id": heading["id"], "kind": heading["data-kind"], "section": heading.get("data-section", ""),
                    "first": int(first), "last": int(last), "title": heading.get_text().rstrip("¶").strip()})
    return out


def open_timeline(browser: Browser, url: str, **context: object) -> Page:
    """Open a timeline page in a new context and wait for its scripts."""
    page = browser.new_context(**context).new_page()  # type: ignore[arg-type]
    page.goto(url, wait_until="networkidle")
    return page


def shown(page: Page) -> list[str]:
    """Return the ids of the events the page shows."""
    return page.eval_on_selector_all("h3.timeline-event__title", "hs => hs.filter(h => h.offsetParent).map(h => h.id)")


def query(url: str) -> dict[str, list[str]]:
    """Return a URL's query string, parsed."""
    return parse_qs(urlsplit(url).query)


def wait_for_query(page: Page, holds: Callable[[dict[str, list[str]]], bool]) -> None:
    """Wait until the page's address, which site.js updates after each change of a filter, has a query that holds."""
    page.wait_for_url(lambda url: holds(query(url)))


# -----------------------------------------------------------------------------
# The overview
# -----------------------------------------------------------------------------

BOXES = """() => {
  const box = (el) => { const r = el.getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height}; };
  const figure = document.querySelector(".timeline-overview");
  return {
    figure: box(figure), scroll: document.documentElement.scrollWidth,
    ticks: [...figure.querySelectorAll(".timeline-overview__ticks > li")].map((li) =>
      ({...box(li), size: parseFloat(getComputedStyle(li).fontSize), text: li.textContent})),
    marks: [...figure.querySelectorAll(".timeline-overview__mark")].map(box),
  };
}"""


@pytest.mark.parametrize("width", [320, 390, 600, 720, 768, 1024, 1280, 1920])
def test_the_overview_fits_every_width_with_labels_of_12_px_or_more(
    browser: Browser, site_url: str, width: int
) -> None:
    """No sideways scrolling; year labels at least 12 px; down the page on phones, across it from 720 px."""
    page = open_timeline(browser, site_url + "timeline/", viewport={"width": width, "height": 900})
    found = page.evaluate(BOXES)
    assert found["scroll"] <= width
    figure = found["figure"]
    assert figure["x"] >= 0 and figure["x"] + figure["w"] <= width
    for tick in found["ticks"]:
        assert tick["size"] >= 12, tick
        assert tick["x"] >= 0 and tick["x"] + tick["w"] <= width, tick
    ticks = found["ticks"]
    vertical = width < 720
    along = [t["y"] if vertical else t["x"] for t in ticks]
    across = {round(t["x"] if vertical else t["y"]) for t in ticks}
    assert along == sorted(along) and len(across) == 1, "the years run along one straight axis"
    # Labels never overlap one another, nor marks one another.
    key = "y" if vertical else "x"
    size = "h" if vertical else "w"
    assert all(a[key] + a[size] <= b[key] for a, b in zip(ticks, ticks[1:], strict=False))
    marks = found["marks"]
    for i, a in enumerate(marks):
        assert figure["x"] <= a["x"] and a["x"] + a["w"] <= figure["x"] + figure["w"]
        for b in marks[i + 1:]:
            apart = a["x"] + a["w"] <= b["x"] or b["x"] + b["w"] <= a["x"] or \
                a["y"] + a["h"] <= b["y"] or b["y"] + b["h"] <= a["y"]
            assert apart, (a, b)
    page.context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_mark_is_a_link_named_by_its_date_and_title(
    browser: Browser, site_url: str, site_dir: Path, language: str
) -> None:
    """The accessible name of each mark is "date: title" in the page's language, and it leads to its event."""
    page = open_timeline(browser, site_url + LANGUAGES[language] + "timeline/")
    data = soup(site_dir / LANGUAGES[language] / "timeline" / "index.html")
    events = events_of(site_dir, LANGUAGES[language])
    for event in events:
        when = data.find(id=event["id"]).find_next_sibling("div").select_one(".timeline-event__when time")
        name = f"{when.get_text()}: {event['title']}"
        # An accessible name's spaces are plain ones, whatever the text has (a narrow one before "г.").
        pattern = re.sub(r"(\\ |\u202f|\xa0)", r"\\s", re.escape(name))
        link = page.get_by_role("link", name=re.compile("^" + pattern))
        assert link.count() == 1, name
        assert link.get_attribute("href") == f"#{event['id']}"
    page.context.close()


def test_a_marks_name_shows_on_focus_inside_the_page(browser: Browser, site_url: str) -> None:
    """Tabbing to a mark shows its date and title beside it, within the viewport, on a phone and a desktop."""
    for width in (320, 1280):
        page = open_timeline(browser, site_url + "timeline/", viewport={"width": width, "height": 800})
        for mark in page.locator(".timeline-overview__mark").all():
            mark.focus()
            name = mark.locator(".timeline-overview__name")
            expect(name).to_be_visible()
            box = name.bounding_box()
            assert box and box["width"] > 20 and box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, box
        page.context.close()


def test_the_overview_works_without_javascript_in_dark_mode_and_on_paper(
    browser: Browser, site_url: str, tmp_path: Path
) -> None:
    """Without scripts, in the dark scheme, every mark shows; printed, the marks are ink on the sheet."""
    page = open_timeline(browser, site_url + "timeline/", java_script_enabled=False, color_scheme="dark")
    found = page.evaluate(BOXES)
    assert len(found["marks"]) == len(events_of_page(page)) and all(m["w"] >= 24 for m in found["marks"])
    fill = page.eval_on_selector(".timeline-overview__mark", "a => getComputedStyle(a, '::before').backgroundColor")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert fill != background
    page.emulate_media(media="print")
    printed = page.evaluate(BOXES)
    assert [t["y"] for t in printed["ticks"]] == [printed["ticks"][0]["y"]] * len(printed["ticks"]), "across the sheet"
    path = tmp_path / "timeline.pdf"
    path.write_bytes(page.pdf(format="A4", prefer_css_page_size=True))
    png = tmp_path / "first"
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(path), str(png)], check=True)
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "1985" in text and "2005" in text
    page.context.close()


def events_of_page(page: Page) -> list[str]:
    """Return the ids of every event heading on the page."""
    return page.eval_on_selector_all("h3.timeline-event__title", "hs => hs.map(h => h.id)")


# -----------------------------------------------------------------------------
# The filters
# -----------------------------------------------------------------------------


def test_without_javascript_every_event_shows_and_no_filter_is_offered(browser: Browser, site_url: str) -> None:
    """The filters need the script; the page without it is the whole timeline."""
    page = open_timeline(browser, site_url + "timeline/?show=context", java_script_enabled=False)
    assert not page.locator(".timeline-filters").is_visible()
    assert shown(page) == events_of_page(page)
    page.context.close()


# The layout shifts the page has seen since it started loading, summed as
# Lighthouse's cumulative layout shift counts them (none follows an input here).
_LAYOUT_SHIFT = """() => new Promise((done) => {
  let sum = 0;
  const add = (entries) => { for (const e of entries) if (!e.hadRecentInput) sum += e.value; };
  const observer = new PerformanceObserver((list) => add(list.getEntries()));
  observer.observe({type: "layout-shift", buffered: true});
  // The buffered entries arrive in a task of their own; with no shift, none comes.
  requestAnimationFrame(() => setTimeout(() => {
    add(observer.takeRecords());
    observer.disconnect();
    done(sum);
  }, 100));
})"""


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("language", ["", "ru/"])
def test_the_filters_take_their_place_before_the_first_paint(
    browser: Browser, site_url: str, width: int, language: str
) -> None:
    """Offered only where scripts run, yet laid out from the start: the page does not jump when site.js runs."""
    page = open_timeline(browser, f"{site_url}{language}timeline/", viewport={"width": width, "height": 800})
    assert page.locator(".timeline-filters").is_visible()
    page.evaluate("document.body.offsetHeight")  # a layout, so that a pending shift is recorded
    shift = page.evaluate(_LAYOUT_SHIFT) if page.evaluate("PerformanceObserver.supportedEntryTypes"
                                                           ".includes('layout-shift')") else None
    assert shift is not None, "Chromium reports layout shifts"
    assert shift < 0.01, f"the page shifted by {shift:.3f} as it loaded"
    page.context.close()


@pytest.mark.parametrize(("query_string", "keep"), [
    ("show=article", lambda e: e["kind"] == "article"),
    ("show=context", lambda e: e["kind"] == "context"),
    ("section=space", lambda e: e["section"] == "space"),
    ("from=1990&to=1999", lambda e: e["last"] >= 1990 and e["first"] <= 1999),
    ("from=1988&to=1991", lambda e: e["last"] >= 1988 and e["first"] <= 1991),
    ("show=article&section=diplomatic-ties&from=2000",
     lambda e: e["section"] == "diplomatic-ties" and e["last"] >= 2000),
])
def test_a_filter_in_the_url_shows_its_events_in_the_page_contents_and_overview(
    browser: Browser, site_url: str, site_dir: Path, query_string: str, keep: object
) -> None:
    """A shared or bookmarked link opens the view it names: events, contents list, overview marks and count."""
    expected = [e["id"] for e in events_of(site_dir) if keep(e)]  # type: ignore[operator]
    assert 0 < len(expected) < len(events_of(site_dir))
    page = open_timeline(browser, site_url + "timeline/?" + query_string)
    assert shown(page) == expected
    toc = page.eval_on_selector_all(".md-sidebar--secondary .md-nav--secondary a.md-nav__link",
                                    "as => as.filter(a => a.offsetParent).map(a => a.hash.slice(1))")
    assert [anchor for anchor in toc if not re.fullmatch(r"\d{4}s", anchor)] == expected
    marks = page.eval_on_selector_all(".timeline-overview__item",
                                      "ls => ls.filter(l => !l.hidden).map(l => l.dataset.event)")
    assert marks == expected
    decades = page.eval_on_selector_all("h2.timeline-decade", "hs => hs.filter(h => h.offsetParent).map(h => h.id)")
    assert decades == sorted({f"{e['first'] // 10 * 10}s" for e in events_of(site_dir) if e["id"] in expected})
    status = page.get_by_role("status")
    assert status.inner_text() == f"{len(expected)} of {len(events_of(site_dir))} events shown"
    page.context.close()


def test_changing_a_filter_updates_the_url_and_a_reload_keeps_the_view(
    browser: Browser, site_url: str, site_dir: Path
) -> None:
    """Choose "Context only" and the 1980s; the address says so, and reloading it shows the same events."""
    page = open_timeline(browser, site_url + "timeline/")
    page.get_by_label("Context only").check()
    page.get_by_label("Decade").select_option("1980")
    wait_for_query(page, lambda found: found == {"show": ["context"], "from": ["1980"], "to": ["1989"]})
    before = shown(page)
    assert before == [e["id"] for e in events_of(site_dir) if e["kind"] == "context" and e["first"] <= 1989]
    page.reload(wait_until="networkidle")
    expect(page.get_by_role("status")).to_have_text(f"{len(before)} of {len(events_of(site_dir))} events shown")
    assert shown(page) == before
    assert page.get_by_label("Context only").is_checked() and page.get_by_label("Decade").input_value() == "1980"
    page.get_by_role("button", name="Show all").click()
    wait_for_query(page, lambda found: found == {})
    total = len(events_of(site_dir))
    expect(page.get_by_role("status")).to_have_text(f"{total} of {total} events shown")
    assert shown(page) == events_of_page(page)
    page.context.close()


def test_the_filters_work_from_the_keyboard_alone(browser: Browser, site_url: str) -> None:
    """Arrow keys move between the kinds, a typed year narrows the range, and the count follows."""
    page = open_timeline(browser, site_url + "timeline/")
    page.get_by_label("All", exact=True).focus()
    page.keyboard.press("ArrowRight")  # In the article
    wait_for_query(page, lambda found: found == {"show": ["article"]})
    page.keyboard.press("ArrowRight")  # Context only
    wait_for_query(page, lambda found: found == {"show": ["context"]})
    page.get_by_label("From year").focus()
    page.keyboard.type("2000")
    page.keyboard.press("Tab")  # a number field reports its change when it loses focus
    wait_for_query(page, lambda found: found.get("from") == ["2000"])
    status = page.get_by_role("status")
    expect(status).to_have_text(re.compile(r"^\d+ of \d+ events? shown$"))
    assert re.fullmatch(rf"{len(shown(page))} of \d+ events? shown", status.inner_text())
    page.context.close()


def test_a_filter_that_matches_nothing_says_so(browser: Browser, site_url: str) -> None:
    """No event, and the live count says why; the page is not blank without a word."""
    page = open_timeline(browser, site_url + "timeline/?show=context&section=space")
    assert shown(page) == []
    assert "No event matches these filters." in page.get_by_role("status").inner_text()
    page.context.close()


def test_a_filter_ignores_what_it_does_not_know(browser: Browser, site_url: str) -> None:
    """A hand-edited address with an unknown section or a year that is not one shows every event."""
    page = open_timeline(browser, site_url + "timeline/?section=nowhere&from=soon&show=everything")
    assert shown(page) == events_of_page(page)
    assert page.get_by_label("Article section").input_value() == ""
    page.context.close()


@pytest.mark.parametrize(("language", "count"), [
    ("ko", r"전체 \d+건 중 \d+건 표시"),
    ("ru", r"Показано \d+ из \d+ (событий|события)"),
])
def test_the_filters_speak_each_language(browser: Browser, site_url: str, language: str, count: str) -> None:
    """The controls and the count in the page's language, the plural as the total wants it."""
    page = open_timeline(browser, site_url + LANGUAGES[language] + "timeline/?show=article")
    status = page.get_by_role("status").inner_text()
    assert re.fullmatch(count, status), status
    total = len(events_of_page(page))
    if language == "ru":
        assert status.endswith("события" if total % 10 == 1 and total % 100 != 11 else "событий")
    page.context.close()


def test_printing_a_filtered_view_prints_what_is_shown(browser: Browser, site_url: str, tmp_path: Path) -> None:
    """The PDF has the shown events and the count, not the hidden events nor the controls."""
    page = open_timeline(browser, site_url + "timeline/?section=space")
    page.emulate_media(media="print")
    path = tmp_path / "filtered.pdf"
    path.write_bytes(page.pdf(format="A4", prefer_css_page_size=True))
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "First launch of the Naro-1 rocket" in text
    assert "Gorbachev's Vladivostok speech" not in text
    assert re.search(r"\d+ of \d+ events shown", text)
    assert "Article section" not in text and "Show all" not in text
    page.context.close()


@pytest.mark.parametrize(("motion", "animation"), [("reduce", "none"), ("no-preference", "timeline-appear")])
def test_events_brought_back_fade_in_unless_the_reader_wants_less_motion(
    browser: Browser, site_url: str, motion: str, animation: str
) -> None:
    """prefers-reduced-motion: reduce shows them at once."""
    page = open_timeline(browser, site_url + "timeline/?show=context", reduced_motion=motion)
    page.get_by_label("All", exact=True).check()
    expect(page.locator("h3.timeline-event__title").first).to_be_visible()  # brought back
    name = page.eval_on_selector("h3.timeline-event__title", "h => getComputedStyle(h).animationName")
    assert name == animation
    page.context.close()


STATES = ["", "?show=article", "?show=context", "?section=space", "?from=1990&to=1999", "?show=context&section=space"]


@pytest.mark.spread
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_in_any_filter_state(browser: Browser, site_url: str, scheme: str) -> None:
    """Every state, and the citations opened, on a phone and a desktop."""
    problems = {}
    for width in (390, 1280):
        page = open_timeline(browser, site_url + "timeline/", color_scheme=scheme,
                             viewport={"width": width, "height": 900})
        for state in STATES:
            page.goto(site_url + "timeline/" + state, wait_until="networkidle")
            page.evaluate("document.querySelector('details.cite').open = true")
            if found := run_axe(page):
                problems[f"{width}{state}"] = found
        page.context.close()
    assert problems == {}


def test_the_count_is_a_live_region(browser: Browser, site_url: str) -> None:
    """role=status, so a screen reader announces each new count without moving focus."""
    page = open_timeline(browser, site_url + "timeline/")
    status = page.locator(".timeline-filters__count")
    assert status.get_attribute("role") == "status"
    before = status.inner_text()
    page.get_by_label("In the article").check()
    expect(status).not_to_have_text(before)
    page.context.close()
