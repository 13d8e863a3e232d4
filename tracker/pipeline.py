"""The build: one path for every build. The command line and the tests call these.

A build scans the records, validates what changed since the cache, runs the theme when its inputs
changed, computes each record's unit (pages, piece, data rows) that has no cache entry or read
something that changed, assembles the shared outputs whose pieces changed, verifies, and replaces
the output. A clean build is the same with an empty cache (`--no-reuse`, or code, templates or
settings changed): its output is a whole new folder swapped in; otherwise the changed files are
renamed over the old ones. Either way the output is byte-identical to a clean build's.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import os
import subprocess
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker import (
    cache,
    checksums,
    cite,
    csp,
    dates,
    i18n,
    inputs,
    outputs,
    package,
    pages,
    paths,
    pieces,
    releases,
    render,
    search,
    site,
    units,
    verify,
)
from tracker.derive import UNDATED
from tracker.history import PageHistory, last_commit_epoch
from tracker.load import load
from tracker.paths import configured_site_url
from tracker.problems import InvalidRecords
from tracker.recording import DAY, RecordedHistory, Views, citing_key, events_of_key, history_key, record_key, shell_key
from tracker.validate import Links, Records, validate

Progress = Callable[[str], None]
"""Where a build says what it is doing, one line at a time."""


def check_records(records_dir: Path, today: dt.date | None = None) -> Records:
    """Load and validate; raise InvalidRecords with every problem, or return the records."""
    raw_records, problems = load(records_dir)
    records, more_problems = validate(raw_records, today=today)
    problems = sorted(set(problems + more_problems))
    if problems:
        raise InvalidRecords(problems)
    return records


def build_epoch(records_dir: Path) -> int:
    """The time every generated timestamp derives from: SOURCE_DATE_EPOCH, else the last commit, else now."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    epoch = last_commit_epoch(records_dir)
    return epoch if epoch is not None else int(dt.datetime.now(dt.UTC).timestamp())


def published_urls_file(records_dir: Path) -> Path:
    """published-urls.txt lives beside the records folder it guards."""
    return records_dir.resolve().parent / "published-urls.txt"


@dataclass
class BuildResult:
    """What a build did, for its closing line."""

    people: int
    events: int
    sources: int
    pages: int
    """Pages written (a clean build: every page; otherwise the pages that changed)."""
    out_dir: Path
    in_place: bool = False
    """True when the output was updated in place rather than replaced whole."""


def build(
    records_dir: Path = paths.RECORDS,
    out_dir: Path = paths.SITE,
    *,
    progress: Progress = lambda message: None,
    site_url: str | None = None,
    reuse: bool = True,
) -> BuildResult:
    """Everything, into out_dir, atomically: on any failure out_dir is left exactly as it was.
    ``reuse=False`` empties the cache first (a clean build)."""
    site_url = site_url or configured_site_url()
    epoch = build_epoch(records_dir)
    with _source_date_epoch(epoch), _frozen_heap():  # mkdocs' own dates, and ours, come from the last commit
        fingerprint = cache.fingerprint(records_dir, site_url)
        kept = cache.load(out_dir, fingerprint) if reuse else None
        if kept is not None and not (out_dir / checksums.NAME).is_file():
            progress("the site has no SHA256SUMS (made by an older build): building everything")
            kept = None
        elif reuse and kept is None and paths.beside(out_dir, "cache").exists():
            progress("code, templates, settings or an interrupted build since the last build: building everything")
        return _build(records_dir, out_dir, epoch, site_url, kept or cache.Cache(fingerprint), progress)


@contextmanager
def _frozen_heap() -> Iterator[None]:
    """Let a build move what it holds for good (records, pieces, a cache) out of the garbage collector's
    sight (gc.freeze), and give it back at the end. A collection walks every live object; with a
    60,000-record build holding millions, collections were a quarter of the build time. Forked workers
    also copy fewer memory pages when the collector leaves the inherited objects alone."""
    try:
        yield
    finally:
        gc.unfreeze()


