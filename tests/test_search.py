"""The search (tracker/search.py): per-record documents, bundles rebuilt only when they change,
reproducible bytes; and in Chromium, on the real records served from a sub-path, in both languages:
what readers look for is found, filters narrow, the keyboard alone works, and the policy holds."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REAL_RECORDS, Watched, serve

from tracker import search
from tracker.derive import person_view
from tracker.models import Event, Person, Source
from tracker.problems import BuildFailed


def record(kind: str, record_id: str) -> dict:
    return json.loads((REAL_RECORDS / kind / f"{record_id}.json").read_text(encoding="utf-8"))


# Documents ----------------------------------------------------------------------------------------


def vardanyan_documents() -> dict[str, str]:
    person = Person.model_validate(record("people", "ruben-vardanyan"))
    sources = {
        path.stem: Source.model_validate_json(path.read_text("utf-8")) for path in REAL_RECORDS.glob("sources/*")
    }
    events = [
        Event.model_validate_json(path.read_text("utf-8"))
        for path in sorted(REAL_RECORDS.glob("events/*.json"))
        if '"ruben-vardanyan"' in path.read_text("utf-8")
    ]
    return search.person_documents(person_view(person, events, sources))


def test_a_persons_document_holds_every_spelling_in_both_languages() -> None:
    documents = vardanyan_documents()
    data = record("people", "ruben-vardanyan")
    spellings = [data["name"], data["name_hy"], *(other["name"] for other in data["other_names"])]
    assert len(spellings) >= 4
    for lang in ("en", "hy"):
        for name in spellings:
            assert name in documents[lang], f"{lang}: {name!r} is not searchable"
        assert f'<html lang="{lang}">' in documents[lang]  # Pagefind picks its stemmer by the page's language
        assert 'data-pagefind-filter="kind[content]" content="' + search.WORDS[lang]["people"] in documents[lang]
    assert "<h1" in documents["hy"] and "Ռուբեն Վարդանյան</h1>" in documents["hy"]  # the Armenian name is the title


def test_an_events_document_holds_its_date_place_and_filters() -> None:
    event = Event.model_validate(record("events", "2026-01-14-four-released"))
    documents = search.event_documents(event, {})
    assert 'data-pagefind-meta="date[content]" content="14 January 2026"' in documents["en"]
    assert "Hakari bridge" in documents["en"] and "Հակարի" in documents["hy"]
    assert 'data-pagefind-filter="year[content]" content="2026"' in documents["en"]
    assert 'data-pagefind-filter="type[content]" content="release"' in documents["en"]


def test_record_text_is_escaped_in_documents() -> None:
    html = search.document(
        "en", 'A <script>alert(1)</script> "title"', ["<img src=x onerror=alert(1)>"], {"kind": "<b>"}
    )
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html


def test_possessives_never_make_a_rarer_word_of_a_name() -> None:
    """Pagefind would index "Vardanyan’s" (and, with the Armenian stemmer, "Vardanyan's") as a word of
    its own that outranks the name; the documents index the name, and show the title as written."""
    english = search.document("en", "Ruben Vardanyan’s appeal", ["Vardanyan’s lawyers"], {})
    armenian = search.document("hy", "Ruben Vardanyan's appeal", ["Vardanyan’s lawyers"], {})
    indexed = english.replace('<meta data-pagefind-meta="display[content]" content="Ruben Vardanyan’s appeal">', "")
    assert "’" not in indexed and ">Ruben Vardanyan&#39;s appeal</h1>" in english
    assert ">Ruben Vardanyan appeal</h1>" in armenian and "Vardanyan lawyers" in armenian
    assert 'data-pagefind-meta="display[content]" content="Ruben Vardanyan&#39;s appeal"' in armenian


def test_a_sources_document_links_to_its_entry_on_the_sources_page_of_its_language() -> None:
    source = Source.model_validate(record("sources", "oc-media-four-released"))
    documents = search.source_documents(source)
    assert 'content="sources/#oc-media-four-released"' in documents["en"]
    assert 'content="hy/sources/#oc-media-four-released"' in documents["hy"]


# Bundles ------------------------------------------------------------------------------------------


def fake_documents(count: int, kind: str = "people") -> dict[tuple[str, str], dict[str, str]]:
    return {
        (kind, f"synthetic-{n}"): {
            lang: search.document(lang, f"Synthetic {n}", [f"word{n}"], {"kind": "x", "year": str(2000 + n % 7)})
            for lang in ("en", "hy")
        }
        for n in range(count)
    }


def test_bundles_hold_a_bounded_number_of_records_and_keep_them_as_the_record_grows() -> None:
    per = search.BUNDLE_RECORDS["events"]
    for count in (1, per, per + 1, 9 * per):
        buckets = search.bucket_count(count, per)
        assert count <= buckets * per and (buckets == 1 or count > buckets // 2 * per)
    # Doubling the buckets splits each in two: a record's new bucket is its old one or that plus the old count.
    for record_id in ("ruben-vardanyan", "a", "b", "c"):
        before = int(search.bundle_name("people", record_id, 8).rsplit("-", 1)[1])
        after = int(search.bundle_name("people", record_id, 16).rsplit("-", 1)[1])
        assert after in (before, before + 8)
    grouped = search.bundles(fake_documents(3 * per, "events"))
    assert len(grouped) == 4
    assert all(len(urls) <= 2 * 2 * per * 3 / 4 for urls in grouped.values())  # roughly even
    assert {url for urls in grouped.values() for url in urls} >= {"/events/synthetic-0/", "/hy/events/synthetic-0/"}
    # The people's bundles are larger (a first search merges every one of them).
    people = search.bundles(fake_documents(3 * per))
    assert list(people) == [search.bundle_name("people", "synthetic-0", 1)]


def test_a_large_records_events_and_sources_wait_for_the_reader_to_ask() -> None:
    digests = {"people-2-0": "a", "people-2-1": "b", "events-4-0": "c", "sources-1-0": "d"}

    def deferred(records: int) -> set[str]:
        manifest = json.loads(search.manifest_text(digests, records))
        return {entry["name"] for entry in manifest["bundles"] if entry.get("deferred")}

    assert deferred(search.EAGER_SEARCH_RECORDS) == set()
    assert deferred(search.EAGER_SEARCH_RECORDS + 1) == {"events-4-0", "sources-1-0"}  # never the people's


def test_pagefind_output_is_the_same_bytes_on_every_run(tmp_path: Path) -> None:
    documents = search.bundles(fake_documents(60))["people-1-0"]
    for run in ("one", "two", "three"):
        search.run_pagefind(documents, tmp_path / run)
    first = {p.relative_to(tmp_path / "one"): p.read_bytes() for p in (tmp_path / "one").rglob("*") if p.is_file()}
    for run in ("two", "three"):
        again = {p.relative_to(tmp_path / run): p.read_bytes() for p in (tmp_path / run).rglob("*") if p.is_file()}
        assert again == first
    assert any(path.parts[0] == "filter" for path in first)


def test_canonical_filters_sorts_what_pagefind_writes_in_hash_map_order(tmp_path: Path) -> None:
    """The guard fires: a filter file with its values out of order is rewritten sorted, and renamed."""
    search.run_pagefind(search.bundles(fake_documents(30))["people-1-0"], tmp_path)
    entry = json.loads((tmp_path / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta_path = tmp_path / f"pagefind.{entry['languages']['en']['hash']}.pf_meta"
    meta = search._read_index_file(meta_path)
    name, chunk_hash = next(item for item in meta[3] if item[0] == "year")
    chunk_path = tmp_path / "filter" / f"{chunk_hash}.pf_filter"
    chunk = search._read_index_file(chunk_path)
    chunk[1] = list(reversed(chunk[1]))
    chunk_path.unlink()
    meta[3] = [
        [n, h if n != name else search._write_index_file(tmp_path / "filter", "", "en", ".pf_filter", chunk, 7)]
        for n, h in meta[3]
    ]
    meta_path.unlink()
    entry["languages"]["en"]["hash"] = search._write_index_file(tmp_path, "pagefind.", "en", ".pf_meta", meta, 10)
    (tmp_path / "pagefind-entry.json").write_text(json.dumps(entry), encoding="utf-8")
    shuffled = next(
        h
        for n, h in search._read_index_file(tmp_path / f"pagefind.{entry['languages']['en']['hash']}.pf_meta")[3]
        if n == name
    )

    search.canonical_filters(tmp_path)
    entry = json.loads((tmp_path / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta = search._read_index_file(tmp_path / f"pagefind.{entry['languages']['en']['hash']}.pf_meta")
    fixed = next(h for n, h in meta[3] if n == name)
    values = [value for value, _pages in search._read_index_file(tmp_path / "filter" / f"{fixed}.pf_filter")[1]]
    assert values == sorted(values) and len(values) == 7
    assert fixed != shuffled and not (tmp_path / "filter" / f"{shuffled}.pf_filter").exists()


def test_only_bundles_whose_documents_changed_are_indexed_again(tmp_path: Path) -> None:
    documents = fake_documents(2 * search.BUNDLE_RECORDS["events"] + 10, "events")
    pages = search.primary_pages({})
    first = search.write_index(tmp_path / "one", documents, pages, None)
    assert len(first) == 4
    edited = dict(documents)
    key = ("events", "synthetic-5")
    edited[key] = {lang: html.replace("word5", "edited") for lang, html in documents[key].items()}
    second = search.write_index(tmp_path / "two", edited, pages, tmp_path / "one")
    changed = {name for name in first if first[name] != second[name]}
    assert changed == {search.bundle_name("events", "synthetic-5", 4)}
    for name in first:
        old, new = tmp_path / "one" / search.DIR / name / "pagefind-entry.json", tmp_path / "two" / search.DIR / name
        same_file = old.stat().st_ino == (new / "pagefind-entry.json").stat().st_ino
        assert same_file == (name not in changed), name  # unchanged bundles are hard links, not indexed again

    # In place: the changed bundle's files, its old files to delete (None), and the manifest.
    staged = search.updated_files(tmp_path / "one", tmp_path / "work", edited)
    assert f"{search.DIR}/{search.MANIFEST}" in staged
    assert {path.split("/")[1] for path in staged if path.count("/") > 1} == changed
    assert any(content is None for content in staged.values())
    assert search.updated_files(tmp_path / "two", tmp_path / "work-2", edited) == {}


def test_a_failing_pagefind_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "executable", lambda: Path("/bin/false"))
    with pytest.raises(BuildFailed) as failure:
        search.run_pagefind({"/x/": search.document("en", "x", ["y"], {})}, tmp_path / "out")
    assert "Pagefind could not index out" in str(failure.value) and "\n" not in str(failure.value)
    assert not (tmp_path / "out").exists()


def test_the_built_site_indexes_every_record_once_per_language(real_site: Path) -> None:
    site = real_site
    pages = search.indexed_pages(site)
    urls = {(page["language"], page["url"]) for page in pages}
    assert len(urls) == len(pages)
    for kind in ("people", "events"):
        for path in (REAL_RECORDS / kind).glob("*.json"):
            assert ("en", f"/{kind}/{path.stem}/") in urls and ("hy", f"/hy/{kind}/{path.stem}/") in urls
            assert (site / kind / path.stem / "index.html").is_file()
    for path in (REAL_RECORDS / "sources").glob("*.json"):
        assert ("en", f"/sources/{path.stem}/") in urls
    assert ("en", "/about/") in urls and ("hy", "/hy/about/") in urls  # a hand-written page
    assert not (site / "search").exists()  # no lunr index any more
    assert "lunr" not in (site / "index.html").read_text(encoding="utf-8")


# In the browser ---------------------------------------------------------------------------------

browser = pytest.mark.browser
SUB_PATH = "record/"
RELEASE = "2026-01-14-four-released"
VARDANYAN = "ruben-vardanyan"
VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", e => window.__violations.push(e.violatedDirective + " " + e.blockedURI));
"""


