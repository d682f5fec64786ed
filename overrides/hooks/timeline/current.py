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

import yaml

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
    if unknown := [event for event in events if event not in by_id]:
        raise TimelineError(f"{label}: no event has the id '{unknown[0]}'; each event's id is its 'id' field.")
    done: dict[str, list[str]] = {}
    # From the last event in the file to the first, so that a line added to
    # one moves none of those still to be edited.
    for event in sorted(set(events), key=by_id.__getitem__, reverse=True):
        index = by_id[event]
        raw: Any = raw_events[index]  # type: ignore[index]
        entry = _entry_name(index, raw)
        start, end = _lines_of(text, raw_events, index)  # type: ignore[arg-type]
        try:
            piece, done[event] = _mark(text[start:end], [0], raw, entry, label, language, fields)
            text = text[:start] + piece + text[end:]
        except _NotAlone:  # its lines alone are not the event (a list in flow style): edit the whole file
            text, done[event] = _mark(text, ["events", index], raw, entry, label, language, fields)
    if any("marked current" in line for lines in done.values() for line in lines):
        path.write_bytes((codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8"))
    return [line for event in dict.fromkeys(events) for line in done[event]]


class _NotAlone(Exception):
    """An event's own lines, read alone, are not the event."""


def _mark(text: str, at: list[str | int], raw: Any, entry: str, label: str, language: str,
          fields: Sequence[str]) -> tuple[str, list[str]]:
    """Return `text` with the records of the event at `at` set, and what was done, a line per text.

    `at` is [0] when `text` is the event's own lines (a list of one event);
    if they are not, _NotAlone.
    """
    name = LANGUAGES[language]
    done, marked = [], 0
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
            text = _set(text, [*at, field, TRANSLATES], record)
        except (EditError, yaml.YAMLError) as exc:
            if at == [0]:
                raise _NotAlone from None
            raise TimelineError(f"{where}: {exc}; nothing was written. Set '{field}.{TRANSLATES}' to "
                                f"'{record}' by hand.") from None
        done.append(f"{where}: marked current; it translates the English as it is now ({english}).")
    if not marked:
        raise TimelineError(f"{label}:{raw.line}: {entry}: has no {name} translation to mark current.")
    return text, done


def _lines_of(text: str, raw_events: list[Any], index: int) -> tuple[int, int]:
    """Return where an event's lines are in `text`: from its first to the next event's first.

    Editing those alone keeps marking one event quick in a file of 100,000.
    """
    following = raw_events[index + 1] if index + 1 < len(raw_events) else None
    first, last = raw_events[index].line, getattr(following, "line", 0)
    offsets = {}
    position, line = 0, 1
    for wanted in sorted({first, last} - {0}):
        while line < wanted:
            position, line = text.index("\n", position) + 1, line + 1
        offsets[wanted] = position
    return offsets[first], offsets[last] if last else len(text)


def _set(text: str, path: list[str | int], record: str) -> str:
    """Return `text` with the record at `path` set, written plain as editors write it, or quoted where it must be."""
    try:
        return set_string(text, path, record, written=record)
    except EditError:  # inside a flow mapping ({en: ..., translates: ...}) its comma needs quotes
        return set_string(text, path, record)
