"""Citation kit: how to cite a page or the data set (text, BibTeX, CSL-JSON), Highwire tags, and JSON-LD.

What reference managers read, and why the tags are as they are:

- Zotero's Embedded Metadata translator types a page as a journal article when it sees
  ``citation_journal_title`` (or only ``citation_title``); an ``og:type`` of ``website`` makes it a
  web page and a ``DC.type`` of ``Dataset`` a dataset. It splits every ``citation_author`` into a
  first and last name at the last space, unless the name holds a comma: written ``Name,`` the whole
  organisation name becomes the last name, with no first name.
- BibTeX's standard styles (plain, apalike) print neither ``url`` nor biblatex's ``date`` and
  ``version``: the address goes in ``howpublished`` as ``\\url{…}``, the version in ``note``. The access
  date is the reader's, so it is left out rather than described.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass
from typing import Any

from markupsafe import escape

from tracker.package import PUBLISHER, TITLE

SITE_TITLE = TITLE
HIGHWIRE_AUTHOR = f"{PUBLISHER},"
"""The organisation as ``citation_author``: the trailing comma keeps it whole in Zotero (see above)."""
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
"""BibTeX's month macros, which every standard style spells out in its own language."""
WORDS = {
    "en": {"version": "data version", "changed": "Last changed", "accessed": "accessed [date]", "dataset": "Data set"},
    "hy": {
        "version": "տվյալների տարբերակ",
        "changed": "Վերջին փոփոխությունը՝",
        "accessed": "դիտվել է [date]",
        "dataset": "Տվյալների հավաքածու",
    },
}
"""The few words of a formatted citation, per page language."""


@dataclass(frozen=True)
class Citation:
    """Everything a reader needs to cite one page."""

    key: str
    """The BibTeX key and CSL-JSON id: distinct per page and language, so a library can hold both twins."""
    text: str
    bibtex: str
    csl: str
    highwire: list[tuple[str, str]]
    url: str
    version: str = ""
    """The data version a page was built from (kept for download at /data/releases/<version>/)."""

    @property
    def bibtex_href(self) -> str:
        """A data: URL, so the download needs no file of its own (a third of a 60,000-page build's writes).

        Base64 rather than percent-encoding: encoding runs in C, and percent-encoding was a tenth of
        the time spent on a page."""
        return "data:application/x-bibtex;charset=utf-8;base64," + _base64(self.bibtex + "\n")

    @property
    def csl_href(self) -> str:
        return "data:application/vnd.citationstyles.csl+json;charset=utf-8;base64," + _base64(self.csl + "\n")


def meta_tags(pairs: list[tuple[str, str]]) -> str:
    """The tags as <meta> elements (Open Graph names go in ``property``, as its protocol asks)."""
    return "\n".join(
        f'<meta {"property" if name.startswith("og:") else "name"}="{escape(name)}" content="{escape(value)}">'
        for name, value in pairs
    )


def _base64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def _bibtex_escape(text: str) -> str:
    return re.sub(r"([{}\\&%$#_])", r"\\\1", text)


def citation_key(name: str, year: str, lang: str) -> str:
    """``alyosha_khosrovyan_2026`` for the English page, ``…_2026_hy`` for its Armenian twin."""
    key = f"{name.replace('-', '_').replace('.', '_')}_{year}"
    return key if lang == "en" else f"{key}_{lang}"


def _bibtex(key: str, title: str, url: str, changed: str, note: str) -> str:
    return "\n".join(
        [
            f"@misc{{{key},",
            f"  author = {{{{{_bibtex_escape(PUBLISHER)}}}}},",
            f"  title = {{{{{_bibtex_escape(title)}}}}},",
            f"  howpublished = {{\\url{{{url}}}}},",
            f"  year = {{{changed[:4]}}},",
            f"  month = {MONTHS[int(changed[5:7]) - 1]},",
            f"  note = {{{_bibtex_escape(note)}}},",
            f"  url = {{{url}}}",
            "}",
        ]
    )


def _issued(changed: str) -> dict[str, Any]:
    return {"date-parts": [[int(part) for part in changed.split("-")]]}


def page_citation(
    title: str, url: str, version: str, changed: str, record_id: str, lang: str = "en", site_title: str = SITE_TITLE
) -> Citation:
    """A citation for a record page in its language. ``changed`` is YYYY-MM-DD; the reader adds the
    access date. ``site_title``: the site's name in the page's language."""
    words = WORDS[lang]
    key = citation_key(record_id, changed[:4], lang)
    text = (
        f"{PUBLISHER}. “{title}”. {site_title}, {words['version']} {version}. "
        f"{words['changed']} {changed}. {url} ({words['accessed']})."
    )
    note = f"{site_title}, {words['version']} {version}"
    csl = {
        "id": key,
        "type": "webpage",
        "title": title,
        "container-title": site_title,
        "author": [{"literal": PUBLISHER}],
        "publisher": PUBLISHER,
        "issued": _issued(changed),
        "version": version,
        "language": lang,
        "URL": url,
    }
    slashed = changed.replace("-", "/")
    highwire = [
        ("og:type", "website"),
        ("citation_title", title),
        ("citation_author", HIGHWIRE_AUTHOR),
        ("citation_publication_date", slashed),
        ("citation_date", slashed),
        ("citation_online_date", slashed),
        ("citation_publisher", PUBLISHER),
        ("citation_public_url", url),
        ("citation_language", lang),
    ]
    bibtex = _bibtex(key, title, url, changed, note)
    return Citation(key, text, bibtex, json.dumps([csl], ensure_ascii=False, indent=2), highwire, url, version)


