"""Ship lighter stylesheets and scripts: the page weight budget is 1.10 × a bare Material page.

- The site's own CSS and JavaScript (extra_css, extra_javascript) are kept
  readable, with comments, in docs/assets/; the build publishes them minified
  (rcssmin, rjsmin), which saves about 1.4 KB gzip on every page.
- Material's palette stylesheet carries rules for all 21 primary and accent
  colours (2.1 KB gzip), but a page only ever shows the colours configured in
  `theme.palette`. The build drops the rules that select any other colour
  (parsed with tinycss2), leaving 0.8 KB gzip.

- Material's main stylesheet (22.8 KB gzip) styles every feature Material
  has: code blocks, tabs, blogs, the other admonition types, their icons. Once
  the site is written, the build keeps only the selectors whose classes
  appear in the pages or in the scripts (which add classes of their own), and
  then only the custom properties something still reads: about 14 KB gzip.
  Classes inside :not(), :is() and the like never remove a selector, so the
  cut errs on keeping. The file gets a name from its new content, and the
  pages are pointed at it, so no cache serves a stale copy.

The first two replace the file in MkDocs' file list (File.generated), so
docs/ and the theme stay untouched and `mkdocs serve` picks up edits as
usual; the third works on the written site, in on_post_build.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import rcssmin
import rjsmin
import tinycss2
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from material_internals import JAVASCRIPTS, MAIN_STYLESHEET, PALETTE

if TYPE_CHECKING:
    from collections.abc import Iterable

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

_COLOUR = re.compile(r"""data-md-color-(primary|accent)=["']?([\w-]+)""")


# -----------------------------------------------------------------------------
# Helpers
# -----------------------------------------------------------------------------


def palette_colours(palette: dict[str, Any] | list[dict[str, Any]] | None) -> dict[str, set[str]]:
    """Return the primary and accent colours the configured palettes use."""
    schemes = palette if isinstance(palette, list) else [palette or {}]
    # Material's defaults, for a palette entry that names no colour.
    return {
        kind: {str(scheme.get(kind) or "indigo").replace(" ", "-").lower() for scheme in schemes}
        for kind in ("primary", "accent")
    }


def _split_selectors(prelude: list[Any]) -> list[str]:
    """Split a rule's prelude at its top-level commas into selectors."""
    selectors: list[str] = []
    current: list[Any] = []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append(tinycss2.serialize(current))
            current = []
        else:
            current.append(token)
    selectors.append(tinycss2.serialize(current))
    return selectors


def _unused(selector: str, colours: dict[str, set[str]]) -> bool:
    """Say whether a selector only matches a colour the site never sets."""
    return any(value not in colours[kind] for kind, value in _COLOUR.findall(selector))


def _keep_rules(rules: list[Any], colours: dict[str, set[str]]) -> str:
    """Serialise the rules, leaving out those whose every selector is for an unused colour."""
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            if all(_unused(selector, colours) for selector in _split_selectors(rule.prelude)):
                continue
            out.append(rule.serialize())
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in ("media", "supports"):
            inner = _keep_rules(tinycss2.parse_blocks_contents(rule.content, skip_comments=True,
                                                              skip_whitespace=True), colours)
            if inner:
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}")
        elif rule.type != "error":
            out.append(rule.serialize())
    return "".join(out)


def slim_palette(css: str, colours: dict[str, set[str]]) -> str:
    """Return Material's palette stylesheet with only the rules for these colours."""
    return _keep_rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), colours)


_PARENTHESES = re.compile(r"\((?:[^()]|\([^()]*\))*\)")
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_WORD = re.compile(r"[\w-]+")
_CUSTOM_PROPERTY = re.compile(r"--[\w-]+")
_MATERIAL_PROPERTY = re.compile(r"--md-[\w-]+")


