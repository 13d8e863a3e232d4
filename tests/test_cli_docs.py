"""Every command has help text, the README's command table is the one `--help` gives (every command,
every option), and `--debug` keeps tracebacks out otherwise."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from tracker import cli_docs
from tracker.cli import main

README = cli_docs.README.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_help_and_is_in_the_readme(name: str) -> None:
    command = main.commands[name]
    assert command.help and len(command.help.strip()) > 20, f"{name} has no help text"
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output
    assert f"| `{name}" in README, f"the README's command table does not list {name}"


def test_the_readme_command_table_is_current() -> None:
    assert cli_docs.START in README and cli_docs.END in README, "the README lost the command table's markers"
    assert cli_docs.updated(README, main) == README, (
        f"README.md's command table is out of date: run `{cli_docs.REGENERATE}`"
    )


def _flags(row: str) -> set[str]:
    """Every flag a table row lists: `-q, --quiet` gives -q and --quiet."""
    return {
        word for listed in re.findall(r"<br>`([^`]+)`", row) for word in re.split(r"[ ,]+", listed) if word[:1] == "-"
    }


def test_the_table_holds_every_option_of_every_command() -> None:
    table = cli_docs.render(main)
    for name, command in main.commands.items():
        row = next(line for line in table.splitlines() if line.startswith(f"| `{name}"))
        expected = {flag for o in command.params if isinstance(o, click.Option) for flag in o.opts + o.secondary_opts}
        assert _flags(row) == expected, f"{name}: the table lists {sorted(_flags(row))}, it has {sorted(expected)}"
        first_sentence = " ".join(command.help.split(".")[0].split())
        assert first_sentence in row, f"{name}: its help text is not in the table"
    assert "`--debug`: Show full tracebacks" in table, "the options before the command are missing"


def test_a_stale_table_fails_the_check(tmp_path: Path) -> None:
    """The guard fires: a README whose table misses an option (or has none) is rewritten, and
    regenerate() reports the change, then finds nothing left to do."""
    stale = README.replace("<br>`--no-reuse`", "<br>`--no-longer`", 1)
    assert stale != README and cli_docs.updated(stale, main) == README
    copy = tmp_path / "README.md"
    copy.write_text(stale, encoding="utf-8")
    assert cli_docs.regenerate(main, copy) is True
    assert copy.read_text(encoding="utf-8") == README
    assert cli_docs.regenerate(main, copy) is False
    bare = README.split(cli_docs.START)[0]
    assert cli_docs.render(main) in cli_docs.updated(bare, main), "a README without the table gets one"


def test_an_internal_error_is_one_line_without_debug(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("tracker.pipeline.check_records", explode)
    (tmp_path / "records").mkdir()
    quiet = CliRunner().invoke(main, ["check", "--records", str(tmp_path / "records")])
    assert quiet.exit_code == 1
    assert "Traceback" not in quiet.output and "internal error: RuntimeError: boom" in quiet.output
    loud = CliRunner().invoke(main, ["--debug", "check", "--records", str(tmp_path / "records")])
    assert loud.exit_code == 1 and "Traceback" in loud.output
