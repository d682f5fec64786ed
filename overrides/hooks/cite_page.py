"""Cite this page: every page's citation, in its language's styles, in its metadata and as files to download.

MkDocs events only; the work is in the `citation` package beside this file.

- on_config: read once, from git, the day each of the project's files last
  changed, and the commit the sources are at (the version citations name).
- on_page_context: build the page's citation for main.html, which shows it
  under the page (partials/cite.html) and gives reference managers its
  metadata (partials/cite-meta.html).
- on_post_page: write the page's cite.bib, cite.ris and cite.json beside its
  index.html.

What a page is made of decides its date: a Markdown page's own file, plus
whatever a generated page lists in `page.meta["changed_with"]` (the timeline
its data file, the print view every page it prints).
"""

from __future__ import annotations

import dataclasses
import html
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import locales
from markupsafe import Markup

from citation import Citation, Source, changes, csl, record

if TYPE_CHECKING:
    import datetime as dt

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

FILES = {"bib": record.bibtex, "ris": record.ris, "json": record.csl_json}
ANCHOR = "\ue003"  # where site.js puts a section's id, in the files' key
NOTE = "\ue004"  # where it puts the note on the source work, given once for the three files

_dates: dict[str, dt.date] = {}
_version: changes.Version | None = None
_citations: dict[str, Citation] = {}  # this build's, by the page's source path

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> None:
    """Read the day each file last changed, and the sources' commit, once for this build."""
    global _dates, _version
    known = changes.history(Path(config.config_file_path).parent)
    _dates, _version = known.dates, known.version
    _citations.clear()


def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """Give the page its citation."""
    cited = page_citation(page, config)
    _citations[page.file.src_uri] = cited
    context["citation"] = cite_box(cited, page, config)
    return context


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> None:
    """Write the page's citation files beside it, for the links under the page."""
    cited = _citations.get(page.file.src_uri)
    if cited is None:
        return
    folder = (Path(config.site_dir) / page.file.dest_uri).parent
    folder.mkdir(parents=True, exist_ok=True)
    for kind, name in file_names(page).items():
        (folder / name).write_text(FILES[kind](cited), encoding="utf-8")


# -----------------------------------------------------------------------------
# What the templates get
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Style:
    """One style's citation of the page, and its template for a section (site.js fills it in)."""

    name: str  # apa, mla, chicago, gost
    text: Markup
    template: Markup
    case: str  # how the style cases a title: "none" or "title"


@dataclass(frozen=True)
class CiteBox:
    """Everything partials/cite.html and cite-meta.html show of a page's citation."""

    record: Citation
    styles: list[Style]
    version: changes.Version | None
    sources_url: str  # the page's sources at the cited commit, where the repository is known; else ""
    files: dict[str, str]  # each file's name, beside the page: bib, ris, json
    coins: str
    data: Markup  # for site.js, as JSON: the page, and the files' templates for a section


def cite_box(cited: Citation, page: Page, config: MkDocsConfig) -> CiteBox:
    """Return the page's citation in each of its language's styles, with what site.js needs for a section."""
    settings = config.extra["citation"]
    words = locales.words(config)
    styles = page_styles(cited, list(settings["styles"][cited.language]), changes.build_date())
    placeholder = dataclasses.replace(cited, title=csl.TITLE, url=csl.URL, key=f"{cited.key}-{ANCHOR}", note=NOTE)
    description = str(page.meta.get("description") or config.site_description or "").strip()
    return CiteBox(
        record=cited,
        styles=styles,
        version=_version,
        sources_url=sources_url(page, config),
        files=file_names(page),
        coins=record.coins(cited, " ".join(description.split())),
        data=script_json({
            "title": cited.title, "url": cited.url, "note": cited.note,
            "section": words.t("cite.section_title"),
            # The words title case keeps low, where a style title-cases (csl.title_case).
            "minor": sorted(csl.MINOR_WORDS) if any(s.case == "title" for s in styles) else [],
            "placeholders": {"title": csl.TITLE, "url": csl.URL, "accessed": csl.ACCESSED, "anchor": ANCHOR,
                             "note": NOTE},
            "files": {kind: write(placeholder) for kind, write in FILES.items()},
        }),
    )


