"""Problems are data: file, JSON path, plain message and a stable code, printed one per line."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


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
