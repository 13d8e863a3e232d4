"""Composition of the stages; the command line and the tests call these. No stage logic lives here."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tracker import cite, csp, derive, feeds, i18n, package, pages, paths, render, site, verify
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


def cache_file(out_dir: Path) -> Path:
    """Beside the output, never in it: which inputs made each record page of the current output."""
    out_dir = out_dir.resolve()
    return out_dir.parent / f".{out_dir.name}.pages.json"


def build(
    records_dir: Path = paths.RECORDS,
    out_dir: Path = paths.SITE,
    *,
    progress: Progress = lambda message: None,
    site_url: str | None = None,
    reuse: bool = True,
) -> BuildResult:
    """Everything, into out_dir, atomically: on any failure out_dir is left exactly as it was.

    With ``reuse``, record pages whose inputs are unchanged are hard-linked from the current output
    instead of rendered again; the result is byte-identical to a clean build.
    """
    # Load inputs.
    progress("checking records")
    records = check_records(records_dir)
    epoch = build_epoch(records_dir)
    with _source_date_epoch(epoch):  # mkdocs' own dates, and ours, come from the last commit
        return _build(records, records_dir, out_dir, epoch, progress=progress, site_url=site_url, reuse=reuse)


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
    records: Records,
    records_dir: Path,
    out_dir: Path,
    epoch: int,
    *,
    progress: Progress,
    site_url: str | None,
    reuse: bool,
) -> BuildResult:
    built_at = dt.datetime.fromtimestamp(epoch, dt.UTC)
    history = PageHistory(records_dir, built_at.date().isoformat())
    site_url = site_url or configured_site_url()
    version = package.current_version()
    cleanup = site.clear_previous_output(out_dir)
    previous = out_dir.resolve() if reuse and (out_dir / "index.html").is_file() else None
    manifest = pages.read_manifest(cache_file(out_dir)) if previous else {}

    # Process data.
    dataset = derive.derive(records, today=built_at.date())
    manifests: dict[str, str] = {}
    count = 0
    with site.staging(out_dir) as work:
        site_dir = work / "site"
        progress("writing the data package")
        data_dir = work / "data"
        descriptor = package.write_package(
            records, data_dir, created=built_at.strftime("%Y-%m-%dT%H:%M:%SZ"), version=version
        )
        first_year = (
            dataset.events[0].date[:4] if dataset.events and dataset.events[0].date else built_at.strftime("%Y")
        )
        jsonld = cite.dataset_jsonld(descriptor, site_url, f"{first_year}/{built_at.date().isoformat()}")
        english_data_page = package.data_page_context(descriptor, data_dir)
        retired = {f"{r.kind.value}/{r.id}/" for r in [*records.redirects.values(), *records.withdrawn.values()]}
        for lang in i18n.LANGUAGES:  # English first: its build cleans the site folder the others go into
            words = i18n.Language(lang)
            docs_dir, lang_site, lang_url = work / f"docs-{lang}", site_dir / words.prefix, site_url + words.prefix
            render.copy_static(paths.DOCS, docs_dir, lang)
            count += render.render(dataset, docs_dir, home_meta={"jsonld": jsonld}, lang=lang)
            count += render.render_retired(dataset, docs_dir, lang)
            data_page = english_data_page
            if lang == "en":
                shutil.copytree(data_dir, docs_dir / "data")
                (docs_dir / "feed.xml").write_bytes(feeds.site_feed(dataset, site_url, history.event_dates))
            else:  # one data package: other languages' data pages link to it
                data_page = i18n.link_data_from(data_page, "../../data/")
            render.write_page(
                docs_dir / "data" / "index.md",
                {
                    "title": words.t("Data"),
                    "description": words.t("Download the record as a Frictionless data package"),
                    "jsonld": jsonld,
                },
                render.render_fragment("data.html", data_page, lang),
            )
            pages.write_shell_sources(docs_dir)
            progress(f"building the {i18n.NAMES[lang]} index pages with mkdocs-material")
            site.mkdocs_build(docs_dir, lang_site, site_url=lang_url, config_file=site.language_config(lang, work))
            if lang != "en":
                (lang_site / "404.html").unlink()  # hosts serve one not-found page, the site root's
            # Before the record pages: they inherit the policy of their shell, and slots never hold a script.
            csp.apply_to_folder(lang_site)
            progress(
                f"rendering {len(records.people)} person and {len(records.events)} event pages ({i18n.NAMES[lang]})"
            )
            writer = pages.PageWriter(
                dataset,
                lang_site,
                site_url=lang_url,
                version=version,
                history=history,
                previous=(previous / words.prefix) if previous else None,
                manifest=manifest,
                lang=lang,
            )
            writer.write_all()
            if writer.reused:
                progress(f"reused {writer.reused} unchanged pages, rendered {writer.rendered}")
            count += writer.reused + writer.rendered + 1
            manifests.update(writer.manifest)
            site.add_search_entries(lang_site, pages.search_entries(dataset, lang))
            site.write_sitemap(lang_site, lang_url, writer.sitemap_entries(), epoch, leave_out=retired)
        verify.verify_urls(site_dir, published_urls_file(records_dir))

        # Save outputs.
        site.swap_in(site_dir, out_dir, cleanup)
        site.write_atomically(cache_file(out_dir), json.dumps(manifests, sort_keys=True))
    return BuildResult(len(records.people), len(records.events), len(records.sources), count, out_dir)