def script_json(data: dict[str, Any]) -> Markup:
    """Return data as JSON for a <script type="application/json"> element.

    Letters are written as they are, which weighs less than Jinja's tojson,
    which escapes every one outside ASCII; <, > and & are escaped, so that
    nothing in the data can end the element.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def page_styles(cited: Citation, names: list[str], accessed: dt.date) -> list[Style]:
    """Return the page's citation in each style, rendered from its CSL-JSON item, with its template.

    One rendering serves every page of a kind: the item's title and address
    are placeholders, filled in with the page's here (csl.fill) and with a
    section's in the browser. On a page in another language than English, the
    source's English names are marked as English, for screen readers.
    """
    item = record.csl_item(dataclasses.replace(cited, title=csl.TITLE, url=csl.URL))
    english = [] if cited.language == "en" else [html.escape(name, quote=False) for name in cited.source.authors]

    def marked(text: str) -> Markup:
        for name in english:
            text = text.replace(name, f'<span lang="en">{name}</span>')
        return Markup(text)

    return [Style(t.style, marked(csl.fill(t, cited.title, cited.url)), marked(t.html), t.case)
            for t in csl.templates(names, cited.language, item, accessed)]


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


def file_names(page: Page) -> dict[str, str]:
    """Return the names of the page's citation files, in its folder.

    cite.bib beside a folder's index.html; timeline.cite.bib beside
    timeline.html, where pages are not each in a folder of their own
    (use_directory_urls: false), so that no two pages' files collide.
    """
    stem = Path(page.file.dest_uri).stem
    prefix = "" if stem == "index" else f"{stem}."
    return {kind: f"{prefix}cite.{kind}" for kind in FILES}


def made_of(page: Page, config: MkDocsConfig) -> list[str]:
    """Return the project's files the page is made of, relative to the project."""
    project = Path(config.config_file_path).parent
    own = [os.path.relpath(page.file.abs_src_path, project)] if page.file.abs_src_path else []
    return [path.replace(os.sep, "/") for path in own] + list(page.meta.get("changed_with") or [])


def sources_url(page: Page, config: MkDocsConfig) -> str:
    """Return the address of the page's sources at the cited commit, as a permanent link; "" if unknown.

    A page made of one file links that file; the print view, made of many,
    the folder that holds them all.
    """
    paths = made_of(page, config)
    if not (config.repo_url and _version and paths):
        return ""
    path = paths[0] if len(paths) == 1 else os.path.commonpath(paths).replace(os.sep, "/")
    uri = config.extra["citation"]["sources_uri"].format(commit=_version.commit, path=path)
    return f"{config.repo_url.rstrip('/')}/{uri}"


def page_citation(page: Page, config: MkDocsConfig) -> Citation:
    """Return the citation of a page, in its build's language."""
    settings = config.extra["citation"]
    changed = changes.changed(_dates, made_of(page, config))
    language = str(config.theme["language"])
    adapted = page.file.src_uri in settings.get("adapted", [])
    work = source(config)
    note = locales.words(config).t("cite.note_adapted" if adapted else "cite.note_based", title=work.title,
                                   authors=", ".join(work.authors), site=work.site, url=work.url,
                                   licence=work.licence, licence_url=work.licence_url)
    return Citation(
        title=heading(page),
        site=config.site_name,
        url=page.canonical_url or page.abs_url or page.url,
        changed=changed,
        language=language,
        # The page's authors: the source's where the text is theirs, else the site itself, as a group.
        authors=work.authors if adapted else (config.site_name,),
        source=work,
        adapted=adapted,
        key=record.citation_key(settings["key"], page.url, language, changed.year),
        version=_version.name if _version else "",
        note=note,
    )
