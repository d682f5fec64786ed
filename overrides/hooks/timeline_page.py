"""Generate the timeline page, timeline.md, from docs/data/timeline.yml.

MkDocs events only; each hands off to the `timeline` package beside this file
(overrides/hooks/timeline/), which does the work and knows nothing of MkDocs.

- on_startup: note whether this process serves the site.
- on_pre_build: load and check the data, so that bad data stops the build
  before MkDocs cleans site/ (it cleans between pre_build and files). While
  serving, bad data does not stop the build: MkDocs' server stalls every
  request after a failed build, so the page keeps the last good timeline and
  says, on the page and in the terminal, what is wrong with the file.
- on_files: render the page once, and add it and the published data (JSON,
  CSV) as in-memory files; nothing is written into docs/. The JSON Schema
  beside the data file is published as it is.
- on_page_markdown: replace each `<!-- timeline:events SECTION -->` marker in
  the article with links to that section's events.
- on_page_content: give the timeline page its HTML, contents and anchors.
- on_page_context: add the page's search entries to Material's index, which
  is told to leave the page alone (timeline/search.py says why).
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc
from mkdocs.utils import CountHandler, get_relative_url

import material_internals
import timeline
from timeline import article
from timeline.markup import MarkdownConfig
from timeline.render import PageContext, Rendered, article_links, events_by_section, render, stale_notice

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.timeline")

DATA = "data/timeline.yml"  # relative to docs_dir
PAGE = "timeline.md"
ARTICLE = "index.md"


@dataclass
class _Build:
    """This build's timeline, the article's marked sections, and, once on_files has run, the page."""

    timeline: timeline.Timeline
    sections: dict[str, str]
    rendered: Rendered | None = None
    problems: str | None = None  # while serving: what is wrong with the file the page does not show


# MkDocs loads a hook once per process (serve and pytest build many times), so
# this holds only the current build's data: on_pre_build replaces it each time.
_current: _Build | None = None
# While serving, and only then, the last timeline that loaded without problems.
_serving = False
_last_good: _Build | None = None

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


def on_startup(*, command: str, dirty: bool) -> None:
    """Note whether this process serves the site, where bad data must not stall the server."""
    global _serving, _last_good
    _serving, _last_good = command == "serve", None


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Load and check the timeline data; stop the build with every problem listed (serving, keep the last good)."""
    global _current, _last_good
    _current = None
    docs = Path(config.docs_dir)
    if (docs / PAGE).exists():
        raise PluginError(
            f"docs/{PAGE} exists, but the timeline page is generated from docs/{DATA}. "
            f"Delete docs/{PAGE} and edit the data file instead."
        )
    sections = article.read_sections(docs / ARTICLE)
    try:
        loaded = timeline.load_timeline(docs / DATA, _relative(docs / DATA, config), sections)
    except timeline.TimelineError as exc:
        if not (_serving and _last_good is not None):
            raise PluginError(str(exc)) from None
        _report_while_serving(f"{exc}\nThe timeline page keeps the last version that had no problems.")
        _current = dataclasses.replace(_last_good, rendered=None, problems=str(exc))
        return
    _current = _Build(loaded, sections)
    if _serving:
        _last_good = _current


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Render the timeline page once; add it and the published data files."""
    if _current is None:  # on_pre_build raised, or did not run (a plugin reordered events)
        raise PluginError("The timeline data was not loaded; see the error above.")
    page = File.generated(config, PAGE, content="")
    article_file = files.get_file_from_path(ARTICLE)
    site = config.site_url or ""
    _current.rendered = render(
        _current.timeline,
        MarkdownConfig(config.markdown_extensions, config.mdx_configs),
        PageContext(
            url=page.url,
            canonical_url=(site if site.endswith("/") else site + "/") + page.url if site else "",
            article_url=get_relative_url(article_file.url if article_file else "", page.url),
            data_url=get_relative_url("data/", page.url),
            sections=_current.sections,
            permalink_title=config.mdx_configs.get("toc", {}).get("permalink_title", "Permanent link"),
        ),
    )
    page.content_string = _current.rendered.markdown
    page.edit_uri = DATA  # the edit link opens the data file, not a page that does not exist
    files.append(page)
    for name, content in _current.rendered.exports.items():
        files.append(File.generated(config, name, content=content))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Replace the article's timeline markers with links to each section's events."""
    if page.file.src_uri != ARTICLE or _current is None:
        return None
    by_section = events_by_section(_current.timeline)
    for section in sorted(set(article.MARKER.findall(markdown)) - set(by_section)):
        log.warning(f"docs/{ARTICLE}: section '{section}' has a timeline marker, but no event in "
                    f"docs/{DATA} names it in 'article'; add one or remove the marker.")
    return article.MARKER.sub(lambda m: article_links(by_section.get(m.group(1), [])), markdown)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Give the timeline page its rendered HTML, contents, anchors and structured data."""
    if page.file.src_uri != PAGE or _current is None or _current.rendered is None:
        return None
    rendered = _current.rendered
    page.toc = get_toc(rendered.toc)  # type: ignore[arg-type]
    page.present_anchor_ids = (page.present_anchor_ids or set()) | rendered.anchors
    page.meta["schema_org"] = rendered.structured_data
    if _indexes_search(config):
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return (stale_notice(_current.problems) if _current.problems else "") + rendered.content


def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any) -> None:
    """Index the timeline page for Material's search, a section per decade and event."""
    if page.file.src_uri == PAGE and _current is not None and _current.rendered and _indexes_search(config):
        material_internals.search_index(config).entries.extend(_current.rendered.search_entries)


# -----------------------------------------------------------------------------
# Helpers
# -----------------------------------------------------------------------------


def _indexes_search(config: MkDocsConfig) -> bool:
    """Say whether this hook indexes the page, rather than Material's parser (`extra.timeline.index_search`)."""
    settings = config.extra.get("timeline") or {}
    return bool(settings.get("index_search", True)) and material_internals.search_index(config) is not None


def _report_while_serving(message: str) -> None:
    """Print an error as MkDocs prints its own, but leave it out of strict mode's count, which would stall serve."""
    record = log.makeRecord(log.name, logging.ERROR, __file__, 0, message, (), None)
    for handler in logging.getLogger("mkdocs").handlers:
        if not isinstance(handler, CountHandler):
            handler.handle(record)


def _relative(path: Path, config: MkDocsConfig) -> str:
    """Name a file relative to the project, as an editor would type it."""
    try:
        return path.resolve().relative_to(Path(config.config_file_path).parent.resolve()).as_posix()
    except ValueError:
        return str(path)
