"""What a reader downloads on switching language with a warm cache, on this site and on the bare one.

The reader opens a page in one language, lets it load (search index and
all), and follows the language switch to the same page in another. The
server counts what it sends for the second page (bodies gzipped, as GitHub
Pages sends them, and cached for ten minutes, as it allows). A site whose
languages share one set of Material's stylesheets and scripts sends the new
page and its search index; one whose languages each carry their own copy
sends those copies again.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.common import OUT
from support import CHROMIUM, CHROMIUM_ARGS, serve

# The same switches on this site as it was before its languages shared one set
# of assets, measured with this module on that commit (the file says which).
BEFORE = Path(__file__).with_name("history") / "switch-915bcbe.json"

# (from, to): the article, from English to each translation and between them.
SWITCHES = [("", "ko/"), ("", "ru/"), ("ko/", "ru/"), ("ru/", "")]


def switch_bytes(site: str) -> dict[str, dict[str, int]]:
    """Return, for each switch, what the server sent for the second page: bytes and files, by kind."""
    from playwright.sync_api import sync_playwright

    out: dict[str, dict[str, int]] = {}
    sent: list[tuple[str, int]] = []
    with serve(OUT / site, compress=True, sent=sent) as url, sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for first, second in SWITCHES:
            context = chromium.new_context()
            page = context.new_page()
            page.goto(url + first, wait_until="networkidle")
            page.wait_for_timeout(300)
            sent.clear()
            page.goto(url + second, wait_until="networkidle")
            page.wait_for_timeout(300)
            context.close()
            totals = {"bytes": 0, "files": 0, "page": 0, "search": 0, "assets": 0}
            for path, size in sent:
                kind = "search" if "search_index" in path else "page" if path.endswith(("/", ".html")) else "assets"
                totals[kind] += size
                totals["bytes"] += size
                totals["files"] += 1
            out[f"{first or 'en/'} → {second or 'en/'}"] = totals
        chromium.close()
    return out


def run(results: dict[str, Any]) -> None:
    """Measure the switches on both sites, as built by the build section."""
    results["switch"] = {"ours": switch_bytes("site-ours"), "bare": switch_bytes("site-bare"),
                         "before": json.loads(BEFORE.read_text(encoding="utf-8"))}
