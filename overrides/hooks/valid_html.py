"""Keep every built page valid HTML where Material's page shell is not.

Material's base.html gives its two hidden checkbox toggles (drawer and
search) autocomplete="off", outside any template block, so no template
override can reach them, and the Nu Html Checker rejects that attribute on a
checkbox. These events drop it from every page and from the 404 page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from material_internals import CHECKBOX_AUTOCOMPLETE

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page


def without_toggle_autocomplete(html: str) -> str:
    """Return `html` without autocomplete on Material's checkbox toggles."""
    return CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Fix every page."""
    return without_toggle_autocomplete(output)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """Fix the pages built from theme templates alone, such as 404.html."""
    return without_toggle_autocomplete(output_content)
