"""Lighthouse 12 mobile scores for the English pages and each language's home page, both sites, median of runs."""

from __future__ import annotations

import json
import os
import subprocess
from typing import Any

from bench.common import OUT, PAGES, median
from support import CHROMIUM, CHROMIUM_ARGS, ROOT, serve

# Every English page, and the home page of each other language.
LIGHTHOUSE_PAGES = [*PAGES, "ko/", "ru/"]


def run(results: dict[str, Any], runs: int = 3) -> None:
    """Score every page of both sites `runs` times."""
    binary = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        results["lighthouse"] = {"error": "lighthouse is not installed; make bench installs it into bench/"}
        return
    out: dict[str, dict[str, dict[str, float]]] = {}
    for label in ("ours", "bare"):
        out[label] = {}
        with serve(OUT / f"site-{label}", compress=True) as url:
            for path in LIGHTHOUSE_PAGES:
                scores: dict[str, list[float]] = {}
                for attempt in range(runs):
                    report = OUT / f"lh-{label}-{path.strip('/') or 'index'}-{attempt}.json"
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
    results["lighthouse"] = out
