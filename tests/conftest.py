"""Shared fixtures: an in-process build of the real site, a local server, Chromium, and the browser mark."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from support import CHROMIUM, CHROMIUM_ARGS, ROOT, build_project, serve

if TYPE_CHECKING:
    from collections.abc import Iterator

# The fixtures that start or drive Chromium (pytest-playwright's and ours).
BROWSER_FIXTURES = frozenset({"browser", "page", "context", "browser_type", "browser_context_args"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the browser tests, and say which tests keep to one worker process (make test's pytest-xdist).

    `-m "not browser"` runs all but those that use a browser fixture. Under
    `--dist loadgroup`, a test file's tests run in one worker, so that its
    module's fixtures (a build, a server) are made once; but each case of a
    test marked `spread`, slow and sharing nothing but the session's
    fixtures, goes to whichever worker is free, so that no one file sets the
    length of the whole run.
    """
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)
        group = item.nodeid if item.get_closest_marker("spread") else item.nodeid.split("::", 1)[0]
        item.add_marker(pytest.mark.xdist_group(group))


@pytest.fixture(scope="session", name="site_dir")
def fixture_site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the real site once per session, as the deploy workflow publishes it (with the offline copy)."""
    site = tmp_path_factory.mktemp("site")
    build_project(ROOT, site, env={"OFFLINE_COPY": "true"})
    return site


@pytest.fixture(name="build_log")
def fixture_build_log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Capture MkDocs' log at WARNING and above."""
    caplog.set_level(logging.WARNING, logger="mkdocs")
    return caplog


@pytest.fixture(scope="session", name="site_url")
def fixture_site_url(site_dir: Path) -> Iterator[str]:
    """Serve the built site on a free port of 127.0.0.1 from a daemon thread."""
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch Debian's Chromium; a missing browser fails the test, never skips it."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; run `make browser` or set CHROMIUM")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}
