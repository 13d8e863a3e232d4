"""Change history of record files from git: one `git log` for the whole folder, never one per file."""

from __future__ import annotations

import os
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.derive import PersonView
    from tracker.models import Event


@dataclass(frozen=True)
class Change:
    """One commit that touched a record file."""

    commit: str
    date: str
    """Commit date, YYYY-MM-DD (UTC)."""
    subject: str


def record_history(records_dir: Path) -> dict[Path, list[Change]]:
    """Resolved record file path -> its changes, newest first. Empty when git or history is unavailable."""
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=records_dir, capture_output=True, text=True, check=True
        ).stdout.strip()
        log = subprocess.run(
            ["git", "log", "--format=%x00%H%x09%cd%x09%s", "--date=format-local:%Y-%m-%d", "--name-only", "--", "."],
            cwd=records_dir,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "TZ": "UTC"},
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    history: dict[Path, list[Change]] = defaultdict(list)
    for entry in log.split("\x00")[1:]:
        header, _, names = entry.partition("\n")
        commit, date, subject = [*header.split("\t", 2), "", ""][:3]
        for name in names.split("\n"):
            if name.strip():
                history[(Path(top) / name.strip()).resolve()].append(Change(commit, date, subject))
    return dict(history)


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

    def event_dates(self, event: Event) -> tuple[str, str]:
        changes = self.of("events", event.id)
        return (changes[-1].date, changes[0].date) if changes else (self.build_day, self.build_day)
