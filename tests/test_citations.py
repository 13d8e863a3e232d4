"""Issue 17, citable in every reference manager: what Zotero reads from a page, BibTeX that standard
styles print, keys per language, the data set's own citation, feeds dated by commit time, hreflang
twins, event JSON-LD, and nothing loaded that a page does not use.

Zotero's rules below restate those of its "Embedded Metadata.js" translator and the "RDF.js" import it
hands meta tags to (github.com/zotero/translators, commit 2814370161d0, 2026-06-26), and of
``Zotero.Utilities.cleanAuthor`` (github.com/zotero/utilities): only the parts that decide what this
site's tags become. No code of theirs is copied here.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import bibtexparser
import pytest
from conftest import ATOM, ROOT, SITE_URL, VALID_RECORDS, Head, build_ok, git, serve
from pybtex.backends.plaintext import Backend as PlainText
from pybtex.database import parse_string
from pybtex.plugin import find_plugin

from tracker import cite
from tracker.package import PUBLISHER, current_version

# Zotero's Embedded Metadata translator ------------------------------------------------------------

RDF_PREFIXES = {"bib", "bibo", "dc", "dcterms", "prism", "foaf", "vcard", "link", "z", "eprint", "eprints", "og"}
RDF_PREFIXES |= {"article", "book", "music", "video", "so", "codemeta", "rdf"}
"""The prefixes whose meta tags it passes to the RDF import (``_prefixes``)."""
HIGHWIRE_TYPES = {
    "citation_journal_title": "journalArticle",
    "citation_technical_report_institution": "report",
    "citation_conference_title": "conferencePaper",
    "citation_conference": "conferencePaper",
    "citation_book_title": "bookSection",
    "citation_inbook_title": "bookSection",
    "citation_dissertation_institution": "thesis",
}
"""Highwire tags that fix the item type (``hwType``), whatever else the page says."""
HIGHWIRE_GUESSES = {"citation_title": "journalArticle", "citation_series_title": "journalArticle"}
"""Tags that make it guess a type (``hwTypeGuess``): used when nothing better is found."""
OG_TYPES = {"website": "webpage", "book": "book", "video.movie": "videoRecording", "music.song": "audioRecording"}
DC_TYPES = {"webpage": "webpage", "homepage": "webpage", "dataset": "dataset", "article": "journalArticle"}
"""What RDF.js makes of og:type and (lower-cased, spaces removed) dc.type: the values that matter here."""


def zotero_item_type(tags: list[tuple[str, str]]) -> str | None:
    """The item type Embedded Metadata gives a page with these meta tags (name or property, content)."""
    hw_type = guess = None
    statements: dict[str, str] = {}
    for name, value in tags:
        for tag in name.split():
            parts = re.split(r"[.:_]", tag)
            prefix = parts[1].lower() if len(parts) > 2 and parts[1].lower() in RDF_PREFIXES else ""
            prefix = prefix or parts[0].lower()
            if prefix in RDF_PREFIXES:
                statements.setdefault(f"{prefix}:{parts[-1].lower()}", value)
                continue
            short = tag[tag.rfind("citation_") :]
            hw_type = HIGHWIRE_TYPES.get(short, hw_type)
            guess = guess or HIGHWIRE_GUESSES.get(short)
    if not statements:
        return hw_type or guess
    if hw_type:
        return hw_type  # "hwTypes are generally most accurate", and swapped in at the end
    # RDF.js detectType: og outranks dc, and both outrank the default (the Highwire guess).
    og = OG_TYPES.get(statements.get("og:type", ""))
    dc = DC_TYPES.get(statements.get("dc:type", "").lower().replace(" ", ""))
    return og or dc or guess or "webpage"


def clean_author(author: str, use_comma: bool) -> tuple[str, str]:
    """(first name, last name) as cleanAuthor splits a name."""
    author = re.sub(r"^[\s\u00a0.,/\[\]:]+", "", author)
    author = re.sub(r"[\s\u00a0.,/\[\]:]+$", "", author)
    author = re.sub(r"[\s\u00a0]+", " ", author, count=1)
    if use_comma:
        names = re.split(r"[,،] ?", author)
        return (names[1], names[0]) if len(names) > 1 else ("", author)
    index = len(author)
    while True:  # at the last space before a word that starts with a letter
        index = author.rfind(" ", 0, index)
        last, first = author[index + 1 :], author[:index] if index >= 0 else ""
        if index <= 0 or last[:1].isalpha():
            return first, last


def zotero_creators(tags: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (first, last) names Embedded Metadata makes of the citation_author tags."""
    nodes = [value for name, value in tags if name == "citation_author"]
    creators = []
    for node in nodes:
        names = re.split(r"\s*;\s*", node)
        if len(names) == 1 and len(nodes) == 1:
            by_comma = re.split(r"\s*,\s*", names[0])
            if len(by_comma) > 1 and " " in by_comma[0] and " " in by_comma[1]:
                names = by_comma
        for name in names:
            name = name.strip()
            if name and re.search(r"[^\s,\-.;]", name):
                creators.append(clean_author(name, "," in name))
    return creators


