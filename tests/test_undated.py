"""An event no cited source dates: date null (never guessed), shown as such, sorted last, status untouched."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from check_cases import make_records

from tracker import derive, pieces
from tracker.history import PageHistory
from tracker.i18n import Language
from tracker.pipeline import check_records
from tracker.vocab import Claimant


def dataset(tmp_path: Path) -> derive.Dataset:
    records = check_records(make_records("undated-event-accepted", tmp_path))
    return derive.derive(records, today=dt.date(2026, 11, 27))


def test_undated_events_sort_last_and_group_apart(tmp_path: Path) -> None:
    data = dataset(tmp_path)
    assert data.events[-1].id == "undated-official-count"
    years = data.years()
    assert list(years)[-1] == derive.UNDATED
    assert [e.id for e in years[derive.UNDATED]] == ["undated-official-count"]


def test_an_undated_event_never_moves_a_status(tmp_path: Path) -> None:
    with_undated = dataset(tmp_path)
    without = derive.derive(check_records(make_records(None, tmp_path / "plain")), today=dt.date(2026, 11, 27))
    for person_id, view in without.people.items():
        undated_view = with_undated.people[person_id]
        assert (undated_view.status, undated_view.status_since) == (view.status, view.status_since)
    assert "undated-official-count" in [e.id for e in with_undated.people["test-person-one"].events]


def test_a_dated_count_outranks_an_undated_one_but_an_undated_one_still_shows(tmp_path: Path) -> None:
    data = dataset(tmp_path)
    history = PageHistory(tmp_path, "2026-11-27")
    shared = pieces.Pieces(events={e.id: pieces.event_piece(e, data.people, history) for e in data.events})
    order = pieces.events_in_order(shared)
    headlines = {h.claimant: h.event.id for h in pieces.headlines(shared, order, data.records.events)}
    assert headlines[Claimant.ADVOCACY] == "undated-official-count"  # the only advocates' count
    assert headlines[Claimant.ARMENIAN_OFFICIAL] == "2024-05-01-official-count"


def test_the_page_says_the_date_is_unknown() -> None:
    english, armenian = Language("en"), Language("hy")
    assert str(english.time_tag(None)) == '<span class="undated">date unknown</span>'
    assert str(english.time_tag("2023-07")) == '<time datetime="2023-07-01">July 2023</time>'
    assert str(armenian.time_tag(None)) == '<span class="undated">ամսաթիվն անհայտ է</span>'
