"""The timeline's records, and the checks that turn parsed YAML into them.

Every problem in the data becomes one line of a `TimelineError`, naming the
file, the line, the event and the field, and saying what was expected and
what was found; one pass reports every problem in the file. The JSON Schema
(docs/data/timeline.schema.json, published for editors' YAML tooling) decides
the shape; the checks it cannot make (unique ids, EDTF dates, article
sections, repeated keys) are made here.

What the data lacks without being wrong is listed, never fatal: the
translations it does not have yet (`Timeline.missing`), and those whose
English has changed since they were made (`Timeline.outdated`; each text
records the fingerprint of the English its translations translate, in
`translates`, fingerprints.py).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from fingerprints import Outdated, fingerprint
from timeline.dates import When, parse_date
from timeline.errors import Report, TimelineError
from timeline.loader import YamlMapping, read_yaml

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping
    from contextlib import AbstractContextManager

    import jsonschema

    # Times a named step of the work, for the bench: `with clock("step"): ...`.
    Clock = Callable[[str], AbstractContextManager[None]]

# More events than this are refused: the build of 100,000 takes about 40 s
# (BENCHMARKS.md), and a file of millions would hold the build for an hour.
MAX_EVENTS = 200_000

# The languages an event's texts are given in; the first is required, and a
# page in another language shows it where a translation is missing.
LANGUAGES = {"en": "English", "ko": "Korean", "ru": "Russian"}
DEFAULT_LANGUAGE = "en"
# The fields that hold a text per language.
TEXT_FIELDS = ("title", "description", "note")
# The key of a text that records, per language, the fingerprint of the English
# its translation translates: `translates: ko 5e0c2a91, ru 5e0c2a91`. One
# string rather than a mapping: at 10,000 events a mapping per text made the
# YAML load 40 % slower (each node costs the loader Python work), this 10 %.
TRANSLATES = "translates"
_RECORD = re.compile(r"([a-z]{2})\s+([0-9a-f]{8})")


# -----------------------------------------------------------------------------
# Records
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """A text in each language it is given in; always in English, the default."""

    by_language: Mapping[str, str]
    # The languages whose translation records an English that has changed since.
    outdated: frozenset[str] = frozenset()

    def get(self, language: str) -> str:
        """Return the text in `language`, or in English where it has no translation."""
        return str(self.by_language.get(language) or self.by_language[DEFAULT_LANGUAGE])

    def has(self, language: str) -> bool:
        """Say whether the text is given in `language`."""
        return bool(self.by_language.get(language))

    def is_outdated(self, language: str) -> bool:
        """Say whether the text's translation into `language` translates an English that has changed since."""
        return language in self.outdated


@dataclass(frozen=True)
class Source:
    """A work that supports an event."""

    title: str
    url: str


@dataclass(frozen=True)
class Event:
    """One timeline entry, checked and dated."""

    id: str
    when: When
    title: Text
    description: Text
    sources: tuple[Source, ...]
    article: str | None = None
    note: Text | None = None
    context: bool = False
    line: int = 0

    def is_outdated(self, language: str) -> bool:
        """Say whether any of the event's texts in `language` translates an English that has changed since."""
        texts = (self.title, self.description, self.note)
        return any(text.is_outdated(language) for text in texts if text is not None)


@dataclass
class Timeline:
    """The checked events, in chronological order, and what the data lacks without being wrong."""

    events: list[Event] = field(default_factory=list)
    # Missing translations, one line each, by language: reported, never fatal.
    missing: dict[str, list[str]] = field(default_factory=dict)
    # Translations whose English has changed, or that record none, by language: reported, never fatal.
    outdated: dict[str, list[Outdated]] = field(default_factory=dict)


# -----------------------------------------------------------------------------
# Messages
# -----------------------------------------------------------------------------


def describe(value: Any) -> str:
    """Name a found value for a message: its type and a short form of it."""
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    if isinstance(value, dict):
        return "a mapping" if value else "an empty mapping"
    if value is None:
        return "nothing"
    if isinstance(value, str) and not value:
        return "empty text"
    kinds = {bool: "true/false", str: "text", int: "a number", float: "a number"}
    kind = next((name for t, name in kinds.items() if isinstance(value, t)), type(value).__name__)
    shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "...'"
    return f"{kind} {shown}"