@contextmanager
def _source_date_epoch(epoch: int) -> Iterator[None]:
    """Set SOURCE_DATE_EPOCH for one build only (a later build, e.g. by `serve`, reads the commit anew)."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def _git_head(records_dir: Path) -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=records_dir, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "no git"


def _indexes(links: dict[tuple[str, str], Links]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """From the records' facts: each person's events, and each source's citing events (ids, sorted)."""
    events_of: dict[str, list[str]] = defaultdict(list)
    citing: dict[str, list[str]] = defaultdict(list)
    for (kind, record_id), facts in sorted(links.items()):
        if kind != "events":
            continue
        for person in dict.fromkeys(facts.people):
            events_of[person].append(record_id)
        for source in dict.fromkeys(source for path, source in facts.citations if path.startswith("sources[")):
            citing[source].append(record_id)
    return events_of, citing


def _changed_index_keys(old: dict[str, list[str]], new: dict[str, list[str]], key: Callable[[str], str]) -> set[str]:
    return {key(item) for item in old.keys() | new.keys() if old.get(item) != new.get(item)}


def _digest(value: Any) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()


def _build(
    records_dir: Path, out_dir: Path, epoch: int, site_url: str, state: cache.Cache, progress: Progress
) -> BuildResult:
    clean = state.empty
    built_at = dt.datetime.fromtimestamp(epoch, dt.UTC)
    today, day = built_at.date(), built_at.date().isoformat()
    version = package.current_version()

    # Inputs: the records (validating what changed), their histories, the day.
    found = inputs.read_inputs(records_dir, state, progress)  # future dates: against the real today
    gc.freeze()  # the records stay for the whole build (as the cache, frozen as it was loaded): no collection walks them
    counts = [len(getattr(found.records, kind)) for kind in ("people", "events", "sources")]
    head = _git_head(records_dir)
    if not clean and not found.changed and not found.removed and head == state.head and state.digests.get(DAY) == day:
        progress("no record changed since the last build")
        return BuildResult(*counts, 0, out_dir, True)
    cleanup = site.clear_previous_output(out_dir) if clean else None
    history = PageHistory(records_dir, day)
    events_of, citing = _indexes(found.links)
    changed, digests = _changed_keys(state, found, history, events_of, citing, day)

    # How far the record reaches (the theme's pages carry it in their Dataset description).
    first, covered = pieces.first_and_covered(found.links)
    span = pieces.coverage(first, pieces.as_of(covered, today))
    jsonld = cite.dataset_jsonld(package.site_descriptor(version), site_url, span)

    with site.staging(out_dir) as work:
        site_dir = work / "site"
        site_dir.mkdir()
        index_paths = sorted(pieces.index_page_paths(_years(found.links), len(found.records.events)))
        theme, rerun = _theme(work, site_dir, found.records, index_paths, jsonld, day, site_url, state.theme, progress)
        if rerun:
            for lang, parts in theme.languages.items():
                for kind, shell in parts.record_shells.items():
                    digests[shell_key(lang, kind)] = shell.digest
                    if state.digests.get(shell_key(lang, kind)) != shell.digest:
                        changed.add(shell_key(lang, kind))

        # Units: every record's pages, piece and rows, computed again where something they read changed.
        todo = [
            (kind, record_id)
            for kind in units.UNIT_KINDS
            for record_id in getattr(found.records, kind)
            if _stale(state.units.get((kind, record_id)), (kind, record_id), found, changed)
        ]
        record_pages = sum(1 for kind, _ in todo if kind in pages.KINDS)
        progress(
            f"rendering {record_pages} person and event pages in {len(i18n.LANGUAGES)} languages, "
            f"and the pieces of {len(todo) - record_pages} other records"
        )
        lookups = units.lookups(found.records, lambda person_id: events_of.get(person_id, []))
        context = units.Context(
            lookups=lookups,
            history=RecordedHistory(history),
            citing=lambda source_id: citing.get(source_id, []),
            shells={lang: parts.record_shells for lang, parts in theme.languages.items()},
            site_url=site_url,
            version=version,
            site_dir=site_dir,
        )
        if clean:  # derived once here, the views are shared by the forked workers instead of made in each
            for person_id in found.records.people:
                lookups.views.view(person_id)
            gc.freeze()  # nor the views (nor the workers' collections, which would also copy their pages)
        results = units.compute_all(context, todo, forked=_letting_go(found.records, lookups.views.views))
        del context, lookups
        written_digests = {
            path: digest for result in results for path, digest in zip(result.files, result.digests, strict=True)
        }
        pieces.release_rows()
        gc.freeze()
        old_units = set(state.units)
        changes, old_files, delta = _keep_results(state, results, found, everything=clean or rerun)
        del results  # what the cache keeps of them is in state (their reads again, interned)
        changes.history = any(key.startswith("history:") for key in changed)
        changes.day = DAY in changed
        changes.coverage = state.outputs.get("coverage") != f"{span} {covered}"
        changes.ids = bool(found.removed) or any(key not in old_units for key in found.changed)

        # Shared outputs, from the pieces.
        assembly = outputs.Assembly(
            pieces=state.pieces,
            catalogue=_catalogue(found.records, events_of, today),
            theme=theme,
            changes=changes,
            site_dir=site_dir,
            site_url=site_url,
            version=version,
            epoch=epoch,
            created=built_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            span=span,
            covered=covered,
            history=history,
            retired=found.records,
            releases=releases.folder_for(records_dir),
            progress=progress,
            updating=None if clean else out_dir,
        )
        outputs.assemble(assembly, progress)
        written = paths.files_under(site_dir)

        # Verify, then replace the output.
        published = published_urls_file(records_dir)
        update = {
            "files": found.files,
            "links": found.links,
            "digests": digests,
            "head": head,
            "theme": theme,
            "outputs": {"coverage": f"{span} {covered}"},
        }
        if clean:
            checksums.write(site_dir, written, written_digests)  # last: it covers every other file
            del written_digests  # not held while the cache is saved (the build's peak)
            verify.verify_urls(site_dir, published)
            cache.discard(out_dir)
            site.swap_in(site_dir, out_dir, cleanup)
            progress("keeping a cache for quicker rebuilds")
            for name, value in update.items():
                setattr(state, name, value)
            cache.save(out_dir, state)
        else:
            if rerun and state.theme is not None:
                old_files |= set(state.theme.files)
            deleted = (old_files | assembly.deleted) - set(written) - set(theme.files)
            staged = {relative: site_dir / relative for relative in written}
            verify.verify_urls(
                site_dir,
                published,
                lambda relative: relative in staged or (relative not in deleted and (out_dir / relative).is_file()),
            )
            sums = checksums.updated(out_dir, staged, deleted, written_digests)
            del written_digests
            if sums is not None:
                (work / checksums.NAME).write_bytes(sums)
                staged[checksums.NAME] = work / checksums.NAME
            _record_update(delta, state, update, with_theme=rerun)
            progress("updating the site in place")
            site.apply_in_place(out_dir, staged, deleted, lambda: cache.keep(out_dir, state, delta))
    return BuildResult(*counts, sum(1 for path in written if path.endswith("index.html")), out_dir, not clean)


