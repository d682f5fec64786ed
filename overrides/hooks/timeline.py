"""Generate the timeline page, timeline.md, from docs/data/timeline.yml.

Events used:
- on_pre_build: load and check the data, so that bad data stops the build
  before MkDocs cleans site/ (it cleans between pre_build and files).
- on_files: add the page and the published data (JSON, CSV) as in-memory
  files; nothing is written into docs/. The JSON Schema beside the data file
  is published as it is.
- on_page_markdown: replace each `<!-- timeline:events SECTION -->` marker in
  the article with links to that section's events.
- on_page_content: put the timeline's body, rendered from the data, in place
  of its marker, and give the page its table of contents and anchors.
- on_page_context: add the timeline's search entries to Material's index,
  which is told to leave the page alone (timeline_search.py says why).

The HTML and Markdown come from the Jinja macros in hooks/timeline.html. The
pure helpers sit beside the hook: timeline_data.py (loading and checking),
timeline_dates.py (EDTF dates), timeline_render.py (page, overview, exports)
and timeline_search.py (search entries).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import markdown
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc

# The hook's own directory is on sys.path while MkDocs loads it.
import timeline_data
import timeline_render
import timeline_search

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.timeline")

DATA = "data/timeline.yml"  # relative to docs_dir
PAGE = "timeline.md"
ARTICLE = "index.md"
TEMPLATE = "hooks/timeline.html"


@dataclass(frozen=True)
class _Build:
    """What one build needs from the data: the timeline, the article's sections, the macros."""

    timeline: timeline_data.Timeline
    sections: dict[str, str]
    macros: Any


# MkDocs loads a hook once per process (serve and pytest build many times), so
# this holds only the current build's data: on_pre_build replaces it each time.
_current: _Build | None = None

_MARKER = re.compile(r"<!-- timeline:events ([a-z0-9-]+) -->")
# The generated page's Markdown ends with this marker; its body is HTML.
BODY_MARKER = "<!-- timeline:body -->"
_SECTION = re.compile(r"^##\s+(.+?)\s*\{\s*#([a-z0-9-]+)\s*\}\s*$", re.MULTILINE)

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Load and check the timeline data; stop the build with every problem listed."""
    global _current
    _current = None
    docs = Path(config.docs_dir)
    if (docs / PAGE).exists():
        raise PluginError(
            f"docs/{PAGE} exists, but the timeline page is generated from docs/{DATA}. "
            f"Delete docs/{PAGE} and edit the data file instead."
        )
    label = _relative(docs / DATA, Path(config.config_file_path).parent)
    sections = article_sections(docs / ARTICLE)
    try:
        timeline = timeline_data.load_timeline(docs / DATA, label, sections)
    except timeline_data.TimelineError as exc:
        raise PluginError(str(exc)) from exc
    # get_env() makes a new Jinja environment on every call: compile the macros once.
    _current = _Build(timeline, sections, config.theme.get_env().get_template(TEMPLATE).module)


@timeline_data.collector_paused()
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add the generated timeline page and the published data files."""
    if _current is None:  # on_pre_build raised, or did not run (a plugin reordered events)
        raise PluginError("The timeline data was not loaded; see the error above.")
    content = timeline_render.page_markdown(_current.timeline, _current.macros, BODY_MARKER)
    page = File.generated(config, PAGE, content=content)
    page.edit_uri = DATA  # the edit link opens the data file, not a page that does not exist
    files.append(page)
    for name, content in timeline_render.exports(_current.timeline).items():
        files.append(File.generated(config, name, content=content))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Replace the article's timeline markers with links to each section's events."""
    if page.file.src_uri != ARTICLE or _current is None:
        return None
    by_section = timeline_render.events_by_section(_current.timeline)
    for section in sorted(set(_MARKER.findall(markdown)) - set(by_section)):
        log.warning(f"docs/{ARTICLE}: section '{section}' has a timeline marker, but no event in "
                    f"docs/{DATA} names it in 'article'; add one or remove the marker.")
    links = _current.macros.article_links
    return _MARKER.sub(lambda m: links(by_section.get(m.group(1), []), timeline_render.plain), markdown)


@timeline_data.collector_paused()
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Render the timeline's body in place of its marker; set its contents and anchors."""
    if page.file.src_uri != PAGE or _current is None:
        return None
    # Descriptions and notes are Markdown, rendered with the site's own
    # extensions, less those that would give headings permalinks or number
    # footnotes per description (their ids would collide across events).
    extensions = [e for e in config.markdown_extensions if e not in ("toc", "footnotes")]
    md = markdown.Markdown(extensions=extensions, extension_configs=config.mdx_configs)
    timeline = _current.timeline
    texts = [text for event in timeline.events for text in (event.description, event.note) if text]
    rendered = timeline_render.render_markdown(texts, lambda text: md.reset().convert(text))

    article = files.get_file_from_path(ARTICLE)
    groups = timeline_render.decades(timeline)
    body = timeline_render.page_html(
        timeline,
        groups,
        _current.sections,
        _current.macros,
        markdown=rendered.__getitem__,
        article_url=article.url_relative_to(page.file) if article else "../",
        permalink_title=config.mdx_configs.get("toc", {}).get("permalink_title", "Permanent link"),
    )
    heading = page.toc.items[0]
    page.toc = get_toc(timeline_render.toc_tokens(groups, page.title or heading.title, heading.id))
    page.present_anchor_ids = (page.present_anchor_ids or set()) | timeline_render.anchor_ids(groups)
    address = page.canonical_url or page.abs_url or ""
    page.meta["schema_org"] = timeline_render.structured_data(timeline, address)
    if _search_index(config) is not None:
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return html.replace(BODY_MARKER, body, 1)


@timeline_data.collector_paused()
def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Any) -> None:
    """Index the timeline page for Material's search, a section per decade and event."""
    index = _search_index(config)
    if page.file.src_uri == PAGE and index is not None:
        index.entries.extend(timeline_search.section_entries(page.content or "", page.url))


# -----------------------------------------------------------------------------
# Helpers
# -----------------------------------------------------------------------------


def _search_index(config: MkDocsConfig) -> Any:
    """Return Material's search index for this build, or None without Material's search."""
    search = config.plugins.get("material/search")
    if search is None or not search.config.get("enabled", True):
        return None
    return getattr(search, "search_index", None)


def article_sections(path: Path) -> dict[str, str]:
    """Return the article's second-level sections that carry a timeline marker, id to title."""
    if not path.is_file():
        return {}
    text = path.read_text(encoding="utf-8")
    marked = set(_MARKER.findall(text))
    return {anchor: title for title, anchor in _SECTION.findall(text) if anchor in marked}


def _relative(path: Path, root: Path) -> str:
    """Name a file relative to the project, as an editor would type it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
