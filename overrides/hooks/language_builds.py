"""How the site's languages other than the default are built: side by side, or under `mkdocs serve` as edits need.

languages.py builds the default language at the site's root, as MkDocs
does, and hands the others to this module:

- `mkdocs build`: each other language is built in a process of its own,
  forked once the default language's build has read the data and cleaned
  the site (`start`), so that the languages share both cores; the default
  language's build waits for them before it finishes (`finish`). A forked
  build logs through the parent, so that its warnings count for a strict
  build and its messages read as the others do.
- `mkdocs serve`: MkDocs rebuilds the whole site on every save. A `Session`
  takes over its server's rebuild: it notes which files changed, rebuilds
  only the languages they touch (`touched`), the language of the page the
  editor has open first, and has the browser reload as soon as that one is
  built; then it builds the rest, and has the browser reload again. Each
  language is built beside the served site and its files moved in one by
  one, so that no page or asset is missing while it builds. Every build under serve runs in
  the server's process, one after another: the timeline keeps, by language,
  the last good data for a bad save (timeline_page.py), which a forked
  process would keep to itself.

What this takes from MkDocs' live-reload server beyond its documented API is
listed in material_internals.py, with the test that checks it.
"""

from __future__ import annotations

import gc
import logging
import logging.handlers
import multiprocessing
import os
import shutil
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import locales
from mkdocs.commands.build import build
from mkdocs.config import load_config

import material_internals

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.languages")

# -----------------------------------------------------------------------------
# Which languages a change touches
# -----------------------------------------------------------------------------


def touched(changed: Iterable[str], project: Path, site: locales.Site) -> list[str]:
    """Return the languages whose pages the changed files can change, in the site's order; every one if unsure.

    A translation's own pages, configuration and words touch that language
    only; the default language's assets only its build, which publishes
    them for every language; anything else (an English page, which every
    translation's notice names; the data; the templates and hooks; the
    shared configuration), or a change this cannot place, touches them all.
    """
    codes = [language.code for language in site.languages]
    found: set[str] = set()
    changed = list(changed)
    if not changed:
        return codes
    for name in changed:
        path = Path(name).resolve()
        try:
            relative = path.relative_to(project.resolve())
        except ValueError:
            return codes
        parts = relative.parts
        own = next((code for code in codes[1:]
                    if parts[:2] == ("docs", code) or relative.name == f"mkdocs.{code}.yml"
                    or parts == ("overrides", "locales", f"{code}.yml")), None)
        if own is not None:
            found.add(own)
        elif parts[:2] == ("docs", "assets"):
            found.add(site.default.code)
        else:
            return codes
    return [code for code in codes if code in found]


# -----------------------------------------------------------------------------
# mkdocs build: the other languages side by side
# -----------------------------------------------------------------------------


@dataclass
class Builds:
    """The other languages' builds of one default-language build, each running in a process of its own."""

    pool: ProcessPoolExecutor
    futures: dict[str, Future[None]]
    records: Any  # the queue their log records come back by
    listener: logging.handlers.QueueListener


def child_url(site: locales.Site, language: locales.Language) -> str | None:
    """Return a language's site_url below the site's, or None where the site has none."""
    return f"{site.root_url}{language.prefix}" if site.root_url else None


def child_config(project: Path, language: locales.Language, site_dir: Path, site_url: str | None) -> MkDocsConfig:
    """Load a language's configuration (mkdocs.<code>.yml), to build into `site_dir`."""
    return load_config(str(project / f"mkdocs.{language.code}.yml"), site_dir=str(site_dir), site_url=site_url)


def start(config: MkDocsConfig, languages: list[locales.Language]) -> Builds | None:
    """Fork a process for each of `languages` and start its build into <site_dir>/<code>/; None if there are none.

    Forked, a process starts with what this one has read: the modules, the
    timeline data, the templates it has compiled.
    """
    if not languages:
        return None
    site = locales.site(config)
    project = Path(config.config_file_path).parent
    context = multiprocessing.get_context("fork")
    records = context.Queue()
    listener = _Relay(records)
    listener.start()
    pool = ProcessPoolExecutor(max_workers=len(languages), mp_context=context, initializer=_log_to, initargs=(records,))
    # What is on the heap now (the timeline's data, 10,000 events and more) is
    # left out of the collector's reach: a collection in a forked process
    # would write to every object it visits, and so copy the pages it shares.
    gc.freeze()
    try:
        futures = {language.code: pool.submit(_build_language, str(project), language.code,
                                              str(Path(config.site_dir) / language.code), child_url(site, language))
                   for language in languages}
    finally:
        gc.unfreeze()
    return Builds(pool, futures, records, listener)


