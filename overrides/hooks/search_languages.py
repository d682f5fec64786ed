"""Ship only the lunr language bundles that the site's search loads.

Material copies all of lunr's language support into every site (34 files,
about 0.9 MB), but its search worker loads a bundle only for a language in
the search plugin's `lang`, and none at all for English alone. This hook
drops the rest from the build, so they are neither published nor deployed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

LUNR = "assets/javascripts/lunr/"


def needed_bundles(languages: list[str]) -> set[str]:
    """Return the files under lunr/ that Material's worker loads for these languages."""
    others = [lang for lang in languages if lang != "en"]
    needed = {f"min/lunr.{lang}.min.js" for lang in others}
    if len(languages) > 1:
        needed.add("min/lunr.multi.min.js")
    if "ja" in languages:
        needed.add("tinyseg.js")
    if {"hi", "th"} & set(languages):
        needed.add("wordcut.js")
    if needed:
        needed.add("min/lunr.stemmer.support.min.js")
    return needed


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Remove the lunr files that the configured search languages never load."""
    search = config.plugins.get("material/search")
    if search is None:
        return files
    needed = needed_bundles(list(search.config.lang or ["en"]))
    for file in [f for f in files if f.src_uri.startswith(LUNR)]:
        if file.src_uri.removeprefix(LUNR) not in needed:
            files.remove(file)
    return files
