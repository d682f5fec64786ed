"""The data check editors and CI run: `python -m timeline check` (make check-data, the pre-commit hook)."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from support import ROOT, build_project, copy_project

CHECK = [sys.executable, "-m", "timeline", "check"]


def run_check(*args: str, cwd: Path = ROOT, memory: int | None = None) -> subprocess.CompletedProcess[str]:
    """Run the data check in a fresh process, optionally with its address space capped at `memory` bytes."""

    def cap() -> None:
        if memory is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    # The timeout only guards the suite against a hang; it is not a measure of speed.
    return subprocess.run([*CHECK, *args], cwd=cwd, capture_output=True, text=True, timeout=120, preexec_fn=cap)


def test_the_real_data_file_passes_the_check() -> None:
    """With no argument, the check reads docs/data/timeline.yml, says how many events it holds, and exits 0."""
    result = run_check()
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("docs/data/timeline.yml: ") and "events, no problems found." in result.stdout


def test_the_check_gives_exactly_the_builds_messages(tmp_path: Path, build_log: pytest.LogCaptureFixture) -> None:
    """A bad file gives exit 1 and the very lines the build gives, with no traceback."""
    project = copy_project(tmp_path / "project")
    data = project / "docs" / "data" / "timeline.yml"
    text = data.read_text(encoding="utf-8")
    title = "    title:\n      en: Gorbachev's Vladivostok"
    data.write_text(text.replace(title, title.replace("title:", "tittle:"))
                    .replace("date: 1988-09-16", "date: 1988-09-31").replace("article: trade", "article: trades"))
    result = run_check(cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    with pytest.raises(Abort):
        build_project(project, tmp_path / "site")
    built = [r.getMessage() for r in build_log.records if r.levelname == "ERROR"]
    assert built == [result.stderr.rstrip("\n")]
    assert result.stderr.startswith("The timeline data has 3 problems")


def test_the_check_takes_a_file_to_check(tmp_path: Path) -> None:
    """`check FILE` checks another file, named as typed, against the article beside its data folder."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "timeline.schema.json").write_bytes((ROOT / "docs" / "data" / "timeline.schema.json")
                                                             .read_bytes())
    (tmp_path / "data" / "timeline.yml").write_text("events: []\n", encoding="utf-8")
    result = run_check("data/timeline.yml", cwd=tmp_path)
    assert result.returncode == 1
    assert "data/timeline.yml:1: field 'events': expected a list of events" in result.stderr


def test_a_missing_file_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    """Checking a file that is not there says so and exits 1."""
    result = run_check("nowhere.yml", cwd=tmp_path)
    assert (result.returncode, result.stderr.strip()) == (
        1, "nowhere.yml: the timeline data file is missing; create it with an 'events' list.")


def test_a_billion_laughs_file_is_refused_at_once_in_bounded_memory(tmp_path: Path) -> None:
    """Nested aliases that stand for billions of values are refused, within 512 MiB of address space."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "timeline.schema.json").write_bytes((ROOT / "docs" / "data" / "timeline.schema.json")
                                                             .read_bytes())
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in "bcdefghij":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 9) + "]")
    lines.append("events: [*j]")
    (tmp_path / "data" / "timeline.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_check("data/timeline.yml", cwd=tmp_path, memory=512 * 2**20)
    assert result.returncode == 1, result.stderr
    assert "data/timeline.yml:1: expected each value written out; found a YAML anchor" in result.stderr
    assert "Traceback" not in result.stderr


def test_make_check_data_runs_the_check() -> None:
    """`make check-data` is the same command, with the default file."""
    result = subprocess.run(["make", "--no-print-directory", "check-data"], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "MAKEFLAGS": ""})
    assert result.returncode == 0, result.stderr
    assert "-m timeline check" in result.stdout and "no problems found" in result.stdout
