"""Benchmarks for the site, each against a reference measured in the same run; writes BENCHMARKS.md.

Usage: .venv/bin/python bench/run.py [--only SECTION ...] [--max-events N]  (or: make bench)

Sections (in order): build, weight, search, pdf, lighthouse, timeline. The
reference is a bare Material build of the same Markdown: the same pages and
Markdown extensions, the timeline page as this site renders it, and none of
this site's hooks, templates, CSS or JavaScript. Times are medians of several
runs, with the site and the reference built alternately. Nothing here asserts
a time: the figures and the budgets they meet or miss go to BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import importlib.metadata
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import jinja2
import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "overrides" / "hooks"), str(ROOT / "bench")]

import synthetic  # noqa: E402
import timeline as timeline_hook  # noqa: E402
import timeline_data  # noqa: E402
import timeline_render  # noqa: E402
import timeline_search  # noqa: E402
from conftest import CHROMIUM_ARGS, build_project, copy_project  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1700000000")}
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PAGES = ["", "timeline/", "quotes/", "about/"]
SEARCH_QUERIES = ["Krasnoyarsk", "Soyuz", "Putin", "Gorbachev", "Sakhalin", "Nordpolitik",
                  "Kim Young Sam", "Roh Tae-woo", "1988", "philanthropy"]

# -----------------------------------------------------------------------------
# Helpers
# -----------------------------------------------------------------------------


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


def bare_project() -> Path:
    """Write the reference project: the same Markdown under a bare Material configuration."""
    bare = OUT / "bare"
    shutil.rmtree(bare, ignore_errors=True)
    (bare / "docs").mkdir(parents=True)
    for name in ("index.md", "quotes.md", "about.md"):
        shutil.copy(ROOT / "docs" / name, bare / "docs" / name)
    # The timeline page as this site renders it, as one static Markdown page.
    sections = timeline_hook.article_sections(ROOT / "docs" / "index.md")
    timeline = timeline_data.load_timeline(ROOT / "docs" / "data" / "timeline.yml", "timeline.yml", sections)
    macros = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "overrides"))).get_template(
        "hooks/timeline.html").module
    import markdown

    md = markdown.Markdown(extensions=["admonition"])
    body = timeline_render.page_html(timeline, timeline_render.decades(timeline), sections, macros,
                                     markdown=lambda text: md.reset().convert(text), article_url="../")
    # Its headings as Markdown headings, as an author of a bare site would write
    # them, so that Material lists them in the contents as it does here.
    body = re.sub(r'<h([23]) id="([^"]+)"[^>]*>(.*?)<a class="headerlink"[^>]*>&para;</a></h\1>',
                  lambda m: f"\n\n{'#' * int(m.group(1))} {m.group(3)} {{#{m.group(2)}}}\n\n", body)
    page = timeline_render.page_markdown(timeline, macros, "MARKER").replace("MARKER", body)
    (bare / "docs" / "timeline.md").write_text(page, encoding="utf-8")
    ours = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    config = {
        "site_name": "South Korea and Russia",
        "site_url": "http://127.0.0.1:8000/",
        "theme": {"name": "material", "font": False},
        "markdown_extensions": ours["markdown_extensions"],
        "nav": [{"Article": "index.md"}, {"Timeline": "timeline.md"}, {"Quotes": "quotes.md"},
                {"About and sources": "about.md"}],
    }
    (bare / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return bare


def build(project: Path, site: Path) -> float:
    """Build `project` into `site` in a fresh process; return the wall time in seconds."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)],
                   cwd=project, env=ENV, check=True, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files gzipped where the browser accepts it, as GitHub Pages does."""

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        compressible = path.suffix in {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}
        if not (compressible and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io

        return io.BytesIO(body)


def serve(site: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve `site` on a free port of 127.0.0.1; return its URL and the server."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_GzipHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_port}/", httpd


def browser():
    """Start Playwright with Debian's Chromium."""
    from playwright.sync_api import sync_playwright

    return sync_playwright()


# -----------------------------------------------------------------------------
# Sections
# -----------------------------------------------------------------------------


