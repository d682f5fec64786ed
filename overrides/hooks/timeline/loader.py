"""Read the timeline's YAML file so that no file can crash or stall the build.

Every way a file can be malformed ends in a `TimelineError` whose message
names the file and the line, says what was expected and what was found, and
says how to fix it. The checks run in the order an editor would want them:

- the size, before anything is read: at most `MAX_BYTES` (128 MiB; the
  100,000-event benchmark file, each text in three languages, is 96 MB);
- the bytes: UTF-8, with or without a byte-order mark; Windows line endings
  are fine, as YAML reads them;
- the characters: no NUL or other control character (YAML forbids them, and
  PyYAML would report only an offset into the file);
- the YAML itself, through the safe loader only, with three refusals:
  anchors and aliases (`&name`, `*name`), which let a few lines stand for
  billions of values (the "billion laughs"); tags that construct Python
  objects; and nesting deeper than libyaml's 1,000 levels;
- repeated keys, which YAML silently resolves to the last value: each
  mapping remembers them, and the checks (data.py) report both lines.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from timeline.errors import TimelineError

# The largest data file accepted: room for the 100,000-event benchmark in
# three languages (96 MB), and small enough that loading it stays within a
# few GB of memory.
MAX_BYTES = 128 * 1024 * 1024

# What YAML 1.1 does not allow in a stream: C0 controls other than tab and
# line breaks, DEL, C1 controls other than NEL, and the two non-characters.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
_CONTROL_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "backspace", 0x0B: "vertical tab", 0x0C: "form feed",
                  0x1B: "ESC", 0x7F: "DEL"}


# -----------------------------------------------------------------------------
# The YAML loader
# -----------------------------------------------------------------------------


class YamlMapping(dict):  # type: ignore[type-arg]
    """A YAML mapping that remembers its line, the line of each key, and keys given twice."""

    line: int = 0
    key_lines: dict[str, int]
    # (key, line of the first, line of the repeat) for each key given again.
    repeated: list[tuple[str, int, int]]


class _AliasError(yaml.YAMLError):
    """An alias (*name) repeats a node; the mark is the anchored node's."""

    def __init__(self, mark: yaml.Mark) -> None:
        super().__init__()
        self.problem_mark = mark


_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc]
    """The safe loader (libyaml's where available) with line numbers, and no aliases."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # The constructor builds each node once and hands out the same object
        # for every alias of it; a node asked for twice is therefore an alias.
        # Refusing it here costs one dictionary look-up per node.
        if node in self.constructed_objects:
            raise _AliasError(node.start_mark)
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> YamlMapping:
        mapping = YamlMapping(super().construct_mapping(node, deep=deep))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        mapping.repeated = []
        for key, _ in node.value:
            name, line = str(getattr(key, "value", key)), key.start_mark.line + 1
            if name in mapping.key_lines:
                mapping.repeated.append((name, mapping.key_lines[name], line))
            else:
                mapping.key_lines[name] = line
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


# -----------------------------------------------------------------------------
# Reading
# -----------------------------------------------------------------------------


def _line_and_column(text: str, offset: int) -> tuple[int, int]:
    """Return the 1-based line and column of a character offset."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def read_text(path: Path, label: str) -> str:
    """Return the file's text, checked for size, encoding and control characters."""
    if not path.is_file():
        raise TimelineError(f"{label}: the timeline data file is missing; create it with an 'events' list.")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise TimelineError(
            f"{label}: the file is {size / 2**20:.1f} MiB; a timeline data file may be at most "
            f"{MAX_BYTES // 2**20} MiB. Split off what does not belong to this timeline."
        )
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark, as Windows editors write, is dropped
    except UnicodeDecodeError as exc:
        start = exc.start
        line = data.count(b"\n", 0, start) + 1
        line_start = data.rfind(b"\n", 0, start) + 1
        column = len(data[line_start:start].decode("utf-8", errors="replace")) + 1
        byte = data[start]
        # Most files that are not UTF-8 were saved as Windows-1252 or Latin-1.
        guess = data[start:start + 1].decode("cp1252", errors="replace")
        seen = f" (perhaps '{guess}' in another encoding)" if guess.isprintable() and guess != "\ufffd" else ""
        raise TimelineError(
            f"{label}:{line}: expected UTF-8 text; found byte 0x{byte:02X} in column {column}{seen}, "
            "which UTF-8 cannot hold. Save the file as UTF-8 (in most editors: Save As, then "
            "choose the UTF-8 encoding) and build again."
        ) from None
    if (found := _CONTROL.search(text)) is not None:
        line, column = _line_and_column(text, found.start())
        code = ord(found.group())
        name = _CONTROL_NAMES.get(code) or unicodedata.name(found.group(), "control character")
        raise TimelineError(
            f"{label}:{line}: expected text; found the invisible control character U+{code:04X} "
            f"({name}) in column {column}, which YAML does not allow. Delete it (retyping the line "
            "removes it) and build again."
        )
    return text


def parse(text: str, label: str) -> Any:
    """Return the parsed YAML of `text`; raise TimelineError naming `label` and the line if it is not valid."""
    try:
        return yaml.load(text, Loader=_Loader)  # _Loader is a SafeLoader
    except _AliasError as exc:
        line = exc.problem_mark.line + 1
        raise TimelineError(
            f"{label}:{line}: expected each value written out; found a YAML anchor (&name) on this line "
            "that an alias (*name) repeats elsewhere. Anchors and aliases are not allowed, because a few "
            "of them can stand for billions of values; copy the value to each place that needs it."
        ) from None
    except RecursionError:
        raise TimelineError(
            f"{label}: expected at most a few levels of lists and mappings; found them nested too deeply "
            "to read. Check the file's indentation and brackets."
        ) from None
    except yaml.YAMLError as exc:
        raise TimelineError(_yaml_message(exc, label)) from None


def _yaml_message(exc: yaml.YAMLError, label: str) -> str:
    """Word a YAML syntax error with its line and the parser's own explanation."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = f":{mark.line + 1}" if mark else ""
    problem = " ".join(filter(None, [getattr(exc, "context", None), getattr(exc, "problem", None)]))
    if "could not determine a constructor" in str(exc):
        problem = f"{problem.strip()} (tags such as !!python/... are not allowed; write plain YAML values)"
    elif "maximum nesting depth" in str(exc):
        problem = ("lists and mappings are nested more than 1,000 levels deep; "
                   "a timeline needs five. Check the file's indentation and brackets")
    return f"{label}{line}: the file is not valid YAML: {problem or exc}."


def read_yaml(path: Path, label: str) -> Any:
    """Return the parsed YAML of the file at `path`; raise TimelineError naming `label` if it cannot be read."""
    return parse(read_text(path, label), label)
