"""Stage: pieces. Each record's share of the outputs every record feeds, and their assembly.

The people index, the timeline, the sources page, the home page, the search index, the sitemap and
the data package each hold something of every record. A build computes, per record, its *piece*
(its rendered index rows in each language, its search entry, its data package rows, and the few
facts the totals need; tracker/units.py), then assembles those outputs from all the pieces
(tracker/outputs.py). A build after an edit recomputes only the pieces of the units that read what
changed and assembles again with these same functions, so its output cannot differ from a clean build's.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from tracker import cite, dates, package, render, search
from tracker.chart import held_chart
from tracker.derive import UNDATED, Headline, PersonView, held_series, latest_date, sort_key
from tracker.history import PageHistory
from tracker.i18n import LANGUAGES, Language, link_data_from
from tracker.models import Event, Person, Source
from tracker.package import DataPiece
from tracker.tuning import LATEST, PERSON_FILTER_LIMIT, TIMELINE_PAGE_LIMIT
from tracker.vocab import Category, Claimant, EventType, SourceKind, Status

ROOT = Markup("<ROOT>")
"""Where a timeline row's link root goes: a row is rendered once and used on pages at several depths.
Autoescaping turns any "<ROOT>" in record text into "&lt;ROOT&gt;", so the mark only comes from templates."""


class Texts(Mapping[str, str]):
    """Language -> a piece's HTML (its index rows, its search document), kept as UTF-8 bytes and
    decoded when read. A str holding one Armenian letter (or a curly quote) takes two bytes for every
    character, markup included: as UTF-8 the pieces of 10,000 people weigh 175 MB instead of 298 MB.
    Bytes are also what the pickler writes as they are: it encodes a non-ASCII str through the UTF-8
    copy CPython then keeps inside the string for as long as it lives (140 MB more when the cache was
    saved)."""

    __slots__ = ("encoded",)

    def __init__(self, texts: Mapping[str, str] | None = None) -> None:
        self.encoded = {lang: text.encode("utf-8", "surrogatepass") for lang, text in (texts or {}).items()}

    def __getitem__(self, lang: str) -> str:
        return self.encoded[lang].decode("utf-8", "surrogatepass")

    def __iter__(self) -> Iterator[str]:
        return iter(self.encoded)

    def __len__(self) -> int:
        return len(self.encoded)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Texts):
            return self.encoded == other.encoded
        return isinstance(other, Mapping) and dict(self.items()) == dict(other.items())

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        return (_texts, (self.encoded,))

    def __repr__(self) -> str:
        return f"Texts({dict(self.items())!r})"


def _texts(encoded: dict[str, bytes]) -> Texts:
    texts = Texts()
    texts.encoded = encoded
    return texts


@dataclass
class PersonPiece:
    """One person's share of the shared outputs."""

    rows: Mapping[str, str]
    """Language -> the person's row of the people index (a Texts)."""
    search: Mapping[str, str]
    """Language -> the person's search document (tracker/search.py)."""
    status: Status
    detained_year: int | None
    category: Category | None
    held_spans: list[tuple[dt.date, dt.date | None]]
    updated: str
    """Day of the last change to the person or their events (the sitemap's date)."""
    events: list[str]
    """Ids of the events concerning the person."""
    sources: list[str]
    """Ids of every source the person's page cites."""


@dataclass
class EventPiece:
    """One event's share of the shared outputs."""

    rows: Mapping[str, str]
    """Language -> the event's timeline entry, with ROOT where the link root goes (a Texts)."""
    key: tuple[dt.date, dt.date, str]
    """Its place in date order (derive.sort_key)."""
    date: str | None
    """Its date as the record gives it (EDTF), for how far the record reaches."""
    type: EventType
    claimant: Claimant | None
    """Who gave the count, for an official count."""
    updated: str
    people: list[str]
    sources: list[str]
    search: Mapping[str, str] = field(default_factory=dict)
    """Language -> the event's search document (tracker/search.py; a Texts)."""

    @property
    def year(self) -> str:
        return UNDATED if self.key[0] == dt.date.max else str(self.key[0].year)


@dataclass
class SourcePiece:
    """One source's share of the sources page."""

    rows: Mapping[str, str]
    kind: SourceKind
    key: tuple[str, str, str]
    """Its order within its kind: publisher, date, id."""
    published: str | None
    """Its publication date as the page shows it (EDTF), for how far the record reaches."""
    search: Mapping[str, str] = field(default_factory=dict)
    """Language -> the source's search document (tracker/search.py; a Texts)."""


