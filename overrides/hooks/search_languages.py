"""Ship only the lunr language bundles that the site's search loads.

Material copies all of lunr's language support into every site (34 files,
about 0.9 MB), but its search worker loads a bundle only for a language in
the search plugin's `lang`, and none at all for English alone. This hook
drops the rest from the build, so they are neither published nor deployed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from material_internals import LUNR, lunr_bundles, search_languages

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


# -----------------------------------------------------------------------------
# Events
# -----------------------------------------------------------------------------


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Remove the lunr files that the configured search languages never load."""
    if config.plugins.get("material/search") is None:
        return files
    needed = lunr_bundles(search_languages(config))
    for file in [f for f in files if f.src_uri.startswith(LUNR)]:
        if file.src_uri.removeprefix(LUNR) not in needed:
            files.remove(file)
    return files
