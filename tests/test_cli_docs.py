"""Every command has help text and is documented in the README (and `--debug` keeps tracebacks out otherwise)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_help_and_is_in_the_readme(name: str) -> None:
    command = main.commands[name]
    assert command.help and len(command.help.strip()) > 20, f"{name} has no help text"
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output
    assert f"`{name}" in README, f"the README's command table does not mention {name}"


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
