"""The site in each of its languages: one build per language, put together into one site/.

The default language (English, first in `extra.alternate`) is built at the
site's root by `mkdocs build` or `mkdocs serve` as usual. Once it is done,
on_post_build builds each other language, in this process, from
mkdocs.<code>.yml (which INHERITs mkdocs.yml) into <site_dir>/<code>/. Each
language so has its own pages, its own search index with its own lunr
support, and Material's words in its language; the anchors are the same in
every language. `SITE_LANGUAGES=en` (a space-separated list) builds fewer,
for a quicker loop; the first is always built.

Every language uses one set of assets: the default language's build
publishes Material's stylesheets and scripts (and the theme's own), and in
each other language's build the templates' `assets/...` addresses lead
there; a reader who switches language downloads only the new page and its
search index.

Events used:
- on_config: check every language's words; in a language's build, its
  Markdown's and theme's words and its edit links.
- on_pre_build: check every translated page's record of its English before
  anything is written (in the default language's build); list this
  language's outdated pages (translations.py), as info: an outdated
  translation says so on its page, and a strict build goes on.
- on_files: keep the hooks' own sources (overrides/hooks/) out of the site,
  and, in a language's own build, the theme's assets, which the default
  language's build publishes.
- on_env: give the templates this language's words (`t`), a Markdown filter
  for the words that hold links, and the site's languages; in a language's
  own build, point the templates' asset addresses at the default language's.
- on_page_context: give each page its alternates (the same page in every
  language), its translation notice (saying, where it is so, that the
  English has changed since) and its structured data.
- on_files: in the default language's build (`mkdocs build`), start every
  other language's build, each in a process of its own
  (language_builds.py), once the site's folder has been cleaned.
- on_post_build: in the default language's build, wait for the others (or,
  under `mkdocs serve`, build them in turn), then write the printed
  margins' words of every language.
- on_serve: rebuild, on a save, only the languages it touches, the open
  page's first (language_builds.py).
"""

from __future__ import annotations

import contextlib
import logging
import posixpath
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import locales
from mkdocs.commands.build import build
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

import fingerprints
import language_builds
import translations
from timeline.dates import date_words, parse_date
from timeline.render import plain

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.languages")

# This process serves the site (mkdocs serve), where every language is built in it, in turn.
_serving = False
# The other languages' builds this default-language build has started; on_post_build waits for them.
_builds: language_builds.Builds | None = None

# Pages the site generates, and the words that name them, for a translation's notice.
GENERATED_TITLES = {"timeline.md": "timeline.title", "print.md": "print_view.title"}
_FRONT_MATTER_TITLE = re.compile(r"\A---\n.*?^title:\s*(.+?)\s*$.*?^---\n", re.S | re.M)
_FRONT_MATTER = re.compile(r"\A---\n.*?^---\n", re.S | re.M)
_HEADING = re.compile(r"^# (.+?)(?:\s*\{[^}]*\})?\s*$", re.M)

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


def on_startup(*, command: str, dirty: bool) -> None:
    """Note whether this process serves the site."""
    global _serving
    _serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """In a language's own build: its words for permalinks, footnotes and the colour toggle; its edit links.

    In the default language's build, read every language's words first: a
    catalogue short of a key stops the build before it writes anything.
    """
    site = locales.site(config)
    if site.is_default:
        for language in site.languages:
            locales.words(config, language.code)
        return config
    words = locales.words(config)
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = words.t("site.permalink_title")
    config.mdx_configs.setdefault("footnotes", {})["BACKLINK_TITLE"] = words.t("site.footnote_backlink")
    for palette in config.theme.get("palette") or []:
        if "toggle" in palette:
            dark = palette.get("scheme") == "default"  # the light scheme's toggle switches to dark
            palette["toggle"]["name"] = words.t("site.dark_mode" if dark else "site.light_mode")
    if config.edit_uri:
        config.edit_uri = f"{config.edit_uri.rstrip('/')}/{site.current.code}/"
    return config


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Stop on a malformed record of the English in any language, before anything is written; list outdated pages.

    The default language's build checks every language's pages; each other
    language's lists its own, as info, so that a strict build goes on.
    """
    site = locales.site(config)
    project = Path(config.config_file_path).parent
    codes = [language.code for language in site.languages[1:]] if site.is_default else [site.current.code]
    try:
        outdated = translations.outdated_pages(project / site.default.docs_dir, codes, project)
    except translations.TranslationError as exc:
        raise PluginError(str(exc)) from None
    if outdated and not site.is_default:
        log.info(fingerprints.summary(outdated, "the pages"))


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Leave out the theme's hooks/ folder; in a language's own build, the robots.txt template and the assets.

    The hooks' own sources are read, never published; a language's build
    does not render robots.txt (only a site's root holds one), and MkDocs
    would copy the template as it is. Its pages use the assets the default
    language's build publishes (shared_assets).
    """
    global _builds
    default = locales.site(config).is_default
    unrendered = set() if default else {"robots.txt"}
    for file in [f for f in files if f.src_uri.startswith("hooks/") or f.src_uri in unrendered
                 or (not default and theme_asset(f.src_uri, f.src_dir, config))]:
        files.remove(file)
    if default and not _serving:
        # The site's folder is clean now, and the timeline's data read: the
        # other languages start beside this one, on the other core.
        _builds = language_builds.start(config, language_builds.wanted(config))
    return files


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Give the templates this language's words, its Markdown filter, the site's languages, each page's alternates."""
    site = locales.site(config)
    project = Path(config.config_file_path).parent

    def alternates_of(page: Page) -> list[dict[str, Any]]:
        return alternates(site, page.url, page.file.src_uri, project, page.file.generated_by is not None)

    env.globals["alternates_of"] = alternates_of
    env.filters["root_url"] = root_url(site)
    if not site.is_default:
        env.filters["url"] = shared_assets(env.filters["url"], env.filters["root_url"])
    return locales.prepare(env, config)