def bench_build(results: dict, runs: int = 11) -> None:
    """Clean build time of the site against the bare build, alternating; and the hooks' share."""
    bare = bare_project()
    ours_times, bare_times = [], []
    for _ in range(runs):
        ours_times.append(build(ROOT, OUT / "site-ours"))
        bare_times.append(build(bare, OUT / "site-bare"))
    results["build"] = {"ours": median(ours_times), "bare": median(bare_times), "runs": runs,
                        "ratio": median(ours_times) / median(bare_times)}
    shares = [hook_share(ROOT) for _ in range(5)]
    results["build"]["hook_seconds"] = median([s[0] for s in shares])
    results["build"]["inprocess_seconds"] = median([s[1] for s in shares])
    results["build"]["hook_share"] = median([s[0] / s[1] for s in shares])
    index = OUT / "site-ours" / "search" / "search_index.json"
    bare_index = OUT / "site-bare" / "search" / "search_index.json"
    results["index"] = {
        "ours_raw": index.stat().st_size, "ours_gzip": len(gzip.compress(index.read_bytes(), 6)),
        "bare_raw": bare_index.stat().st_size, "bare_gzip": len(gzip.compress(bare_index.read_bytes(), 6)),
        "entries": len(json.loads(index.read_text(encoding="utf-8"))["docs"]),
        "lunr_files_ours": len(list((OUT / "site-ours" / "assets" / "javascripts" / "lunr").rglob("*.js"))),
        "lunr_files_bare": len(list((OUT / "site-bare" / "assets" / "javascripts" / "lunr").rglob("*.js"))),
    }


def hook_share(project: Path, site: Path | None = None) -> tuple[float, float]:
    """Build in-process with every hook event timed; return (seconds in hooks, seconds in build)."""
    os.environ.update(NO_MKDOCS_2_WARNING="1")
    spent = [0.0]

    def time_hooks(config) -> None:
        hook_modules = set(config["hooks"])
        for handlers in config.plugins.events.values():
            for index, handler in enumerate(handlers):
                if getattr(handler, "__module__", None) in hook_modules:
                    handlers[index] = _timed(handler, spent)

    start = time.perf_counter()
    build_project(project, site or Path(tempfile.mkdtemp()), prepare=time_hooks)
    return spent[0], time.perf_counter() - start


