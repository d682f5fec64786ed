"""What this site takes from Material for MkDocs beyond its documented settings, in one place.

Material offers no API for any of these. Each entry says what is used and
why, and tests/test_material_internals.py fails with a message saying what to
do when the installed Material no longer matches: its search partial and
base template are compared with the copies they were taken from (kept in
tests/fixtures/material/), and the rest is checked on a real build.

- The search plugin's index (`search_index`): the timeline hook adds the
  timeline page's entries to it, made ten times faster than Material's HTML
  parser would (timeline/search.py). A build test switches this off
  (`extra.timeline.index_search: false`) and finds the page searchable
  through Material's parser all the same.
- The search partial (partials/search.html), copied into
  overrides/partials/search.html to give the search dialog an accessible
  name, which axe-core requires of role="dialog".
- The `site_meta` block of base.html, replaced in overrides/main.html:
  Material writes the page description into its attribute unescaped.
- The checkbox toggles of base.html, which carry autocomplete="off" outside
  any block (valid_html.py removes it; the Nu Html Checker rejects it).
- The palette stylesheet's file name (slim_assets.py publishes it with only
  the configured colours).
- The lunr language bundles, and which of them Material's search worker
  loads for which languages (search_languages.py publishes only those), and
  the worker's messages: search_languages.py puts a listener before
  Material's own that stems Russian queries, and adds ё folding to lunr's
  Russian stemmer.
- The search plugin's settings object, given each language's separator
  before the plugin reads it (search_languages.py, on_config).
- Material's language-selector code (setupAlternate) fetches a sitemap.xml
  beside every <link rel=alternate> (mkdocs-material#6582); main.html's
  hreflang links name pages, as search engines need, so
  overrides/assets/javascripts/base.js answers those look-ups at once with
  an error instead of a request for a file that does not exist.
- Material's inline scripts, which a Content-Security-Policy without
  'unsafe-inline' blocks: its partials javascripts/base.html (the storage
  helpers __md_scope, __md_get, __md_set, __md_hash), javascripts/palette.html
  (the colour scheme restored before the first paint) and
  javascripts/content.html (content tabs opened from the address) are
  replaced by partials that load the same code from
  overrides/assets/javascripts/ (base.js, palette.js, content.js); copies of
  the originals are kept in tests/fixtures/material/partials/javascripts/.
- MkDocs' live-reload server (mkdocs.livereload.LiveReloadServer), under
  `mkdocs serve`: language_builds.py replaces its `builder` (only the
  languages a save touches are rebuilt), notes changes with its `observer`,
  wraps its WSGI app (`get_app`, `set_app`), serves its live-reload script
  from a file instead of inline (`_inject_js_into_html`, `_SCRIPT_TEMPLATE`,
  `_timestamp`), and has browsers reload once the open page's language is
  built (`_epoch_cond`, `_visible_epoch`, `_wanted_epoch`).
- The asset paths of Material's templates: they name its stylesheets,
  scripts and search worker through the `url` filter, which languages.py
  leads to the default language's copy in every other language's build.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

# Material's partials whose inline scripts run from files instead (content_security.py).
INLINE_SCRIPT_PARTIALS = ("partials/javascripts/base.html", "partials/javascripts/palette.html",
                          "partials/javascripts/content.html")

# The partial and the block this site replaces, with the files they were copied from.
SEARCH_PARTIAL = "partials/search.html"
BASE_TEMPLATE = "base.html"
SITE_META_BLOCK = "site_meta"

# Material's two hidden checkbox toggles (drawer and search) in base.html.
CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')

# Material's palette stylesheet, whose name carries a hash of its content.
PALETTE = re.compile(r"assets/stylesheets/palette\.[0-9a-f]+\.min\.css")
# Its main stylesheet, likewise, and the folder of its scripts, whose text
# names every class they give an element.
MAIN_STYLESHEET = re.compile(r"assets/stylesheets/main\.[0-9a-f]+\.min\.css")
JAVASCRIPTS = "assets/javascripts/"

# Where Material keeps lunr's language support, and its search worker, which
# search_languages.py extends for Russian (its message types are SETUP 0,
# READY 1, QUERY 2, RESULT 3).
LUNR = "assets/javascripts/lunr/"
SEARCH_WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")


def search_index(config: MkDocsConfig) -> Any:
    """Return the index Material's search plugin writes in this build, or None without that plugin."""
    search = config.plugins.get("material/search")
    if search is None or not search.config.get("enabled", True):
        return None
    return getattr(search, "search_index", None)


def lunr_bundles(languages: list[str]) -> set[str]:
    """Return the files under LUNR that Material's search worker loads for these languages.

    This mirrors `setupSearchLanguages` in Material's worker
    (src/templates/assets/javascripts/integrations/search/worker/main).
    """
    others = [lang for lang in languages if lang != "en"]
    needed = {f"min/lunr.{lang}.min.js" for lang in others}
    if len(languages) > 1:
        needed.add("min/lunr.multi.min.js")
    if "ja" in languages:
        needed.add("tinyseg.js")
    if {"hi", "th"} & set(languages):
        needed.add("wordcut.js")
    if needed:
        needed.add("min/lunr.stemmer.support.min.js")
    return needed


# -----------------------------------------------------------------------------
# MkDocs' live-reload server
# -----------------------------------------------------------------------------

# What language_builds.py uses of a LiveReloadServer (tests/test_material_internals.py checks each).
LIVERELOAD_ATTRIBUTES = ("builder", "observer", "root", "mount_path", "get_app", "set_app", "_inject_js_into_html",
                         "_epoch_cond", "_visible_epoch", "_wanted_epoch")


def livereload_script(epoch: str | int, request: str | int) -> str:
    """Return MkDocs' live-reload script for a page served at `epoch`, as MkDocs would put it in the page."""
    from mkdocs.livereload import _SCRIPT_TEMPLATE

    return _SCRIPT_TEMPLATE.substitute(epoch=int(epoch), request_id=int(request))


def livereload_now() -> int:
    """Return the server's clock, in which its epochs are counted."""
    from mkdocs.livereload import _timestamp

    return int(_timestamp())


def livereload_show(server: Any, *, again: bool = False) -> None:
    """Have every open page reload, with what is built now: the build's epoch, or (`again`) a newer one."""
    with server._epoch_cond:
        if again:
            server._wanted_epoch = livereload_now()
        server._visible_epoch = server._wanted_epoch
        server._epoch_cond.notify_all()
