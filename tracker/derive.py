"""Stage: derive. What the pages show but no editor types, computed from the records.

Each person's view (status, current stage, key facts, and the sources numbered as their page cites
them; made on demand: tracker/recording.Views), and the helpers the shared pages apply to each
record's facts (the held-over-time series, the latest report's date, the timeline's order). A
person's status and key facts come from their events, so the page can never contradict the
timeline; the home page's totals are assembled from the records' pieces (tracker/pieces.py).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tracker import dates
from tracker.models import Event, Involvement, Person, Sentence, Source, citations_in
from tracker.vocab import AccountGiver, Claimant, EventType, Status

HELD_TYPES = {
    EventType.DETENTION,
    EventType.PRETRIAL_DETENTION,
    EventType.TRIAL_OPENED,
    EventType.HEARING,
    EventType.PROSECUTION_DEMAND,
    EventType.VERDICT,
    EventType.APPEAL,
    EventType.HUNGER_STRIKE,
    EventType.HOSPITALISATION,
    EventType.TRANSFER,
}
STAGES = {
    EventType.DETENTION: "detained",
    EventType.CHARGE: "charged",
    EventType.PRETRIAL_DETENTION: "in pre-trial detention",
    EventType.TRIAL_OPENED: "on trial",
    EventType.PROSECUTION_DEMAND: "on trial",
    EventType.VERDICT: "sentenced",
    EventType.APPEAL: "sentenced",
}


COURT_TYPES = {EventType.TRIAL_OPENED, EventType.VERDICT, EventType.APPEAL}
"""The events whose court a person's page names (its Court lines)."""

UNDATED = "undated"
"""The timeline group of events no cited source dates."""


def sort_key(event: Event) -> tuple[dt.date, dt.date, str]:
    """Date order; undated events come last."""
    if event.date is None:
        return dt.date.max, dt.date.max, event.id
    parsed = dates.parse(event.date)
    return parsed.earliest, parsed.latest, event.id


def sole_account(event: Event) -> AccountGiver | None:
    """The one side every source of the event speaks for (e.g. the prosecution), if there is one."""
    accounts = {citation.account for citation in event.sources}
    if len(accounts) == 1 and None not in accounts:
        (only,) = accounts
        return only if only != AccountGiver.JOURNALIST else None
    return None


@dataclass
class KeyFact:
    """One line of a person's key facts, traceable to an event and its numbered sources.

    Parts, not prose: the page words them in its own language (tracker.i18n)."""

    label: str
    """What the fact is, in English (the page translates it): Detained, Sentence, Charges, ..."""
    event: Event
    refs: list[int]
    when: dates.EdtfDate | None = None
    detail: str | None = None
    """Record text: the place, the charges, the court, or the appeal's title."""
    sentence: Sentence | None = None
    terms: tuple[str, ...] = ()
    """The charges one by one (each worded by the page's glossary), for a Charges fact."""

    def same_as(self, other: KeyFact) -> bool:
        return (self.label, self.detail, self.sentence, self.when) == (
            other.label,
            other.detail,
            other.sentence,
            other.when,
        )


@dataclass
class PersonView:
    """A person with everything derived for their page."""

    person: Person
    events: list[Event]
    status: Status
    status_since: dates.EdtfDate | None
    """When the status began, where the record dates it: the detention (held), the disappearance
    (missing), the release or the death. None when no event dates it (e.g. no detention recorded)."""
    stage: str
    key_facts: list[KeyFact]
    sources: list[Source]
    """The person's sources, numbered in order of first citation (index + 1)."""
    numbers: dict[str, int]
    detained: dates.EdtfDate | None
    released: dates.EdtfDate | None
    died: dates.EdtfDate | None = None
    sentence: KeyFact | None = None
    """The latest sentence handed down (verdict or appeal), with its date, court and sources."""
    charges: list[KeyFact] = field(default_factory=list)
    """The charges each event states, one line per distinct list."""
    last_reported: str | None = None
    """EDTF text of the latest date of any event or source about the person (how current the page is)."""
    held_spans: list[tuple[dt.date, dt.date | None]] = field(default_factory=list)
    """Periods held (first day, day released or died; None while still held), for the chart."""

    @property
    def id(self) -> str:
        return self.person.id

    def involvement(self, event: Event) -> Involvement | None:
        return next((item for item in event.people if item.person == self.person.id), None)

    def refs(self, citations: list) -> list[int]:
        return sorted({self.numbers[citation.source] for citation in citations})

    def event_citations(self, event: Event) -> list:
        """The sources that state this person's part in the event: their own, else the event's."""
        involvement = self.involvement(event)
        return (involvement.sources if involvement and involvement.sources else None) or event.sources

    @property
    def last_reported_day(self) -> str:
        """The last-reported date as an ISO day, for sorting ('' when unknown)."""
        return dates.parse(self.last_reported).earliest.isoformat() if self.last_reported else ""

    @property
    def all_names(self) -> list[str]:
        names = [self.person.name] + ([self.person.name_hy] if self.person.name_hy else [])
        return names + [other.name for other in self.person.other_names]


