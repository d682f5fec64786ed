"""Translations and the English they translate: the translated pages' record, and the command line.

Every translation records the fingerprint (fingerprints.py) of the English
it was made from. A translated page, docs/<code>/<page>.md, keeps it in its
front matter beside the translation's date; it translates docs/<page>.md:

    translation:
      date: 2026-12-01
      translates: "5e0c2a91"

The English of a page is what its translation translates: its title, its
description and its body (everything after the front matter), whitespace
aside. The rest of the front matter (search settings, schema.org data) is
not prose a translator translates, and changing it outdates nothing. The
timeline data keeps its own records, text by text (timeline/data.py,
timeline/current.py).

The command line, which imports nothing of MkDocs or Markdown:

- `python -m translations check` (`make check-translations`) lists every
  translation, of the pages and of the timeline data, whose English has
  changed since it was made or that records no English, and exits 1; it
  exits 0 when every translation is current.
- `python -m translations current FILE [--event ID] [--field NAME]
  [--language CODE]` (`make translations-current`) marks a translated page,
  or texts of the timeline data, current.

The languages hook (languages.py) uses the same helpers for each page's
notice and for the build's list.
"""

from __future__ import annotations

import argparse
import codecs
import functools
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from fingerprints import EXPECTED, Outdated, fingerprint, is_fingerprint
from timeline.article import read_sections
from timeline.current import mark_current
from timeline.data import DEFAULT_LANGUAGE, LANGUAGES, describe, load_timeline
from timeline.errors import TimelineError
from timeline.loader import YamlMapping, parse
from yaml_edit import EditError, set_string

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

DOCS = Path("docs")  # the default language's pages; each other language's are in docs/<code>/
DATA = DOCS / "data" / "timeline.yml"
FIELD = "translation.translates"
# A page's front matter, as MkDocs finds it (mkdocs.utils.meta).
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)


class TranslationError(Exception):
    """A translated page's record of its English is malformed; the message names the file, line and field."""


# -----------------------------------------------------------------------------
# Pages
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    """What a translated page records of its English: the fingerprint (None if none) and the line it is on."""

    recorded: str | None
    line: int


def english_fingerprint(path: Path) -> str:
    """Return the fingerprint of an English page: its title, description and body."""
    stat = path.stat()
    return _english_fingerprint(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=64)
def _english_fingerprint(path: str, mtime: int, size: int) -> str:
    """Fingerprint an English page once for each version of the file (`mtime` and `size` key the cache)."""
    text = Path(path).read_text(encoding="utf-8-sig")
    match = _FRONT_MATTER.match(text)
    meta = yaml.load(match.group(1), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) if match else None
    meta = meta if isinstance(meta, dict) else {}
    body = text[match.end():] if match else text
    return fingerprint(str(meta.get("title") or ""), str(meta.get("description") or ""), body)


def read_record(path: Path, label: str) -> Record:
    """Return what the translated page at `path` records of its English; raise TranslationError if it is malformed."""
    match = _FRONT_MATTER.match(path.read_text(encoding="utf-8-sig"))
    if not match:
        return Record(None, 1)
    try:
        # A line break first, so that lines count from the file's first (---).
        meta = parse("\n" + match.group(1), label)
    except TimelineError as exc:
        raise TranslationError(f"{exc} (in the front matter)") from None
    if not isinstance(meta, YamlMapping) or "translation" not in meta:
        return Record(None, 1)
    translation = meta["translation"]
    if not isinstance(translation, YamlMapping):
        raise TranslationError(f"{label}:{meta.key_lines['translation']}: field 'translation': expected a mapping "
                               f"with the translation's date and translates; found {describe(translation)}.")
    if "translates" not in translation:
        return Record(None, meta.key_lines["translation"])
    line, value = translation.key_lines["translates"], translation["translates"]
    if not is_fingerprint(value):
        raise TranslationError(f"{label}:{line}: field '{FIELD}': expected a fingerprint of the English "
                               f'({EXPECTED}) in quotes, such as "5e0c2a91"; found {describe(value)}. '
                               f"make translations-current FILE={label} writes the right one.")
    return Record(value, line)


def page_outdated(translation: Path, english: Path, language: str, project: Path) -> Outdated | None:
    """Return the page's translation as outdated, if it records no English or one that has changed; else None."""
    label, english_label = _relative(translation, project), _relative(english, project)
    record = read_record(translation, label)
    now = english_fingerprint(english)
    if record.recorded == now:
        return None
    return Outdated(file=label, line=record.line, field=FIELD, language=language,
                    language_name=LANGUAGES.get(language, language), english=now, recorded=record.recorded,
                    command=f"make translations-current FILE={label}", english_file=english_label)


def translated_pages(docs: Path, languages: Iterable[str]) -> Iterator[tuple[str, Path, Path]]:
    """Yield (language, translated page, English page) for each page of docs/<code>/ that translates one of docs/."""
    for language in languages:
        folder = docs / language
        for path in sorted(folder.rglob("*.md")):
            english = docs / path.relative_to(folder)
            if english.is_file():
                yield language, path, english


def outdated_pages(docs: Path, languages: Iterable[str], project: Path) -> list[Outdated]:
    """Return every translated page of `languages` that is outdated; raise TranslationError if a record is malformed."""
    found = [page_outdated(path, english, language, project)
             for language, path, english in translated_pages(docs, languages)]
    return [outdated for outdated in found if outdated is not None]