def _expected(error: jsonschema.ValidationError) -> str:
    """Say in an editor's words what the schema expected."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    if "description" in schema:
        return str(schema["description"])
    if error.validator == "type":
        names = {"string": "text", "array": "a list", "object": "a mapping",
                 "boolean": "true or false", "integer": "a whole number"}
        types = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        return " or ".join(names.get(str(t), str(t)) for t in types)
    if error.validator == "minItems":
        return f"at least {error.validator_value} item(s)"
    if error.validator == "minLength":
        return "some text"
    return error.message


def _entry_name(index: int, raw: Any) -> str:
    """Name an event for a message by its position and, when it has one, its id."""
    name = f"event {index + 1}"
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        name += f" ('{raw['id']}')"
    return name


def _date_problem(exc: ValueError) -> str:
    """Say what a date should have been, given why it failed to parse."""
    if "reversed" in str(exc):
        return "a date range in order (the end comes before the start)"
    if "open-ended" in str(exc):
        return "a date range in order (both ends are needed)"
    return "a valid EDTF date such as 1986-07-28, 1988-09, 2003, 199X or 1989-06-02/1989-06-10"


# -----------------------------------------------------------------------------
# Checks
# -----------------------------------------------------------------------------


def load_schema(path: Path) -> dict[str, Any]:
    """Return the JSON Schema of the data file, which is published beside it."""
    schema: dict[str, Any] = json.loads(path.with_name("timeline.schema.json").read_text(encoding="utf-8"))
    return schema


def _normalise_dates(events: list[Any]) -> None:
    """Turn the dates and years YAML read as dates or numbers back into text."""
    for raw in events:
        if not isinstance(raw, dict):
            continue
        value = raw.get("date")
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            raw["date"] = value.isoformat()
        elif isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 9999:
            raw["date"] = f"{value:04d}"


def schema_valid(data: Any, schema: dict[str, Any]) -> bool:
    """Say whether the data meets the JSON Schema, by jsonschema-rs (Rust, about 100 times faster)."""
    try:
        return bool(jsonschema_rs.validator_for(schema).is_valid(data))
    except (ValueError, TypeError):  # a value JSON cannot hold (a YAML time, say)
        return False


def _schema_problems(data: Any, schema: dict[str, Any], report: Report) -> dict[int, set[str]]:
    """Report every place where the data breaks the JSON Schema; return the fields broken per event."""
    broken: dict[int, set[str]] = {}
    if schema_valid(data, schema):
        return broken
    # Only bad data pays for jsonschema (an import of 40 ms and a slower walk):
    # its errors carry the schema, path and instance that the messages need.
    import difflib

    import jsonschema

    validator = jsonschema.Draft202012Validator(schema)
    events = data.get("events") if isinstance(data, dict) else None
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        path = list(error.absolute_path)
        line = getattr(data, "line", 0)
        entry, field_name = "", None
        if len(path) >= 2 and path[0] == "events" and isinstance(path[1], int) and events is not None:
            raw = events[path[1]]
            entry = _entry_name(path[1], raw)
            broken.setdefault(path[1], set()).add(str(path[2]) if len(path) >= 3 else "")
            line = getattr(raw, "line", line)
            if len(path) >= 3:
                field_name = ".".join(str(p + 1) if isinstance(p, int) else p for p in path[2:])
                line = _line_of(raw, path[2:], line)
        elif path:
            field_name = str(path[0])
            line = getattr(data, "key_lines", {}).get(str(path[0]), line)
        if error.validator == "required":
            missing = re.search(r"'([^']+)' is a required property", error.message)
            name = missing.group(1) if missing else "?"
            keys = list(map(str, error.instance)) if isinstance(error.instance, dict) else []
            if difflib.get_close_matches(name, keys, n=1):
                continue  # a misspelt key: reported below as unknown, with the right name
            owner = "source" if field_name and field_name.startswith("sources") else "event" if entry else "file"
            prefix = f"{field_name}." if field_name else ""
            report.add(line, entry, prefix + name, f"is missing; every {owner} needs it.")
        elif error.validator == "additionalProperties":
            allowed = list(error.schema.get("properties", {})) if isinstance(error.schema, dict) else []
            instance = error.instance if isinstance(error.instance, dict) else {}
            # A text's keys are languages (and its record of the English); anything else's are fields.
            languages = [key for key in allowed if key in LANGUAGES]
            known = "language" if languages and set(allowed) <= {*LANGUAGES, TRANSLATES} else "field"
            also = f" Beside them, '{TRANSLATES}' records the English they translate." if TRANSLATES in allowed else ""
            for key in sorted(set(instance) - set(allowed), key=str):
                close = difflib.get_close_matches(str(key), allowed, n=1)
                names = ", ".join(languages if known == "language" else allowed)
                hint = f" Did you mean '{close[0]}'?" if close else f" Known {known}s: {names}.{also}"
                key_line = getattr(instance, "key_lines", {}).get(str(key), line)
                name = f"{field_name}.{key}" if field_name else str(key)
                report.add(key_line, entry, name, f"is not a known {known}.{hint}")
        else:
            report.add(line, entry, field_name, f"expected {_expected(error)}; found {describe(error.instance)}.")
    return broken


def _line_of(raw: Any, path: list[Any], line: int) -> int:
    """Return the line of the deepest key of `path` in an event, or `line` where the path leaves its mappings."""
    node = raw
    for key in path:
        if isinstance(node, YamlMapping) and str(key) in node.key_lines:
            line = node.key_lines[str(key)]
        elif not (isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node)):
            break
        node = node[key]
        if isinstance(node, YamlMapping) and isinstance(key, int):
            line = node.line
    return line


def _repeated_keys(data: Any, report: Report) -> None:
    """Report every key given twice in one mapping, naming both lines: YAML keeps only the last."""
    if isinstance(data, YamlMapping) and data.repeated:
        for key, first, again in data.repeated:
            report.add(again, "", key, f"is given twice, on lines {first} and {again}; the first value "
                                        "would be lost. Delete one of them.")
    events = data.get("events") if isinstance(data, dict) else None
    for index, raw in enumerate(events if isinstance(events, list) else []):
        if not isinstance(raw, YamlMapping):
            continue
        entry = _entry_name(index, raw)
        nested = [(f"{key}.", value) for key, value in raw.items() if isinstance(value, YamlMapping)]
        for key, value in raw.items():
            if isinstance(value, list):
                nested += [(f"{key}.{n}.", item) for n, item in enumerate(value, 1) if isinstance(item, YamlMapping)]
        for prefix, mapping in [("", raw), *nested]:
            for key, first, again in mapping.repeated:
                report.add(again, entry, prefix + key, f"is given twice, on lines {first} and {again}; the "
                                                       "first value would be lost. Delete one of them.")


def no_clock(name: str) -> AbstractContextManager[None]:
    """Time nothing: the clock of every build but the bench's."""
    return contextlib.nullcontext()


