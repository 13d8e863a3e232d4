"""Stage: inputs. Which record files changed since the cache: read and validate those, and check every
link between records (from the cache's facts for the files that did not change).

A clean build (empty cache) reads and validates every file; either way the problems are the ones
`check` reports, and any problem stops the build before it writes anything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from tracker.cache import Cache, FileState, paused_collection
from tracker.load import RawRecord, not_a_record, read_record
from tracker.models import ALL_MODELS
from tracker.problems import BuildFailed, InvalidRecords, Problem, display_path
from tracker.validate import Links, Records, check_links, check_retired, links_of_record, validate_each

LIVE = ("people", "events", "sources")
"""Record kinds with pages or rows of their own; the others (redirects, withdrawn) retire their ids."""


@dataclass
class Inputs:
    """The records as this build sees them."""

    records: Records
    """Every record by kind and id: the changed ones validated, the others read on first use."""
    files: dict[str, FileState]
    links: dict[tuple[str, str], Links]
    changed: set[tuple[str, str]] = field(default_factory=set)
    """(kind, id) of records added or modified since the cache."""
    removed: set[tuple[str, str]] = field(default_factory=set)
    """(kind, id) of records whose file is gone."""


class RecordFiles(Mapping[str, Any]):
    """Records of one kind by id, each read and validated from its file on first use (files that are
    unchanged since the last good build, so valid)."""

    def __init__(self, folder: Path, model: type[BaseModel], ids: set[str], known: dict[str, Any]) -> None:
        self.folder, self.model, self.ids, self.loaded = folder, model, ids, known

    def __getitem__(self, record_id: str) -> Any:
        if record_id not in self.loaded:
            if record_id not in self.ids:
                raise KeyError(record_id)
            raw, problem = read_record(self.folder.name, self.folder / f"{record_id}.json")
            if raw is None:  # it was valid and unchanged when the build began: changed under us
                raise BuildFailed(f"{problem} (the file changed while the build ran: build again)")
            self.loaded[record_id] = self.model.model_validate(raw.data)
        return self.loaded[record_id]

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.ids))

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self.ids


@paused_collection()  # the raw and validated records are millions of objects, none in a cycle
def read_inputs(
    records_dir: Path, cache: Cache, progress: Callable[[str], None], today: dt.date | None = None
) -> Inputs:
    """Scan records_dir, validate what changed since ``cache``, check every link; raise InvalidRecords
    with every problem."""
    problems: list[Problem] = []
    files: dict[str, FileState] = {}
    raws: list[RawRecord] = []
    ids: dict[str, set[str]] = {kind: set() for kind in ALL_MODELS}
    for kind in ALL_MODELS:
        folder = records_dir / kind
        if not folder.is_dir():
            continue
        shown = display_path(folder)
        for entry in sorted(os.scandir(folder), key=lambda entry: entry.name):
            if entry.name.startswith(".") or entry.is_dir():
                continue
            file = f"{shown}/{entry.name}" if shown != "." else entry.name
            if not entry.name.endswith(".json"):
                problems.append(not_a_record(file))
                continue
            name = f"{kind}/{entry.name}"
            stat = entry.stat()
            state = (stat.st_mtime_ns, stat.st_size)
            ids[kind].add(entry.name.removesuffix(".json"))
            known = cache.files.get(name)
            if known is not None and known.stat == state:
                files[name] = known
                continue
            try:
                content = Path(entry.path).read_bytes()
            except OSError:
                content = None  # read_record says why
            digest = hashlib.sha256(content).hexdigest() if content is not None else ""
            files[name] = FileState(state, digest)
            if known is not None and known.digest == digest:
                continue  # touched, not changed (and valid: the cache is kept by good builds only)
            raw, problem = read_record(kind, Path(entry.path), file, content)
            if raw is not None:
                raws.append(raw)
            if problem is not None:
                problems.append(problem)
                files.pop(name)  # read again next time
    if cache.empty:
        progress("checking records")
    elif raws or problems:
        progress(f"checking {len(raws) + len(problems)} changed record file(s)")
    valid, more, invalid = validate_each(raws, today)
    problems += more
    changed = {(kind, record_id) for kind in ALL_MODELS for record_id in getattr(valid, kind)}
    removed = {key for key in [*cache.units, *cache.links] if key[1] not in ids[key[0]]}
    links = {key: value for key, value in cache.links.items() if key not in removed}
    for kind, record_id in changed:
        if kind in LIVE:
            links[(kind, record_id)] = links_of_record(
                kind, getattr(valid, kind)[record_id], valid.files[(kind, record_id)]
            )
    for raw in invalid:
        links.pop((raw.kind, raw.path.stem), None)
    records = Records(
        **{
            kind: RecordFiles(records_dir / kind, ALL_MODELS[kind], ids[kind], dict(getattr(valid, kind)))
            for kind in ALL_MODELS
        }
    )
    # Redirects and withdrawals are few, and the checks read them all.
    retired = Records(files={key: links[key].file for key in links})
    for kind in ("redirects", "withdrawn"):
        for record_id in ids[kind]:
            try:
                getattr(retired, kind)[record_id] = getattr(records, kind)[record_id]
            except KeyError:
                continue  # invalid: its problems are reported
            retired.files[(kind, record_id)] = valid.files.get(
                (kind, record_id), f"{display_path(records_dir / kind)}/{record_id}.json"
            )
    present = {(kind, record_id) for kind, kind_ids in ids.items() for record_id in kind_ids}
    present |= {(raw.kind, raw.data["id"]) for raw in invalid if isinstance(raw.data.get("id"), str)}
    mentioned = {
        item["person"]
        for raw in invalid
        if raw.kind == "events" and isinstance(raw.data.get("people"), list)
        for item in raw.data["people"]
        if isinstance(item, dict) and isinstance(item.get("person"), str)
    }
    problems += check_links(links, present, mentioned)
    problems += check_retired(retired, links)
    if problems:
        raise InvalidRecords(sorted(set(problems)))
    records.redirects, records.withdrawn = retired.redirects, retired.withdrawn
    return Inputs(records, files, links, changed, removed)
