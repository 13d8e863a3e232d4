"""The derived columns of the data package: what the pages say about a record, as table columns.

people.csv gains a person's status, since when, their latest sentence, court and charges, their release
or death, how current the record is and their page's address, all read from the same PersonView the
pages are rendered from (tracker.derive), so the table can never contradict the site. events.csv gains
each event's page address, sources.csv the address of the source's entry on the sources page (sources
have no page of their own). Nothing here is typed by editors, and reading the tables back into records
ignores these columns.
"""

from __future__ import annotations

from typing import Any

from tracker import dates, vocab
from tracker.derive import COURT_TYPES, PersonView
from tracker.vocab import Status

CHARGE_SEPARATOR = "; "
"""Between the charges of charges_joined (no charge in the records contains it: tested)."""

EDTF_PATTERN = dates.PATTERN


def _text(name: str, description: str) -> dict[str, Any]:
    return {"name": name, "type": "string", "description": description}


def _edtf(name: str, description: str) -> dict[str, Any]:
    """An EDTF text column (package_tables writes its pattern the Table Schema way and adds its days)."""
    return {**_text(name, description), "constraints": {"pattern": EDTF_PATTERN}}


PAGE_URL = "The address of the record's page on the site (derived from its id)."

PEOPLE: list[dict[str, Any]] = [
    {
        "name": "status",
        "type": "string",
        "description": "Derived from the events: the person's status, as their page and the home page's count "
        "give it. held from the first dated custody event (detention, pre-trial detention, trial, hearing, "
        "prosecution demand, verdict, appeal, transfer, hunger strike, hospitalisation) until a later release "
        "or death; released or died after that event; missing after a disappearance while not held; unknown "
        "when no dated event tells.",
        "categories": [{"value": status.value, "label": vocab.label(status)} for status in Status],
        "constraints": {"required": True, "enum": [status.value for status in Status]},
    },
    _edtf(
        "status_since",
        "Derived from the events: when the status began, where an event dates it. For held, the "
        "detention (empty when no detention event is recorded, even if a later trial shows the person "
        "held); for released, died or missing, that event's date.",
    ),
    _edtf(
        "sentenced_on",
        "Derived from the events: the date of the latest sentence handed down (a verdict, or an appeal "
        "that states a sentence) for this person.",
    ),
    {
        "name": "sentence_years",
        "type": "integer",
        "description": "Derived from the events: the latest sentence's term in years (event_people.sentence_years "
        "of that verdict or appeal); empty for life or when no sentence is recorded.",
        "constraints": {"minimum": 0, "maximum": 100},
    },
    {
        "name": "sentence_life",
        "type": "boolean",
        "description": "Derived from the events: true when the latest sentence is life imprisonment, false for a "
        "term of years; empty when no sentence is recorded.",
    },
    _text(
        "court",
        "Derived from the events: the court that handed down the latest sentence; where no sentence is "
        "recorded, the court of the latest dated trial, verdict or appeal event that names one.",
    ),
    _text(
        "charges_joined",
        "Derived from the events: every distinct charge the person's dated events state, in the order "
        f'first stated, joined by "{CHARGE_SEPARATOR}" (each is a row of the charges table).',
    ),
    _edtf("released_on", "Derived from the events: the date of the latest release recorded."),
    _edtf("died_on", "Derived from the events: the date of death, where one is recorded."),
    _edtf(
        "last_reported",
        "Derived: the latest date of any event about the person or of any source their page cites (how "
        "current their record is).",
    ),
    {**_text("page_url", PAGE_URL), "format": "uri"},
]
"""The derived columns of people.csv, in order (each EDTF one followed by its earliest and latest day)."""

EVENTS: list[dict[str, Any]] = [{**_text("page_url", PAGE_URL), "format": "uri"}]
SOURCES: list[dict[str, Any]] = [
    {
        **_text(
            "page_url",
            "The address of the source's entry on the sources page (sources/#<id>; a source has no page of its own).",
        ),
        "format": "uri",
    }
]

FIELDS: dict[str, list[dict[str, Any]]] = {"people": PEOPLE, "events": EVENTS, "sources": SOURCES}
"""Table name -> its derived columns' Table Schema fields."""


def is_edtf(field: dict[str, Any]) -> bool:
    return field.get("constraints", {}).get("pattern") == EDTF_PATTERN


def _with_days(values: dict[str, Any]) -> dict[str, Any]:
    """The values with each EDTF column's earliest and latest day added (``<name>_earliest``, ``_latest``)."""
    result = dict(values)
    for field in PEOPLE:
        if is_edtf(field):
            text = values.get(field["name"])
            parsed = dates.parse(text) if text else None
            result[f"{field['name']}_earliest"] = parsed.earliest if parsed else None
            result[f"{field['name']}_latest"] = parsed.latest if parsed else None
    return result


def _text_of(date: dates.EdtfDate | None) -> str | None:
    return date.text if date else None


def _court(view: PersonView) -> str | None:
    if view.sentence is not None:
        return view.sentence.event.court
    dated = [event for event in view.events if event.date and event.court and event.type in COURT_TYPES]
    return dated[-1].court if dated else None  # view.events are in date order


def _charges(view: PersonView) -> str | None:
    seen = list(dict.fromkeys(term for fact in view.charges for term in fact.terms))
    return CHARGE_SEPARATOR.join(seen) if seen else None


def person_values(view: PersonView, site_url: str) -> dict[str, Any]:
    """A person's derived column values (dates as EDTF text, their days as datetime.date)."""
    sentence = view.sentence.sentence if view.sentence else None
    return _with_days(
        {
            "status": view.status.value,
            "status_since": _text_of(view.status_since),
            "sentenced_on": _text_of(view.sentence.when) if view.sentence else None,
            "sentence_years": sentence.years if sentence else None,
            "sentence_life": sentence.life if sentence else None,
            "court": _court(view),
            "charges_joined": _charges(view),
            "released_on": _text_of(view.released),
            "died_on": _text_of(view.died),
            "last_reported": view.last_reported,
            "page_url": f"{site_url}people/{view.id}/",
        }
    )


def event_values(event_id: str, site_url: str) -> dict[str, Any]:
    return {"page_url": f"{site_url}events/{event_id}/"}


def source_values(source_id: str, site_url: str) -> dict[str, Any]:
    return {"page_url": f"{site_url}sources/#{source_id}"}