def dataset_citation(title: str, url: str, version: str, released: str, lang: str = "en") -> Citation:
    """A citation of the data set as a whole, at one version; ``released``: that version's day."""
    words = WORDS[lang]
    key = citation_key(f"armenian_prisoners_record_{version}", released[:4], lang)
    text = f"{PUBLISHER} ({released[:4]}). {title} ({words['version']} {version}) [{words['dataset']}]. {url}"
    csl = {
        "id": key,
        "type": "dataset",
        "title": title,
        "author": [{"literal": PUBLISHER}],
        "publisher": PUBLISHER,
        "issued": _issued(released),
        "version": version,
        "language": lang,
        "URL": url,
    }
    slashed = released.replace("-", "/")
    highwire = [
        ("DC.type", "Dataset"),
        ("citation_title", title),
        ("citation_author", HIGHWIRE_AUTHOR),
        ("citation_date", slashed),
        ("citation_publisher", PUBLISHER),
        ("citation_public_url", url),
        ("citation_language", lang),
    ]
    bibtex = _bibtex(key, title, url, released, f"{words['dataset']}, {words['version']} {version}")
    return Citation(key, text, bibtex, json.dumps([csl], ensure_ascii=False, indent=2), highwire, url)


def _script_safe(document: dict[str, Any]) -> str:
    text = json.dumps(document, ensure_ascii=False, sort_keys=True)
    # "</script>" or "<!--" inside a string must not end the element early.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def dataset_id(site_url: str) -> str:
    """The data set's node id, shared by the home and data pages' Dataset and every event page."""
    return f"{site_url}data/#dataset"


def dataset_jsonld(descriptor: dict[str, Any], site_url: str, coverage: str) -> str:
    """schema.org Dataset for the home and data pages; safe to place inside a <script> element."""
    data_url = f"{site_url}data/"
    distribution = [
        {
            "@type": "DataDownload",
            "name": resource["name"],
            "encodingFormat": resource.get("mediatype", "text/csv"),
            "contentUrl": data_url + resource["path"],
        }
        for resource in descriptor.get("resources", [])
    ]
    distribution.append(
        {
            "@type": "DataDownload",
            "name": "datapackage",
            "encodingFormat": "application/json",
            "contentUrl": f"{data_url}datapackage.json",
        }
    )
    distribution.append(
        {
            "@type": "DataDownload",
            "name": "everything (zip)",
            "encodingFormat": "application/zip",
            "contentUrl": f"{data_url}{descriptor.get('name', 'data')}.zip",
        }
    )
    document = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": dataset_id(site_url),
        "name": descriptor.get("title", SITE_TITLE),
        "description": descriptor.get("description", ""),
        "url": site_url,
        "license": "https://creativecommons.org/licenses/by/4.0/",
        "creator": {"@type": "Organization", "name": PUBLISHER, "url": site_url},
        "version": descriptor.get("version", ""),
        "temporalCoverage": coverage,
        "keywords": descriptor.get("keywords", []),
        "isAccessibleForFree": True,
        "distribution": distribution,
    }
    return _script_safe(document)


@dataclass(frozen=True)
class CitedSource:
    """A source an event page cites, as its JSON-LD gives it."""

    title: str
    url: str
    publisher: str
    published: str | None


ISO_DAY = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _iso_date(edtf: str | None) -> tuple[str | None, str | None]:
    """(start, end) as ISO 8601 dates for a plain EDTF date or range; nothing for approximate or uncertain
    dates, which ISO 8601 (and so schema.org) cannot say."""
    start, _, end = (edtf or "").partition("/")
    if not all(ISO_DAY.fullmatch(part) for part in (start, end) if part):
        return None, None
    return start or None, end or None


def event_jsonld(
    *,
    url: str,
    site_url: str,
    title: str,
    summary: str,
    date: str | None,
    place: str | None,
    lang: str,
    changed: str,
    people: list[tuple[str, str]],
    sources: list[CitedSource],
) -> str:
    """schema.org for an event page: the page (a part of the Dataset, citing its sources) about the
    event it records. Only what the page states; ``people``: (name, page URL) of those concerned."""
    event: dict[str, Any] = {"@type": "Event", "name": title, "description": summary}
    start, end = _iso_date(date)
    if start:
        event["startDate"] = start
    if end:
        event["endDate"] = end
    if place:
        event["location"] = {"@type": "Place", "name": place}
    if people:
        event["about"] = [{"@type": "Person", "name": name, "url": page} for name, page in people]
    citations = []
    for source in sources:
        work: dict[str, Any] = {"@type": "CreativeWork", "name": source.title, "url": source.url}
        work["publisher"] = {"@type": "Organization", "name": source.publisher}
        published, _ = _iso_date(source.published)
        if published:
            work["datePublished"] = published
        citations.append(work)
    page = {
        "@type": "WebPage",
        "@id": url,
        "url": url,
        "name": title,
        "inLanguage": lang,
        "dateModified": changed,
        "publisher": {"@type": "Organization", "name": PUBLISHER, "url": site_url},
        "isPartOf": {"@id": dataset_id(site_url)},
        "about": event,
        "citation": citations,
    }
    dataset = {"@type": "Dataset", "@id": dataset_id(site_url), "name": SITE_TITLE, "hasPart": {"@id": url}}
    return _script_safe({"@context": "https://schema.org", "@graph": [page, dataset]})
