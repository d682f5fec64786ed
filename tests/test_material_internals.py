"""What the site takes from Material's private parts still matches the installed Material.

Each test names what to do when it fails; material_internals.py lists every
such dependency and why it is needed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import material
import pytest

import material_internals
from support import FIXTURES, ROOT, build_project

MATERIAL = Path(material.__file__).parent / "templates"
COPIES = FIXTURES / "material"


def _without_version(text: str) -> str:
    """Leave Material's version out of a comparison: a release that changes nothing else needs no review."""
    return re.sub(r"mkdocs-material-\d+(\.\d+)*", "mkdocs-material-VERSION", text)


def test_materials_search_partial_is_the_one_the_override_was_copied_from() -> None:
    """overrides/partials/search.html is Material's partial with one change; a new Material needs a new copy."""
    installed = (MATERIAL / material_internals.SEARCH_PARTIAL).read_text(encoding="utf-8")
    copied = (COPIES / material_internals.SEARCH_PARTIAL).read_text(encoding="utf-8")
    assert installed == copied, (
        f"Material's {material_internals.SEARCH_PARTIAL} changed. Copy it over "
        f"overrides/{material_internals.SEARCH_PARTIAL}, give the dialog its aria-label again, and copy it "
        f"to tests/fixtures/material/{material_internals.SEARCH_PARTIAL} as the new original."
    )


def test_the_search_partial_override_differs_from_materials_only_by_the_dialogs_name_and_tab_stop() -> None:
    """The copy is the original plus aria-label on role="dialog", the results box out of the Tab order; no more."""
    original = (COPIES / material_internals.SEARCH_PARTIAL).read_text(encoding="utf-8")
    ours = (ROOT / "overrides" / material_internals.SEARCH_PARTIAL).read_text(encoding="utf-8")

    def body(text: str) -> str:
        return text.split("-#}", 1)[1]

    expected = body(original).replace('role="dialog">', 'role="dialog" aria-label="{{ lang.t(\'search\') }}">', 1)
    expected = expected.replace('class="md-search__scrollwrap" tabindex="0"',
                                'class="md-search__scrollwrap" tabindex="-1"', 1)
    assert body(ours) == expected


def test_materials_site_meta_block_is_the_one_main_html_replaces() -> None:
    """main.html replaces base.html's site_meta block; a change to the original needs the same change here."""
    base = (MATERIAL / material_internals.BASE_TEMPLATE).read_text(encoding="utf-8")
    block = re.search(r"{% block site_meta %}.*?{% endblock %}", base, re.S)
    assert block is not None, "base.html has no site_meta block any more: overrides/main.html replaces nothing"
    copied = (COPIES / "base.site_meta.html").read_text(encoding="utf-8").strip()
    assert _without_version(block.group(0)) == _without_version(copied), (
        "Material's site_meta block changed: bring overrides/main.html's version up to date with it, "
        "then copy it to tests/fixtures/material/base.site_meta.html."
    )


def test_the_checkbox_pattern_finds_both_of_materials_toggles() -> None:
    """valid_html.py removes autocomplete from exactly the drawer and search toggles of base.html."""
    base = (MATERIAL / material_internals.BASE_TEMPLATE).read_text(encoding="utf-8")
    assert len(material_internals.CHECKBOX_AUTOCOMPLETE.findall(base)) == 2


def test_material_ships_one_palette_stylesheet_by_the_expected_name() -> None:
    """slim_assets.py finds Material's palette stylesheet by its name."""
    stylesheets = [p.relative_to(MATERIAL).as_posix() for p in (MATERIAL / "assets" / "stylesheets").iterdir()]
    assert len([s for s in stylesheets if material_internals.PALETTE.fullmatch(s)]) == 1, stylesheets


@pytest.mark.parametrize("languages", [["en"], ["en", "ru"], ["ko", "en"], ["ja"], ["th", "en"]])
def test_every_lunr_bundle_the_worker_loads_is_shipped_by_material(languages: list[str]) -> None:
    """The bundles search_languages.py keeps exist where Material's worker loads them from."""
    for name in material_internals.lunr_bundles(languages):
        assert (MATERIAL / material_internals.LUNR / name).is_file(), name


def test_materials_worker_loads_language_bundles_as_mirrored() -> None:
    """lunr_bundles mirrors setupSearchLanguages in Material's worker: its file names are still those."""
    (worker,) = (MATERIAL / "assets" / "javascripts" / "workers").glob("search.*.min.js")
    code = worker.read_text(encoding="utf-8")
    for fragment in ("lunr.stemmer.support.min.js", "lunr.multi.min.js", "tinyseg.js", "wordcut.js", "/min/lunr."):
        assert fragment in code, fragment


def test_the_search_plugin_keeps_the_index_the_hook_adds_to(tmp_path: Path) -> None:
    """During a build, material_internals.search_index finds Material's index, with its list of entries."""
    seen: list[Any] = []

    def prepare(config: Any) -> None:
        def spy(context: Any, **kwargs: Any) -> Any:
            seen.append(material_internals.search_index(kwargs["config"]))
            return context

        config.plugins.events["page_context"].append(spy)

    build_project(ROOT, tmp_path / "site", prepare=prepare)
    assert seen and all(isinstance(index.entries, list) for index in seen)
    assert type(seen[0]).__name__ == "SearchIndex"


@pytest.mark.parametrize("partial", material_internals.INLINE_SCRIPT_PARTIALS)
def test_materials_inline_script_partials_are_the_ones_moved_into_files(partial: str) -> None:
    """overrides/assets/javascripts/ runs the code of these partials; a changed partial needs the same change."""
    installed = (MATERIAL / partial).read_text(encoding="utf-8")
    copied = (COPIES / partial).read_text(encoding="utf-8")
    script = Path(partial).with_suffix(".js").name
    assert installed == copied, (
        f"Material's {partial} changed. Bring overrides/assets/javascripts/{script} up to date with its "
        f"script, then copy it to tests/fixtures/material/{partial} as the new original.")


@pytest.mark.parametrize("partial", material_internals.INLINE_SCRIPT_PARTIALS)
def test_every_partial_with_an_inline_script_is_replaced_by_one_that_loads_a_file(partial: str) -> None:
    """Each override loads its script by src from the theme's assets; none runs code inline."""
    ours = (ROOT / "overrides" / partial).read_text(encoding="utf-8")
    script = Path(partial).with_suffix(".js").name
    assert f"'assets/javascripts/{script}' | url" in ours
    assert re.search(r"<script(?![^>]*\ssrc=)", ours) is None
    assert (ROOT / "overrides" / "assets" / "javascripts" / script).is_file()


def test_the_live_reload_server_has_what_the_serve_session_takes_over() -> None:
    """language_builds.Session replaces the server's builder and wraps its app; each part it uses is there."""
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root="/tmp", mount_path="/")
    try:
        missing = [name for name in material_internals.LIVERELOAD_ATTRIBUTES if not hasattr(server, name)]
        assert not missing, (
            f"MkDocs' LiveReloadServer no longer has {missing}. language_builds.Session (mkdocs serve) uses "
            "them to rebuild only the languages a save touches; bring it up to date with mkdocs/livereload.")
        # The script it injects, which the session serves from a file instead.
        script = material_internals.livereload_script(7, 8)
        assert "livereload" in script and "7" in script
    finally:
        server.server_close()
