"""Load, check and date the timeline data file, docs/data/timeline.yml.

Pure helpers for the timeline hook (hooks/timeline.py): nothing here knows
about MkDocs, so the tests call these functions directly. Every problem in the
data becomes one line of a `TimelineError`, naming the file, the line, the
event and the field.
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
import yaml

from timeline_dates import When, parse_date

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    import jsonschema


# -----------------------------------------------------------------------------
# Records
# -----------------------------------------------------------------------------


class TimelineError(Exception):
    """Bad timeline data; the message holds one line per problem."""


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
    title: str
    description: str
    sources: tuple[Source, ...]
    article: str | None = None
    note: str | None = None
    context: bool = False
    line: int = 0


@dataclass
class Timeline:
    """The checked events, in chronological order."""

    events: list[Event] = field(default_factory=list)


# -----------------------------------------------------------------------------
# Loading
# -----------------------------------------------------------------------------


class _Mapping(dict):
    """A YAML mapping that remembers the line of itself and of each key."""

    line: int = 0
    key_lines: dict[str, int]


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader (C-accelerated where available) that records line numbers."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> _Mapping:
        mapping = _Mapping(super().construct_mapping(node, deep=deep))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {
            str(key.value): key.start_mark.line + 1 for key, _ in node.value if hasattr(key, "value")
        }
        return mapping


    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        # YAML turns 1986-13-28 into a date and fails with a bare ValueError;
        # keep such text as it is, so the date check reports it properly.
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _Loader.construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def load_schema(path: Path) -> dict:
    """Return the JSON Schema of the data file, which is published beside it."""
    return json.loads(path.with_name("timeline.schema.json").read_text(encoding="utf-8"))


def _describe(value: Any) -> str:
    """Name a found value for a message: its type and a short form of it."""
    kinds = {str: "text", bool: "true/false", int: "a number", float: "a number",
             list: "a list", dict: "a mapping", type(None): "nothing"}
    kind = next((name for t, name in kinds.items() if isinstance(value, t)), type(value).__name__)
    if isinstance(value, (list, dict, str)) and not value:
        return {list: "an empty list", dict: "an empty mapping", str: "empty text"}[type(value)]
    if isinstance(value, (list, dict)) or value is None:
        return kind
    shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "...'"
    return f"{kind} {shown}"


def _expected(error: jsonschema.ValidationError) -> str:
    """Say in an editor's words what the schema expected."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    if "description" in schema:
        return schema["description"]
    if error.validator == "type":
        names = {"string": "text", "array": "a list", "object": "a mapping",
                 "boolean": "true or false", "integer": "a whole number"}
        types = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        return " or ".join(names.get(t, t) for t in types)
    if error.validator == "minItems":
        return f"at least {error.validator_value} item(s)"
    if error.validator == "minLength":
        return "some text"
    return error.message