def _timed(handler, spent: list[float]):
    """Wrap a hook event so that its time adds to spent[0]."""
    @functools.wraps(handler)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return handler(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - start
    return wrapper


def page_weights(url: str, pw) -> dict[str, dict[str, int]]:
    """Load each page with an empty cache; sum what it transfers by kind, raw and gzipped."""
    out = {}
    chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    for path in PAGES:
        context = chromium.new_context()
        bodies: list[tuple[str, str, bytes]] = []

        def record(request, bodies=bodies):
            bodies.append((request.resource_type, request.url, request.response().body()))

        context.on("requestfinished", record)
        page = context.new_page()
        page.goto(url + path, wait_until="networkidle")
        page.wait_for_timeout(300)
        context.close()
        totals = {"page_raw": 0, "page_gzip": 0, "search_raw": 0, "search_gzip": 0}
        for kind, address, body in bodies:
            part = "search" if ("search_index" in address or "/workers/" in address) else "page"
            if part == "page" and kind not in ("document", "stylesheet", "script", "font"):
                continue
            totals[f"{part}_raw"] += len(body)
            totals[f"{part}_gzip"] += len(gzip.compress(body, 6))
        out[path or "index"] = totals
    chromium.close()
    return out


def on_both_sites(measure):
    """Serve this site and the bare one, and return measure(url, playwright) for each."""
    found = {}
    with browser() as pw:
        for label in ("ours", "bare"):
            url, server = serve(OUT / f"site-{label}")
            try:
                found[label] = measure(url, pw)
            finally:
                server.shutdown()
    return found


def bench_weight(results: dict) -> None:
    """Per-page transfer weight, HTML, CSS, JS and fonts, against the bare page."""
    results["weight"] = on_both_sites(page_weights)


_LATENCY = """() => {
  const box = document.querySelector("input.md-search__input");
  const list = document.querySelector(".md-search-result");
  box.addEventListener("keydown", () => { window.__lastKey = performance.now(); });
  new MutationObserver(() => { window.__lastChange = performance.now(); })
    .observe(list, {childList: true, subtree: true, characterData: true});
}"""


def search_latency(url: str, pw, runs: int = 3) -> list[float]:
    """Time from the last keystroke to settled results, in ms, for each query and run."""
    chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    page = chromium.new_page()
    page.goto(url, wait_until="networkidle")
    page.evaluate(_LATENCY)
    box = page.locator("input.md-search__input")
    times = []
    for _ in range(runs):
        for query in SEARCH_QUERIES:
            box.click(force=True)
            box.fill("")
            page.wait_for_timeout(150)
            box.press_sequentially(query, delay=30)
            page.wait_for_timeout(400)  # settled: no change for well over the debounce
            times.append(page.evaluate("window.__lastChange - window.__lastKey"))
    chromium.close()
    return times


def bench_search(results: dict) -> None:
    """Search latency on this site and on the bare site."""
    times = on_both_sites(search_latency)
    results["search"] = {"ours_median_ms": median(times["ours"]), "ours_max_ms": max(times["ours"]),
                         "bare_median_ms": median(times["bare"]), "samples": len(times["ours"])}


def bench_pdf(results: dict, runs: int = 5) -> None:
    """Time to produce the whole-site PDF from print/ (load, then print), median of runs."""
    url, server = serve(OUT / "site-ours")
    loads, prints, pages = [], [], 0
    with browser() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            page = chromium.new_page()
            start = time.perf_counter()
            page.goto(url + "print/", wait_until="networkidle")
            loaded = time.perf_counter()
            pdf = page.pdf(format="A4", prefer_css_page_size=True)
            prints.append(time.perf_counter() - loaded)
            loads.append(loaded - start)
            pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
            page.close()
        chromium.close()
    server.shutdown()
    results["pdf"] = {"load": median(loads), "print": median(prints), "pages": pages, "runs": runs,
                      "bytes": len(pdf)}


def bench_lighthouse(results: dict, runs: int = 3) -> None:
    """Lighthouse 12 mobile scores for each page of both sites (median of runs), served gzipped."""
    binary = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        results["lighthouse"] = {"error": "lighthouse is not installed; make bench installs it into bench/"}
        return
    out = {}
    for label, site in (("ours", OUT / "site-ours"), ("bare", OUT / "site-bare")):
        url, server = serve(site)
        out[label] = {}
        for path in PAGES:
            scores: dict[str, list[float]] = {}
            for run in range(runs):
                report = OUT / f"lh-{label}-{path.strip('/') or 'index'}-{run}.json"
                subprocess.run(
                    [str(binary), url + path, "--quiet", "--output=json", f"--output-path={report}",
                     "--only-categories=performance,accessibility,best-practices,seo",
                     "--chrome-flags=" + " ".join(CHROMIUM_ARGS)],
                    env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, capture_output=True,
                )
                categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
                for key, value in categories.items():
                    scores.setdefault(key, []).append(round(value["score"] * 100))
            out[label][path or "index"] = {k: median(v) for k, v in scores.items()}
        server.shutdown()
    results["lighthouse"] = out


def bench_timeline(results: dict, max_events: int) -> None:
    """Measure the hook's time and the whole build's time for 10 to 100,000 synthetic events."""
    # Each measurement runs in a fresh process: a figure must not depend on
    # what the browser sections, or the sizes before it, left on the heap.
    results["timeline_parts"] = _in_fresh_process("--timeline-parts", min(10_000, max_events))
    rows = [_in_fresh_process("--timeline-row", count)
            for count in (10, 100, 1_000, 10_000, 100_000) if count <= max_events]
    base = rows[0]["build"]
    for row in rows:
        row["added"] = row["build"] - base
    results["timeline"] = rows


def _in_fresh_process(flag: str, count: int) -> dict:
    """Run this script with `flag count` in a new Python process; return the JSON it prints last."""
    done = subprocess.run([sys.executable, __file__, flag, str(count)], cwd=ROOT, env=ENV,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def timeline_row(count: int) -> dict:
    """Build `count` synthetic events in-process, after a small warm-up build; return the medians."""
    work = Path(tempfile.mkdtemp(prefix=f"timeline-{count}-"))
    # The first build of a process compiles Material's templates; the warm-up
    # pays for that, so that every size is measured the same way.
    warm = copy_project(work / "warm")
    synthetic.write(warm / "docs" / "data" / "timeline.yml", 10)
    hook_share(warm, work / "site-warm")
    project = copy_project(work / "project")
    size = synthetic.write(project / "docs" / "data" / "timeline.yml", count)
    runs = 3 if count <= 10_000 else 1
    samples = [hook_share(project, work / f"site-{run}") for run in range(runs)]
    shutil.rmtree(work, ignore_errors=True)
    return {"events": count, "yaml_bytes": size, "runs": runs,
            "hook": median([s[0] for s in samples]), "build": median([s[1] for s in samples])}


def timeline_parts(count: int) -> dict[str, float]:
    """Time each step of the hook's work on `count` synthetic events, outside MkDocs."""
    import markdown

    import print_site

    work = Path(tempfile.mkdtemp(prefix="timeline-parts-"))
    (work / "data").mkdir()
    shutil.copy(ROOT / "docs" / "data" / "timeline.schema.json", work / "data")
    path = work / "data" / "timeline.yml"
    synthetic.write(path, count)
    sections = {name: name for name in synthetic.SECTIONS}
    parts: dict[str, float] = {"events": count}

    def clock(name: str, step):
        start = time.perf_counter()
        value = step()
        parts[name] = time.perf_counter() - start
        return value

    # As load_timeline reads it: with the cycle collector paused.
    with timeline_data.collector_paused():
        raw = clock("YAML (C loader, with line numbers)", lambda: timeline_data.read_yaml(path, "timeline.yml"))
    schema = timeline_data.load_schema(path)
    timeline_data._normalise_dates(raw["events"])
    clock("JSON Schema (jsonschema-rs)", lambda: timeline_data._schema_problems(
        raw, schema, timeline_data._Report("x")))
    raw = timeline_data.read_yaml(path, "timeline.yml")
    timeline = clock("checks, EDTF dates and sorting", lambda: timeline_data.check_timeline(raw, schema, "x", sections))
    parts["checks, EDTF dates and sorting"] -= parts["JSON Schema (jsonschema-rs)"]
    # The site's extensions, less toc and footnotes, as the hook renders descriptions.
    md = markdown.Markdown(extensions=["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables",
                                       "pymdownx.superfences"])
    texts = [text for event in timeline.events for text in (event.description, event.note) if text]
    cache = clock("Markdown descriptions", lambda: timeline_render.render_markdown(
        texts, lambda text: md.reset().convert(text)))
    macros = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "overrides"))).get_template(
        "hooks/timeline.html").module
    groups = timeline_render.decades(timeline)
    body = clock("page HTML from the macros", lambda: timeline_render.page_html(
        timeline, groups, sections, macros, markdown=cache.__getitem__, article_url="../"))
    clock("JSON and CSV exports", lambda: timeline_render.exports(timeline))
    clock("schema.org data", lambda: timeline_render.structured_data(timeline, "http://x/"))
    clock("search entries", lambda: timeline_search.section_entries(body, "timeline/"))
    clock("print view: rescoping the page", lambda: print_site.rescope(
        body, "timeline-", "timeline/", "print/", {"": "article", "timeline/": "timeline"}))
    shutil.rmtree(work, ignore_errors=True)
    return parts


