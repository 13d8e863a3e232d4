"""Composition of the stages; the command line and the tests call these. No stage logic lives here."""

from __future__ import annotations

import datetime as dt
import functools
import gc
import itertools
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tracker import (
    checksums,
    cite,
    csp,
    derive,
    feeds,
    i18n,
    incremental,
    package,
    pages,
    paths,
    pieces,
    render,
    search,
    site,
    verify,
)
from tracker.history import PageHistory, last_commit_epoch
from tracker.load import load
from tracker.paths import configured_site_url
from tracker.problems import InvalidRecords
from tracker.validate import Records, validate

Progress = Callable[[str], None]


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
    """What a build produced, for the closing summary line."""

    people: int
    events: int
    sources: int
    pages: int
    out_dir: Path
    incremental: bool = False
    """True when the output was updated in place (``pages``: the record pages rendered again)."""


def build(
    records_dir: Path = paths.RECORDS,
    out_dir: Path = paths.SITE,
    *,
    progress: Progress = lambda message: None,
    site_url: str | None = None,
    reuse: bool = True,
) -> BuildResult:
    """Everything, into out_dir, atomically: on any failure out_dir is left exactly as it was.

    With ``reuse``, a build after a few edited records updates out_dir in place (tracker/incremental.py),
    and a full build hard-links record pages whose inputs are unchanged from the current output instead
    of rendering them again; either way the result is byte-identical to a clean build.
    """
    site_url = site_url or configured_site_url()
    epoch = build_epoch(records_dir)
    with _source_date_epoch(epoch), _frozen_heap():  # mkdocs' own dates, and ours, come from the last commit
        snapshot = incremental.load_snapshot(out_dir) if reuse else None
        if snapshot is not None:
            counts = incremental.rebuild(
                records_dir,
                out_dir,
                snapshot,
                epoch=epoch,
                site_url=site_url,
                version=package.current_version(),
                progress=progress,
            )
            if counts is not None:
                return BuildResult(counts.people, counts.events, counts.sources, counts.pages, out_dir, True)
        # Load inputs.
        files = incremental.scan(records_dir) or {}  # before reading: an edit made meanwhile shows next time
        manifest = snapshot.manifest if snapshot is not None else {}
        del snapshot
        return _build(records_dir, out_dir, epoch, files, manifest, progress=progress, site_url=site_url)