# Without the space before it, which would make the scan test every character
# of a page: "data-class=" or a "class=" in a page's text now and then adds a
# word, and the cut errs on keeping.
_CLASS_ATTRIBUTE = re.compile(r"""class=(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""")


def used_words(pages: Iterable[str], scripts: Iterable[str] = ()) -> set[str]:
    """Return the class names the pages give elements, and every word of the scripts, which add classes too.

    A word of a script is a superset of the classes it can set: the cut errs on
    keeping. Of a page only its class attributes are read, which on a
    timeline of 100,000 events is a small part of the page.
    """
    values: set[tuple[str, str, str]] = set()  # (double-quoted, single-quoted, bare): one of them is given
    for page in pages:
        values.update(_CLASS_ATTRIBUTE.findall(page))  # a long page repeats few distinct values
    words = {word for value in values for word in "".join(value).split()}
    for script in scripts:
        words.update(_WORD.findall(script))
    return words


def _needed(selector: str, words: set[str]) -> bool:
    """Say whether a selector can match: each class outside parentheses is a word the pages or scripts use."""
    return all(name in words for name in _CLASS.findall(_PARENTHESES.sub("", selector)))


@dataclass(frozen=True)
class _Rule:
    """A style rule of a stylesheet, flattened: the @media (or @supports) around it, its selectors and body."""

    at: str  # "@media (min-width:45em)", or "" at the top level
    selectors: tuple[str, ...]
    declarations: tuple[tuple[str, str], ...]  # (name, "value" or "value!important")


@functools.lru_cache(maxsize=4)
def _flattened(css: str) -> tuple[_Rule | str, ...]:
    """Parse a stylesheet once per process (every language's build slims the same file): rules, in order.

    Anything that is not a style rule (@keyframes, @font-face, @import) stays
    as its text.
    """
    out: list[_Rule | str] = []

    def walk(rules: list[Any], at: str) -> None:
        for rule in rules:
            if rule.type == "qualified-rule":
                body = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
                out.append(_Rule(at, tuple(s.strip() for s in _split_selectors(rule.prelude)), tuple(
                    (d.name, tinycss2.serialize(d.value).strip() + ("!important" if d.important else ""))
                    for d in body if d.type == "declaration")))
            elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in ("media", "supports"):
                walk(tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True),
                     f"{at}@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}")
            elif rule.type != "error":
                out.append(rule.serialize())

    walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), "")
    return tuple(out)


def _serialise(rules: list[_Rule | str]) -> str:
    """Write flattened rules back out, one @media block for each run of rules that share it."""
    out: list[str] = []
    current = ""
    for rule in rules:
        at = rule.at if isinstance(rule, _Rule) else ""
        if at != current:
            if current:
                out.append("}" * current.count("@"))
            if at:
                out.append("".join(f"@{part}{{" for part in at.split("@")[1:]))
            current = at
        if isinstance(rule, _Rule):
            body = ";".join(f"{name}:{value}" for name, value in rule.declarations)
            out.append(f"{','.join(rule.selectors)}{{{body}}}")
        else:
            out.append(rule)
    if current:
        out.append("}" * current.count("@"))
    return "".join(out)


_VAR = re.compile(r"var\((--[\w-]+)")


def slim_stylesheet(css: str, words: set[str], readers: str = "") -> str:
    """Return a stylesheet with only the selectors that can match and the custom properties something reads.

    `words` are those of the pages and scripts (used_words); `readers` is the
    text of everything else that may read a custom property: the other
    stylesheets, the scripts, the pages' style attributes.
    """
    rules: list[_Rule | str] = []
    for rule in _flattened(css):
        if isinstance(rule, _Rule):
            kept = tuple(s for s in rule.selectors if _needed(s, words))
            if kept:
                rule = dataclasses.replace(rule, selectors=kept)
            else:
                continue
        rules.append(rule)
    outside = set(_CUSTOM_PROPERTY.findall(readers))
    while True:  # a property read only by one that goes, goes next time round
        read = outside | {name for rule in rules if isinstance(rule, _Rule)
                          for _, value in rule.declarations for name in _VAR.findall(value)}
        read |= {name for rule in rules if isinstance(rule, str) for name in _VAR.findall(rule)}
        pruned: list[_Rule | str] = []
        for rule in rules:
            if isinstance(rule, _Rule):
                body = tuple(d for d in rule.declarations if not (d[0].startswith("--") and d[0] not in read))
                if not body:
                    continue
                rule = dataclasses.replace(rule, declarations=body)
            pruned.append(rule)
        if pruned == rules:
            return _serialise(rules)
        rules = pruned