@pytest.fixture(scope="module")
def sub_path_url(tmp_path_factory: pytest.TempPathFactory, real_site: Path) -> Iterator[str]:
    """The real records' site served below /record/, as a project site is."""
    root = tmp_path_factory.mktemp("served")
    (root / SUB_PATH.strip("/")).symlink_to(real_site, target_is_directory=True)
    with serve(root) as url:
        yield url + SUB_PATH


@pytest.fixture
def reader(chromium) -> Iterator[Watched]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    context.add_init_script(VIOLATIONS)
    page = context.new_page()
    watched = Watched(page)
    page.on("console", lambda m: m.type == "error" and watched.console_errors.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: watched.page_errors.append(f"page error: {e}"))
    try:
        yield watched
    finally:
        context.close()


def find(page, query: str) -> list[dict]:
    """Open the search with "/", type the query; the results (href, title, details, excerpt) once shown."""
    page.evaluate("delete document.querySelector('.md-search-result__meta').dataset.query")
    page.keyboard.press("/")
    box = page.locator("#site-search-query")
    box.wait_for(state="visible")
    page.wait_for_function("() => document.activeElement.id === 'site-search-query'")  # "/" focused the box
    box.fill("")
    page.keyboard.insert_text(query)  # typed as a reader's keyboard would, Armenian included
    page.wait_for_function(
        "q => document.querySelector('#site-search-query').value === q && "
        "document.querySelector('.md-search-result__meta').dataset.query === q",
        arg=query,
    )
    return page.eval_on_selector_all(
        ".md-search-result__link",
        """links => links.map(link => ({
            href: link.getAttribute("href"),
            title: link.querySelector("h1").textContent,
            details: (link.querySelector(".search-details") || {}).textContent || "",
            marked: Array.from(link.querySelectorAll(".search-excerpt mark")).map(m => m.textContent),
        }))""",
    )