@dataclass
class Headline:
    """The latest count given by one claimant."""

    claimant: Claimant
    event: Event


def latest_date(texts: Iterable[str | None]) -> str | None:
    """The EDTF text that reaches latest (by its earliest day; the more precise of equals), or None."""
    parsed = [dates.parse(text) for text in texts if text]
    if not parsed:
        return None
    return max(parsed, key=lambda d: (d.earliest, -(d.latest - d.earliest).days)).text


def person_view(person: Person, events: list[Event], sources: dict[str, Source]) -> PersonView:
    events = sorted(events, key=sort_key)
    numbers: dict[str, int] = {}
    own = [citation for _, citation in citations_in(person)]
    for citation in own + [c for event in events for c in event.sources]:  # trimmed to the cited at the end
        numbers.setdefault(citation.source, len(numbers) + 1)
    view = PersonView(
        person=person,
        events=events,
        status=Status.UNKNOWN,
        status_since=None,
        stage="",
        key_facts=[],
        sources=[sources[source_id] for source_id in numbers],
        numbers=numbers,
        detained=None,
        released=None,
    )
    for event in events:
        if event.date is None:
            continue  # an undated event is on the person's timeline but cannot move their status
        when = dates.parse(event.date)
        if event.type == EventType.DISAPPEARANCE and view.status in {Status.UNKNOWN, Status.RELEASED}:
            view.status, view.status_since, view.stage = Status.MISSING, when, ""
        elif event.type in HELD_TYPES and view.status != Status.DIED:
            if view.status != Status.HELD:
                # Held since the detention; an earlier event of another kind (a charge, a trial) shows
                # the person held but does not date the detention, so it never stands as "since".
                view.status = Status.HELD
                view.status_since = when if event.type == EventType.DETENTION else None
                view.held_spans.append((when.earliest, None))
            if event.type == EventType.DETENTION and view.detained is None:
                view.detained = when
                view.status_since = view.status_since or when
            view.stage = STAGES.get(event.type, view.stage)
        elif event.type == EventType.CHARGE and view.status == Status.HELD:
            view.stage = STAGES[event.type]  # a charge alone (e.g. in absentia) does not show anyone held
        elif event.type in {EventType.RELEASE, EventType.DEATH}:
            if view.status == Status.HELD:
                view.held_spans[-1] = (view.held_spans[-1][0], when.earliest)
            if event.type == EventType.RELEASE:
                view.status, view.status_since, view.stage, view.released = Status.RELEASED, when, "", when
            else:
                view.status, view.status_since, view.stage, view.died = Status.DIED, when, "", when
        for fact in _key_facts(view, event, when):
            same = next((f for f in view.key_facts if f.same_as(fact)), None)
            if same:  # the same charges or court stated by several events: one line, every source
                same.refs = sorted(set(same.refs) | set(fact.refs))
            else:
                view.key_facts.append(fact)
    for fact in view.key_facts:
        if fact.label == "Sentence" or (fact.label == "Appeal" and fact.sentence):
            view.sentence = fact  # the latest: facts come in date order
        elif fact.label == "Charges":
            view.charges.append(fact)
    _number_cited_only(view, own)
    view.last_reported = latest_date([e.date for e in events] + [source.published for source in view.sources])
    return view


