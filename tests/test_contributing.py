"""A newcomer's path: `new` builds ids from the dates it asks for, checks teach, and the guide is current."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import ROOT, VALID_RECORDS, edit_record

from tracker import fieldref, models, new_record, paths, skeleton
from tracker.cli import main
from tracker.suggest import closest_publisher, closest_value, publishers_alike, spelling_warnings
from tracker.vocab import AccountGiver, EventType, SourceKind


@pytest.fixture
def records(tmp_path: Path) -> Path:
    """A copy of the valid fixture's records, to add skeletons to."""
    shutil.copytree(VALID_RECORDS, tmp_path / "records")
    return tmp_path / "records"


def run(args: list[str], records: Path, terminal: str | None = None) -> Any:
    """`build.py ARGS --records RECORDS` from the records' parent folder; ``terminal``: answers typed in."""
    runner = CliRunner()
    with contextlib.chdir(records.parent), pytest.MonkeyPatch.context() as patch:
        patch.setattr(new_record, "on_terminal", lambda: terminal is not None)
        return runner.invoke(main, [*args, "--records", str(records)], input=terminal)


def written(result: Any) -> Path:
    line = next(line for line in result.output.splitlines() if line.startswith("wrote "))
    return Path(line.removeprefix("wrote "))


# `new` ---------------------------------------------------------------------------------------------


def test_an_event_id_starts_with_the_date_given_not_today(records: Path) -> None:
    result = run(
        ["new", "event", "Mirzoyan gives a count", "--date", "2026-02-23", "--type", "official-count"], records
    )
    assert result.exit_code == 0, result.output
    path = written(result)
    assert path.name == "2026-02-23-mirzoyan-gives-a-count.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    assert record["date"] == "2026-02-23" and record["type"] == "official-count"
    assert set(record["count"]) == set(models.Count.model_fields), "a count skeleton holds every count field"


def test_an_event_without_a_date_is_refused_off_a_terminal(records: Path) -> None:
    result = run(["new", "event", "Something happened"], records)
    assert result.exit_code == 2 and "--date" in result.output and "--undated" in result.output
    assert not list((records / "events").glob("*something*")), "nothing is written"


def test_on_a_terminal_the_date_and_type_are_asked_for(records: Path) -> None:
    result = run(
        ["new", "event", "Mirzoyan gives a count"], records, terminal="23 February\n2026-02-23\ncount\nofficial-count\n"
    )
    assert result.exit_code == 0, result.output
    assert result.output.count("Error: ") == 2, "each wrong answer is explained, then asked again"
    assert 'did you mean "official-count"?' in result.output
    assert written(result).name.startswith("2026-02-23-")


def test_an_undated_event_says_so_in_its_id(records: Path) -> None:
    result = run(["new", "event", "A count nobody dated", "--undated", "--type", "official-count"], records)
    assert result.exit_code == 0, result.output
    assert written(result).name == "undated-a-count-nobody-dated.json"
    assert json.loads(written(result).read_text(encoding="utf-8"))["date"] is None


def test_a_wrong_type_on_the_command_line_gets_the_closest_value(records: Path) -> None:
    result = run(["new", "event", "X", "--date", "2026-02-23", "--type", "count"], records)
    assert result.exit_code == 2 and 'did you mean "official-count"?' in result.output


def test_a_future_or_impossible_date_is_refused(records: Path) -> None:
    assert run(["new", "event", "X", "--date", "2999-01-01", "--type", "detention"], records).exit_code == 2
    assert run(["new", "event", "X", "--date", "2026-13", "--type", "detention"], records).exit_code == 2


def test_a_source_takes_its_publishers_spelling_kind_and_language_from_the_records(records: Path) -> None:
    known = json.loads((records / "sources" / "example-news-detentions.json").read_text(encoding="utf-8"))
    title = "Armen Example detained"
    result = run(["new", "source", title, "--publisher", known["publisher"], "--date", "2026-02-23"], records)
    assert result.exit_code == 0, result.output
    record = json.loads(written(result).read_text(encoding="utf-8"))
    assert written(result).name.startswith(skeleton._slug(known["publisher"], 4) + "-2026-02-23-armen-example")
    assert (record["publisher"], record["kind"], record["language"]) == (
        known["publisher"],
        known["kind"],
        known["language"],
    )
    assert record["title"] == title and record["published"] == "2026-02-23"


def test_a_publisher_close_to_one_in_the_records_gets_a_did_you_mean(records: Path) -> None:
    known = json.loads((records / "sources" / "example-news-detentions.json").read_text(encoding="utf-8"))
    near = known["publisher"] + " (online)"
    result = run(["new", "source", "A headline", "--publisher", near, "--date", "2026-02-23"], records)
    assert result.exit_code == 2 and f'did you mean "{known["publisher"]}"?' in result.output
    assert "--new-publisher" in result.output
    on_terminal = run(
        ["new", "source", "Another headline", "--publisher", near, "--date", "2026-02-23"], records, "y\n"
    )
    assert on_terminal.exit_code == 0, on_terminal.output
    assert json.loads(written(on_terminal).read_text(encoding="utf-8"))["publisher"] == known["publisher"]
    accepted = run(
        ["new", "source", "A headline", "--publisher", near, "--date", "2026-02-23", "--new-publisher"], records
    )
    assert accepted.exit_code == 0, accepted.output
    assert json.loads(written(accepted).read_text(encoding="utf-8"))["publisher"] == near


