"""Each record as JSON beside its page: ``/people/<id>.json``, ``/events/<id>.json``, ``/sources/<id>.json``.

A record's document is the record as its editors wrote it (the fields its file sets, after validation),
what the site derives from it (a person's status, detention, sentence, charges, last report; the events
citing a source), and the addresses of its pages. A retired id answers too: a redirected one with where
it moved, a withdrawn one with its notice. ``/data/records-index.json`` lists every document.

Pure functions of records, person views and plain values; the build writes what they return. Bytes are
reproducible: sorted keys, compact (json's C encoder: indenting is five times slower, and browsers and
``jq`` indent for a reader), UTF-8 (Armenian as itself), one final newline.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel

from tracker.dates import EdtfDate
from tracker.derive import KeyFact, PersonView
from tracker.models import Redirect, Withdrawal

KINDS = ("people", "events", "sources")
INDEX_PATH = "data/records-index.json"
FORMAT = 1
"""The documents' layout version, given in each document (``format``): a reader can tell a change."""


def json_path(kind: str, record_id: str) -> str:
    """Where a record's document lives in the site: ``people/<id>.json``, beside the folder of its page."""
    return f"{kind}/{record_id}.json"


def page_url(kind: str, record_id: str, site_url: str, prefix: str = "") -> str:
    """The record's page (a source has none of its own: its entry on the sources page)."""
    if kind == "sources":
        return f"{site_url}{prefix}sources/#{record_id}"
    return f"{site_url}{prefix}{kind}/{record_id}/"


def link_tag(kind: str, record_id: str, lang: str) -> str:
    """The ``<link>`` a record page's head gives to its document (one document for both languages).

    "alternate " with a trailing space is the same link type to every reader of links, but not to Material,
    which fetches a sitemap.xml beside every exact rel="alternate" link (see pages.PageWriter._files)."""
    href = f"../{record_id}.json" if lang == "en" else f"../../../{kind}/{record_id}.json"
    return f'<link rel="alternate " type="application/json" href="{href}">'


def as_written(record: BaseModel) -> dict[str, Any]:
    """The record as its file gives it: the fields the editors set (defaults they left out stay out)."""
    return record.model_dump(mode="json", exclude_unset=True)


def _date(value: EdtfDate | None) -> str | None:
    return value.text if value is not None else None


def _fact(fact: KeyFact) -> dict[str, Any]:
    """A key fact's parts, with the event that states it (its sources are that event's)."""
    return {
        "event": fact.event.id,
        "date": _date(fact.when),
        "detail": fact.detail,
        "sentence": fact.sentence.model_dump(mode="json") if fact.sentence else None,
    }


def person_facts(view: PersonView) -> dict[str, Any]:
    """What the site derives for a person from their events (tracker/derive.py), as on their page."""
    return {
        "status": view.status.value,
        "status_since": _date(view.status_since),
        "held_since": _date(view.status_since) if view.status.value == "held" else None,
        "stage": view.stage or None,
        "detained": _date(view.detained),
        "released": _date(view.released),
        "died": _date(view.died),
        "sentence": _fact(view.sentence) if view.sentence else None,
        "charges": [{"charges": list(fact.terms), **_fact(fact)} for fact in view.charges],
        "last_reported": view.last_reported,
        "events": [event.id for event in view.events],
        "sources": [source.id for source in view.sources],
    }


def _bytes(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n").encode("utf-8")


def _addresses(kind: str, record_id: str, site_url: str) -> dict[str, str]:
    return {
        "json_url": site_url + json_path(kind, record_id),
        "url": page_url(kind, record_id, site_url),
        "url_hy": page_url(kind, record_id, site_url, "hy/"),
    }


def document(
    kind: str, record: BaseModel, view: PersonView | None, site_url: str, *, cited_by: Iterable[str] = ()
) -> bytes:
    """A record's document. ``view``: the person's derived view (people only); ``cited_by``: the ids of the
    events citing a source (sources only)."""
    derived: dict[str, Any] = {}
    if kind == "people":
        if view is None:
            raise ValueError("a person's document needs their view")
        derived = person_facts(view)
    elif kind == "events":
        derived = {"people": [page_url("people", item.person, site_url) for item in record.people]}  # type: ignore[attr-defined]
    elif kind == "sources":
        derived = {"cited_by": sorted(set(cited_by))}
    record_id = str(record.id)  # type: ignore[attr-defined]
    return _bytes(
        {
            "format": FORMAT,
            "kind": kind,
            "id": record_id,
            "state": "published",
            **_addresses(kind, record_id, site_url),
            "record": as_written(record),
            "derived": derived,
        }
    )


def redirect_document(redirect: Redirect, site_url: str) -> bytes:
    """What a renamed or merged id answers: where the record went."""
    kind = redirect.kind.value
    return _bytes(
        {
            "format": FORMAT,
            "kind": kind,
            "id": redirect.id,
            "state": "redirected",
            "json_url": site_url + json_path(kind, redirect.id),
            "moved_to": {
                "id": redirect.to,
                "json_url": site_url + json_path(kind, redirect.to),
                "url": page_url(kind, redirect.to, site_url),
            },
            "record": as_written(redirect),
        }
    )


def withdrawn_document(withdrawal: Withdrawal, site_url: str) -> bytes:
    """What a withdrawn id answers: the notice, and nothing of the record."""
    kind = withdrawal.kind.value
    return _bytes(
        {
            "format": FORMAT,
            "kind": kind,
            "id": withdrawal.id,
            "state": "withdrawn",
            "json_url": site_url + json_path(kind, withdrawal.id),
            "url": page_url(kind, withdrawal.id, site_url),
            "record": as_written(withdrawal),
        }
    )


def index(
    ids: Mapping[str, Iterable[str]],
    redirects: Mapping[str, Redirect],
    withdrawn: Mapping[str, Withdrawal],
    site_url: str,
) -> bytes:
    """/data/records-index.json: every document, by kind and id. ``ids``: kind -> the live records' ids."""
    entries = [(kind, record_id, "published") for kind in KINDS for record_id in ids.get(kind, ())]
    entries += [(r.kind.value, r.id, "redirected") for r in redirects.values()]
    entries += [(w.kind.value, w.id, "withdrawn") for w in withdrawn.values()]
    listed = [
        {"kind": kind, "id": record_id, "state": state, "json_url": site_url + json_path(kind, record_id)}
        for kind, record_id, state in sorted(entries)
    ]
    return _bytes({"format": FORMAT, "count": len(listed), "records": listed})
