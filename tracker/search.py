"""Stage: search. Full-text search over every record and hand-written page, with Pagefind, in bundles.

Each person, event and source has a small *search document* per language (``person_documents`` and
siblings: its title, every spelling of the names, summary, places, courts, charges, date, and the
filter values), computed with its piece (tracker/pieces.py), never the whole theme page. The index
is written in *bundles*: records are spread over a power-of-two number of buckets by a stable hash
of their id, so a bundle holds at most about ``BUNDLE_RECORDS[kind]`` records, and a bundle is indexed
again only when one of its documents changed (its digest, kept in ``pagefind/bundles.json``, says
so). The browser merges the bundles at search time (Pagefind's ``mergeIndex``), into the primary
index of the hand-written pages, which also carries Pagefind's script and WebAssembly.

Pagefind is driven through its binary's service mode (``pagefind --service``, the protocol the
``pagefind`` Python package speaks, which waits 0.1 s per response): documents go in sorted, with
their URLs, so page numbers never depend on the order a file system lists files. Pagefind writes
filter values from a hash map, in a random order; ``canonical_filters`` sorts them, so two builds
give the same bytes.
"""

from __future__ import annotations

import base64
import contextlib
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from markupsafe import escape

from tracker import dates
from tracker.derive import PersonView
from tracker.i18n import LANGUAGES, Language
from tracker.models import Event, Source
from tracker.problems import BuildFailed
from tracker.tuning import EAGER_SEARCH_RECORDS

FORMAT = 1
"""Version of the documents and bundle layout: a change re-indexes every bundle."""
BUNDLE_RECORDS = {"people": 4000, "events": 1000, "sources": 1000}
"""Records per bundle, at most about, by kind: a one-record edit re-indexes this many, and a reader's
first search fetches one metadata file and an index chunk or two per bundle it merges. The people's
bundles are larger: a first search merges every one of them (at 10,000 people, four bundles kept it
to 247 KB where sixteen took 391 KB), and only the events' and sources' wait (EAGER_SEARCH_RECORDS)."""
DIR = "pagefind"
"""The search folder in the site root (both languages: Pagefind keeps one index per language)."""
MANIFEST = "bundles.json"
"""In DIR: the bundles to merge, each with the digest of its documents."""
PRIMARY_FILES = ("pagefind.js", "pagefind-worker.js", "wasm.en.pagefind", "wasm.hy.pagefind", "wasm.unknown.pagefind")
"""What the page loads from Pagefind's own files (the primary index keeps these; its UI kits are left out)."""
INDEX_PARTS = ("pagefind-entry.json", "index", "fragment", "filter")
"""What a bundle keeps of Pagefind's output, besides its metadata files (pagefind.*.pf_meta)."""
KINDS = ("people", "events", "sources")

WORDS = {
    "en": {
        "kind": "Record",
        "type": "Event type",
        "status": "Status",
        "year": "Year",
        "all": "all",
        "people": "Person",
        "events": "Event",
        "sources": "Source",
        "filters": "Narrow the results",
        "more": "Search the events and sources too",
    },
    "hy": {
        "kind": "Գրառում",
        "type": "Իրադարձության տեսակ",
        "status": "Կարգավիճակ",
        "year": "Տարի",
        "all": "բոլորը",
        "people": "Անձ",
        "events": "Իրադարձություն",
        "sources": "Աղբյուր",
        "filters": "Նեղացնել արդյունքները",
        "more": "Որոնել նաև իրադարձությունների և աղբյուրների մեջ",
    },
}
"""The search box's own words (filter names and the record kinds as filter values)."""
FILTERS = ("kind", "type", "status", "year")
"""Filter keys, in the order the results show them."""


def interface_words(lang: str) -> dict[str, str]:
    """The words the search box shows in one language (the theme's partial puts them in the page)."""
    return {key: WORDS[lang][key] for key in ("kind", "type", "status", "year", "all", "filters", "more")}


# Documents ----------------------------------------------------------------------------------------


TITLE_WEIGHT = {"people": 10, "events": 7, "sources": 2, "pages": 7}
"""How much a word of the title counts against one of the text (1), by kind: a person's names first,
then the events' titles (a heading's weight in Pagefind), then the sources, whose titles repeat them."""


