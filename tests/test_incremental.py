"""Incremental builds: after edits, a plain build updates the output in place, and the result is
byte-identical to a clean build; whatever it does not handle falls back to a full build; a bad edit
fails the build and loses nothing."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tracker import incremental
from tracker.cli import main
from tracker.models import Person
from tracker.pipeline import build
from tracker.problems import BuildFailed, InvalidRecords
from tracker.synth import synthesize

INCREMENTAL = "edited record(s)"
"""What an incremental build says first ("checking 2 edited record(s)")."""
FULL = "checking records"
"""What a full build says first."""


def files_of(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def rebuild(records: Path, site: Path) -> list[str]:
    messages: list[str] = []
    build(records, site, progress=messages.append)
    return messages


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Synthetic records (few enough people for the timeline's person filter and more than 400
    events, so the timeline has year pages) and their full build."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    records = tmp_path / "records"
    synthesize(90, records, seed=3)
    build(records, tmp_path / "site")
    return records, tmp_path / "site"


def _one(records: Path, kind: str, index: int) -> Path:
    return sorted((records / kind).glob("*.json"))[index]


def _move_within_year(data: dict[str, Any]) -> None:
    data["date"] = data["date"][:4] + "-01-01" if data.get("date") else data.get("date")


def _new_person_and_event(records: Path) -> None:
    source = _one(records, "sources", 0).stem
    person = {
        "id": "synthetic-added-person",
        "name": "Added Person (synthetic)",
        "summary": "SYNTHETIC added.",
        "summary_sources": [{"source": source}],
    }
    (records / "people" / "synthetic-added-person.json").write_text(json.dumps(person), encoding="utf-8")
    event = {
        "id": "synthetic-added-event",
        "date": "2024-03-02",
        "type": "detention",
        "title": "Added detention (synthetic)",
        "summary": "SYNTHETIC added.",
        "people": [{"person": "synthetic-added-person", "role": "subject"}],
        "sources": [{"source": source}],
    }
    (records / "events" / "synthetic-added-event.json").write_text(json.dumps(event), encoding="utf-8")


def _swap_people(records: Path) -> None:
    """An event loses one person and gains another (both people's status and pages change)."""
    events = [json.loads(path.read_text(encoding="utf-8")) for path in sorted((records / "events").glob("*.json"))]
    mentions: dict[str, int] = {}
    for event in events:
        for item in event["people"]:
            mentions[item["person"]] = mentions.get(item["person"], 0) + 1
    # An event whose first person has other events too, so nobody is left without one.
    data = next(e for e in events if len(e["people"]) > 1 and mentions[e["people"][0]["person"]] > 1)
    listed = {item["person"] for item in data["people"]}
    newcomer = next(person for person in sorted(mentions) if person not in listed)
    data["people"] = [*data["people"][1:], {"person": newcomer, "role": "subject"}]
    (records / "events" / f"{data['id']}.json").write_text(json.dumps(data), encoding="utf-8")


def _add_source(records: Path) -> None:
    source = {
        "id": "synthetic-source-added",
        "title": "Added report (synthetic)",
        "publisher": "Synthetic Publisher Added",
        "url": "https://example.test/synthetic/added",
        "kind": "armenian-media",
    }
    (records / "sources" / "synthetic-source-added.json").write_text(json.dumps(source), encoding="utf-8")


EDITS: list[tuple[str, Callable[[Path], None]]] = [
    ("a person's summary", lambda r: edit(_one(r, "people", 7), lambda d: d.update(summary=d["summary"] + " Edited."))),
    ("a person's name", lambda r: edit(_one(r, "people", 8), lambda d: d.update(name="Renamed Synthetic Person"))),
    ("an Armenian name", lambda r: edit(_one(r, "people", 9), lambda d: d.update(name_hy="Սինթետիկ Անուն"))),
    ("an event's title", lambda r: edit(_one(r, "events", 3), lambda d: d.update(title="Retitled (synthetic)"))),
    ("an event's date", lambda r: edit(_one(r, "events", 5), _move_within_year)),
    ("an event's people", _swap_people),
    ("a source's publisher", lambda r: edit(_one(r, "sources", 2), lambda d: d.update(publisher="Aardvark Press"))),
    ("a new person and event", _new_person_and_event),
    ("a new source nothing cites yet", _add_source),
]


def test_every_kind_of_edit_rebuilds_incrementally_to_exactly_the_clean_build(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    records, site = built
    for number, (what, change) in enumerate(EDITS):
        change(records)
        messages = rebuild(records, site)
        assert any(INCREMENTAL in m for m in messages), f"{what}: not incremental: {messages}"
        assert not any(FULL in m for m in messages), f"{what}: fell back to a full build: {messages}"
        build(records, tmp_path / f"clean-{number}", reuse=False)
        clean = files_of(tmp_path / f"clean-{number}")
        updated = files_of(site)
        differing = sorted(name for name in clean.keys() | updated.keys() if clean.get(name) != updated.get(name))
        assert not differing, f"after editing {what}, these differ from a clean build: {differing[:10]}"


def test_an_unchanged_record_set_writes_nothing(built: tuple[Path, Path]) -> None:
    records, site = built
    before = {path: path.stat().st_mtime_ns for path in site.rglob("*") if path.is_file()}
    messages = rebuild(records, site)
    assert messages == ["no record changed since the last build"]
    assert {path: path.stat().st_mtime_ns for path in site.rglob("*") if path.is_file()} == before


def test_what_it_does_not_handle_falls_back_to_a_full_build(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    records, site = built
    _add_source(records)
    assert any(INCREMENTAL in m for m in rebuild(records, site))
    (records / "sources" / "synthetic-source-added.json").unlink()  # a removed record may break a URL
    assert any(FULL in m for m in rebuild(records, site))
    edit(_one(records, "people", 1), lambda d: d.update(summary="SYNTHETIC again."))
    assert any(INCREMENTAL in m for m in rebuild(records, site)), "the full build left a usable snapshot"
    monkeypatch.setattr(incremental, "inputs_digest", lambda *args: "templates changed")
    edit(_one(records, "people", 1), lambda d: d.update(summary="SYNTHETIC once more."))
    assert any(FULL in m for m in rebuild(records, site))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda r: _one(r, "people", 2).write_text("{ not json", encoding="utf-8"), "invalid JSON"),
        (
            lambda r: edit(
                _one(r, "events", 2), lambda d: d["people"].append({"person": "nobody-synthetic", "role": "subject"})
            ),
            'no person "nobody-synthetic"',
        ),
        (
            lambda r: edit(_one(r, "events", 2), lambda d: d["sources"].append({"source": "nowhere"})),
            'no source "nowhere"',
        ),
    ],
    ids=["bad JSON", "unknown person", "unknown source"],
)
def test_a_bad_edit_fails_like_a_full_build_and_changes_nothing(
    built: tuple[Path, Path], change: Callable[[Path], None], expected: str
) -> None:
    records, site = built
    before = files_of(site)
    change(records)
    with pytest.raises(InvalidRecords) as failure:
        build(records, site)
    assert any(expected in str(problem) for problem in failure.value.problems), failure.value.problems
    assert files_of(site) == before


