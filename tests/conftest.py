"""Shared fixtures: an in-process build of the real site, a local server and Chromium."""

from __future__ import annotations

import functools
import http.server
import logging
import os
import shutil
import sys
import threading
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from mkdocs.config.defaults import MkDocsConfig

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
HOOKS = ROOT / "overrides" / "hooks"

# MkDocs loads the hook by path with its folder on sys.path; do the same so
# that tests import the hook's helpers as the hook itself does.
sys.path.insert(0, str(HOOKS))
# The bench's synthetic data (bench/synthetic.py) feeds some build tests.
sys.path.insert(1, str(ROOT / "bench"))

# Launch flags for Debian's Chromium on a machine with no network but the
# package registries: without the background-networking flags Chromium keeps
# trying to reach Google's hosts.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def build_project(project: Path, site_dir: Path, prepare: Callable[[MkDocsConfig], None] | None = None) -> None:
    """Build the MkDocs project at `project` into `site_dir`, as `mkdocs build` would.

    `prepare`, if given, sees the loaded configuration first (the benchmark times the hooks with it).
    """
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir))
    if prepare is not None:
        prepare(config)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def copy_project(dest: Path) -> Path:
    """Copy the sources of the real site (not site/ or .venv/) into `dest`."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "overrides"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    return dest


def material_search_entries(content: str, url: str, toc: Any = (), title: str = "") -> list[dict]:
    """Index a page's content with Material's own search parser, as its search plugin does."""
    from material.plugins.search.plugin import SearchIndex

    page = SimpleNamespace(meta={}, content=content, url=url, toc=list(toc), title=title)
    index = SearchIndex()
    index.add_entry_from_context(page)
    return index.entries


def soup(path: Path) -> BeautifulSoup:
    """Parse a built HTML file."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session", name="site_dir")
def fixture_site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the real site once per session and return its directory."""
    site = tmp_path_factory.mktemp("site")
    build_project(ROOT, site)
    return site


@pytest.fixture(name="build_log")
def fixture_build_log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Capture MkDocs' log at WARNING and above."""
    caplog.set_level(logging.WARNING, logger="mkdocs")
    return caplog


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session", name="site_url")
def fixture_site_url(site_dir: Path) -> Iterator[str]:
    """Serve the built site on a free port of 127.0.0.1 from a daemon thread."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Launch Debian's Chromium; a missing browser fails the test, never skips it."""
    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not Path(executable).exists():
        pytest.fail(f"Chromium not found at {executable}; run `make browser` or set CHROMIUM")
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_ARGS}
