"""Search index entries for the timeline's page, as Material's search plugin would make them.

Material's search plugin reads every page through Python's HTMLParser, which
costs about 0.2 ms per event: two seconds of a 10,000-event build. The hook
therefore excludes the timeline page from Material's indexing (the page's
`search: exclude`) and adds the entries `render` makes with this module, a
tokenizer of a regular expression in place of HTMLParser.

It follows Material's rules (material/plugins/search/plugin.py, `Parser`) for
well-formed HTML that opens with its h1 and whose headings are not nested in
other elements, as the timeline's is: a section per heading with an id, the first
at the page's own address; paragraphs, lists, code, sub- and superscripts kept
as bare tags; every other tag dropped, with the content of scripts, styles and
anything marked `data-search-exclude`; whitespace collapsed; text escaped. A
test feeds the built page to Material's own parser and requires the same
entries, so a change in Material shows up as a failing test.
"""

from __future__ import annotations

import html
import re

# What Material's parser keeps as markup and what it skips with its content.
KEPT = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
SKIPPED = frozenset({"script", "style", "object"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr"})

_HEADING = re.compile(r'<(h[1-6]) id="([^"]+)"[^>]*>(.*?)</\1>', re.S)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
# A comment, or a tag: "/" for a closing tag, the name, then its attributes.
_TOKEN = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>", re.S)


def _title(inner: str) -> str:
    """Return a heading's text, without its permalink, as Material indexes it."""
    text = _TOKEN.sub("", _HEADERLINK.sub("", inner))
    return html.escape(html.unescape(text).replace("\n", " "), quote=False).strip()


def _add_text(pieces: list[str], text: str, pre: bool) -> None:
    """Add a run of text as Material does: whitespace collapsed outside <pre>, the rest escaped."""
    text = html.unescape(text)
    if not pre:
        text = " " if text.isspace() else text.replace("\n", " ")
    if not text.isspace():
        pieces.append(html.escape(text, quote=False))
    elif not pieces or not pieces[-1].isspace() or pre:
        pieces.append(text)


def _text(part: str) -> str:
    """Return a section's body as Material indexes it: kept tags bare, the rest as escaped text."""
    # One loop with plain counters, not Material's sets of elements: this runs
    # over every tag of the page. split() gives the text before each tag, then
    # the tag's (closing slash, name, attributes), all None for a comment.
    tokens = _TOKEN.split(part)
    pieces: list[str] = []
    context: list[str] = []  # the open elements, by tag
    excluded: set[str] = set()  # Material skips inside any open element of an excluded tag, by name
    special = pre = 0  # open scripts, styles and objects; open <pre> elements
    for text, closing, tag, attributes in zip(tokens[:-1:4], tokens[1::4], tokens[2::4], tokens[3::4], strict=True):
        if text and not special and not (excluded and any(t in excluded for t in context)):
            _add_text(pieces, text, pre > 0)
        if not tag:
            continue  # a comment
        tag = tag.lower()
        if tag in VOID:
            continue  # an element without content
        if not closing:
            context.append(tag)
            if tag in SKIPPED:
                special += 1
            elif tag == "pre":
                pre += 1
            if "data-search-exclude" in attributes or 'class="linenodiv"' in attributes:
                excluded.add(tag)
            elif tag in KEPT and not special and not (excluded and any(t in excluded for t in context)):
                pieces.append(f"<{tag}>")
            if not attributes.endswith("/"):
                continue
        # A closing tag, or the end of a self-closed one such as <circle ... />.
        if not context or context[-1] != tag:
            continue  # Material ignores a closing tag that does not close the innermost element
        context.pop()
        if tag in SKIPPED:
            special -= 1
            continue
        if tag == "pre":
            pre -= 1
        if tag in excluded:
            excluded.discard(tag)
            continue
        if tag not in KEPT or special or (excluded and any(t in excluded for t in context)):
            continue
        # Material drops an element that holds only whitespace, looking from
        # the first opening tag of its kind in the section. (Where the element
        # opened inside excluded content there is none, and Material fails;
        # the entry goes without the closing tag.)
        if f"<{tag}>" not in pieces:
            continue
        first = pieces.index(f"<{tag}>")
        if any(not piece.isspace() for piece in pieces[first + 1:]):
            pieces.append(f"</{tag}>")
        else:
            del pieces[first:]
    text = tokens[-1]
    if text and not special and not (excluded and any(t in excluded for t in context)):
        _add_text(pieces, text, pre > 0)
    return "".join(pieces).strip()


def section_entries(content: str, page_url: str) -> list[dict[str, str]]:
    """Return the search entries of a page's content: one per heading with an id, with the text up to the next."""
    headings = list(_HEADING.finditer(content))
    entries = []
    for index, heading in enumerate(headings):
        end = headings[index + 1].start() if index + 1 < len(headings) else len(content)
        entries.append({
            # Material gives the first section the page's own address.
            "location": f"{page_url}#{heading.group(2)}" if index else page_url,
            "title": _title(heading.group(3)),
            "text": _text(content[heading.end():end]),
        })
    return entries