def test_an_interrupted_update_is_never_trusted(
    built: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The snapshot goes before the first file is replaced, so a build that dies half-way through
    replacing files is followed by a full build, which repairs the output."""
    records, site = built
    edit(_one(records, "people", 3), lambda d: d.update(name="Half Updated Synthetic"))
    real_replace, calls = os.replace, []

    def dying_replace(source: Any, target: Any) -> None:
        calls.append(target)
        if len(calls) > 2:
            raise OSError("disk full (simulated)")
        real_replace(source, target)

    monkeypatch.setattr(incremental.os, "replace", dying_replace)
    with pytest.raises(OSError, match="simulated"):
        build(records, site)
    monkeypatch.setattr(incremental.os, "replace", real_replace)
    assert incremental.snapshot_file(site, "busy").exists()
    assert any(FULL in m for m in rebuild(records, site))
    build(records, tmp_path / "clean", reuse=False)
    assert files_of(site) == files_of(tmp_path / "clean")


def test_the_command_line_says_what_it_did_and_can_start_from_scratch(built: tuple[Path, Path]) -> None:
    records, site = built
    edit(_one(records, "people", 6), lambda d: d.update(summary="SYNTHETIC, said again."))
    arguments = ["build", "--records", str(records), "--out", str(site), "-q"]
    updated = CliRunner().invoke(main, arguments)
    assert updated.exit_code == 0, updated.output
    assert "updated" in updated.output and "in place" in updated.output, updated.output
    whole = CliRunner().invoke(main, [*arguments, "--no-reuse"])
    assert whole.exit_code == 0, whole.output
    assert whole.output.startswith("built "), whole.output


def test_a_record_that_breaks_while_a_build_reads_it_is_one_line(tmp_path: Path) -> None:
    """The shared pages look a few records up in their files again; one broken meanwhile fails the
    build with the problem line of that file, not a traceback."""
    (tmp_path / "people").mkdir()
    (tmp_path / "people" / "someone.json").write_text("{ broken", encoding="utf-8")
    people = incremental.LazyRecords(tmp_path / "people", Person, {"someone"}, {})
    with pytest.raises(BuildFailed) as failure:
        people["someone"]
    message = str(failure.value)
    assert "someone.json" in message and "invalid JSON" in message and "\n" not in message
