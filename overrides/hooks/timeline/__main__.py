"""The timeline's command line: `python -m timeline check [FILE]`.

`check` reads and checks a data file exactly as the build does, with the same
messages, and exits 0 when it is good and 1 when it is not. It also lists the
translations the file lacks and those whose English has changed since they
were made, which the build reports without stopping: each language's
timeline shows the English for the first and says so of the second (`make
check-translations` fails on the second). It is what `make check-data` and
the pre-commit hook run; it imports nothing of MkDocs or Markdown, so it
answers in a fraction of a second.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from timeline.article import read_sections
from timeline.data import LANGUAGES, load_timeline
from timeline.errors import TimelineError

DEFAULT = Path("docs/data/timeline.yml")


def check(path: Path, article: Path | None = None) -> int:
    """Check the data file at `path` against the article's sections; print the verdict and return the exit code."""
    label = path.as_posix()
    # The article sits beside the data folder: docs/index.md for docs/data/timeline.yml.
    sections = read_sections(article or path.parent.parent / "index.md")
    try:
        timeline = load_timeline(path, label, sections)
    except TimelineError as exc:
        print(exc, file=sys.stderr)
        return 1
    for language, lines in timeline.missing.items():
        name = LANGUAGES.get(language, language)
        print(f"{label}: {len(lines):,} text(s) lack a {name} translation; the {name} timeline shows the English:")
        print("\n".join("  " + line for line in lines))
    for language, outdated in timeline.outdated.items():
        name = LANGUAGES.get(language, language)
        print(f"{label}: {len(outdated):,} {name} translation(s) are outdated or do not record their English:")
        print("\n".join("  " + found.message() for found in outdated))
    count = len(timeline.events)
    print(f"{label}: {count} event{'s' if count != 1 else ''}, no problems found.")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    parser = argparse.ArgumentParser(prog="python -m timeline", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="check a timeline data file as the build does")
    check_parser.add_argument("file", nargs="?", type=Path, default=DEFAULT,
                              help=f"the data file (default: {DEFAULT.as_posix()})")
    check_parser.add_argument("--article", type=Path, default=None,
                              help="the article whose sections events may name (default: index.md beside data/)")
    args = parser.parse_args(argv)
    return check(args.file, args.article)


if __name__ == "__main__":
    sys.exit(main())
