"""Stage 4, render: the Dataset as pages (jinja2 templates -> Markdown files holding HTML bodies).

Each generated page is a Markdown file with YAML front matter and an HTML body; the mkdocs hook
(`tracker/mkdocs_hooks.py`) passes the body through untouched, so record text is never parsed as
Markdown and autoescaping is the only thing between a record and the page.
"""

from __future__ import annotations

import shutil
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from tracker import paths
from tracker.chart import held_chart
from tracker.derive import UNDATED, Dataset
from tracker.i18n import Language
from tracker.vocab import EventType, SourceKind, Status

TIMELINE_PAGE_LIMIT = 400
"""Above this many events the timeline is split into one page per year."""
PERSON_FILTER_LIMIT = 400
"""Above this many people the timeline's person filter is left out (a select that long helps no one)."""
UNSEARCHED = {"search": {"exclude": True}}
"""Index pages that grow with the record stay out of the search index; people are indexed by name instead."""
STATUS_ICONS = {"held": "■", "released": "○", "missing": "?", "died": "†", "unknown": "·"}


@cache
def environment(lang: str = "en", templates: Path = paths.TEMPLATES) -> Environment:
    """The template environment of one language (cached: compiling the templates is most of its cost)."""
    words = Language(lang)
    env = Environment(
        loader=FileSystemLoader(templates),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    env.globals.update(
        lang=lang,
        t=words.t,
        text=words.text,
        label=words.label,
        display_date=words.date,
        time_tag=words.time_tag,
        sentence_text=words.sentence,
        attribution=words.attribution,
        according=words.according,
        count_text=words.count,
        fact_text=words.fact,
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


def render(dataset: Dataset, out_docs: Path, *, home_meta: dict[str, Any] | None = None, lang: str = "en") -> int:
    """Write the index pages (home, people, timeline, sources) under out_docs; returns how many.

    Person and event pages are not written here: the pages stage renders them straight into the
    built site (see tracker/pages.py).
    """
    env = environment(lang)
    base = {"people": dataset.people, "all_sources": dataset.records.sources}
    return _render_indexes(env, Language(lang), dataset, out_docs, base, home_meta or {})


def _render_indexes(
    env: Environment, words: Language, dataset: Dataset, out_docs: Path, base: dict[str, Any], home_meta: dict[str, Any]
) -> int:
    t, label = words.t, words.label
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
    write_page(out_docs / "people" / "index.md", {"title": t("People"), "hide": ["toc"], **UNSEARCHED}, people_page)
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
                heading=f"{t('Timeline')}: {t('Date unknown') if year == UNDATED else year}",
                total=len(events),
                year=year,
                groups=[(year, events)],
                year_pages=list(years),
                link_years=False,
                root="../../",
            )
            write_page(
                out_docs / "timeline" / f"{year}.md",
                {"title": f"{t('Timeline')} {year}", "hide": ["toc"], **UNSEARCHED},
                body,
            )
            written += 1
    body = timeline.render(
        base,
        **common,
        heading=t("Timeline"),
        total=len(dataset.events),
        year=None,
        groups=[(year, events[-20:] if long else events) for year, events in _in_order(years, newest_first=long)],
        year_pages=list(years) if long else [],
        link_years=long,
        root="../",
    )
    write_page(out_docs / "timeline" / "index.md", {"title": t("Timeline"), "hide": ["toc"], **UNSEARCHED}, body)
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
    write_page(out_docs / "sources" / "index.md", {"title": t("Sources"), **UNSEARCHED}, body)
    written += 1

    svg, caption = held_chart(dataset.held_series, words)
    year_ends = [(day.isoformat(), n) for day, n in dataset.held_series if day.month == 12 or day == dataset.today]
    body = env.get_template(
        "home.html"
    ).render(
        base,
        root="",
        held_now=dataset.held_now,
        today_text=words.date(dataset.today.isoformat()),
        headlines=dataset.headlines,
        chart_svg=Markup(svg),  # generated by pygal from numbers, not from record text
        chart_caption=caption,
        chart_table=year_ends,
        latest=list(reversed([event for event in dataset.events if event.date][-10:])),
    )
    meta = {
        "title": t("Home"),
        "description": t("An open record of Armenian prisoners held in Azerbaijan"),
        "hide": ["toc"],
        **home_meta,
    }
    write_page(out_docs / "index.md", meta, body)
    return written + 2


def _in_order(years: dict[str, list], newest_first: bool) -> list[tuple[str, list]]:
    """Year groups in order (newest first on a long timeline's index); undated always last."""
    dated = sorted((item for item in years.items() if item[0] != UNDATED), reverse=newest_first)
    return dated + [item for item in years.items() if item[0] == UNDATED]


def render_retired(dataset: Dataset, out_docs: Path, lang: str = "en") -> int:
    """A redirect page for every retired id and a notice for every withdrawn record (both noindex)."""
    env = environment(lang)
    t = Language(lang).t
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
        meta = {"title": t("Moved"), "robots": "noindex", "redirect": target, "search": {"exclude": True}}
        write_page(out_docs / redirect.kind.value / f"{record_id}.md", meta, body)
        written += 1
    for record_id, withdrawal in records.withdrawn.items():
        if withdrawal.kind.value == "sources":
            continue
        body = template.render(redirect=None, withdrawal=withdrawal, root="../../")
        meta = {"title": t("Withdrawn"), "robots": "noindex", "search": {"exclude": True}}
        write_page(out_docs / withdrawal.kind.value / f"{record_id}.md", meta, body)
        written += 1
    return written


def copy_static(docs_src: Path, out_docs: Path, lang: str = "en") -> None:
    """Hand-written pages and assets, copied as they are (generated pages are never written back).

    English pages are docs/*; Armenian ones are docs/hy/*, with the same names; both get docs/assets.
    """
    if lang == "en":
        shutil.copytree(docs_src, out_docs, dirs_exist_ok=True, ignore=shutil.ignore_patterns("hy"))
    else:
        shutil.copytree(docs_src / lang, out_docs, dirs_exist_ok=True)
        shutil.copytree(docs_src / "assets", out_docs / "assets", dirs_exist_ok=True)
        note = Language(lang).t("This page is not yet translated into Armenian; here it is in English.")
        for page in docs_src.glob("*.md"):  # every page exists in both languages, if only in English
            if not (out_docs / page.name).exists():
                english = page.read_text(encoding="utf-8")
                (out_docs / page.name).write_text(
                    f'*{note}*\n\n<div lang="en" markdown>\n\n{english}\n</div>\n', "utf-8"
                )


def render_fragment(template: str, context: dict[str, Any], lang: str = "en") -> str:
    return environment(lang).get_template(template).render(context)
