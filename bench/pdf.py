"""Time to produce the whole-site PDF from print/: load, then print; median of runs."""

from __future__ import annotations

import time
from typing import Any

from bench.common import OUT, median
from support import CHROMIUM, CHROMIUM_ARGS, serve


def run(results: dict[str, Any], runs: int = 5) -> None:
    """Load print/ and print it to A4, `runs` times."""
    from playwright.sync_api import sync_playwright

    loads, prints, pages, size = [], [], 0, 0
    with serve(OUT / "site-ours", compress=True) as url, sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            page = chromium.new_page()
            start = time.perf_counter()
            page.goto(url + "print/", wait_until="networkidle")
            loaded = time.perf_counter()
            pdf = page.pdf(format="A4", prefer_css_page_size=True)
            prints.append(time.perf_counter() - loaded)
            loads.append(loaded - start)
            pages, size = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages"), len(pdf)
            page.close()
        chromium.close()
    results["pdf"] = {"load": median(loads), "print": median(prints), "pages": pages, "runs": runs, "bytes": size}
