"""Stage: incremental rebuild. After an edit to a few records, update the built site in place.

A full build leaves a *snapshot* beside its output: every record's piece (tracker/pieces.py), the
theme's page around each generated page, the theme's own search and sitemap entries, and each record
file's size and modification time. The next build compares the record files with it. When only a few
people, events or sources were edited or added, and nothing else changed (code, templates, docs,
settings, git history), it re-validates those records, works out which records' pages and pieces
they touch, renders just those, assembles the shared pages, tables and indexes again from the
pieces, and replaces only the files whose content changed. Anything else (a removed or retired
record, a new timeline year, a changed template, a record with problems) falls back to the full build,
which is also what reports problems, so both paths say the same thing about bad input.

Safety: everything is computed and written into a staging folder first; the output is touched only
after all of it succeeded, by renaming each new file over the old (each rename is atomic). A busy
mark stands from the first rename until the snapshot's journal holds the update, so an interrupted
update is followed by a full build, never trusted.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import importlib.metadata
import os
import pickle
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from tracker import checksums, cite, derive, feeds, i18n, package, pages, paths, pieces, render, search, site
from tracker.derive import PersonView
from tracker.history import PageHistory
from tracker.load import read_record
from tracker.models import ALL_MODELS, Event, Person, Redirect, Source, Withdrawal
from tracker.pages import Shell
from tracker.pieces import Catalogue, Pieces
from tracker.problems import BuildFailed
from tracker.validate import Records, check_links, validate_each

FORMAT = 2
"""Snapshot layout version: a snapshot of another version is ignored (a full build follows)."""
MAX_EDITS = 500
"""More changed files than this, and a full build (which renders in parallel) is the quicker way."""
EDITABLE = ("people", "events", "sources")
"""Record kinds an incremental build handles; a change to redirects or withdrawals needs a full build."""
PACKAGES = ("mkdocs", "mkdocs-material", "jinja2", "pydantic", "babel", "pygal", "feedgen", "markupsafe")
"""Libraries whose version shapes the output."""
Progress = Callable[[str], None]


@dataclass
class LanguageParts:
    """What a full build keeps of one language's theme output, for incremental builds to reuse."""

    page_shells: dict[str, tuple[str, str]]
    """Docs path of a generated page (people/index.md, ...) -> its built HTML before and after the body."""
    record_shells: dict[str, Shell]
    """The theme's page around person and event pages (tracker/pages.py)."""
    theme_index: dict[str, str]
    """The theme's pages the search indexes: URL -> HTML (tracker/search.py theme_pages)."""
    theme_sitemap: dict[str, str]
    """The theme's sitemap entries (URL -> last change) without record pages."""


@dataclass
class Snapshot:
    """Everything an incremental build needs from the build that made the current output."""

    inputs: str
    """Digest of every input other than the records (see inputs_digest)."""
    files: dict[str, tuple[int, int]]
    """Record file ("people/x.json") -> (modification time in ns, size) when it was read."""
    pieces: Pieces
    redirects: dict[str, Redirect]
    withdrawn: dict[str, Withdrawal]
    languages: dict[str, LanguageParts]
    manifest: dict[str, str]
    """Record page folder -> digest of its inputs (tracker/pages.py), as in the page manifest."""
    jsonld: str
    """The Dataset JSON-LD in the head of the home and data pages (the page shells hold it)."""
    format: int = FORMAT


@dataclass
class Delta:
    """What one incremental build changed in the snapshot (appended to its journal)."""

    files: dict[str, tuple[int, int]]
    people: dict[str, pieces.PersonPiece]
    events: dict[str, pieces.EventPiece]
    sources: dict[str, pieces.SourcePiece]
    data: dict[str, dict[str, package.DataPiece]]
    manifest: dict[str, str]

    def apply_to(self, snapshot: Snapshot) -> None:
        snapshot.files.update(self.files)
        snapshot.pieces.people.update(self.people)
        snapshot.pieces.events.update(self.events)
        snapshot.pieces.sources.update(self.sources)
        for kind, entries in self.data.items():
            snapshot.pieces.data.setdefault(kind, {}).update(entries)
        snapshot.manifest.update(self.manifest)


def snapshot_file(out_dir: Path, part: str = "pickle") -> Path:
    """Beside the output, never in it: the snapshot (``pickle``), its ``journal`` of later changes,
    and the ``busy`` mark that stands while an update replaces files."""
    out_dir = out_dir.resolve()
    return out_dir.parent / f".{out_dir.name}.snapshot.{part}"


