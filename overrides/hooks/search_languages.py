"""Search that understands each language of the site, on top of Material's lunr search.

Each language's build has its own index (languages.py), and this hook gives
it what its language needs:

- English: words split at spaces, hyphens, dashes, apostrophes and
  punctuation, so "Roh Tae-woo" finds "Roh Tae Woo"; a full stop splits only
  where no digit follows, keeping "4.2" whole.
- Korean: the same, and the particles at the end of a word (러시아는,
  러시아와, 러시아의, 모스크바에서는) are a separator too, in the index and in
  the query alike, so 러시아 finds 러시아는 and 러시아와 finds 러시아는. The
  particles follow the rules of Korean spelling (은/이/을/과 after a final
  consonant, 는/가/를/와 after a vowel); a test holds the result to the
  morphological analyser Kiwi on every noun of the Korean pages.
- Russian: Material indexes words as written and matches a query's words as
  prefixes; a few lines put before Material's search worker
  (search/ru-query.js) turn each Russian word of a query into its stem with
  lunr's Russian stemmer, the prefix its inflected forms share, and a few
  added to lunr.ru.min.js (search/ru-lunr.js) fold ё into е in the index and
  the query alike.

Each language's search reads its own words and the default language's
(English: the romanized names beside each first mention); this hook sets the
search plugin's `lang` so. Every language's search runs in the one worker the
default language's build publishes, with the lunr bundles of every language
(languages.py shares Material's assets between the languages); Material
copies all of lunr's language support (34 files, about 0.9 MB), but its
worker loads a bundle only for a language in the search plugin's `lang`, so
the bundles no language's search loads are dropped from the build.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import locales
import rjsmin
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from material_internals import LUNR, SEARCH_WORKER, lunr_bundles

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

SCRIPTS = Path(__file__).with_name("search")

# Spaces, hyphens and dashes, commas and the like, apostrophes and quotation
# marks, and the escaped angle brackets of code; a full stop where no digit follows.
SEPARATOR = r"""[\s\-\u2010-\u2015,;:!?=\[\]()"/'\u2018\u2019\u201c\u201d\u00ab\u00bb]+|\.(?!\d)|&[lg]t;"""

# -----------------------------------------------------------------------------
# Korean particles
# -----------------------------------------------------------------------------

# The particles (josa) split from the end of a word. A case particle may be
# followed by one more (에서는, 으로서의, 까지도); the first of them follows
# the spelling rules: 은/이/을/과/으로 after a final consonant, 는/가/를/와/로
# after a vowel (로 after a final ㄹ too: 서울로). After a Latin letter or a
# digit (KOTRA의, 1989년에), whose sound the spelling cannot tell, either.
CASES_AFTER_VOWEL = ["로서", "로써", "로", "와"]
CASES_AFTER_CONSONANT = ["으로서", "으로써", "으로", "과"]
CASES_AFTER_ANY = ["에게서", "에서", "에게", "에", "께서", "까지", "부터", "처럼", "보다", "마다"]
ENDINGS_AFTER_VOWEL = ["는", "가", "를"]
ENDINGS_AFTER_CONSONANT = ["은", "이", "을"]
ENDINGS_AFTER_ANY = ["의", "도", "만"]
# What may follow a case particle: 에서는, 과의, 까지도, 에만.
FOLLOWING = ["는", "은", "의", "도", "만"]
# Nouns that end in what looks like a particle but is part of the word: the
# syllable before the particle, by particle. A test holds the splitting to the
# analyser Kiwi on every word of the Korean pages, which finds these.
NOT_AFTER = {
    "도": ["반", "주"],  # 한반도, 제주도
    "의": ["주"],  # 민주주의, 사회주의
    "과": ["백"],  # 위키백과, 백과사전
    "만": [str(digit) for digit in range(10)],  # 30만: the numeral, ten thousand
}

_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3


def _syllables(final: int | None) -> str:
    """Return every Hangul syllable with no final consonant (None), or with the final of index `final`."""
    return "".join(chr(code) for code in range(_HANGUL_FIRST, _HANGUL_LAST + 1)
                   if (code - _HANGUL_FIRST) % 28 == (final or 0))


def korean_particles() -> str:
    """Return the separator alternative that consumes the particles at the end of a Korean word.

    The stem before them must be two characters or more (Hangul, Latin or
    digits): a particle after one syllable is left in place (것은), where
    the prefix match of a query still finds it (것 finds 것은).
    """
    vowel, rieul = _syllables(None), _syllables(8)  # 8: the final ㄹ
    stem = "(?<=[가-힣A-Za-z0-9]{2})"
    ends = "(?=[^가-힣]|$)"  # the particles end the word
    foreign = "A-Za-z0-9"

    def group(words: list[str]) -> str:
        # Longest first; a particle after a syllable that makes it part of a noun is no particle.
        alternatives = [f"(?<![{''.join(NOT_AFTER[w])}]){w}" if w in NOT_AFTER else w
                        for w in sorted(words, key=len, reverse=True)]
        return "(?:" + "|".join(alternatives) + ")"

    following = f"{group(FOLLOWING)}?"
    return "|".join([
        # 로 is not the end of 으로, whose 으 is a vowel-final syllable itself.
        f"{stem}(?<=[{vowel}{foreign}])(?<!으){group(CASES_AFTER_VOWEL)}{following}{ends}",
        f"{stem}(?<=[{rieul}]){group(['로서', '로써', '로'])}{following}{ends}",
        f"{stem}(?<![{vowel}]){group(CASES_AFTER_CONSONANT)}{following}{ends}",
        f"{stem}{group(CASES_AFTER_ANY)}{following}{ends}",
        f"{stem}(?<=[{vowel}{foreign}]){group(ENDINGS_AFTER_VOWEL)}{ends}",
        f"{stem}(?<![{vowel}]){group(ENDINGS_AFTER_CONSONANT)}{ends}",
        f"{stem}{group(ENDINGS_AFTER_ANY)}{ends}",
    ])


def separator(language: str) -> str:
    """Return the search separator for a language's index and queries."""
    return f"{SEPARATOR}|{korean_particles()}" if language == "ko" else SEPARATOR


# -----------------------------------------------------------------------------
# Events
# -----------------------------------------------------------------------------


def lunr_languages(site: locales.Site, language: locales.Language) -> list[str]:
    """Return the languages a language's search reads: its own, and the default language's for the names."""
    return [language.code] if language == site.default else [language.code, site.default.code]


@event_priority(50)  # before Material's search plugin makes its index from its settings
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Give the search plugin this language's languages and separator."""
    search = config.plugins.get("material/search")
    if search is not None:
        site = locales.site(config)
        search.config.lang = lunr_languages(site, site.current)
        search.config.separator = separator(site.current.code)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Keep the lunr files some language's search loads, with Russian's additions; drop the rest.

    Only the default language's build publishes Material's assets (languages.py);
    its worker serves the search of every language.
    """
    if config.plugins.get("material/search") is None:
        return files
    site = locales.site(config)
    languages = sorted({code for language in site.languages for code in lunr_languages(site, language)})
    needed = set().union(*(lunr_bundles(lunr_languages(site, language)) for language in site.languages))
    for file in [f for f in files if f.src_uri.startswith(LUNR)]:
        if file.src_uri.removeprefix(LUNR) not in needed:
            files.remove(file)
    if "ru" in languages:
        _extend(files, config, f"{LUNR}min/lunr.ru.min.js", after=_script("ru-lunr.js"))
        worker = next((f for f in files if SEARCH_WORKER.fullmatch(f.src_uri)), None)
        if worker is not None:
            _extend(files, config, worker.src_uri, before=_script("ru-query.js"))
    return files


_STRICT = '"use strict";'
_SOURCE_MAP = "\n//# sourceMappingURL="


def _script(name: str) -> str:
    """Return one of this hook's scripts (overrides/hooks/search/), minified."""
    return str(rjsmin.jsmin((SCRIPTS / name).read_text(encoding="utf-8")))


def _extend(files: Files, config: MkDocsConfig, src_uri: str, *, before: str = "", after: str = "") -> None:
    """Replace a script of the build with itself, `before` put in front of its code and `after` behind.

    `before` goes after a leading "use strict" directive, which must stay
    first for the script to stay strict. A source map no longer matches the
    script, so its comment goes.
    """
    file = files.get_file_from_path(src_uri)
    if file is None:
        return
    code = file.content_string.split(_SOURCE_MAP, 1)[0]
    directive = _STRICT if code.startswith(_STRICT) else ""
    content = f"{directive}\n{before}\n{code.removeprefix(directive)}\n{after}\n"
    files.remove(file)
    files.append(File.generated(config, src_uri, content=content, inclusion=file.inclusion))
