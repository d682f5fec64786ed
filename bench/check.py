"""The data check on the real file, against Python's own start-up, each the median of runs in fresh processes."""

from __future__ import annotations

import subprocess
import sys
import time
from typing import Any

from bench.common import ENV, median
from support import ROOT


def _timed(command: list[str]) -> float:
    """Run `command` from the project's root; return its wall time in seconds."""
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=ENV, check=True, capture_output=True)
    return time.perf_counter() - start


def run(results: dict[str, Any], runs: int = 7) -> None:
    """Time `python -m timeline check` and a bare `python -c pass`, alternating."""
    check, bare = [], []
    for _ in range(runs):
        check.append(_timed([sys.executable, "-m", "timeline", "check"]))
        bare.append(_timed([sys.executable, "-c", "pass"]))
    results["check"] = {"seconds": median(check), "python_seconds": median(bare), "runs": runs}
