"""Shared helpers for the check tests: the valid fixture, the broken cases and running `check`.

A broken case is ``tests/fixtures/broken/<case>/``: a ``records/`` folder holding only the files
that differ from ``tests/fixtures/valid/records/`` (they replace or add to it), and ``expected.txt``
with the exact problem lines `check` must print, in order (``{today}`` stands for today's date).
An empty ``expected.txt`` means the case must be accepted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from tracker.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "valid" / "records"
BROKEN = FIXTURES / "broken"
CASES = sorted(path.name for path in BROKEN.iterdir() if path.is_dir())


@dataclass
class Outcome:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def stderr_lines(self) -> list[str]:
        return self.stderr.splitlines()


def make_records(case: str | None, where: Path) -> Path:
    """A copy of the valid records under ``where/records``, with the case's files laid over it."""
    records = where / "records"
    shutil.copytree(VALID, records)
    if case is not None:
        shutil.copytree(BROKEN / case / "records", records, dirs_exist_ok=True)
    return records


def expected_lines(case: str) -> list[str]:
    text = (BROKEN / case / "expected.txt").read_text(encoding="utf-8")
    return [line.replace("{today}", dt.date.today().isoformat()) for line in text.splitlines() if line]


def summary_line(count: int) -> str:
    return f"{count} problem(s); nothing was written."


def run_check(cwd: Path, *args: str) -> Outcome:
    """`check` through click's runner, from ``cwd`` so the displayed paths are relative to it."""
    with contextlib.chdir(cwd):
        result = CliRunner().invoke(main, ["check", *args], catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"check raised {result.exception!r}") from result.exception
    return Outcome(result.exit_code, result.stdout, result.stderr)
