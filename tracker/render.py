"""What the page-making stages share: each language's jinja2 environment (autoescaped, with the
wording, date and vocabulary functions the templates call), and the files mkdocs-material builds.

Those files are the hand-written pages of docs/ (copied; an Armenian page not yet translated is the
English one, marked so) and the generated ones, each a Markdown file with YAML front matter and an
HTML body: the record page shells (tracker/pages.py), the shared pages' placeholders (filled from
the records' pieces: tracker/pieces.py) and the redirect and withdrawal notices written here. The
mkdocs hook (tracker/mkdocs_hooks.py) passes a generated body through untouched, so record text is
never parsed as Markdown and autoescaping is the only thing between a record and the page.
"""

from __future__ import annotations

import functools
import shutil
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import escape

from tracker import corrections, package_page, paths
from tracker.change_words import ChangeWords
from tracker.i18n import Language, upper_first

UNSEARCHED = {"search": {"exclude": True}}
"""Index pages that grow with the record stay out of the search index; people are indexed by name instead."""
STATUS_ICONS = {"held": "■", "released": "○", "missing": "?", "died": "†", "unknown": "·"}


@cache
def environment(lang: str = "en", templates: Path = paths.TEMPLATES) -> Environment:
    """The template environment of one language (cached: compiling the templates is most of its cost)."""
    words = Language(lang)
    changes = ChangeWords(lang)
    env = Environment(
        loader=FileSystemLoader(templates),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    env.filters["source_number"] = lambda source, cited: cited.index(source) + 1
    env.filters["publisher_of"] = lambda source, sources: sources[source].publisher
    env.filters["upper_first"] = upper_first
    env.filters["code_names"] = lambda text: package_page.code_names(text, *package_page.CODE_NAMES)
    env.globals.update(
        lang=lang,
        t=words.t,
        text=words.text,
        term=words.term,
        label=words.label,
        display_date=words.date,
        time_tag=words.time_tag,
        sentence_text=words.sentence,
        attribution=words.attribution,
        according=words.according,
        count_text=words.count,
        fact_text=words.fact,
        change_text=changes.change,
        kind_heading=words.heading,
        date_span=words.span,
        via=words.via,
        account_of=words.account_of,
        and_more=words.and_more,
        origin_label=words.origin_label,
        origin_note=words.origin_note,
        people_summary=words.people_summary,
        status_icons=STATUS_ICONS,
        source_correction=functools.partial(corrections.source_correction_url, lang=lang),
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


def render_retired(records: Any, out_docs: Path, lang: str = "en") -> int:
    """A redirect page for every retired id and a notice for every withdrawn record (both noindex);
    ``records``: a Records (its live records are looked up for the redirects' targets)."""
    env = environment(lang)
    t = Language(lang).t
    template = env.get_template("retired.html")
    written = 0
    for record_id, redirect in records.redirects.items():
        if redirect.kind.value == "sources":
            continue  # sources have no pages of their own
        live = getattr(records, redirect.kind.value)[redirect.to]
        target = f"../../{redirect.kind.value}/{redirect.to}/"
        armenian = (getattr(live, "name_hy", None) or getattr(live, "title_hy", None)) if lang == "hy" else None
        title = armenian or getattr(live, "name", None) or getattr(live, "title", redirect.to)
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