def check_timeline(data: Any, schema: dict[str, Any], label: str, sections: Iterable[str] = (),
                   clock: Clock = no_clock) -> Timeline:
    """Return the checked, sorted timeline from parsed YAML; raise TimelineError listing every problem."""
    report = Report(label)
    if data is None:
        report.add(0, "", None, "the file is empty; it needs a mapping with an 'events' list.")
        report.raise_if_any()
    _repeated_keys(data, report)
    if not (isinstance(data, dict) and isinstance(data.get("events"), list)):
        _schema_problems(data, schema, report)
        report.raise_if_any()
    if len(data["events"]) > MAX_EVENTS:
        report.add(data.key_lines.get("events", 0) if isinstance(data, YamlMapping) else 0, "", "events",
                   f"expected at most {MAX_EVENTS:,} events; found {len(data['events']):,}. "
                   "Split the file into timelines of their own.")
        report.raise_if_any()
    _normalise_dates(data["events"])
    with clock("JSON Schema (jsonschema-rs)"):
        broken = _schema_problems(data, schema, report)
    with clock("checks, EDTF dates and sorting"):
        return _checked(data, label, sections, report, broken)


def _checked(data: Any, label: str, sections: Iterable[str], report: Report, broken: dict[int, set[str]]) -> Timeline:
    """Make the checks a schema cannot make, and the records; raise TimelineError listing every problem."""
    # The checks a schema cannot make run on every event whose fields have the
    # right types, so that one build reports every problem in the file.
    sections = set(sections)
    seen: dict[str, int] = {}
    events = []
    missing: dict[str, list[str]] = {}
    outdated: dict[str, list[Outdated]] = {}
    for index, raw in enumerate(data["events"]):
        if not isinstance(raw, dict):
            continue
        entry, lines, bad = _entry_name(index, raw), getattr(raw, "key_lines", {}), broken.get(index, set())
        if "id" not in bad and isinstance(raw.get("id"), str):
            if raw["id"] in seen:
                report.add(lines["id"], entry, "id",
                           f"expected a unique id; found '{raw['id']}' again (first used on line {seen[raw['id']]}).")
            seen.setdefault(raw["id"], lines["id"])
        when = None
        if "date" not in bad and isinstance(raw.get("date"), str):
            try:
                when = parse_date(raw["date"])
            except ValueError as exc:
                report.add(lines["date"], entry, "date", f"expected {_date_problem(exc)}; found '{raw['date']}'.")
        if "article" not in bad and isinstance(raw.get("article"), str) and sections and raw["article"] not in sections:
            report.add(lines["article"], entry, "article",
                       f"expected one of the article's sections ({', '.join(sorted(sections))}); "
                       f"found '{raw['article']}'.")
        if bad or when is None:
            continue
        texts = _texts(raw, entry, label, missing, outdated)
        events.append(Event(
            id=raw["id"], when=when, title=texts["title"], description=texts["description"],
            sources=tuple(Source(s["title"].strip(), s["url"]) for s in raw["sources"]),
            article=raw.get("article"), note=texts.get("note"),
            context=bool(raw.get("context", False)), line=getattr(raw, "line", 0),
        ))
    report.raise_if_any()
    # Chronological by start, then end; sort() is stable, so ties keep file order.
    events.sort(key=lambda e: (e.when.start, e.when.end))
    return Timeline(events, missing, outdated)