@dataclass
class Pieces:
    """Every record's piece, by id."""

    people: dict[str, PersonPiece] = field(default_factory=dict)
    events: dict[str, EventPiece] = field(default_factory=dict)
    sources: dict[str, SourcePiece] = field(default_factory=dict)
    data: dict[str, dict[str, DataPiece]] = field(default_factory=dict)
    """Record kind -> id -> piece."""


@dataclass
class Catalogue:
    """Looks records up by id (reading their files on first use: tracker/inputs.RecordFiles)."""

    people: Mapping[str, PersonView]
    persons: Mapping[str, Person]
    """The person records themselves (cheaper to look up than their views)."""
    events: Mapping[str, Event]
    sources: Mapping[str, Source]
    today: dt.date


_ROWS: dict[tuple[str, int], tuple[Any, Any]] = {}


def _rows(lang: str, people: Mapping[str, PersonView] | None = None) -> Any:
    """templates/_rows.html as a module, its macros called directly: one template render per row would
    cost a new context and a fresh import of the macros each time, most of the rows' cost."""
    key = (lang, id(people))
    if key not in _ROWS or _ROWS[key][0] is not people:
        template = render.environment(lang).get_template("_rows.html")
        _ROWS[key] = (people, template.make_module({"people": people if people is not None else {}}))
    return _ROWS[key][1]


def release_rows() -> None:
    """Drop the row modules (they hold the people they were made for)."""
    _ROWS.clear()


# Pieces of one record.
def person_piece(view: PersonView, history: PageHistory, langs: tuple[str, ...] = LANGUAGES) -> PersonPiece:
    changes = history.of_person(view)
    return PersonPiece(
        rows=Texts({lang: str(_rows(lang).person_row(view)) for lang in langs}),
        search=Texts(search.person_documents(view, langs)),
        status=view.status,
        detained_year=view.detained.earliest.year if view.detained else None,
        category=view.person.category,
        held_spans=list(view.held_spans),
        updated=changes[0].date if changes else history.build_day,
        events=[event.id for event in view.events],
        sources=list(view.numbers),
    )


def event_piece(
    event: Event, people: Mapping[str, PersonView], history: PageHistory, langs: tuple[str, ...] = LANGUAGES
) -> EventPiece:
    return EventPiece(
        rows=Texts({lang: str(_rows(lang, people).timeline_entry(event, ROOT)) for lang in langs}),
        key=sort_key(event),
        date=event.date,
        type=event.type,
        claimant=event.count.claimant if event.type == EventType.OFFICIAL_COUNT and event.count else None,
        updated=history.last_change("events", event.id),
        people=[item.person for item in event.people],
        sources=list(dict.fromkeys(citation.source for citation in event.sources)),
        search=Texts(search.event_documents(event, people, langs)),
    )


def source_piece(source: Source, cited: list[Event]) -> SourcePiece:
    """``cited``: the events citing the source, in date order."""
    return SourcePiece(
        rows=Texts({lang: str(_rows(lang).source_row(source, cited, "../")) for lang in LANGUAGES}),
        kind=source.kind,
        key=(source.publisher.lower(), source.published or "", source.id),
        published=source.published,
        search=Texts(search.source_documents(source)),
    )


# Assembly.
def events_in_order(pieces: Pieces) -> list[str]:
    return sorted(pieces.events, key=lambda event_id: pieces.events[event_id].key)


def covered_until(pieces: Pieces) -> str | None:
    """How far the record reaches: the latest date of any event or source (EDTF text), or None."""
    return latest_date([p.date for p in pieces.events.values()] + [p.published for p in pieces.sources.values()])


def as_of(covered: str | None, today: dt.date) -> dt.date:
    """The day the totals are given as of: the record's latest date (covered_until), never after the
    build's day; the build's day when the record has no date at all."""
    return min(dates.parse(covered).earliest, today) if covered else today


def held_now(pieces: Pieces) -> int:
    return sum(1 for piece in pieces.people.values() if piece.status == Status.HELD)


def headlines(pieces: Pieces, order: list[str], events: Mapping[str, Event]) -> list[Headline]:
    """The latest count of each claimant (derive.headlines, from pieces)."""
    latest: dict[Claimant, str] = {}
    for event_id in order:  # in date order, undated last: a dated count always wins
        piece = pieces.events[event_id]
        if piece.claimant and (piece.key[0] != dt.date.max or piece.claimant not in latest):
            latest[piece.claimant] = event_id
    return [Headline(claimant, events[latest[claimant]]) for claimant in Claimant if claimant in latest]


def _row(piece: EventPiece, lang: str, root: str) -> Markup:
    return Markup(piece.rows[lang].replace(ROOT, root))


BODY_MARK = "<!--GENERATED-BODY <h1 -->"
"""What mkdocs renders in place of a generated page's body; the built page is cut there (its shell). It says
"<h1" so the theme adds no heading of its own: every body starts with its own."""


