"""Atom feeds of new and changed events: one for the site (/feed.xml) and one per person."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from feedgen.feed import FeedGenerator

from tracker.cite import SITE_TITLE
from tracker.derive import PersonView
from tracker.models import Event

FEED_SIZE = 50
"""Entries in each feed: the most recently changed events."""


def _day(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def _feed(
    events: list[Event],
    changed: Callable[[Event], tuple[str, str]],
    *,
    feed_url: str,
    page_url: str,
    title: str,
    site_url: str,
) -> bytes:
    feed = FeedGenerator()
    feed.id(feed_url)
    feed.title(title)
    feed.author({"name": SITE_TITLE})
    feed.link(href=page_url, rel="alternate")
    feed.link(href=feed_url, rel="self")
    feed.language("en")
    feed.rights("CC BY 4.0")
    feed.generator("tracker")
    newest = sorted(events, key=lambda e: (changed(e)[1], e.id), reverse=True)[:FEED_SIZE]
    feed.updated(_day(changed(newest[0])[1]) if newest else _day("2020-01-01"))
    for event in reversed(newest):  # feedgen prepends, so add oldest first
        first, last = changed(event)
        entry = feed.add_entry()
        url = f"{site_url}events/{event.id}/"
        entry.id(url)
        entry.title(event.title)
        entry.link(href=url)
        entry.published(_day(first))
        entry.updated(_day(last))
        entry.summary(event.summary)
        entry.category(term=event.type.value)
    return feed.atom_str(pretty=True)


def site_feed(events: list[Event], site_url: str, changed: Callable[[Event], tuple[str, str]]) -> bytes:
    """/feed.xml: the most recently added or changed of these events (every event, or at least the newest FEED_SIZE)."""
    return _feed(
        events, changed, feed_url=f"{site_url}feed.xml", page_url=site_url, title=SITE_TITLE, site_url=site_url
    )


def person_feed(view: PersonView, site_url: str, changed: Callable[[Event], tuple[str, str]]) -> bytes:
    """/people/<id>/feed.xml: the person's events, most recently changed first."""
    page = f"{site_url}people/{view.id}/"
    title = f"{view.person.name} — {SITE_TITLE}"
    return _feed(view.events, changed, feed_url=f"{page}feed.xml", page_url=page, title=title, site_url=site_url)