def document(
    lang: str,
    title: str,
    parts: Iterable[str],
    filters: Mapping[str, str],
    meta: Mapping[str, str] | None = None,
    *,
    kind: str = "pages",
    names: Iterable[str] = (),
) -> str:
    """A search document: the title (its heading, which Pagefind also takes as the result's title), the
    text to search, and filter and display values in <meta> tags (never split at commas, never shown as
    text). ``names`` (other spellings of a person's name) count as much as the title."""
    shown = title
    title, parts = _searchable(title, lang), [_searchable(part, lang) for part in parts]
    names = [_searchable(name, lang) for name in names]
    meta = {**(meta or {}), "display": shown if shown != title else ""}
    # escape() on each value, as Markup.format would do it, at a fraction of its cost (a build makes
    # two documents per record).
    head = [
        f'<meta data-pagefind-meta="{escape(key)}[content]" content="{escape(value)}">'
        for key, value in sorted(meta.items())
        if value
    ]
    head += [
        f'<meta data-pagefind-filter="{escape(key)}[content]" content="{escape(value)}">'
        for key, value in filters.items()
        if value
    ]
    weight = TITLE_WEIGHT[kind]
    body = [f'<h1 data-pagefind-weight="{weight}">{escape(title)}</h1>']
    if names := [name for name in names if name]:
        body.append(f'<p data-pagefind-weight="{weight}">{escape(" · ".join(names))}</p>')
    body += [f"<p>{escape(part)}</p>" for part in parts if part]
    return (
        f'<!doctype html><html lang="{escape(lang)}"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"{''.join(head)}</head><body><main data-pagefind-body>{''.join(body)}</main></body></html>"
    )


LATIN_POSSESSIVE = re.compile(r"(?<=[A-Za-z])['\u2019]s\b")


def _searchable(text: str, lang: str = "en") -> str:
    """Text as Pagefind should index it. Pagefind joins "Vardanyan’s" into one word, a rare one that
    the query "Vardanyan" also matches (as a prefix) and that then outranks every page saying just
    "Vardanyan": the English stemmer takes the possessive off only after a plain apostrophe, the
    Armenian one never, so English text gets plain apostrophes and the Armenian pages' English text
    (sources' titles) loses its possessives. The result shows the text as written (meta "display")."""
    text = text.replace("\u2019", "'")
    return LATIN_POSSESSIVE.sub("", text) if lang == "hy" else text


def _in(lang: str, record: object, field: str) -> str:
    """A record's text in this language (English where it has no translation)."""
    return (getattr(record, f"{field}_hy", None) if lang == "hy" else None) or getattr(record, field)


def _term(lang: str, value: str | None) -> str:
    """A place, court or charge in this language, and the English beside an Armenian translation, so
    either finds it on the Armenian pages."""
    if not value:
        return ""
    translated = str(Language(lang).term(value).striptags()) if lang == "hy" else value
    return value if translated == value else f"{translated} ({value})"


def _year(text: str | None) -> str:
    return str(dates.parse(text).earliest.year) if text else ""


def person_documents(view: PersonView, langs: tuple[str, ...] = LANGUAGES) -> dict[str, str]:
    """A person's document per language: every spelling of the name, the summary, roles and places."""
    person, out = view.person, {}
    for lang in langs:
        words = Language(lang)
        title = person.name_hy if lang == "hy" and person.name_hy else person.name
        names = [name for name in view.all_names if name != title]
        parts = [
            _in(lang, person, "summary"),
            " · ".join(role.title for role in person.roles),
            " · ".join(_term(lang, place.place) for place in person.origin),
            " · ".join(_term(lang, fact.detail) for fact in view.charges if fact.detail),
        ]
        filters = {
            "kind": WORDS[lang]["people"],
            "status": words.label(view.status),
            "year": str(view.detained.earliest.year) if view.detained else "",
        }
        meta = {"status": words.status_since(view.status, view.status_since)}
        out[lang] = document(lang, title, parts, filters, meta, kind="people", names=names)
    return out


def event_documents(
    event: Event, people: Mapping[str, PersonView], langs: tuple[str, ...] = LANGUAGES
) -> dict[str, str]:
    """An event's document per language: title, date, summary, place, court, charges, people's names."""
    out = {}
    for lang in langs:
        words = Language(lang)
        names = []
        for item in event.people:
            view = people.get(item.person)
            if view is not None:
                names.append(_in(lang, view.person, "name"))
        parts = [
            " · ".join(names),
            _in(lang, event, "summary"),
            _term(lang, event.place),
            _term(lang, event.court),
            " · ".join(_term(lang, charge) for charge in event.charges),
            _in(lang, event, "dispute_note") if event.dispute_note else "",
        ]
        filters = {"kind": WORDS[lang]["events"], "type": words.label(event.type), "year": _year(event.date)}
        meta = {"date": words.date(event.date), "type": words.label(event.type)}
        out[lang] = document(lang, _in(lang, event, "title"), parts, filters, meta, kind="events")
    return out