def test_a_publisher_spelled_in_another_case_takes_the_records_spelling(records: Path) -> None:
    known = json.loads((records / "sources" / "example-news-detentions.json").read_text(encoding="utf-8"))
    result = run(["new", "source", "A headline", "--publisher", known["publisher"].upper(), "--undated"], records)
    assert result.exit_code == 0, result.output
    record = json.loads(written(result).read_text(encoding="utf-8"))
    assert record["publisher"] == known["publisher"] and "published" not in record


def test_a_source_needs_a_publisher_and_a_date_or_undated(records: Path) -> None:
    assert run(["new", "source", "A headline", "--date", "2026-02-23"], records).exit_code == 2
    assert run(["new", "source", "A headline", "--publisher", "Somebody New"], records).exit_code == 2


def test_the_closing_hint_gives_a_check_command_that_works_here(records: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run(["new", "person", "Armen Example"], records)
    assert result.exit_code == 0, result.output
    hint = result.output.rsplit("then run `", 1)[1].split("`", 1)[0]
    assert "build.py check" in hint and "--records" in hint, hint
    assert hint.split()[0] != "python", "the system's python lacks the project's libraries"
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr("shutil.which", lambda name: "/usr/bin/make")
    assert new_record.check_command(paths.RECORDS) == "make check"
    monkeypatch.setattr("shutil.which", lambda name: None)
    assert new_record.check_command(paths.RECORDS).endswith("build.py check")


def test_new_help_lists_the_types_and_kinds() -> None:
    result = CliRunner().invoke(main, ["new", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert all(member.value in text for member in EventType)
    assert all(member.value in text for member in SourceKind)


def test_debug_after_the_command_says_where_it_goes() -> None:
    result = CliRunner().invoke(main, ["check", "--debug"])
    assert result.exit_code == 2
    assert "--debug goes before the command: build.py --debug check" in result.output


def test_a_wrong_type_in_a_record_suggests_the_value_by_meaning(records: Path) -> None:
    path = written(run(["new", "event", "X", "--date", "2026-02-23", "--type", "detention"], records))
    record = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**record, "type": "count"}), encoding="utf-8")
    result = run(["check"], records)
    line = next(line for line in result.output.splitlines() if line.startswith(f"records/events/{path.name}: type:"))
    assert 'did you mean "official-count"?' in line
    heading = fieldref.vocabulary_heading(EventType)
    assert f'see "{heading}" in CONTRIBUTING.md' in line
    assert f"### {heading}\n" in fieldref.CONTRIBUTING.read_text(encoding="utf-8"), "the section it names exists"


def _placeholders(value: Any, path: str = "") -> list[str]:
    """JSON paths of every placeholder in a skeleton."""
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in _placeholders(item, f"{path}.{key}" if path else key)]
    if isinstance(value, list):
        return [found for index, item in enumerate(value) for found in _placeholders(item, f"{path}[{index}]")]
    return [path] if isinstance(value, str) and ("FILL IN" in value or "FILL-IN" in value) else []


def test_untouched_skeletons_fail_check_naming_each_placeholder(records: Path) -> None:
    made = [
        written(run(["new", "person", "Armen Example"], records)),
        written(
            run(["new", "source", "A headline", "--publisher", "Brand New Outlet", "--date", "2026-02-23"], records)
        ),
        written(run(["new", "event", "X happened", "--date", "2026-02-23"], records)),
        written(run(["new", "event", "A count", "--date", "2026-02-23", "--type", "official-count"], records)),
    ]
    result = run(["check"], records)
    assert result.exit_code == 1
    for path in made:
        fields = _placeholders(json.loads(path.read_text(encoding="utf-8")))
        assert fields, f"{path.name} has placeholders"
        for field in fields:
            where = f"records/{path.parent.name}/{path.name}: {field}:"
            assert where in result.output, f"check does not name the placeholder {field} of {path.name}"


def test_skeleton_placeholders_that_are_not_text_already_fail(records: Path) -> None:
    """Until issue 12's check: placeholders in typed fields (vocabularies, codes, numbers) fail on their own."""
    path = written(run(["new", "event", "A count", "--date", "2026-02-23", "--type", "official-count"], records))
    result = run(["check"], records)
    assert result.exit_code == 1
    for field in ("count.number", "count.qualifier", "count.claimant", "sources[0].account"):
        assert f"records/events/{path.name}: {field}:" in result.output, field


# Suggestions ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written_value", "vocabulary", "meant"),
    [
        ("count", EventType, "official-count"),  # a word of the value
        ("detension", EventType, "detention"),  # spelling
        ("arrest", EventType, "detention"),  # meaning
        ("sentenced", EventType, "verdict"),
        ("Official count", EventType, "official-count"),  # the value written as words
        ("strike", EventType, "hunger-strike"),
        ("prosecutor", AccountGiver, "prosecution"),
        ("independent", SourceKind, "independent-media"),
    ],
)
def test_the_closest_vocabulary_value(written_value: str, vocabulary: Any, meant: str) -> None:
    assert closest_value(written_value, vocabulary) == meant


