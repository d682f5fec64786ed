"""The one error the timeline raises for bad data, and the report that words it."""

from __future__ import annotations


class TimelineError(Exception):
    """Bad timeline data; the message holds one line per problem, each naming the file and line."""


# A report lists this many problems at most, then says how many more there are:
# a file whose every event is wrong in the same way needs one fix, not a million lines.
SHOWN = 100


class Report:
    """Collects one line per problem, all naming the same file, and raises them together."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.lines: list[str] = []

    def add(self, line: int, entry: str, field_name: str | None, message: str) -> None:
        """Record a problem at `line` (0 for the whole file) of an entry and field, either of which may be empty."""
        where = f"{self.label}:{line}" if line else self.label
        who = ", ".join(filter(None, [entry, f"field '{field_name}'" if field_name else ""]))
        text = f"{where}: {who}: {message}" if who else f"{where}: {message}"
        if text not in self.lines:  # two schema rules can fail on one value
            self.lines.append(text)

    def raise_if_any(self) -> None:
        """Raise a TimelineError listing every problem recorded, if there is one."""
        if self.lines:
            count = len(self.lines)
            problems, them = ("problems", "them") if count > 1 else ("problem", "it")
            head = f"The timeline data has {count:,} {problems}; fix {them} and build again:"
            more = [f"  ... and {count - SHOWN:,} more like these."] if count > SHOWN else []
            raise TimelineError("\n".join([head, *("  " + line for line in self.lines[:SHOWN]), *more]))
