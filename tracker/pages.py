"""Stage: record pages. Person and event pages go straight into the built site, around mkdocs.

mkdocs-material renders one placeholder page per kind (the *shell*, at /people/__shell__/ and
/events/__shell__/, so at the same depth as the real pages); its HTML, cut at marked slots, is the
chrome every record page is poured into. Per page this costs a template render and a string join
instead of a Markdown pass, a theme render and a search-index parse, which keeps a 60,000-page
build linear.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import escape

from tracker import cite, corrections, feeds, record_json, render
from tracker.history import Change
from tracker.i18n import PREFIX, Language
from tracker.models import Event
from tracker.recording import note, shell_key

SHELL_ID = "__shell__"
SLOTS = {
    "__SHELL_TITLE__": "title",
    "__SHELL_DESCRIPTION__": "description",
    "<!--SHELL-HEAD-->": "head",
    "<!--SHELL-BODY <h1 -->": "body",  # says "<h1" so the theme adds no heading of its own
    SHELL_ID: "id",
}
SLOT_PATTERN = re.compile("(" + "|".join(re.escape(marker) for marker in SLOTS) + ")")
KINDS = ("people", "events")


def write_shell_sources(docs_dir: Path) -> None:
    """The placeholder pages mkdocs renders once per kind."""
    for kind in KINDS:
        meta = {
            "title": "__SHELL_TITLE__",
            "description": "__SHELL_DESCRIPTION__",
            "shell": True,
            "search": {"exclude": True},
        }
        render.write_page(docs_dir / kind / f"{SHELL_ID}.md", meta, "<!--SHELL-BODY <h1 -->")


@dataclass(frozen=True)
class Shell:
    """A theme-rendered page cut at its slots: literal pieces with slot names between them."""

    pieces: tuple[str, ...]
    slots: tuple[str, ...]
    digest: str

    def fill(self, values: dict[str, str]) -> str:
        out = [self.pieces[0]]
        for slot, piece in zip(self.slots, self.pieces[1:], strict=True):
            out.append(values[slot])
            out.append(piece)
        return "".join(out)


def take_shell(site_dir: Path, kind: str) -> Shell:
    """Read the rendered placeholder page of a kind, and remove it from the site."""
    folder = site_dir / kind / SHELL_ID
    html = (folder / "index.html").read_text(encoding="utf-8")
    shutil.rmtree(folder)
    # The theme's indentation is a tenth of every page; newlines stay, so scripts mean the same.
    if "<pre" not in html and "<textarea" not in html:
        html = re.sub(r"\n[ \t]+", "\n", html)
    parts = SLOT_PATTERN.split(html)
    return Shell(
        pieces=tuple(parts[0::2]),
        slots=tuple(SLOTS[marker] for marker in parts[1::2]),
        digest=hashlib.sha256(html.encode()).hexdigest(),
    )


class PageWriter:
    """Renders one language's record pages (a unit's pages: tracker/units.py)."""

    def __init__(
        self, lookups: Any, *, site_url: str, version: str, history: Any, lang: str, shells: dict[str, Shell]
    ) -> None:
        """``lookups``: the records and person views (tracker/units.Lookups); ``site_url``: the
        language's root; ``shells``: the theme's page around each kind of record page."""
        self.lang = lang
        self.words = Language(lang)
        self.key_prefix = PREFIX[lang]
        self.lookups = lookups
        self.site_url = site_url
        self.version = version
        self.history = history
        self.env = render.environment(lang)
        self.templates = {
            kind: self.env.get_template(f"{kind[:-1] if kind == 'events' else 'person'}.html") for kind in KINDS
        }
        self.shells = shells
        self.base = {"people": lookups.views, "all_sources": lookups.sources}

    def render(self, kind: str, record_id: str) -> dict[str, bytes]:
        """One record page's files: name (in its folder) -> content."""
        note(shell_key(self.lang, kind))
        if kind == "people":
            changes = self.history.of_person(self.lookups.views.view(record_id))
        else:
            changes = self.history.of("events", record_id)
        return self._files(kind, record_id, changes)

    def _files(self, kind: str, record_id: str, changes: list[Change]) -> dict[str, bytes]:
        files = {}
        changed = changes[0].date if changes else self.history.build_day
        url = f"{self.site_url}{kind}/{record_id}/"
        words = self.words
        if kind == "people":
            view = self.lookups.views.view(record_id)
            title = (view.person.name_hy if self.lang == "hy" else None) or view.person.name
            description = f"{title}{words.t(': ')}{words.status_since(view.status, view.status_since)}"
            if self.lang == "en":
                files["feed.xml"] = feeds.person_feed(view, self.site_url, self.history.event_times)
                context = {"view": view, "feed": "feed.xml"}
            else:  # one feed per person, in the record's own language
                context = {"view": view, "feed": f"../../../people/{record_id}/feed.xml"}
        else:
            event = self.lookups.events[record_id]
            title = (event.title_hy if self.lang == "hy" else None) or event.title
            description = f"{words.date(event.date)}{words.t(': ')}{title}"
            context = {"event": event, "feed": None}
        site_title = words.t(cite.SITE_TITLE)
        citation = cite.page_citation(title, url, self.version, changed, record_id, self.lang, site_title)
        body = self.templates[kind].render(
            self.base,
            root="../../",
            changes=changes[:20],
            record_changes=self.history.of(kind, record_id)[:20],
            cite=citation,
            cite_name=citation.key,
            correction=corrections.correction_url(title, url),
            **context,
        )
        head = [cite.meta_tags(citation.highwire)]
        if context["feed"]:
            # "alternate " (a trailing space) is the same link type to browsers, feed readers and validators,
            # but not to Material, which fetches a sitemap.xml beside every exact rel="alternate" link.
            feed_title = f"{title} — {words.t('Atom feed')}"
            head.append(
                f'<link rel="alternate " type="application/atom+xml" title="{escape(feed_title)}" href="{context["feed"]}">'
            )
        head.append(record_json.link_tag(kind, record_id, self.lang))  # the record as JSON
        if kind == "events":
            head.append(f'<script type="application/ld+json">{self._event_jsonld(event, url, title, changed)}</script>')
        html = self.shells[kind].fill(
            {
                "title": str(escape(title)),
                "description": str(escape(description)),
                "head": "\n".join(head),
                "body": body,
                "id": record_id,
            }
        )
        files["index.html"] = html.encode("utf-8")
        return files

    def _event_jsonld(self, event: Event, url: str, title: str, changed: str) -> str:
        words, people, sources = self.words, self.lookups.views, self.lookups.sources
        cited = []
        for citation in event.sources:
            source = sources[citation.source]
            cited.append(
                cite.CitedSource(source.title or source.publisher, source.url, source.publisher, source.published)
            )
        return cite.event_jsonld(
            url=url,
            site_url=self.site_url.removesuffix(self.key_prefix),
            title=title,
            summary=str(words.text(event, "summary").striptags()) if self.lang == "hy" else event.summary,
            date=event.date,
            place=event.place,
            lang=self.lang,
            changed=changed,
            people=[
                (
                    str(words.text(people[item.person].person, "name").striptags()),
                    f"{self.site_url}people/{item.person}/",
                )
                for item in event.people
            ],
            sources=cited,
        )