def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """Give the page its alternates, its translation notice and its structured data."""
    site = locales.site(config)
    project = Path(config.config_file_path).parent
    context["alternates"] = alternates(site, page.url, page.file.src_uri, project, page.file.generated_by is not None)
    context["translation"] = translation(site, page, config, project)
    context["structured_data"] = structured_data(site, page, config, context["alternates"])
    return context


def on_post_build(*, config: MkDocsConfig) -> None:
    """In the default language's build, finish every other language's, then write every language's margins."""
    global _builds
    site = locales.site(config)
    if not site.is_default:
        return
    project = Path(config.config_file_path).parent
    builds, _builds = _builds, None
    if builds is not None:
        language_builds.finish(builds)
    else:
        for language in language_builds.wanted(config):
            # The hooks are the same modules in every language's build; their
            # on_startup has run once, for the default language's.
            build(language_builds.child_config(project, language, Path(config.site_dir) / language.code,
                                               language_builds.child_url(site, language)))
    # One stylesheet for every language's printed margins, with each one's site name.
    names = {language.code: language_builds.child_config(project, language, Path(config.site_dir),
                                                         None).site_name for language in site.languages[1:]}
    folder = Path(config.theme.custom_dir) / "locales" if config.theme.custom_dir else locales.LOCALES
    (Path(config.site_dir) / PRINT_WORDS).write_text(
        locales.print_words({site.default.code: config.site_name, **names}, folder), encoding="utf-8")


def on_build_error(*, error: Exception) -> None:
    """Let the other languages' builds end, when the default language's fails."""
    global _builds
    builds, _builds = _builds, None
    with contextlib.suppress(Exception):
        language_builds.finish(builds)


