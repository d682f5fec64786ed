"""Clean build time of this site, in all its languages, against the bare builds of the same; and the search index.

This site builds its three languages with one `mkdocs build`; the reference
is a bare Material site in the same three languages, built as Material's
documentation advises: one `mkdocs build` per language, into one site/.
"""

from __future__ import annotations

import gzip
import json
from typing import Any

from bench.common import LANGUAGES, OUT, bare_project, hook_share, median, timed_build
from material_internals import lunr_bundles
from support import ROOT


def run(results: dict[str, Any], runs: int = 11) -> None:
    """Time clean builds of both sites, alternating; then the hooks' share, in-process."""
    bare = {language: bare_project(language) for language in LANGUAGES}
    ours_times, bare_times = [], []
    for _ in range(runs):
        ours_times.append(timed_build(ROOT, OUT / "site-ours"))
        # The default language first: its build clears site-bare/, the others go into it.
        bare_times.append(sum(timed_build(project, OUT / "site-bare" / LANGUAGES[language])
                              for language, project in bare.items()))
    results["build"] = {"ours": median(ours_times), "bare": median(bare_times), "runs": runs,
                        "ratio": median(ours_times) / median(bare_times), "languages": list(LANGUAGES)}
    shares = [hook_share(ROOT) for _ in range(5)]
    results["build"]["hook_seconds"] = median([s[0] for s in shares])
    results["build"]["inprocess_seconds"] = median([s[1] for s in shares])
    results["build"]["hook_share"] = median([s[0] / s[1] for s in shares])
    results["index"] = {}
    # One set of lunr files for every language (languages.py), at the site's root.
    lunr = OUT / "site-ours" / "assets" / "javascripts" / "lunr"
    shipped = {p.relative_to(lunr).as_posix() for p in lunr.rglob("*.js")}
    loaded: set[str] = set()
    for language, prefix in LANGUAGES.items():
        index = OUT / "site-ours" / prefix / "search" / "search_index.json"
        bare_index = OUT / "site-bare" / prefix / "search" / "search_index.json"
        config = json.loads(index.read_text(encoding="utf-8"))["config"]
        loaded |= lunr_bundles(config["lang"])
        results["index"][language] = {
            "ours_raw": index.stat().st_size, "ours_gzip": len(gzip.compress(index.read_bytes(), 6)),
            "bare_raw": bare_index.stat().st_size, "bare_gzip": len(gzip.compress(bare_index.read_bytes(), 6)),
            "entries": len(json.loads(index.read_text(encoding="utf-8"))["docs"]),
            "lunr_files_bare": len(list((OUT / "site-bare" / prefix / "assets" / "javascripts" / "lunr")
                                        .rglob("*.js"))),
        }
    results["lunr"] = {"shipped": len(shipped), "unused": len(shipped - loaded)}
