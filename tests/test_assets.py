"""The published stylesheets and scripts.

They are minified, the palette is cut to the colours in use, and Material's main stylesheet to what the pages use.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import material
import pytest
import tinycss2
from playwright.sync_api import Browser

import slim_assets
from support import ROOT, search

MATERIAL_PALETTE = next((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob(
    "palette.*.min.css"))
INDIGO = {"primary": {"indigo"}, "accent": {"indigo"}}


def rule_selectors(css: str) -> list[str]:
    """Return the selector list of every style rule, inside @media blocks too."""
    out = []

    def walk(rules: list) -> None:
        for rule in rules:
            if rule.type == "qualified-rule":
                out.append(tinycss2.serialize(rule.prelude).strip())
            elif rule.type == "at-rule" and rule.content is not None:
                walk(tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True))

    walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    return out


def test_the_palette_keeps_the_dark_scheme_and_the_configured_colours_only() -> None:
    """Rules for red go; rules for the slate scheme and for indigo stay; a shared rule stays whole."""
    original = MATERIAL_PALETTE.read_text(encoding="utf-8")
    slim = slim_assets.slim_palette(original, INDIGO)
    before, after = rule_selectors(original), rule_selectors(slim)
    assert "[data-md-color-primary=red]" in before
    assert "[data-md-color-primary=red]" not in after
    assert [s for s in before if "slate" in s and "color-primary" not in s and "color-accent" not in s] == \
        [s for s in after if "slate" in s and "color-primary" not in s and "color-accent" not in s]
    assert "[data-md-color-primary=indigo]" in after
    # Material styles several colours in one rule; indigo is among them, so it stays.
    shared = [s for s in before if "color-primary=indigo" in s and "color-primary=red" in s]
    assert shared and all(s in after for s in shared)
    assert len(slim) < len(original) / 2


def test_the_palette_follows_the_configuration() -> None:
    """Another configured colour keeps its own rules; Material's spelling "Deep Purple" works."""
    colours = slim_assets.palette_colours([{"scheme": "default", "primary": "Deep Purple"}, {"scheme": "slate"}])
    assert colours == {"primary": {"deep-purple", "indigo"}, "accent": {"indigo"}}
    after = rule_selectors(slim_assets.slim_palette(MATERIAL_PALETTE.read_text(encoding="utf-8"), colours))
    assert "[data-md-color-primary=deep-purple]" in after
    assert "[data-md-color-primary=red]" not in after


@pytest.mark.parametrize("name", ["site.css", "print.css", "site.js"])
def test_the_sites_own_assets_are_published_minified(site_dir: Path, name: str) -> None:
    """The published copy drops comments and layout but keeps every rule and statement."""
    source = (ROOT / "docs" / "assets" / name).read_text(encoding="utf-8")
    published = (site_dir / "assets" / name).read_text(encoding="utf-8")
    assert "/*" in source and "/*" not in published
    assert len(published) < 0.85 * len(source)
    if name.endswith(".css"):
        def squeeze(selectors: list[str]) -> list[str]:
            return [re.sub(r"\s+", "", s) for s in selectors]

        assert squeeze(rule_selectors(published)) == squeeze(rule_selectors(source))


def test_the_published_palette_is_the_slim_one(site_dir: Path) -> None:
    """The built site's palette stylesheet has no rules for colours the site never shows."""
    (published,) = (site_dir / "assets" / "stylesheets").glob("palette.*.min.css")
    assert published.name == MATERIAL_PALETTE.name
    selectors = rule_selectors(published.read_text(encoding="utf-8"))
    assert "[data-md-color-scheme=slate]" in selectors
    assert not [s for s in selectors if s == "[data-md-color-primary=red]"]


# -----------------------------------------------------------------------------
# Material's main stylesheet, cut to what the pages and scripts use
# -----------------------------------------------------------------------------