def finish(builds: Builds | None) -> None:
    """Wait for every language's build; raise the first one's error, after every one has ended."""
    if builds is None:
        return
    try:
        errors = []
        for future in builds.futures.values():
            try:
                future.result()
            except BaseException as error:
                errors.append(error)
        if errors:
            raise errors[0]
    finally:
        builds.pool.shutdown(wait=True, cancel_futures=True)
        builds.listener.stop()
        builds.records.close()


def _build_language(project: str, code: str, site_dir: str, site_url: str | None) -> None:
    """Build one language, in its own process, as languages.py's default build would have built it in turn."""
    config = load_config(str(Path(project) / f"mkdocs.{code}.yml"), site_dir=site_dir, site_url=site_url)
    build(config)


def _log_to(records: Any) -> None:
    """In a forked build, send every log record to the parent, which shows and counts it as its own."""
    handler = logging.handlers.QueueHandler(records)
    for logger in (logging.getLogger(), logging.getLogger("mkdocs")):
        for old in list(logger.handlers):
            logger.removeHandler(old)
    logging.getLogger("mkdocs").addHandler(handler)


class _Relay(logging.handlers.QueueListener):
    """Hand the forked builds' records to the loggers they were made for, here, as if logged here."""

    def __init__(self, records: Any) -> None:
        super().__init__(records)

    def handle(self, record: logging.LogRecord) -> None:
        logger = logging.getLogger(record.name)
        if logger.isEnabledFor(record.levelno):
            logger.handle(record)


# -----------------------------------------------------------------------------
# mkdocs serve: only what a save touches, the open page's language first
# -----------------------------------------------------------------------------

LIVERELOAD = "__livereload.js"  # the live-reload script, from a file the page's policy allows


@dataclass
class Session:
    """One `mkdocs serve`: the files changed since the last rebuild, the open page's language, the rebuild."""

    server: LiveReloadServer
    config_file: Path
    serve_url: str
    site: locales.Site
    changed: set[str] = field(default_factory=set)
    open_language: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)
    building_default_only: bool = False

    @property
    def project(self) -> Path:
        """Return the project's folder."""
        return self.config_file.parent

    @property
    def root(self) -> Path:
        """Return the folder the server serves."""
        return Path(self.server.root)

    # Noticing ----------------------------------------------------------------

    def watch(self, paths: Iterable[tuple[Path, bool]]) -> None:
        """Note every file changed under `paths` ((path, recursive)), beside the server's own watching."""
        import watchdog.events

        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = self._note  # type: ignore[method-assign]
        for path, recursive in paths:
            if path.exists():
                self.server.observer.schedule(handler, str(path), recursive=recursive)

    def _note(self, event: Any) -> None:
        if event.is_directory:
            return
        with self.lock:
            self.changed.update(p for p in (event.src_path, getattr(event, "dest_path", "")) if p)

    def serve(self, app: Callable[..., Any]) -> Callable[..., Any]:
        """Wrap the server's app: note the language of each page asked for, and serve the live-reload script."""
        mount = self.server.mount_path
        prefixes = {language.prefix.rstrip("/"): language.code for language in self.site.languages[1:]}

        def serve(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
            path = environ.get("PATH_INFO", "")
            if path == mount + LIVERELOAD:
                query = parse_qs(environ.get("QUERY_STRING", ""))
                script = material_internals.livereload_script(query.get("epoch", ["0"])[0],
                                                              query.get("request", ["0"])[0])
                start_response("200 OK", [("Content-Type", "application/javascript"),
                                          ("Cache-Control", "no-store")])
                return [script.encode()]
            # A page's own request, or its live reload's poll, which names the page.
            page = path if path.endswith(("/", ".html")) and path.startswith(mount) else ""
            if path.startswith("/livereload/"):
                page = urlsplit(environ.get("HTTP_REFERER", "")).path
            if page.startswith(mount):
                first = page[len(mount):].split("/", 1)[0]
                self.open_language = prefixes.get(first, self.site.default.code)
            return app(environ, start_response)

        return serve

    def inject(self, content: bytes, epoch: int) -> bytes:
        """Put the live-reload script into a served page as a file, not inline, which the page's policy forbids."""
        at = content.rfind(b"</body>")
        at = len(content) if at == -1 else at
        src = f"{self.server.mount_path}{LIVERELOAD}?epoch={epoch}&request={material_internals.livereload_now()}"
        return content[:at] + f'<script src="{src}"></script>'.encode() + content[at:]

    # Rebuilding --------------------------------------------------------------

    def rebuild(self) -> None:
        """Build what the changes touch: the open page's language first, shown at once, then the others."""
        with self.lock:
            changed, self.changed = self.changed, set()
        order = touched(changed, self.project, self.site)
        if self.open_language in order:
            order.remove(self.open_language)
            order.insert(0, self.open_language)
        log.info(f"Rebuilding {', '.join(order)}")
        first, rest = order[0], order[1:]
        self._build(first)
        if not rest:
            return
        material_internals.livereload_show(self.server)  # the open page reloads now
        for code in rest:
            self._build(code)
        material_internals.livereload_show(self.server, again=True)  # and every page once the rest are in

    def _build(self, code: str) -> None:
        """Build one language under serve beside its folder, and move its files in once it is whole.

        Built in place, its folder would be cleaned first, and its pages, open
        in the browser or asked for meanwhile, would 404 until the build ended.
        """
        if code == self.site.default.code:
            self._build_default()
            return
        language = next(language for language in self.site.languages if language.code == code)
        site_dir = self.root / f".{code}-next"
        shutil.rmtree(site_dir, ignore_errors=True)
        config = child_config(self.project, language, site_dir, f"{self.serve_url}{language.prefix}")
        try:
            build(config, serve_url=self.serve_url)
        except BaseException:
            shutil.rmtree(site_dir, ignore_errors=True)  # the last good pages stay served as they were
            raise
        _merge(site_dir, self.root / code)
        shutil.rmtree(site_dir, ignore_errors=True)

    def _build_default(self) -> None:
        """Build the default language beside the served site, then swap its files in; keep the other languages.

        Built in place, the default language's build would clean the root,
        and the other languages' pages open in the browser would lose their
        assets (and, asked for meanwhile, 404) until it ended.
        """
        stage = self.root / ".default-next"  # hidden: no build cleans it away, and nothing serves it
        shutil.rmtree(stage, ignore_errors=True)
        self.building_default_only = True
        try:
            config = load_config(str(self.config_file), site_dir=str(stage), site_url=self.serve_url)
            build(config, serve_url=self.serve_url)
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)  # the last good site stays served as it was
            raise
        finally:
            self.building_default_only = False
        _swap_in(stage, self.root, keep={language.code for language in self.site.languages[1:]})


