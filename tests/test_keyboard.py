"""The keyboard alone, at every width: each Tab stop on screen with a ring to see, and every menu opened and closed.

axe-core cannot see any of this: it reads the page as it stands, not where
focus goes. These tests press Tab and look at the focused element each time:
where it is drawn, whether anything covers it, and whether its focus ring
stands out from what is behind it (WCAG 2.1.1, 2.4.7, 2.4.11, 1.4.11).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import Browser, Page, expect

from support import count_search_messages, wait_for_search

if TYPE_CHECKING:
    from pathlib import Path

LANGUAGES = {"en": "", "ko": "ko/", "ru": "ru/"}
PAGES = ["", "timeline/", "quotes/", "about/", "print/", "404.html"]
# 320 px is also a 1280 px window zoomed to 400 % (WCAG 1.4.10); each colour scheme at a narrow and a wide width.

# The focused element, where it is drawn and how its focus shows. Material's
# palette toggle is a hidden radio whose focus shows on the label after it.
_STOP = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  el.dataset.walk ||= String(window.__walk = (window.__walk || 0) + 1);
  const shown = el.matches("input.md-option") ? el.nextElementSibling : el;
  const box = shown.getBoundingClientRect();
  // A link that wraps is judged by its first line.
  const line = shown.getClientRects()[0] || box;
  const x = line.left + line.width / 2, y = line.top + line.height / 2;
  let opacity = 1;
  for (let node = shown; node; node = node.parentElement) opacity *= Number(getComputedStyle(node).opacity);
  const top = document.elementFromPoint(x, y);
  const style = getComputedStyle(shown);
  // What the ring is drawn on: the element itself if the ring is inside it, else what is behind the element,
  // each see-through background laid over the one below it, down to the page's white.
  const layers = [];
  let back = parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth) <= 0 ? shown : shown.parentElement;
  for (; back; back = back.parentElement) {
    const [r, g, b, a = 1] = getComputedStyle(back).backgroundColor.match(/[\\d.]+/g).map(Number);
    if (a > 0) layers.push([r, g, b, a]);
    if (a >= 1) break;
  }
  let behind = [255, 255, 255];
  for (const [r, g, b, a] of layers.reverse()) behind = [r, g, b].map((c, i) => c * a + behind[i] * (1 - a));
  return {
    walk: el.dataset.walk,
    what: `${el.tagName.toLowerCase()}.${String(el.className.baseVal ?? el.className).split(" ")[0]} `
          + `${(el.getAttribute("href") || el.getAttribute("aria-label") || el.textContent).trim().slice(0, 40)}`,
    box: [Math.round(box.left), Math.round(box.top), Math.round(box.width), Math.round(box.height)],
    onScreen: box.width > 0 && box.height > 0 && x >= 0 && x <= innerWidth && y >= 0 && y <= innerHeight
              && style.visibility === "visible" && opacity > 0.5,
    uncovered: Boolean(top && (shown.contains(top) || top === shown)),
    ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1 ? style.outlineColor : null,
    behind: `rgb(${behind.map(Math.round).join(", ")})`,
  };
}"""


def _channels(colour: str) -> tuple[float, float, float, float]:
    """Return r, g, b (0..255) and alpha of a computed CSS colour."""
    inner = colour[colour.index("(") + 1:colour.index(")")].replace("/", " ").replace(",", " ").split()
    red, green, blue = (float(v) for v in inner[:3])
    return red, green, blue, float(inner[3]) if len(inner) > 3 else 1.0