def source_documents(source: Source, langs: tuple[str, ...] = LANGUAGES) -> dict[str, str]:
    """A source's document per language: title, publisher and the editors' note; it links to its
    entry on the sources page."""
    out = {}
    for lang in langs:
        words = Language(lang)
        parts = [source.publisher, source.via or "", _in(lang, source, "note") if source.note else ""]
        filters = {"kind": WORDS[lang]["sources"], "year": _year(source.published)}
        meta = {
            "link": f"{words.prefix}sources/#{source.id}",
            "date": words.date(source.published) if source.published else "",
            "publisher": source.publisher,
        }
        out[lang] = document(lang, source.title, parts, filters, meta, kind="sources")
    return out


def page_documents(lang: str) -> dict[str, str]:
    """Documents for the home and data pages, whose bodies grow with the record and are not indexed."""
    t = Language(lang).t
    pages = {
        "": (t("Home"), t("An open record of Armenian prisoners held in Azerbaijan")),
        "data/": (t("Data"), t("Download the record as a Frictionless data package")),
    }
    return {path: document(lang, title, [text], {}) for path, (title, text) in pages.items()}


def primary_pages(theme: Mapping[str, Mapping[str, str]]) -> dict[str, str]:
    """URL -> HTML of what the primary index holds: each language's theme pages (language -> URL ->
    HTML, from theme_pages) and its home and data pages (page_documents)."""
    pages: dict[str, str] = {}
    for lang in LANGUAGES:
        prefix = Language(lang).prefix
        pages.update({f"/{prefix}{path}": html for path, html in page_documents(lang).items()})
        pages.update(theme.get(lang, {}))
    return pages


def url_of(kind: str, record_id: str, lang: str) -> str:
    """The site-root-relative URL a record's document is indexed under (a source's is its own, for
    Pagefind; the document's ``link`` says where it is shown)."""
    return f"/{Language(lang).prefix}{kind}/{record_id}/"


# Theme pages --------------------------------------------------------------------------------------

BODY_MARK = "<div data-pagefind-body>"
"""How templates/theme/main.html marks the content of a page the search indexes."""


def theme_pages(lang_site: Path, prefix: str) -> dict[str, str]:
    """URL -> HTML of the theme's pages that are searched (templates/theme/main.html marks their
    article with data-pagefind-body): the hand-written pages of one language."""
    pages = {}
    for path in sorted(lang_site.rglob("*.html")):
        relative = path.relative_to(lang_site).as_posix()
        if prefix == "" and relative.startswith(tuple(f"{lang}/" for lang in LANGUAGES if lang != "en")):
            continue
        html = path.read_text(encoding="utf-8")
        if BODY_MARK in html:
            url = "/" + prefix + relative.removesuffix("index.html")
            pages[url] = html
    return pages


# Bundles ------------------------------------------------------------------------------------------


def bucket_count(records: int, per_bundle: int) -> int:
    """The number of bundles: the smallest power of two that keeps each to about ``per_bundle`` records.
    A power of two, so doubling it splits each bundle in two and leaves the hash of each id as it is."""
    count = 1
    while records > count * per_bundle:
        count *= 2
    return count


def bundle_name(kind: str, record_id: str, count: int) -> str:
    """The bundle a record's documents go in: one of ``count`` buckets of its kind, by a stable hash of its id."""
    number = int.from_bytes(hashlib.sha256(record_id.encode()).digest()[:8], "big") % count
    return f"{kind}-{count}-{number}"


def bundles(documents: Mapping[tuple[str, str], Mapping[str, str]]) -> dict[str, Bundle]:
    """(kind, id) -> language -> document, to bundle name -> URL -> document. Each kind has bundles of its
    own, so the browser can rank people above events, and events above sources (KIND_WEIGHT)."""
    sizes: dict[str, int] = {}
    for kind, _record_id in documents:
        sizes[kind] = sizes.get(kind, 0) + 1
    counts = {kind: bucket_count(size, BUNDLE_RECORDS[kind]) for kind, size in sizes.items()}
    out: dict[str, Bundle] = {}
    for (kind, record_id), by_lang in documents.items():
        name = bundle_name(kind, record_id, counts[kind])
        for lang in by_lang:
            out.setdefault(name, Bundle()).where[url_of(kind, record_id, lang)] = (by_lang, lang)
    return out


