"""Ship lighter stylesheets and scripts: the page weight budget is 1.10 × a bare Material page.

- The site's own CSS and JavaScript (extra_css, extra_javascript) are kept
  readable, with comments, in docs/assets/; the build publishes them minified
  (rcssmin, rjsmin), which saves about 1.4 KB gzip on every page.
- Material's palette stylesheet carries rules for all 21 primary and accent
  colours (2.1 KB gzip), but a page only ever shows the colours configured in
  `theme.palette`. The build drops the rules that select any other colour
  (parsed with tinycss2), leaving 0.8 KB gzip.

Both replace the file in MkDocs' file list (File.generated), so docs/ and the
theme stay untouched and `mkdocs serve` picks up edits as usual.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import rcssmin
import rjsmin
import tinycss2
from mkdocs.structure.files import File

from material_internals import PALETTE

if TYPE_CHECKING:
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
