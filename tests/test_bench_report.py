"""The bench's report: BENCHMARKS.md from stored results and the budgets kept as data."""

from __future__ import annotations

import copy
import json

import pytest

from bench import report
from support import FIXTURES

RESULTS = json.loads((FIXTURES / "bench" / "results.json").read_text(encoding="utf-8"))


def budget_rows(text: str) -> dict[str, tuple[str, str]]:
    """Return the budgets table: name to (measured, verdict)."""
    table = text.split("## Budgets", 1)[1]
    rows = [line.strip("|").split(" | ") for line in table.splitlines() if line.startswith("| ") and "---" not in line]
    return {name.strip(): (value.strip(), mark.strip()) for name, value, mark in rows[1:]}


def test_every_budget_of_the_stored_results_is_judged_against_budgets_toml() -> None:
    """Each measured figure appears with its budget from budgets.toml, and each is met."""
    rows = budget_rows(report.render(RESULTS, report.load_budgets()))
    assert rows == {
        "Build at most 1.15 × the bare build": ("1.08 ×", "met"),
        "No unused search-language bundles": ("0 files", "met"),
        "A page at most 1.10 × the bare page (gzip)": ("worst 1.097 ×", "met"),
        "Search settles in a median of 50 ms or less, in each language": ("42 ms / 44 ms / 45 ms", "met"),
        "Lighthouse performance 98 or more": ("100", "met"),
        "Lighthouse accessibility, best practices, SEO at 100": ("100 / 100 / 100", "met"),
        "1,000 events add at most 0.5 s to a clean build of all 3 languages": ("0.37 s", "met"),
        "10,000 events add at most 4 s to a clean build of all 3 languages": ("3.82 s", "met"),
        "The cost grows linearly (added per 1,000 events, from 1,000 events up)": ("0.37 s / 0.38 s / 0.41 s", "met"),
        "An edit shows in at most 1.25 × the bare site's time, for every kind": ("worst 1.12 ×", "met"),
        "The data check takes at most 0.5 s": ("0.21 s", "met"),
    }


@pytest.mark.parametrize(("section", "key", "value", "budget"), [
    ("build", "ratio", 1.2, "Build at most 1.15 × the bare build"),
    ("search", "ours_median_ms", 61, "Search settles in a median of 50 ms or less, in each language"),
    ("check", "seconds", 0.9, "The data check takes at most 0.5 s"),
    ("edit", "bad save", 1.3, "An edit shows in at most 1.25 × the bare site's time, for every kind"),
])
def test_a_figure_over_its_budget_is_marked_missed(section: str, key: str, value: float, budget: str) -> None:
    """A worse figure flips its own verdict, and only its own."""
    worse = copy.deepcopy(RESULTS)
    {"search": lambda: worse["search"]["ru"], "edit": lambda: worse["edit"]["ours"]}.get(
        section, lambda: worse[section])()[key] = value
    rows = budget_rows(report.render(worse, report.load_budgets()))
    assert rows[budget][1] == "**missed**"
    assert [name for name, (_, mark) in rows.items() if mark != "met"] == [budget]


def test_the_budgets_come_from_the_data_not_the_code() -> None:
    """A tighter budget in the data changes the verdict and the wording."""
    budgets = report.load_budgets()
    budgets["build"]["max_ratio"] = 1.05
    rows = budget_rows(report.render(RESULTS, budgets))
    assert rows["Build at most 1.05 × the bare build"] == ("1.08 ×", "**missed**")


def test_sections_that_did_not_run_are_left_out() -> None:
    """A partial run (`--only`) reports what it has."""
    partial = {key: RESULTS[key] for key in ("date", "machine", "check")}
    text = report.render(partial, report.load_budgets())
    assert "## Data check" in text and "## Build" not in text
    assert list(budget_rows(text)) == ["The data check takes at most 0.5 s"]
