"""Atom feeds of new and changed events: one for each language's site (/feed.xml, /hy/feed.xml) and one
per person. Each entry is dated by its record's commits: first published, last changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from feedgen.feed import FeedGenerator

from tracker.cite import PUBLISHER, SITE_TITLE
from tracker.derive import PersonView, sort_key
from tracker.i18n import LANGUAGES, Language
from tracker.models import Event
from tracker.tuning import FEED_SIZE

"""Entries in each feed: the most recently changed events."""
Times = Callable[[Event], tuple[str, str]]
"""An event's (first published, last changed) times, ISO 8601 in UTC."""


def _time(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(dt.UTC)


def newest_first(event: Event, last_changed: str) -> tuple[str, bool, tuple[dt.date, dt.date, str]]:
    """Feed order, newest first when sorted in reverse: last change, then (among records changed in one
    commit) the event's own date, dated events before undated ones."""
    key = sort_key(event)
    return last_changed, key[0] != dt.date.max, key


def _feed(
    events: list[Event], times: Times, *, feed_url: str, page_url: str, title: str, lang: str, site_url: str
) -> bytes:
    """``site_url``: the root of the language's pages, where the events' pages are."""
    words = Language(lang)
    feed = FeedGenerator()
    feed.id(feed_url)
    feed.title(title)
    feed.author({"name": PUBLISHER})
    feed.link(href=page_url, rel="alternate")
    feed.link(href=feed_url, rel="self")
    feed.language(lang)
    feed.rights("CC BY 4.0")
    feed.generator("tracker")
    changed = {event.id: times(event) for event in events}
    newest = sorted(events, key=lambda e: newest_first(e, changed[e.id][1]), reverse=True)[:FEED_SIZE]
    feed.updated(max((_time(changed[e.id][1]) for e in newest), default=_time("2020-01-01T00:00:00Z")))
    for event in reversed(newest):  # feedgen prepends, so add oldest first
        first, last = changed[event.id]
        entry = feed.add_entry()
        url = f"{site_url}events/{event.id}/"
        entry.id(url)
        entry.title(str(words.text(event, "title").striptags()))
        entry.link(href=url)
        entry.published(_time(first))
        entry.updated(_time(last))
        entry.summary(str(words.text(event, "summary").striptags()))
        entry.category(term=event.type.value, label=words.label(event.type))
    return feed.atom_str(pretty=True)


def site_feeds(events: list[Event], site_url: str, times: Times) -> dict[str, bytes]:
    """feed.xml of each language's site (site-relative path -> content): the most recently added or
    changed of these events (every event, or at least the newest FEED_SIZE), in that language."""
    feeds = {}
    for lang in LANGUAGES:
        words = Language(lang)
        page = f"{site_url}{words.prefix}"
        title = words.t(SITE_TITLE)
        feeds[f"{words.prefix}feed.xml"] = _feed(
            events, times, feed_url=f"{page}feed.xml", page_url=page, title=title, lang=lang, site_url=page
        )
    return feeds


def person_feed(view: PersonView, site_url: str, times: Times) -> bytes:
    """/people/<id>/feed.xml: the person's events, most recently changed first."""
    page = f"{site_url}people/{view.id}/"
    title = f"{view.person.name} — {SITE_TITLE}"
    return _feed(
        view.events, times, feed_url=f"{page}feed.xml", page_url=page, title=title, lang="en", site_url=site_url
    )