def _swap_in(stage: Path, root: Path, keep: set[str]) -> None:
    """Move the files of `stage` into `root` in place of the old ones; drop what the new build no longer has.

    `keep` (the other languages' folders) and hidden entries of the root are
    left alone.
    """
    _merge(stage, root, skip=lambda name: name in keep or name.startswith("."))
    shutil.rmtree(stage, ignore_errors=True)


def _merge(source: Path, target: Path, skip: Callable[[str], bool] = lambda name: False) -> None:
    """Move every file under `source` to the same place under `target`, each by one atomic replace.

    A folder cannot be replaced whole in one step, and between two renames a
    request for a file in it would 404; file by file, every request sees the
    old file or the new one.
    """
    target.mkdir(parents=True, exist_ok=True)
    names = set()
    for entry in list(source.iterdir()):
        names.add(entry.name)
        dest = target / entry.name
        if entry.is_dir() and not entry.is_symlink():
            if dest.exists() and not dest.is_dir():
                dest.unlink()
            _merge(entry, dest)
        else:
            if dest.is_dir() and not dest.is_symlink():
                shutil.rmtree(dest)
            os.replace(entry, dest)
    for old in list(target.iterdir()):
        if old.name not in names and not skip(old.name):
            shutil.rmtree(old) if old.is_dir() and not old.is_symlink() else old.unlink()


class _NotABuildProblem(logging.Filter):
    """Log the server's "code 404" as info: a page asked for during a rebuild is not a problem of the build.

    Under --strict, MkDocs counts every warning logged while a build runs,
    the server's too, and a reader's 404 would stop the build it came during.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and "code 404" in record.getMessage():
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


# The session of this process's `mkdocs serve`, once it has started; None for `mkdocs build`.
session: Session | None = None


def start_serving(server: LiveReloadServer, config: MkDocsConfig) -> LiveReloadServer:
    """Take over the server's rebuild with a Session; return the server."""
    global session
    project = Path(config.config_file_path)
    session = Session(server, project, str(config.site_url), locales.site(config),
                      open_language=locales.site(config).default.code)
    custom = Path(config.theme.custom_dir) if config.theme.custom_dir else project.parent / "overrides"
    session.watch([(Path(config.docs_dir), True), (custom, True), (project.parent, False)])
    server.builder = session.rebuild
    logging.getLogger("mkdocs.livereload").addFilter(_NotABuildProblem())
    app = server.get_app()
    assert app is not None  # LiveReloadServer sets its app when it is made
    server.set_app(session.serve(app))
    server._inject_js_into_html = session.inject  # type: ignore[method-assign]
    return server


def wanted(config: MkDocsConfig) -> list[locales.Language]:
    """Return the languages besides the default that this default-language build builds (SITE_LANGUAGES)."""
    site = locales.site(config)
    if session is not None and session.building_default_only:
        return []
    codes = set(os.environ.get("SITE_LANGUAGES", "").split()) or {language.code for language in site.languages}
    return [language for language in site.languages[1:] if language.code in codes]
