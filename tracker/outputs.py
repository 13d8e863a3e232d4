"""Stage: shared outputs. The pages and files every record feeds, each assembled from the pieces.

Each shared output is one object: it names the kinds of pieces (and other inputs) it needs, and
writes its files from them. A build assembles an output again when one of its needs changed since
the last build (or on a clean build, or when the theme's pages around it changed), so a build after
an edit does the same work a clean build would, for those outputs only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker import csp, feeds, i18n, package, pieces, record_json, releases, search, site
from tracker.background import Background
from tracker.cache import Theme
from tracker.history import PageHistory
from tracker.pieces import Catalogue, Pieces
from tracker.problems import BuildFailed
from tracker.tuning import FEED_SIZE, PARALLEL_PACKAGE_FROM, PERSON_FILTER_LIMIT


@dataclass
class Changes:
    """What changed since the last build, as the shared outputs ask it."""

    everything: bool
    """A clean build, or the theme's pages changed: every shared output is assembled."""
    people: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    """Id -> (old piece or None, new piece or None) of every person whose piece changed."""
    events: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    sources: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    data: bool = False
    """Some record's data package rows changed."""
    history: bool = False
    """Some record's change history changed (a commit)."""
    day: bool = False
    """The build's day changed."""
    coverage: bool = False
    """How far the record reaches changed."""
    ids: bool = False
    """A record was added, removed or retired."""

    def of(self, need: str) -> bool:
        value = getattr(self, need)
        return bool(value)


@dataclass
class Assembly:
    """What the shared outputs are assembled from."""

    pieces: Pieces
    catalogue: Catalogue
    """Records looked up by id (read from their files on first use)."""
    theme: Theme
    changes: Changes
    site_dir: Path
    """Where the files go (the build's staging folder)."""
    site_url: str
    version: str
    epoch: int
    created: str
    """The build's time, ISO 8601 (the data package's ``created``)."""
    span: str
    covered: str | None
    history: PageHistory
    retired: Any
    """The redirects and withdrawals (a Records)."""
    releases: Path
    """The folder of kept data releases (tracker/releases.py)."""
    progress: Callable[[str], None]
    updating: Path | None = None
    """The output this build updates in place (None for a clean build, which writes a whole new one)."""
    deleted: set[str] = field(default_factory=set)
    """Site-relative paths of files in the output that the shared outputs no longer write."""
    background: list[Background] = field(default_factory=list)
    """Outputs being written by forked processes meanwhile: assemble waits for them."""


class SharedOutput:
    name = ""
    needs: tuple[str, ...] = ()
    """Changes (tracker.outputs.Changes fields) that make the output stale."""

    def stale(self, changes: Changes) -> bool:
        return changes.everything or any(changes.of(need) for need in self.needs)

    def write(self, assembly: Assembly) -> None:
        raise NotImplementedError


def html_path(docs_path: str) -> str:
    """Where mkdocs puts a generated page: people/index.md -> people/index.html, timeline/2024.md ->
    timeline/2024/index.html, index.md -> index.html."""
    stem = docs_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return f"{stem}.html"
    return f"{stem}/index.html"


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


