"""Generate print.md: every page of the nav, in nav order, as one printable page at print/.

Events used:
- on_files: add the page in memory, outside the nav and the search index.
- on_env: once every page has been rendered, fill the page with a cover, a
  table of contents and each page's HTML. Ids are prefixed per page, and links
  between pages become links inside the print view, so nothing collides and
  every internal link still works on paper and on screen.

The markup comes from the Jinja macros in hooks/print_site.html, the words
from overrides/locales/ in the build's language.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import locales
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_relative_url

import template_cache

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

PAGE = "print.md"
TEMPLATE = "hooks/print_site.html"
MARKER = "<!-- print_site:body -->"

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add the print view as a generated page that is reachable but not in the nav."""
    macros: Any = locales.prepare(template_cache.attach(config.theme.get_env()), config).get_template(TEMPLATE).module
    file = File.generated(config, PAGE, content=macros.page_markdown(MARKER, locales.words(config)))
    file.inclusion = InclusionLevel.NOT_IN_NAV
    files.append(file)
    return files


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Fill the print view with every nav page, now that all of them are rendered."""
    view = files.get_file_from_path(PAGE)
    if view is None or view.page is None or view.page.content is None:
        return env
    pages = [f.page for f in map(files.get_file_from_path, nav_paths(config)) if f and f.page]
    printed = [printed_page(page, view.page, pages) for page in pages]
    macros: Any = env.get_template(TEMPLATE).module
    body = macros.body(config.site_name, config.site_description, printed, locales.words(config))
    view.page.content = view.page.content.replace(MARKER, body, 1)
    # The printed pages' own stylesheets (the timeline overview's), for the view too.
    view.page.meta["stylesheets"] = sorted({sheet for page in pages for sheet in page.meta.get("stylesheets") or []})
    # The view changes whenever a page it prints does (cite_page.py).
    project = Path(config.config_file_path).parent
    view.page.meta["changed_with"] = sorted(
        {os.path.relpath(page.file.abs_src_path, project).replace(os.sep, "/") for page in pages
         if page.file.abs_src_path} | {path for page in pages for path in page.meta.get("changed_with") or []})
    return env


# -----------------------------------------------------------------------------
# Helpers
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PrintedPage:
    """One page inside the print view: its anchor, title, contents and rescoped HTML."""

    anchor: str
    title: str
    sections: list[tuple[str, str]]
    html: str


def nav_paths(config: MkDocsConfig) -> list[str]:
    """Return the source paths of the nav's pages, in order."""
    paths: list[str] = []

    def walk(items: object) -> None:
        for item in items if isinstance(items, list) else [items]:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                walk(value)
            elif isinstance(value, str) and not urlsplit(value).scheme:
                paths.append(value)

    walk(config.nav or [])
    return [p for p in paths if p != PAGE]


def page_anchor(page: Page) -> str:
    """Return the anchor of a page inside the print view, from its file name."""
    stem = posixpath.splitext(page.file.src_uri)[0].replace("/", "-")
    return "article" if stem == "index" else stem


def printed_page(page: Page, view: Page, pages: list[Page]) -> PrintedPage:
    """Return a page's HTML scoped for the print view, with its second-level sections."""
    anchors = {p.url: page_anchor(p) for p in pages}
    prefix = anchors[page.url] + "-"
    toc = page.toc.items[0].children if page.toc.items else []
    return PrintedPage(
        anchor=anchors[page.url],
        title=page.title or "",
        sections=[(prefix + item.id, item.title) for item in toc],
        html=rescope(page.content or "", prefix, page.url, view.url, anchors),
    )


# Every attribute that holds ids or an address. The pattern starts at the
# whitespace before the name, which lets the regex engine skip through a large
# page; a leading \b made one pass over a 10,000-event timeline 0.15 s.
_ATTRIBUTE = re.compile(r'(\s)(id|for|aria-labelledby|aria-describedby|href|src)="([^"]*)"')
_ID_ATTRIBUTES = frozenset({"id", "for", "aria-labelledby", "aria-describedby"})


def rescope(html: str, prefix: str, page_url: str, view_url: str, anchors: dict[str, str]) -> str:
    """Prefix the ids in `html`, and point its links at the print view where they can stay in it."""

    def scoped(match: re.Match[str]) -> str:
        space, attr, value = match.groups()
        if attr in _ID_ATTRIBUTES:
            return f'{space}{attr}="{" ".join(prefix + token for token in value.split())}"'
        return f'{space}{attr}="{relink(attr, value)}"'

    def relink(attr: str, url: str) -> str:
        # The two commonest cases first: a big timeline has tens of thousands of links.
        if url.startswith(("https://", "http://")):
            return url
        if url.startswith("#"):
            return f"#{prefix}{url[1:]}"
        parts = urlsplit(url)
        if parts.scheme or url.startswith(("//", "mailto:", "data:")):
            return url
        if not parts.path:  # "?query#id" on the same page
            return f"#{prefix}{parts.fragment}"
        target = posixpath.normpath(posixpath.join(posixpath.dirname("/" + page_url), parts.path)).lstrip("/")
        target = "" if target == "." else target
        beyond = posixpath.normpath(posixpath.join(posixpath.dirname(page_url), parts.path))
        if beyond.startswith("../"):
            # Above this language's site (the data files a translation shares
            # with the default language's): as far up from the print view.
            fragment = f"#{parts.fragment}" if parts.fragment else ""
            return "../" * view_url.count("/") + beyond + fragment
        key = target if target.endswith((".html", "/")) or not target else target + "/"
        if attr == "href" and key in anchors:
            return f"#{anchors[key]}-{parts.fragment}" if parts.fragment else f"#{anchors[key]}"
        # Anything else (a data file, an image) keeps pointing at the same file.
        return get_relative_url(target, view_url) + (f"#{parts.fragment}" if parts.fragment else "")

    return _ATTRIBUTE.sub(scoped, html)