def clean(reader: Watched) -> None:
    assert not reader.errors(), reader.errors()
    assert reader.page.evaluate("window.__violations") == []


@browser
@pytest.mark.parametrize("lang, query", [("en", "Hakari"), ("hy", "Հակարի"), ("hy", "Hakari")])
def test_hakari_finds_the_release_of_14_january_2026(reader: Watched, sub_path_url: str, lang: str, query: str) -> None:
    prefix = "hy/" if lang == "hy" else ""
    reader.page.goto(sub_path_url + prefix, wait_until="networkidle")
    results = find(reader.page, query)
    release = next((r for r in results if r["href"] == f"/{SUB_PATH}{prefix}events/{RELEASE}/"), None)
    assert release is not None, [r["href"] for r in results]
    assert ("14 January 2026" if lang == "en" else "2026 թ. հունվարի 14") in release["details"]
    assert release["marked"], "the excerpt marks the match"
    if query != "Hakari" or lang == "en":  # on the Armenian pages, sources' English titles can come first
        assert results[0] is release  # an event's title outranks the sources reporting it
    clean(reader)


@browser
@pytest.mark.parametrize("lang, query", [("en", "hunger strike"), ("hy", "հացադուլ")])
def test_hunger_strike_finds_vardanyans_hunger_strikes(
    reader: Watched, sub_path_url: str, lang: str, query: str
) -> None:
    prefix = "hy/" if lang == "hy" else ""
    reader.page.goto(sub_path_url + prefix, wait_until="networkidle")
    hrefs = [r["href"] for r in find(reader.page, query)]
    for event in ("2024-04-05-vardanyan-hunger-strike", "2025-02-vardanyan-second-hunger-strike"):
        assert f"/{SUB_PATH}{prefix}events/{event}/" in hrefs, hrefs
    clean(reader)


