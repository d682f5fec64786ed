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


# Most descriptions are prose with, at most, the inline Markdown editors use
# most: emphasis, strong emphasis and links. What Python-Markdown makes of
# such a text is known, paragraph by paragraph, and `simple_html` writes it
# out directly, twenty times as fast as Python-Markdown reads it; a property
# test holds the two equal on every text it accepts. It accepts only what
# it can be sure of: no character that Markdown or an extension of the
# site's reads specially (raw HTML, entities, escapes, code, underscores,
# images, attribute lists, tables, fences), no line that could open a block
# (a list, a quotation, a heading, a definition, a reference, an indented
# one), no trailing space (a line break), and every `*`, `[` and `]` part
# of an emphasis or a link. Anything else goes to Python-Markdown.
_NOT_SIMPLE = re.compile(r"[<>&\\`_|{}!\x00-\x09\x0b-\x1f\x7f\ue000]|~~")
_BLOCK_START = re.compile(r"^(?:[-+>#:=| ]|\d+[.)]|\*[ ]|\*\*\*)|[ ]$", re.MULTILINE)
_LINK = re.compile(r"\[([^\[\]*\n]+)\]\(([\w.~:/?#@$%+,;=-]+)\)")
_STRONG = re.compile(r"\*\*([^*\s\ue000](?:[^*\n\ue000]*[^*\s\ue000])?)\*\*")
_EMPHASIS = re.compile(r"\*([^*\s\ue000](?:[^*\n\ue000]*[^*\s\ue000])?)\*")


def simple_html(text: str) -> str | None:
    """Return the HTML Python-Markdown makes of a text of simple prose (see above), or None if it is not one."""
    if not text or text != text.strip() or _NOT_SIMPLE.search(text) or _BLOCK_START.search(text) or "\n\n\n" in text:
        return None
    links: list[str] = []

    def link(match: re.Match[str]) -> str:
        links.append(f'<a href="{match.group(2)}">{match.group(1)}</a>')
        return "\ue000"

    inline = _LINK.sub(link, text)
    inline = _STRONG.sub(r"<strong>\1</strong>", inline)
    inline = _EMPHASIS.sub(r"<em>\1</em>", inline)
    if any(mark in inline for mark in "*[]"):
        return None
    parts = iter(links)
    inline = re.sub("\ue000", lambda _: next(parts), inline)
    return "\n".join(f"<p>{paragraph}</p>" for paragraph in inline.split("\n\n"))


def render_markdown(texts: Iterable[str], convert: Callable[[str], str], batch: int = MARKDOWN_BATCH) -> dict[str, str]:
    """Return the HTML of each text: simple prose written out, the rest by `convert`, plain prose in batches.

    `convert` is one Markdown call; plain prose goes through it a hundred
    texts at a time, anything else a text at a time.
    """
    unique = list(dict.fromkeys(texts))
    out = {text: html for text in unique if (html := simple_html(text)) is not None}
    out.update({text: convert(text) for text in unique if text not in out and _UNSAFE.search(text)})
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