# -----------------------------------------------------------------------------
# Report
# -----------------------------------------------------------------------------


def kb(size: float) -> str:
    """Format a byte count in KB."""
    return f"{size / 1024:.1f} KB"


def verdict(ok: bool) -> str:
    """Say whether a budget is met."""
    return "met" if ok else "**missed**"


def report(results: dict) -> str:
    """Return BENCHMARKS.md."""
    lines = ["# Benchmarks", "",
             f"Written by `make bench` (bench/run.py) on {results['date']}. Every figure compares this",
             "site with a reference measured in the same run: a bare Material build of the same",
             "Markdown (the same pages and Markdown extensions, the timeline page as this site renders",
             "it, with its headings written as Markdown headings) with none of this site's hooks,",
             "templates, CSS or JavaScript. Times are medians.", "",
             "## Machine", ""]
    lines += [f"- {key}: {value}" for key, value in results["machine"].items()]
    budgets = []
    if "build" in results:
        b = results["build"]
        lines += ["", "## Build", "",
                  f"Clean `mkdocs build` in a fresh process, {b['runs']} runs each, "
                  "site and reference alternating.", "",
                  "| build | median |", "|---|---|",
                  f"| this site | {b['ours']:.2f} s |", f"| bare Material | {b['bare']:.2f} s |",
                  f"| ratio | {b['ratio']:.2f} × |", "",
                  f"The hooks' share of an in-process build (median of 5): {b['hook_seconds'] * 1000:.0f} ms of "
                  f"{b['inprocess_seconds']:.2f} s, {b['hook_share'] * 100:.0f} %."]
        budgets.append(("Build at most 1.15 × the bare build", f"{b['ratio']:.2f} ×", b["ratio"] <= 1.15))
    if "index" in results:
        i = results["index"]
        lines += ["", "## Search index", "",
                  "| | raw | gzip |", "|---|---|---|",
                  f"| this site ({i['entries']} entries) | {kb(i['ours_raw'])} | {kb(i['ours_gzip'])} |",
                  f"| bare Material | {kb(i['bare_raw'])} | {kb(i['bare_gzip'])} |", "",
                  f"lunr language files shipped: {i['lunr_files_ours']} here, "
                  f"{i['lunr_files_bare']} in the bare build."]
        budgets.append(("No unused search-language bundles", f"{i['lunr_files_ours']} files",
                        i["lunr_files_ours"] == 0))
    if "weight" in results:
        w = results["weight"]
        lines += ["", "## Page weight", "",
                  "What a first visit transfers (empty cache): HTML, CSS, JS and fonts; then the search",
                  "worker and index, which load after the page. Gzip at level 6, as a web server sends it.", "",
                  "| page | this site, gzip | bare, gzip | ratio | this site, raw | bare, raw "
                  "| search (this / bare), gzip |",
                  "|---|---|---|---|---|---|---|"]
        worst = 0.0
        for page, ours in w["ours"].items():
            bare = w["bare"][page]
            ratio = ours["page_gzip"] / bare["page_gzip"]
            worst = max(worst, ratio)
            lines.append(f"| {page} | {kb(ours['page_gzip'])} | {kb(bare['page_gzip'])} | {ratio:.2f} × | "
                         f"{kb(ours['page_raw'])} | {kb(bare['page_raw'])} | "
                         f"{kb(ours['search_gzip'])} / {kb(bare['search_gzip'])} |")
        budgets.append(("A page at most 1.10 × the bare page (gzip)", f"worst {worst:.3f} ×", worst <= 1.10))
    if "search" in results:
        s = results["search"]
        lines += ["", "## Search latency", "",
                  f"From the last keystroke to the last change of the result list, in Chromium, over "
                  f"{len(SEARCH_QUERIES)} queries × 3 runs ({s['samples']} samples).", "",
                  f"- this site: median {s['ours_median_ms']:.0f} ms, slowest {s['ours_max_ms']:.0f} ms",
                  f"- bare Material: median {s['bare_median_ms']:.0f} ms"]
        budgets.append(("Search settles in a median of 50 ms or less", f"{s['ours_median_ms']:.0f} ms",
                        s["ours_median_ms"] <= 50))
    if "pdf" in results:
        p = results["pdf"]
        lines += ["", "## Whole-site PDF", "",
                  f"print/ in Chromium, A4 ({p['pages']} pages, {kb(p['bytes'])}), median of {p['runs']}: "
                  f"loading {p['load']:.2f} s, printing {p['print']:.2f} s."]
    if "lighthouse" in results:
        lh = results["lighthouse"]
        lines += ["", "## Lighthouse 12.2.3 (mobile)", ""]
        if "error" in lh:
            lines.append(lh["error"])
        else:
            lines += ["Served gzipped from 127.0.0.1; median of 3 runs per page.", "",
                      "| page | performance | accessibility | best practices | SEO |", "|---|---|---|---|---|"]
            for label in ("ours", "bare"):
                for page, scores in lh[label].items():
                    name = f"{page} ({'this site' if label == 'ours' else 'bare'})"
                    lines.append(f"| {name} | {scores['performance']:.0f} | {scores['accessibility']:.0f} | "
                                 f"{scores['best-practices']:.0f} | {scores['seo']:.0f} |")
            worst = {k: min(s[k] for s in lh["ours"].values())
                     for k in ("performance", "accessibility", "best-practices", "seo")}
            budgets.append(("Lighthouse performance 98 or more", f"{worst['performance']:.0f}",
                            worst["performance"] >= 98))
            budgets.append(("Lighthouse accessibility, best practices, SEO at 100",
                            f"{worst['accessibility']:.0f} / {worst['best-practices']:.0f} / {worst['seo']:.0f}",
                            min(worst["accessibility"], worst["best-practices"], worst["seo"]) == 100))
    if "timeline" in results:
        rows = results["timeline"]
        lines += ["", "## Timeline scaling", "",
                  "Synthetic data files (bench/synthetic.py). Each size is built in a fresh process, after a",
                  "small warm-up build there, median of 3 builds (1 at 100,000); the hook's time is the sum",
                  "of its events. \"Added\" is the build time over the 10-event build.", "",
                  "| events | YAML | hook | build | added | added per 1,000 events |", "|---|---|---|---|---|---|"]
        for row in rows:
            per = row["added"] / row["events"] * 1000 if row["events"] > 10 else 0
            lines.append(f"| {row['events']:,} | {kb(row['yaml_bytes'])} | {row['hook']:.2f} s | "
                         f"{row['build']:.2f} s | {row['added']:.2f} s | {per:.2f} s |")
        parts = results.get("timeline_parts")
        if parts:
            lines += ["", f"Where the hook's time goes, step by step on {parts['events']:,} events:", "",
                      "| step | time |", "|---|---|"]
            lines += [f"| {name} | {value:.2f} s |" for name, value in parts.items() if name != "events"]
            lines += ["", "The rest of the build is MkDocs and Material working on the generated pages: rendering",
                      "the timeline page and the whole-site print view (each holds every event) through",
                      "Material's templates, writing them, and writing the search index."]
        by_count = {row["events"]: row for row in rows}
        if 1_000 in by_count:
            budgets.append(("1,000 events add at most 0.5 s", f"{by_count[1_000]['added']:.2f} s",
                            by_count[1_000]["added"] <= 0.5))
        if 10_000 in by_count:
            budgets.append(("10,000 events add at most 4 s", f"{by_count[10_000]['added']:.2f} s",
                            by_count[10_000]["added"] <= 4))
        # Linear: the cost of 1,000 more events is the same at every size, within a quarter.
        per = [row["added"] / row["events"] * 1000 for row in rows if row["events"] >= 1_000]
        if len(per) >= 2:
            budgets.append(("The cost grows linearly (added per 1,000 events, from 1,000 events up)",
                            " / ".join(f"{p:.2f} s" for p in per), max(per) <= 1.25 * min(per)))
    lines += ["", "## Budgets", "", "| budget | measured | |", "|---|---|---|"]
    lines += [f"| {name} | {value} | {verdict(ok)} |" for name, value, ok in budgets]
    return "\n".join(lines) + "\n"