@contextmanager
def paused_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector: reading or writing a snapshot (or records) creates hundreds of
    thousands of objects and no cycles, and collections triggered along the way would double the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def save(out_dir: Path, snapshot: Snapshot) -> None:
    """Write the whole snapshot, and start an empty journal."""
    with SnapshotWriter(out_dir) as writer:
        writer.write_pieces(snapshot.pieces)
        writer.finish(replace(snapshot, pieces=Pieces()))


class SnapshotWriter:
    """Writes a snapshot in two parts, the pieces first, so a full build can let go of them before it
    renders the record pages; the snapshot appears (renamed into place) only when finished."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.path = snapshot_file(out_dir)
        self.temporary = self.path.with_name(self.path.name + ".tmp")

    def __enter__(self) -> SnapshotWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.temporary.unlink(missing_ok=True)  # when not finished

    def write_pieces(self, shared: Pieces) -> None:
        with paused_collection(), self.temporary.open("wb") as handle:
            pickler = pickle.Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL)
            # No memo of every object written (a hundred megabytes for 60,000 records): pieces share no
            # objects that matter and hold no cycles, so nothing is lost but duplicate small strings.
            pickler.fast = True
            pickler.dump(shared)

    def finish(self, rest: Snapshot) -> None:
        """Everything but the pieces (``rest.pieces`` is left empty)."""
        with paused_collection(), self.temporary.open("ab") as handle:
            pickle.dump(rest, handle, protocol=pickle.HIGHEST_PROTOCOL)
        snapshot_file(self.out_dir, "journal").unlink(missing_ok=True)
        os.replace(self.temporary, self.path)


def keep_changes(out_dir: Path, snapshot: Snapshot, delta: Delta) -> None:
    """Keep an incremental build's changes: appended to the journal (a few records' worth), or, once
    the journal has grown to a quarter of the snapshot, the whole snapshot written anew."""
    delta.apply_to(snapshot)
    journal = snapshot_file(out_dir, "journal")
    size = journal.stat().st_size if journal.exists() else 0
    if size * 4 > snapshot_file(out_dir).stat().st_size:
        save(out_dir, snapshot)
        return
    with paused_collection(), journal.open("ab") as handle:
        pickle.dump(delta, handle, protocol=pickle.HIGHEST_PROTOCOL)


def load_snapshot(out_dir: Path) -> Snapshot | None:
    """The snapshot beside out_dir with its journal applied, or None when there is none usable (a full
    build follows): missing, truncated, written by other code, or left busy by an interrupted update."""
    if snapshot_file(out_dir, "busy").exists():
        return None
    try:
        with paused_collection():
            with snapshot_file(out_dir).open("rb") as handle:
                shared = pickle.load(handle)
                snapshot = pickle.load(handle)
            if not isinstance(snapshot, Snapshot) or snapshot.format != FORMAT or not isinstance(shared, Pieces):
                return None
            snapshot.pieces = shared
            journal = snapshot_file(out_dir, "journal")
            if journal.exists():
                with journal.open("rb") as handle:
                    while handle.peek(1):
                        delta = pickle.load(handle)
                        if not isinstance(delta, Delta):
                            return None
                        delta.apply_to(snapshot)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return None
    gc.freeze()  # held to the end of the build (see pipeline._frozen_heap)
    return snapshot


def discard(out_dir: Path) -> None:
    for part in ("pickle", "journal", "busy"):
        snapshot_file(out_dir, part).unlink(missing_ok=True)


def scan(records_dir: Path) -> dict[str, tuple[int, int]] | None:
    """Record file -> (mtime in ns, size); None when the folder holds anything but record files
    (the full build says what is wrong with it)."""
    files = {}
    for kind in ALL_MODELS:
        folder = records_dir / kind
        if not folder.is_dir():
            continue
        for entry in os.scandir(folder):
            if entry.name.startswith("."):
                continue
            if not entry.name.endswith(".json") or not entry.is_file():
                return None
            stat = entry.stat()
            files[f"{kind}/{entry.name}"] = (stat.st_mtime_ns, stat.st_size)
    return files


def inputs_digest(records_dir: Path, site_url: str, epoch: int) -> str:
    """Digest of everything besides the records that the output depends on."""
    digest = hashlib.sha256(f"{FORMAT}\n{sys.version}\n{site_url}\n{epoch}\n{records_dir.resolve()}\n".encode())
    for name in PACKAGES:
        digest.update(f"{name}={importlib.metadata.version(name)}\n".encode())
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=records_dir, capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        head = "no git"
    digest.update(head.encode())
    watched = [paths.MKDOCS_YML, paths.CHANGELOG, records_dir.resolve().parent / "published-urls.txt"]
    for folder in (paths.ROOT / "tracker", paths.TEMPLATES, paths.DOCS):
        watched += sorted(path for path in folder.rglob("*") if path.is_file() and "__pycache__" not in path.parts)
    for path in watched:
        digest.update(str(path).encode())
        digest.update(path.read_bytes() if path.is_file() else b"(none)")
    return digest.hexdigest()


def html_path(docs_path: str) -> str:
    """Where mkdocs puts a generated page: people/index.md -> people/index.html, timeline/2024.md ->
    timeline/2024/index.html, index.md -> index.html."""
    stem = docs_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return f"{stem}.html"
    return f"{stem}/index.html"


def spliced(shell: tuple[str, str], body: str) -> tuple[str, str, str]:
    """A generated page: its body in the theme's page, as the parts to write one after the other."""
    return shell[0], body.strip(), shell[1]


