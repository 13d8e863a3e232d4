"""The build's tuning constants, in one place: where work is split, paged or shortened."""

PARALLEL_FROM = 2000
"""Below this many record units to compute, forking workers costs more than it saves."""
PARALLEL_PACKAGE_FROM = 2000
"""From this many records on, the data package (tables, spreadsheet, database, zip) is written by a
forked process while the build assembles its other outputs."""
TIMELINE_PAGE_LIMIT = 400
"""Above this many events the timeline is split into one page per year."""
PERSON_FILTER_LIMIT = 400
"""Above this many people the timeline's person filter is left out (a select that long helps no one)."""
FEED_SIZE = 50
"""Entries in the site's feeds."""
LATEST = 10
"""Events on the home page."""
JOURNAL_SHARE = 4
"""The cache is written whole again once its journal of later changes is this fraction (1/N) of its size."""
EAGER_SEARCH_RECORDS = 20_000
"""Up to this many records a reader's first search merges every search bundle; beyond, only the people's,
and the events' and sources' when the reader asks (at 10,000 people their metadata and filters alone
would be about 700 KB compressed, against the 300 KB a first search may download)."""