@browser
@pytest.mark.parametrize(
    "lang, query",
    [("en", "Vardanyan"), ("en", "Vardanian"), ("en", "Вардан"), ("en", "Վարդանյան"), ("hy", "Վարդանյան"),
     ("hy", "Վարդանյանի"), ("hy", "Vardanyan"), ("hy", "Wardanyan")],
)  # fmt: skip
def test_every_spelling_finds_ruben_vardanyan_first(reader: Watched, sub_path_url: str, lang: str, query: str) -> None:
    prefix = "hy/" if lang == "hy" else ""
    reader.page.goto(sub_path_url + prefix, wait_until="networkidle")
    hrefs = [result["href"] for result in find(reader.page, query)]
    assert hrefs and hrefs[0] == f"/{SUB_PATH}{prefix}people/{VARDANYAN}/", hrefs
    clean(reader)


@browser
def test_armenian_stemming_finds_the_bare_name_from_its_genitive(reader: Watched, tmp_path: Path) -> None:
    """Pagefind's Armenian stemmer, not prefix matching: the page holds only «Վարդանյան», shorter
    than the query «Վարդանյանի», so no prefix of the page's word can match it."""
    site = tmp_path / "site"
    (site / "hy").mkdir(parents=True)
    (site / "hy" / "index.html").write_text(
        '<!doctype html><html lang="hy"><title>t</title><link rel="icon" href="data:,">', encoding="utf-8"
    )
    page = search.document("hy", "Ռուբեն Վարդանյան", ["Պետնախարար"], {})
    search.run_pagefind({"/hy/people/x/": page}, site / search.DIR, keep=search.PRIMARY_FILES)
    with serve(site) as url:
        reader.page.goto(url + "hy/", wait_until="load")
        found = reader.page.evaluate(
            """async () => {
                const pagefind = await import("/pagefind/pagefind.js");
                const found = await pagefind.search("Վարդանյանի");
                return Promise.all(found.results.map(async r => (await r.data()).url));
            }"""
        )
        missed = reader.page.evaluate(
            """async () => (await (await import("/pagefind/pagefind.js")).search("Վարդանյանով")).results.length"""
        )
    assert found == ["/hy/people/x/"]
    assert missed == 1  # another case ending of the same name, the instrumental
    assert not reader.errors()