def page_shells(site_dir: Path, docs_paths: list[str]) -> dict[str, tuple[str, str]]:
    """For each generated page (docs path), the theme's HTML around its body, cut at pieces.BODY_MARK."""
    shells = {}
    for docs_path in docs_paths:
        html = (site_dir / html_path(docs_path)).read_text(encoding="utf-8")
        before, mark, after = html.partition(pieces.BODY_MARK)
        if not mark or pieces.BODY_MARK in after:
            raise BuildFailed(f"{html_path(docs_path)}: the theme did not place the page's body exactly once")
        shells[docs_path] = (before, after)
    return shells


class LazyRecords(Mapping[str, Any]):
    """Records of one kind by id, each read and validated from its file on first use."""

    def __init__(self, folder: Path, model: type[BaseModel], ids: set[str], known: dict[str, Any]) -> None:
        self.folder, self.model, self.ids, self.loaded = folder, model, ids, dict(known)

    def __getitem__(self, record_id: str) -> Any:
        if record_id not in self.loaded:
            if record_id not in self.ids:
                raise KeyError(record_id)
            raw, problem = read_record(self.folder.name, self.folder / f"{record_id}.json")
            if raw is None:  # it was valid at the last build and is unchanged since; changed under us
                raise Unsettled(f"{problem} (the file changed while the build ran: build again)")
            self.loaded[record_id] = self.model.model_validate(raw.data)
        return self.loaded[record_id]

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.ids))

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self.ids


class LazyViews(Mapping[str, PersonView]):
    """Person views by id, derived on first use from the person's events."""

    def __init__(self, records: Records, events_of: Callable[[str], list[str]]) -> None:
        self.records, self.events_of, self.views = records, events_of, {}

    def __getitem__(self, person_id: str) -> PersonView:
        if person_id not in self.views:
            person = self.records.people[person_id]
            events = [self.records.events[event_id] for event_id in self.events_of(person_id)]
            self.views[person_id] = derive.person_view(person, events, self.records.sources)
        return self.views[person_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self.records.people)

    def __len__(self) -> int:
        return len(self.records.people)

    def __contains__(self, person_id: object) -> bool:
        return person_id in self.records.people


def lazy_catalogue(records_dir: Path, shared: Pieces, today: dt.date) -> Catalogue:
    """Records looked up by id in their files (read on first use), for assembling the shared pages from
    pieces without holding every record: they name only a few (the home page's counts, say)."""
    records = Records(
        people=LazyRecords(records_dir / "people", Person, set(shared.people), {}),
        events=LazyRecords(records_dir / "events", Event, set(shared.events), {}),
        sources=LazyRecords(records_dir / "sources", Source, set(shared.sources), {}),
    )
    views = LazyViews(records, lambda person_id: shared.people[person_id].events)
    return Catalogue(views, records.people, records.events, records.sources, today)


class Unsettled(BuildFailed):
    """The records changed in a way this build does not handle incrementally (a full build follows).

    Outside an incremental build (looking records up for a full build's shared pages) it is a plain
    build failure: a record file that changed while the build ran, said in one line."""


@dataclass
class LazyDataset:
    """What the page writer reads of a Dataset, over lazily loaded records."""

    records: Records
    people: LazyViews


@dataclass
class Counts:
    people: int
    events: int
    sources: int
    pages: int


