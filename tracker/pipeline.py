"""Composition of the stages; the command line and the tests call these."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tracker.load import load
from tracker.problems import InvalidRecords
from tracker.validate import Records, validate


def check_records(records_dir: Path, today: dt.date | None = None) -> Records:
    """Load and validate; raise InvalidRecords with every problem, or return the records."""
    raw_records, problems = load(records_dir)
    records, more_problems = validate(raw_records, today=today)
    problems = sorted(set(problems + more_problems))
    if problems:
        raise InvalidRecords(problems)
    return records
