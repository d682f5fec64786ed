"""BENCHMARKS.md, rendered from the stored results and the budgets in budgets.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

BUDGETS = Path(__file__).with_name("budgets.toml")


def load_budgets(path: Path = BUDGETS) -> dict[str, dict[str, float]]:
    """Return the budgets, section by section."""
    with path.open("rb") as file:
        budgets: dict[str, dict[str, float]] = tomllib.load(file)
    return budgets


def kb(size: float) -> str:
    """Format a byte count in KB."""
    return f"{size / 1024:.1f} KB"


def verdict(ok: bool) -> str:
    """Say whether a budget is met."""
    return "met" if ok else "**missed**"


def render(results: dict[str, Any], budgets: dict[str, dict[str, float]]) -> str:
    """Return BENCHMARKS.md for `results`, judged against `budgets`."""
    lines = ["# Benchmarks", "",
             f"Written by `make bench` (`python -m bench`) on {results['date']}. Every figure compares this",
             "site with a reference measured in the same run: a bare Material build of the same",
             "Markdown (the same pages and Markdown extensions, the timeline page as this site renders",
             "it, with its headings written as Markdown headings) with none of this site's hooks,",
             "templates, CSS or JavaScript. Times are medians. The budgets are in bench/budgets.toml.", "",
             "## Machine", ""]
    lines += [f"- {key}: {value}" for key, value in results["machine"].items()]
    judged: list[tuple[str, str, bool]] = []
    for section in (_build, _index, _weight, _switch, _search, _pdf, _lighthouse, _timeline, _edit, _check):
        section(results, budgets, lines, judged)
    lines += ["", "## Budgets", "", "| budget | measured | |", "|---|---|---|"]
    lines += [f"| {name} | {value} | {verdict(ok)} |" for name, value, ok in judged]
    return "\n".join(lines) + "\n"


Judged = list[tuple[str, str, bool]]
Budgets = dict[str, dict[str, float]]


def _build(results: dict[str, Any], budgets: Budgets, lines: list[str], judged: Judged) -> None:
    if "build" not in results:
        return
    b, limit = results["build"], budgets["build"]["max_ratio"]
    languages = ", ".join(b.get("languages", ["en"]))
    lines += ["", "## Build", "",
              f"Clean builds of every language ({languages}) in fresh processes, {b['runs']} runs each, site and",
              "reference alternating: this site's one `mkdocs build`, which builds each language in turn, against",
              "a bare Material site in the same languages built as Material's documentation advises, one",
              "`mkdocs build` per language.", "",
              "| build | median |", "|---|---|",
              f"| this site | {b['ours']:.2f} s |", f"| bare Material | {b['bare']:.2f} s |",
              f"| ratio | {b['ratio']:.2f} × |", "",
              f"The hooks' share of an in-process build (median of 5): {b['hook_seconds'] * 1000:.0f} ms of "
              f"{b['inprocess_seconds']:.2f} s, {b['hook_share'] * 100:.0f} %."]
    judged.append((f"Build at most {limit:.2f} × the bare build", f"{b['ratio']:.2f} ×", b["ratio"] <= limit))


def _index(results: dict[str, Any], budgets: Budgets, lines: list[str], judged: Judged) -> None:
    if "index" not in results:
        return
    limit = budgets["index"]["max_unused_lunr_files"]
    lunr = results["lunr"]
    lines += ["", "## Search index", "",
              "Each language has its own index. One search worker serves them all, with the lunr files",
              f"some language's search loads: this site ships {lunr['shipped']} for its three languages; the bare",
              "site ships Material's lunr files in each language.", "",
              "| language | this site, raw / gzip | bare, raw / gzip | bare's lunr files |", "|---|---|---|---|"]
    for language, i in results["index"].items():
        lines.append(f"| {language} ({i['entries']} entries) | {kb(i['ours_raw'])} / {kb(i['ours_gzip'])} | "
                     f"{kb(i['bare_raw'])} / {kb(i['bare_gzip'])} | {i['lunr_files_bare']} |")
    judged.append(("No unused search-language bundles", f"{lunr['unused']} files", lunr["unused"] <= limit))


def _weight(results: dict[str, Any], budgets: Budgets, lines: list[str], judged: Judged) -> None:
    if "weight" not in results:
        return
    w, limit = results["weight"], budgets["weight"]["max_ratio"]
    lines += ["", "## Page weight", "",
              "What a first visit transfers (empty cache): HTML, CSS, JS and fonts; then the search",
              "worker and index, which load after the page. Gzip at level 6, as a web server sends it.", "",
              "| page | this site, gzip | bare, gzip | ratio | this site, raw | bare, raw "
              "| search (this / bare), gzip |",
              "|---|---|---|---|---|---|---|"]
    worst = 0.0
    for page, ours in w["ours"].items():
        bare = w["bare"][page]  # the bare page of the same language
        ratio = ours["page_gzip"] / bare["page_gzip"]
        worst = max(worst, ratio)
        lines.append(f"| {page} | {kb(ours['page_gzip'])} | {kb(bare['page_gzip'])} | {ratio:.2f} × | "
                     f"{kb(ours['page_raw'])} | {kb(bare['page_raw'])} | "
                     f"{kb(ours['search_gzip'])} / {kb(bare['search_gzip'])} |")
    judged.append((f"A page at most {limit:.2f} × the bare page (gzip)", f"worst {worst:.3f} ×", worst <= limit))


def _switch(results: dict[str, Any], budgets: Budgets, lines: list[str], judged: Judged) -> None:
    if "switch" not in results:
        return
    s = results["switch"]
    before = s["before"]
    lines += ["", "## Switching language", "",
              "What the server sends when a reader who has one page open, loaded in full, follows the language",
              "switch to the same page in another language (gzip, and ten minutes' caching, as GitHub Pages",
              f"serves). \"Before\" is this site at commit {before['commit']} ({before['date']}), when each language",
              "carried its own copy of Material's assets; the bare site does so too.", "",
              "| switch | this site | of which page / search index / assets | before | bare |",
              "|---|---|---|---|---|"]
    for name, ours in s["ours"].items():
        lines.append(f"| {name} | {kb(ours['bytes'])} ({ours['files']} files) | {kb(ours['page'])} / "
                     f"{kb(ours['search'])} / {kb(ours['assets'])} | {kb(before['ours'][name]['bytes'])} "
                     f"({before['ours'][name]['files']} files) | {kb(s['bare'][name]['bytes'])} |")


def _search(results: dict[str, Any], budgets: Budgets, lines: list[str], judged: Judged) -> None:
    if "search" not in results:
        return
    limit = budgets["search"]["max_median_ms"]
    lines += ["", "## Search latency", "",
              "From the last change to the query (a key, or typed text) to the last change of the result list,",
              "in Chromium, each language's queries typed on a page of that language, 3 runs each.", "",
              "| language | queries × runs | this site, median | this site, slowest | bare, median |",
              "|---|---|---|---|---|"]
    for language, s in results["search"].items():
        lines.append(f"| {language} | {s['queries']} × 3 | {s['ours_median_ms']:.0f} ms | {s['ours_max_ms']:.0f} ms | "
                     f"{s['bare_median_ms']:.0f} ms |")
    slowest = max(s["ours_median_ms"] for s in results["search"].values())
    judged.append((f"Search settles in a median of {limit:.0f} ms or less, in each language",
                   " / ".join(f"{s['ours_median_ms']:.0f} ms" for s in results["search"].values()),
                   slowest <= limit))


def _pdf(results: dict[str, Any], budgets: Budgets, lines: list[str], judged: Judged) -> None:
    if "pdf" not in results:
        return
    p = results["pdf"]
    lines += ["", "## Whole-site PDF", "",
              f"print/ in Chromium, A4 ({p['pages']} pages, {kb(p['bytes'])}), median of {p['runs']}: "
              f"loading {p['load']:.2f} s, printing {p['print']:.2f} s."]


def _lighthouse(results: dict[str, Any], budgets: Budgets, lines: list[str], judged: Judged) -> None:
    if "lighthouse" not in results:
        return
    lh, limits = results["lighthouse"], budgets["lighthouse"]
    lines += ["", "## Lighthouse 12.2.3 (mobile)", ""]
    if "error" in lh:
        lines.append(lh["error"])
        return
    lines += ["Served gzipped from 127.0.0.1; median of 3 runs per page.", "",
              "| page | performance | accessibility | best practices | SEO |", "|---|---|---|---|---|"]
    for label in ("ours", "bare"):
        for page, scores in lh[label].items():
            name = f"{page} ({'this site' if label == 'ours' else 'bare'})"
            lines.append(f"| {name} | {scores['performance']:.0f} | {scores['accessibility']:.0f} | "
                         f"{scores['best-practices']:.0f} | {scores['seo']:.0f} |")
    worst = {k: min(s[k] for s in lh["ours"].values())
             for k in ("performance", "accessibility", "best-practices", "seo")}
    judged.append((f"Lighthouse performance {limits['min_performance']:.0f} or more", f"{worst['performance']:.0f}",
                   worst["performance"] >= limits["min_performance"]))
    others = min(worst["accessibility"], worst["best-practices"], worst["seo"])
    judged.append((f"Lighthouse accessibility, best practices, SEO at {limits['min_others']:.0f}",
                   f"{worst['accessibility']:.0f} / {worst['best-practices']:.0f} / {worst['seo']:.0f}",
                   others >= limits["min_others"]))


def _timeline(results: dict[str, Any], budgets: Budgets, lines: list[str], judged: Judged) -> None:
    if "timeline" not in results:
        return
    rows, limits = results["timeline"], budgets["timeline"]
    count = rows[0].get("languages", 1)
    bare = {row["events"]: row for row in results.get("timeline_bare", [])}
    lines += ["", "## Timeline scaling", "",
              "Synthetic data files (support.synthetic_events), each text in English, Korean and Russian.",
              f"Each size is a clean `mkdocs build` of all {count} languages in a fresh process, after a small",
              "warm-up build there, median of 3 builds (1 at 100,000); the hook's time is the sum of its events",
              "in the default language's process. \"Added\" is the build time over the 10-event build.", ""]
    if bare:
        lines += ["The reference at 10 and 10,000 events: the bare Material site of the same languages",
                  "(bench.common.bare_project), its timeline page the one this site renders from the same data,",
                  "written out as Markdown; each language built by its own `mkdocs build`, the three side by",
                  "side, as this site's languages are (median of 3).", "",
                  "| events | YAML | hook | build | added | per 1,000 events | bare build | bare added |",
                  "|---|---|---|---|---|---|---|---|"]
    else:
        lines += ["| events | YAML | hook | build | added | per 1,000 events |", "|---|---|---|---|---|---|"]
    base = bare.get(10, {}).get("build", 0.0)
    for row in rows:
        per = row["added"] / row["events"] * 1000 if row["events"] > 10 else 0
        line = (f"| {row['events']:,} | {kb(row['yaml_bytes'])} | {row['hook']:.2f} s | {row['build']:.2f} s | "
                f"{row['added']:.2f} s | {per:.2f} s |")
        if bare:
            reference = bare.get(row["events"])
            line += (f" {reference['build']:.2f} s | {reference['build'] - base:.2f} s |" if reference else " | |")
        lines.append(line)
    parts = results.get("timeline_parts")
    if parts:
        lines += ["", f"Where the timeline's time goes, step by step on {parts['events']:,} events (the package's",
                  "own clock, `render(..., clock=...)`, in English):", "", "| step | time |", "|---|---|"]
        lines += [f"| {name} | {value:.2f} s |" for name, value in parts.items() if name != "events"]
        lines += ["", "The rest of the build is MkDocs and Material working on the generated pages: rendering",
                  "the timeline page and the whole-site print view (each holds every event) through",
                  "Material's templates, writing them, and writing the search index."]
    by_count = {row["events"]: row for row in rows}
    for size, key in ((1_000, "max_added_1000"), (10_000, "max_added_10000")):
        if size in by_count:
            added = by_count[size]["added"]
            judged.append((f"{size:,} events add at most {limits[key]:g} s to a clean build of all {count} languages",
                           f"{added:.2f} s", added <= limits[key]))
    per = [row["added"] / row["events"] * 1000 for row in rows if row["events"] >= 1_000]
    if len(per) >= 2:
        judged.append(("The cost grows linearly (added per 1,000 events, from 1,000 events up)",
                       " / ".join(f"{p:.2f} s" for p in per), max(per) <= limits["max_spread"] * min(per)))


def _edit(results: dict[str, Any], budgets: Budgets, lines: list[str], judged: Judged) -> None:
    if "edit" not in results:
        return
    e, limit = results["edit"], budgets["edit"]["max_ratio"]
    lines += ["", "## The editor's loop", "",
              "`mkdocs serve --livereload`, as `make serve` runs it, on a copy of each project, a page of it open",
              "in Chromium: the time from saving an edit to the page showing it (the rebuild, the live reload,",
              f"the new page's load), median of {e['runs']} saves of each kind. The reference is the bare Material",
              "site of the same English pages (one language, no hooks, its timeline a hand-written page),",
              "served and edited the same way in the same run; a data edit is held to the bare site's edit of",
              "its timeline page. A bad save is timed until the page shows the data file's problems.", "",
              "| edit | this site | bare | ratio |", "|---|---|---|---|"]
    worst = 0.0
    for name, ours in e["ours"].items():
        reference = e["bare"][e["reference"][name]]
        ratio = ours / reference
        worst = max(worst, ratio)
        lines.append(f"| {name} | {ours:.2f} s | {reference:.2f} s ({e['reference'][name]}) | {ratio:.2f} × |")
    judged.append((f"An edit shows in at most {limit:.2f} × the bare site's time, for every kind",
                   f"worst {worst:.2f} ×", worst <= limit))


def _check(results: dict[str, Any], budgets: Budgets, lines: list[str], judged: Judged) -> None:
    if "check" not in results:
        return
    c, limit = results["check"], budgets["check"]["max_seconds"]
    lines += ["", "## Data check", "",
              f"`python -m timeline check` (make check-data) on docs/data/timeline.yml in a fresh process, "
              f"median of {c['runs']}: {c['seconds']:.2f} s, of which Python's own start-up "
              f"(`python -c pass`) is {c['python_seconds']:.2f} s."]
    judged.append((f"The data check takes at most {limit:g} s", f"{c['seconds']:.2f} s", c["seconds"] <= limit))
