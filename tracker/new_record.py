"""The questions `build.py new` asks: what it checks and suggests before it writes a skeleton.

What makes up a record's permanent id is asked for on a terminal (and required elsewhere); a
wrong answer is explained with the closest right one, and the publisher is matched against the
publishers already in the records.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
import shutil
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Any

import click

from tracker import dates, paths
from tracker.models import LANGUAGE_PATTERN
from tracker.problems import did_you_mean
from tracker.skeleton import PLACEHOLDER_PERSON, PLACEHOLDER_SOURCE, Publisher, known_publishers
from tracker.suggest import closest_publisher, closest_value, publisher_key
from tracker.vocab import SourceKind

Parse = Callable[[str], Any]


def on_terminal() -> bool:
    """True when someone can answer questions (not in scripts, tests or CI)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def check_command(records_dir: Path) -> str:
    """The check command that works in this checkout: `make check`, else the project's own Python."""

    def display_path(path: Path) -> str:  # relative only inside the working folder
        path = path.resolve()
        return str(path.relative_to(Path.cwd().resolve())) if path.is_relative_to(Path.cwd().resolve()) else str(path)

    default = records_dir.resolve() == paths.RECORDS.resolve()
    if default and shutil.which("make") and Path.cwd().resolve() == paths.ROOT and (paths.ROOT / "Makefile").is_file():
        return "make check"
    venv = paths.ROOT / ".venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    python = display_path(venv) if venv.exists() else sys.executable
    command = [python, display_path(paths.ROOT / "build.py"), "check"]
    if not default:
        command += ["--records", display_path(records_dir)]
    return " ".join(shlex.quote(part) for part in command)


def date_answer(kind: str, today: dt.date) -> Parse:
    """A click value_proc checking a date as `check` would (EDTF subset, not after today)."""

    def parse(text: str) -> str | None:
        text = text.strip()
        if not text and kind == "source":
            return None
        try:
            parsed = dates.parse(text)
        except dates.DateError as error:
            raise click.BadParameter(f"{text!r}: {error.message}") from None
        if parsed.earliest > today:
            raise click.BadParameter(f"{text} is after today")
        return text

    return parse


def vocabulary_answer(enum: type[StrEnum]) -> Parse:
    """A click value_proc accepting a vocabulary value (or nothing: filled in later), suggesting the closest one."""

    def parse(text: str) -> str | None:
        value = text.strip()
        if not value:
            return None
        if value in {member.value for member in enum}:
            return value
        closest = closest_value(value, enum)
        hint = f' (did you mean "{closest}"?)' if closest else ""
        raise click.BadParameter(f'"{value}" is not one of: {", ".join(m.value for m in enum)}{hint}')

    return parse


def answer(
    value: str | None, question: str, parse: Parse, *, required: str | None = None, may_skip: bool = True
) -> object:
    """``value`` checked by ``parse``; when missing, asked on a terminal (Enter skips it if ``may_skip``),
    else a usage error (``required``) or None (the skeleton then holds a placeholder)."""
    if value is not None:
        try:
            return parse(value)
        except click.BadParameter as error:
            raise click.UsageError(error.message) from None
    if on_terminal():
        return click.prompt(question, value_proc=parse, default="" if may_skip else None, show_default=False)
    if required:
        raise click.UsageError(required)
    return None


def publisher(
    name: str | None, records_dir: Path, new_publisher: bool, kind: str | None, language: str | None
) -> Publisher:
    """The source's publisher, spelled as in the records; a near miss is a did-you-mean."""
    known = known_publishers(records_dir / "sources")
    if name is None and on_terminal() and known:
        click.echo("Publishers in the records: " + "; ".join(sorted(known, key=str.casefold)))
    name = answer(
        name,
        "Publisher (as spelled in the records, or a new one)",
        str.strip,
        required="give the source's publisher with --publisher (spelled as in the records)",
        may_skip=False,
    )
    same = next((known_name for known_name in known if publisher_key(known_name) == publisher_key(name)), None)
    if same is not None and same != name:
        click.echo(f'using the records\' spelling of the publisher: "{same}"')
        name = same
    if name in known:
        found = known[name]
    else:
        close = closest_publisher(name, known)
        if close and not new_publisher:
            question = f'"{name}" is not a publisher in the records; did you mean "{close}"?'
            if not on_terminal():
                raise click.UsageError(
                    f'no publisher "{name}" in the records (did you mean "{close}"?); '
                    "if it is another publisher, add --new-publisher"
                )
            if click.confirm(question, default=True):
                name = close
        found = known.get(name) or Publisher(name)
        if name not in known:
            click.echo(f'"{name}" is a new publisher: give its kind and language (see CONTRIBUTING.md)')
    kind = (
        answer(kind, "Kind of publisher (Enter to fill in later)", vocabulary_answer(SourceKind))
        if (kind is not None or found.kind is None)
        else found.kind
    )
    if language is not None and not re.match(LANGUAGE_PATTERN, language):
        raise click.UsageError(f'--language "{language}" is not a language code such as en, hy or ru')
    language = language or found.language
    if language is None and on_terminal():
        language = (
            click.prompt(
                "Language code of the page (en, hy, ru, az, …; Enter to fill in later)", default="", show_default=False
            )
            or None
        )
    return Publisher(found.name, kind or None, language)


def warn_unknown(records_dir: Path, folder: str, record_id: str, kind: str) -> None:
    if record_id in {PLACEHOLDER_PERSON, PLACEHOLDER_SOURCE} or (records_dir / folder / f"{record_id}.json").is_file():
        return
    known = [path.stem for path in (records_dir / folder).glob("*.json")]
    hint = did_you_mean(record_id, known) or f" (add it with `build.py new {kind}`)"
    click.echo(f'note: no {kind} "{record_id}" in the records yet{hint}', err=True)
