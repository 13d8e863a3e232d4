"""Composition of the stages; the command line and the tests call these. No stage logic lives here."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tracker import cite, derive, feeds, package, paths, render, site, verify
from tracker.history import Change, last_commit_epoch, record_history
from tracker.load import load
from tracker.models import Event
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


def configured_site_url() -> str:
    url = str(yaml.safe_load(paths.MKDOCS_YML.read_text(encoding="utf-8")).get("site_url") or "/")
    return url if url.endswith("/") else url + "/"


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


class PageHistory:
    """Record-file changes from git, mapped to the pages they affect."""

    def __init__(self, records_dir: Path, build_day: str) -> None:
        self.records_dir = records_dir.resolve()
        self.by_file = record_history(records_dir)
        self.build_day = build_day

    def of(self, kind: str, record_id: str) -> list[Change]:
        return self.by_file.get(self.records_dir / kind / f"{record_id}.json", [])

    def of_person(self, view: derive.PersonView) -> list[Change]:
        changes = {c.commit: c for c in self.of("people", view.id)}
        for event in view.events:
            changes.update({c.commit: c for c in self.of("events", event.id)})
        return sorted(changes.values(), key=lambda c: (c.date, c.commit), reverse=True)

    def event_dates(self, event: Event) -> tuple[str, str]:
        changes = self.of("events", event.id)
        return (changes[-1].date, changes[0].date) if changes else (self.build_day, self.build_day)


def build(
    records_dir: Path = paths.RECORDS,
    out_dir: Path = paths.SITE,
    *,
    progress: Progress = lambda message: None,
    site_url: str | None = None,
) -> BuildResult:
    """Everything, into out_dir, atomically: on any failure out_dir is left exactly as it was."""
    # Load inputs.
    progress("checking records")
    records = check_records(records_dir)
    epoch = build_epoch(records_dir)
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)  # mkdocs' own dates, and ours, come from the last commit
    built_at = dt.datetime.fromtimestamp(epoch, dt.UTC)
    history = PageHistory(records_dir, built_at.date().isoformat())
    site_url = site_url or configured_site_url()
    version = package.current_version()

    # Process data.
    dataset = derive.derive(records, today=built_at.date())
    with site.staging(out_dir) as work:
        docs_dir, site_dir = work / "docs", work / "site"
        render.copy_static(paths.DOCS, docs_dir)
        progress("writing the data package")
        descriptor = package.write_package(
            records, docs_dir / "data", created=built_at.strftime("%Y-%m-%dT%H:%M:%SZ"), version=version
        )
        progress(f"rendering {len(records.people)} people and {len(records.events)} events")
        page_extra = _page_extra(dataset, history, site_url, version, docs_dir)
        first_day = dataset.events[0].date[:4] if dataset.events else built_at.strftime("%Y")
        jsonld = cite.dataset_jsonld(descriptor, site_url, f"{first_day}/{built_at.date().isoformat()}")
        pages = render.render(dataset, docs_dir, extra_context=page_extra, home_meta={"jsonld": jsonld})
        pages += render.render_retired(dataset, docs_dir)
        render.write_page(
            docs_dir / "data" / "index.md",
            {"title": "Data", "description": "Download the record as a Frictionless data package", "jsonld": jsonld},
            render.render_fragment("data.html", package.data_page_context(descriptor, docs_dir / "data")),
        )
        feeds.write_feeds(dataset, docs_dir, site_url, history.event_dates)
        progress("building the site with mkdocs-material")
        site.mkdocs_build(docs_dir, site_dir, site_url=site_url)
        verify.verify_urls(site_dir, published_urls_file(records_dir))

        # Save outputs.
        site.swap_in(site_dir, out_dir)
    return BuildResult(len(records.people), len(records.events), len(records.sources), pages + 1, out_dir)


def _page_extra(
    dataset: derive.Dataset, history: PageHistory, site_url: str, version: str, docs_dir: Path
) -> Callable[[str, str], dict[str, Any]]:
    """Per record page: its change history, its citation kit (also written as cite.bib / cite.json)."""

    def extra(kind: str, record_id: str) -> dict[str, Any]:
        if kind == "people":
            view = dataset.people[record_id]
            changes, title = history.of_person(view), view.person.name
        else:
            changes = history.of("events", record_id)
            title = dataset.records.events[record_id].title
        changed = changes[0].date if changes else history.build_day
        url = f"{site_url}{kind}/{record_id}/"
        citation = cite.page_citation(title, url, version, changed, record_id)
        folder = docs_dir / kind / record_id
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "cite.bib").write_text(citation.bibtex + "\n", encoding="utf-8")
        (folder / "cite.json").write_text(citation.csl + "\n", encoding="utf-8")
        meta: dict[str, Any] = {"citation": [list(pair) for pair in citation.highwire], "updated": changed}
        context = {"changes": changes[:20], "cite": citation, "feed": "feed.xml" if kind == "people" else None}
        return {"context": context, "meta": meta}

    return extra