def rebuild(
    records_dir: Path,
    out_dir: Path,
    snapshot: Snapshot,
    *,
    epoch: int,
    site_url: str,
    version: str,
    progress: Progress,
) -> Counts | None:
    """Update out_dir for the records edited since the snapshot's build; None when a full build is needed.

    ``snapshot``: the current output's (load_snapshot); it is changed as the output is."""
    files = scan(records_dir)
    if files is None or not (out_dir / "index.html").is_file():
        return None
    if snapshot.inputs != inputs_digest(records_dir, site_url, epoch):
        progress("code, templates, settings or history changed since the last build: building everything")
        return None
    edited = sorted(name for name, stat in files.items() if snapshot.files.get(name) != stat)
    removed = [name for name in snapshot.files if name not in files]
    if removed or len(edited) > MAX_EDITS or any(name.split("/")[0] not in EDITABLE for name in edited):
        return None
    shared = snapshot.pieces
    counts = Counts(len(shared.people), len(shared.events), len(shared.sources), 0)
    if not edited:
        progress("no record changed since the last build")
        return counts
    try:
        return _rebuild(records_dir, out_dir, snapshot, files, edited, epoch, site_url, version, progress)
    except Unsettled as why:
        progress(f"{why}: building everything")
        return None


def _rebuild(
    records_dir: Path,
    out_dir: Path,
    snapshot: Snapshot,
    files: dict[str, tuple[int, int]],
    edited: list[str],
    epoch: int,
    site_url: str,
    version: str,
    progress: Progress,
) -> Counts:
    built_at = dt.datetime.fromtimestamp(epoch, dt.UTC)
    shared = snapshot.pieces
    progress(f"checking {len(edited)} edited record(s)")

    # Load inputs: the edited records, and every other record on demand.
    raws = []
    for name in edited:
        kind, file_name = name.split("/")
        raw, _problem = read_record(kind, records_dir / kind / file_name)
        if raw is None:
            raise Unsettled("an edited record has problems")
        raws.append(raw)
    changed, problems, _invalid = validate_each(raws)
    if problems:
        raise Unsettled("an edited record has problems")
    ids = {kind: set() for kind in EDITABLE}
    for name in files:
        kind, file_name = name.split("/")
        if kind in ids:
            ids[kind].add(file_name.removesuffix(".json"))
    retired = {(r.kind.value, r.id) for r in [*snapshot.redirects.values(), *snapshot.withdrawn.values()]}
    targets = {(r.kind.value, r.to) for r in snapshot.redirects.values()}
    for kind in EDITABLE:
        for record_id in getattr(changed, kind):
            if (kind, record_id) in retired or (kind, record_id) in targets:
                raise Unsettled("an edited record is retired or the target of a redirect")
    records = Records(
        people=LazyRecords(records_dir / "people", Person, ids["people"], changed.people),
        events=LazyRecords(records_dir / "events", Event, ids["events"], changed.events),
        sources=LazyRecords(records_dir / "sources", Source, ids["sources"], changed.sources),
        redirects=snapshot.redirects,
        withdrawn=snapshot.withdrawn,
    )

    # Which records an edit touches: people of edited events (before and after), events of edited
    # people, events citing edited sources, sources of edited events, and everyone citing them.
    events_of = {person_id: list(piece.events) for person_id, piece in shared.people.items()}
    for event_id, event in changed.events.items():
        before = shared.events[event_id].people if event_id in shared.events else []
        now = [item.person for item in event.people]
        for person_id in set(before) - set(now):
            events_of[person_id].remove(event_id)
        for person_id in set(now) - set(before):
            events_of.setdefault(person_id, []).append(event_id)
    for person_id in changed.people:
        events_of.setdefault(person_id, [])
    citing: dict[str, set[str]] = {}
    for event_id, piece in shared.events.items():
        if event_id not in changed.events:
            for source_id in piece.sources:
                citing.setdefault(source_id, set()).add(event_id)
    for event_id, event in changed.events.items():
        for citation in event.sources:
            citing.setdefault(citation.source, set()).add(event_id)
    people_citing: dict[str, set[str]] = {}
    for person_id, piece in shared.people.items():
        for source_id in piece.sources:
            people_citing.setdefault(source_id, set()).add(person_id)

    people = set(changed.people)
    events = set(changed.events)
    sources = set(changed.sources)
    for event_id, event in changed.events.items():
        old = shared.events.get(event_id)
        people.update(item.person for item in event.people)
        sources.update(citation.source for citation in event.sources)
        if old:
            people.update(old.people)
            sources.update(old.sources)
    for person_id in changed.people:
        events.update(events_of[person_id])
    for source_id in changed.sources:
        events.update(citing.get(source_id, ()))
        people.update(people_citing.get(source_id, ()))
    for event_id in events - set(changed.events):
        people.update(shared.events[event_id].people)

    # Links: check the edited records and everyone whose checks they can change, the same way a full
    # build does (records outside this set are known to exist, and were valid).
    check = Records(files={})
    for person_id in people & ids["people"]:
        check.people[person_id] = records.people[person_id]
        for event_id in events_of[person_id]:
            check.events[event_id] = records.events[event_id]
    check.events.update(changed.events)
    check.sources.update(changed.sources)
    for kind in EDITABLE:
        for record_id in getattr(check, kind):
            check.files[(kind, record_id)] = f"{kind}/{record_id}.json"
    present = {(kind, record_id) for kind, kind_ids in ids.items() for record_id in kind_ids}
    if any(True for _ in check_links(check, present, set())):
        raise Unsettled("an edit breaks a link between records")

    # Process data: the pieces of every touched record, then the shared outputs those pieces are in.
    history = PageHistory(records_dir, built_at.date().isoformat())
    views = LazyViews(records, lambda person_id: events_of[person_id])
    catalogue = Catalogue(views, records.people, records.events, records.sources, built_at.date())
    progress(f"rendering the pieces of {len(people)} people, {len(events)} events and {len(sources)} sources")
    delta = Delta(files={}, people={}, events={}, sources={}, data={}, manifest={})
    for person_id in people:
        delta.people[person_id] = pieces.person_piece(views[person_id], history)
    for event_id in events:
        delta.events[event_id] = pieces.event_piece(records.events[event_id], views, history)
    for source_id in sources:
        cited = sorted((records.events[event_id] for event_id in citing.get(source_id, ())), key=derive.sort_key)
        delta.sources[source_id] = pieces.source_piece(records.sources[source_id], cited)
    for kind in EDITABLE:
        for record_id, record in getattr(changed, kind).items():
            delta.data.setdefault(kind, {})[record_id] = package.data_piece(kind, record)
    dirty = _dirty(shared, delta)
    delta.apply_to(snapshot)

    order = pieces.events_in_order(shared)
    years = {piece.year for piece in shared.events.values()}
    if pieces.index_page_paths(years, len(order)) | {"data/index.md"} != set(snapshot.languages["en"].page_shells):
        raise Unsettled("the set of index pages changed")
    first = shared.events[order[0]].key[0] if order else dt.date.max
    covered = pieces.covered_until(shared)
    span = pieces.coverage(first, pieces.as_of(covered, built_at.date()))
    jsonld = cite.dataset_jsonld(package.site_descriptor(version), site_url, span)
    if jsonld != snapshot.jsonld:
        raise Unsettled("the data set's description changed")
    with site.staging(out_dir) as work:
        # The data package is written into the staging folder, and zipped there by a forked process
        # meanwhile; every other changed file is kept in memory until it is applied.
        created = built_at.strftime("%Y-%m-%dT%H:%M:%SZ")
        descriptor = package.write_files(
            shared.data, work / "data", created=created, version=version, coverage=(span, covered)
        )
        zipping = package.Zipping(work / "data", created)
        staged: dict[str, bytes | Path | None] = {}
        dataset = LazyDataset(records, views)
        written = 0
        for lang in i18n.LANGUAGES:
            words = i18n.Language(lang)
            parts = snapshot.languages[lang]
            lang_url = site_url + words.prefix
            for docs_path, body in pieces.iter_index_pages(shared, catalogue, lang, order=order, only=dirty.pages):
                page = "".join(spliced(parts.page_shells[docs_path], body))
                staged[words.prefix + html_path(docs_path)] = page.encode("utf-8")
            if dirty.sitemap:
                sitemap = site.sitemap_files(parts.theme_sitemap, lang_url, pieces.page_dates(shared), epoch)
                staged.update({words.prefix + name: content for name, content in sitemap.items()})
            progress(f"rendering {len(people)} person and {len(events)} event pages ({i18n.NAMES[lang]})")
            writer = pages.PageWriter(
                dataset,
                work / "unused",
                site_url=lang_url,
                version=version,
                history=history,
                previous=None,
                manifest={},
                lang=lang,
                shells=parts.record_shells,
            )
            for kind, record_id in [("people", p) for p in sorted(people)] + [("events", e) for e in sorted(events)]:
                for name, content in writer.render(kind, record_id).items():
                    staged[f"{words.prefix}{kind}/{record_id}/{name}"] = content
                written += 1
            delta.manifest.update(writer.manifest)
        newest = pieces.newest_events(
            shared, lambda event_id: history.record_times("events", event_id)[1], feeds.FEED_SIZE
        )
        staged.update(feeds.site_feeds([records.events[e] for e in newest], site_url, history.event_times))
        zipping.wait()
        staged.update({f"data/{path.name}": path for path in sorted((work / "data").iterdir())})
        english_data_page = package.data_page_context(descriptor, work / "data")
        for lang in i18n.LANGUAGES:
            body = pieces.data_page_body(english_data_page, lang)
            page = "".join(spliced(snapshot.languages[lang].page_shells["data/index.md"], body))
            staged[f"{i18n.Language(lang).prefix}data/index.html"] = page.encode("utf-8")

        # Search: the bundles holding a changed document, indexed again; None drops an old file.
        staged.update(search.updated_files(out_dir, work, pieces.search_documents(shared)))
        sums = checksums.updated(out_dir, staged)
        if sums is None:
            raise Unsettled("the site has no SHA256SUMS")
        staged[checksums.NAME] = sums

        # Save outputs: only files whose content changed, each renamed over the old one.
        progress("updating the site")
        delta.files = {name: stat for name, stat in files.items() if snapshot.files.get(name) != stat}
        _apply(out_dir, staged, work, lambda: keep_changes(out_dir, snapshot, delta))
    return Counts(len(shared.people), len(shared.events), len(shared.sources), written)


