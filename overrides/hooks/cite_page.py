"""Cite this page: every page's citation, in the page, in its metadata and as files to download.

MkDocs events only; the work is in the `citation` package beside this file.

- on_config: read once, from git, the day each of the project's files last
  changed.
- on_env: give the templates the styles' filters (dates, title case).
- on_page_context: build the page's Citation for main.html, which shows it
  under the page (partials/cite.html) and gives reference managers its
  metadata (partials/cite-meta.html).
- on_post_page: write the page's cite.bib, cite.ris and cite.json beside its
  index.html.

What a page is made of decides its date: a Markdown page's own file, plus
whatever a generated page lists in `page.meta["changed_with"]` (the timeline
its data file, the print view every page it prints).
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from citation import Citation, Source, changes, record

if TYPE_CHECKING:
    import datetime as dt

    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

FILES = {"cite.bib": record.bibtex, "cite.ris": record.ris, "cite.json": record.csl_json}

_dates: dict[str, dt.date] = {}
_citations: dict[str, Citation] = {}  # this build's, by the page's source path

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> None:
    """Read the day each file last changed, once for this build."""
    global _dates
    _dates = changes.last_changed(Path(config.config_file_path).parent)
    _citations.clear()


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Give the templates the words the citation styles need."""
    env.filters.update(apa_date=record.apa_date, mla_date=record.mla_date, chicago_date=record.chicago_date,
                       title_case=record.title_case, bare_url=record.bare_url)
    return env


def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """Give the page its citation."""
    cited = page_citation(page, config, context.get("translation"))
    _citations[page.file.src_uri] = cited
    context["citation"] = cited
    return context


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> None:
    """Write the page's citation files beside it, for the links under the page."""
    cited = _citations.get(page.file.src_uri)
    if cited is None:
        return
    folder = (Path(config.site_dir) / page.file.dest_uri).parent
    folder.mkdir(parents=True, exist_ok=True)
    for name, write in FILES.items():
        (folder / name).write_text(write(cited), encoding="utf-8")


# -----------------------------------------------------------------------------
# Helpers
# -----------------------------------------------------------------------------


def source(config: MkDocsConfig) -> Source:
    """Return the work the site rebuilds, from `extra.citation.source`."""
    given = config.extra["citation"]["source"]
    return Source(title=given["title"], authors=tuple(given["authors"]), site=given["site"], url=given["url"],
                  licence=given["licence"], licence_url=given["licence_url"])


def heading(page: Page) -> str:
    """Return the page's title as its heading gives it; a generated page's title otherwise."""
    items = list(page.toc)
    if page.file.generated_by is None and items and items[0].level == 1:
        return html.unescape(items[0].title)
    return str(page.title or "")


def made_of(page: Page, config: MkDocsConfig) -> list[str]:
    """Return the project's files the page is made of, relative to the project."""
    project = Path(config.config_file_path).parent
    own = [os.path.relpath(page.file.abs_src_path, project)] if page.file.abs_src_path else []
    return [path.replace(os.sep, "/") for path in own] + list(page.meta.get("changed_with") or [])


def page_citation(page: Page, config: MkDocsConfig, translation: dict[str, str] | None) -> Citation:
    """Return the citation of a page, in its build's language."""
    settings = config.extra["citation"]
    changed = changes.changed(_dates, made_of(page, config))
    language = str(config.theme["language"])
    adapted = page.file.src_uri in settings.get("adapted", [])
    work = source(config)
    return Citation(
        title=heading(page),
        english_title=(translation or {}).get("heading", ""),
        site=config.site_name,
        url=page.canonical_url or page.abs_url or page.url,
        changed=changed,
        language=language,
        authors=work.authors if adapted else (),
        source=work,
        adapted=adapted,
        key=record.citation_key(settings["key"], page.url, language, changed.year),
    )