def _changed_keys(
    state: cache.Cache,
    found: inputs.Inputs,
    history: PageHistory,
    events_of: dict[str, list[str]],
    citing: dict[str, list[str]],
    day: str,
) -> tuple[set[str], dict[str, str]]:
    """Every dependency key whose value differs from the cache's, and the new digests of the keys that
    are not record files (histories, the day; the theme's pages are added once it has run)."""
    changed = {record_key(*key) for key in found.changed | found.removed}
    old_events_of, old_citing = _indexes(state.links)
    changed |= _changed_index_keys(old_events_of, events_of, events_of_key)
    changed |= _changed_index_keys(old_citing, citing, citing_key)
    histories = {history_key(*key): _digest(changes) for key, changes in history.by_record.items()}
    old_histories = {key: value for key, value in state.digests.items() if key.startswith("history:")}
    changed |= {key for key in histories.keys() | old_histories.keys() if histories.get(key) != old_histories.get(key)}
    if state.digests.get(DAY) != day:
        changed.add(DAY)
    digests = {key: value for key, value in state.digests.items() if not key.startswith("history:")}
    return changed, digests | histories | {DAY: day}


def _years(links: dict[tuple[str, str], Links]) -> set[str]:
    """The timeline's years (and "undated"), from the events' facts."""
    return {
        str(dates.parse(facts.date).earliest.year) if facts.date else UNDATED
        for (kind, _), facts in links.items()
        if kind == "events"
    }


