"""The offline copy: the whole site, in every language, as one zip that works opened from disk.

`make offline` (and the deploy workflow) builds the site with
`extra.offline_copy.enabled` (OFFLINE_COPY=true); once every language is
built, this hook builds the site a second time with Material's offline
plugin turned on (OFFLINE=true) into a folder of its own, and zips that into
the first site, at `extra.offline_copy.path`. The about page of every
language links the zip (its `<!-- offline:download -->` marker); in the
offline copy itself it says what the reader has.

Material's offline plugin does what it can: links to files, not folders
(use_directory_urls: false), and each language's search index inlined
into a script, which a page on disk may load where it may not fetch JSON.
The shim it adds for the search worker, which browsers will not start from
a file: URL, is iframe-worker from unpkg.com, another host, and it writes an
inline script into its frame, which the site's Content-Security-Policy
blocks; overrides/assets/javascripts/iframe-worker.js takes its place.

Events used:
- on_config: in the offline build, put the site's own worker shim in the
  place of Material's.
- on_page_markdown: the about page's marker.
- on_post_build: in the build that makes the zip, build and zip the copy.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import locales
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.offline_copy")

MARKER = "<!-- offline:download -->"
SHIM = "assets/javascripts/iframe-worker.js"  # in the default language's site
FOLDER = "south-korea-and-russia"  # the folder the zip unpacks to

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


@event_priority(-50)  # after Material's offline plugin has added its shim
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """In the offline build, load the site's own worker shim instead of Material's from unpkg.com."""
    if not offline(config):
        return config
    up = "../" * locales.site(config).current.prefix.count("/")
    config.extra["polyfills"] = [f"{up}{SHIM}" if "iframe-worker" in str(script) else script
                                 for script in config.extra.get("polyfills") or []]
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Replace the about page's marker with the link to the zip, or, in the copy itself, with what it is."""
    if MARKER not in markdown:
        return None
    words = locales.words(config)
    if offline(config):
        text = words.t("offline.this_copy", site=config.site_url or "")
    else:
        site = locales.site(config)
        zip_path = str(settings(config)["path"])
        text = words.t("offline.download", url=get_relative_url(zip_path, site.path(site.current, page.url)))
    # As HTML, which MkDocs does not check: the zip is not one of its files.
    return markdown.replace(MARKER, f"<p>{locales.inline_markdown(text)}</p>")


@event_priority(-90)  # after languages.py has built every language, before slim_assets.py
def on_post_build(*, config: MkDocsConfig) -> None:
    """Build the offline copy of every language and zip it into the site, where the about page links it."""
    if offline(config) or not locales.site(config).is_default or not settings(config).get("enabled"):
        return
    with tempfile.TemporaryDirectory(prefix="offline-copy-") as temporary:
        copy = Path(temporary) / FOLDER
        build_copy(Path(config.config_file_path), copy)
        target = Path(config.site_dir) / str(settings(config)["path"])
        zip_folder(copy, target)
    log.info(f"Offline copy: {target.relative_to(config.site_dir)}, {target.stat().st_size / 1e6:.1f} MB")


# -----------------------------------------------------------------------------
# Helpers
# -----------------------------------------------------------------------------


def settings(config: MkDocsConfig) -> dict[str, Any]:
    """Return `extra.offline_copy`: whether this build makes the copy, and where the zip goes."""
    return dict(config.extra.get("offline_copy") or {})


def offline(config: MkDocsConfig) -> bool:
    """Say whether this build is the offline copy (Material's offline plugin is on)."""
    plugin = config.plugins.get("material/offline")
    return bool(plugin is not None and plugin.config.enabled)


def build_copy(config_file: Path, site_dir: Path) -> None:
    """Build the site, every language, with Material's offline plugin on, into `site_dir`."""
    before = {name: os.environ.get(name) for name in ("OFFLINE", "OFFLINE_COPY")}
    os.environ.update(OFFLINE="true", OFFLINE_COPY="false")
    try:
        # The hooks are the same modules as in this build; their on_startup has run.
        build(load_config(str(config_file), site_dir=str(site_dir)))
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def zip_folder(folder: Path, target: Path) -> None:
    """Zip `folder`, itself at the top, into `target`; the same files make the same bytes (SOURCE_DATE_EPOCH)."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or time.time())
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip dates start in 1980
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        # A copy on disk has no server to answer a wrong address with 404.html.
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != "404.html"):
            entry = zipfile.ZipInfo(f"{folder.name}/{path.relative_to(folder).as_posix()}", stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, path.read_bytes())
    shutil.move(partial, target)
