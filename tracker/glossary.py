"""Armenian for the short record terms that repeat across records: courts, charges, places, roles,
sentence notes, what a count counts, how a person is linked to a place.

These are the editors' translations, kept in one place so one term is translated once and the same
everywhere (ARMENIAN.md §2 and §5 give the terminology). A term missing here is shown in English on
Armenian pages, marked as not yet translated; tests/test_armenian.py lists every record term that
has no entry.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

TERMS_HY: dict[str, str] = {
    # Courts
    "Baku Military Court": "Բաքվի ռազմական դատարան",
    "Baku Court of Appeal": "Բաքվի վերաքննիչ դատարան",
    "Baku Grave Crimes Court": "Բաքվի ծանր հանցագործությունների դատարան",
    "Ganja Grave Crimes Court": "Գյանջա քաղաքի ծանր հանցագործությունների դատարան",
    "European Court of Human Rights": "Մարդու իրավունքների եվրոպական դատարան",
}
"""English term, exactly as records write it -> its Armenian."""


def record_terms(records: Any) -> Iterator[str]:
    """Every glossary term the records use (courts, places, charges, roles, sentence notes, counts)."""
    for person in records.people.values():
        yield from (birth.place for birth in person.born if birth.place)
        for origin in person.origin:
            yield from (text for text in (origin.place, origin.note) if text)
        yield from (role.title for role in person.roles)
        yield from (other.note for other in person.other_names if other.note)
    for event in records.events.values():
        yield from (text for text in (event.court, event.place) if text)
        yield from event.charges
        yield from (item.sentence.note for item in event.people if item.sentence and item.sentence.note)
        if event.count:
            yield event.count.counted


def missing_terms(records: Any) -> list[str]:
    """The record terms the glossary has no Armenian for, sorted."""
    return sorted({term for term in record_terms(records) if term not in TERMS_HY})
