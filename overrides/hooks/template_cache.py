"""Compile each of the theme's templates once per process, not once per build.

MkDocs gives every build a new Jinja environment, which compiles again every
template it renders: Material's templates and this site's, about a third of
a build. One `mkdocs build` builds each of the site's languages in turn, and
`mkdocs serve` builds again on every save, each time with the same
templates. A bytecode cache in memory, for the process, gives every build
the code the first one compiled. Jinja keys it by the template's name and
checks it against a checksum of the template's source, so a template edited
under `mkdocs serve` is compiled afresh.

Events used:
- on_env: give the build's environment the cache (print_site.py gives the
  environment it makes for its own macros the same).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import jinja2
from mkdocs.plugins import event_priority

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates in a dict, by Jinja's key; a template whose source changed is compiled again."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}
        self._lock = threading.Lock()  # `mkdocs serve` renders its 404 page on a request's thread

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Give the bucket the code compiled last for its key; Jinja drops it if the source has changed."""
        with self._lock:
            code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Keep the code Jinja has just compiled."""
        with self._lock:
            self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        """Forget every compiled template."""
        with self._lock:
            self._code.clear()


# The process's one cache: its entries are keyed by each template's source, so
# nothing a build does can make a later build render a stale template.
CACHE = MemoryBytecodeCache()


def attach(env: Environment) -> Environment:
    """Give a theme environment the process's cache of compiled templates."""
    env.bytecode_cache = CACHE
    return env


@event_priority(100)  # before any other hook's on_env could render a template
def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Give the build's environment the cache, before it renders a template."""
    return attach(env)
