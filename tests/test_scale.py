"""Scale features, checked at small N: synthetic records, reuse of unchanged pages, and the compact
person finder (Material's search box) holding every spelling of every name."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tracker import incremental, pages, search
from tracker.pipeline import build, check_records
from tracker.synth import synthesize
from tracker.vocab import EventType


def files_of(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_synth_is_valid_clearly_fake_deterministic_and_covers_every_event_type(tmp_path: Path) -> None:
    counts = synthesize(40, tmp_path / "a", seed=5)
    synthesize(40, tmp_path / "b", seed=5)
    records = check_records(tmp_path / "a")
    assert counts["people"] == len(records.people) == 40
    assert 4 * 40 <= len(records.events) <= 6 * 40 and len(records.sources) == 20
    assert {event.type for event in records.events.values()} >= set(EventType) - {EventType.DEATH}
    assert all(person.summary.startswith("SYNTHETIC") for person in records.people.values())
    assert all(source.url.startswith("https://example.test/") for source in records.sources.values())
    assert files_of(tmp_path / "a") == files_of(tmp_path / "b"), "same seed, same records"
    synthesize(40, tmp_path / "c", seed=6)
    assert files_of(tmp_path / "a") != files_of(tmp_path / "c")


def test_a_full_rebuild_reuses_unchanged_pages_and_equals_a_clean_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the incremental path does not apply (a template edit, a removed record), the full build
    still hard-links every page whose inputs did not change."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    records = tmp_path / "records"
    synthesize(30, records, seed=9)
    build(records, tmp_path / "site")
    person = sorted((records / "people").glob("*.json"))[7]
    data = json.loads(person.read_text(encoding="utf-8"))
    data["summary"] += " Edited."
    person.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")

    monkeypatch.setattr(incremental, "rebuild", lambda *args, **kwargs: None)  # as if it did not apply
    messages: list[str] = []
    build(records, tmp_path / "site", progress=messages.append)
    reused = [m for m in messages if m.startswith("reused")]
    assert reused, "the rebuild reused nothing"
    assert all(int(m.split()[1]) > 100 for m in reused), reused  # nearly every page, in each language
    shutil.rmtree(tmp_path / ".site.previous", ignore_errors=True)
    build(records, tmp_path / "clean", reuse=False)
    assert files_of(tmp_path / "site") == files_of(tmp_path / "clean")
    assert "Edited." in (tmp_path / "site" / "people" / person.stem / "index.html").read_text(encoding="utf-8")


def test_the_finder_holds_every_spelling_of_every_person(built_site: Path, site_records: Path) -> None:
    records = check_records(site_records)
    indexed = {page["url"]: page["content"] for page in search.indexed_pages(built_site)}
    for prefix in ("", "hy/"):
        for person in records.people.values():
            entry = indexed[f"/{prefix}people/{person.id}/"]
            names = [person.name, person.name_hy, *(other.name for other in person.other_names)]
            for name in filter(None, names):
                assert name in entry, f"{prefix}search: {person.id} cannot be found as {name!r}"


def test_every_record_has_one_search_document_per_language_and_no_placeholder_is_indexed(built_site: Path) -> None:
    urls = [page["url"] for page in search.indexed_pages(built_site)]
    assert len(urls) == len(set(urls))
    for kind in ("people", "events"):
        ids = [path.name for path in (built_site / kind).iterdir() if path.is_dir() and pages.SHELL_ID not in path.name]
        assert ids and all(f"/{kind}/{i}/" in urls and f"/hy/{kind}/{i}/" in urls for i in ids), kind
    assert not [url for url in urls if pages.SHELL_ID in url]