def _texts(raw: Any, entry: str, label: str, missing: dict[str, list[str]],
           outdated: dict[str, list[Outdated]]) -> dict[str, Text]:
    """Return an event's checked texts, each stripped; record what each lacks or translates out of date, by language.

    The English of each text is fingerprinted once, here, for every language
    and every build: the timeline loads once for all of them.
    """
    texts = {}
    for name in TEXT_FIELDS:
        given = raw.get(name)
        if not given:
            continue
        by_language = {language: given[language].strip() for language in LANGUAGES if given.get(language)}
        english = fingerprint(by_language[DEFAULT_LANGUAGE])
        recorded = read_record(given.get(TRANSLATES))
        lines = getattr(given, "key_lines", {})
        stale = set()
        for language, language_name in LANGUAGES.items():
            if language == DEFAULT_LANGUAGE:
                continue
            if language not in by_language:
                # A record of the English without a translation is left alone:
                # the translation is missing, as if it had never been made.
                line = getattr(raw, "key_lines", {}).get(name, 0)
                missing.setdefault(language, []).append(
                    f"{label}:{line}: {entry}, field '{name}.{language}': has no {language_name} translation yet; "
                    f"the {language_name} timeline shows the English.")
            elif recorded.get(language) != english:
                if language in recorded:
                    stale.add(language)
                outdated.setdefault(language, []).append(Outdated(
                    file=label, line=lines.get(language, 0), entry=entry, field=f"{name}.{language}",
                    language=language, language_name=language_name, english=english,
                    recorded=recorded.get(language), command=current_command(label, raw["id"], name, language)))
        texts[name] = Text(by_language, frozenset(stale)) if stale else Text(by_language)
    return texts


def read_record(value: object) -> dict[str, str]:
    """Return a text's record of the English its translations translate ('ko 5e0c2a91, ru ...'), by language."""
    return dict(_RECORD.findall(value)) if isinstance(value, str) else {}


def write_record(recorded: Mapping[str, str]) -> str:
    """Return a record of the English, by language, as the file writes it: in the languages' order."""
    return ", ".join(f"{language} {recorded[language]}" for language in LANGUAGES if language in recorded)


def current_command(label: str, event: str, name: str, language: str) -> str:
    """Return the command that marks one text's translation current."""
    return f"make translations-current FILE={label} EVENT={event} FIELD={name} LANGUAGE={language}"


def load_timeline(path: Path, label: str, sections: Iterable[str] = (), clock: Clock = no_clock) -> Timeline:
    """Return the checked timeline read from `path`; raise TimelineError naming `label`."""
    with collector_paused():
        with clock("YAML (libyaml, with line numbers)"):
            data = read_yaml(path, label)
        return check_timeline(data, load_schema(path), label, sections, clock)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector for a while: while the data loads, or the page renders.

    Thousands of events make hundreds of thousands of small objects, and each
    batch of them starts a collection that walks the whole growing heap again:
    a third of the loading time at 10,000 events, and 2 s more of a
    100,000-event build while the page renders, growing faster than the
    events. These steps make little garbage with reference cycles; what there
    is, the collector takes when it runs again, as it was before.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "MAX_EVENTS", "Event", "Source", "Text", "Timeline", "TimelineError",
           "check_timeline", "load_timeline", "no_clock"]
