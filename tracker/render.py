"""Stage 4, render: the Dataset as pages (jinja2 templates -> Markdown files holding HTML bodies).

Each generated page is a Markdown file with YAML front matter and an HTML body; the mkdocs hook
(`tracker/mkdocs_hooks.py`) passes the body through untouched, so record text is never parsed as
Markdown and autoescaping is the only thing between a record and the page.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from tracker import dates, paths
from tracker.chart import held_chart
from tracker.derive import UNDATED, Dataset, attribution, sentence_text
from tracker.models import Count
from tracker.vocab import CountQualifier, EventType, SourceKind, Status, label

TIMELINE_PAGE_LIMIT = 400
"""Above this many events the timeline is split into one page per year."""
PERSON_FILTER_LIMIT = 400
"""Above this many people the timeline's person filter is left out (a select that long helps no one)."""
UNSEARCHED = {"search": {"exclude": True}}
"""Index pages that grow with the record stay out of the search index; people are indexed by name instead."""
STATUS_ICONS = {"held": "■", "released": "○", "missing": "?", "died": "†", "unknown": "·"}


def display_date(text: str | None) -> str:
    return dates.parse(text).display() if text else "date unknown"


def iso_date(text: str | None) -> str:
    return dates.parse(text).earliest.isoformat() if text else ""


def time_tag(text: str | None) -> Markup:
    """<time> with a machine-readable date, or a plain note when no source dates the event."""
    if not text:
        return Markup('<span class="undated">date unknown</span>')
    return Markup('<time datetime="{}">{}</time>').format(iso_date(text), display_date(text))


def count_text(count: Count) -> str:
    qualifier = label(count.qualifier) if count.qualifier != CountQualifier.EXACTLY else ""
    return f"{qualifier} {count.number}".strip()