MATERIAL_MAIN = next((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob(
    "main.*.min.css"))


def test_a_selector_goes_only_when_a_class_it_needs_is_used_nowhere() -> None:
    """Unused classes go, one selector of a list at a time; :not(), :is() and elements never remove one."""
    css = (".used{a:1}.gone{b:2}.used,.gone .used{c:3}.x:not(.gone){d:4}:is(.gone,.used) p{e:5}p{f:6}"
           "@media (min-width:1px){.gone{g:7}.used{h:8}}")
    slim = slim_assets.slim_stylesheet(css, {"used", "x", "p"})
    assert rule_selectors(slim) == [".used", ".used", ".x:not(.gone)", ":is(.gone,.used) p", "p", ".used"]
    assert "g:7" not in slim and "h:8" in slim


def test_a_custom_property_goes_only_when_nothing_reads_it() -> None:
    """Read by var(), by another stylesheet or a script: kept; read only by a property that goes: gone too."""
    css = ":root{--kept:1;--chained:2;--by-chain:var(--chained);--orphan:3;--from-js:4}.a{color:var(--kept)}"
    slim = slim_assets.slim_stylesheet(css, {"a"}, readers='el.style.getPropertyValue("--from-js")')
    assert "--kept" in slim and "--from-js" in slim
    assert "--orphan" not in slim and "--by-chain" not in slim and "--chained" not in slim


def test_the_published_main_stylesheet_is_cut_and_named_by_its_content(site_dir: Path) -> None:
    """Smaller than Material's, under a name from its own content, one file that every page of every language links."""
    import hashlib

    (published,) = (site_dir / "assets" / "stylesheets").glob("main.*.min.css")
    text = published.read_text(encoding="utf-8")
    assert published.name == f"main.{hashlib.sha256(text.encode()).hexdigest()[:8]}.min.css"
    assert len(text) < 0.7 * len(MATERIAL_MAIN.read_text(encoding="utf-8"))
    pages = list(site_dir.glob("**/*.html"))
    assert {page.relative_to(site_dir).parts[0] for page in pages} >= {"ko", "ru", "timeline", "index.html"}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert published.name in html and MATERIAL_MAIN.name not in html, page


# Every element's computed style, and its ::before's and ::after's, hashed.
_STYLES = """() => {
  const hash = (s) => { let h = 2166136261; for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i); h = Math.imul(h, 16777619); } return h >>> 0; };
  const out = [];
  for (const el of document.querySelectorAll("*")) {
    for (const pseudo of [null, "::before", "::after"]) {
      const style = getComputedStyle(el, pseudo);
      if (pseudo && style.content === "none") continue;  // no such box to style
      let text = "";
      // Custom properties are left out: one that nothing reads styles nothing, and one that is
      // read shows in the properties that read it.
      for (let i = 0; i < style.length; i++) {
        if (!style[i].startsWith("--")) text += style[i] + ":" + style.getPropertyValue(style[i]) + ";";
      }
      out.push([el.tagName + "." + String(el.className.baseVal ?? el.className) + (pseudo || ""), hash(text)]);
    }
  }
  return out;
}"""

# (address, width, scheme, what to do before looking): the states Material's scripts put the page in too.
STATES = {
    "article": ("", 1280, "light", None),
    "filtered timeline, phone": ("timeline/?show=article", 390, "dark", None),
    "quotes, citations open": ("ko/quotes/", 1280, "dark", "document.querySelector('details.cite').open = true"),
    "print view": ("print/", 1280, "light", None),
    "not found": ("ru/404.html", 390, "light", None),
    "drawer open": ("about/", 390, "light", "document.getElementById('__drawer').click()"),
    "search results": ("", 1280, "dark", "search"),
    "printed timeline": ("timeline/", 1280, "light", "print"),
}


def _styles_in_state(browser: Browser, url: str, state: str, original: bool) -> list[list[Any]]:
    """Load a page in one of STATES with the cut stylesheet, or Material's own; return every element's style."""
    path, width, scheme, action = STATES[state]
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    if original:
        context.route(re.compile(r".*/assets/stylesheets/main\.[0-9a-f]+\.min\.css$"),
                      lambda route: route.fulfill(path=MATERIAL_MAIN, content_type="text/css"))
    page = context.new_page()
    page.goto(url + path, wait_until="networkidle")
    # Material's bundle has run (it swaps no-js for js, and adds what it builds): on a busy machine it can
    # run after the network goes quiet.
    page.wait_for_function("() => !document.documentElement.classList.contains('no-js')")
    if action == "search":
        assert search(page, "Gorbachev")
    elif action == "print":
        page.emulate_media(media="print")
    elif action:
        page.evaluate(action)
    # Material's colours, drawer and details change over a transition: compare the states they settle in.
    page.wait_for_function("() => document.getAnimations().every((a) => a.playState !== 'running')")
    styles: list[list[Any]] = page.evaluate(_STYLES)
    context.close()
    return styles


@pytest.mark.spread
@pytest.mark.parametrize("state", STATES)
def test_the_cut_main_stylesheet_styles_every_element_as_materials_own_does(
    browser: Browser, site_url: str, state: str
) -> None:
    """Every element and pseudo-element of the page, in each state, computes the same style with either file.

    An element that differs is looked at again, both ways: on a busy machine
    one load in many lays the header out a moment late (seen with Material's
    own file as often as with the cut one), where a rule the cut lost differs
    every time.
    """
    differ: set[str] | None = None
    for _ in range(3):
        cut, whole = (_styles_in_state(browser, site_url, state, original) for original in (False, True))
        assert len(cut) == len(whole)
        found = {a[0] for a, b in zip(cut, whole, strict=True) if a != b}
        differ = found if differ is None else differ & found
        if not differ:
            break
    assert differ == set(), sorted(differ or ())[:10]
