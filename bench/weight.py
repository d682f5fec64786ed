"""What a first visit to each page of each language transfers, raw and gzipped, against that language's bare page."""

from __future__ import annotations

import gzip
from typing import Any

from bench.common import LANGUAGES, PAGES, on_both_sites
from support import CHROMIUM, CHROMIUM_ARGS


def page_weights(url: str, pw: Any) -> dict[str, dict[str, int]]:
    """Load each page with an empty cache; sum what it transfers, the page and the search parts apart."""
    out = {}
    chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    for path in [prefix + page for prefix in LANGUAGES.values() for page in PAGES]:
        context = chromium.new_context()
        bodies: list[tuple[str, str, bytes]] = []

        def record(request: Any, bodies: list[tuple[str, str, bytes]] = bodies) -> None:
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


def run(results: dict[str, Any]) -> None:
    """Weigh every page of both sites."""
    results["weight"] = on_both_sites(page_weights)
