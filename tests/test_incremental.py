"""One build path: a build after edits updates the output in place, computing again only what read
something that changed, and the result is byte-identical to a clean build, whichever way the edit
reached it (an uncommitted edit, a commit, a code or template change); a bad edit fails the build and
loses nothing; an interrupted update is never trusted."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import differences, files_of, git
from conftest import edit_record as edit

from tracker import cache, inputs, paths, units
from tracker import site as site_module
from tracker.cli import main
from tracker.models import Person
from tracker.pipeline import build
from tracker.problems import BuildFailed, InvalidRecords
from tracker.synth import synthesize

INCREMENTAL = "changed record file(s)"
"""What a build that reuses the cache says first ("checking 2 changed record file(s)")."""
FULL = "checking records"
"""What a clean build says first."""


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


def assert_same_as_clean(records: Path, site_dir: Path, clean: Path, what: str) -> None:
    build(records, clean, reuse=False)
    differing = differences(files_of(clean), files_of(site_dir))
    assert not differing, f"after {what}, these differ from a clean build: {differing[:10]}"
    shutil.rmtree(clean)
    cache.discard(clean)


def test_every_kind_of_edit_rebuilds_in_place_to_exactly_the_clean_build(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    records, site_dir = built
    for what, change in EDITS:
        change(records)
        messages = rebuild(records, site_dir)
        assert any(INCREMENTAL in m for m in messages), f"{what}: not in place: {messages}"
        assert not any(FULL in m for m in messages), f"{what}: built everything: {messages}"
        assert_same_as_clean(records, site_dir, tmp_path / "clean", f"editing {what}")


def _git(folder: Path, *args: str) -> None:
    git(folder, *args, when="1790000000 +0000")


def test_every_kind_of_edit_committed_rebuilds_in_place_to_exactly_the_clean_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a commit the histories change too (each page's "changes" list, the sitemap's dates, the
    feeds): the pages that show the committed records' history are computed again, nothing else."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    repository = tmp_path / "repository"
    records = repository / "records"
    synthesize(30, records, seed=4)
    _git(repository, "init", "-q")
    _git(repository, "add", ".")
    _git(repository, "commit", "-qm", "synthetic records")
    site_dir = tmp_path / "site"
    build(records, site_dir)
    for what, change in EDITS:
        change(records)
        _git(repository, "add", ".")
        _git(repository, "commit", "-qm", f"synthetic: {what}")
        messages = rebuild(records, site_dir)
        assert not any(FULL in m for m in messages), f"{what}: built everything: {messages}"
        assert_same_as_clean(records, site_dir, tmp_path / "clean", f"committing {what}")


def test_a_code_or_template_change_builds_everything_to_exactly_the_clean_build(
    built: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records, site_dir = built
    templates = tmp_path / "templates"
    shutil.copytree(paths.TEMPLATES, templates)
    monkeypatch.setattr(paths, "TEMPLATES", templates)
    before = cache.fingerprint(records, "/")
    (templates / "person.html").write_text((templates / "person.html").read_text() + "\n", encoding="utf-8")
    assert cache.fingerprint(records, "/") != before, "a template change must change the fingerprint"

    monkeypatch.setattr(cache, "fingerprint", lambda *args: "code changed")
    for what, change in EDITS[:3]:
        change(records)
        messages = rebuild(records, site_dir)
        assert any("building everything" in m for m in messages) and any(FULL in m for m in messages), messages
        monkeypatch.setattr(cache, "fingerprint", lambda *args, what=what: f"code changed again: {what}")
        assert_same_as_clean(records, site_dir, tmp_path / "clean", f"a code change and {what}")


def test_a_unit_is_computed_again_only_when_something_it_read_changed(built: tuple[Path, Path]) -> None:
    """The recorded reads are what decides: an Armenian name shows on the person's event pages (in
    Armenian), so editing it renders those again, and nothing of people with no event in common."""
    records, site_dir = built
    person = _one(records, "people", 11)
    kept = cache.load(site_dir, cache.fingerprint(records, paths.configured_site_url()))
    assert kept is not None
    person_id = person.stem
    readers = {key for key, unit in kept.units.items() if f"people/{person_id}" in unit.reads}
    events = {("events", event_id) for event_id in kept.pieces.people[person_id].events}
    assert events <= readers and ("people", person_id) in readers
    edit(person, lambda d: d.update(name_hy="Սինթետիկ Նոր Անուն"))
    before = {path: path.stat().st_mtime_ns for path in site_dir.rglob("index.html")}
    messages = rebuild(records, site_dir)
    rendered = next(m for m in messages if m.startswith("rendering"))
    pages = sum(1 for key in readers if key[0] in ("people", "events"))
    assert rendered.startswith(f"rendering {pages} person and event pages"), (rendered, pages)
    changed = {
        str(path.relative_to(site_dir))
        for path in site_dir.rglob("index.html")
        if before.get(path) != path.stat().st_mtime_ns
    }
    assert f"hy/events/{sorted(events)[0][1]}/index.html" in changed


def test_an_unchanged_record_set_writes_nothing(built: tuple[Path, Path]) -> None:
    records, site = built
    before = {path: path.stat().st_mtime_ns for path in site.rglob("*") if path.is_file()}
    messages = rebuild(records, site)
    assert messages == ["no record changed since the last build"]
    assert {path: path.stat().st_mtime_ns for path in site.rglob("*") if path.is_file()} == before


def test_a_removed_record_and_a_changed_fingerprint(built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    records, site = built
    _add_source(records)
    assert any(INCREMENTAL in m for m in rebuild(records, site))
    (records / "sources" / "synthetic-source-added.json").unlink()  # nothing cites it, no page: fine
    assert not any(FULL in m for m in rebuild(records, site))
    assert "synthetic-source-added" not in (site / "data" / "sources.csv").read_text(encoding="utf-8")
    edit(_one(records, "people", 1), lambda d: d.update(summary="SYNTHETIC again."))
    assert any(INCREMENTAL in m for m in rebuild(records, site)), "the build left no usable cache"
    monkeypatch.setattr(cache, "fingerprint", lambda *args: "templates changed")
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
    """A busy mark stands from the first file replaced until the cache is kept, so a build that dies
    half-way through replacing files is followed by a clean build, which repairs the output."""
    records, site = built
    edit(_one(records, "people", 3), lambda d: d.update(name="Half Updated Synthetic"))
    real_replace, calls = os.replace, []

    def dying_replace(source: Any, target: Any) -> None:
        calls.append(target)
        if len(calls) > 2:
            raise OSError("disk full (simulated)")
        real_replace(source, target)

    monkeypatch.setattr(site_module.os, "replace", dying_replace)
    with pytest.raises(OSError, match="simulated"):
        build(records, site)
    monkeypatch.setattr(site_module.os, "replace", real_replace)
    assert paths.beside(site, "busy").exists()
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
    """Records unchanged since the cache are read from their files when a page needs them; one broken
    meanwhile fails the build with the problem line of that file, not a traceback."""
    (tmp_path / "people").mkdir()
    (tmp_path / "people" / "someone.json").write_text("{ broken", encoding="utf-8")
    people = inputs.RecordFiles(tmp_path / "people", Person, {"someone"}, {})
    with pytest.raises(BuildFailed) as failure:
        people["someone"]
    message = str(failure.value)
    assert "someone.json" in message and "invalid JSON" in message and "\n" not in message


def test_units_shared_out_among_forked_workers_give_the_same_site(
    built: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records, site_dir = built
    monkeypatch.setattr(units, "PARALLEL_FROM", 0)
    build(records, tmp_path / "forked", reuse=False)
    assert not differences(files_of(site_dir), files_of(tmp_path / "forked"))


def test_the_cache_writes_each_dependency_key_once_and_reads_it_back_shared(tmp_path: Path) -> None:
    out_dir = tmp_path / "site"
    out_dir.mkdir()
    (out_dir / "index.html").write_text("", encoding="utf-8")
    shared_key = "people/synthetic-shared-person"
    units = {
        ("events", "e1"): cache.Unit((shared_key, "events/e1"), ("events/e1/index.html",)),
        ("events", "e2"): cache.Unit(("events/e2", shared_key), ("events/e2/index.html",)),
        ("sources", "s"): cache.Unit((), ()),
    }
    cache.save(out_dir, cache.Cache(fingerprint="f", units=units))
    assert paths.beside(out_dir, "cache").read_bytes().count(shared_key.encode()) == 1
    loaded = cache.load(out_dir, "f")
    assert loaded is not None and loaded.units == units
    first, second = loaded.units[("events", "e1")].reads[0], loaded.units[("events", "e2")].reads[1]
    assert first is second  # one string for every unit that read it