def _number_cited_only(view: PersonView, own: list) -> None:
    """Keep only the sources something on the page footnotes, numbered 1..n in order of first citation:
    an event's source that states nothing about this person (e.g. another defendant's sentence) is not
    listed on their page."""
    by_number = {number: source_id for source_id, number in view.numbers.items()}
    cited = {citation.source for citation in own}
    cited |= {citation.source for event in view.events for citation in view.event_citations(event)}
    cited |= {by_number[number] for fact in view.key_facts for number in fact.refs}
    kept = [source_id for source_id in view.numbers if source_id in cited]
    renumber = {view.numbers[source_id]: index + 1 for index, source_id in enumerate(kept)}
    view.numbers = {source_id: index + 1 for index, source_id in enumerate(kept)}
    view.sources = [source for source in view.sources if source.id in cited]
    for fact in view.key_facts:
        fact.refs = sorted(renumber[number] for number in fact.refs)


def _key_facts(view: PersonView, event: Event, when: dates.EdtfDate) -> list[KeyFact]:
    involvement = view.involvement(event)
    refs = view.refs(event.sources)
    own = view.refs(view.event_citations(event))  # a person's outcome cites the sources that state it for them
    sentence = involvement.sentence if involvement else None
    facts: list[KeyFact] = []
    match event.type:
        case EventType.DETENTION | EventType.DISAPPEARANCE:
            name = "Detained" if event.type == EventType.DETENTION else "Missing since"
            facts.append(KeyFact(name, event, refs, when=when, detail=event.place))
        case EventType.RELEASE | EventType.DEATH:
            facts.append(KeyFact("Released" if event.type == EventType.RELEASE else "Died", event, refs, when=when))
        case EventType.PROSECUTION_DEMAND if sentence:
            facts.append(KeyFact("Prosecution demanded", event, own, when=when, sentence=sentence))
        case EventType.VERDICT if sentence:
            facts.append(KeyFact("Sentence", event, own, when=when, detail=event.court, sentence=sentence))
        case EventType.APPEAL:
            facts.append(KeyFact("Appeal", event, own, when=when, detail=event.title, sentence=sentence))
    if event.charges:
        facts.append(KeyFact("Charges", event, refs, detail="; ".join(event.charges), terms=tuple(event.charges)))
    if event.court and event.type in COURT_TYPES:
        facts.append(KeyFact("Court", event, refs, detail=event.court))
    return facts


def held_series(held_spans: list[tuple[dt.date, dt.date | None]], today: dt.date) -> list[tuple[dt.date, int]]:
    """People this record shows held at the end of each month, from the first detention to today.

    ``held_spans``: every person's periods held (PersonView.held_spans), together."""
    spans = [(start, end or today) for start, end in held_spans]
    if not spans:
        return []
    # Held on a day: started on or before it and not ended before it. A span ending before it began
    # is never counted; for the others, an end before the day implies a start before it.
    starts = sorted(start for start, _ in spans)
    ends = sorted(end for start, end in spans if end >= start)
    starts_counted = sorted(start for start, end in spans if end >= start)
    series = []
    year, month = starts[0].year, starts[0].month
    while (year, month) <= (today.year, today.month):
        next_first = dt.date(year + month // 12, month % 12 + 1, 1)
        month_end = min(next_first - dt.timedelta(days=1), today)
        series.append((month_end, bisect.bisect_right(starts_counted, month_end) - bisect.bisect_left(ends, month_end)))
        year, month = next_first.year, next_first.month
    return series


def views_of(records: Any) -> dict[str, PersonView]:
    """Every person's view at once, from a Records (for a release's package and the tests; a build
    derives each view on demand: tracker/recording.Views)."""
    concerned: dict[str, list[Event]] = {person_id: [] for person_id in records.people}
    for event in records.events.values():
        for item in event.people:
            concerned.setdefault(item.person, []).append(event)
    return {key: person_view(person, concerned[key], records.sources) for key, person in sorted(records.people.items())}
