"""Search latency in Chromium: from the last keystroke to the last change of the result list."""

from __future__ import annotations

from typing import Any

from bench.common import median, on_both_sites
from support import CHROMIUM, CHROMIUM_ARGS

QUERIES = ["Krasnoyarsk", "Soyuz", "Putin", "Gorbachev", "Sakhalin", "Nordpolitik",
           "Kim Young Sam", "Roh Tae-woo", "1988", "philanthropy"]

_LATENCY = """() => {
  const box = document.querySelector("input.md-search__input");
  const list = document.querySelector(".md-search-result");
  box.addEventListener("keydown", () => { window.__lastKey = performance.now(); });
  new MutationObserver(() => { window.__lastChange = performance.now(); })
    .observe(list, {childList: true, subtree: true, characterData: true});
}"""


def latency(url: str, pw: Any, runs: int = 3) -> list[float]:
    """Time from the last keystroke to settled results, in ms, for each query and run."""
    chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    page = chromium.new_page()
    page.goto(url, wait_until="networkidle")
    page.evaluate(_LATENCY)
    box = page.locator("input.md-search__input")
    times = []
    for _ in range(runs):
        for query in QUERIES:
            box.click(force=True)
            box.fill("")
            page.wait_for_timeout(150)
            box.press_sequentially(query, delay=30)
            page.wait_for_timeout(400)  # settled: no change for well over the debounce
            times.append(page.evaluate("window.__lastChange - window.__lastKey"))
    chromium.close()
    return times


def run(results: dict[str, Any]) -> None:
    """Search latency on this site and on the bare site."""
    times = on_both_sites(latency)
    results["search"] = {"ours_median_ms": median(times["ours"]), "ours_max_ms": max(times["ours"]),
                         "bare_median_ms": median(times["bare"]), "samples": len(times["ours"]),
                         "queries": len(QUERIES)}
