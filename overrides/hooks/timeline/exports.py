"""What the timeline publishes besides its page: JSON, CSV and schema.org structured data."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

from timeline.dates import date_words, machine_date

if TYPE_CHECKING:
    from timeline.data import Event, Timeline


def structured_data(timeline: Timeline, page_url: str) -> dict[str, Any]:
    """Return the schema.org description of the timeline: one Event per entry.

    Each Event names the entry, its dates and its address. The description
    stays on the page (and in timeline.json): repeating it here would add
    2 KB gzip to the page, a fifth of its weight budget.
    """
    return {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "Event",
                "@id": f"{page_url}#{e.id}",
                "name": e.title,
                "startDate": machine_date(e.when.start, e.when.precision),
                "endDate": machine_date(e.when.end, e.when.end_precision),
                "url": f"{page_url}#{e.id}",
            }
            for e in timeline.events
        ],
    }


def event_record(event: Event) -> dict[str, Any]:
    """Return the cleaned, published form of one event."""
    return {
        "id": event.id,
        "date": event.when.edtf,
        "start": event.when.start.isoformat(),
        "end": event.when.end.isoformat(),
        "precision": event.when.precision,
        "date_in_words": date_words(event.when),
        "title": event.title,
        "description": event.description,
        "note": event.note,
        "context": event.context,
        "article_section": event.article,
        "sources": [{"title": s.title, "url": s.url} for s in event.sources],
    }


def exports(timeline: Timeline) -> dict[str, str]:
    """Return the published data files: path in the site to content."""
    records = [event_record(e) for e in timeline.events]
    table = io.StringIO()
    columns = [k for k in records[0] if k != "sources"]
    writer = csv.writer(table, lineterminator="\n")
    writer.writerow([*columns, "sources"])
    writer.writerows(
        [*(record[column] for column in columns), " | ".join(f"{s['title']} <{s['url']}>" for s in record["sources"])]
        for record in records
    )
    # One event per line: readable and diff-friendly, and written by json's C
    # encoder (indent= falls back to the pure-Python one, 5 times slower).
    lines = ",\n".join(json.dumps(record, ensure_ascii=False) for record in records)
    return {
        "data/timeline.json": f'{{"events": [\n{lines}\n]}}\n',
        "data/timeline.csv": table.getvalue(),
    }
