"""The article's side of the timeline: its sections that carry a timeline marker."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

# Where an article section's links to its events go.
MARKER = re.compile(r"<!-- timeline:events ([a-z0-9-]+) -->")
_SECTION = re.compile(r"^##\s+(.+?)\s*\{\s*#([a-z0-9-]+)\s*\}\s*$", re.MULTILINE)


def sections(text: str) -> dict[str, str]:
    """Return the article's second-level sections that carry a timeline marker, id to title."""
    marked = set(MARKER.findall(text))
    return {anchor: title for title, anchor in _SECTION.findall(text) if anchor in marked}


def read_sections(path: Path) -> dict[str, str]:
    """Return the marked sections of the article at `path`; none if there is no article."""
    return sections(path.read_text(encoding="utf-8")) if path.is_file() else {}
