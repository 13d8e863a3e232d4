"""`check` on the valid fixture, every broken case and usage errors: exact lines, exit codes, no tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from check_cases import BROKEN, CASES, VALID, expected_lines, make_records, run_check, summary_line

ROOT = Path(__file__).resolve().parent.parent


def test_there_are_enough_broken_cases() -> None:
    assert len(CASES) >= 35
    for case in CASES:
        assert (BROKEN / case / "expected.txt").is_file(), f"{case} has no expected.txt"
        assert (BROKEN / case / "records").is_dir(), f"{case} has no records/ overlay"


def test_valid_fixture_passes(tmp_path: Path) -> None:
    make_records(None, tmp_path)
    outcome = run_check(tmp_path, "--records", "records")
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stderr == ""
    valid, translations = outcome.stdout.strip().splitlines()
    assert valid == "valid: 2 people, 4 events, 2 sources"
    # Missing Armenian text is counted, never an error: the fixture has none at all.
    assert translations.startswith("translations: Armenian text missing for 2 of 2 people.name, 2 of 2 people.summary")


def test_valid_fixture_passes_from_its_own_folder() -> None:
    outcome = run_check(VALID.parent, "--records", "records")
    assert outcome.exit_code == 0, outcome.stderr


@pytest.mark.parametrize("case", CASES)
def test_broken_case(case: str, tmp_path: Path) -> None:
    make_records(case, tmp_path)
    outcome = run_check(tmp_path, "--records", "records")
    expected = expected_lines(case)
    assert "Traceback" not in outcome.stderr
    assert "internal error" not in outcome.stderr
    if not expected:  # a case that documents something accepted (e.g. a UTF-8 BOM)
        assert outcome.exit_code == 0, outcome.stderr
        assert outcome.stderr == ""
        return
    assert outcome.exit_code == 1
    assert outcome.stderr_lines == [*expected, summary_line(len(expected))]
    assert outcome.stdout == ""


def test_every_problem_line_has_the_documented_shape() -> None:
    """file: [json.path: ]message [code], the file relative to the records' parent."""
    for case in CASES:
        for line in expected_lines(case):
            assert line.startswith("records/"), (case, line)
            assert line.split(": ", 1)[0].endswith(".json") or case == "non-json-file", (case, line)
            code = line.rsplit(" [", 1)[1]
            assert code.endswith("]") and code[:-1].replace("-", "").isalnum(), (case, line)


def test_multiple_problems_are_all_reported_in_one_run(tmp_path: Path) -> None:
    make_records("multiple-problems", tmp_path)
    outcome = run_check(tmp_path, "--records", "records")
    files = {line.split(": ", 1)[0] for line in outcome.stderr_lines[:-1]}
    codes = {line.rsplit(" [", 1)[1] for line in outcome.stderr_lines[:-1]}
    assert len(files) >= 4 and len(codes) >= 6


def test_problems_are_printed_in_a_stable_order(tmp_path: Path) -> None:
    make_records("multiple-problems", tmp_path)
    first = run_check(tmp_path, "--records", "records").stderr
    second = run_check(tmp_path, "--records", "records").stderr
    assert first == second
    lines = first.splitlines()[:-1]
    assert lines == sorted(lines)


def test_missing_records_folder_is_a_usage_error(tmp_path: Path) -> None:
    outcome = run_check(tmp_path, "--records", "no-such-folder")
    assert outcome.exit_code == 2
    assert "no-such-folder" in outcome.stderr
    assert "Traceback" not in outcome.stderr


def test_records_pointing_at_a_file_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "records").write_text("{}")
    outcome = run_check(tmp_path, "--records", "records")
    assert outcome.exit_code == 2
    assert "Traceback" not in outcome.stderr


def test_unknown_option_is_a_usage_error(tmp_path: Path) -> None:
    outcome = run_check(tmp_path, "--recrods", "records")
    assert outcome.exit_code == 2
    assert "No such option" in outcome.stderr
    assert "Traceback" not in outcome.stderr


def test_empty_records_folder_is_valid(tmp_path: Path) -> None:
    (tmp_path / "records").mkdir()
    outcome = run_check(tmp_path, "--records", "records")
    assert outcome.exit_code == 0, outcome.stderr


def test_hidden_files_and_subfolders_are_ignored(tmp_path: Path) -> None:
    records = make_records(None, tmp_path)
    (records / "people" / ".DS_Store").write_bytes(b"\x00\x01")
    (records / "people" / "drafts").mkdir()
    outcome = run_check(tmp_path, "--records", "records")
    assert outcome.exit_code == 0, outcome.stderr


def _subprocess_check(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "check", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )


def test_subprocess_valid(tmp_path: Path) -> None:
    make_records(None, tmp_path)
    result = _subprocess_check(tmp_path, "--records", "records")
    assert result.returncode == 0, result.stderr
    assert "valid: 2 people" in result.stdout


@pytest.mark.parametrize("case", ["multiple-problems", "deeply-nested-lists", "lone-surrogate", "year-zero"])
def test_subprocess_broken(case: str, tmp_path: Path) -> None:
    make_records(case, tmp_path)
    result = _subprocess_check(tmp_path, "--records", "records")
    expected = expected_lines(case)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [*expected, summary_line(len(expected))]


def test_subprocess_usage_errors(tmp_path: Path) -> None:
    missing = _subprocess_check(tmp_path, "--records", "nowhere")
    unknown = _subprocess_check(tmp_path, "--bogus")
    for result in (missing, unknown):
        assert result.returncode == 2
        assert "Traceback" not in result.stderr


# Problem codes ------------------------------------------------------------------------------------

UNCASED = {
    "unreadable": "needs a file the operating system refuses to read, which a fixture cannot hold",
    "invalid": "needs values pydantic itself cannot process; the hostile fixture covers what can be written",
    "invalid-value": "the fallback for a model error no other code names; every such error is mapped",
    "publisher-spelling": "a warning, so check passes: tests/test_contributing.py shows check printing it",
}
"""Registered codes without a broken-record case, and why."""


def test_every_problem_code_is_registered_and_has_a_broken_case() -> None:
    import re

    from tracker.problems import CODES

    printed = {
        code
        for case in CASES
        for line in (BROKEN / case / "expected.txt").read_text(encoding="utf-8").splitlines()
        for code in re.findall(r"\[([a-z-]+)\]$", line)
    }
    assert printed <= set(CODES), f"cases print unregistered codes: {sorted(printed - set(CODES))}"
    source = "".join(path.read_text(encoding="utf-8") for path in Path("tracker").glob("*.py"))
    written = set(re.findall(r'Problem\([^()]*(?:\([^()]*\)[^()]*)*"([a-z]+(?:-[a-z]+)*)"\)', source, re.S))
    written |= set(re.findall(r'(?:PydanticCustomError|DateError)\(\s*"([a-z-]+)"', source))
    assert written <= set(CODES), f"the code writes unregistered codes: {sorted(written - set(CODES))}"
    assert set(UNCASED) <= set(CODES)
    missing = set(CODES) - printed - set(UNCASED)
    assert not missing, f"codes without a broken-record case in tests/fixtures/broken/: {sorted(missing)}"
