"""Stage: record units. Everything one record contributes to the site, computed together.

A person's or an event's unit is its page in each language (and a person's feed), its piece of the
shared outputs (tracker/pieces.py), its data package rows and its JSON document; a source's unit is
its piece, rows and document (sources have no page of their own); a redirect's or withdrawal's unit
is its rows and the document its old address answers with. Each unit is
computed while tracker/recording.py records what it read, so the next build knows when to compute
it again. Many units are shared out among forked processes (one per core), which inherit the records
instead of unpickling them and write their pages straight into the build's folder.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker import derive, i18n, package, pieces, record_json
from tracker.pages import KINDS, PageWriter, Shell
from tracker.recording import Reads, RecordedHistory, RecordLookup, Views, citing_key, note, record_key
from tracker.tuning import PARALLEL_FROM

UNIT_KINDS = ("people", "events", "sources", "redirects", "withdrawn")


@dataclass
class Lookups:
    """What a unit may look up, each lookup recorded: records by kind and id, and people's views."""

    people: RecordLookup
    events: RecordLookup
    sources: RecordLookup
    views: Views
    retired: dict[str, Mapping[str, Any]]
    """"redirects" and "withdrawn" records by id (few: always at hand)."""


def lookups(records: Any, events_of: Callable[[str], list[str]]) -> Lookups:
    """Over ``records`` (a Records, or one whose mappings read files on first use)."""
    people = RecordLookup("people", records.people)
    events = RecordLookup("events", records.events)
    sources = RecordLookup("sources", records.sources)
    views = Views(people, events, sources, events_of)
    return Lookups(people, events, sources, views, {"redirects": records.redirects, "withdrawn": records.withdrawn})


@dataclass
class Result:
    """One computed unit."""

    kind: str
    record_id: str
    piece: Any
    """Its PersonPiece, EventPiece or SourcePiece (None for a redirect or withdrawal)."""
    data: package.DataPiece
    reads: tuple[str, ...]
    files: tuple[str, ...]
    """Site-relative paths of the files it wrote."""
    digests: tuple[bytes, ...] = ()
    """The SHA-256 of each of those files, in the same order (for SHA256SUMS, which then reads none
    of them back: on a large record that was tens of seconds of opening and reading files)."""


@dataclass
class Context:
    """Everything computing a unit needs (what forked workers inherit)."""

    lookups: Lookups
    history: RecordedHistory
    citing: Callable[[str], list[str]]
    """Ids of the events citing a source."""
    shells: dict[str, dict[str, Shell]]
    """Language -> kind -> the theme's page around record pages."""
    site_url: str
    version: str
    site_dir: Path
    """Where pages are written (the build's staging folder)."""

    def __post_init__(self) -> None:
        self.writers = {
            lang: PageWriter(
                self.lookups,
                site_url=self.site_url + i18n.Language(lang).prefix,
                version=self.version,
                history=self.history,
                lang=lang,
                shells=self.shells[lang],
            )
            for lang in i18n.LANGUAGES
        }


def compute(context: Context, kind: str, record_id: str) -> Result:
    """Compute one unit, writing its pages into context.site_dir."""
    found = context.lookups
    with Reads() as reads:
        note(record_key(kind, record_id))
        piece: Any = None
        if kind == "people":
            record: Any = found.people[record_id]
            piece = pieces.person_piece(found.views.view(record_id), context.history)
        elif kind == "events":
            record = found.events[record_id]
            piece = pieces.event_piece(record, found.views, context.history)
        elif kind == "sources":
            record = found.sources[record_id]
            note(citing_key(record_id))
            cited = sorted((found.events[event_id] for event_id in context.citing(record_id)), key=derive.sort_key)
            piece = pieces.source_piece(record, cited)
        else:
            record = found.retired[kind][record_id]
        view = found.views.view(record_id) if kind == "people" else None  # the rows' derived columns
        data = package.data_piece(kind, record, view)
        written = dict([_json_document(context, kind, record, view)])
        if kind in KINDS:
            for lang, writer in context.writers.items():
                folder = f"{i18n.Language(lang).prefix}{kind}/{record_id}"
                written |= {f"{folder}/{name}": content for name, content in writer.render(kind, record_id).items()}
        digests = tuple(_write(context.site_dir, relative, content) for relative, content in written.items())
    # Interned: a chunk of results is pickled back to the parent with one copy of each key, not one per unit.
    keys = tuple(sorted(sys.intern(key) for key in reads.keys))
    return Result(kind, record_id, piece, data, keys, tuple(written), digests)


def _json_document(context: Context, kind: str, record: Any, view: Any) -> tuple[str, bytes]:
    """The record as JSON, beside its page (/people/<id>.json; a retired id's says where it went)."""
    if kind == "redirects":
        return record_json.json_path(record.kind.value, record.id), record_json.redirect_document(
            record, context.site_url
        )
    if kind == "withdrawn":
        return record_json.json_path(record.kind.value, record.id), record_json.withdrawn_document(
            record, context.site_url
        )
    cited = context.citing(record.id) if kind == "sources" else ()
    return record_json.json_path(kind, record.id), record_json.document(
        kind, record, view, context.site_url, cited_by=cited
    )


def _write(site_dir: Path, relative: str, content: bytes) -> bytes:
    """Write one file of a unit; returns its SHA-256."""
    target = site_dir / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as handle:  # open(), not Path.write_bytes: a little quicker on 100,000 files
        handle.write(content)
    return hashlib.sha256(content).digest()


_ACTIVE: Context | None = None


def _compute_chunk(items: list[tuple[str, str]]) -> list[Result]:
    assert _ACTIVE is not None
    return [compute(_ACTIVE, kind, record_id) for kind, record_id in items]


def compute_all(
    context: Context,
    items: list[tuple[str, str]],
    workers: int | None = None,
    *,
    forked: Callable[[], None] | None = None,
) -> list[Result]:
    """Compute these units; many of them are shared out among forked processes (one per core).
    ``forked``: called in this process once the workers are forked (and only then), before their
    results come in: what only the workers need can be let go, so the results reuse its memory."""
    global _ACTIVE
    workers = workers or (os.cpu_count() or 1)
    _ACTIVE = context
    try:
        if workers < 2 or len(items) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
            return _compute_chunk(items)
        size = max(1, len(items) // (workers * 8))
        chunks = [items[start : start + size] for start in range(0, len(items), size)]
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            if forked is not None:
                forked()
            return [result for chunk in pool.map(_compute_chunk, chunks) for result in chunk]
    finally:
        _ACTIVE = None
