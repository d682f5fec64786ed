"""Search latency in Chromium: from the last change to the query to the last change of the result list."""

from __future__ import annotations

from typing import Any

from bench.common import LANGUAGES, median, on_both_sites
from support import CHROMIUM, CHROMIUM_ARGS

QUERIES = {
    "en": ["Krasnoyarsk", "Soyuz", "Putin", "Gorbachev", "Sakhalin", "Nordpolitik",
           "Kim Young Sam", "Roh Tae-woo", "1988", "philanthropy"],
    "ko": ["크라스노야르스크", "소유스", "푸틴의", "고르바초프", "사할린에", "북방정책",
           "김영삼", "노태우와", "1988", "러시아는"],
    "ru": ["Красноярск", "Союз", "Путина", "Горбачёвым", "Сахалине", "политика",
           "Ким Ён Сам", "Ро Дэ У", "1988", "благотворительности"],
}

_LATENCY = """() => {
  const box = document.querySelector("input.md-search__input");
  const list = document.querySelector(".md-search-result");
  // The last change to the query, whether it came as a key or, for Hangul and
  // Cyrillic, as text input without one.
  box.addEventListener("input", () => { window.__lastKey = performance.now(); });
  new MutationObserver(() => { window.__lastChange = performance.now(); })
    .observe(list, {childList: true, subtree: true, characterData: true});
}"""


def latency(url: str, pw: Any, runs: int = 3) -> dict[str, list[float]]:
    """Time from the last keystroke to settled results, in ms, for each language's queries and run."""
    chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    times: dict[str, list[float]] = {}
    for language, prefix in LANGUAGES.items():
        page = chromium.new_page()
        page.goto(url + prefix, wait_until="networkidle")
        page.evaluate(_LATENCY)
        box = page.locator("input.md-search__input")
        times[language] = []
        for _ in range(runs):
            for query in QUERIES[language]:
                box.click(force=True)
                box.fill("")
                page.wait_for_timeout(150)
                box.press_sequentially(query, delay=30)
                # Hangul and Cyrillic arrive as text input without key events; End
                # is a key, which Material starts its query on.
                box.press("End")
                page.wait_for_timeout(400)  # settled: no change for well over the debounce
                # No change after the last input: the results were already there.
                times[language].append(max(0.0, page.evaluate("window.__lastChange - window.__lastKey")))
        page.close()
    chromium.close()
    return times


def run(results: dict[str, Any]) -> None:
    """Search latency on this site and on the bare site, in each language."""
    times = on_both_sites(latency)
    results["search"] = {
        language: {"ours_median_ms": median(times["ours"][language]), "ours_max_ms": max(times["ours"][language]),
                   "bare_median_ms": median(times["bare"][language]), "samples": len(times["ours"][language]),
                   "queries": len(QUERIES[language])}
        for language in LANGUAGES
    }
