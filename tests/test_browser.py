"""The built site in headless Chromium: pages load cleanly, search, filters, sorting, and inert injections."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import HOSTILE_RECORDS

pytestmark = pytest.mark.browser

TIMEOUT_MS = 10_000


# Serving ------------------------------------------------------------------------------------------


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(site_dir: Path):
    """Serve site_dir on 127.0.0.1 at a free port, in a thread; yields the base URL."""
    return local_server(functools.partial(QuietHandler, directory=str(site_dir)))


@contextmanager
def local_server(handler: object) -> Iterator[str]:
    """Run an HTTP handler on 127.0.0.1 at a free port, in a thread; yields the base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> Iterator[str]:
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    with serve(hostile_site) as url:
        yield url


# Pages with their errors collected ---------------------------------------------------------------


@dataclass
class Watched:
    """A page, and everything that went wrong on it."""

    page: object
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)

    def errors(self) -> list[str]:
        return self.console_errors + self.page_errors + self.failed_requests


@pytest.fixture
def watched(chromium) -> Iterator[Watched]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script("window.__xss = 0;")
    page = context.new_page()
    result = Watched(page)
    page.on("console", lambda m: m.type == "error" and result.console_errors.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: result.page_errors.append(f"page error: {e}"))
    # A request the next navigation cancels (net::ERR_ABORTED, e.g. the search worker still loading its
    # scripts when the test moves on) is not a failure of the site; any other failure is.
    page.on(
        "requestfailed",
        lambda r: (
            "ERR_ABORTED" not in (r.failure or "")
            and result.failed_requests.append(f"request failed: {r.url} ({r.failure})")
        ),
    )

    def on_dialog(dialog) -> None:
        result.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    try:
        yield result
    finally:
        context.close()


def records_of(records_dir: Path, kind: str) -> list[dict]:
    return [json.loads(path.read_text("utf-8")) for path in sorted((records_dir / kind).glob("*.json"))]


def visible(page, selector: str) -> int:
    return page.locator(f"{selector}:visible").count()


# Every page type loads cleanly --------------------------------------------------------------------


def page_types(site_records: Path) -> dict[str, str]:
    person = records_of(site_records, "people")[0]["id"]
    event = records_of(site_records, "events")[0]["id"]
    return {
        "home": "",
        "people index": "people/",
        "person": f"people/{person}/",
        "event": f"events/{event}/",
        "timeline": "timeline/",
        "sources": "sources/",
        "data": "data/",
        "about": "about/",
    }


def test_every_page_type_loads_without_errors(watched: Watched, site_url: str, site_records: Path) -> None:
    page = watched.page
    for kind, path in page_types(site_records).items():
        response = page.goto(site_url + path, wait_until="load")
        assert response is not None and response.status == 200, f"{kind}: /{path} gave {response and response.status}"
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").first.is_visible(), f"{kind}: no visible heading"
        assert not watched.errors(), f"{kind} (/{path}): {watched.errors()}"
    assert not watched.dialogs


def test_screenshots_of_a_person_and_the_timeline(
    watched: Watched, site_url: str, site_records: Path, artifacts_dir: Path
) -> None:
    page = watched.page
    person = next(p for p in records_of(site_records, "people") if p.get("name_hy"))
    page.goto(f"{site_url}people/{person['id']}/", wait_until="networkidle")
    page.screenshot(path=str(artifacts_dir / "person.png"), full_page=True)
    page.goto(f"{site_url}timeline/", wait_until="networkidle")
    page.screenshot(path=str(artifacts_dir / "timeline.png"), full_page=True)
    assert (artifacts_dir / "person.png").stat().st_size > 1000
    assert (artifacts_dir / "timeline.png").stat().st_size > 1000
    assert not watched.errors()


# Search -------------------------------------------------------------------------------------------


def search(page, query: str) -> list[str]:
    """Open the search box with "/", enter the query; return the result links' hrefs once the results
    for this query show (assets/javascripts/search.js marks the list with its query)."""
    box = page.locator("#site-search-query")
    box.wait_for(state="attached")
    page.evaluate("delete document.querySelector('.md-search-result__meta').dataset.query")
    page.keyboard.press("/")
    box.wait_for(state="visible")
    box.fill(query)
    page.wait_for_function(
        "query => document.querySelector('.md-search-result__meta').dataset.query === query", arg=query
    )
    return page.eval_on_selector_all(".md-search-result__link", "links => links.map(link => link.href)")


def unique_person(site_records: Path, names) -> tuple[dict, str]:
    """A person and a search word (from names(person)) that no other person's names contain."""
    people = records_of(site_records, "people")

    def all_names(p: dict) -> str:
        return " ".join([p["name"], p.get("name_hy") or "", *(o["name"] for o in p.get("other_names", []))])

    for person in people:
        for word in names(person):
            if len(word) > 3 and not any(word in all_names(other) for other in people if other is not person):
                return person, word
    pytest.fail("the fixture has no person with a distinctive name of this kind")