@browser
@pytest.mark.parametrize("lang", ["en", "hy"])
def test_a_filter_narrows_the_results(reader: Watched, sub_path_url: str, lang: str) -> None:
    prefix = "hy/" if lang == "hy" else ""
    page = reader.page
    page.goto(sub_path_url + prefix, wait_until="networkidle")
    find(page, "Vardanyan" if lang == "en" else "Վարդանյան")

    def count() -> int:
        return int("".join(ch for ch in page.inner_text(".md-search-result__meta") if ch.isdigit()))

    everything = count()
    kinds = page.locator(".search-filters select[data-filter=kind]")
    kinds.wait_for(state="visible")
    event_label = search.WORDS[lang]["events"]
    option = next(o for o in kinds.locator("option").all_inner_texts() if o.startswith(event_label))
    events = int(option.rsplit("(", 1)[1].rstrip(")"))
    assert 0 < events < everything
    kinds.focus()
    kinds.select_option(event_label)
    page.wait_for_function(
        f"() => document.querySelector('.md-search-result__meta').dataset.filters === 'kind={event_label}'"
    )
    assert count() == events
    narrowed = page.eval_on_selector_all(".md-search-result__link", "ls => ls.map(l => l.getAttribute('href'))")
    assert narrowed and all(f"/{prefix}events/" in href for href in narrowed), narrowed
    clean(reader)


@browser
def test_the_keyboard_alone_opens_moves_through_and_follows_results(reader: Watched, sub_path_url: str) -> None:
    page = reader.page
    page.goto(sub_path_url, wait_until="networkidle")
    results = find(page, "Hakari")
    assert len(results) >= 3

    def focused() -> str:
        return page.evaluate("document.activeElement.getAttribute('href') || document.activeElement.id")

    page.keyboard.press("ArrowDown")
    assert focused() == results[0]["href"]
    page.keyboard.press("ArrowDown")
    assert focused() == results[1]["href"]
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert focused() == "site-search-query"
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    assert find(page, "Hakari"), "the second search shows results before Enter is pressed"
    page.keyboard.press("Enter")
    # The navigation is what is checked, not how fast the event page loads on a busy machine.
    page.wait_for_url(f"**/{SUB_PATH}events/{RELEASE}/", wait_until="commit")
    clean(reader)


@browser
def test_an_emptied_box_marks_no_query_over_its_empty_list(reader: Watched, sub_path_url: str) -> None:
    """What the list shows is marked with its query; emptying the box removes the mark with the list, so a
    late answer to the old query (e.g. the one the filters' values start) cannot pass for the new one."""
    page = reader.page
    page.goto(sub_path_url, wait_until="networkidle")
    assert find(page, "Hakari")
    page.locator("#site-search-query").fill("")
    page.wait_for_function("() => !document.querySelector('.md-search-result__link')")
    assert page.evaluate("document.querySelector('.md-search-result__meta').dataset.query") is None
    clean(reader)


