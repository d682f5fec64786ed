"""Mark translations in the timeline data current: record the fingerprint of the English they now translate.

`make translations-current FILE=docs/data/timeline.yml EVENT=<id> FIELD=<field>
LANGUAGE=<code>` (`python -m translations current`) ends here, once a
translator has brought a translation up to date with its English. Each text
keeps the record in its own mapping, beside its translations:

    description:
      en: ...
      ko: ...
      ru: ...
      translates: ko 5e0c2a91, ru 5e0c2a91

The file is edited in place (yaml_edit.py): only the one fingerprint
changes, and comments, order, quoting and wrapping stay as the editor left
them. Without a field, every text of the event that has a translation in
that language is marked.
"""

from __future__ import annotations

import codecs
from typing import TYPE_CHECKING, Any

from fingerprints import fingerprint
from timeline.data import DEFAULT_LANGUAGE, LANGUAGES, TEXT_FIELDS, TRANSLATES, _entry_name, read_record, write_record
from timeline.errors import TimelineError
from timeline.loader import parse, read_text
from yaml_edit import EditError, set_string

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path


def mark_current(path: Path, label: str, events: Sequence[str], language: str,
                 fields: Sequence[str] = ()) -> list[str]:
    """Record that the translations into `language` of `events` translate their English as it is now.

    Return one line for each text marked (or already current); raise
    TimelineError, writing nothing, for an unknown event, field or language,
    or a text with no translation to mark.
    """
    translations = [code for code in LANGUAGES if code != DEFAULT_LANGUAGE]
    if language not in translations:
        raise TimelineError(f"{label}: expected the language of a translation ({', '.join(translations)}); "
                            f"found '{language}'.")
    if unknown := [name for name in fields if name not in TEXT_FIELDS]:
        raise TimelineError(f"{label}: expected fields among {', '.join(TEXT_FIELDS)}; found '{unknown[0]}'.")
    text = read_text(path, label)
    with path.open("rb") as file:
        bom = file.read(len(codecs.BOM_UTF8)) == codecs.BOM_UTF8  # read_text drops it; the file keeps it
    data = parse(text, label)
    raw_events = data.get("events") if isinstance(data, dict) else None
    by_id = {raw.get("id"): index for index, raw in enumerate(raw_events or []) if isinstance(raw, dict)}
    name = LANGUAGES[language]
    done = []
    for event in events:
        if event not in by_id:
            raise TimelineError(f"{label}: no event has the id '{event}'; each event's id is its 'id' field.")
        index = by_id[event]
        raw: Any = raw_events[index]  # type: ignore[index]
        entry, marked = _entry_name(index, raw), 0
        for field in fields or TEXT_FIELDS:
            texts = raw.get(field)
            line = raw.key_lines.get(field, raw.line)
            if isinstance(texts, dict):
                line = getattr(texts, "key_lines", {}).get(language, line)
            where = f"{label}:{line}: {entry}, field '{field}.{language}'"
            if not (isinstance(texts, dict) and isinstance(texts.get(language), str) and texts[language].strip()):
                if fields:
                    raise TimelineError(f"{where}: has no {name} translation to mark current.")
                continue
            if not isinstance(texts.get(DEFAULT_LANGUAGE), str):
                raise TimelineError(f"{where}: the English it translates is missing or not text; fix it first "
                                    "(make check-data).")
            english = fingerprint(texts[DEFAULT_LANGUAGE])
            recorded = read_record(texts.get(TRANSLATES))
            marked += 1
            if recorded.get(language) == english and texts.get(TRANSLATES) == write_record(recorded):
                done.append(f"{where}: already current; it translates the English as it is ({english}).")
                continue
            record = write_record({**recorded, language: english})
            try:
                text = _set(text, ["events", index, field, TRANSLATES], record)
            except EditError as exc:
                raise TimelineError(f"{where}: {exc}; nothing was written. Set '{field}.{TRANSLATES}' to "
                                    f"'{record}' by hand.") from None
            done.append(f"{where}: marked current; it translates the English as it is now ({english}).")
        if not marked:
            raise TimelineError(f"{label}:{raw.line}: {entry}: has no {name} translation to mark current.")
    if any("marked current" in line for line in done):
        path.write_bytes((codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8"))
    return done


def _set(text: str, path: list[str | int], record: str) -> str:
    """Return `text` with the record at `path` set, written plain as editors write it, or quoted where it must be."""
    try:
        return set_string(text, path, record, written=record)
    except EditError:  # inside a flow mapping ({en: ..., translates: ...}) its comma needs quotes
        return set_string(text, path, record)