def test_search_finds_a_person_by_armenian_script(watched: Watched, site_url: str, site_records: Path) -> None:
    person, word = unique_person(site_records, lambda p: (p.get("name_hy") or "").split())
    assert any("\u0531" <= ch <= "\u058f" for ch in word), word
    watched.page.goto(site_url, wait_until="networkidle")
    for query in (person["name_hy"], word):  # the whole name, then the one word only this person has
        hrefs = search(watched.page, query)
        assert any(f"/people/{person['id']}/" in href for href in hrefs), f"{query!r} did not find {person['id']}"
    assert not watched.errors()


def test_search_finds_a_person_by_another_spelling(watched: Watched, site_url: str, site_records: Path) -> None:
    def latin_other_words(p: dict) -> list[str]:
        main = set(p["name"].split())
        words = [w for o in p.get("other_names", []) for w in o["name"].split()]
        return [w for w in words if w not in main and w.isascii() and w.isalpha()]

    person, word = unique_person(site_records, latin_other_words)
    watched.page.goto(site_url, wait_until="networkidle")
    hrefs = search(watched.page, word)
    assert any(f"/people/{person['id']}/" in href for href in hrefs), f"{word!r} did not find {person['id']}: {hrefs}"
    assert not watched.errors()


# Timeline filter ----------------------------------------------------------------------------------


def test_timeline_filter_hides_and_shows_entries(watched: Watched, site_url: str, site_records: Path) -> None:
    page = watched.page
    events = records_of(site_records, "events")
    page.goto(f"{site_url}timeline/", wait_until="networkidle")
    entries = "#timeline .timeline-entry"
    assert visible(page, entries) == len(events)

    types = {}
    for event in events:
        types[event["type"]] = types.get(event["type"], 0) + 1
    event_type = min(types, key=lambda t: (types[t], t))  # the rarest type: most entries hidden
    page.select_option("select[data-filter=type]", event_type)
    assert visible(page, entries) == types[event_type]
    assert all(
        value == event_type
        for value in page.eval_on_selector_all(f"{entries}:visible", "e => e.map(x => x.dataset.type)")
    )
    page.select_option("select[data-filter=type]", "")
    assert visible(page, entries) == len(events)

    def concerning(person_id: str) -> list[dict]:
        return [e for e in events if any(i["person"] == person_id for i in e.get("people", []))]

    # The person with the most events, and among their events a type they share with others.
    person = max(records_of(site_records, "people"), key=lambda p: (len(concerning(p["id"])), p["id"]))
    concerned = concerning(person["id"])
    page.select_option("select[data-filter=person]", person["id"])
    shown = visible(page, entries)
    assert 0 < len(concerned) < len(events)
    assert shown == len(concerned), f"person filter {person['id']!r}: {shown} entries shown, {len(concerned)} expected"
    shared_type = max({e["type"] for e in concerned}, key=lambda t: (types[t], t))
    both = [e for e in concerned if e["type"] == shared_type]
    page.select_option("select[data-filter=type]", shared_type)
    assert visible(page, entries) == len(both)
    page.select_option("select[data-filter=type]", "")
    page.select_option("select[data-filter=person]", "")
    assert visible(page, entries) == len(events)
    assert not watched.errors()


# People table -------------------------------------------------------------------------------------

NAMES_JS = "rows => rows.map(row => row.cells[0].getAttribute('data-value'))"


def in_order(page, values: list[str], descending: bool = False) -> bool:
    return page.evaluate(
        """([values, descending]) => values.every((v, i) => i === 0 ||
            (descending ? -1 : 1) * values[i - 1].localeCompare(v, undefined, {numeric: true}) <= 0)""",
        [values, descending],
    )


def test_people_table_sorts(watched: Watched, site_url: str, site_records: Path) -> None:
    page = watched.page
    page.goto(f"{site_url}people/", wait_until="networkidle")
    rows = "#people-table tbody tr"
    names = page.eval_on_selector_all(rows, NAMES_JS)
    assert len(names) == len(records_of(site_records, "people"))

    name_header = page.locator("#people-table thead th").nth(0)
    name_header.locator("button").click()
    assert name_header.get_attribute("aria-sort") == "descending"
    descending = page.eval_on_selector_all(rows, NAMES_JS)
    assert sorted(descending) == sorted(names) and in_order(page, descending, descending=True)
    name_header.locator("button").click()
    assert name_header.get_attribute("aria-sort") == "ascending"
    assert page.eval_on_selector_all(rows, NAMES_JS) == list(reversed(descending))

    date_header = page.locator("#people-table thead th").nth(2)
    date_header.locator("button").click()
    assert date_header.get_attribute("aria-sort") == "ascending"
    assert name_header.get_attribute("aria-sort") is None
    dates = page.eval_on_selector_all(rows, "rows => rows.map(row => row.cells[2].getAttribute('data-value'))")
    assert in_order(page, dates)
    assert not watched.errors()


