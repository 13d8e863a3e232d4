"""Change history from git: a page's last change and its changes in a reader's terms (never commit
messages), feed and sitemap dates, and the build time, all from the commits; building the same commit
twice gives the same site, and the build does not pin the epoch for the next one in the same process."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    ATOM,
    KEPT_EVENT,
    KEPT_PERSON,
    SITE_URL,
    SITEMAP,
    VALID_RECORDS,
    Head,
    build_ok,
    differences,
    edit_record,
    files_of,
    git,
    page,
    run,
    source_date_epoch,
    without_chart_ids,
)

FIRST = ("2024-01-10T12:00:00+00:00", "Add the fixture records")
SECOND = ("2024-02-20T09:30:00+00:00", "Correct the sentencing summary")
THIRD = ("2024-03-05T08:00:00+00:00", "Correct the detention place")

EDITED_EVENT = "2024-03-15-test-person-one-sentenced"


def commit(repo: Path, change: tuple[str, str]) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", change[1], when=change[0])


def edit_event(records: Path, event_id: str, **fields: Any) -> None:
    edit_record(records / "events" / f"{event_id}.json", lambda data: data.update(fields))


@pytest.fixture(scope="module")
def history_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository holding the fixture records: one commit adding them, one editing an event."""
    repo = tmp_path_factory.mktemp("history") / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    shutil.copytree(VALID_RECORDS, repo / "records")
    commit(repo, FIRST)
    edit_event(
        repo / "records",
        EDITED_EVENT,
        summary="The invented court sentenced Test Person One, the invented report and the court say.",
    )
    commit(repo, SECOND)
    return repo


@pytest.fixture(scope="module")
def history_site(history_repo: Path) -> Path:
    """Built with no SOURCE_DATE_EPOCH: every date comes from git."""
    return build_ok(history_repo / "records", history_repo.parent / "site", epoch=None)


def test_an_edited_event_shows_its_last_change_and_history(history_site: Path) -> None:
    text = page(history_site, f"/events/{EDITED_EVENT}/")
    assert 'Last changed: <time datetime="2024-02-20">20 February 2024</time>' in text
    assert "(2 changes)" in text
    # What changed in the record, in a reader's terms; never the commit messages.
    assert '<time datetime="2024-02-20">20 February 2024</time>: summary revised' in text
    assert '<time datetime="2024-01-10">10 January 2024</time>: first published' in text
    assert text.index("summary revised") < text.index("first published"), "history is newest first"
    assert SECOND[1] not in text and FIRST[1] not in text
    head = Head(text)
    assert head.named("citation_date") == ["2024/02/20"]
    assert head.named("citation_publication_date") == ["2024/02/20"]


def test_an_untouched_event_shows_its_first_commit(history_site: Path) -> None:
    text = page(history_site, f"/events/{KEPT_EVENT}/")
    assert 'Last changed: <time datetime="2024-01-10">10 January 2024</time>' in text
    assert "(1 change)" in text and ": first published" in text
    assert SECOND[1] not in text and FIRST[1] not in text


def test_a_person_page_dates_changes_to_their_events(history_site: Path) -> None:
    one = page(history_site, f"/people/{KEPT_PERSON}/")
    assert 'Last changed: <time datetime="2024-02-20">' in one  # the day one of their events changed
    assert "(1 change)" in one and ": first published" in one  # the history is the person record's own
    assert SECOND[1] not in one and FIRST[1] not in one
    two = page(history_site, "/people/test-person-two/")
    assert 'Last changed: <time datetime="2024-01-10">' in two
    assert SECOND[1] not in two


def test_feed_entries_carry_the_git_dates(history_site: Path) -> None:
    for path in (history_site / "feed.xml", history_site / "people" / KEPT_PERSON / "feed.xml"):
        root = ET.parse(path).getroot()
        entries = {e.findtext(f"{ATOM}id"): e for e in root.findall(f"{ATOM}entry")}
        edited = entries[f"{SITE_URL}events/{EDITED_EVENT}/"]
        assert dt.datetime.fromisoformat(edited.findtext(f"{ATOM}updated")).date() == dt.date(2024, 2, 20)
        assert dt.datetime.fromisoformat(edited.findtext(f"{ATOM}published")).date() == dt.date(2024, 1, 10)
        kept = entries[f"{SITE_URL}events/{KEPT_EVENT}/"]
        assert dt.datetime.fromisoformat(kept.findtext(f"{ATOM}updated")).date() == dt.date(2024, 1, 10)
        assert dt.datetime.fromisoformat(root.findtext(f"{ATOM}updated")).date() == dt.date(2024, 2, 20)
        first = root.find(f"{ATOM}entry")
        assert first is not None and first.findtext(f"{ATOM}id") == f"{SITE_URL}events/{EDITED_EVENT}/", (
            "the most recently changed event comes first"
        )


def test_sitemap_dates_are_each_pages_last_change(history_site: Path) -> None:
    root = ET.parse(history_site / "sitemap.xml").getroot()
    lastmod = {n.findtext(f"{SITEMAP}loc"): n.findtext(f"{SITEMAP}lastmod") for n in root.findall(f"{SITEMAP}url")}
    assert lastmod[f"{SITE_URL}events/{EDITED_EVENT}/"] == "2024-02-20"
    assert lastmod[f"{SITE_URL}events/{KEPT_EVENT}/"] == "2024-01-10"
    assert lastmod[f"{SITE_URL}people/{KEPT_PERSON}/"] == "2024-02-20"
    assert lastmod[f"{SITE_URL}people/test-person-two/"] == "2024-01-10"


def test_build_time_is_the_last_commit(history_site: Path) -> None:
    descriptor = json.loads((history_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["created"] == "2024-02-20T09:30:00Z"


def test_building_the_same_commit_twice_is_identical(history_repo: Path, history_site: Path, tmp_path: Path) -> None:
    again = build_ok(history_repo / "records", tmp_path / "site", epoch=None)
    changed = differences(without_chart_ids(files_of(history_site)), without_chart_ids(files_of(again)))
    assert not changed, f"two builds of the same commit differ in: {changed}"


def test_build_does_not_pin_the_epoch(history_repo: Path, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(history_repo, repo)
    with source_date_epoch(None):
        first = run("build", "--records", str(repo / "records"), "--out", str(tmp_path / "site"), "-q")
        assert first.exit_code == 0, first.stderr
        edit_event(repo / "records", KEPT_EVENT, place="Another Exampleville")
        commit(repo, THIRD)
        # As `serve` does: the next build runs in the same process, with no SOURCE_DATE_EPOCH of its own.
        second = run("build", "--records", str(repo / "records"), "--out", str(tmp_path / "site"), "-q")
        assert second.exit_code == 0, second.stderr
    descriptor = json.loads((tmp_path / "site" / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["created"] == "2024-03-05T08:00:00Z"