def on_serve(server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
    """Rebuild only what a save touches, the open page's language first (language_builds.Session)."""
    return language_builds.start_serving(server, config)


# -----------------------------------------------------------------------------
# Helpers
# -----------------------------------------------------------------------------

ASSETS = "assets/"  # where the theme's stylesheets and scripts sit in a site
PRINT_WORDS = "assets/print-words.css"  # main.html links it from every page, print.css reads it


def theme_asset(src_uri: str, src_dir: str | None, config: MkDocsConfig) -> bool:
    """Say whether a file of the build is one of the theme's assets (Material's or overrides/'), not a page's."""
    return (src_uri.startswith(ASSETS) and src_dir is not None
            and Path(src_dir).resolve() != Path(config.docs_dir).resolve())


def root_url(site: locales.Site) -> Any:
    """Return a template filter: the address of a file of the default language's site, relative to the page.

    The files every language shares (the assets, the published data, the
    timeline overview's stylesheet) sit in the default language's site, the
    root; a page of a translation reaches them one folder up. A template
    without a page (404.html, which is served at any address) gets an
    address from the site's root.
    """

    @jinja2.pass_context
    def root(context: Any, path: Any) -> str:
        page = context.get("page")
        if page is not None:
            return get_relative_url(str(path), site.path(site.current, page.url))
        base = str(context.get("base_url") or ".")
        return posixpath.normpath(posixpath.join(base, "../" * site.current.prefix.count("/"), str(path)))

    return root


def shared_assets(url: Any, root: Any) -> Any:
    """Return the templates' `url` filter, leading `assets/...` to the default language's site (`root_url`).

    Material's templates name its stylesheets, scripts and search worker
    through `url` ("assets/javascripts/bundle.….min.js"); in the default
    language's site these are the same files.
    """

    @jinja2.pass_context
    def shared(context: Any, value: Any) -> str:
        path = str(value)
        return str(root(context, path) if path.startswith(ASSETS) else url(context, path))

    return shared


def exists(site: locales.Site, language: locales.Language, src_uri: str, project: Path, generated: bool) -> bool:
    """Say whether the page of `src_uri` exists in `language`: generated pages exist in every one."""
    return generated or (project / language.docs_dir / src_uri).is_file()


def alternates(site: locales.Site, url: str, src_uri: str, project: Path, generated: bool) -> list[dict[str, Any]]:
    """Return the page in each language that has it: code, name, link from this page, absolute address."""
    here = site.path(site.current, url)
    return [
        {"code": language.code, "name": language.name, "current": language == site.current,
         "href": get_relative_url(site.path(language, url), here),  # "./", or "about.html" in the offline copy
         "url": site.absolute(language, url)}
        for language in site.languages if exists(site, language, src_uri, project, generated)
    ]


def english_title(site: locales.Site, src_uri: str, project: Path, config: MkDocsConfig) -> str:
    """Return the title of the default language's page: its front matter's, or the words for a generated page."""
    if src_uri in GENERATED_TITLES:
        return locales.words(config, site.default.code).t(GENERATED_TITLES[src_uri])
    path = project / site.default.docs_dir / src_uri
    found = _FRONT_MATTER_TITLE.match(path.read_text(encoding="utf-8")) if path.is_file() else None
    return found.group(1).strip("\"'") if found else src_uri


def english_heading(site: locales.Site, src_uri: str, project: Path, config: MkDocsConfig) -> str:
    """Return the heading of the default language's page: its first h1, or the words for a generated page."""
    if src_uri in GENERATED_TITLES:
        return english_title(site, src_uri, project, config)
    path = project / site.default.docs_dir / src_uri
    text = _FRONT_MATTER.sub("", path.read_text(encoding="utf-8"), count=1) if path.is_file() else ""
    found = _HEADING.search(text)
    return found.group(1).strip() if found else english_title(site, src_uri, project, config)


def translation(site: locales.Site, page: Page, config: MkDocsConfig, project: Path) -> dict[str, Any] | None:
    """Return what a translated page says of its original: title and heading, link, date, and whether outdated."""
    if site.is_default:
        return None
    meta = page.meta.get("translation") or config.extra.get("translation") or {}
    date = str(meta.get("date", ""))
    return {
        "title": plain(english_title(site, page.file.src_uri, project, config)),
        "heading": english_heading(site, page.file.src_uri, project, config),
        "original": get_relative_url(site.path(site.default, page.url), site.path(site.current, page.url)),
        "date": date_words(parse_date(date), site.current.code) if date else "",
        "outdated": is_outdated(site, page, project),
    }


def is_outdated(site: locales.Site, page: Page, project: Path) -> bool:
    """Say whether the page's English has changed since it was translated (not merely unrecorded: that is unknown).

    Generated pages have no record of their own: the timeline's events keep theirs.
    """
    english = project / site.default.docs_dir / page.file.src_uri
    if not page.file.abs_src_path or not english.is_file():
        return False
    found = translations.page_outdated(Path(page.file.abs_src_path), english, site.current.code, project)
    return found is not None and not found.unrecorded


def structured_data(site: locales.Site, page: Page, config: MkDocsConfig,
                    alternates: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the page's schema.org data: its own (front matter, timeline) or a WebPage, with its language.

    A translation names the page it translates (translationOfWork); the
    default language's page names its translations (workTranslation).
    """
    url = page.canonical_url or ""
    original = next((a["url"] for a in alternates if a["code"] == site.default.code and a["url"]), "")
    translations = [{"@type": "WebPage", "@id": a["url"], "inLanguage": a["code"]}
                    for a in alternates if not a["current"] and a["code"] != site.default.code and a["url"]]
    about_page: dict[str, Any] = {"inLanguage": site.current.code}
    if not site.is_default and original:
        about_page["translationOfWork"] = {"@type": "WebPage", "@id": original, "inLanguage": site.default.code}
    elif translations:
        about_page["workTranslation"] = translations
    given = dict(page.meta.get("schema_org") or {})
    if "@graph" in given:
        webpage = {"@type": "WebPage", "@id": url, "url": url, "name": page.title, **about_page}
        return {**given, "@graph": [webpage, *given["@graph"]]}
    if given:
        return {**given, "url": url, **about_page}
    return {"@context": "https://schema.org", "@type": "WebPage", "name": page.title, "url": url,
            "isPartOf": {"@type": "WebSite", "name": config.site_name, "url": site.absolute(site.current, "")},
            **about_page}