def _write_page(assembly: Assembly, lang: str, docs_path: str, body: str) -> None:
    before, after = assembly.theme.languages[lang].page_shells[docs_path]
    target = assembly.site_dir / i18n.Language(lang).prefix / html_path(docs_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8") as handle:
        handle.writelines((before, body.strip(), after))


class IndexPages(SharedOutput):
    """The people index, the timeline (one page per year on a long one), the sources page, the home page."""

    name = "index pages"
    needs = ("people", "events", "sources", "day", "coverage")

    def write(self, assembly: Assembly) -> None:
        only = None if assembly.changes.everything else self.stale_pages(assembly.pieces, assembly.changes)
        order = pieces.events_in_order(assembly.pieces)
        for lang in i18n.LANGUAGES:
            for path, body in pieces.iter_index_pages(
                assembly.pieces, assembly.catalogue, lang, order=order, only=only
            ):
                _write_page(assembly, lang, path, body)

    @staticmethod
    def stale_pages(shared: Pieces, changes: Changes) -> set[str]:
        """Docs paths of the index pages a changed piece is on (the home page: always, it is small)."""
        pages = {"index.md"}
        if any(old is None or new is None or old.rows != new.rows for old, new in changes.people.values()):
            pages.add("people/index.md")
        if any(
            old is None or new is None or (old.rows, old.key, old.kind) != (new.rows, new.key, new.kind)
            for old, new in changes.sources.values()
        ):
            pages.add("sources/index.md")
        years: set[str] = set()
        for old, new in changes.events.values():
            if old is None or new is None or (old.rows, old.key, old.type) != (new.rows, new.key, new.type):
                years |= {piece.year for piece in (old, new) if piece is not None}
        unchanged = {piece.type for key, piece in shared.events.items() if key not in changes.events}
        types_before = unchanged | {old.type for old, _ in changes.events.values() if old is not None}
        types_now = unchanged | {new.type for _, new in changes.events.values() if new is not None}
        if types_before != types_now or len(shared.people) <= PERSON_FILTER_LIMIT:
            # Every timeline page lists the event types (and, on a small record, everyone's name).
            years |= {piece.year for piece in shared.events.values()}
        if years:
            pages |= {"timeline/index.md"} | {f"timeline/{year}.md" for year in years}
        return pages


class DataPackage(SharedOutput):
    """The data package (its tables, records.json, spreadsheet, database, descriptor and zip), every kept
    release of it with versions.json, and the data page about them."""

    name = "data package"
    needs = ("data", "coverage", "day")

    def write(self, assembly: Assembly) -> None:
        records = sum(len(kind) for kind in assembly.pieces.data.values())
        # It writes files only (nothing the parent reads back), so on a large record a forked process
        # writes it while the parent assembles the search index, sitemap and feeds.
        large = records >= PARALLEL_PACKAGE_FROM
        assembly.background.append(Background(self.name, lambda: self._write(assembly, large), fork=large))

    @staticmethod
    def _write(assembly: Assembly, parallel: bool) -> None:
        folder = assembly.site_dir / "data"
        descriptor = package.write_files(
            assembly.pieces.data,
            folder,
            created=assembly.created,
            version=assembly.version,
            coverage=(assembly.span, assembly.covered),
            parallel=parallel,
            previous=None if assembly.updating is None else assembly.updating / "data",
        )
        context = package.data_page_context(descriptor, folder)
        # After the zip, so not in it: every kept release, and versions.json.
        context |= releases.publish(assembly.releases, folder, assembly.site_url, assembly.version, assembly.progress)
        for lang in i18n.LANGUAGES:
            _write_page(assembly, lang, "data/index.md", pieces.data_page_body(context, lang))


class SearchIndex(SharedOutput):
    """The search (Pagefind): a primary index of the hand-written pages, and every record's search
    document in bundles, each indexed again only when one of its documents changed (tracker/search.py)."""

    name = "search index"
    needs = ("people", "events", "sources")

    def stale(self, changes: Changes) -> bool:
        changed = [*changes.people.values(), *changes.events.values(), *changes.sources.values()]
        return changes.everything or any(old is None or new is None or old.search != new.search for old, new in changed)

    def write(self, assembly: Assembly) -> None:
        documents = pieces.search_documents(assembly.pieces)
        if assembly.changes.everything:
            theme_pages = {lang: parts.theme_index for lang, parts in assembly.theme.languages.items()}
            search.write_index(assembly.site_dir, documents, search.primary_pages(theme_pages), assembly.updating)
            if assembly.updating is not None:  # bundles gone since: their files go too
                old = assembly.updating / search.DIR
                assembly.deleted |= {
                    path.relative_to(assembly.updating).as_posix() for path in old.rglob("*") if path.is_file()
                }
            return
        assert assembly.updating is not None  # a clean build changes everything
        for relative, content in search.updated_files(assembly.updating, assembly.site_dir, documents).items():
            if content is None:
                assembly.deleted.add(relative)


class Sitemap(SharedOutput):
    """sitemap.xml (and .gz) of each language: the theme's pages and every record page with its last change."""

    name = "sitemap"
    needs = ("people", "events", "day")

    def stale(self, changes: Changes) -> bool:
        moved = any(
            old is None or new is None or old.updated != new.updated
            for old, new in [*changes.people.values(), *changes.events.values()]
        )
        return changes.everything or changes.day or moved

    def write(self, assembly: Assembly) -> None:
        dates = pieces.page_dates(assembly.pieces)
        for lang in i18n.LANGUAGES:
            prefix = i18n.Language(lang).prefix
            entries = assembly.theme.languages[lang].theme_sitemap
            for name, content in site.sitemap_files(entries, assembly.site_url + prefix, dates, assembly.epoch).items():
                (assembly.site_dir / prefix).mkdir(parents=True, exist_ok=True)
                (assembly.site_dir / prefix / name).write_bytes(content)


class SiteFeeds(SharedOutput):
    """The site's feed of new and changed events, in each language."""

    name = "feeds"
    needs = ("events", "history", "day")

    def write(self, assembly: Assembly) -> None:
        history = assembly.history
        newest = pieces.newest_events(
            assembly.pieces, lambda event_id: history.record_times("events", event_id)[1], FEED_SIZE
        )
        events = [assembly.catalogue.events[event_id] for event_id in newest]
        for path, content in feeds.site_feeds(events, assembly.site_url, history.event_times).items():
            (assembly.site_dir / path).parent.mkdir(parents=True, exist_ok=True)
            (assembly.site_dir / path).write_bytes(content)


class RecordIndex(SharedOutput):
    """data/records-index.json: every record's JSON document (tracker/record_json.py), by kind and id."""

    name = "records index"
    needs = ("ids",)

    def write(self, assembly: Assembly) -> None:
        catalogue = assembly.catalogue
        ids = {"people": catalogue.persons, "events": catalogue.events, "sources": catalogue.sources}
        content = record_json.index(ids, assembly.retired.redirects, assembly.retired.withdrawn, assembly.site_url)
        (assembly.site_dir / record_json.INDEX_PATH).parent.mkdir(parents=True, exist_ok=True)
        (assembly.site_dir / record_json.INDEX_PATH).write_bytes(content)


class SecurityHeaders(SharedOutput):
    """_headers: the security policy for hosts that read it, allowing exactly the theme's inline scripts."""

    name = "security headers"
    needs = ()

    def write(self, assembly: Assembly) -> None:
        csp.write_headers_file(assembly.site_dir, assembly.theme.scripts)


SHARED: tuple[SharedOutput, ...] = (
    IndexPages(),
    DataPackage(),  # early: on a large record a forked process writes it while the outputs after it are assembled
    RecordIndex(),
    SearchIndex(),
    Sitemap(),
    SiteFeeds(),
    SecurityHeaders(),
)
"""Every shared output, in the order they are assembled."""


def assemble(assembly: Assembly, progress: Callable[[str], None]) -> list[str]:
    """Write every stale shared output; returns their names."""
    done = []
    try:
        for output in SHARED:
            if output.stale(assembly.changes):
                output.write(assembly)
                done.append(output.name)
    finally:  # even when an output failed: no process may still write into the staging folder
        for task in assembly.background:
            task.wait()
        assembly.background.clear()
    if done:
        progress(f"assembled the {', '.join(done)}")
    return done
