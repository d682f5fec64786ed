"""Clean build time of this site against the bare build, the hooks' share of it, and the search index."""

from __future__ import annotations

import gzip
import json
from typing import Any

from bench.common import OUT, bare_project, hook_share, median, timed_build
from support import ROOT


def run(results: dict[str, Any], runs: int = 11) -> None:
    """Time clean builds of both sites, alternating; then the hooks' share, in-process."""
    bare = bare_project()
    ours_times, bare_times = [], []
    for _ in range(runs):
        ours_times.append(timed_build(ROOT, OUT / "site-ours"))
        bare_times.append(timed_build(bare, OUT / "site-bare"))
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
