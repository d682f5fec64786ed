"""Run the benchmarks and write BENCHMARKS.md: `python -m bench [--only SECTION ...] [--max-events N]`.

Sections, in order: build, weight, switch, search, pdf, lighthouse, timeline, edit, check.
The results are kept in bench/out/results.json, so that `--only` re-runs one
section and the report still holds the others.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from bench import build, check, edit, lighthouse, pdf, report, scaling, search, switch, weight
from bench.common import OUT, machine
from support import ROOT


def main() -> None:
    """Run the chosen sections and write BENCHMARKS.md."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=[])
    parser.add_argument("--max-events", type=int, default=100_000)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    saved = OUT / "results.json"
    results: dict[str, Any] = json.loads(saved.read_text()) if args.only and saved.exists() else {}
    results["date"] = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    results["machine"] = machine()
    def timeline(found: dict[str, Any]) -> None:
        scaling.run(found, args.max_events)

    sections: dict[str, Callable[[dict[str, Any]], None]] = {
        "build": build.run, "weight": weight.run, "switch": switch.run, "search": search.run, "pdf": pdf.run,
        "lighthouse": lighthouse.run, "timeline": timeline, "edit": edit.run, "check": check.run,
    }
    for name, run in sections.items():
        if args.only and name not in args.only:
            continue
        print(f"bench: {name}...", flush=True)
        try:
            run(results)
        except Exception as exc:  # say which section failed, and why, then stop
            raise SystemExit(f"bench: {name} failed: {exc!r}") from exc
        saved.write_text(json.dumps(results, indent=2))
    (ROOT / "BENCHMARKS.md").write_text(report.render(results, report.load_budgets()), encoding="utf-8")
    print(f"wrote {ROOT / 'BENCHMARKS.md'}")


if __name__ == "__main__":
    main()