def index_page_meta(path: str, lang: str, home_meta: dict[str, Any] | None = None) -> dict[str, Any]:
    """The front matter of an index page (docs path), which never depends on the records."""
    t = Language(lang).t
    hidden = {"hide": ["toc"], **render.UNSEARCHED}
    if path == "people/index.md":
        return {"title": t("People"), **hidden}
    if path == "timeline/index.md":
        return {"title": t("Timeline"), **hidden}
    if path.startswith("timeline/"):
        return {"title": f"{t('Timeline')} {path.removeprefix('timeline/').removesuffix('.md')}", **hidden}
    if path == "sources/index.md":
        return {"title": t("Sources"), **render.UNSEARCHED}
    if path == "index.md":
        description = t("An open record of Armenian prisoners held in Azerbaijan")
        return {"title": t("Home"), "description": description, **hidden, **(home_meta or {})}
    raise ValueError(path)


def iter_index_pages(
    pieces: Pieces,
    catalogue: Catalogue,
    lang: str,
    *,
    order: list[str] | None = None,
    only: set[str] | None = None,
) -> Iterator[tuple[str, str]]:
    """Every index page of one language (or those in ``only``): (docs path, HTML body), one at a time
    (together, a large record's pages are tens of megabytes). Their front matter: index_page_meta."""
    env, words = render.environment(lang), Language(lang)
    t, label = words.t, words.label
    order = order if order is not None else events_in_order(pieces)
    base = {"people": catalogue.people, "all_sources": catalogue.sources}
    wanted = only.__contains__ if only is not None else lambda path: True

    people = [pieces.people[person_id] for person_id in sorted(pieces.people)]
    status_counts = Counter(label(piece.status) for piece in people)
    if wanted("people/index.md"):
        yield (
            "people/index.md",
            env.get_template("people.html").render(
                base,
                total=len(people),
                rows=[Markup(piece.rows[lang]) for piece in people],
                root="../",
                status_counts=[(label(s), status_counts[label(s)]) for s in Status if status_counts[label(s)]],
                years=sorted({piece.detained_year for piece in people if piece.detained_year}),
                categories=sorted({label(piece.category) for piece in people if piece.category}),
            ),
        )

    years: dict[str, list[EventPiece]] = {}
    for event_id in order:
        piece = pieces.events[event_id]
        years.setdefault(piece.year, []).append(piece)
    present = {piece.type for piece in pieces.events.values()}
    types = [kind for kind in EventType if kind in present]
    few = len(pieces.people) <= PERSON_FILTER_LIMIT
    choices = [catalogue.persons[person_id] for person_id in sorted(pieces.people)] if few else []
    timeline = env.get_template("timeline.html")
    long = len(order) > TIMELINE_PAGE_LIMIT
    common = {"types": types, "person_choices": choices}
    if long:
        for year, year_pieces in years.items():
            if not wanted(f"timeline/{year}.md"):
                continue
            body = timeline.render(
                base,
                **common,
                heading=f"{t('Timeline')}: {t('Date unknown') if year == UNDATED else year}",
                total=len(year_pieces),
                year=year,
                groups=[(year, [_row(piece, lang, "../../") for piece in year_pieces])],
                year_pages=list(years),
                link_years=False,
                root="../../",
            )
            yield (
                f"timeline/{year}.md",
                body,
            )
    groups = [
        (year, [_row(piece, lang, "../") for piece in (year_pieces[-20:] if long else year_pieces)])
        for year, year_pieces in _in_order(years, newest_first=long)
    ]
    if wanted("timeline/index.md"):
        yield (
            "timeline/index.md",
            timeline.render(
                base,
                **common,
                heading=t("Timeline"),
                total=len(order),
                year=None,
                groups=groups,
                year_pages=list(years) if long else [],
                link_years=long,
                root="../",
            ),
        )

    by_kind: dict[SourceKind, list[SourcePiece]] = {}
    for piece in sorted(pieces.sources.values(), key=lambda piece: piece.key):
        by_kind.setdefault(piece.kind, []).append(piece)
    if wanted("sources/index.md"):
        yield (
            "sources/index.md",
            env.get_template("sources.html").render(
                base,
                groups=[
                    (kind, [Markup(p.rows[lang]) for p in by_kind[kind]]) for kind in SourceKind if kind in by_kind
                ],
                total=len(pieces.sources),
                root="../",
            ),
        )

    covered = covered_until(pieces)
    until = as_of(covered, catalogue.today)
    series = held_series([span for piece in people for span in piece.held_spans], until)
    svg, caption = held_chart(series, words)
    dated = [event_id for event_id in order if pieces.events[event_id].key[0] != dt.date.max]
    if wanted("index.md"):
        yield (
            "index.md",
            env.get_template("home.html").render(
                base,
                root="",
                held_now=held_now(pieces),
                covered=covered,
                headlines=headlines(pieces, order, catalogue.events),
                chart_svg=Markup(svg),  # generated by pygal from numbers, not from record text
                chart_caption=caption,
                chart_table=[(day.isoformat(), n) for day, n in series if day.month == 12 or day == until],
                latest=[_row(pieces.events[event_id], lang, "") for event_id in reversed(dated[-LATEST:])],
            ),
        )


