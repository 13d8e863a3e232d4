"""The repository's own records/: valid, and big enough to be the record this site promises."""

from __future__ import annotations

import pytest

from tracker import paths
from tracker.pipeline import check_records
from tracker.problems import InvalidRecords
from tracker.validate import Records

MIN_PEOPLE, MIN_EVENTS, MIN_SOURCES = 25, 95, 130


@pytest.fixture(scope="module")
def records() -> Records:
    try:
        return check_records(paths.RECORDS)
    except InvalidRecords as error:
        lines = "\n".join(problem.line() for problem in error.problems[:50])
        pytest.fail(f"records/ has {len(error.problems)} problem(s):\n{lines}", pytrace=False)


def test_records_validate(records: Records) -> None:
    assert records.people and records.events and records.sources


def test_records_are_big_enough(records: Records) -> None:
    assert len(records.people) >= MIN_PEOPLE, f"{len(records.people)} people"
    assert len(records.events) >= MIN_EVENTS, f"{len(records.events)} events"
    assert len(records.sources) >= MIN_SOURCES, f"{len(records.sources)} sources"


def test_every_event_cites_a_source(records: Records) -> None:
    unsourced = [event.id for event in records.events.values() if not event.sources]
    assert unsourced == []


def test_every_cited_source_exists(records: Records) -> None:
    cited = {citation.source for event in records.events.values() for citation in event.sources}
    assert cited <= set(records.sources)


def test_no_fixture_person_leaks_into_the_records(records: Records) -> None:
    assert not [person_id for person_id in records.people if person_id.startswith("test-person")]


def test_every_event_has_an_armenian_title_and_every_person_an_armenian_summary(records: Records) -> None:
    assert [event.id for event in records.events.values() if not event.title_hy] == []
    assert [person.id for person in records.people.values() if not person.summary_hy] == []


def test_armenian_script_names_cite_a_page_that_prints_them(records: Records) -> None:
    named = [person for person in records.people.values() if person.name_hy]
    assert len(named) >= 24, f"{len(named)} of {len(records.people)} people have an Armenian-script name"
    assert [person.id for person in named if not person.name_hy_sources] == []


def test_no_lead_is_recorded_as_a_person(records: Records) -> None:
    """Unconfirmed leads stay out until a source confirms the detention."""
    leads = {"arshavir-gharamyan", "alexander-bordov", "vitaly-balasanyan"}
    assert leads.isdisjoint(records.people)
