"""Change history of record files from git: one `git log` for the whole folder, never one per file."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tracker.derive import PersonView
    from tracker.models import Event


@dataclass(frozen=True)
class FieldChange:
    """One difference between two versions of a record file, in a reader's terms (worded by i18n)."""

    action: str
    """"created", "added", "removed" or "changed"."""
    field: str
    """The field, as its last name in the JSON path (e.g. "sentence", "date", "source")."""
    old: str | None = None
    new: str | None = None
    """The values, for short ones (dates, numbers, ids); None for long text."""
    about: str | None = None
    """Whom the change concerns, for a field inside one person's part in an event (a person id)."""


@dataclass(frozen=True)
class Change:
    """One commit that touched a record file, and what it changed there."""

    commit: str
    date: str
    """Commit date, YYYY-MM-DD (UTC)."""
    fields: tuple[FieldChange, ...] = ()
    """What changed, field by field (empty when the versions cannot be read or nothing a reader sees changed)."""
    time: str = ""
    """Commit time, ISO 8601 in UTC (YYYY-MM-DDTHH:MM:SSZ)."""


SHORT = 80
"""Values up to this long are shown in a change ("date corrected from 2023 to 2013-11-12"); longer text is
only said to be revised."""
KEYED = {"people": "person", "sources": "source", "summary_sources": "source", "name_hy_sources": "source"}
"""Lists whose items are matched by one key across versions (a person in an event, a cited source)."""


def _shown(value: Any) -> str | None:
    if isinstance(value, (dict, list)) or value is None:
        return None
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) <= SHORT else None


def diff_records(old: Any, new: Any, name: str = "", about: str | None = None) -> list[FieldChange]:
    """The differences between two versions of a record (parsed JSON), field by field."""
    if isinstance(old, dict) and isinstance(new, dict):
        changes = []
        for key in [*old, *(k for k in new if k not in old)]:
            if key not in new:
                changes.append(FieldChange("removed", key, _shown(old[key]), None, about))
            elif key not in old:
                changes.append(FieldChange("added", key, None, _shown(new[key]), about))
            elif old[key] != new[key]:
                changes.extend(diff_records(old[key], new[key], key, about))
        return changes
    if isinstance(old, list) and isinstance(new, list) and name in KEYED:
        return _diff_keyed(old, new, name, about)
    if old == new:
        return []
    return [FieldChange("changed", name, _shown(old), _shown(new), about)]


def _diff_keyed(old: list, new: list, name: str, about: str | None) -> list[FieldChange]:
    key = KEYED[name]
    item = "source" if key == "source" else "person"

    def by_key(items: list) -> dict[str, Any]:
        return {str(entry.get(key)): entry for entry in items if isinstance(entry, dict)}

    before, after = by_key(old), by_key(new)
    changes = [FieldChange("removed", item, ident, None, about) for ident in before if ident not in after]
    changes += [FieldChange("added", item, None, ident, about) for ident in after if ident not in before]
    for ident in (ident for ident in after if ident in before):
        changes.extend(diff_records(before[ident], after[ident], item, ident if key == "person" else about))
    return changes


