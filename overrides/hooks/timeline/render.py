"""The one render path: a checked timeline in, everything its page needs out.

`render` takes the checked timeline, the site's Markdown configuration and
where the page sits, and returns a `Rendered`: the page's Markdown source
(front matter and a marker), its HTML, its table of contents and anchors,
its structured data, its search entries and the published data files. The
MkDocs hook, the golden test and the bench all call it; nothing else repeats
the sequence.

The markup is in the Jinja macros of page.html, rendered with StrictUndefined
so that a name the template does not know fails loudly. The macros get one
object, a `View`, which holds what they show.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import markupsafe

from timeline.data import DEFAULT_LANGUAGE, Event, Text, Timeline, collector_paused, no_clock
from timeline.dates import When, date_words, decade_words, machine_date
from timeline.exports import exports, structured_data
from timeline.markup import MarkdownConfig, convert_all
from timeline.overview import Overview, overview, position
from timeline.search import section_entries

if TYPE_CHECKING:
    from collections.abc import Mapping

    from timeline.data import Clock

TEMPLATE = "page.html"

# -----------------------------------------------------------------------------
# What goes in, what comes out
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PageContext:
    """Where the timeline page sits in the site, what it links to, and in which language it speaks."""

    strings: Mapping[str, str]  # the site's words in the page's language (overrides/locales/), by dotted key
    language: str = DEFAULT_LANGUAGE
    url: str = "timeline/"  # the page's address within its language's site, as search entries give it
    canonical_url: str = ""  # its absolute address, for the structured data's ids
    article_url: str = "../"  # the article page, relative to the timeline page
    original_url: str = "./"  # the default language's timeline page, which an outdated translation links
    data_url: str = "../data/"  # the published data files, likewise
    sections: Mapping[str, str] = field(default_factory=dict)  # the article's sections: id to title
    permalink_title: str = "Permanent link"
    # Whether this page's build publishes the data files. They hold every
    # language, so one build (the default language's) writes them, and the
    # others skip half a second per 10,000 events.
    publishes_data: bool = True


@dataclass(frozen=True)
class Rendered:
    """Everything the timeline's page needs, from one render."""

    markdown: str  # the page's source for MkDocs: front matter, then a marker
    content: str  # the page's HTML, which replaces what MkDocs made of the marker
    toc: list[dict[str, Any]]  # the table of contents, in Python-Markdown's toc_tokens form
    anchors: set[str]  # every id the page gives an element, for MkDocs' link validation
    structured_data: dict[str, Any]  # schema.org, for main.html's ld+json
    search_entries: list[dict[str, str]]  # Material's search index entries for the page
    exports: dict[str, str]  # the published data files: path in the site to content; none if not publishes_data
    article_links: dict[str, str]  # for each article section, the Markdown that lists its events
    stylesheet: str  # the overview's positions, as CSS (overview.py says why)


@dataclass(frozen=True)
class Group:
    """A decade of events: its anchor, its heading and its events."""

    id: str
    title: str
    events: list[Event]


@dataclass(frozen=True)
class View:
    """What the page's macros show; the one object they are given."""

    timeline: Timeline
    groups: list[Group]
    overview: Overview
    page: PageContext
    html: Mapping[str, str]  # each description and note, as HTML

    def t(self, key: str, **values: Any) -> str:
        """Return the page's words for `key` (overrides/locales/), with its placeholders filled in."""
        words = self.page.strings[key]
        return words.format(**values) if values else words

    def words(self, key: str, **values: Any) -> str:
        """Return the page's words for `key` as HTML: their Markdown converted, as descriptions are."""
        return self.html[self.t(key, **values)]

    def date_words(self, when: When) -> str:
        """Return a date in words at its precision, in the page's language."""
        return date_words(when, self.page.language)

    def times(self, event: Event) -> list[tuple[str, str]]:
        """Return (datetime, words) pairs for the event's date: one, or two for an interval."""
        return time_parts(event, self.page.language)

    def position(self, name: str, value: float) -> str:
        """Return the class that gives an element of the overview its custom property `--name` (overview.py)."""
        return position(name, value)

    def section_title(self, section: str) -> str:
        """Return the title of an article section, or its id if the article has none by that id."""
        return self.page.sections.get(section, section)

    def lang(self, text: Text) -> str:
        """Return a lang attribute for an element holding `text`, where it falls back to English; else nothing."""
        return "" if text.has(self.page.language) else f' lang="{DEFAULT_LANGUAGE}"'

    def plain(self, text: Text) -> str:
        """Return a text in the page's language (English where it has no translation), escaped for HTML."""
        return str(markupsafe.escape(text.get(self.page.language)))

    def markdown(self, text: Text) -> str:
        """Return a description's or note's HTML in the page's language, marked as English where it falls back."""
        converted = self.html[text.get(self.page.language)]
        return converted if text.has(self.page.language) else f'<div lang="{DEFAULT_LANGUAGE}">\n{converted}\n</div>'

    @property
    def filter_sections(self) -> list[tuple[str, str]]:
        """Return the article's sections that have events, in the article's order, as (id, title)."""
        with_events = {event.article for event in self.timeline.events if event.article}
        return [(id_, title) for id_, title in self.page.sections.items() if id_ in with_events]

    @property
    def years(self) -> tuple[int, int]:
        """Return the first and last year any event touches, the bounds of the year filters."""
        events = self.timeline.events
        return min(e.when.start.year for e in events), max(e.when.end.year for e in events)

    @property
    def english(self) -> str:
        """Return a lang attribute for words that stay in English (sources as published), on a page in another."""
        return "" if self.page.language == DEFAULT_LANGUAGE else f' lang="{DEFAULT_LANGUAGE}"'