def index_page_paths(years: set[str], events: int) -> set[str]:
    """The docs paths index_pages writes, given the timeline's years and the number of events."""
    paths = {"people/index.md", "timeline/index.md", "sources/index.md", "index.md"}
    if events > TIMELINE_PAGE_LIMIT:
        paths |= {f"timeline/{year}.md" for year in years}
    return paths


def data_page_meta(lang: str, jsonld: str, built_day: str) -> dict[str, Any]:
    """The data page's front matter: its Dataset JSON-LD and the tags reference managers read as a data set.
    ``built_day``: the build's day, the data's date when its version has no release yet."""
    words = Language(lang)
    version = package.current_version()
    released = dict(package.releases()).get(version, built_day)
    url = f"{package.SITE_URL}{words.prefix}data/"
    citation = cite.dataset_citation(words.t(cite.SITE_TITLE), url, version, released, lang)
    return {
        "title": words.t("Data"),
        "description": words.t("Download the record as a Frictionless data package"),
        "jsonld": jsonld,
        "citation": citation.highwire,
        **render.UNSEARCHED,
    }


def data_page_body(context: dict[str, Any], lang: str) -> str:
    """The data page's body in one language; ``context``: package.data_page_context's."""
    words = Language(lang)
    url = f"{context['homepage']}{words.prefix}data/"
    released = context["created"][:10]  # the release's day, or the build's
    citation = cite.dataset_citation(words.t(cite.SITE_TITLE), url, context["version"], released, lang)
    context = {**context, "dataset_cite": citation}
    if lang != "en":  # one data package, at the site root: other languages' data pages link to it
        context = link_data_from(context, "../../data/")
    return render.render_fragment("data.html", context, lang)


def coverage(first: dt.date, last: dt.date) -> str:
    """The record's time span for its Dataset description: the first event's year (dt.date.max when
    there is no dated event) to the day of its latest report (coverage_day)."""
    return f"{first.year if first != dt.date.max else last.year}/{last.isoformat()}"


def _in_order(years: dict[str, list[EventPiece]], newest_first: bool) -> list[tuple[str, list[EventPiece]]]:
    """Year groups in order (newest first on a long timeline's index); undated always last."""
    dated = sorted((item for item in years.items() if item[0] != UNDATED), reverse=newest_first)
    return dated + [item for item in years.items() if item[0] == UNDATED]


def search_documents(pieces: Pieces) -> dict[tuple[str, str], dict[str, str]]:
    """(kind, id) -> language -> search document, of every record (tracker/search.py bundles them)."""
    return {
        (kind, record_id): piece.search
        for kind in search.KINDS
        for record_id, piece in sorted(getattr(pieces, kind).items())
    }


def page_dates(pieces: Pieces) -> list[tuple[str, str]]:
    """(site-relative URL, last change) of every record page, for the sitemap."""
    return [(f"people/{person_id}/", piece.updated) for person_id, piece in sorted(pieces.people.items())] + [
        (f"events/{event_id}/", piece.updated) for event_id, piece in sorted(pieces.events.items())
    ]


def newest_events(pieces: Pieces, changed: Callable[[str], str], size: int) -> list[str]:
    """Ids of the ``size`` most recently changed events (the site feed's), newest first, in the feeds' own
    order (tracker.feeds.newest_first): ``changed`` gives an event's last change."""

    def order(event_id: str) -> tuple[str, bool, tuple[dt.date, dt.date, str]]:
        key = pieces.events[event_id].key
        return changed(event_id), key[0] != dt.date.max, key

    return sorted(pieces.events, key=order, reverse=True)[:size]


def first_and_covered(links: dict[tuple[str, str], Any]) -> tuple[dt.date, str | None]:
    """The first event's earliest day (dt.date.max when no event is dated), and how far the record reaches
    (the latest date of any event or source: pieces.covered_until, from the records' facts)."""
    event_dates = [facts.date for (kind, _), facts in links.items() if kind == "events" and facts.date]
    first = min((dates.parse(text).earliest for text in event_dates), default=dt.date.max)
    return first, latest_date(facts.date for facts in links.values() if facts.date)
