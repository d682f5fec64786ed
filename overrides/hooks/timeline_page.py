"""Generate the timeline page, timeline.md, from docs/data/timeline.yml.

MkDocs events only; each hands off to the `timeline` package beside this file
(overrides/hooks/timeline/), which does the work and knows nothing of MkDocs.

- on_startup: note whether this process serves the site.
- on_pre_build: load and check the data, so that bad data stops the build
  before MkDocs cleans site/ (it cleans between pre_build and files). While
  serving, bad data does not stop the build: MkDocs' server stalls every
  request after a failed build, so the page keeps the last good timeline and
  says, on the page and in the terminal, what is wrong with the file.
  It lists, as info, the translations this language lacks and those whose
  English has changed since they were made: neither stops a strict build.
- on_files: render the page once, in this build's language, and add it and,
  in the default language's build, the published data (JSON, CSV, every
  language in each) as in-memory files; nothing is written into docs/. The
  JSON Schema beside the data file is published as it is.
- on_page_markdown: replace each `<!-- timeline:events SECTION -->` marker in
  the article with links to that section's events.
- on_page_content: give the timeline page its HTML, contents and anchors.
- on_page_context: add the page's search entries to Material's index, which
  is told to leave the page alone (timeline/search.py says why).
"""

from __future__ import annotations

import dataclasses
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import locales
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc
from mkdocs.utils import CountHandler, get_relative_url

import fingerprints
import material_internals
import timeline
from timeline import article
from timeline.markup import MarkdownConfig
from timeline.render import PageContext, Rendered, render, stale_notice

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.timeline")

DATA = "docs/data/timeline.yml"  # relative to the project: one data file for every language
PAGE = "timeline.md"
# The overview's positions, the same in every language: published once, by the
# default language's build, as the data files are.
STYLESHEET = "timeline/overview.css"
ARTICLE = "index.md"  # in each language's docs_dir


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
# While serving, and only then, the last timeline that loaded without problems, by language.
_serving = False
_last_good: dict[str, _Build] = {}

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


def on_startup(*, command: str, dirty: bool) -> None:
    """Note whether this process serves the site, where bad data must not stall the server."""
    global _serving
    _serving = command == "serve"
    _last_good.clear()


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Load and check the timeline data; stop the build with every problem listed (serving, keep the last good)."""
    global _current
    _current = None
    docs, project = Path(config.docs_dir), Path(config.config_file_path).parent
    if (docs / PAGE).exists():
        raise PluginError(
            f"{_relative(docs / PAGE, config)} exists, but the timeline page is generated from {DATA}. "
            f"Delete {_relative(docs / PAGE, config)} and edit the data file instead."
        )
    sections = article.read_sections(docs / ARTICLE)
    language = locales.language(config)
    try:
        loaded = _load(project / DATA, sections)
    except timeline.TimelineError as exc:
        if not (_serving and language in _last_good):
            raise PluginError(str(exc)) from None
        _report_while_serving(f"{exc}\nThe timeline page keeps the last version that had no problems.")
        _current = dataclasses.replace(_last_good[language], rendered=None, problems=str(exc))
        return
    if missing := loaded.missing.get(language):
        log.info(_missing_summary(missing, language))
    if outdated := loaded.outdated.get(language):
        log.info(fingerprints.summary(outdated, "the timeline data"))
    _current = _Build(loaded, sections)
    if _serving:
        _last_good[language] = _current


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Render the timeline page once; add it and the published data files."""
    if _current is None:  # on_pre_build raised, or did not run (a plugin reordered events)
        raise PluginError("The timeline data was not loaded; see the error above.")
    page = File.generated(config, PAGE, content="")
    article_file = files.get_file_from_path(ARTICLE)
    site = locales.site(config)
    here = site.path(site.current, page.url)
    _current.rendered = render(
        _current.timeline,
        MarkdownConfig(config.markdown_extensions, config.mdx_configs),
        PageContext(
            strings=locales.words(config),
            language=site.current.code,
            url=page.url,
            canonical_url=site.absolute(site.current, page.url),
            article_url=get_relative_url(article_file.url if article_file else "", page.url),
            original_url=get_relative_url(site.path(site.default, page.url), here),
            # The data files are published once, by the default language's build.
            data_url=get_relative_url(site.path(site.default, "data/"), here),
            sections=_current.sections,
            permalink_title=config.mdx_configs.get("toc", {}).get("permalink_title", "Permanent link"),
            publishes_data=site.is_default,
        ),
    )
    page.content_string = _current.rendered.markdown
    # The edit link opens the data file, not a page that does not exist.
    page.edit_uri = os.path.relpath(Path(config.config_file_path).parent / DATA, config.docs_dir).replace(os.sep, "/")
    files.append(page)
    for name, content in _current.rendered.exports.items():
        files.append(File.generated(config, name, content=content))
    if site.is_default:
        files.append(File.generated(config, STYLESHEET, content=_current.rendered.stylesheet))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Replace the article's timeline markers with links to each section's events."""
    if page.file.src_uri != ARTICLE or _current is None or _current.rendered is None:
        return None
    links = _current.rendered.article_links
    for section in sorted(set(article.MARKER.findall(markdown)) - set(links)):
        log.warning(f"{_relative(Path(page.file.abs_src_path or ARTICLE), config)}: section '{section}' has a "
                    f"timeline marker, but no event in {DATA} names it in 'article'; add one or remove the marker.")
    return article.MARKER.sub(lambda m: links.get(m.group(1), ""), markdown)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Give the timeline page its rendered HTML, contents, anchors and structured data."""
    if page.file.src_uri != PAGE or _current is None or _current.rendered is None:
        return None
    rendered = _current.rendered
    page.toc = get_toc(rendered.toc)  # type: ignore[arg-type]
    page.present_anchor_ids = (page.present_anchor_ids or set()) | rendered.anchors
    page.meta["schema_org"] = rendered.structured_data
    page.meta["changed_with"] = [DATA]  # the page changes when its data does (cite_page.py)
    page.meta["stylesheets"] = [STYLESHEET]  # main.html links them, from the default language's site
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


def _load(path: Path, sections: dict[str, str]) -> timeline.Timeline:
    """Return the checked timeline; the same file, unchanged, is read once for every language's build."""
    stat = path.stat() if path.is_file() else None
    key = (str(path), stat.st_mtime_ns, stat.st_size, tuple(sections)) if stat else None
    if key is not None and _loaded.get("key") == key:
        return _loaded["timeline"]  # type: ignore[no-any-return]
    loaded = timeline.load_timeline(path, DATA, sections)
    _loaded.clear()
    _loaded.update(key=key, timeline=loaded)
    return loaded


# The last data file read and its timeline: one entry, replaced when the file
# changes, so that the languages built one after another share one reading.
_loaded: dict[str, Any] = {}


def _missing_summary(missing: list[str], language: str) -> str:
    """Word the translations a language's timeline lacks: every one, up to ten, then how many more."""
    name = timeline.LANGUAGES.get(language, language)
    shown = missing[:10] + ([f"... and {len(missing) - 10:,} more."] if len(missing) > 10 else [])
    return "\n".join([f"The timeline data lacks {len(missing):,} {name} translation(s); the page shows the "
                       "English for them:", *("  " + line for line in shown)])


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