# -----------------------------------------------------------------------------
# Rendering
# -----------------------------------------------------------------------------


def _macros() -> Any:
    """Return page.html's macros, compiled once for each version of the file (serve picks up edits)."""
    path = Path(__file__).with_name(TEMPLATE)
    return _compiled(path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=1)
def _compiled(version: int) -> Any:
    """Compile page.html's macros; `version` (the file's mtime) keys the cache."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(Path(__file__).parent)),
                             undefined=jinja2.StrictUndefined, autoescape=False)
    return env.get_template(TEMPLATE).module


def render(timeline: Timeline, markdown: MarkdownConfig, page: PageContext, clock: Clock = no_clock) -> Rendered:
    """Return everything the timeline page needs: its source, HTML, contents, anchors, data and search entries."""
    language = page.language
    with collector_paused():
        texts = [text.get(language) for event in timeline.events for text in (event.description, event.note) if text]
        # The page's own words that hold links are Markdown too, converted with the rest.
        links = {"article": page.article_url, "json": f"{page.data_url}timeline.json",
                 "csv": f"{page.data_url}timeline.csv", "schema": f"{page.data_url}timeline.schema.json"}
        texts += [page.strings["timeline.intro"].format(**links), page.strings["timeline.data"].format(**links)]
        with clock("Markdown descriptions"):
            converted = convert_all(texts, markdown)
        with clock("page HTML from the macros"):
            groups = decades(timeline, language)
            view = View(timeline, groups, overview(timeline), page, converted)
            macros = _macros()
            content = str(macros.content(view))
        with clock("JSON and CSV exports"):
            published = exports(timeline) if page.publishes_data else {}
        with clock("schema.org data"):
            described = structured_data(timeline, page.canonical_url or page.url, language)
        with clock("search entries"):
            entries = section_entries(content, page.url)
        title = page.strings["timeline.title"]
        return Rendered(
            markdown=str(macros.page_markdown(view)),
            content=content,
            toc=toc_tokens(groups, title, "timeline", language),
            anchors=anchor_ids(groups),
            structured_data=described,
            search_entries=entries,
            exports=published,
            article_links={section: str(macros.article_links(events, page, plain))
                           for section, events in events_by_section(timeline).items()},
            stylesheet=str(macros.overview_stylesheet(view.overview)),
        )


def stale_notice(problems: str) -> str:
    """Return the notice `mkdocs serve` puts above a timeline page kept from the last good data file."""
    return str(_macros().stale_notice(problems))


# -----------------------------------------------------------------------------
# Helpers
# -----------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~^=:])")


def plain(text: str) -> str:
    """Escape plain text for Markdown and HTML, so that it shows exactly as typed."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def decades(timeline: Timeline, language: str = DEFAULT_LANGUAGE) -> list[Group]:
    """Group the events by the decade they start in, in order; the anchor is the same in every language."""
    groups: dict[int, list[Event]] = {}
    for event in timeline.events:
        groups.setdefault(event.when.start.year // 10 * 10, []).append(event)
    return [Group(f"{decade}s", decade_words(decade, language), events) for decade, events in groups.items()]


def time_parts(event: Event, language: str = DEFAULT_LANGUAGE) -> list[tuple[str, str]]:
    """Return (datetime, words) pairs for the event's date: one, or two for an interval."""
    when = event.when
    words = date_words(when, language)
    if not when.interval:
        return [(machine_date(when.start, when.precision), words)]
    # An interval shows as one phrase; its ends carry the machine dates.
    return [(machine_date(when.start, when.precision), words),
            (machine_date(when.end, when.end_precision), "")]


def events_by_section(timeline: Timeline) -> dict[str, list[Event]]:
    """Return the article's events keyed by the article section they come from."""
    sections: dict[str, list[Event]] = {}
    for event in timeline.events:
        if event.article:
            sections.setdefault(event.article, []).append(event)
    return sections


# Past this many events a table of contents stops being a guide; the page's
# contents then list the decades only. (Rendering thousands of entries in
# both of Material's contents lists would also add megabytes to the page.)
TOC_EVENT_LIMIT = 100


def toc_tokens(groups: list[Group], title: str, title_id: str,
               language: str = DEFAULT_LANGUAGE) -> list[dict[str, Any]]:
    """Return the page's table of contents, in Python-Markdown's toc_tokens form."""
    with_events = sum(len(group.events) for group in groups) <= TOC_EVENT_LIMIT
    children = [
        {"level": 2, "id": group.id, "name": group.title, "children": [
            {"level": 3, "id": e.id, "name": html.escape(e.title.get(language)), "children": []}
            for e in group.events] if with_events else []}
        for group in groups
    ]
    return [{"level": 1, "id": title_id, "name": html.escape(title), "children": children}]


def anchor_ids(groups: list[Group]) -> set[str]:
    """Return every id the page's body gives an element."""
    ids = {group.id for group in groups} | {e.id for group in groups for e in group.events}
    return ids | {"timeline"}
