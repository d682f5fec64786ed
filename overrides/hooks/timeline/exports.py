"""What the timeline publishes besides its page: JSON, CSV and schema.org structured data."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

from timeline.data import DEFAULT_LANGUAGE, LANGUAGES
from timeline.dates import date_words, machine_date

if TYPE_CHECKING:
    from timeline.data import Event, Text, Timeline


def structured_data(timeline: Timeline, page_url: str, language: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
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
                "name": e.title.get(language),
                "startDate": machine_date(e.when.start, e.when.precision),
                "endDate": machine_date(e.when.end, e.when.end_precision),
                "url": f"{page_url}#{e.id}",
            }
            for e in timeline.events
        ],
    }


def _languages(text: Text | None) -> dict[str, str | None] | None:
    """Return a text in every language, None where it has no translation; None for no text at all."""
    if text is None:
        return None
    return {language: text.by_language.get(language) for language in LANGUAGES}


# The fields that hold a value per language: a mapping in JSON, a column per language in CSV.
_PER_LANGUAGE = ("date_in_words", "title", "description", "note")


def event_record(event: Event) -> dict[str, Any]:
    """Return the cleaned, published form of one event, its words in every language."""
    return {
        "id": event.id,
        "date": event.when.edtf,
        "start": event.when.start.isoformat(),
        "end": event.when.end.isoformat(),
        "precision": event.when.precision,
        "date_in_words": {language: date_words(event.when, language) for language in LANGUAGES},
        "title": _languages(event.title),
        "description": _languages(event.description),
        "note": _languages(event.note),
        "context": event.context,
        "article_section": event.article,
        "sources": [{"title": s.title, "url": s.url} for s in event.sources],
    }


def _row(record: dict[str, Any]) -> list[Any]:
    """Return one CSV row: each per-language field spread over a column per language."""
    row: list[Any] = []
    for key, value in record.items():
        if key in _PER_LANGUAGE:
            row += [(value or {}).get(language) or "" for language in LANGUAGES]
        elif key == "sources":
            row.append(" | ".join(f"{s['title']} <{s['url']}>" for s in value))
        else:
            row.append(value)
    return row


def exports(timeline: Timeline) -> dict[str, str]:
    """Return the published data files: path in the site to content."""
    records = [event_record(e) for e in timeline.events]
    table = io.StringIO()
    header = [f"{key}_{language}" if key in _PER_LANGUAGE else key
              for key in records[0] for language in (LANGUAGES if key in _PER_LANGUAGE else [""])]
    writer = csv.writer(table, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(_row(record) for record in records)
    # One event per line: readable and diff-friendly, and written by json's C
    # encoder (indent= falls back to the pure-Python one, 5 times slower).
    lines = ",\n".join(json.dumps(record, ensure_ascii=False) for record in records)
    return {
        "data/timeline.json": f'{{"events": [\n{lines}\n]}}\n',
        "data/timeline.csv": table.getvalue(),
    }