class Bundle(Mapping[str, str]):
    """One bundle's documents, URL -> HTML, each taken from its record's documents when read (the pieces
    keep them as UTF-8: every bundle's documents decoded at once would be the whole search text)."""

    def __init__(self) -> None:
        self.where: dict[str, tuple[Mapping[str, str], str]] = {}

    def __getitem__(self, url: str) -> str:
        by_lang, lang = self.where[url]
        return by_lang[lang]

    def __iter__(self) -> Iterator[str]:
        return iter(self.where)

    def __len__(self) -> int:
        return len(self.where)


KIND_WEIGHT = {"people": 2.0, "events": 1.0, "sources": 0.3}
"""How the browser weighs each kind's bundles (Pagefind's indexWeight): a name finds the person first, and
a source (whose title repeats its event's words, in English on the Armenian pages too) after the events."""


def digest(documents: Mapping[str, str]) -> str:
    """The digest of a bundle's documents (and of what shapes its index: Pagefind's version, FORMAT)."""
    hashed = hashlib.sha256(f"{FORMAT}\n{pagefind_version()}\n".encode())
    for url in sorted(documents):
        hashed.update(f"{len(url)}:{url}{len(documents[url])}:".encode())
        hashed.update(documents[url].encode("utf-8"))
    return hashed.hexdigest()


