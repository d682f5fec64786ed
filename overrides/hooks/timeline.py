"""Generate the timeline page, timeline.md, from docs/data/timeline.yml.

Events used:
- on_pre_build: load and check the data, so that bad data stops the build
  before MkDocs cleans site/ (it cleans between pre_build and files).
- on_files: add the page and the published data (JSON, CSV) as in-memory
  files; nothing is written into docs/. The JSON Schema beside the data file
  is published as it is.
- on_page_markdown: replace each `<!-- timeline:events SECTION -->` marker in
  the article with links to that section's events.

The HTML and Markdown come from the Jinja macros in hooks/timeline.html. The
pure helpers sit beside the hook: timeline_data.py (loading and checking),
timeline_dates.py (EDTF dates) and timeline_render.py (page, overview, exports).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

# The hook's own directory is on sys.path while MkDocs loads it.
import timeline_data
import timeline_render

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.timeline")

DATA = "data/timeline.yml"  # relative to docs_dir
PAGE = "timeline.md"
ARTICLE = "index.md"
TEMPLATE = "hooks/timeline.html"

# MkDocs loads a hook once per process (serve and pytest build many times), so
# this holds only the current build's data: on_pre_build replaces it each time.
_current: timeline_data.Timeline | None = None

_MARKER = re.compile(r"<!-- timeline:events ([a-z0-9-]+) -->")
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
    try:
        _current = timeline_data.load_timeline(docs / DATA, label, article_sections(docs / ARTICLE))
    except timeline_data.TimelineError as exc:
        raise PluginError(str(exc)) from exc


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add the generated timeline page and the published data files."""
    timeline = _current
    if timeline is None:  # on_pre_build raised, or did not run (a plugin reordered events)
        raise PluginError("The timeline data was not loaded; see the error above.")
    sections = article_sections(Path(config.docs_dir) / ARTICLE)
    macros = config.theme.get_env().get_template(TEMPLATE).module
    page = File.generated(config, PAGE, content=timeline_render.page_markdown(timeline, sections, macros))
    page.edit_uri = DATA  # the edit link opens the data file, not a page that does not exist
    files.append(page)
    for name, content in timeline_render.exports(timeline).items():
        files.append(File.generated(config, name, content=content))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Replace the article's timeline markers with links to each section's events."""
    if page.file.src_uri != ARTICLE or _current is None:
        return None
    macros = config.theme.get_env().get_template(TEMPLATE).module
    by_section = timeline_render.events_by_section(_current)
    return _MARKER.sub(lambda m: macros.article_links(by_section.get(m.group(1), [])), markdown)


# -----------------------------------------------------------------------------
# Helpers
# -----------------------------------------------------------------------------


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
