"""Keep every page within the site's Content-Security-Policy, `extra.content_security_policy` in mkdocs.yml.

main.html puts the policy in every page's <meta http-equiv>, because GitHub
Pages sends no headers; the README gives the same policy as a header for
hosts that send one. It allows scripts and styles from the site's own files
only: no inline script runs, no <style> element or style attribute applies.
The page shell keeps to that (Material's inline scripts run from files,
overrides/partials/javascripts/); this hook keeps the pages to it, so that a
style attribute in a page's Markdown, or an inline script a new Material
brings, fails the strict build with a message instead of breaking the page
for readers whose host enforces the policy.

Events used:
- on_config: refuse a policy that lets inline code run ('unsafe-inline',
  'unsafe-eval'), which would make the checks below pointless.
- on_post_page, on_post_template: warn (a strict build stops) for each
  inline script that runs, <style> element or style attribute of a page.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.content_security")

SETTING = "extra.content_security_policy"
UNSAFE = ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'")

# A <script> without src whose type the browser runs; data blocks (JSON, JSON-LD) never run.
_SCRIPT = re.compile(r"<script\b(?![^>]*\ssrc=)([^>]*)>", re.I)
_DATA_TYPE = re.compile(r"""\stype=["']?application/(?:ld\+)?json""", re.I)
_STYLE_ELEMENT = re.compile(r"<style\b", re.I)
# "style=" after a space, anywhere, and then whether it stands inside a tag: the
# last "<" before it is nearer than the last ">", and opens a tag's name.
# Looking for the word first keeps a 10,000-event page to one quick pass.
_STYLE_WORD = re.compile(r"style\s*=")
# Attribute names are case-insensitive; a page that holds the word otherwise
# cased is read with the slower case-insensitive pattern.
_STYLE_ANY_CASE = re.compile(r"style\s*=", re.I)
_TAG_OPEN = re.compile(r"<[a-zA-Z]")

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> None:
    """Refuse a policy that lets inline scripts or styles run."""
    policy = str(config.extra.get("content_security_policy") or "")
    if not policy:
        raise PluginError(f"mkdocs.yml has no {SETTING}: every page carries the site's policy (see README).")
    if found := [word for word in UNSAFE if word in policy]:
        raise PluginError(f"mkdocs.yml's {SETTING} allows {', '.join(found)}: the site's pages keep their scripts "
                          "and styles in files so that the policy need not; take it out.")


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> None:
    """Warn for each inline script, style element or style attribute of a page."""
    for problem in inline_code(output):
        log.warning(f"{page.file.src_uri}: {problem}")


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> None:
    """Warn likewise for the pages built from theme templates alone, such as 404.html."""
    if template_name.endswith(".html"):
        for problem in inline_code(output_content):
            log.warning(f"{template_name}: {problem}")


# -----------------------------------------------------------------------------
# Helpers
# -----------------------------------------------------------------------------


def inline_code(html: str) -> list[str]:
    """Return a sentence for each thing in `html` that the policy blocks: where it is, what it is, what to do."""
    found: list[tuple[int, str]] = []
    for match in _SCRIPT.finditer(html):
        if not _DATA_TYPE.search(match.group(1)):
            found.append((match.start(), "an inline script, which the site's Content-Security-Policy blocks; "
                          "move it into a file under docs/assets/ or overrides/assets/ and load it with src"))
    for match in _STYLE_ELEMENT.finditer(html):
        found.append((match.start(), "a <style> element, which the site's Content-Security-Policy blocks; "
                      "move its rules into docs/assets/site.css"))
    words = _STYLE_ANY_CASE if ("STYLE" in html or "Style" in html) else _STYLE_WORD
    for match in words.finditer(html):
        if not html[match.start() - 1:match.start()].isspace():
            continue  # data-style=, or the word in a page's text
        start = html.rfind("<", 0, match.start())
        if start > html.rfind(">", 0, match.start()) and _TAG_OPEN.match(html, start):
            found.append((start, "a style attribute, which the site's Content-Security-Policy blocks; "
                          "give the element a class (attr_list: { .name }) and style it in docs/assets/site.css"))
    return [f"line {html.count(chr(10), 0, at) + 1} of the built page has {what} "
            f"({_excerpt(html, at)})" for at, what in sorted(found)]


def _excerpt(html: str, at: int) -> str:
    """Return the start of the tag at `at`, as an editor would search for it."""
    end = html.find(">", at)
    tag = html[at:end + 1 if end != -1 else at + 80]
    return tag if len(tag) <= 80 else tag[:77] + "..."