@browser
def test_the_violation_listener_catches_a_refused_script(reader: Watched, tmp_path: Path) -> None:
    """The policy check above is not vacuous: a page whose policy refuses its inline script reports it."""
    policy = "script-src 'self'"
    (tmp_path / "index.html").write_text(
        f'<!doctype html><meta http-equiv="Content-Security-Policy" content="{policy}"><script>1</script>', "utf-8"
    )
    with serve(tmp_path) as url:
        reader.page.goto(url, wait_until="load")
        reader.page.wait_for_timeout(100)
        assert reader.page.evaluate("window.__violations")


@browser
def test_a_first_and_a_second_search_download_little(chromium, sub_path_url: str) -> None:
    """What a reader's first search costs on the real record (the benchmark measures it at scale)."""
    context = chromium.new_context()
    sizes: list[tuple[str, int]] = []
    page = context.new_page()
    page.on("requestfinished", lambda r: sizes.append((r.url, r.sizes()["responseBodySize"])))
    try:
        page.goto(sub_path_url, wait_until="networkidle")
        before = len(sizes)
        find(page, "Hakari")
        page.wait_for_load_state("networkidle")
        first = sum(size for _url, size in sizes[before:])
        before = len(sizes)
        find(page, "terrorism")
        page.wait_for_load_state("networkidle")
        second = sum(size for _url, size in sizes[before:])
    finally:
        context.close()
    assert 0 < first < 300_000 and second < 100_000, (first, second)


def test_search_document_dates_use_each_languages_wording() -> None:
    event = Event.model_validate({**record("events", RELEASE), "date": dt.date(2025, 3, 13).isoformat()})
    documents = search.event_documents(event, {})
    assert "13 March 2025" in documents["en"] and "2025 թ. մարտի 13" in documents["hy"]


def test_indexed_pages_reads_what_pagefind_wrote(tmp_path: Path) -> None:
    search.run_pagefind({"/a/": search.document("en", "Alpha", ["beta"], {"kind": "x"})}, tmp_path / search.DIR)
    [page] = search.indexed_pages(tmp_path)
    assert page["url"] == "/a/" and page["language"] == "en" and page["filters"] == {"kind": ["x"]}
    assert "Alpha" in page["content"]


@browser
@pytest.mark.parametrize("lang, query", [("en", "Hakari"), ("hy", "Հակարի")])
def test_deferred_bundles_are_searched_when_the_reader_asks(
    reader: Watched, real_site: Path, tmp_path: Path, lang: str, query: str
) -> None:
    """The real site as a record too large to merge every bundle at once would have it: the first search
    finds no event, and the button under the results merges the events' and sources' bundles."""
    site = tmp_path / "site"
    shutil.copytree(real_site, site, symlinks=True)
    digests = search.read_manifest(site)
    (site / search.DIR / search.MANIFEST).write_text(
        search.manifest_text(digests, search.EAGER_SEARCH_RECORDS + 1), encoding="utf-8"
    )
    prefix = "hy/" if lang == "hy" else ""
    with serve(site) as url:
        page = reader.page
        page.goto(url + prefix, wait_until="networkidle")
        fetched: list[str] = []
        page.on("requestfinished", lambda request: fetched.append(request.url))
        before = [r["href"] for r in find(page, query)]
        assert not any("/events/" in href for href in before), before
        assert not any("/events-" in address or "/sources-" in address for address in fetched), fetched
        button = page.locator(".search-more button")
        button.wait_for(state="visible")
        assert button.inner_text() == search.WORDS[lang]["more"]
        page.evaluate("delete document.querySelector('.md-search-result__meta').dataset.query")
        button.click()
        page.wait_for_function("q => document.querySelector('.md-search-result__meta').dataset.query === q", arg=query)
        after = page.eval_on_selector_all(".md-search-result__link", "ls => ls.map(l => l.getAttribute('href'))")
        assert f"/{prefix}events/{RELEASE}/" in after, after
        assert page.locator(".search-more").is_hidden()
        clean(reader)