def read_manifest(site_dir: Path) -> dict[str, str]:
    """Bundle name -> digest, of the search index in a built site (empty when it has none)."""
    try:
        manifest = json.loads((site_dir / DIR / MANIFEST).read_text(encoding="utf-8"))
        return {entry["name"]: entry["digest"] for entry in manifest["bundles"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def manifest_text(digests: Mapping[str, str], records: int) -> str:
    """The manifest the browser reads: each bundle's name, weight (by its kind) and digest, and whether
    it is *deferred*: on a record of more than EAGER_SEARCH_RECORDS records, the events' and sources'
    bundles are merged only when the reader asks for them (assets/javascripts/search.js)."""
    entries = []
    for name in sorted(digests):
        kind = name.split("-")[0]
        entry: dict[str, Any] = {"name": name, "weight": KIND_WEIGHT[kind], "digest": digests[name]}
        if kind != "people" and records > EAGER_SEARCH_RECORDS:
            entry["deferred"] = True
        entries.append(entry)
    return json.dumps({"bundles": entries}, separators=(",", ":")) + "\n"


def write_index(
    site_dir: Path,
    documents: Mapping[tuple[str, str], Mapping[str, str]],
    pages: Mapping[str, str],
    previous: Path | None,
) -> dict[str, str]:
    """The whole search folder into site_dir/pagefind: the primary index over ``pages`` (URL -> HTML:
    the theme's pages and page_documents), and every bundle of ``documents``, copied from the
    ``previous`` site when its digest there is the same. Returns bundle name -> digest."""
    search_dir = site_dir / DIR
    run_pagefind(dict(pages), search_dir, keep=PRIMARY_FILES)
    old = read_manifest(previous) if previous is not None else {}
    digests = {}
    todo = []
    for name, bundle in sorted(bundles(documents).items()):
        digests[name] = digest(bundle)
        if old.get(name) == digests[name] and previous is not None and (previous / DIR / name).is_dir():
            _link_tree(previous / DIR / name, search_dir / name)
        else:
            todo.append((bundle, search_dir / name))
    _index_bundles(todo)
    (search_dir / MANIFEST).write_text(manifest_text(digests, len(documents)), encoding="utf-8")
    return digests


def _index_bundles(todo: list[tuple[Mapping[str, str], Path]]) -> None:
    """Index each (documents, folder), one Pagefind process per core at a time: one process indexes
    a bundle on little more than one core, and the bundles share nothing."""
    if len(todo) < 2:
        for bundle, out in todo:
            run_pagefind(bundle, out)
        return
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for future in [pool.submit(run_pagefind, bundle, out) for bundle, out in todo]:
            future.result()  # the first failure, as run_pagefind raised it


def updated_files(
    site_dir: Path, work: Path, documents: Mapping[tuple[str, str], Mapping[str, str]]
) -> dict[str, Path | None]:
    """For an update in place: site-relative path -> new file (in ``work``), or None for a file to
    delete, for every bundle whose documents changed since ``site_dir`` was built (and the manifest)."""
    old = read_manifest(site_dir)
    new_bundles = bundles(documents)
    digests = {name: digest(bundle) for name, bundle in new_bundles.items()}
    changed: dict[str, Path | None] = {}
    todo = []
    for name in sorted(set(old) | set(digests)):
        if old.get(name) == digests.get(name):
            continue
        before = site_dir / DIR / name
        if before.is_dir():
            for path in before.rglob("*"):
                if path.is_file():
                    changed[path.relative_to(site_dir).as_posix()] = None
        if name in digests:
            todo.append((new_bundles[name], work / DIR / name))
    _index_bundles(todo)
    for _, out in todo:
        for path in sorted(out.rglob("*")):
            if path.is_file():
                changed[path.relative_to(work).as_posix()] = path
    if changed:
        manifest = work / DIR / MANIFEST
        manifest.parent.mkdir(parents=True, exist_ok=True)
        manifest.write_text(manifest_text(digests, len(documents)), encoding="utf-8")
        changed[f"{DIR}/{MANIFEST}"] = manifest
    return changed


def _link_tree(source: Path, target: Path) -> None:
    """Hard-link a bundle's files from the previous output (copy where links are not possible)."""
    for path in sorted(source.rglob("*")):
        destination = target / path.relative_to(source)
        if path.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, destination)
        except OSError:
            shutil.copy2(path, destination)


# Pagefind -----------------------------------------------------------------------------------------


def executable() -> Path:
    """Pagefind's binary, as the pagefind-bin package ships it."""
    from pagefind_bin import get_executable

    return Path(get_executable())


def pagefind_version() -> str:
    import importlib.metadata

    return importlib.metadata.version("pagefind_bin")


def _message(number: int, payload: dict[str, Any]) -> bytes:
    return base64.b64encode(json.dumps({"message_id": number, "payload": payload}).encode("utf-8")) + b","


def run_pagefind(documents: Mapping[str, str], out_dir: Path, keep: tuple[str, ...] = ()) -> None:
    """Index ``documents`` (URL -> HTML) into out_dir with one Pagefind process, in URL order; keep
    Pagefind's index files and, of its scripts, ``keep``; make the output canonical.

    Pagefind hands the files back in its answer (GetFiles) and this writes them: its own WriteFiles
    leaves writes in flight when the service exits, so a file could be found empty."""
    requests = [_message(0, {"type": "NewIndex", "config": {}})]
    for number, url in enumerate(sorted(documents), start=1):
        payload = {"type": "AddFile", "index_id": 0, "url": url, "file_contents": documents[url]}
        requests.append(_message(number, payload))
    requests.append(_message(len(requests), {"type": "GetFiles", "index_id": 0}))
    answers, problem = _serve(requests)
    files = answers[-1].get("files") if answers and answers[-1].get("type") == "GetFiles" else None
    errors = [str(answer.get("message")) for answer in answers if answer.get("type") == "Error"]
    if errors or files is None:
        raise BuildFailed(f"Pagefind could not index {out_dir.name}: {'; '.join(errors[:3]) or problem}")
    staging = out_dir.with_name(out_dir.name + ".pagefind")
    shutil.rmtree(staging, ignore_errors=True)
    for file in files:
        relative = Path(file["path"])
        top = relative.parts[0]
        if top in keep or top in INDEX_PARTS or top.endswith(".pf_meta"):
            (staging / relative).parent.mkdir(parents=True, exist_ok=True)
            (staging / relative).write_bytes(base64.b64decode(file["content"]))
    canonical_filters(staging)
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging.rename(out_dir)


def _serve(requests: list[bytes]) -> tuple[list[dict[str, Any]], str]:
    """Send every request to one ``pagefind --service`` and read its answers (one per request, in
    order): the answers' payloads, and what went wrong when some are missing."""
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [str(executable()), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log
        )
        assert process.stdin is not None and process.stdout is not None

        def feed() -> None:
            with contextlib.suppress(BrokenPipeError):
                for request in requests:
                    process.stdin.write(request)
                process.stdin.flush()

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        answers: list[dict[str, Any]] = []
        pending, scanned = bytearray(), 0
        while len(answers) < len(requests):
            chunk = process.stdout.read1(1 << 20)
            if not chunk:
                break
            pending += chunk
            while (end := pending.find(b",", scanned)) != -1:
                answers.append(json.loads(base64.b64decode(pending[:end])).get("payload", {}))
                del pending[: end + 1]
                scanned = 0
            scanned = len(pending)
        writer.join()
        with contextlib.suppress(BrokenPipeError):
            process.stdin.close()
        process.wait()
        log.seek(0)
        said = log.read().decode("utf-8", errors="replace").strip().splitlines()
    return answers, (said[-1] if said else f"it stopped (exit status {process.returncode})")


# Canonical output ---------------------------------------------------------------------------------

SIGNATURE = b"pagefind_dcd"
"""What Pagefind puts before the CBOR of each index file (inside its gzip)."""


def _cbor_decode(data: bytes, at: int = 0) -> tuple[Any, int]:
    """The CBOR Pagefind writes (unsigned and negative integers, text, byte strings, arrays)."""
    major, info = data[at] >> 5, data[at] & 0x1F
    at += 1
    if info < 24:
        value = info
    else:
        size = 1 << (info - 24)
        value = int.from_bytes(data[at : at + size], "big")
        at += size
    if major == 0:
        return value, at
    if major == 1:
        return -1 - value, at
    if major in (2, 3):
        raw = data[at : at + value]
        return (raw if major == 2 else raw.decode("utf-8")), at + value
    if major == 4:
        items = []
        for _ in range(value):
            item, at = _cbor_decode(data, at)
            items.append(item)
        return items, at
    raise ValueError(f"unexpected CBOR major type {major}")


def _cbor_head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | info]) + value.to_bytes(size, "big")
    raise ValueError(value)


