"""Atom feeds: the site's feed lists every event, each person has a feed of their events, both valid
as RFC 4287 requires, and pages announce the feeds that concern them (dates from git: test_history.py)."""

from __future__ import annotations

import datetime as dt
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import (
    ATOM,
    KEPT_EVENT,
    KEPT_PERSON,
    SITE_URL,
    Head,
    page,
    record_ids,
    site_path,
)


def events_of(records: Path, person: str) -> set[str]:
    found = set()
    for record_id in record_ids(records, "events"):
        data = json.loads((records / "events" / f"{record_id}.json").read_text(encoding="utf-8"))
        if any(p["person"] == person for p in data.get("people", [])):
            found.add(record_id)
    return found


def check_atom(path: Path, site: Path) -> list[ET.Element]:
    """Parse an Atom feed and check what RFC 4287 requires; returns its entries."""
    root = ET.parse(path).getroot()
    assert root.tag == f"{ATOM}feed", f"{path}: root is {root.tag}"
    for name in ("id", "title", "updated"):
        assert (root.findtext(f"{ATOM}{name}") or "").strip(), f"{path}: feed has no {name}"
    dt.datetime.fromisoformat(root.findtext(f"{ATOM}updated"))
    assert root.find(f"{ATOM}author/{ATOM}name") is not None, f"{path}: no feed author"
    assert [link.get("href") for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"] == [
        root.findtext(f"{ATOM}id")
    ]
    entries = root.findall(f"{ATOM}entry")
    newest = dt.datetime.fromisoformat(root.findtext(f"{ATOM}updated"))
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{name}") or "").strip(), f"{path}: entry without {name}"
        updated = dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
        assert updated <= newest, "the feed's updated is its newest entry's"
        links = [link.get("href") or "" for link in entry.findall(f"{ATOM}link")]
        assert len(links) == 1 and links[0].startswith(f"{SITE_URL}events/"), links
        assert links[0] == entry.findtext(f"{ATOM}id")
        assert site_path(site, links[0]).is_file(), f"{path}: entry links to {links[0]}, which the site lacks"
    return entries


def entry_ids(entries: list[ET.Element]) -> set[str]:
    return {(e.findtext(f"{ATOM}id") or "").removeprefix(f"{SITE_URL}events/").strip("/") for e in entries}


def test_site_feed_is_valid_atom_listing_every_event(published: Path, published_site: Path) -> None:
    entries = check_atom(published_site / "feed.xml", published_site)
    assert entry_ids(entries) == set(record_ids(published / "records", "events"))
    assert ET.parse(published_site / "feed.xml").getroot().findtext(f"{ATOM}id") == f"{SITE_URL}feed.xml"


def test_each_person_has_a_valid_atom_feed_of_their_events(published: Path, published_site: Path) -> None:
    records = published / "records"
    for person in record_ids(records, "people"):
        path = published_site / "people" / person / "feed.xml"
        entries = check_atom(path, published_site)
        assert entry_ids(entries) == events_of(records, person), person
        assert 'href="feed.xml"' in page(published_site, f"/people/{person}/"), (
            f"{person}'s page does not link its feed"
        )


def test_pages_announce_the_site_feed_and_person_pages_their_own(published_site: Path) -> None:
    expected = {
        "/": ["/feed.xml"],
        f"/events/{KEPT_EVENT}/": ["/feed.xml"],
        f"/people/{KEPT_PERSON}/": ["/feed.xml", f"/people/{KEPT_PERSON}/feed.xml"],
        "/hy/": ["/hy/feed.xml"],
        f"/hy/people/{KEPT_PERSON}/": ["/hy/feed.xml", f"/people/{KEPT_PERSON}/feed.xml"],
    }
    for url, wanted in expected.items():
        links = Head(page(published_site, url)).links
        feeds = [link["href"] for link in links if link.get("type") == "application/atom+xml"]
        assert all("alternate" in link["rel"].split() for link in links if link.get("type") == "application/atom+xml")
        resolved = [os.path.normpath(os.path.join(url, feed)) for feed in feeds]
        assert resolved == wanted, (url, feeds)
        for path in resolved:
            assert (published_site / path.lstrip("/")).is_file(), f"{url} announces {path}, which the site lacks"