def _stale(unit: cache.Unit | None, key: tuple[str, str], found: inputs.Inputs, changed: set[str]) -> bool:
    """Whether a unit must be computed: it is new, its record changed, or something it read changed."""
    return unit is None or key in found.changed or not changed.isdisjoint(unit.reads)


def _letting_go(records: Any, views: dict[str, Any]) -> Callable[[], None]:
    """What the parent does once the workers are forked: they hold their own copies of the records and
    views, so it lets its go (half a gigabyte at 10,000 people) and reads a record from its file should
    it need one again; the results coming in then reuse that memory."""

    def let_go() -> None:
        for kind in inputs.LIVE:
            getattr(records, kind).loaded = {}
        views.clear()

    return let_go


def _keep_results(
    state: cache.Cache, results: list[units.Result], found: inputs.Inputs, *, everything: bool
) -> tuple[outputs.Changes, set[str], cache.Delta]:
    """Put the computed units (and the removed records' absence) into the cache; returns what changed of
    the pieces, the files the replaced units had written, and the cache's changes for its journal."""
    changes = outputs.Changes(everything=everything)
    old_files: set[str] = set()
    shared, delta = state.pieces, cache.Delta(set=defaultdict(dict), removed=defaultdict(list), replaced={})
    for result in results:
        key = (result.kind, result.record_id)
        if key in state.units:
            old_files.update(state.units[key].files)
        reads = tuple(sys.intern(read) for read in result.reads)  # one copy of each key, not one per unit
        state.units[key] = delta.set["units"][key] = cache.Unit(reads, result.files)
        if result.kind in inputs.LIVE:
            table = getattr(shared, result.kind)
            old = table.get(result.record_id)
            if old != result.piece or key in found.changed:
                getattr(changes, result.kind)[result.record_id] = (old, result.piece)
            table[result.record_id] = delta.set[f"pieces.{result.kind}"][result.record_id] = result.piece
        rows = shared.data.setdefault(result.kind, {})
        if rows.get(result.record_id) != result.data:
            changes.data = True
        rows[result.record_id] = delta.set[f"pieces.data.{result.kind}"][result.record_id] = result.data
    for key in found.removed:
        kind, record_id = key
        if key in state.units:
            old_files.update(state.units.pop(key).files)
            delta.removed["units"].append(key)
        if kind in inputs.LIVE and record_id in getattr(shared, kind):
            getattr(changes, kind)[record_id] = (getattr(shared, kind).pop(record_id), None)
            delta.removed[f"pieces.{kind}"].append(record_id)
        if shared.data.get(kind, {}).pop(record_id, None) is not None:
            changes.data = True
            delta.removed[f"pieces.data.{kind}"].append(record_id)
    return changes, old_files, delta


