"""What the measurements share: where results go, the machine, timed builds and the bare reference project."""

from __future__ import annotations

import functools
import importlib.metadata
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

import timeline
from support import CHROMIUM, ROOT, build_project, serve
from timeline import article
from timeline.markup import MarkdownConfig
from timeline.render import PageContext, render

if TYPE_CHECKING:
    from collections.abc import Callable

OUT = ROOT / "bench" / "out"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1700000000")}
PAGES = ["", "timeline/", "quotes/", "about/"]  # in each language, below its root


def median(values: list[float]) -> float:
    """Return the median of `values`."""
    return statistics.median(values)


def machine() -> dict[str, str]:
    """Describe the machine the figures come from."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), "0")
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    return {
        "CPU": f"{cpu} ({os.cpu_count()} cores)",
        "Memory": f"{int(memory) / 1024 / 1024:.0f} GiB",
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "MkDocs": importlib.metadata.version("mkdocs"),
        "Material": importlib.metadata.version("mkdocs-material"),
        "Chromium": chromium,
    }


def site_markdown() -> MarkdownConfig:
    """Return the site's Markdown configuration, as MkDocs reads it from mkdocs.yml."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    return MarkdownConfig(config.markdown_extensions, config.mdx_configs)


# The site's languages, as the bench builds and weighs them: code, where its pages sit.
LANGUAGES = {"en": "", "ko": "ko/", "ru": "ru/"}


def _config(path: Path) -> dict[str, Any]:
    """Return a configuration file's settings as plain YAML (tags such as !ENV read as text)."""
    data: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return data


def bare_project(language: str = "en", data: Path = ROOT / "docs" / "data" / "timeline.yml",
                 name: str = "") -> Path:
    """Write the reference project of one language: the same Markdown under a bare Material configuration.

    The same pages and Markdown extensions, the timeline page as this site
    renders it in that language (through the one render path) as one static
    Markdown page, Material's stock language selector (extra.alternate) and
    search in that language, and none of this site's hooks, templates, CSS
    or JavaScript: a three-language Material site built the way Material's
    documentation advises, one build per language. `data` is the timeline's
    data file, `name` the project's folder under bench/out/.
    """
    import locales

    prefix = LANGUAGES[language]
    bare = OUT / (name or f"bare-{language}")
    shutil.rmtree(bare, ignore_errors=True)
    (bare / "docs").mkdir(parents=True)
    docs = ROOT / "docs" / prefix
    for name in ("index.md", "quotes.md", "about.md"):
        shutil.copy(docs / name, bare / "docs" / name)
    sections = article.read_sections(docs / "index.md")
    loaded = timeline.load_timeline(data, "timeline.yml", sections)
    page = render(loaded, site_markdown(), PageContext(strings=locales.load(language), language=language,
                                                       sections=sections))
    # Its headings as Markdown headings, as an author of a bare site would write
    # them, so that Material lists them in the contents as it does here.
    body = re.sub(r'<h([123]) id="([^"]+)"[^>]*>(.*?)<a class="headerlink"[^>]*>&para;</a></h\1>',
                  lambda m: f"\n\n{'#' * int(m.group(1))} {m.group(3)} {{#{m.group(2)}}}\n\n", page.content)
    (bare / "docs" / "timeline.md").write_text(page.markdown.replace("<!-- timeline:page -->", body), encoding="utf-8")
    ours = _config(ROOT / "mkdocs.yml")
    own = _config(ROOT / f"mkdocs.{language}.yml") if prefix else ours
    # The search languages this site gives the language (search_languages.lunr_languages): its own, and
    # English for the romanized names.
    lang = [language, "en"] if prefix else ["en"]
    config = {
        "site_name": own["site_name"],
        "site_url": f"http://127.0.0.1:8000/{prefix}",
        "theme": {"name": "material", "font": False, "language": language},
        "plugins": [{"search": {"lang": lang}}],
        "markdown_extensions": ours["markdown_extensions"],
        "extra": {"alternate": [{"name": alt["name"], "link": f"/{alt['link'].removeprefix('./')}", "lang": alt["lang"]}
                                for alt in ours["extra"]["alternate"]]},
        "nav": own["nav"],
    }
    (bare / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return bare


def timed_build(project: Path, site: Path) -> float:
    """Build `project` into `site` with `mkdocs build` in a fresh process; return the wall time in seconds."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)],
                   cwd=project, env=ENV, check=True, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def timed_side_by_side(projects: list[Path], site: Path) -> float:
    """Build each project with `mkdocs build` in a process of its own, all at once; return the wall time."""
    start = time.perf_counter()
    running = [subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir",
                                 str(site / str(index))], cwd=project, env=ENV, stderr=subprocess.DEVNULL)
               for index, project in enumerate(projects)]
    if any(process.wait() for process in running):
        raise RuntimeError(f"a bare build of {projects} failed")
    return time.perf_counter() - start


def hook_share(project: Path, site: Path | None = None) -> tuple[float, float]:
    """Build in-process with every hook event timed; return (seconds in hooks, seconds in the build)."""
    os.environ.update(NO_MKDOCS_2_WARNING="1")
    spent = [0.0]

    def time_hooks(config: Any) -> None:
        hook_modules = set(config["hooks"])
        for handlers in config.plugins.events.values():
            for index, handler in enumerate(handlers):
                if getattr(handler, "__module__", None) in hook_modules:
                    handlers[index] = _timed(handler, spent)

    start = time.perf_counter()
    build_project(project, site or Path(tempfile.mkdtemp()), prepare=time_hooks)
    return spent[0], time.perf_counter() - start


def _timed(handler: Callable[..., Any], spent: list[float]) -> Callable[..., Any]:
    """Wrap a hook event so that its time adds to spent[0]."""
    @functools.wraps(handler)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return handler(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - start
    return wrapper


def on_both_sites(measure: Callable[[str, Any], Any]) -> dict[str, Any]:
    """Serve this site and the bare one gzipped, and return measure(url, playwright) for each."""
    from playwright.sync_api import sync_playwright

    found = {}
    with sync_playwright() as pw:
        for label in ("ours", "bare"):
            with serve(OUT / f"site-{label}", compress=True) as url:
                found[label] = measure(url, pw)
    return found
