"""What a citation of one page (or section) says, and the files reference managers import: CSL-JSON, BibTeX, RIS.

A `Citation` is built once per page (cite_page.py). Its CSL-JSON item is what
every style on the page is rendered from (csl.py), and the three files, and
the COinS reference managers read from the page, are written from the same
record, so none of them can disagree.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

# Babel's language names, which biblatex's langid and language take.
LANGID = {"en": "english", "ko": "korean", "ru": "russian"}


@dataclass(frozen=True)
class Source:
    """The work the site rebuilds, named in every citation: its title, authors, home, address and licence."""

    title: str
    authors: tuple[str, ...]
    site: str
    url: str
    licence: str
    licence_url: str


@dataclass(frozen=True)
class Citation:
    """One page, or one section of it, as a citation names it."""

    title: str  # the page's heading (a section's: "Page — Section"), in its language
    site: str  # the site's name, in the page's language
    url: str  # the page's address (a section's: with its #id)
    changed: dt.date  # the day the page's source last changed (git)
    language: str  # BCP 47 code
    authors: tuple[str, ...]  # groups, never split into given and family names: the source's, or the site
    source: Source
    adapted: bool  # the page's text is the source's own, adapted; else the page is based on it
    key: str  # the citation key, and the name of the downloaded files
    version: str  # the short commit of the site's sources; "" where unknown
    note: str  # the sentence that names the source work, in the page's language

    @property
    def rights(self) -> str:
        """Return the page's licence, as the files and the metadata give it."""
        return f"{self.source.licence} ({self.source.licence_url})"


def citation_key(site: str, url: str, language: str, year: int) -> str:
    """Return a key that BibTeX accepts and a reader can tell apart: site, page, language, year."""
    words = re.findall(r"[a-z0-9]+", f"{site} {url.strip('/') or 'article'}".lower())
    return "-".join([*words, language, str(year)])


def section(citation: Citation, anchor: str, title: str, pattern: str) -> Citation:
    """Return the citation of one section of the page: its title in `pattern`, its address with #anchor."""
    return dataclasses.replace(citation, title=pattern.format(page=citation.title, section=title),
                               url=f"{citation.url}#{anchor}", key=f"{citation.key}-{anchor}")


# -----------------------------------------------------------------------------
# The files
# -----------------------------------------------------------------------------


def csl_item(citation: Citation) -> dict[str, Any]:
    """Return the citation as one CSL-JSON webpage item."""
    item: dict[str, Any] = {
        "id": citation.key,
        "type": "webpage",
        "title": citation.title,
        "container-title": citation.site,
        # Groups, not people: a literal name is never split into given and family names.
        "author": [{"literal": name} for name in citation.authors],
        "URL": citation.url,
        "issued": {"date-parts": [[citation.changed.year, citation.changed.month, citation.changed.day]]},
        "language": citation.language,
        "license": citation.rights,
        "note": citation.note,
    }
    if citation.version:
        item["version"] = citation.version
    return item


def csl_json(citation: Citation) -> str:
    """Return the citation as CSL-JSON: its item, in a list, as citation processors read it."""
    return json.dumps([csl_item(citation)], ensure_ascii=False, indent=2) + "\n"


_LATEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#",
                  "$": r"\$", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def latex(text: str) -> str:
    """Escape the characters LaTeX treats as commands (site.js escapes a section's title the same way)."""
    return "".join(_LATEX_SPECIAL.get(char, char) for char in text)


def bibtex(citation: Citation) -> str:
    """Return the citation as a biblatex @online entry, which BibTeX styles read as @misc.

    `organization` is biblatex's field for the site; `language` (which
    Zotero imports) and `langid` (which biblatex hyphenates by) both name the
    language; `copyright` is the field Zotero keeps a licence in, which
    biblatex ignores.
    """
    language = LANGID.get(citation.language, citation.language)
    fields = [
        # Braced twice: a group name, which BibTeX must not split into given and family names.
        ("author", " and ".join(f"{{{latex(name)}}}" for name in citation.authors)),
        # Braced twice: the title keeps its capitals (Korea, Russia) in styles that lower-case titles.
        ("title", f"{{{latex(citation.title)}}}"),
        ("organization", latex(citation.site)),
        ("date", citation.changed.isoformat()),
        ("year", str(citation.changed.year)),
        ("version", latex(citation.version)),
        ("url", citation.url),  # verbatim in biblatex: not escaped
        ("langid", language),
        ("language", language),
        ("copyright", latex(citation.rights)),
        ("note", latex(citation.note)),
    ]
    fields = [(name, value) for name, value in fields if value]
    width = max(len(name) for name, _ in fields)
    body = ",\n".join(f"  {name.ljust(width)} = {{{value}}}" for name, value in fields)
    return f"@online{{{citation.key},\n{body},\n}}\n"


def ris(citation: Citation) -> str:
    """Return the citation as RIS: an ELEC (web page) record; CR is the licence, as Zotero reads it."""
    lines = [("TY", "ELEC"), ("TI", citation.title)]
    lines += [("AU", name) for name in citation.authors]
    lines += [
        ("T2", citation.site),
        ("PY", str(citation.changed.year)),
        ("DA", citation.changed.strftime("%Y/%m/%d/")),
        ("ET", citation.version),
        ("UR", citation.url),
        ("LA", citation.language),
        ("CR", citation.rights),
        ("N1", citation.note),
        ("ER", ""),
    ]
    return "".join(f"{tag}  - {value}\n" for tag, value in lines if value or tag == "ER")


def coins(citation: Citation, description: str) -> str:
    """Return the citation as a COinS ContextObject (OpenURL 1.0, Dublin Core), for a span's title.

    Zotero reads a group author (rft.aucorp) from COinS as one name; from
    Highwire and Dublin Core tags it splits a name at its last space unless it
    is written "Name," (partials/cite-meta.html).
    """
    fields = [("url_ver", "Z39.88-2004"), ("ctx_ver", "Z39.88-2004"), ("rft_val_fmt", "info:ofi/fmt:kev:mtx:dc"),
              ("rft.type", "webpage"), ("rft.title", citation.title), ("rft.source", citation.site)]
    fields += [("rft.aucorp", name) for name in citation.authors]
    fields += [("rft.date", citation.changed.isoformat()), ("rft.identifier", citation.url),
               ("rft.language", citation.language), ("rft.rights", citation.rights),
               ("rft.description", description)]
    return urlencode([(name, value) for name, value in fields if value])