@cache
def environment(templates: Path = paths.TEMPLATES) -> Environment:
    """The template environment (one per process: compiling the templates is most of its cost)."""
    env = Environment(
        loader=FileSystemLoader(templates),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    env.globals.update(
        label=label,
        display_date=display_date,
        iso_date=iso_date,
        time_tag=time_tag,
        sentence_text=sentence_text,
        attribution=attribution,
        count_text=count_text,
        status_icons=STATUS_ICONS,
    )
    return env


def write_page(path: Path, meta: dict[str, Any], body: str) -> None:
    """A generated page: front matter, then the HTML body on lines that Markdown would leave alone."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # The theme prints title and description without escaping (mkdocs treats titles as HTML), so
    # record text is escaped here, once.
    meta = {key: str(escape(value)) if key in {"title", "description"} else value for key, value in meta.items()}
    front = yaml.safe_dump({**meta, "generated": True}, allow_unicode=True, sort_keys=True, width=1000)
    path.write_text(f"---\n{front}---\n{body.strip()}\n", encoding="utf-8")


def render(dataset: Dataset, out_docs: Path, *, home_meta: dict[str, Any] | None = None) -> int:
    """Write the index pages (home, people, timeline, sources) under out_docs; returns how many.

    Person and event pages are not written here: the pages stage renders them straight into the
    built site (see tracker/pages.py).
    """
    env = environment()
    base = {"people": dataset.people, "all_sources": dataset.records.sources}
    return _render_indexes(env, dataset, out_docs, base, home_meta or {})


def _render_indexes(
    env: Environment, dataset: Dataset, out_docs: Path, base: dict[str, Any], home_meta: dict[str, Any]
) -> int:
    views = list(dataset.people.values())
    status_counts = Counter(label(view.status) for view in views)
    people_page = env.get_template("people.html").render(
        base,
        views=views,
        root="../",
        status_counts=[(label(s), status_counts[label(s)]) for s in Status if status_counts[label(s)]],
        years=sorted({view.detained.earliest.year for view in views if view.detained}),
        categories=sorted({label(view.person.category) for view in views if view.person.category}),
    )
    write_page(out_docs / "people" / "index.md", {"title": "People", "hide": ["toc"], **UNSEARCHED}, people_page)
    written = 1

    years = dataset.years()
    types = [t for t in EventType if any(e.type == t for e in dataset.events)]
    choices = views if len(views) <= PERSON_FILTER_LIMIT else []
    timeline = env.get_template("timeline.html")
    long = len(dataset.events) > TIMELINE_PAGE_LIMIT
    common = {"types": types, "person_choices": choices}
    if long:
        for year, events in years.items():
            body = timeline.render(
                base,
                **common,
                heading=f"Timeline: {year}",
                total=len(events),
                year=year,
                groups=[(year, events)],
                year_pages=list(years),
                link_years=False,
                root="../../",
            )
            write_page(
                out_docs / "timeline" / f"{year}.md", {"title": f"Timeline {year}", "hide": ["toc"], **UNSEARCHED}, body
            )
            written += 1
    body = timeline.render(
        base,
        **common,
        heading="Timeline",
        total=len(dataset.events),
        year=None,
        groups=[(year, events[-20:] if long else events) for year, events in _in_order(years, newest_first=long)],
        year_pages=list(years) if long else [],
        link_years=long,
        root="../",
    )
    write_page(out_docs / "timeline" / "index.md", {"title": "Timeline", "hide": ["toc"], **UNSEARCHED}, body)
    written += 1

    groups = []
    for kind in SourceKind:
        group = sorted(
            (s for s in dataset.records.sources.values() if s.kind == kind),
            key=lambda s: (s.publisher.lower(), s.published or "", s.id),
        )
        if group:
            groups.append((kind, group))
    body = env.get_template("sources.html").render(
        base, groups=groups, total=len(dataset.records.sources), by_source=dataset.by_source, root="../"
    )
    write_page(out_docs / "sources" / "index.md", {"title": "Sources", **UNSEARCHED}, body)
    written += 1

    svg, caption = held_chart(dataset.held_series)
    year_ends = [(day.isoformat(), n) for day, n in dataset.held_series if day.month == 12 or day == dataset.today]
    body = env.get_template(
        "home.html"
    ).render(
        base,
        root="",
        held_now=dataset.held_now,
        today_text=dataset.today.strftime("%-d %B %Y"),
        headlines=dataset.headlines,
        chart_svg=Markup(svg),  # generated by pygal from numbers, not from record text
        chart_caption=caption,
        chart_table=year_ends,
        latest=list(reversed([event for event in dataset.events if event.date][-10:])),
    )
    meta = {
        "title": "Home",
        "description": "An open record of Armenian prisoners held in Azerbaijan",
        "hide": ["toc"],
        **home_meta,
    }
    write_page(out_docs / "index.md", meta, body)
    return written + 2


def _in_order(years: dict[str, list], newest_first: bool) -> list[tuple[str, list]]:
    """Year groups in order (newest first on a long timeline's index); undated always last."""
    dated = sorted((item for item in years.items() if item[0] != UNDATED), reverse=newest_first)
    return dated + [item for item in years.items() if item[0] == UNDATED]


def render_retired(dataset: Dataset, out_docs: Path) -> int:
    """A redirect page for every retired id and a notice for every withdrawn record (both noindex)."""
    env = environment()
    template = env.get_template("retired.html")
    records = dataset.records
    written = 0
    for record_id, redirect in records.redirects.items():
        if redirect.kind.value == "sources":
            continue  # sources have no pages of their own
        live = getattr(records, redirect.kind.value)[redirect.to]
        target = f"../../{redirect.kind.value}/{redirect.to}/"
        title = getattr(live, "name", None) or getattr(live, "title", redirect.to)
        body = template.render(redirect=redirect, target=target, target_title=title, root="../../")
        meta = {"title": "Moved", "robots": "noindex", "redirect": target, "search": {"exclude": True}}
        write_page(out_docs / redirect.kind.value / f"{record_id}.md", meta, body)
        written += 1
    for record_id, withdrawal in records.withdrawn.items():
        if withdrawal.kind.value == "sources":
            continue
        body = template.render(redirect=None, withdrawal=withdrawal, root="../../")
        meta = {"title": "Withdrawn", "robots": "noindex", "search": {"exclude": True}}
        write_page(out_docs / withdrawal.kind.value / f"{record_id}.md", meta, body)
        written += 1
    return written


def copy_static(docs_src: Path, out_docs: Path) -> None:
    """Hand-written pages and assets, copied as they are (generated pages are never written back)."""
    shutil.copytree(docs_src, out_docs, dirs_exist_ok=True)


def render_fragment(template: str, context: dict[str, Any]) -> str:
    return environment().get_template(template).render(context)


def json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)
