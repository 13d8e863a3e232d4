"""Stage support: what a record's outputs read, recorded as they read it.

Each record's *unit* (its pages, its piece of the shared outputs, its data rows; tracker/units.py) is
computed while a Reads collects every input it looks up: records by id, a person's events, a
source's citing events, a record's change history, the build's day, the theme's page around it.
Each input has a dependency key (a short string) and, in every build, a digest of its current value
(tracker/cache.py). A unit is computed again only when the digest of something it read changed, so
what an output depends on is never written down by hand: a template that reads one more record
records one more key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, ClassVar

from tracker import derive
from tracker.derive import PersonView
from tracker.history import Change, PageHistory
from tracker.models import Event

DAY = "day"
"""The build's day (what a page says when git has no history of its record)."""


def record_key(kind: str, record_id: str) -> str:
    """A record file's key: the record file's name under records/ ("people/x.json" without ".json")."""
    return f"{kind}/{record_id}"


def events_of_key(person_id: str) -> str:
    """The ids of the events concerning a person."""
    return f"events-of:{person_id}"


def citing_key(source_id: str) -> str:
    """The ids of the events citing a source."""
    return f"citing:{source_id}"


def history_key(kind: str, record_id: str) -> str:
    return f"history:{kind}/{record_id}"


def shell_key(lang: str, kind: str) -> str:
    """The theme's page around one language's record pages of a kind."""
    return f"shell:{lang}/{kind}"


class Reads:
    """The dependency keys one unit read. ``note`` adds to the innermost open Reads (units run one at a
    time in each process, so a module-level stack is enough)."""

    stack: ClassVar[list[set[str]]] = []

    def __init__(self) -> None:
        self.keys: set[str] = set()

    def __enter__(self) -> Reads:
        Reads.stack.append(self.keys)
        return self

    def __exit__(self, *exc: object) -> None:
        Reads.stack.pop()


def note(*keys: str) -> None:
    if Reads.stack:
        Reads.stack[-1].update(keys)


class RecordLookup(Mapping[str, Any]):
    """Records of one kind by id; each lookup is a read of that record."""

    def __init__(self, kind: str, records: Mapping[str, Any]) -> None:
        self.kind, self.records = kind, records

    def __getitem__(self, record_id: str) -> Any:
        note(record_key(self.kind, record_id))
        return self.records[record_id]

    def __contains__(self, record_id: object) -> bool:
        return record_id in self.records

    def __iter__(self) -> Iterator[str]:
        return iter(self.records)

    def __len__(self) -> int:
        return len(self.records)


class ViewProxy:
    """A person's view as another page sees it: reading the person record itself (``person``, ``id``) is a
    read of the person's file; anything derived (status, events, sources, ...) reads all the view read."""

    def __init__(self, view: PersonView, reads: frozenset[str]) -> None:
        self._view, self._reads = view, reads

    def __getattr__(self, name: str) -> Any:
        if name in ("person", "id"):
            note(record_key("people", self._view.id))
        else:
            note(*self._reads)
        return getattr(self._view, name)


class Views(Mapping[str, Any]):
    """Person views by id, derived on first use (and kept), each with what its derivation read."""

    def __init__(
        self,
        people: Mapping[str, Any],
        events: Mapping[str, Event],
        sources: Mapping[str, Any],
        events_of: Callable[[str], list[str]],
    ) -> None:
        self.people, self.events, self.sources, self.events_of = people, events, sources, events_of
        self.views: dict[str, tuple[PersonView, frozenset[str]]] = {}

    def view(self, person_id: str) -> PersonView:
        """The view itself, noting everything it read (what a person's own unit uses)."""
        view, reads = self._derived(person_id)
        note(*reads)
        return view

    def _derived(self, person_id: str) -> tuple[PersonView, frozenset[str]]:
        if person_id not in self.views:
            with Reads() as reads:
                note(events_of_key(person_id))
                events = [self.events[event_id] for event_id in self.events_of(person_id)]
                view = derive.person_view(self.people[person_id], events, self.sources)
            self.views[person_id] = (view, frozenset(reads.keys))
        return self.views[person_id]

    def __getitem__(self, person_id: str) -> Any:
        return ViewProxy(*self._derived(person_id))

    def __contains__(self, person_id: object) -> bool:
        return person_id in self.people

    def __iter__(self) -> Iterator[str]:
        return iter(self.people)

    def __len__(self) -> int:
        return len(self.people)


class RecordedHistory:
    """PageHistory, each question about a record a read of that record's history."""

    def __init__(self, history: PageHistory) -> None:
        self.history = history

    @property
    def build_day(self) -> str:
        note(DAY)
        return self.history.build_day

    def of(self, kind: str, record_id: str) -> list[Change]:
        note(history_key(kind, record_id))
        return self.history.of(kind, record_id)

    def of_person(self, view: PersonView) -> list[Change]:
        note(history_key("people", view.id), *(history_key("events", event.id) for event in view.events))
        return self.history.of_person(view)

    def last_change(self, kind: str, record_id: str) -> str:
        changes = self.of(kind, record_id)
        return changes[0].date if changes else self.build_day

    def record_times(self, kind: str, record_id: str) -> tuple[str, str]:
        note(history_key(kind, record_id))
        if not self.history.of(kind, record_id):
            note(DAY)
        return self.history.record_times(kind, record_id)

    def event_times(self, event: Event) -> tuple[str, str]:
        return self.record_times("events", event.id)
