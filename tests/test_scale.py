"""Scale features, checked at small N: synthetic records, and the compact person finder (Material's
search box) holding every spelling of every name. (Reuse of unchanged work: tests/test_incremental.py.)"""

from __future__ import annotations

from pathlib import Path

from conftest import files_of

from tracker import pages, search
from tracker.pipeline import check_records
from tracker.synth import synthesize
from tracker.vocab import EventType


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
