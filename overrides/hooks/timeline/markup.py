"""The Markdown of descriptions and notes: which extensions they use, and how they are converted fast.

This is the one place that decides how a description's Markdown is read: with
the site's own extensions and their settings, less those that would give
headings permalinks or number footnotes per description (their ids would
collide across events).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    import markdown

# Extensions of the site that descriptions do without, and why: see above.
EXCLUDED = frozenset({"toc", "footnotes"})


@dataclass(frozen=True)
class MarkdownConfig:
    """The site's Markdown configuration: extensions (names or instances) and their settings by name."""

    extensions: Sequence[Any] = ()
    configs: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


def description_markdown(config: MarkdownConfig) -> markdown.Markdown:
    """Return the Markdown converter for descriptions and notes: the site's extensions, less EXCLUDED."""
    import markdown

    extensions = [e for e in config.extensions if not (isinstance(e, str) and e in EXCLUDED)]
    configs = {name: dict(values) for name, values in config.configs.items() if name not in EXCLUDED}
    return markdown.Markdown(extensions=extensions, extension_configs=configs)


# Python-Markdown spends about 70 µs on every call before it reads a word:
# for a one-line description, nearly half the time. Plain prose is therefore
# converted a hundred texts at a time, joined by a paragraph of its own, and
# the HTML split at that paragraph; a property test proves the result equals
# one call per text. What could reach across texts takes a call of its own:
# raw HTML, reference and abbreviation definitions, code (fenced or
# indented), and the block syntax of the extensions (tables, admonitions,
# definition lists).
_SEPARATOR = "timeline-markdown-separator"
_UNSAFE = re.compile(rf"<|\]:|\*\[|```|~~~|!!!|\?\?\?|\||^[ \t]|^:|{_SEPARATOR}", re.MULTILINE)
MARKDOWN_BATCH = 100


def render_markdown(texts: Iterable[str], convert: Callable[[str], str], batch: int = MARKDOWN_BATCH) -> dict[str, str]:
    """Return the HTML of each text, converted by `convert` (one Markdown call), batching plain prose."""
    unique = list(dict.fromkeys(texts))
    out = {text: convert(text) for text in unique if _UNSAFE.search(text)}
    plain = [text for text in unique if text not in out]
    for start in range(0, len(plain), batch):
        chunk = plain[start:start + batch]
        parts = convert(f"\n\n{_SEPARATOR}\n\n".join(chunk)).split(f"\n<p>{_SEPARATOR}</p>\n")
        if len(parts) != len(chunk):  # texts ran together after all: one call each
            parts = [convert(text) for text in chunk]
        out.update(zip(chunk, parts, strict=True))
    return out


def convert_all(texts: Iterable[str], config: MarkdownConfig) -> dict[str, str]:
    """Return the HTML of each description or note, converted as descriptions are."""
    md = description_markdown(config)
    return render_markdown(texts, lambda text: md.reset().convert(text))