def main() -> None:
    """Run the chosen sections and write BENCHMARKS.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=[])
    parser.add_argument("--max-events", type=int, default=100_000)
    # Used by bench_timeline, which runs each measurement in a fresh process.
    parser.add_argument("--timeline-row", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--timeline-parts", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.timeline_row is not None:
        print(json.dumps(timeline_row(args.timeline_row)))
        return
    if args.timeline_parts is not None:
        print(json.dumps(timeline_parts(args.timeline_parts)))
        return
    OUT.mkdir(parents=True, exist_ok=True)
    saved = OUT / "results.json"
    results = json.loads(saved.read_text()) if args.only and saved.exists() else {}
    results["date"] = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    results["machine"] = machine()
    sections = {
        "build": bench_build, "weight": bench_weight, "search": bench_search, "pdf": bench_pdf,
        "lighthouse": bench_lighthouse, "timeline": lambda r: bench_timeline(r, args.max_events),
    }
    for name, run in sections.items():
        if args.only and name not in args.only:
            continue
        print(f"bench: {name}...", flush=True)
        try:
            run(results)
        except Exception as exc:  # report which section failed, and why, then stop
            raise SystemExit(f"bench: {name} failed: {exc!r}") from exc
        saved.write_text(json.dumps(results, indent=2))
    (ROOT / "BENCHMARKS.md").write_text(report(results), encoding="utf-8")
    print(f"wrote {ROOT / 'BENCHMARKS.md'}")


if __name__ == "__main__":
    main()
