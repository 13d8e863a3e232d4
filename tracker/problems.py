"""Problems are data: file, JSON path, plain message and a stable code, printed one per line."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

CODES: dict[str, str] = {
    # Reading the file
    "unreadable": "the file cannot be read at all",
    "not-a-record": "a file in records/ that is not a .json record",
    "empty-file": "the file is empty",
    "json-syntax": "the file is not valid JSON (or is nested too deeply to be a record)",
    "duplicate-key": "a key appears twice in one JSON object",
    "not-an-object": "the file holds JSON, but not one object",
    # One field
    "unknown-field": "a field the model does not have (with the closest real one)",
    "missing-field": "a required field is absent",
    "not-in-vocabulary": "a value outside a closed list (with the closest value)",
    "bad-id": "an id that is not lowercase letters, digits and single hyphens",
    "bad-format": "a value not in the expected form (an address, a language code)",
    "wrong-type": "a value of the wrong JSON type",
    "no-source": "a fact that cites no source",
    "empty-value": "an empty string or list where something is needed",
    "too-long": "a value over its length limit",
    "bad-text": "text holding a character that is not text",
    "out-of-range": "a number outside its range",
    "bad-date": "a date not in the EDTF subset",
    "impossible-date": "a date that does not exist (30 February, month 13, year 0)",
    "reversed-range": "a date range that ends before it starts",
    "future-date": "a date after today",
    "invalid-value": "any other value the model refuses (the model's own message)",
    "invalid": "a record the validator cannot process at all (hostile nesting or values)",
    # Across fields of one record
    "bad-sentence": "a sentence with both years and life, or neither",
    "missing-dispute-note": "a disputed event without a note saying what is disputed",
    "missing-count": "an official-count event without its count",
    "uncited-outcome": "a person's sentence in an event without the sources that state it",
    "outcome-source-not-in-event": "a person's source in an event that the event itself does not cite",
    "id-mismatch": "an id that differs from the file name",
    "placeholder": "a skeleton's placeholder, or an address on a domain reserved for examples",
    "working-note": "wording about how the research was done, which readers should not see",
    # Across records
    "duplicate-id": "an id used by two records",
    "duplicate-person": "a person listed twice in one event",
    "unknown-reference": "a reference to a record that does not exist (with the closest id)",
    "no-event": "a person no event concerns",
    "sentence-before-detention": "a verdict dated before the person's detention",
    "reserved-id": "a live record using an id that was retired",
    # Warnings (printed by check, which still passes)
    "publisher-spelling": "a publisher spelled unlike more of its sources (with the spelling they use)",
}
"""Every problem code `check` can print, with what it means: codes are stable, so tools can rely on them."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located precisely enough for an editor to fix it."""

    file: str
    path: str
    message: str
    code: str

    def line(self) -> str:
        location = f"{self.file}: {self.path}" if self.path else self.file
        return _one_line(f"{location}: {self.message} [{self.code}]")


def _one_line(text: str) -> str:
    """Escape newlines and other unprintable characters (from keys or values) so a problem stays one line."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else char.encode("unicode_escape").decode("ascii") for char in text)


class TrackerError(Exception):
    """Base of the errors the command line turns into one-line messages."""


class InvalidRecords(TrackerError):
    """The records have problems; the build stops before writing anything."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the records")
        self.problems = problems


class BuildFailed(TrackerError):
    """A later stage (rendering, packaging, mkdocs, verification) failed."""


def display_path(path: Path) -> str:
    """The path as an editor would type it: relative to the working directory when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def json_path(location: Iterable[str | int]) -> str:
    """('people', 0, 'person') -> 'people[0].person'."""
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean "x"?)' when a close match exists, else ''."""
    match = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f' (did you mean "{match[0]}"?)' if match else ""