@dataclass
class Dirty:
    """Which shared outputs an incremental build must assemble again."""

    pages: set[str]
    """Docs paths of the index pages whose content can have changed."""
    sitemap: bool


def _dirty(shared: Pieces, delta: Delta) -> Dirty:
    """Compare the new pieces with the old: only outputs holding a changed piece are assembled again."""
    pages = {"index.md"}  # the home page: counts, chart and latest events; small, so always
    people = [(shared.people.get(key), new) for key, new in delta.people.items()]
    events = [(shared.events.get(key), new) for key, new in delta.events.items()]
    sources = [(shared.sources.get(key), new) for key, new in delta.sources.items()]
    if any(old is None or old.rows != new.rows for old, new in people):
        pages.add("people/index.md")
    if any(old is None or (old.rows, old.key, old.kind) != (new.rows, new.key, new.kind) for old, new in sources):
        pages.add("sources/index.md")
    years = set()
    for old, new in events:
        if old is None or (old.rows, old.key, old.type) != (new.rows, new.key, new.type):
            years |= {new.year} | ({old.year} if old else set())
    types_before = {piece.type for piece in shared.events.values()}
    types_after = {piece.type for key, piece in shared.events.items() if key not in delta.events}
    types_after |= {new.type for _, new in events}
    if types_before != types_after or len(shared.people) <= render.PERSON_FILTER_LIMIT:
        # Every timeline page lists the event types (and, on a small record, everyone's name).
        years = {piece.year for piece in shared.events.values()} | {new.year for _, new in events}
    if years:
        pages |= {"timeline/index.md"} | {f"timeline/{year}.md" for year in years}
    return Dirty(
        pages=pages,
        sitemap=any(old is None or old.updated != new.updated for old, new in [*people, *events]),
    )


def _apply(out_dir: Path, staged: dict[str, bytes | Path | None], work: Path, keep: Callable[[], None]) -> None:
    """Rename each changed file over the old one (contents in memory are first written into the staging
    folder ``work``, beside the output), and delete those staged as None; ``keep`` saves the snapshot's
    new state after the last rename (until then a mark says an update is under way)."""
    ready: dict[str, Path] = {}
    gone = [relative for relative, content in staged.items() if content is None]
    for number, (relative, content) in enumerate(staged.items()):
        target = out_dir / relative
        if content is None:
            continue
        new = content.read_bytes() if isinstance(content, Path) else content
        try:
            if target.read_bytes() == new:
                continue
        except OSError:
            pass
        if isinstance(content, Path):
            ready[relative] = content
        else:
            ready[relative] = work / f"staged-{number}"
            ready[relative].write_bytes(content)
    busy = snapshot_file(out_dir, "busy")
    busy.touch()  # from here until the snapshot is kept, the next build is a full one
    for relative, path in ready.items():
        target = out_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
    for relative in gone:
        (out_dir / relative).unlink(missing_ok=True)
    keep()
    busy.unlink()