def minify(path: str, text: str) -> str:
    """Return a stylesheet or script minified; anything else unchanged."""
    if path.endswith(".css"):
        return str(rcssmin.cssmin(text))
    if path.endswith(".js"):
        return str(rjsmin.jsmin(text))
    return text


# -----------------------------------------------------------------------------
# Events
# -----------------------------------------------------------------------------


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Replace the site's own assets with minified copies, and the palette with its used colours."""
    scripts = (getattr(script, "path", script) for script in config.extra_javascript)
    own = {str(path) for path in [*config.extra_css, *scripts]}
    colours = palette_colours(config.theme.get("palette"))
    for file in list(files):
        if file.src_uri in own:
            content = minify(file.src_uri, file.content_string)
        elif PALETTE.fullmatch(file.src_uri):
            content = slim_palette(file.content_string, colours)
        else:
            continue
        files.remove(file)
        files.append(File.generated(config, file.src_uri, content=content, inclusion=file.inclusion))
    return files


# This process serves the site (mkdocs serve): the cut is for the published
# site, and under serve, where a save rebuilds one language, every page must
# keep naming the same file.
_serving = False


def on_startup(*, command: str, dirty: bool) -> None:
    """Note whether this process serves the site."""
    global _serving
    _serving = command == "serve"


@event_priority(-100)  # after languages.py has built the other languages into this site
def on_post_build(*, config: MkDocsConfig) -> None:
    """Slim Material's main stylesheet to what the site's pages and scripts use, under a name of its own.

    Only the default language's build publishes Material's assets
    (languages.py), and it runs last: every language's pages, in its site
    folder, are written by then, and each of them is read.
    """
    if _serving:
        return
    site = Path(config.site_dir)
    found = [path for path in (site / "assets" / "stylesheets").glob("main.*.min.css")
             if MAIN_STYLESHEET.fullmatch(path.relative_to(site).as_posix())]
    if len(found) != 1:
        return
    (original,) = found
    pages = sorted(site.rglob("*.html"))
    html = [path.read_text(encoding="utf-8") for path in pages]
    scripts = [path.read_text(encoding="utf-8") for path in (site / JAVASCRIPTS).rglob("*.js")]
    own = [(site / asset).resolve() for asset in [*config.extra_css, *(getattr(s, "path", s)
                                                                     for s in config.extra_javascript)]]
    others = [path.read_text(encoding="utf-8") for path in [*own, *(site / "assets" / "stylesheets").glob("*.css")]
              if path.is_file() and path != original]
    # What may read a custom property: the other stylesheets, the scripts, and
    # the pages' style attributes and <style> elements (only Material's matter).
    readers = "\n".join([*scripts, *others, *(name for text in html for name in _MATERIAL_PROPERTY.findall(text))])
    slim = slim_stylesheet(original.read_text(encoding="utf-8"), used_words(html, scripts), readers)
    name = f"main.{hashlib.sha256(slim.encode()).hexdigest()[:8]}.min.css"
    (original.parent / name).write_text(slim, encoding="utf-8")
    original.unlink()
    original.with_name(original.name + ".map").unlink(missing_ok=True)
    for path, text in zip(pages, html, strict=True):
        path.write_text(text.replace(original.name, name), encoding="utf-8")
