"""Fingerprints of English texts: how a translation records which English it translates.

A translation keeps the fingerprint of the English it was made from, beside
itself: a translated page in its front matter (`translation.translates:
"5e0c2a91"`), a text of the timeline data in its own mapping, one per
language (`translates: ko 5e0c2a91, ru 5e0c2a91`). Once the English changes, its fingerprint no longer matches the one
recorded, and the translation is outdated: its page or event says so, and
the build and `make check-translations` list it, each as an `Outdated`.

What counts as a change is anything but whitespace: runs of spaces, line
breaks and indentation read as one space, so re-wrapping a paragraph changes
nothing, and every other edit, a typo fix included, makes the translations
outdated, because no program can tell a typo from a change of meaning.

Pure: the timeline package and the translated pages (translations.py) both
use it, and it knows nothing of either.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

# Eight hexadecimal digits, as short as a commit's: a changed text keeps its
# old fingerprint by chance once in four billion changes.
LENGTH = 8
PATTERN = re.compile(rf"[0-9a-f]{{{LENGTH}}}")
# A fingerprint in an editor's words, as the messages and the JSON Schema give it.
EXPECTED = "8 characters, 0-9 and a-f"


def normalise(text: str) -> str:
    """Return the text with every run of whitespace as one space, and none at either end."""
    return " ".join(text.split())


def fingerprint(*parts: str) -> str:
    """Return the fingerprint of an English text, or of several (a page's title, description and body) in order."""
    # Normalised parts hold no line break, so joining on one keeps them apart.
    # (One part, the data's case, skips the join: the build hashes every text.)
    joined = normalise(parts[0]) if len(parts) == 1 else "\n".join(map(normalise, parts))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:LENGTH]


def is_fingerprint(value: object) -> bool:
    """Say whether a value read from YAML is a well-formed fingerprint."""
    return isinstance(value, str) and PATTERN.fullmatch(value) is not None


@dataclass(frozen=True)
class Outdated:
    """A translation whose English has changed since it was made, or that records no English at all."""

    file: str  # the translation's file, relative to the project
    line: int  # where its translation, or its record of the English, is
    field: str  # 'description.ko' in the data; 'translation.translates' on a page
    language: str  # the translation's language code, 'ko'
    language_name: str  # and its English name, 'Korean'
    english: str  # the fingerprint of the English as it is now
    recorded: str | None  # the fingerprint the translation records; None if it records none
    command: str  # the command that marks it current
    entry: str = ""  # in the data, the event: "event 2 ('vladivostok-speech')"
    english_file: str = ""  # for a page, the English page's file

    @property
    def unrecorded(self) -> bool:
        """Say whether the translation records no English, rather than an English that has changed."""
        return self.recorded is None

    def message(self) -> str:
        """Return one line naming the file, line, event and field, what is wrong and how to mark it current."""
        who = ", ".join(filter(None, [self.entry, f"field '{self.field}'"]))
        english = f"the English page {self.english_file}" if self.english_file else "the English"
        if self.recorded is None:
            problem = (f"records no fingerprint of the English it translates, so nothing can tell when "
                       f"{english} changes. Once the {self.language_name} matches {english}, mark it current")
        else:
            problem = (f"{english} has changed since this {self.language_name} translation was made (it records "
                       f"{self.recorded}; the English is now {self.english}). Update the {self.language_name}, "
                       "then mark it current")
        return f"{self.file}:{self.line}: {who}: {problem}: {self.command}"


# A build lists this many outdated translations at most, then says how many
# more there are; `make check-translations` lists every one.
SHOWN = 100


def summary(outdated: list[Outdated], what: str) -> str:
    """Word the outdated translations of `what` ("pages", "the timeline data"), all in one language, for the log."""
    language = outdated[0].language_name
    unrecorded = sum(found.unrecorded for found in outdated)
    changed = len(outdated) - unrecorded
    counts = ", ".join(filter(None, [
        f"{changed:,} outdated (the English has changed since; each says so to readers)" if changed else "",
        f"{unrecorded:,} not recording the English they translate" if unrecorded else ""]))
    more = [f"... and {len(outdated) - SHOWN:,} more; make check-translations lists every one."] \
        if len(outdated) > SHOWN else []
    lines = [found.message() for found in outdated[:SHOWN]] + more
    head = f"The {language} translations of {what} need a look: {counts}. Update each, then mark it current:"
    return "\n".join([head, *("  " + line for line in lines)])