def zotero_fields(tags: list[tuple[str, str]]) -> dict[str, str]:
    """The Highwire fields that become the item's date, URL and language (HIGHWIRE_MAPPINGS)."""
    mapping = {"citation_date": "date", "citation_public_url": "url", "citation_language": "language"}
    return {mapping[name]: value for name, value in tags if name in mapping}


def test_the_zotero_rules_fire_on_what_the_site_used_to_write() -> None:
    """The restated rules see the faults the issue reports: a journal article, an author cut in two."""
    before = [("citation_title", "A page"), ("citation_journal_title", cite.SITE_TITLE)]
    assert zotero_item_type(before) == "journalArticle"
    assert zotero_item_type([("citation_title", "A page")]) == "journalArticle"
    assert zotero_creators([("citation_author", PUBLISHER)]) == [
        ("Armenian prisoners held in Azerbaijan (open record", "project)")
    ]
    assert zotero_creators([("citation_author", "Ada Lovelace; Alan Turing")]) == [
        ("Ada", "Lovelace"),
        ("Alan", "Turing"),
    ]


def record_pages(site: Path) -> list[str]:
    """Site-relative URLs of every person and event page, in both languages."""
    return [
        f"{prefix}{kind}/{folder.name}/"
        for prefix in ("", "hy/")
        for kind in ("people", "events")
        for folder in sorted((site / prefix / kind).iterdir())
        if (folder / "index.html").is_file() and "noindex" not in (folder / "index.html").read_text("utf-8")
    ]


def page_tags(site: Path, url: str) -> tuple[Head, list[tuple[str, str]]]:
    head = Head((site / url / "index.html").read_text("utf-8"))
    return head, [(m.get("name") or m.get("property", ""), m.get("content", "")) for m in head.meta]


def test_zotero_saves_record_pages_as_web_pages_with_one_organisation_author(real_site: Path) -> None:
    pages = record_pages(real_site)
    assert len(pages) > 100
    for url in pages:
        _, tags = page_tags(real_site, url)
        lang = "hy" if url.startswith("hy/") else "en"
        assert zotero_item_type(tags) == "webpage", url
        assert zotero_creators(tags) == [("", PUBLISHER)], url
        fields = zotero_fields(tags)
        assert fields["url"] == f"{SITE_URL}{url}", url
        assert fields["language"] == lang, url
        assert re.fullmatch(r"\d{4}/\d{2}/\d{2}", fields["date"]), url


@pytest.mark.parametrize("url", ["data/", "hy/data/"])
def test_zotero_saves_the_data_page_as_a_dataset(real_site: Path, url: str) -> None:
    _, tags = page_tags(real_site, url)
    assert zotero_item_type(tags) == "dataset"
    assert zotero_creators(tags) == [("", PUBLISHER)]
    fields = zotero_fields(tags)
    assert fields["url"] == f"{SITE_URL}{url}" and fields["language"] == url[:2].replace("da", "en")


# BibTeX and CSL-JSON ------------------------------------------------------------------------------