def _luminance(red: float, green: float, blue: float) -> float:
    """Return the relative luminance of an sRGB colour (WCAG 2)."""
    def linear(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(ring: str, behind: str) -> float:
    """Return the contrast ratio of a ring's colour, laid over what is behind it, against that."""
    *back, back_alpha = _channels(behind)
    back = [b * back_alpha + 255 * (1 - back_alpha) for b in back]  # a see-through background over white
    *front, alpha = _channels(ring)
    front = [f * alpha + b * (1 - alpha) for f, b in zip(front, back, strict=True)]
    lighter, darker = sorted([_luminance(*front), _luminance(*back)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def walk(page: Page, limit: int = 2000, *, judged: tuple[str, ...] = ("onScreen", "uncovered")) -> list[dict[str, Any]]:
    """Tab from the top of the page until focus comes round again; return each stop, once it has settled.

    A stop is judged once it is all `judged` says (on screen and uncovered),
    or after a second: transitions and scrolling (a menu sliding, a list
    opening, the page scrolling the stop into view) finish first. The wait
    polls from here, not with wait_for_function, which never runs on a page
    whose scripts are off.
    """
    stops: list[dict[str, Any]] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        deadline = time.monotonic() + 1
        stop = page.evaluate(_STOP)
        while stop is not None and not all(stop[name] for name in judged) and time.monotonic() < deadline:
            page.wait_for_timeout(16)
            stop = page.evaluate(_STOP)
        if stop is None or (stops and stop["walk"] == stops[0]["walk"]):
            break
        stops.append(stop)
    return stops


def problems(stops: list[dict[str, Any]]) -> list[str]:
    """Return a line for each stop that is off screen, covered, or without a ring of 3:1 against its background."""
    out = []
    for stop in stops:
        where = f"{stop['what']} at {stop['box']}"
        if not stop["onScreen"]:
            out.append(f"off screen or hidden: {where}")
        elif not stop["uncovered"]:
            out.append(f"covered: {where}")
        elif stop["ring"] is None:
            out.append(f"no focus ring: {where}")
        elif (ratio := contrast(stop["ring"], stop["behind"])) < 3:
            out.append(f"focus ring {stop['ring']} on {stop['behind']} is {ratio:.2f}:1: {where}")
    return out


# Transitions and animations take no time: every state a walk looks at is the
# one the page settles in, at once (a link's ring fading in, a list opening).
_NO_MOTION = "*, *::before, *::after { transition-duration: 0s !important; transition-delay: 0s !important; " \
             "animation: none !important; }"


def open_page(browser: Browser, url: str, width: int, *, settled: bool = False, **context: Any) -> Page:
    """Open a page at a width, once its scripts have made the menus' buttons; `settled`: with no motion.

    The test's own stylesheet is an inline <style>, which the page's policy
    blocks: a settled page's context sets the policy aside (the policy's own
    tests are in test_security.py).
    """
    page = browser.new_context(viewport={"width": width, "height": 800}, bypass_csp=settled, **context).new_page()
    page.goto(url)
    if settled:
        page.add_style_tag(content=_NO_MOTION)  # it waits for the stylesheet to load, which needs scripts
    if context.get("java_script_enabled", True):
        page.wait_for_function("() => document.body.dataset.menus === 'ready'")
    return page


# -----------------------------------------------------------------------------
# Every page, every Tab stop
# -----------------------------------------------------------------------------


@pytest.mark.spread
@pytest.mark.parametrize(("width", "scheme"), [(320, "dark"), (375, "light"), (1280, "light"), (1280, "dark")])
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_tab_stop_of_every_page_is_on_screen_with_a_visible_ring(
    browser: Browser, site_url: str, language: str, width: int, scheme: str
) -> None:
    """From the skip link round to the start: each stop drawn in the window, uncovered, ringed at 3:1 or more."""
    found = {}
    for path in PAGES:
        page = open_page(browser, site_url + LANGUAGES[language] + path, width, settled=True, color_scheme=scheme)
        stops = walk(page)
        assert len(stops) >= 8, (path, stops)
        # The skip link comes first, where the page has contents to skip to.
        if page.locator("a.md-skip").count():
            assert stops[0]["what"].startswith("a.md-skip"), (path, stops[0])
        if bad := problems(stops):
            found[path or "index"] = bad
        page.context.close()
    assert found == {}


@pytest.mark.spread
@pytest.mark.parametrize("width", [320, 375])
def test_without_javascript_nothing_hidden_takes_focus_either(browser: Browser, site_url: str, width: int) -> None:
    """With scripts off the drawer and search stay closed: none of their links or fields takes focus."""
    found = {}
    for language, prefix in LANGUAGES.items():
        for path in ("", "timeline/"):
            # (A page without scripts cannot take the test's stylesheet: the walk waits out transitions instead.)
            page = open_page(browser, site_url + prefix + path, width, java_script_enabled=False)
            # Only where each stop is drawn counts here: a stop the sticky header covers is
            # test_every_tab_stop's to judge, with scripts on, and waiting on it would cost a second a stop.
            stops = walk(page, judged=("onScreen",))
            hidden = [f"{s['what']} at {s['box']}" for s in stops if not s["onScreen"]]
            if hidden:
                found[f"{language}:{path or 'index'}"] = hidden
            page.context.close()
    assert found == {}


# -----------------------------------------------------------------------------
# The menus
# -----------------------------------------------------------------------------


def _focus_is_in(page: Page, selector: str, *, or_browser: bool = False) -> None:
    """Wait until the focused element is inside `selector` and drawn on screen.

    `or_browser`: or focus has left the page for the browser's own controls, as
    Tab does after the last element of a page, or of a panel the rest of the
    page is inert behind.
    """
    page.wait_for_function(
        """([selector, orBrowser]) => {
          const el = document.activeElement, box = el.getBoundingClientRect();
          if (el === document.body) return orBrowser;
          return el.closest(selector) && box.width > 0 && box.left >= 0 && box.right <= innerWidth
                 && getComputedStyle(el).visibility === "visible"; }""",
        arg=[selector, or_browser])


def _tab_to(page: Page, locator: Any, limit: int = 30) -> None:
    """Press Tab until `locator` has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {locator}")


@pytest.mark.parametrize("key", ["Enter", " "])
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_menu_button_opens_the_navigation_and_escape_gives_focus_back(
    browser: Browser, site_url: str, language: str, key: str
) -> None:
    """At 375 px the menu button opens the navigation from the keyboard, and Escape closes it.

    A named button in the Tab order; Enter or Space opens the drawer with focus
    inside, Tab stays there, and Escape closes it with focus on the button
    again.
    """
    page = open_page(browser, site_url + LANGUAGES[language], 375)
    nav_name = page.locator("nav.md-nav--primary").get_attribute("aria-label")
    button = page.locator("button.md-header__button[aria-controls=drawer-panel]")
    expect(button).to_have_attribute("aria-label", nav_name or "")
    expect(button).to_have_attribute("aria-expanded", "false")
    _tab_to(page, button)
    page.keyboard.press(key)
    expect(button).to_have_attribute("aria-expanded", "true")
    _focus_is_in(page, ".md-sidebar--primary")
    for _ in range(12):  # the page behind the drawer is inert: Tab goes round the drawer
        page.keyboard.press("Tab")
        _focus_is_in(page, ".md-sidebar--primary", or_browser=True)
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()
    expect(page.locator(".md-sidebar--primary")).to_have_css("visibility", "hidden")
    page.context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_contents_inside_the_drawer_open_and_close_from_the_keyboard(
    browser: Browser, site_url: str, language: str
) -> None:
    """At 375 px the page's contents, a panel of the drawer, open and close from the keyboard.

    Its button opens it with focus inside, Escape closes it back to its button,
    and Escape again closes the drawer; a contents link goes to its section.
    """
    page = open_page(browser, site_url + LANGUAGES[language], 375)
    menu = page.locator("button.md-header__button[aria-controls=drawer-panel]")
    menu.focus()
    page.keyboard.press("Enter")
    _focus_is_in(page, ".md-sidebar--primary")
    contents = page.locator("button.md-nav__link[aria-controls=toc-panel]")
    toc_name = page.locator(".md-nav--primary .md-nav--secondary").get_attribute("aria-label") or ""
    expect(contents).to_have_attribute("aria-label", f"{contents.inner_text().strip()} – {toc_name}")
    _tab_to(page, contents)
    page.keyboard.press("Enter")
    expect(contents).to_have_attribute("aria-expanded", "true")
    _focus_is_in(page, "#toc-panel")
    page.keyboard.press("Escape")
    expect(contents).to_have_attribute("aria-expanded", "false")
    expect(contents).to_be_focused()
    page.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()
    # Following a contents link closes the drawer and goes on from that section.
    page.keyboard.press("Enter")
    _focus_is_in(page, ".md-sidebar--primary")
    contents.focus()
    page.keyboard.press("Enter")
    _focus_is_in(page, "#toc-panel")
    link = page.locator("#toc-panel a[href='#trade']")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**#trade")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#trade")).to_be_focused()
    expect(page.locator("#trade")).to_be_in_viewport()
    page.context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_opens_from_its_button_and_escape_gives_focus_back(
    browser: Browser, site_url: str, language: str
) -> None:
    """At 375 px search opens from its named button, and Escape closes it.

    Enter opens it with the query field focused and the page behind it inert;
    the arrow keys reach the results, Tab stays in the search; Escape closes it
    with focus on the button.
    """
    page = open_page(browser, site_url + LANGUAGES[language], 375)
    button = page.locator("button.md-header__button[aria-controls=search-panel]")
    expect(button).to_have_attribute("aria-label", page.locator(".md-search").get_attribute("aria-label") or "")
    _tab_to(page, button)
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(page.locator("input.md-search__input")).to_be_focused()
    count_search_messages(page)
    page.keyboard.type("1988")
    # Each key starts a search that redraws the results: wait until the worker has answered the last.
    wait_for_search(page)
    expect(page.locator(".md-search-result__item").first).to_be_attached()
    page.keyboard.press("ArrowDown")  # Material's way to the results
    _focus_is_in(page, ".md-search-result")
    for _ in range(4):  # the page behind the search is inert: Tab stays in it
        page.keyboard.press("Tab")
        _focus_is_in(page, ".md-search", or_browser=True)
    expect(button).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()
    expect(page.locator(".md-container")).to_have_js_property("inert", False)
    page.context.close()


def test_on_a_wide_screen_the_menu_and_search_buttons_take_no_focus(browser: Browser, site_url: str) -> None:
    """At 1280 px the navigation and the search field are always shown: their buttons are hidden and skipped."""
    page = open_page(browser, site_url, 1280, settled=True)
    for panel in ("drawer-panel", "search-panel"):
        expect(page.locator(f"button[aria-controls={panel}]")).to_be_hidden()
    stops = walk(page)
    assert not [s for s in stops if "drawer-panel" in s["what"] or "search-panel" in s["what"]]
    assert any(s["what"].startswith("input.md-search__input") for s in stops)
    page.context.close()


# -----------------------------------------------------------------------------
# No sideways scrolling
# -----------------------------------------------------------------------------


def _site_pages(site_dir: Path) -> list[str]:
    """Return every page of every language."""
    return [prefix + path for prefix in LANGUAGES.values() for path in PAGES]


@pytest.mark.parametrize("scripts", [True, False], ids=["javascript", "no-javascript"])
@pytest.mark.parametrize("width", [320, 375, 390, 768, 1280])
def test_no_page_scrolls_sideways(browser: Browser, site_url: str, site_dir: Path, width: int, scripts: bool) -> None:
    """The page is never wider than the window, with or without scripts."""
    context = browser.new_context(viewport={"width": width, "height": 800}, java_script_enabled=scripts)
    page = context.new_page()
    wide = {}
    for path in _site_pages(site_dir):
        page.goto(site_url + path, wait_until="load")
        if scripts:  # what site.js adds (buttons, filters, the citation box) is in the page
            page.wait_for_function("() => document.body.dataset.menus === 'ready'")
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            wide[path] = scroll
    context.close()
    assert wide == {}
