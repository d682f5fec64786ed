"""The published stylesheets and scripts: minified, and the palette cut to the colours in use."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
import tinycss2

import slim_assets
from support import ROOT

MATERIAL_PALETTE = next((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob(
    "palette.*.min.css"))
INDIGO = {"primary": {"indigo"}, "accent": {"indigo"}}


def rule_selectors(css: str) -> list[str]:
    """Return the selector list of every style rule, inside @media blocks too."""
    out = []

    def walk(rules: list) -> None:
        for rule in rules:
            if rule.type == "qualified-rule":
                out.append(tinycss2.serialize(rule.prelude).strip())
            elif rule.type == "at-rule" and rule.content is not None:
                walk(tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True))

    walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    return out


def test_the_palette_keeps_the_dark_scheme_and_the_configured_colours_only() -> None:
    """Rules for red go; rules for the slate scheme and for indigo stay; a shared rule stays whole."""
    original = MATERIAL_PALETTE.read_text(encoding="utf-8")
    slim = slim_assets.slim_palette(original, INDIGO)
    before, after = rule_selectors(original), rule_selectors(slim)
    assert "[data-md-color-primary=red]" in before
    assert "[data-md-color-primary=red]" not in after
    assert [s for s in before if "slate" in s and "color-primary" not in s and "color-accent" not in s] == \
        [s for s in after if "slate" in s and "color-primary" not in s and "color-accent" not in s]
    assert "[data-md-color-primary=indigo]" in after
    # Material styles several colours in one rule; indigo is among them, so it stays.
    shared = [s for s in before if "color-primary=indigo" in s and "color-primary=red" in s]
    assert shared and all(s in after for s in shared)
    assert len(slim) < len(original) / 2


def test_the_palette_follows_the_configuration() -> None:
    """Another configured colour keeps its own rules; Material's spelling "Deep Purple" works."""
    colours = slim_assets.palette_colours([{"scheme": "default", "primary": "Deep Purple"}, {"scheme": "slate"}])
    assert colours == {"primary": {"deep-purple", "indigo"}, "accent": {"indigo"}}
    after = rule_selectors(slim_assets.slim_palette(MATERIAL_PALETTE.read_text(encoding="utf-8"), colours))
    assert "[data-md-color-primary=deep-purple]" in after
    assert "[data-md-color-primary=red]" not in after


@pytest.mark.parametrize("name", ["site.css", "print.css", "site.js"])
def test_the_sites_own_assets_are_published_minified(site_dir: Path, name: str) -> None:
    """The published copy drops comments and layout but keeps every rule and statement."""
    source = (ROOT / "docs" / "assets" / name).read_text(encoding="utf-8")
    published = (site_dir / "assets" / name).read_text(encoding="utf-8")
    assert "/*" in source and "/*" not in published
    assert len(published) < 0.85 * len(source)
    if name.endswith(".css"):
        def squeeze(selectors: list[str]) -> list[str]:
            return [re.sub(r"\s+", "", s) for s in selectors]

        assert squeeze(rule_selectors(published)) == squeeze(rule_selectors(source))


def test_the_published_palette_is_the_slim_one(site_dir: Path) -> None:
    """The built site's palette stylesheet has no rules for colours the site never shows."""
    (published,) = (site_dir / "assets" / "stylesheets").glob("palette.*.min.css")
    assert published.name == MATERIAL_PALETTE.name
    selectors = rule_selectors(published.read_text(encoding="utf-8"))
    assert "[data-md-color-scheme=slate]" in selectors
    assert not [s for s in selectors if s == "[data-md-color-primary=red]"]