def test_people_table_filters(watched: Watched, site_url: str, site_records: Path) -> None:
    page = watched.page
    page.goto(f"{site_url}people/", wait_until="networkidle")
    rows = "#people-table tbody tr"
    total = page.locator(rows).count()
    assert visible(page, rows) == total

    statuses = page.eval_on_selector_all(rows, "rows => rows.map(row => row.dataset.status)")
    status = min(set(statuses), key=lambda s: (statuses.count(s), s))
    page.select_option("select[data-filter=status]", status)
    assert visible(page, rows) == statuses.count(status) < total or len(set(statuses)) == 1
    assert set(page.eval_on_selector_all(f"{rows}:visible", "r => r.map(x => x.dataset.status)")) == {status}
    assert (
        f"{statuses.count(status)} of {total}"
        in page.locator("[data-filter-for=people-table] .filter-count").inner_text()
    )
    page.select_option("select[data-filter=status]", "")
    assert visible(page, rows) == total

    categories = page.eval_on_selector_all(rows, "rows => rows.map(row => row.dataset.category)")
    category = min({c for c in categories if c}, key=lambda c: (categories.count(c), c))
    page.select_option("select[data-filter=category]", category)
    assert visible(page, rows) == categories.count(category)
    page.select_option("select[data-filter=category]", "")

    years = page.eval_on_selector_all(rows, "rows => rows.map(row => row.dataset.year)")
    year = min({y for y in years if y})
    page.select_option("select[data-filter=year]", year)
    assert visible(page, rows) == years.count(year)
    page.select_option("select[data-filter=year]", "")

    person = next(p for p in records_of(site_records, "people") if p.get("other_names"))
    page.fill("input[data-filter=text]", person["other_names"][0]["name"].upper())
    shown = page.eval_on_selector_all(f"{rows}:visible", "r => r.map(x => x.querySelector('a').getAttribute('href'))")
    assert f"{person['id']}/" in shown
    page.fill("input[data-filter=text]", "")
    assert visible(page, rows) == total
    assert not watched.errors()


# Injection ----------------------------------------------------------------------------------------


def assert_inert(watched: Watched, where: str) -> None:
    page = watched.page
    page.wait_for_timeout(150)  # an injected onerror fires after the failed image load
    assert not watched.dialogs, f"{where}: a dialog opened: {watched.dialogs}"
    assert page.evaluate("window.__xss") == 0, f"{where}: injected script ran (window.__xss changed)"
    assert page.evaluate("document.querySelectorAll('[onerror], [onload], [onmouseover]').length") == 0, where


def test_the_injection_check_catches_a_live_injection(watched: Watched, tmp_path: Path) -> None:
    """The check below is not vacuous: the same payload, unescaped, does set off both alarms."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><title>t</title><p>x<img src=x onerror="window.__xss=2"><script>alert(1)</script></p>', "utf-8"
    )
    with serve(tmp_path) as url:
        watched.page.goto(url, wait_until="load")
        watched.page.wait_for_timeout(150)
    assert watched.dialogs == ["alert: 1"]
    assert watched.page.evaluate("window.__xss") == 2


def test_hostile_records_never_execute(watched: Watched, hostile_url: str, hostile_site: Path) -> None:
    page = watched.page
    paths = sorted(
        str(p.parent.relative_to(hostile_site)).replace(".", "") + "/"
        for p in hostile_site.rglob("index.html")
        if not str(p.relative_to(hostile_site)).startswith("assets")
    )
    assert len(paths) >= 12
    for path in paths:
        url = hostile_url + path.lstrip("/")
        page.goto(url, wait_until="load")  # after every image, so an injected onerror would have run
        assert_inert(watched, url)
    person = records_of(HOSTILE_RECORDS, "people")[0]
    page.goto(f"{hostile_url}people/{person['id']}/", wait_until="networkidle")
    heading = page.locator("h1").first.inner_text()
    assert "<script>alert(1)</script>" in heading, "the injected text should show as text"


def test_hostile_search_results_never_execute(watched: Watched, hostile_url: str) -> None:
    page = watched.page
    page.goto(hostile_url, wait_until="networkidle")
    search(page, "Hostile")
    page.locator(".md-search-result__link").first.wait_for(state="visible")
    assert_inert(watched, "search results")
    search(page, "alert")
    assert_inert(watched, "search results for 'alert'")


def test_hostile_people_table_and_timeline_filters_never_execute(watched: Watched, hostile_url: str) -> None:
    page = watched.page
    page.goto(f"{hostile_url}people/", wait_until="networkidle")
    page.fill("input[data-filter=text]", "hostile")
    page.locator("#people-table thead th button").first.click()
    assert_inert(watched, "people table")
    page.goto(f"{hostile_url}timeline/", wait_until="networkidle")
    page.select_option("select[data-filter=person]", index=1)
    assert_inert(watched, "timeline")
