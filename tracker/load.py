"""Stage: load. Read every record file (people, events, sources, redirects, withdrawn) into a raw
dict with its file's name, or a problem saying why it cannot be read (unreadable, not UTF-8, empty,
not JSON, a key given twice, not an object, not a .json file)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker.models import ALL_MODELS
from tracker.problems import Problem, display_path


@dataclass(frozen=True)
class RawRecord:
    """A record file's parsed JSON object, before validation."""

    kind: str
    """The folder under records/: people, events or sources."""
    path: Path
    data: dict[str, Any]
    file: str = ""
    """The path as problems show it (relative to the working directory); worked out when not given."""

    def __post_init__(self) -> None:
        if not self.file:
            object.__setattr__(self, "file", display_path(self.path))


class _DuplicateKey(ValueError):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKey(key)
        seen[key] = value
    return seen


def read_record(
    kind: str, path: Path, file: str | None = None, content: bytes | None = None
) -> tuple[RawRecord | None, Problem | None]:
    """Read one file (or parse its ``content``, already read): a RawRecord, or the one problem that stops
    it being read."""
    file = file or display_path(path)
    try:
        raw = path.read_bytes() if content is None else content
    except OSError as error:
        return None, Problem(file, "", f"cannot be read ({error.strerror})", "unreadable")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return None, Problem(
            file, "", f"is not UTF-8 text (bad byte at offset {error.start}); save it as UTF-8", "not-utf8"
        )
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return None, Problem(file, "", "is empty; a record file holds one JSON object", "empty-file")
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except _DuplicateKey as error:
        return None, Problem(file, str(error), "this key appears twice in the same object", "duplicate-key")
    except json.JSONDecodeError as error:
        message = f"invalid JSON at line {error.lineno} column {error.colno}: {error.msg}"
        return None, Problem(file, "", message, "json-syntax")
    except RecursionError:
        return None, Problem(file, "", "is nested too deeply to be a record", "json-syntax")
    except ValueError as error:  # a number with more digits than Python converts (4300)
        message = "has a number with too many digits" if "digits" in str(error) else f"is not valid JSON ({error})"
        return None, Problem(file, "", message, "json-syntax")
    if not isinstance(data, dict):
        kind_name = {list: "a list", str: "a string", int: "a number", float: "a number", bool: "true/false"}
        found = kind_name.get(type(data), "null")
        return None, Problem(file, "", f"holds {found}, not a JSON object", "not-an-object")
    return RawRecord(kind, path, data, file), None


def load(records_dir: Path) -> tuple[list[RawRecord], list[Problem]]:
    """Read records/<kind>/*.json for every kind, in a stable order; collect every problem."""
    records: list[RawRecord] = []
    problems: list[Problem] = []
    for kind in ALL_MODELS:
        folder = records_dir / kind
        if not folder.is_dir():
            continue
        shown = display_path(folder)  # once per folder: relpath costs more than reading a small file
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".") or path.is_dir():
                continue
            file = f"{shown}/{path.name}" if shown != "." else path.name
            if path.suffix != ".json":
                problems.append(not_a_record(file))
                continue
            record, problem = read_record(kind, path, file)
            if record:
                records.append(record)
            if problem:
                problems.append(problem)
    return records, problems


def not_a_record(file: str) -> Problem:
    return Problem(file, "", "is not a .json file; records/ holds only records", "not-a-record")
