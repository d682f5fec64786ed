"""Set one string in a YAML text in place, keeping every other character as the editor wrote it.

`make translations-current` records a fingerprint this way, in the timeline
data and in a page's front matter: comments, blank lines, key order, quoting
and line wrapping stay as they are, and only the one value changes.

PyYAML's composer gives every node's exact position. The new value
(double-quoted, unless the caller writes it otherwise) takes the old one's
place; a key the mapping lacks goes on a line of its own after the mapping's
last entry, at its indentation, or before the closing brace of a flow
mapping; and a mapping missing on the way is written as a one-line flow
mapping (`translation: {translates: "5e0c2a91"}`). The result is read back
and must equal the original with that one value set; if it does not,
`EditError` says so and the caller writes nothing.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from collections.abc import Sequence

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class EditError(Exception):
    """The value cannot be set without changing something else; the message says what to set by hand."""


def set_string(text: str, path: Sequence[str | int], value: str, written: str | None = None) -> str:
    """Return `text` with the string at `path` (mapping keys and list indices) set to `value`; raise EditError.

    `written` is how the value is written, if not double-quoted: plain, say.
    """
    written = json.dumps(value, ensure_ascii=False) if written is None else written
    if not path:
        raise EditError("nothing to set: the path is empty")
    node = yaml.compose(text, Loader=_Loader)  # a safe loader, as every reading of the data
    if node is None:
        raise EditError("the text is empty")
    depth = 0
    for key in path:
        child = _child(node, key)
        if child is None:
            break
        node, depth = child, depth + 1
    rest = path[depth:]
    where = ".".join(map(str, path[:depth])) or "the top level"
    if not rest:
        if not isinstance(node, yaml.ScalarNode):
            raise EditError(f"'{where}' holds a list or mapping, not a value")
        start, end = node.start_mark.index, node.end_mark.index
        if node.style in ("|", ">"):  # a block scalar ends where the next line starts
            end = len(text[:end].rstrip())
        edited = text[:start] + written + text[end:]
    elif isinstance(node, yaml.MappingNode) and all(isinstance(key, str) for key in rest):
        edited = _add(text, node, _entry([str(key) for key in rest], written))
    else:
        raise EditError(f"'{where}' holds no mapping to add '{'.'.join(map(str, rest))}' to")
    _verify(text, edited, path, value)
    return edited


def _child(node: yaml.Node, key: str | int) -> yaml.Node | None:
    """Return the node at `key` of a mapping (the last, as YAML keeps) or index of a list; None if it has none."""
    if isinstance(node, yaml.MappingNode) and isinstance(key, str):
        found = [value for name, value in node.value if isinstance(name, yaml.ScalarNode) and name.value == key]
        return found[-1] if found else None
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        child: yaml.Node = node.value[key]
        return child
    return None


def _entry(keys: list[str], written: str) -> str:
    """Return a mapping entry setting a value, as `written`, under `keys`, nested as one-line flow mappings."""
    entry = written
    for key in reversed(keys[1:]):
        entry = f"{{{key}: {entry}}}"
    return f"{keys[0]}: {entry}"


def _add(text: str, mapping: yaml.MappingNode, entry: str) -> str:
    """Return `text` with `entry` added to `mapping`: before its closing brace, or on a line after its last entry."""
    if mapping.flow_style:
        close = mapping.end_mark.index - 1
        if text[close:close + 1] != "}":
            raise EditError("a flow mapping without its closing brace")
        at = len(text[:close].rstrip(" \t"))
        return text[:at] + (", " if mapping.value else "") + entry + text[at:]
    newline = "\r\n" if "\r\n" in text else "\n"
    indent: int = mapping.value[0][0].start_mark.column
    # After the last value's last character (a block scalar's end mark lies
    # past its trailing blank lines), and after any comment on that line.
    end = len(text[:mapping.value[-1][1].end_mark.index].rstrip())
    line_end = text.find("\n", end)
    if line_end == -1:
        text, line_end = text + newline, len(text) + len(newline) - 1
    return text[:line_end + 1] + " " * indent + entry + newline + text[line_end + 1:]


def _verify(before: str, after: str, path: Sequence[str | int], value: str) -> None:
    """Check that `after` reads as `before` with the one value set, and nothing else changed."""
    expected = yaml.load(before, Loader=_Loader)
    node = expected
    for key, following in zip(path, [*path[1:], None], strict=True):
        if following is None:
            node[key] = value
        else:
            if isinstance(node, dict) and key not in node:
                node[key] = {}
            node = node[key]
    try:
        found = yaml.load(after, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise EditError(f"the edit would break the YAML ({exc})") from None
    if found != expected:
        raise EditError("the edit would change more than the one value")
