"""Editorial checks on one record: published text is for readers, and skeletons are never published.

Part of stage 2 (validate). Every string a record holds is published somewhere (a page, a CSV, a
JSON file), so none may carry the editors' working wording ("our notes", "seed article"), a
skeleton's placeholder ("FILL IN") or an address on a domain reserved for examples.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from pydantic import BaseModel

from tracker.models import Event
from tracker.problems import Problem, json_path

WORKING_WORDS = re.compile(r"\b(our notes|research notes|seed article|dossiers?)\b", re.IGNORECASE)
"""Wording about how the research was done, which readers should never meet."""
PLACEHOLDER = re.compile(r"FILL[ -]IN", re.IGNORECASE)
"""What `build.py new` writes where an editor must write something."""
URL_IN_TEXT = re.compile(r"https?://[^\s\"'<>)]+")
RESERVED_HOSTS = ("example.com", "example.net", "example.org")
RESERVED_SUFFIXES = (".example",)
"""Domains reserved for examples (RFC 2606): an address on one is a placeholder, never a source."""

Location = tuple[str | int, ...]


def _strings(value: object, location: Location) -> Iterator[tuple[Location, str]]:
    if isinstance(value, str):
        yield location, value
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from _strings(item, (*location, str(name)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*location, index))


def is_reserved_host(url: str) -> bool:
    """True when the address is on a domain reserved for examples (example.org, *.example, ...)."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return host in RESERVED_HOSTS or host.endswith(tuple(f".{h}" for h in RESERVED_HOSTS) + RESERVED_SUFFIXES)


def check_wording(file: str, data: object) -> Iterator[Problem]:
    """Placeholders, example-domain addresses and working-process wording anywhere in a record's JSON
    (read before validation, so a skeleton's every placeholder is named even where it breaks a field)."""
    for location, text in _strings(data, ()):
        path = json_path(location)
        if match := PLACEHOLDER.search(text):
            yield Problem(file, path, f'still holds the placeholder "{match.group(0)}": replace it', "placeholder")
            continue  # one problem per placeholder: its example-domain address says the same
        if match := WORKING_WORDS.search(text):
            message = f'"{match.group(0)}" is about how the research was done: say it in a reader\'s terms'
            yield Problem(file, path, message, "working-note")
        for url in URL_IN_TEXT.findall(text):
            if is_reserved_host(url):
                message = f'"{urlsplit(url).hostname}" is a domain reserved for examples: give the real address'
                yield Problem(file, path, message, "placeholder")


def check_outcome_sources(file: str, event: Event) -> Iterator[Problem]:
    """A person's own sources in an event are among the event's sources (the event page numbers those)."""
    cited = {citation.source for citation in event.sources}
    for index, involvement in enumerate(event.people):
        for number, citation in enumerate(involvement.sources):
            if citation.source not in cited:
                path = json_path(("people", index, "sources", number, "source"))
                message = f'"{citation.source}" is not among the event\'s sources: add it to the event\'s "sources" too'
                yield Problem(file, path, message, "outcome-source-not-in-event")


def check_record(file: str, record: BaseModel) -> list[Problem]:
    """The editorial problems of one valid record that need its model (its wording is checked on its JSON)."""
    return list(check_outcome_sources(file, record)) if isinstance(record, Event) else []
