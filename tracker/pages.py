"""Stage: record pages. Person and event pages go straight into the built site, around mkdocs.

mkdocs-material renders one placeholder page per kind (the *shell*, at /people/__shell__/ and
/events/__shell__/, so at the same depth as the real pages); its HTML, cut at marked slots, is the
chrome every record page is poured into. Per page this costs a template render and a string join
instead of a Markdown pass, a theme render and a search-index parse, which keeps a 60,000-page
build linear. Pages whose inputs have not changed since the previous build are hard-linked from it.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import escape

from tracker import cite, corrections, feeds, paths, record_json, render
from tracker.derive import Dataset, PersonView
from tracker.history import Change
from tracker.i18n import PREFIX, Language
from tracker.models import Event

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
PARALLEL_FROM = 2000
"""Below this many pages, forking workers costs more than it saves."""
_ACTIVE: PageWriter | None = None


def _write_chunk(items: list[tuple[str, str]]) -> tuple[dict[str, str], int, int, list[Any]]:
    assert _ACTIVE is not None
    return _ACTIVE.write_chunk(items)


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


@dataclass
class Page:
    """One record page and its attachments, with the digest of everything it is made from."""

    kind: str
    record_id: str
    inputs: str

    @property
    def folder(self) -> str:
        return f"{self.kind}/{self.record_id}"


class PageWriter:
    """Renders record pages into a site folder, reusing unchanged ones from the previous output."""

    def __init__(
        self,
        dataset: Dataset,
        site_dir: Path,
        *,
        site_url: str,
        version: str,
        history: Any,
        previous: Path | None,
        manifest: dict[str, str],
        lang: str = "en",
        shells: dict[str, Shell] | None = None,
        collect: Callable[[str, str], Any] | None = None,
    ) -> None:
        """``site_dir`` and ``previous`` are the language's root (the site, or its hy/ folder).

        ``shells``: the theme's page per kind, as kept from an earlier build; else taken from site_dir.
        ``collect``: called with each page's (kind, id) in the worker that writes it; what it returns is
        gathered in ``collected`` (the build's per-record pieces, computed where the record already is)."""
        self.collect = collect
        self.collected: list[Any] = []
        self.lang = lang
        self.words = Language(lang)
        self.key_prefix = PREFIX[lang]
        self.dataset = dataset
        self.site_dir = site_dir
        self.site_url = site_url
        self.version = version
        self.history = history
        self.previous = previous
        self.old_manifest = manifest
        self.manifest: dict[str, str] = {}
        self.env = render.environment(lang)
        self.templates = {
            kind: self.env.get_template(f"{kind[:-1] if kind == 'events' else 'person'}.html") for kind in KINDS
        }
        self.shells = shells or {kind: take_shell(site_dir, kind) for kind in KINDS}
        # A page is reused only if it would come out the same: same theme page, templates and code.
        sources = sorted(paths.TEMPLATES.rglob("*.html")) + sorted((paths.ROOT / "tracker").glob("*.py"))
        self.salt = hashlib.sha256(
            "".join(
                [self.shells["people"].digest, self.shells["events"].digest, site_url, version, history.build_day]
                + [path.read_text(encoding="utf-8") for path in sources]
            ).encode()
        ).hexdigest()
        self.base = {"people": dataset.people, "all_sources": dataset.records.sources}
        self.reused = 0
        self.rendered = 0

    # Inputs: what each page is made from, as text to digest.
    def _person_inputs(self, view: PersonView, changes: list[Change]) -> str:
        parts = [view.person.model_dump_json()]
        parts += [event.model_dump_json() for event in view.events]
        parts += [source.model_dump_json() for source in view.sources]
        parts += [repr(changes[:20]), repr(self.history.of("people", view.id)[:20])]
        return "\n".join(parts)

    def _event_inputs(self, event: Event, changes: list[Change]) -> str:
        people = self.dataset.people
        parts = [event.model_dump_json()]
        parts += [f"{people[item.person].person.name}\t{people[item.person].person.name_hy}" for item in event.people]
        parts += [self.dataset.records.sources[c.source].model_dump_json() for c in event.sources]
        parts += [repr(changes[:20])]
        return "\n".join(parts)

    def items(self) -> list[tuple[str, str]]:
        """(kind, id) of every record page, in a stable order."""
        return [("people", person_id) for person_id in self.dataset.people] + [
            ("events", event.id) for event in self.dataset.events
        ]

    def page(self, kind: str, record_id: str) -> tuple[Page, list[Change]]:
        if kind == "people":
            view = self.dataset.people[record_id]
            changes = self.history.of_person(view)
            return Page(kind, record_id, self._person_inputs(view, changes)), changes
        event = self.dataset.records.events[record_id]
        changes = self.history.of("events", record_id)
        return Page(kind, record_id, self._event_inputs(event, changes)), changes

    def _key(self, page: Page) -> str:
        return hashlib.sha256((self.salt + page.inputs).encode()).hexdigest()

    def write_chunk(self, items: list[tuple[str, str]]) -> tuple[dict[str, str], int, int, list[Any]]:
        """Write (or reuse) these pages; returns their manifest entries, the reused/rendered counts and
        what ``collect`` made of them."""
        manifest, reused, rendered, collected = {}, 0, 0, []
        for kind, record_id in items:
            if self.collect is not None:
                collected.append(self.collect(kind, record_id))
            page, changes = self.page(kind, record_id)
            key = self._key(page)
            manifest[self.key_prefix + page.folder] = key
            if self._reuse(page, key):
                reused += 1
            else:
                folder = self.site_dir / page.folder
                folder.mkdir(parents=True, exist_ok=True)
                for name, content in self._files(page, changes).items():
                    (folder / name).write_bytes(content)
                rendered += 1
        return manifest, reused, rendered, collected

    def render(self, kind: str, record_id: str) -> dict[str, bytes]:
        """One record page's files (name -> content) without writing them; its manifest entry is kept."""
        page, changes = self.page(kind, record_id)
        self.manifest[self.key_prefix + page.folder] = self._key(page)
        self.rendered += 1
        return self._files(page, changes)

    def write_all(self, workers: int | None = None) -> None:
        """Every record page; on a large record the work is shared by forked processes (one per core)."""
        items = self.items()
        workers = workers or (os.cpu_count() or 1)
        if workers < 2 or len(items) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
            results = [self.write_chunk(items)]
        else:
            global _ACTIVE
            _ACTIVE = self  # the forked workers inherit the dataset instead of unpickling it
            size = max(1, len(items) // (workers * 8))
            chunks = [items[start : start + size] for start in range(0, len(items), size)]
            try:
                with multiprocessing.get_context("fork").Pool(workers) as pool:
                    results = pool.map(_write_chunk, chunks)
            finally:
                _ACTIVE = None
        for manifest, reused, rendered, collected in results:
            self.collected.extend(collected)
            self.manifest.update(manifest)
            self.reused += reused
            self.rendered += rendered

    def _reuse(self, page: Page, key: str) -> bool:
        if self.previous is None or self.old_manifest.get(self.key_prefix + page.folder) != key:
            return False
        old = self.previous / page.folder
        if not (old / "index.html").is_file():
            return False
        new = self.site_dir / page.folder
        new.mkdir(parents=True, exist_ok=True)
        for path in old.iterdir():
            os.link(path, new / path.name)
        return True

    def _files(self, page: Page, changes: list[Change]) -> dict[str, bytes]:
        files = {}
        changed = changes[0].date if changes else self.history.build_day
        url = f"{self.site_url}{page.folder}/"
        words = self.words
        if page.kind == "people":
            view = self.dataset.people[page.record_id]
            title = (view.person.name_hy if self.lang == "hy" else None) or view.person.name
            description = f"{title}{words.t(': ')}{words.status_since(view.status, view.status_since)}"
            if self.lang == "en":
                files["feed.xml"] = feeds.person_feed(view, self.site_url, self.history.event_times)
                context = {"view": view, "feed": "feed.xml"}
            else:  # one feed per person, in the record's own language
                context = {"view": view, "feed": f"../../../people/{page.record_id}/feed.xml"}
        else:
            event = self.dataset.records.events[page.record_id]
            title = (event.title_hy if self.lang == "hy" else None) or event.title
            description = f"{words.date(event.date)}{words.t(': ')}{title}"
            context = {"event": event, "feed": None}
        site_title = words.t(cite.SITE_TITLE)
        citation = cite.page_citation(title, url, self.version, changed, page.record_id, self.lang, site_title)
        body = self.templates[page.kind].render(
            self.base,
            root="../../",
            changes=changes[:20],
            record_changes=self.history.of(page.kind, page.record_id)[:20],
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
        head.append(record_json.link_tag(page.kind, page.record_id, self.lang))  # issue 16: the record as JSON
        if page.kind == "events":
            head.append(f'<script type="application/ld+json">{self._event_jsonld(event, url, title, changed)}</script>')
        html = self.shells[page.kind].fill(
            {
                "title": str(escape(title)),
                "description": str(escape(description)),
                "head": "\n".join(head),
                "body": body,
                "id": page.record_id,
            }
        )
        files["index.html"] = html.encode("utf-8")
        return files

    def _event_jsonld(self, event: Event, url: str, title: str, changed: str) -> str:
        words, people, sources = self.words, self.dataset.people, self.dataset.records.sources
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
