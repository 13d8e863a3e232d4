"""An event no cited source dates: date null (never guessed), shown as such, sorted last, status untouched."""

from __future__ import annotations

from pathlib import Path

from check_cases import make_records

from tracker import derive, pieces
from tracker.history import PageHistory
from tracker.i18n import Language
from tracker.pipeline import check_records
from tracker.validate import Records
from tracker.vocab import Claimant


def views(records: Records) -> dict[str, derive.PersonView]:
    concerned: dict[str, list] = {person_id: [] for person_id in records.people}
    for event in records.events.values():
        for item in event.people:
            concerned[item.person].append(event)
    return {key: derive.person_view(person, concerned[key], records.sources) for key, person in records.people.items()}


def event_pieces(records: Records) -> pieces.Pieces:
    history = PageHistory(Path("/nonexistent"), "2026-11-27")
    people = views(records)
    return pieces.Pieces(events={e.id: pieces.event_piece(e, people, history) for e in records.events.values()})


def test_undated_events_sort_last_and_group_apart(tmp_path: Path) -> None:
    records = check_records(make_records("undated-event-accepted", tmp_path))
    shared = event_pieces(records)
    order = pieces.events_in_order(shared)
    assert order[-1] == "undated-official-count"
    assert [key for key in order if shared.events[key].year == derive.UNDATED] == ["undated-official-count"]


def test_an_undated_event_never_moves_a_status(tmp_path: Path) -> None:
    with_undated = views(check_records(make_records("undated-event-accepted", tmp_path)))
    without = views(check_records(make_records(None, tmp_path / "plain")))
    for person_id, view in without.items():
        undated_view = with_undated[person_id]
        assert (undated_view.status, undated_view.status_since) == (view.status, view.status_since)
    assert "undated-official-count" in [e.id for e in with_undated["test-person-one"].events]


def test_a_dated_count_outranks_an_undated_one_but_an_undated_one_still_shows(tmp_path: Path) -> None:
    records = check_records(make_records("undated-event-accepted", tmp_path))
    shared = event_pieces(records)
    order = pieces.events_in_order(shared)
    headlines = {h.claimant: h.event.id for h in pieces.headlines(shared, order, records.events)}
    assert headlines[Claimant.ADVOCACY] == "undated-official-count"  # the only advocates' count
    assert headlines[Claimant.ARMENIAN_OFFICIAL] == "2024-05-01-official-count"


def test_the_page_says_the_date_is_unknown() -> None:
    english, armenian = Language("en"), Language("hy")
    assert str(english.time_tag(None)) == '<span class="undated">date unknown</span>'
    assert str(english.time_tag("2023-07")) == '<time datetime="2023-07-01">July 2023</time>'
    assert str(armenian.time_tag(None)) == '<span class="undated">ամսաթիվն անհայտ է</span>'
