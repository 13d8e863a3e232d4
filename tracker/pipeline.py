"""Composition of the stages; the command line and the tests call these. No stage logic lives here."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tracker import derive, paths, render, site
from tracker.history import last_commit_epoch, record_history
from tracker.load import load
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


@dataclass
class BuildResult:
    """What a build produced, for the closing summary line."""

    people: int
    events: int
    sources: int
    pages: int
    out_dir: Path


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
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)  # mkdocs' sitemap dates and our own timestamps
    built_at = dt.datetime.fromtimestamp(epoch, dt.UTC)
    history = record_history(records_dir)

    # Process data.
    dataset = derive.derive(records, today=built_at.date())
    with site.staging(out_dir) as work:
        docs_dir, site_dir = work / "docs", work / "site"
        render.copy_static(paths.DOCS, docs_dir)
        progress("writing the data package")
        from tracker import package

        descriptor = package.write_package(records, docs_dir / "data", created=built_at.strftime("%Y-%m-%dT%H:%M:%SZ"))
        data_context = package.data_page_context(descriptor, docs_dir / "data")
        progress(f"rendering {len(records.people)} people and {len(records.events)} events")

        def page_extra(kind: str, record_id: str) -> dict:
            file = Path(records_dir, kind, f"{record_id}.json").resolve()
            return {"context": {"changes": history.get(file, []), "cite": None}}

        pages = render.render(dataset, docs_dir, extra_context=page_extra)
        render.write_page(
            docs_dir / "data" / "index.md",
            {"title": "Data", "description": "Download the record as a Frictionless data package"},
            render.render_fragment("data.html", data_context),
        )
        progress("building the site with mkdocs-material")
        site.mkdocs_build(docs_dir, site_dir, site_url=site_url)

        # Save outputs.
        site.swap_in(site_dir, out_dir)
    return BuildResult(len(records.people), len(records.events), len(records.sources), pages + 1, out_dir)