@contextmanager
def _frozen_heap() -> Iterator[None]:
    """Let a build move what it holds for good (records, pieces, a snapshot) out of the garbage collector's
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


def _build(
    records_dir: Path,
    out_dir: Path,
    epoch: int,
    files: dict[str, tuple[int, int]],
    manifest: dict[str, str],
    *,
    progress: Progress,
    site_url: str,
) -> BuildResult:
    """The full build. ``manifest``: the digest of each record page's inputs in the current output (from
    its snapshot), so unchanged pages are hard-linked from it instead of rendered again.

    Order matters for memory: forked workers render the record pages holding only the records (and
    compute each record's pieces meanwhile); the records are then let go, and the shared outputs are
    assembled from the pieces, looking up the few records they name in their files."""
    progress("checking records")
    with incremental.paused_collection():  # millions of objects, no cycles: collections only cost
        records = check_records(records_dir)
    built_at = dt.datetime.fromtimestamp(epoch, dt.UTC)
    history = PageHistory(records_dir, built_at.date().isoformat())
    version = package.current_version()
    cleanup = site.clear_previous_output(out_dir)
    previous = out_dir.resolve() if manifest and (out_dir / "index.html").is_file() else None

    # Process data.
    with incremental.paused_collection():
        dataset = derive.derive(records, today=built_at.date())
    gc.freeze()  # the records stay to the end: collections need not walk them again and again
    order = [event.id for event in dataset.events]
    first = derive.sort_key(dataset.events[0])[0] if dataset.events else dt.date.max
    covered = derive.latest_date(
        [event.date for event in dataset.events] + [source.published for source in records.sources.values()]
    )
    span = pieces.coverage(first, pieces.as_of(covered, built_at.date()))
    jsonld = cite.dataset_jsonld(package.site_descriptor(version), site_url, span)
    index_paths = sorted(pieces.index_page_paths(set(dataset.years()), len(order)))
    retired = {f"{r.kind.value}/{r.id}/" for r in [*records.redirects.values(), *records.withdrawn.values()]}
    languages: dict[str, incremental.LanguageParts] = {}
    scripts: set[str] = set()  # every inline script a page runs, for the sites' security headers
    count = 0
    with site.staging(out_dir) as work, incremental.SnapshotWriter(out_dir) as snapshot:
        site_dir = work / "site"
        for lang in i18n.LANGUAGES:  # English first: its build cleans the site folder the others go into
            words = i18n.Language(lang)
            docs_dir, lang_site, lang_url = work / f"docs-{lang}", site_dir / words.prefix, site_url + words.prefix
            render.copy_static(paths.DOCS, docs_dir, lang)
            # Generated pages get their bodies after the theme has built them (see pieces.BODY_MARK).
            for path in index_paths:
                meta = pieces.index_page_meta(path, lang, {"jsonld": jsonld})
                render.write_page(docs_dir / path, meta, pieces.BODY_MARK)
            render.write_page(
                docs_dir / "data" / "index.md",
                pieces.data_page_meta(lang, jsonld, built_at.date().isoformat()),
                pieces.BODY_MARK,
            )
            count += len(index_paths) + 1 + render.render_retired(dataset, docs_dir, lang)
            pages.write_shell_sources(docs_dir)
            progress(f"building the {i18n.NAMES[lang]} theme pages with mkdocs-material")
            site.mkdocs_build(docs_dir, lang_site, site_url=lang_url, config_file=site.language_config(lang, work))
            if lang != "en":
                (lang_site / "404.html").unlink()  # hosts serve one not-found page, the site root's
            # Before the record pages: they inherit the policy of their shell, and slots never hold a script.
            scripts |= csp.apply_to_folder(lang_site)
            languages[lang] = incremental.LanguageParts(
                page_shells=incremental.page_shells(lang_site, [*index_paths, "data/index.md"]),
                record_shells={kind: pages.take_shell(lang_site, kind) for kind in pages.KINDS},
                theme_index=search.theme_pages(lang_site, words.prefix),  # search: the theme's searched pages
                theme_sitemap=site.theme_sitemap(lang_site, lang_url, leave_out=retired),
            )

        shared = pieces.Pieces()
        manifests: dict[str, str] = {}
        for lang in i18n.LANGUAGES:
            words = i18n.Language(lang)
            progress(
                f"rendering {len(records.people)} person and {len(records.events)} event pages ({i18n.NAMES[lang]})"
            )
            writer = pages.PageWriter(
                dataset,
                site_dir / words.prefix,
                site_url=site_url + words.prefix,
                version=version,
                history=history,
                previous=(previous / words.prefix) if previous else None,
                manifest=manifest,
                lang=lang,
                shells=languages[lang].record_shells,
                collect=functools.partial(pieces.page_piece, dataset, history, lang=lang),
            )
            writer.write_all()
            if writer.reused:
                progress(f"reused {writer.reused} unchanged pages, rendered {writer.rendered}")
            count += writer.reused + writer.rendered + 1
            manifests.update(writer.manifest)
            pieces.merge(shared, writer.collected)
            del writer
        progress("rendering the sources page and writing the data package")
        rest = pieces.other_pieces(dataset)
        shared.sources = rest.sources
        for kind, entries in rest.data.items():
            shared.data.setdefault(kind, {}).update(entries)
        for path, feed in feeds.site_feeds(dataset.events, site_url, history.event_times).items():
            (site_dir / path).write_bytes(feed)
        counts = (len(records.people), len(records.events), len(records.sources))
        redirects, withdrawn = dict(records.redirects), dict(records.withdrawn)
        pieces.release_rows()
        del dataset, records, rest  # what follows needs the pieces, and a few records read again
        catalogue = incremental.lazy_catalogue(records_dir, shared, built_at.date())
        created = built_at.strftime("%Y-%m-%dT%H:%M:%SZ")
        descriptor = package.write_files(
            shared.data, site_dir / "data", created=created, version=version, coverage=(span, covered)
        )
        package.Zipping(site_dir / "data", created, background=False).wait()
        english_data_page = package.data_page_context(descriptor, site_dir / "data")

        progress("assembling the index pages")
        for lang in i18n.LANGUAGES:
            words = i18n.Language(lang)
            lang_site, lang_url, parts = site_dir / words.prefix, site_url + words.prefix, languages[lang]
            generated = pieces.iter_index_pages(shared, catalogue, lang, order=order)
            data_page = ("data/index.md", pieces.data_page_body(english_data_page, lang))
            for path, body in itertools.chain(generated, [data_page]):
                with (lang_site / incremental.html_path(path)).open("w", encoding="utf-8") as handle:
                    handle.writelines(incremental.spliced(parts.page_shells[path], body))
            page_dates = pieces.page_dates(shared)
            for name, content in site.sitemap_files(parts.theme_sitemap, lang_url, page_dates, epoch).items():
                (lang_site / name).write_bytes(content)
        # Search: the theme's pages and every record's document, indexed in bundles (tracker/search.py).
        progress("indexing the search")
        theme_pages = {lang: parts.theme_index for lang, parts in languages.items()}
        search.write_index(site_dir, pieces.search_documents(shared), search.primary_pages(theme_pages), previous)
        csp.write_headers_file(site_dir, scripts)
        checksums.write(site_dir)  # last: it covers every other file
        verify.verify_urls(site_dir, published_urls_file(records_dir))

        # Save outputs. Until the build fails or succeeds, the current output's snapshot stays valid.
        incremental.discard(out_dir)
        site.swap_in(site_dir, out_dir, cleanup)
        progress("keeping a snapshot for quick rebuilds")
        snapshot.write_pieces(shared)
        snapshot.finish(
            incremental.Snapshot(
                inputs=incremental.inputs_digest(records_dir, site_url, epoch),
                files=files,
                pieces=pieces.Pieces(),
                redirects=redirects,
                withdrawn=withdrawn,
                languages=languages,
                manifest=manifests,
                jsonld=jsonld,
            )
        )
    return BuildResult(*counts, count, out_dir)
