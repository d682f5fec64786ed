"""The site's languages, and its own words in each, from overrides/locales/<language>.yml.

The languages are those of `extra.alternate` in mkdocs.yml, the list
Material's language selector reads: the first is the default, built at the
site's root; each other is built from mkdocs.<code>.yml into <code>/
(languages.py). Material's own words (search, skip link, colour toggle, footer) come from
`theme.language`; these are the rest: the timeline's, the print view's, the
translation notice, the print controls. MkDocs never publishes a theme's
locales/ folder. Keys are flattened with dots ("timeline.title"); values may
hold {placeholders}, which `Strings.t` fills in.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from mkdocs.exceptions import PluginError

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig

LOCALES = Path(__file__).resolve().parent.parent / "locales"
DEFAULT = "en"  # the catalogue every other one must match, key for key


class Strings(Mapping[str, str]):
    """One language's words, looked up by dotted key; a missing key is an error, never an empty string."""

    def __init__(self, language: str, values: dict[str, str]) -> None:
        self.language = language
        self._values = values

    def __getitem__(self, key: str) -> str:
        return self._values[key]

    def __iter__(self) -> Any:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def t(self, key: str, **values: Any) -> str:
        """Return the words for `key`, with its placeholders filled in from `values`."""
        if key not in self._values:
            # A PluginError, not a KeyError: MkDocs prints it as one line and stops, where a
            # KeyError from a template would end the build in a traceback.
            raise PluginError(f"overrides/locales/{self.language}.yml has no '{key}'; add it "
                              "(and to every other language's file)")
        return self._values[key].format(**values) if values else self._values[key]