def record_history(records_dir: Path) -> dict[Path, list[Change]]:
    """Resolved record file path -> its changes, newest first, each with what it changed in the file.
    One `git log` for the whole folder and one `git cat-file` for every version: never one per file.
    Empty when git or history is unavailable."""
    try:
        top = _git(records_dir, "rev-parse", "--show-toplevel").strip()
        log = _git(
            records_dir,
            "log",
            "--format=%x00%H%x09%cd%x09%ct",
            "--date=format-local:%Y-%m-%d",
            "--raw",
            "--no-abbrev",
            "--no-renames",
            "--",
            ".",
        )
    except (OSError, subprocess.CalledProcessError):
        return {}
    entries: list[tuple[Path, str, str, str, str, str]] = []
    for entry in log.split("\x00")[1:]:
        header, _, raw = entry.partition("\n")
        commit, date, epoch = [*header.split("\t", 2), "", ""][:3]
        time = dt.datetime.fromtimestamp(int(epoch), dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if epoch.isdigit() else ""
        for line in raw.splitlines():
            if line.startswith(":") and "\t" in line:
                meta, name = line.split("\t", 1)
                _, _, old_blob, new_blob, _ = meta.split(" ", 4)
                entries.append(((Path(top) / name).resolve(), commit, date, time, old_blob, new_blob))
    contents = _blobs(records_dir, {blob for *_, old, new in entries for blob in (old, new) if blob.strip("0")})
    history: dict[Path, list[Change]] = defaultdict(list)
    for path, commit, date, time, old_blob, new_blob in entries:
        fields = _changes(contents.get(old_blob), contents.get(new_blob), old_blob)
        history[path].append(Change(commit, date, fields, time))
    return dict(history)


def _changes(old: Any, new: Any, old_blob: str) -> tuple[FieldChange, ...]:
    if not old_blob.strip("0"):
        return (FieldChange("created", "record"),)
    if new is None or old is None:
        return ()
    return tuple(diff_records(old, new))


def _git(cwd: Path, *args: str, stdin: str | None = None) -> str:
    return subprocess.run(
        ["git", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "TZ": "UTC"},
    ).stdout


def _blobs(cwd: Path, blobs: set[str]) -> dict[str, Any]:
    """Blob id -> its parsed JSON (None when it is not JSON), read by one `git cat-file --batch`."""
    if not blobs:
        return {}
    ordered = sorted(blobs)
    try:
        out = subprocess.run(
            ["git", "cat-file", "--batch"],
            cwd=cwd,
            input="\n".join(ordered).encode() + b"\n",
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    parsed: dict[str, Any] = {}
    position = 0
    for blob in ordered:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        position = end + 1
        if len(header) < 3 or header[1] != b"blob":
            continue
        size = int(header[2])
        data = out[position : position + size]
        position += size + 1
        try:
            parsed[blob] = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            parsed[blob] = None
    return parsed


def last_commit_epoch(path: Path) -> int | None:
    """Unix time of the last commit (for reproducible timestamps), or None outside git."""
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=path, capture_output=True, text=True, check=True
        ).stdout.strip()
        return int(out) if out else None
    except (OSError, subprocess.CalledProcessError, ValueError):
        return None


class PageHistory:
    """Record-file changes from git, mapped to the pages they affect."""

    def __init__(self, records_dir: Path, build_day: str) -> None:
        root = records_dir.resolve()
        self.by_record: dict[tuple[str, str], list[Change]] = {}
        """(kind, id) -> changes, newest first."""
        for path, changes in record_history(records_dir).items():
            if path.parent.parent == root and path.suffix == ".json":
                self.by_record[(path.parent.name, path.stem)] = changes
        self.build_day = build_day

    def of(self, kind: str, record_id: str) -> list[Change]:
        return self.by_record.get((kind, record_id), [])

    def of_person(self, view: PersonView) -> list[Change]:
        changes = {c.commit: c for c in self.of("people", view.id)}
        for event in view.events:
            changes.update({c.commit: c for c in self.of("events", event.id)})
        return sorted(changes.values(), key=lambda c: (c.date, c.commit), reverse=True)

    def last_change(self, kind: str, record_id: str) -> str:
        """Day a record last changed (the build's day when git has no history of it)."""
        changes = self.of(kind, record_id)
        return changes[0].date if changes else self.build_day

    def event_times(self, event: Event) -> tuple[str, str]:
        return self.record_times("events", event.id)

    def record_times(self, kind: str, record_id: str) -> tuple[str, str]:
        """When a record was first published and last changed: commit times, ISO 8601 in UTC (the build
        day's midnight when git has no history of it)."""
        changes = self.of(kind, record_id)
        if not changes:
            return (f"{self.build_day}T00:00:00Z",) * 2
        return (changes[-1].time or f"{changes[-1].date}T00:00:00Z", changes[0].time or f"{changes[0].date}T00:00:00Z")