def _cbor_encode(value: Any) -> bytes:
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return _cbor_head(0, value) if value >= 0 else _cbor_head(1, -1 - value)
    if isinstance(value, bytes):
        return _cbor_head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _cbor_head(3, len(raw)) + raw
    return _cbor_head(4, len(value)) + b"".join(_cbor_encode(item) for item in value)


def _read_index_file(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise BuildFailed(f"{path.name}: not a Pagefind index file")
    return _cbor_decode(data, len(SIGNATURE))[0]


def _write_index_file(folder: Path, prefix: str, stem: str, suffix: str, value: Any, digits: int) -> str:
    """Write value as Pagefind does (signature, CBOR, gzip), named by its content; returns the name's hash."""
    data = SIGNATURE + _cbor_encode(value)
    name = f"{stem}_{hashlib.sha256(data).hexdigest()[:digits]}"
    (folder / f"{prefix}{name}{suffix}").write_bytes(gzip.compress(data, mtime=0))
    return name


def canonical_filters(bundle: Path) -> None:
    """Sort each filter's values and each language's list of filters (Pagefind writes them in hash-map
    order, different on every run), renaming the files by their new content, and the entry file's
    languages by name."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, index in entry["languages"].items():
        meta_path = bundle / f"pagefind.{index['hash']}.pf_meta"
        meta = _read_index_file(meta_path)
        filters = []
        for name, chunk_hash in meta[3]:
            chunk_path = bundle / "filter" / f"{chunk_hash}.pf_filter"
            chunk = _read_index_file(chunk_path)
            chunk[1] = sorted(chunk[1], key=lambda value: value[0])
            chunk_path.unlink()
            filters.append([name, _write_index_file(bundle / "filter", "", language, ".pf_filter", chunk, 7)])
        meta[3] = sorted(filters)
        meta_path.unlink()
        index["hash"] = _write_index_file(bundle, "pagefind.", language, ".pf_meta", meta, 10)
    entry["languages"] = dict(sorted(entry["languages"].items()))
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def indexed_pages(site_dir: Path) -> list[dict[str, Any]]:
    """What a built site's search holds: every indexed page's fragment (Pagefind's url, content, meta
    and filters), with ``language`` added; for checks and tests."""
    pages = []
    for fragment in sorted((site_dir / DIR).rglob("fragment/*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        page = json.loads(data[len(SIGNATURE) :] if data.startswith(SIGNATURE) else data)
        page["language"] = fragment.name.split("_")[0]
        pages.append(page)
    return pages
