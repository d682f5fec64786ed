"""What a citation of one page says, and the files reference managers import: CSL-JSON, BibTeX, RIS.

A `Citation` is built once per page (cite_page.py); the three styles shown on
the page (styles.html) and the three files are all made from it, so they
cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

# Babel's language names, which biblatex's langid takes.
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
    """One page, as a citation names it."""

    title: str  # the page's heading, in its language
    english_title: str  # the English page's heading, on a translation; "" on an English page
    site: str  # the site's name, in the page's language
    url: str  # the page's address
    changed: dt.date  # the day the page's source last changed (git)
    language: str  # BCP 47 code
    authors: tuple[str, ...]  # the page's authors; none where the page is the site's own
    source: Source
    adapted: bool  # the page's text is the source's own, adapted; else the page is based on it
    key: str  # the citation key, and the name of the downloaded files

    @property
    def source_note(self) -> str:
        """Return the sentence that names the source work, as the files' note gives it."""
        how = "Adapted from" if self.adapted else "Based on"
        by = " and ".join(self.source.authors)
        return (f"{how} \u201c{self.source.title}\u201d by {by}, {self.source.site}, {self.source.url}, "
                f"{self.source.licence} ({self.source.licence_url}).")


def citation_key(site: str, url: str, language: str, year: int) -> str:
    """Return a key that BibTeX accepts and a reader can tell apart: site, page, language, year."""
    words = re.findall(r"[a-z0-9]+", f"{site} {url.strip('/') or 'article'}".lower())
    return "-".join([*words, language, str(year)])


# -----------------------------------------------------------------------------
# Words the styles need
# -----------------------------------------------------------------------------

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
# MLA abbreviates the months of more than four letters (MLA Handbook, 9th ed., appendix 1).
MLA_MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]

# Words a title in title case keeps in lower case unless they open or close it
# or follow a colon: articles, coordinating conjunctions, "to" and the
# prepositions, which MLA (9th ed., 1.2) and Chicago (17th ed., 8.159) both
# lower-case whatever their length.
MINOR_WORDS = frozenset("""
a an the and but for nor or so yet to as about above across after against along amid among around at before
behind below beneath beside besides between beyond by despite down during except for from in inside into like
near of off on onto out outside over past per since than through throughout till toward towards under
underneath unlike until up upon via with within without
""".split())


def title_case(title: str) -> str:
    """Return an English title in title case, MLA and Chicago style: "Quotes about Russia" stays as it is."""
    words = title.split(" ")
    out = []
    for index, word in enumerate(words):
        bare = word.strip("\u201c\u201d\"'()[]:,.").lower()
        opens = index == 0 or words[index - 1].endswith(":")
        closes = index == len(words) - 1
        if bare in MINOR_WORDS and not (opens or closes):
            out.append(word.lower())
        else:
            out.append(word[:1].upper() + word[1:])
    return " ".join(out)


def apa_date(day: dt.date) -> str:
    """Return a date as APA gives it in a reference: 2026, December 1."""
    return f"{day.year}, {MONTHS[day.month - 1]} {day.day}"


def mla_date(day: dt.date) -> str:
    """Return a date as MLA gives it: 1 Dec. 2026."""
    return f"{day.day} {MLA_MONTHS[day.month - 1]} {day.year}"


def chicago_date(day: dt.date) -> str:
    """Return a date as Chicago gives it: December 1, 2026."""
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def bare_url(url: str) -> str:
    """Return an address without its scheme, as MLA prints it."""
    return re.sub(r"^https?://", "", url)


# -----------------------------------------------------------------------------
# The files
# -----------------------------------------------------------------------------


def csl_json(citation: Citation) -> str:
    """Return the citation as CSL-JSON: one webpage item, in a list, as citation processors read it."""
    item: dict[str, object] = {
        "id": citation.key,
        "type": "webpage",
        "title": citation.title,
        "container-title": citation.site,
        "URL": citation.url,
        "issued": {"date-parts": [[citation.changed.year, citation.changed.month, citation.changed.day]]},
        "language": citation.language,
        "note": citation.source_note,
    }
    if citation.authors:
        # A group, not a person: a literal name is never split into given and family names.
        item["author"] = [{"literal": name} for name in citation.authors]
    if citation.english_title:
        item["original-title"] = citation.english_title
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


_LATEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#",
                  "$": r"\$", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _latex(text: str) -> str:
    """Escape the characters LaTeX treats as commands."""
    return "".join(_LATEX_SPECIAL.get(char, char) for char in text)


def bibtex(citation: Citation) -> str:
    """Return the citation as a biblatex @online entry, which BibTeX styles read as @misc."""
    fields: list[tuple[str, str]] = []
    if citation.authors:
        # Braced twice: a group name, which BibTeX must not split into given and family names.
        fields.append(("author", " and ".join(f"{{{_latex(name)}}}" for name in citation.authors)))
    # Braced twice: the title keeps its capitals (Korea, Russia) in styles that lower-case titles.
    fields.append(("title", f"{{{_latex(citation.title)}}}"))
    if citation.english_title:
        fields += [("origtitle", f"{{{_latex(citation.english_title)}}}"), ("origlanguage", LANGID["en"])]
    fields += [
        ("organization", _latex(citation.site)),
        ("date", citation.changed.isoformat()),
        ("year", str(citation.changed.year)),
        ("url", citation.url),  # verbatim in biblatex: not escaped
        ("langid", LANGID.get(citation.language, citation.language)),
        ("note", _latex(citation.source_note)),
    ]
    width = max(len(name) for name, _ in fields)
    body = ",\n".join(f"  {name.ljust(width)} = {{{value}}}" for name, value in fields)
    return f"@online{{{citation.key},\n{body},\n}}\n"


def ris(citation: Citation) -> str:
    """Return the citation as RIS: an ELEC (web page) record."""
    lines = [("TY", "ELEC"), ("TI", citation.title)]
    if citation.english_title:
        lines.append(("TT", citation.english_title))
    lines += [("AU", name) for name in citation.authors]
    lines += [
        ("T2", citation.site),
        ("PY", str(citation.changed.year)),
        ("DA", citation.changed.strftime("%Y/%m/%d/")),
        ("UR", citation.url),
        ("LA", citation.language),
        ("N1", citation.source_note),
        ("ER", ""),
    ]
    return "".join(f"{tag}  - {value}\n" for tag, value in lines)