def _record_update(delta: cache.Delta, state: cache.Cache, update: dict[str, Any], *, with_theme: bool) -> None:
    """Apply ``update`` to the cache, and note in ``delta`` what it changed (the theme only when it ran)."""
    delta.set["files"] = {name: value for name, value in update["files"].items() if state.files.get(name) != value}
    delta.removed["files"] = [name for name in state.files if name not in update["files"]]
    delta.set["links"] = {key: value for key, value in update["links"].items() if state.links.get(key) != value}
    delta.removed["links"] = [key for key in state.links if key not in update["links"]]
    skipped = ("files", "links") if with_theme else ("files", "links", "theme")
    delta.replaced = {name: value for name, value in update.items() if name not in skipped}
    for name, value in update.items():
        setattr(state, name, value)


def _catalogue(records: Records, events_of: dict[str, list[str]], today: dt.date) -> pieces.Catalogue:
    """Records looked up by id for the shared pages (which name only a few). The records the units
    read are let go first: on a large record, holding them all would be most of the build's memory."""
    for kind in inputs.LIVE:
        getattr(records, kind).loaded = {}
    views = Views(records.people, records.events, records.sources, lambda person_id: events_of.get(person_id, []))
    return pieces.Catalogue(views, records.people, records.events, records.sources, today)


def _theme(
    work: Path,
    site_dir: Path,
    records: Records,
    index_paths: list[str],
    jsonld: str,
    day: str,
    site_url: str,
    kept: cache.Theme | None,
    progress: Progress,
) -> tuple[cache.Theme, bool]:
    """The theme's output for every language: kept from the cache when its inputs (the docs folder and
    settings mkdocs would build) are the same, else built with mkdocs-material into site_dir. Returns
    it and whether it was built."""
    sources: list[tuple[str, Path, Path, str]] = []
    key = hashlib.sha256()
    for lang in i18n.LANGUAGES:
        words = i18n.Language(lang)
        docs_dir = work / f"docs-{lang}"
        render.copy_static(paths.DOCS, docs_dir, lang)
        # Generated pages get their bodies after the theme has built them (see pieces.BODY_MARK).
        for path in index_paths:
            render.write_page(docs_dir / path, pieces.index_page_meta(path, lang, {"jsonld": jsonld}), pieces.BODY_MARK)
        render.write_page(docs_dir / "data" / "index.md", pieces.data_page_meta(lang, jsonld, day), pieces.BODY_MARK)
        render.render_retired(records, docs_dir, lang)
        pages.write_shell_sources(docs_dir)
        config = site.language_config(lang, work)
        for path in [config, *sorted(docs_dir.rglob("*"))]:
            if path.is_file():
                key.update(f"{path.relative_to(work)}\n".encode())
                key.update(path.read_bytes())
        sources.append((lang, docs_dir, config, site_url + words.prefix))
    if kept is not None and kept.key == key.hexdigest():
        return kept, False
    retired = {f"{r.kind.value}/{r.id}/" for r in [*records.redirects.values(), *records.withdrawn.values()]}
    languages, scripts = {}, set()
    for lang, docs_dir, config, lang_url in sources:  # English first: its build cleans the folder the others go into
        lang_site = site_dir / i18n.Language(lang).prefix
        progress(f"building the {i18n.NAMES[lang]} theme pages with mkdocs-material")
        site.mkdocs_build(docs_dir, lang_site, site_url=lang_url, config_file=config)
        if lang != "en":
            (lang_site / "404.html").unlink()  # hosts serve one not-found page, the site root's
        # Before the record pages: they inherit the policy of their shell, and slots never hold a script.
        scripts |= csp.apply_to_folder(lang_site)
        languages[lang] = cache.LanguageTheme(
            page_shells=outputs.page_shells(lang_site, [*index_paths, "data/index.md"]),
            record_shells={kind: pages.take_shell(lang_site, kind) for kind in pages.KINDS},
            theme_index=search.theme_pages(lang_site, i18n.Language(lang).prefix),
            theme_sitemap=site.theme_sitemap(lang_site, lang_url, leave_out=retired),
        )
    files = tuple(paths.files_under(site_dir))
    return cache.Theme(key.hexdigest(), languages, scripts, files), True