def blocks(text: str) -> tuple[str, list[dict]]:
    """A page's BibTeX block and its CSL-JSON items."""
    found = [html.unescape(b) for b in re.findall(r"<pre[^>]*><code>(.*?)</code></pre>", text, re.DOTALL)]
    bibtex = [b for b in found if b.startswith("@")]
    csl = [json.loads(b) for b in found if b.lstrip().startswith("[")]
    assert len(bibtex) == 1 and len(csl) == 1, "one BibTeX and one CSL-JSON block"
    return bibtex[0], csl[0]


def plain_style(bibtex: str) -> str:
    """The entry as BibTeX's plain style prints it (pybtex's implementation, as plain text). plain.bst
    prints no ``url`` field, so it is taken out first: the address must show without it."""
    without_url = re.sub(r"^\s*url = \{[^}]*\},?\n", "", bibtex, flags=re.MULTILINE)
    style = find_plugin("pybtex.style.formatting", "plain")()
    entries = list(style.format_bibliography(parse_string(without_url, "bibtex")).entries)
    assert len(entries) == 1
    return entries[0].text.render(PlainText())


def test_bibtex_parses_and_plain_style_prints_the_url_without_instructions(real_site: Path) -> None:
    keys: dict[str, str] = {}
    for url in record_pages(real_site):
        bibtex, csl = blocks((real_site / url / "index.html").read_text("utf-8"))
        library = bibtexparser.parse_string(bibtex)
        assert not library.failed_blocks, f"{url}: {library.failed_blocks}"
        (entry,) = library.entries
        assert entry.entry_type == "misc" and entry.fields_dict["url"].value == f"{SITE_URL}{url}"
        assert not {"date", "version", "urldate"} & set(entry.fields_dict), f"{url}: biblatex-only fields"
        printed = plain_style(bibtex)
        assert f"{SITE_URL}{url}" in printed, f"{url}: plain prints no address: {printed}"
        assert printed.startswith(f"{PUBLISHER}. "), f"{url}: the author is not kept whole: {printed}"
        assert f"data version {current_version()}" in printed or "տարբերակ" in printed, printed
        assert not re.search(r"(?i)accessed on|the date you read", bibtex), f"{url}: an instruction in BibTeX"
        assert csl[0]["id"] == entry.key and csl[0]["author"] == [{"literal": PUBLISHER}]
        assert entry.key not in keys, f"{url} and {keys.get(entry.key)} share the key {entry.key}"
        keys[entry.key] = url
    assert any(key.endswith("_hy") for key in keys), "Armenian twins have keys of their own"


@pytest.mark.parametrize("url", ["data/", "hy/data/"])
def test_the_data_page_cites_the_data_set_with_its_version(real_site: Path, url: str) -> None:
    bibtex, csl = blocks((real_site / url / "index.html").read_text("utf-8"))
    (entry,) = bibtexparser.parse_string(bibtex).entries
    version = current_version()
    assert entry.fields_dict["url"].value == f"{SITE_URL}{url}"
    assert version in entry.fields_dict["note"].value
    assert f"{SITE_URL}{url}" in plain_style(bibtex)
    assert csl[0]["type"] == "dataset" and csl[0]["version"] == version and csl[0]["id"] == entry.key
    assert csl[0]["language"] == ("hy" if url.startswith("hy/") else "en")


# Languages ----------------------------------------------------------------------------------------


def test_armenian_pages_say_armenian_and_link_their_english_twin(real_site: Path) -> None:
    pages = [path for path in sorted((real_site / "hy").rglob("index.html")) if "/assets/" not in path.as_posix()]
    checked = 0
    for path in pages:
        text = path.read_text("utf-8")
        if 'name="robots" content="noindex"' in text:
            continue
        url = path.parent.relative_to(real_site).as_posix() + "/"
        assert '<html lang="hy"' in text, url
        head, tags = page_tags(real_site, url)
        languages = [value for name, value in tags if name == "citation_language"]
        assert languages in ([], ["hy"]), (url, languages)
        alternates = {link["hreflang"]: link["href"] for link in head.links if "hreflang" in link}
        twin = url.removeprefix("hy/")
        assert alternates == {"hy": f"{SITE_URL}{url}", "en": f"{SITE_URL}{twin}", "x-default": f"{SITE_URL}{twin}"}
        assert (real_site / twin / "index.html").is_file(), f"{url}: its twin {twin} does not exist"
        english = Head((real_site / twin / "index.html").read_text("utf-8"))
        assert {link["hreflang"]: link["href"] for link in english.links if "hreflang" in link}["hy"] == alternates[
            "hy"
        ]
        checked += 1
    assert checked > 100


