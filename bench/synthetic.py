"""Write a synthetic timeline data file of N events, for the benchmarks.

The events look like real ones: mostly plain ISO dates at day, month or year
precision, some intervals and approximate dates, a Markdown description, one
source, and every tenth event (and one per section) tied to an article section.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

SECTIONS = ["nordpolitik", "first-contacts", "diplomatic-ties", "space", "trade"]


def events(count: int, seed: int = 1990) -> list[dict]:
    """Return `count` synthetic events, reproducibly."""
    rng = random.Random(seed)
    out = []
    for index in range(count):
        year, month, day = rng.randint(1950, 2020), rng.randint(1, 12), rng.randint(1, 28)
        shape = rng.random()
        if shape < 0.6:
            date = f"{year}-{month:02d}-{day:02d}"
        elif shape < 0.75:
            date = f"{year}-{month:02d}"
        elif shape < 0.85:
            date = f"{year}"
        elif shape < 0.95:
            date = f"{year}-{month:02d}-{day:02d}/{year}-{month:02d}-{min(day + 3, 28):02d}"
        else:
            date = f"{year}-{month:02d}-{day:02d}~"
        event = {
            "id": f"event-{index:06d}",
            "date": date,
            "title": f"Synthetic event {index} in {year}",
            "description": (f"A *synthetic* event for the benchmark, number {index}, with a "
                            f"[link](https://example.org/{index}) and some words about Seoul and Moscow."),
            "sources": [{"title": f"Source {index}", "url": f"https://example.org/source/{index}"}],
        }
        # Every article section needs an event (the build warns otherwise);
        # after the first few, one event in ten comes from the article.
        if index < len(SECTIONS) or index % 10 == 0:
            event["article"] = SECTIONS[(index if index < len(SECTIONS) else index // 10) % len(SECTIONS)]
        if index % 7 == 0:
            event["context"] = True
        out.append(event)
    return out


def write(path: Path, count: int) -> int:
    """Write a data file of `count` events to `path`; return its size in bytes."""
    text = yaml.safe_dump({"events": events(count)}, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))