class _Report:
    """Collects one line per problem, all naming the same file."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.lines: list[str] = []

    def add(self, line: int, entry: str, field_name: str | None, message: str) -> None:
        where = f"{self.label}:{line}" if line else self.label
        who = ", ".join(filter(None, [entry, f"field '{field_name}'" if field_name else ""]))
        text = f"{where}: {who}: {message}" if who else f"{where}: {message}"
        if text not in self.lines:  # two schema rules can fail on one value
            self.lines.append(text)

    def raise_if_any(self) -> None:
        if self.lines:
            count = len(self.lines)
            problems, them = ("problems", "them") if count > 1 else ("problem", "it")
            head = f"The timeline data has {count} {problems}; fix {them} and build again:"
            raise TimelineError("\n".join([head, *("  " + line for line in self.lines)]))


def _entry_name(index: int, raw: Any) -> str:
    """Name an event for a message by its position and, when it has one, its id."""
    name = f"event {index + 1}"
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        name += f" ('{raw['id']}')"
    return name


def _normalise_dates(events: list) -> None:
    """Turn the dates and years YAML read as dates or numbers back into text."""
    for raw in events:
        if not isinstance(raw, dict):
            continue
        value = raw.get("date")
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            raw["date"] = value.isoformat()
        elif isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 9999:
            raw["date"] = f"{value:04d}"


def _schema_valid(data: Any, schema: dict) -> bool:
    """Say whether the data meets the JSON Schema, by jsonschema-rs (Rust, about 100 times faster)."""
    try:
        return jsonschema_rs.validator_for(schema).is_valid(data)
    except (ValueError, TypeError):  # a value JSON cannot hold (a YAML time, say)
        return False


def _schema_problems(data: Any, schema: dict, report: _Report) -> dict[int, set[str]]:
    """Report every place where the data breaks the JSON Schema; return the fields broken per event."""
    broken: dict[int, set[str]] = {}
    if _schema_valid(data, schema):
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
        entry, field_name, node = "", None, data
        if len(path) >= 2 and path[0] == "events" and isinstance(path[1], int):
            raw = events[path[1]]
            entry = _entry_name(path[1], raw)
            broken.setdefault(path[1], set()).add(str(path[2]) if len(path) >= 3 else "")
            line = getattr(raw, "line", line)
            node = raw
            if len(path) >= 3:
                field_name = ".".join(str(p + 1) if isinstance(p, int) else p for p in path[2:])
                line = getattr(raw, "key_lines", {}).get(str(path[2]), line)
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
            allowed = list(error.schema.get("properties", {}))
            for key in sorted(set(node) - set(allowed)) if isinstance(node, dict) and not field_name else []:
                close = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f" Did you mean '{close[0]}'?" if close else f" Known fields: {', '.join(allowed)}."
                key_line = getattr(node, "key_lines", {}).get(str(key), line)
                report.add(key_line, entry, str(key), f"is not a known field.{hint}")
            if field_name:
                report.add(line, entry, field_name, error.message)
        else:
            report.add(line, entry, field_name, f"expected {_expected(error)}; found {_describe(error.instance)}.")
    return broken


def read_yaml(path: Path, label: str) -> Any:
    """Return the parsed YAML of `path`; raise TimelineError naming `label` if it cannot be read."""
    if not path.is_file():
        raise TimelineError(f"{label}: the timeline data file is missing; create it with an 'events' list.")
    text = path.read_text(encoding="utf-8")
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        problem = " ".join(filter(None, [getattr(exc, "context", None), getattr(exc, "problem", None)]))
        if "could not determine a constructor" in str(exc):
            problem = f"{problem.strip()} (tags such as !!python/... are not allowed; write plain YAML values)"
        raise TimelineError(f"{label}{line}: the file is not valid YAML: {problem or exc}") from exc


def _date_problem(exc: ValueError) -> str:
    """Say what a date should have been, given why it failed to parse."""
    if "reversed" in str(exc):
        return "a date range in order (the end comes before the start)"
    if "open-ended" in str(exc):
        return "a date range in order (both ends are needed)"
    return "a valid EDTF date such as 1986-07-28, 1988-09, 2003, 199X or 1989-06-02/1989-06-10"


def check_timeline(data: Any, schema: dict, label: str, sections: Iterable[str] = ()) -> Timeline:
    """Return the checked, sorted timeline from parsed YAML; raise TimelineError listing every problem."""
    report = _Report(label)
    if data is None:
        report.add(0, "", None, "the file is empty; it needs a mapping with an 'events' list.")
        report.raise_if_any()
    if not (isinstance(data, dict) and isinstance(data.get("events"), list)):
        _schema_problems(data, schema, report)
        report.raise_if_any()
    _normalise_dates(data["events"])
    broken = _schema_problems(data, schema, report)

    # The checks a schema cannot make run on every event whose fields have the
    # right types, so that one build reports every problem in the file.
    sections = set(sections)
    seen: dict[str, int] = {}
    events = []
    for index, raw in enumerate(data["events"]):
        if not isinstance(raw, dict):
            continue
        entry, lines, bad = _entry_name(index, raw), raw.key_lines, broken.get(index, set())
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
        events.append(Event(
            id=raw["id"], when=when, title=raw["title"].strip(), description=raw["description"].strip(),
            sources=tuple(Source(s["title"].strip(), s["url"]) for s in raw["sources"]),
            article=raw.get("article"), note=(raw.get("note") or "").strip() or None,
            context=bool(raw.get("context", False)), line=raw.line,
        ))
    report.raise_if_any()
    # Chronological by start, then end; sort() is stable, so ties keep file order.
    events.sort(key=lambda e: (e.when.start, e.when.end))
    return Timeline(events)


def load_timeline(path: Path, label: str, sections: Iterable[str] = ()) -> Timeline:
    """Return the checked timeline read from `path`; raise TimelineError naming `label`."""
    with collector_paused():
        return check_timeline(read_yaml(path, label), load_schema(path), label, sections)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector for a while: while the data loads, or the page renders.

    Thousands of events make hundreds of thousands of small objects, and each
    batch of them starts a collection that walks the whole growing heap again:
    a third of the loading time at 10,000 events, and 2 s more of a
    100,000-event build while the page renders, growing faster than the
    events. These steps make little garbage with reference cycles; what there
    is, the collector takes when it runs again, as it was before. Also a
    decorator.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
