"""The timeline of South Korea–Russia relations, from its data file to its page.

One package, used as it is by the MkDocs hook (overrides/hooks/timeline_page.py),
the tests, the bench and its own command line (`python -m timeline check`):

- loader: reads the YAML so that no file can crash or stall the build;
- data: the records, and the checks that turn parsed YAML into them,
  missing and outdated translations included;
- current: marking translations current once they are updated;
- dates: EDTF dates, their order and their words;
- article: the article's sections that carry a timeline marker;
- markup: how descriptions' Markdown is read (the one rule) and converted;
- render: the one render path, from a checked timeline to a `Rendered` page;
- overview, search, exports: the page's overview, its search entries, and
  the published JSON, CSV and structured data.

Nothing here knows about MkDocs: the hook hands over paths and settings and
takes back data and text.
"""

from __future__ import annotations

from timeline.data import LANGUAGES, MAX_EVENTS, Event, Source, Text, Timeline, check_timeline, load_timeline
from timeline.errors import TimelineError
from timeline.loader import MAX_BYTES

__all__ = ["LANGUAGES", "MAX_BYTES", "MAX_EVENTS", "Event", "Source", "Text", "Timeline", "TimelineError",
           "check_timeline", "load_timeline"]