# Feeds --------------------------------------------------------------------------------------------

START = dt.datetime(2024, 1, 10, 9, 15, tzinfo=dt.UTC)
EDITED = sorted(path.stem for path in (VALID_RECORDS / "events").glob("*.json"))[0]
"""The event edited last (the oldest file)."""


@pytest.fixture(scope="module")
def feed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture records committed one event at a time, an hour apart, then one event edited."""
    repo = tmp_path_factory.mktemp("feeds") / "repo"
    (repo / "records").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    for kind in ("people", "sources"):
        shutil.copytree(VALID_RECORDS / kind, repo / "records" / kind)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "People and sources", when=START.isoformat())
    (repo / "records" / "events").mkdir()
    events = sorted((VALID_RECORDS / "events").glob("*.json"))
    for hour, path in enumerate(events, start=1):
        shutil.copy(path, repo / "records" / "events" / path.name)
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", f"Add {path.stem}", when=(START + dt.timedelta(hours=hour)).isoformat())
    edited = repo / "records" / "events" / f"{EDITED}.json"
    edited.write_text(edited.read_text("utf-8").replace('"summary": "', '"summary": "Edited. ', 1), "utf-8")
    git(repo, "commit", "-qam", "Edit the oldest event", when=(START + dt.timedelta(days=3)).isoformat())
    return build_ok(repo / "records", repo.parent / "site", epoch=None)


def entries(path: Path) -> list[tuple[str, dt.datetime, dt.datetime]]:
    """(id, published, updated) of a feed's entries, in the feed's order."""
    root = ET.parse(path).getroot()
    return [
        (
            entry.findtext(f"{ATOM}id") or "",
            dt.datetime.fromisoformat(entry.findtext(f"{ATOM}published") or ""),
            dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated") or ""),
        )
        for entry in root.findall(f"{ATOM}entry")
    ]


@pytest.mark.parametrize("feed", ["feed.xml", "hy/feed.xml", "people/test-person-one/feed.xml"])
def test_feed_entries_carry_distinct_commit_times_newest_first(feed_site: Path, feed: str) -> None:
    found = entries(feed_site / feed)
    assert len(found) >= 2
    updated = [when for _, _, when in found]
    assert len(set(updated)) == len(updated), f"{feed}: entries share a date: {updated}"
    assert updated == sorted(updated, reverse=True), f"{feed}: not newest first"
    assert all(published <= when for _, published, when in found)
    assert {when.minute for when in updated} == {15}, "the commit's time, not the day's midnight"
    edited = [entry for entry in found if entry[0].endswith(f"/events/{EDITED}/")]
    if edited:  # published when first committed, updated since, and so first
        assert edited[0] == found[0] and found[0][2] - found[0][1] > dt.timedelta(days=2), found[0]
    prefix = f"{SITE_URL}hy/events/" if feed.startswith("hy/") else f"{SITE_URL}events/"
    assert all(entry_id.startswith(prefix) for entry_id, _, _ in found), feed


def test_the_armenian_site_feed_is_in_armenian(feed_site: Path) -> None:
    root = ET.parse(feed_site / "hy" / "feed.xml").getroot()
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "hy"
    assert re.search("[\u0530-\u058f]", root.findtext(f"{ATOM}title") or "")
    assert [e[0].replace("/hy/", "/") for e in entries(feed_site / "hy" / "feed.xml")] == [
        e[0] for e in entries(feed_site / "feed.xml")
    ]


def test_the_real_site_feed_is_ordered_with_dated_events_first_among_ties(real_site: Path) -> None:
    """Records committed together share a time: among them the feed lists events by their own date,
    undated ones last (it used to open with undated counts, and cut by id)."""
    dated = {
        p.stem: bool(json.loads(p.read_text("utf-8")).get("date")) for p in (ROOT / "records" / "events").glob("*.json")
    }
    found = entries(real_site / "feed.xml")
    updated = [when for _, _, when in found]
    assert updated == sorted(updated, reverse=True)
    flags = [(when, dated[entry_id.rstrip("/").rsplit("/", 1)[-1]]) for entry_id, _, when in found]
    for (when, is_dated), (next_when, next_dated) in itertools.pairwise(flags):
        assert when != next_when or is_dated or not next_dated, "an undated event before a dated one"


# Structured data ----------------------------------------------------------------------------------


def test_event_pages_describe_the_event_citing_its_sources(real_site: Path) -> None:
    home = json.loads(Head((real_site / "index.html").read_text("utf-8")).jsonld[0])
    events = [url for url in record_pages(real_site) if "/events/" in f"/{url}"]
    for url in events:
        head = Head((real_site / url / "index.html").read_text("utf-8"))
        assert len(head.jsonld) == 1, url
        document = json.loads(head.jsonld[0])
        page, dataset = document["@graph"]
        assert page["@type"] == "WebPage" and page["url"] == f"{SITE_URL}{url}"
        assert page["isPartOf"] == {"@id": home["@id"]} and dataset["@id"] == home["@id"]
        assert dataset["@type"] == "Dataset" and dataset["hasPart"] == {"@id": page["@id"]}
        assert page["about"]["@type"] == "Event" and page["about"]["name"]
        text = (real_site / url / "index.html").read_text("utf-8")
        cited = re.findall(r'<[ou]l class="citations">(.*?)</[ou]l>', text, re.DOTALL)[0]
        sources = re.findall(r'<li[^>]*><a href="([^"]+)" rel="noopener"', cited)
        assert sources, url
        assert [work["url"] for work in page["citation"]] == [html.unescape(s) for s in sources], url
    for url in [u for u in record_pages(real_site) if "/people/" in f"/{u}"]:
        assert not Head((real_site / url / "index.html").read_text("utf-8")).jsonld, f"{url}: JSON-LD on a person"


# What pages load ----------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("url", ["", "people/", "hy/", "hy/data/"])
def test_pages_fetch_no_sitemap_and_no_russian_stemmer(url: str, chromium, real_site: Path) -> None:
    person = sorted(p.name for p in (real_site / "people").iterdir() if p.is_dir())[0]
    url = url.replace("people/", f"people/{person}/")
    with serve(real_site) as base:
        context = chromium.new_context()
        try:
            page = context.new_page()
            requested: list[str] = []
            page.on("request", lambda request: requested.append(request.url.removeprefix(base)))
            page.goto(base + url, wait_until="networkidle")
            # Focusing the box loads the search: its script, then its manifest of bundles. Both waited
            # for, as the page is already idle when they start (waiting for idle would return at once).
            with (
                page.expect_request(lambda request: "pagefind/bundles.json" in request.url),
                page.expect_request(lambda request: request.url.endswith("pagefind/pagefind.js")),
            ):
                page.locator("#site-search-query").focus()
        finally:
            context.close()
    assert any(r.endswith("pagefind/pagefind.js") for r in requested), "the search still loads"
    unused = [r for r in requested if r.endswith("sitemap.xml") or "lunr" in r or "search_index.json" in r]
    assert not unused, f"/{url} fetches what it does not use: {unused}"


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_the_language_switch_is_clear_of_the_title(width: int, chromium, real_site: Path) -> None:
    longest = max((p for p in (real_site / "events").iterdir() if p.is_dir()), key=lambda p: len(p.name)).name
    boxes = "s => [document.querySelector('.language-switch a'), document.querySelector('.md-content h1')]"
    boxes += ".map(e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"
    with serve(real_site) as base:
        context = chromium.new_context(viewport={"width": width, "height": 844})
        try:
            page = context.new_page()
            for url in ("", "hy/", f"events/{longest}/", f"hy/events/{longest}/"):
                page.goto(base + url, wait_until="networkidle")
                switch, title = page.evaluate(boxes)
                apart = switch[2] <= title[0] or title[2] <= switch[0] or switch[3] <= title[1] or title[3] <= switch[1]
                assert apart, f"/{url} at {width} px: the language switch {switch} overlaps the title {title}"
                assert switch[3] - switch[1] >= 24, f"/{url}: the language switch is under 24 px high"
        finally:
            context.close()