def mark_page_current(path: Path, english: Path, project: Path) -> str:
    """Record in the page's front matter that it translates its English page as it is now; return what was done."""
    label, english_label = _relative(path, project), _relative(english, project)
    now = english_fingerprint(english)
    if read_record(path, label).recorded == now:
        return f"{label}: already current; it translates {english_label} as it is ({now})."
    raw = path.read_bytes()
    bom = raw.startswith(codecs.BOM_UTF8)
    text = raw.decode("utf-8-sig")
    match = _FRONT_MATTER.match(text)
    if match is None:
        newline = "\r\n" if "\r\n" in text else "\n"
        text = newline.join(["---", "translation:", f'  translates: "{now}"', "---", "", text])
    else:
        try:
            front = set_string(match.group(1), ["translation", "translates"], now)
        except EditError as exc:
            raise TranslationError(f"{label}: field '{FIELD}': {exc}; nothing was written. Set it by hand "
                                   f'to "{now}".') from None
        text = text[:match.start(1)] + front + text[match.end(1):]
    path.write_bytes((codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8"))
    return f"{label}: marked current; it translates {english_label} as it is now ({now})."


def _relative(path: Path, project: Path) -> str:
    """Name a file relative to the project, as an editor would type it."""
    try:
        return path.resolve().relative_to(project.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# -----------------------------------------------------------------------------
# The command line
# -----------------------------------------------------------------------------

TRANSLATED = [code for code in LANGUAGES if code != DEFAULT_LANGUAGE]


def check(project: Path) -> int:
    """Print every translation that is not current, pages and data; return 1 if there is one, else 0."""
    docs, data = project / DOCS, project / DATA
    try:
        found = outdated_pages(docs, TRANSLATED, project)
        timeline = load_timeline(data, _relative(data, project), read_sections(docs / "index.md"))
    except (TranslationError, TimelineError) as exc:
        print(exc, file=sys.stderr)
        return 1
    found += [outdated for language in TRANSLATED for outdated in timeline.outdated.get(language, [])]
    for outdated in found:
        print(outdated.message())
    pages = sum(1 for _ in translated_pages(docs, TRANSLATED))
    texts = sum(text.has(language) for event in timeline.events for language in TRANSLATED
                for text in (event.title, event.description, event.note) if text is not None)
    if found:
        print(f"{len(found):,} of {pages + texts:,} translations are not current; update each, then mark it "
              "current with the command its line ends with.")
        return 1
    print(f"Every translation is current: {pages} pages, and {texts:,} texts of {_relative(data, project)}.")
    return 0


def current(project: Path, file: Path | None, events: list[str], fields: list[str], language: str | None) -> int:
    """Mark a translated page, or texts of the timeline data, current; print what was done and return 0, or 1."""
    try:
        for line in _current(project, file, events, fields, language):
            print(line)
    except (TranslationError, TimelineError) as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


def _current(project: Path, file: Path | None, events: list[str], fields: list[str], language: str | None) -> list[str]:
    """Mark the translation `file` (and for the data, `events`) names current; return what was done."""
    usage = ("name the translation: FILE=docs/ko/about.md for a page, or FILE=docs/data/timeline.yml "
             "EVENT=<id> LANGUAGE=ko (and FIELD=description for one text) for the timeline.")
    if file is None:
        file = project / DATA if events else None
    if file is None:
        raise TranslationError(f"Nothing to mark current: {usage}")
    path = file if file.is_absolute() else project / file
    label = _relative(path, project)
    if path.suffix in (".yml", ".yaml"):
        if not events:
            raise TranslationError(f"{label}: name the event too: EVENT=<id>, its 'id' in the file.")
        if not language:
            raise TranslationError(f"{label}: name the translation's language too: "
                                   f"{' or '.join(f'LANGUAGE={code}' for code in TRANSLATED)}.")
        return mark_current(path, label, events, language, fields)
    parts = Path(label).parts
    if path.suffix != ".md" or len(parts) < 3 or Path(*parts[:2]) not in {DOCS / code for code in TRANSLATED}:
        raise TranslationError(f"{label} is not a translated page; {usage}")
    if events or fields or (language and language != parts[1]):
        raise TranslationError(f"{label}: a page is marked current whole, in its own language; give FILE alone.")
    english = project / DOCS / Path(*parts[2:])
    if not path.is_file() or not english.is_file():
        raise TranslationError(f"{label}: expected a translated page and its English page "
                               f"{_relative(english, project)}; one of them does not exist.")
    return [mark_page_current(path, english, project)]


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    parser = argparse.ArgumentParser(prog="python -m translations", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="list every translation that is not current; exit 1 if there is one")
    mark = commands.add_parser("current", help="mark a translation current once it is updated")
    mark.add_argument("file", nargs="?", type=Path, default=None,
                      help=f"a translated page (docs/ko/about.md), or the timeline data ({DATA.as_posix()})")
    mark.add_argument("--event", action="append", default=[], help="an event's id (the data only; repeatable)")
    mark.add_argument("--field", action="append", default=[], help="title, description or note (default: all)")
    mark.add_argument("--language", default=None, help=f"the translation's language: {', '.join(TRANSLATED)}")
    args: Any = parser.parse_args(argv)
    project = Path.cwd()
    if args.command == "check":
        return check(project)
    return current(project, args.file, args.event, args.field, args.language)


if __name__ == "__main__":
    sys.exit(main())