def test_no_suggestion_for_what_resembles_nothing() -> None:
    assert closest_value("zzzz", EventType) is None
    assert closest_value("media", SourceKind) is None, "a word shared by several values is no suggestion"


def test_publisher_spellings_alike_and_apart() -> None:
    assert publishers_alike("Azatutyun", "Azatutyun (RFE/RL)")
    assert publishers_alike("Armenian Weekly", "The Armenian Weekly")
    assert publishers_alike("Mediamx", "Mediamax")
    assert not publishers_alike("1news.az", "News.az"), "different outlets, only a digit apart"
    assert not publishers_alike("Caspian News", "Caspian Post")
    assert closest_publisher("azatutyun", ["OC Media", "Azatutyun (RFE/RL)"]) == "Azatutyun (RFE/RL)"


def test_a_publisher_spelt_unlike_its_other_sources_is_a_warning() -> None:
    files = {f"records/sources/s{n}.json": "Example Wire (Yerevan)" for n in range(3)}
    files["records/sources/odd.json"] = "Example Wire"
    files["records/sources/other.json"] = "Another Outlet"
    warnings = spelling_warnings(files)
    assert [(w.file, w.path, w.code) for w in warnings] == [
        ("records/sources/odd.json", "publisher", "publisher-spelling")
    ]
    assert '"Example Wire (Yerevan)" (3 sources' in warnings[0].message


def test_check_prints_publisher_warnings_and_still_passes(records: Path) -> None:
    path = records / "sources" / "example-news-detentions.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    copy = {**data, "id": "example-news-other", "publisher": data["publisher"].lower() + "!"}
    (records / "sources" / "example-news-other.json").write_text(json.dumps(copy), encoding="utf-8")
    result = run(["check"], records)
    assert result.exit_code == 0, result.output
    assert any(line.startswith("warning: ") and "[publisher-spelling]" in line for line in result.output.splitlines())


# The guide -----------------------------------------------------------------------------------------


def test_the_field_reference_is_current() -> None:
    text = fieldref.CONTRIBUTING.read_text(encoding="utf-8")
    assert fieldref.updated(text) == text, (
        f"CONTRIBUTING.md's field reference is out of date: run `{fieldref.REGENERATE}`"
    )


def test_the_editor_schema_files_are_current() -> None:
    for path, content in fieldref.editor_files().items():
        assert path.is_file() and path.read_bytes() == content, (
            f"{path.relative_to(ROOT)} is out of date: run `{fieldref.REGENERATE}`"
        )


def test_the_reference_describes_every_field_and_vocabulary_value() -> None:
    reference = fieldref.render()
    for model in {*models.ALL_MODELS.values(), models.Count, models.Sentence, models.Involvement, models.Citation}:
        section = reference.split(f"### {fieldref._object_heading(model.__name__)}\n", 1)[1].split("\n### ", 1)[0]
        for name in model.model_fields:
            assert f"- `{name}` (" in section, f"{model.__name__}.{name} is not in the reference"
    for vocabulary in fieldref.VOCABULARIES:
        section = reference.split(f"### {fieldref.vocabulary_heading(vocabulary)}\n", 1)[1].split("\n### ", 1)[0]
        assert all(f"| `{member.value}` |" in section for member in vocabulary)


def test_the_references_worked_example_is_a_valid_count() -> None:
    event = models.Event.model_validate(fieldref.WORKED_EXAMPLE)
    assert event.count is not None and event.type == EventType.OFFICIAL_COUNT


def test_an_out_of_date_reference_is_caught(tmp_path: Path) -> None:
    stale = tmp_path / "CONTRIBUTING.md"
    current = fieldref.CONTRIBUTING.read_text(encoding="utf-8")
    stale.write_text(current.replace("- `counted` (", "- `counted_by` ("), encoding="utf-8")
    assert fieldref.updated(stale.read_text(encoding="utf-8")) != stale.read_text(encoding="utf-8")
    assert fieldref.updated(stale.read_text(encoding="utf-8")) == current


def test_on_github_actions_problems_are_also_annotations_on_the_file(
    records: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = records / "events" / "2024-05-01-official-count.json"
    edit_record(path, lambda data: data.update(type="count"))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run(["check"], records)
    annotation = f"::error file=records/events/{path.name},title=not-in-vocabulary::type: "
    assert result.exit_code == 1 and annotation in result.output
    monkeypatch.delenv("GITHUB_ACTIONS")
    assert "::error" not in run(["check"], records).output, "only on GitHub"


def test_every_link_within_the_guide_reaches_a_heading() -> None:
    text = fieldref.CONTRIBUTING.read_text(encoding="utf-8")
    headings = {fieldref.anchor(line.lstrip("#").strip()) for line in text.splitlines() if line.startswith("#")}
    targets = set(re.findall(r"\]\((#[^)]+)\)", text))
    assert targets and targets <= headings, f"links to no heading: {sorted(targets - headings)}"