def _flatten(tree: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    """Flatten nested mappings into dotted keys."""
    out: dict[str, str] = {}
    for key, value in tree.items():
        if isinstance(value, Mapping):
            out.update(_flatten(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = "" if value is None else str(value)
    return out


def _read(language: str, folder: Path) -> dict[str, str]:
    """Read one catalogue, or stop the build with the file, the line and what YAML found wrong."""
    path = folder / f"{language}.yml"
    try:
        version = path.stat().st_mtime_ns
    except FileNotFoundError:
        raise PluginError(
            f"overrides/locales/{path.name} does not exist: copy {DEFAULT}.yml and translate it") from None
    return dict(_parsed(path, version))


@functools.lru_cache(maxsize=16)
def _parsed(path: Path, version: int) -> tuple[tuple[str, str], ...]:
    """Parse a catalogue once for each version of the file (`version`, its mtime, keys the cache).

    A build of three languages asks for words some thirty times; parsing the
    YAML each time would cost most of a second.
    """
    name = f"overrides/locales/{path.name}"
    try:
        tree = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = f":{mark.line + 1}" if mark else ""
        raise PluginError(f"{name}{line}: {error.problem or error.context}") from None
    if not isinstance(tree, Mapping):
        raise PluginError(f"{name}: expected a mapping of words, found {type(tree).__name__}")
    return tuple(_flatten(tree).items())


def load(language: str, folder: Path = LOCALES) -> Strings:
    """Return the words of `language`, as the file now stands (`mkdocs serve` picks up edits).

    A catalogue that lacks a key the default one has stops the build here,
    naming every missing key, rather than at the first page that asks for one.
    """
    values = _read(language, folder)
    if language != DEFAULT:
        missing = sorted(set(_read(DEFAULT, folder)) - set(values))
        if missing:
            keys = ", ".join(f"'{key}'" for key in missing)
            raise PluginError(f"overrides/locales/{language}.yml has no {keys}: add "
                              f"{'it' if len(missing) == 1 else 'them'}, translated from {DEFAULT}.yml")
    return Strings(language, values)


def words(config: MkDocsConfig, code: str | None = None) -> Strings:
    """Return the words of this build's language (or of `code`), from the project's own overrides/locales/."""
    folder = Path(config.theme.custom_dir) / "locales" if config.theme.custom_dir else LOCALES
    return load(code or language(config), folder)


def inline_markdown(text: str) -> Any:
    """Return one paragraph of Markdown (the words that hold links) as inline HTML, safe for templates."""
    import markdown
    from markupsafe import Markup

    html = markdown.markdown(text, extensions=["attr_list"])
    return Markup(html.removeprefix("<p>").removesuffix("</p>"))


def css_counters(words: str) -> str:
    """Return words with {page} and {pages} as a CSS content value: "Page {page}" -> "Page " counter(page)."""
    import re

    parts = re.split(r"\{(pages?)\}", words)
    tokens = [f"counter({part})" if index % 2 else css_string(part) for index, part in enumerate(parts) if part]
    return " ".join(tokens)


def css_string(text: str) -> str:
    """Return text as a CSS string: quoted, with what would end it or break out of the stylesheet escaped."""
    import re

    return '"' + re.sub(r'["\\<\n]', lambda m: f"\\{ord(m.group()):x} ", text) + '"'


def print_words(names: Mapping[str, str], folder: Path = LOCALES) -> str:
    """Return the stylesheet of the printed sheets' margins, for each language (`names`: code to site name).

    print.css writes var(--print-title) at the top of each sheet and
    var(--print-page) at its foot; a page's language (its <html lang>) picks
    its rule. site.js puts the page's own title before the site's name.
    """
    rules = [f":root:lang({code}){{--print-title:{css_string(name)};"
             f"--print-page:{css_counters(load(code, folder).t('site.print_page'))}}}"
             for code, name in names.items()]
    heading = "/* The printed sheets' margins in each language (overrides/hooks/locales.py). */"
    return "\n".join([heading, *rules]) + "\n"


def prepare(env: Environment, config: MkDocsConfig) -> Environment:
    """Give a theme environment this build's words (`t`), its languages and the `inline_markdown` filter."""
    env.globals.update(t=words(config).t, site_languages=site(config))
    env.filters["inline_markdown"] = inline_markdown
    return env


# -----------------------------------------------------------------------------
# Languages
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Language:
    """One language of the site: its code, its name in itself, and where its pages sit below the root."""

    code: str
    name: str
    prefix: str  # "" for the default language, "ko/" for Korean

    @property
    def docs_dir(self) -> str:
        """Return its pages' folder, relative to the project: docs/ for the default, docs/<code>/ for the others."""
        return f"docs/{self.prefix}"


@dataclass(frozen=True)
class Site:
    """The languages of the site, the one this build makes, and the site's root address."""

    languages: tuple[Language, ...]
    current: Language
    root_url: str  # the default language's site_url, or "" without one

    @property
    def default(self) -> Language:
        """Return the default language, built at the site's root."""
        return self.languages[0]

    @property
    def is_default(self) -> bool:
        """Say whether this build makes the default language."""
        return self.current == self.default

    def path(self, language: Language, url: str) -> str:
        """Return where the page at `url` (in its language's site) sits in `language`, below the site's root."""
        return language.prefix + url

    def absolute(self, language: Language, url: str) -> str:
        """Return the address of the page at `url` in `language`, or "" where the site has no site_url."""
        return f"{self.root_url}{self.path(language, url)}" if self.root_url else ""


def language(config: MkDocsConfig) -> str:
    """Return the code of the language this build makes: the theme's (Material's words follow it too)."""
    return str(config.theme["language"])


def site(config: MkDocsConfig) -> Site:
    """Return the site's languages as this build sees them, from extra.alternate and theme.language."""
    alternates = config.extra.get("alternate") or [{"lang": language(config), "name": "", "link": ""}]
    languages = tuple(Language(alt["lang"], alt.get("name", ""), "" if index == 0 else f"{alt['lang']}/")
                      for index, alt in enumerate(alternates))
    current = next((lang for lang in languages if lang.code == language(config)), languages[0])
    url = config.site_url or ""
    root = url.removesuffix(current.prefix) if current.prefix and url.endswith(current.prefix) else url
    return Site(languages, current, root)
