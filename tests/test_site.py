"""The built site, without a browser: URLs, page content, atomic builds and escaping of record text."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import HOSTILE_RECORDS, files_of, page, records_of

from tracker import cli, pipeline, site
from tracker.i18n import Language
from tracker.problems import BuildFailed
from tracker.vocab import AccountGiver, label

FIXED_PAGES = ["", "people/", "timeline/", "sources/", "about/", "data/"]
NAV_ENTRIES = ["Home", "People", "Timeline", "Sources", "Data", "About"]


# Helpers ------------------------------------------------------------------------------------------


class Page(HTMLParser):
    """The parts of a page the tests look at: ids, links, nav text, scripts, element attributes."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.nav_text: list[str] = []
        self.scripts: list[str] = []
        self.text_by_class: dict[str, list[str]] = {}
        self._nav_depth = 0
        self._in_script = False
        self._open_classes: list[tuple[str, list[str]]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("href") is not None:
            self.hrefs.append(attributes["href"])
        if tag == "nav":
            self._nav_depth += 1
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
        if tag not in {"br", "img", "meta", "link", "input", "hr", "source", "wbr"}:
            self._open_classes.append((tag, (attributes.get("class") or "").split()))

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav":
            self._nav_depth -= 1
        if tag == "script":
            self._in_script = False
        for index in range(len(self._open_classes) - 1, -1, -1):
            if self._open_classes[index][0] == tag:
                del self._open_classes[index:]
                break

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        if self._nav_depth > 0:
            self.nav_text.append(data)
        for _, classes in self._open_classes:
            for name in classes:
                self.text_by_class.setdefault(name, []).append(data)

    def text(self, css_class: str) -> str:
        return re.sub(r"\s+", " ", "".join(self.text_by_class.get(css_class, []))).strip()


# URLs ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", FIXED_PAGES)
def test_fixed_pages_exist(built_site: Path, url: str) -> None:
    assert (built_site / url / "index.html").is_file(), f"/{url} is missing"


def test_data_package_is_published(built_site: Path) -> None:
    descriptor = json.loads((built_site / "data" / "datapackage.json").read_text("utf-8"))
    assert descriptor.get("resources"), "datapackage.json lists no resources"


def test_every_person_has_a_page(built_site: Path, site_records: Path) -> None:
    people = records_of(site_records, "people")
    assert len(people) >= 2
    missing = [p["id"] for p in people if not (built_site / "people" / p["id"] / "index.html").is_file()]
    assert not missing, f"people without a page: {missing}"
    for person in people:
        assert Page(page(built_site, f"people/{person['id']}/")).text("person").startswith(person["name"])


def test_every_event_has_a_page(built_site: Path, site_records: Path) -> None:
    events = records_of(site_records, "events")
    assert len(events) >= 4
    missing = [e["id"] for e in events if not (built_site / "events" / e["id"] / "index.html").is_file()]
    assert not missing, f"events without a page: {missing}"


def test_no_generated_page_lands_in_docs(built_site: Path) -> None:
    from tracker import paths

    assert not (paths.DOCS / "people").exists()
    assert not (paths.DOCS / "events").exists()


# Navigation ---------------------------------------------------------------------------------------


def test_nav_is_small_and_fixed(built_site: Path, site_records: Path) -> None:
    people = records_of(site_records, "people")
    for url in [*FIXED_PAGES, f"people/{people[0]['id']}/"]:
        nav = " ".join(Page(page(built_site, url)).nav_text)
        for entry in NAV_ENTRIES:
            assert entry in nav, f"/{url}: nav lacks {entry!r}"


def test_nav_has_no_entry_per_person(built_site: Path, site_records: Path) -> None:
    people = records_of(site_records, "people")
    for person in people:
        parsed = Page(page(built_site, f"people/{person['id']}/"))
        nav = " ".join(parsed.nav_text)
        others = [p for p in people if p["name"] != person["name"]]  # synthetic names can repeat
        in_nav = [p["name"] for p in others if p["name"] in nav]
        assert not in_nav, f"{person['id']}: the nav names other people: {in_nav}"


# Person pages -------------------------------------------------------------------------------------


def person_with_events(site_records: Path) -> dict:
    concerned = {item["person"] for event in records_of(site_records, "events") for item in event.get("people", [])}
    return next(p for p in records_of(site_records, "people") if p["id"] in concerned)


def test_person_page_status_lines(built_site: Path, site_records: Path) -> None:
    """Status, held since (or "not recorded"), sentence, charges, each on its own line; "since" never
    joins a status to a date that is not the detention's."""
    events = records_of(site_records, "events")
    words = Language("en")
    checked_held = checked_unrecorded = 0
    for person in records_of(site_records, "people"):
        own = [e for e in events if any(item["person"] == person["id"] for item in e.get("people", []))]
        parsed = Page(page(built_site, f"people/{person['id']}/"))
        lines = parsed.text("status-lines")
        assert lines.startswith("Status"), person["id"]
        assert re.search(r"\b(held|released|missing|died|unknown)\b", lines, re.I), lines
        assert " since " not in lines.replace("Held since", ""), f"{person['id']}: {lines!r}"
        detentions = sorted((e for e in own if e["type"] == "detention" and e.get("date")), key=lambda e: e["date"])
        held_types = {"detention", "pretrial-detention", "trial-opened", "verdict", "hearing"}
        if detentions:
            assert f"Held since {words.date(detentions[0]['date'])}" in lines, f"{person['id']}: {lines!r}"
            checked_held += 1
        elif any(e["type"] in held_types and e.get("date") for e in own):
            assert "Held since detention date not recorded" in lines, f"{person['id']}: {lines!r}"
            checked_unrecorded += 1
        if any(e["type"] in held_types and e.get("date") for e in own):
            assert "Charges" in lines and "Sentence" in lines, lines
    assert checked_held >= 2


def test_person_page_key_facts_cite_numbered_sources(built_site: Path, site_records: Path) -> None:
    checked = 0
    for person in records_of(site_records, "people"):
        html = page(built_site, f"people/{person['id']}/")
        parsed = Page(html)
        refs = [h for h in parsed.hrefs if h.startswith("#sources-")]
        key_facts = html[html.index('class="key-facts"') : html.index("</table>", html.index('class="key-facts"'))]
        if "<tr>" not in key_facts:
            continue
        assert re.search(r'<sup class="ref"><a href="#sources-\d+"[^>]*>\[\d+\]</a></sup>', key_facts), person["id"]
        for ref in refs:
            assert ref[1:] in parsed.ids, f"{person['id']}: {ref} points at no anchor on the page"
        numbers = sorted({int(ref.split("-")[-1]) for ref in refs})
        assert numbers == list(range(1, len(numbers) + 1)), f"{person['id']}: sources not numbered 1..n: {numbers}"
        checked += 1
    assert checked >= 2


def test_person_page_shows_names_and_sources(built_site: Path, site_records: Path) -> None:
    person = next(p for p in records_of(site_records, "people") if p.get("name_hy") and p.get("other_names"))
    html = page(built_site, f"people/{person['id']}/")
    assert f'lang="hy">{person["name_hy"]}<' in html
    for other in person["other_names"]:
        assert other["name"] in html
    sources = {s["id"]: s for s in records_of(site_records, "sources")}
    cited = {
        c["source"]
        for event in records_of(site_records, "events")
        for item in event.get("people", [])
        if item["person"] == person["id"]
        for c in item.get("sources") or event["sources"]  # a person's own sources in the event, if given
    }
    for source_id in cited:
        assert sources[source_id]["url"] in html, f"{source_id} is not linked from {person['id']}"


# Event pages --------------------------------------------------------------------------------------


def test_event_date_ranges_display_as_one_span(built_site: Path, site_records: Path) -> None:
    same_month = 0
    for event in records_of(site_records, "events"):
        if "/" not in event["date"]:
            continue
        start, end = (dt.date.fromisoformat(part) for part in event["date"].split("/"))
        parsed = Page(page(built_site, f"events/{event['id']}/"))
        shown = parsed.text("event-meta")
        if (start.year, start.month) == (end.year, end.month):
            expected = f"{start.day}–{end.day} {start:%B %Y}"  # e.g. "24–25 December 2025"
            assert shown.startswith(expected), f"{event['id']}: {shown!r} does not start with {expected!r}"
            same_month += 1
        else:
            assert "–" in shown.split("·")[0], f"{event['id']}: a range shown as {shown!r}"
    assert same_month >= 1, "the fixture should hold a date range within one month"


def test_event_page_links_people_and_sources(built_site: Path, site_records: Path) -> None:
    sources = {s["id"]: s for s in records_of(site_records, "sources")}
    for event in records_of(site_records, "events")[:20]:
        parsed = Page(page(built_site, f"events/{event['id']}/"))
        for item in event.get("people", []):
            assert f"../../people/{item['person']}/" in parsed.hrefs, f"{event['id']} does not link {item['person']}"
        for citation in event["sources"]:
            assert sources[citation["source"]]["url"] in parsed.hrefs


def test_one_sided_accounts_say_whose_account(built_site: Path, site_records: Path) -> None:
    checked = 0
    for event in records_of(site_records, "events"):
        accounts = {c.get("account") for c in event["sources"]}
        if len(accounts) != 1 or None in accounts or accounts == {AccountGiver.JOURNALIST.value}:
            continue
        (account,) = accounts
        html = page(built_site, f"events/{event['id']}/")
        assert f"according to {label(AccountGiver(account))}" in html, f"{event['id']}: no attribution"
        for item in event.get("people", []):
            person_html = page(built_site, f"people/{item['person']}/")
            assert "according to" in person_html, f"{item['person']}: one-sided event not attributed"
        checked += 1
    assert checked >= 1, "the fixture should hold a one-sided account"


def test_timeline_lists_every_event(built_site: Path, site_records: Path) -> None:
    html = page(built_site, "timeline/")
    for event in records_of(site_records, "events"):
        assert f'href="../events/{event["id"]}/"' in html, f"{event['id']} is not on the timeline"
    assert 'data-filter="type"' in html and 'data-filter="person"' in html


def test_people_index_lists_everyone(built_site: Path, site_records: Path) -> None:
    html = page(built_site, "people/")
    for person in records_of(site_records, "people"):
        assert f'href="{person["id"]}/"' in html, f"{person['id']} is not in the people index"


# Atomic build -------------------------------------------------------------------------------------


@pytest.fixture
def previous_output(built_site: Path, tmp_path: Path) -> Path:
    """A copy of a real build's output in a folder of its own, as a previous build would leave it."""
    out = tmp_path / "out" / "site"
    shutil.copytree(built_site, out)
    return out


def broken_records(site_records: Path, target: Path) -> Path:
    shutil.copytree(site_records, target)
    event = records_of(target, "events")[0]
    event["people"] = [{"person": "nobody-by-this-id"}]
    (target / "events" / f"{event['id']}.json").write_text(json.dumps(event), "utf-8")
    return target


def test_broken_records_leave_the_previous_output_unchanged(
    previous_output: Path, site_records: Path, tmp_path: Path
) -> None:
    before = files_of(previous_output)
    records = broken_records(site_records, tmp_path / "broken")
    outcome = CliRunner().invoke(cli.main, ["build", "--records", str(records), "--out", str(previous_output)])
    assert outcome.exit_code != 0, outcome.output
    assert "nobody-by-this-id" in outcome.output
    assert "Traceback" not in outcome.output
    assert files_of(previous_output) == before
    assert sorted(p.name for p in previous_output.parent.iterdir()) == ["site"], "staging folders left behind"


def test_a_late_failure_leaves_the_previous_output_unchanged(
    previous_output: Path, site_records: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = files_of(previous_output)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # the build sets it; restored after the test

    def fail(*args: object, **kwargs: object) -> None:
        raise BuildFailed("injected failure in mkdocs")

    monkeypatch.setattr(site, "mkdocs_build", fail)
    with pytest.raises(BuildFailed):
        pipeline.build(site_records, previous_output)
    outcome = CliRunner().invoke(cli.main, ["build", "--records", str(site_records), "--out", str(previous_output)])
    assert outcome.exit_code == 1
    assert "injected failure in mkdocs" in outcome.output
    assert files_of(previous_output) == before
    assert sorted(p.name for p in previous_output.parent.iterdir()) == ["site"], "staging folders left behind"


def test_a_failed_first_build_writes_nothing(
    site_records: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # the build sets it; restored after the test

    def fail(*args: object, **kwargs: object) -> None:
        raise BuildFailed("injected failure in mkdocs")

    monkeypatch.setattr(site, "mkdocs_build", fail)
    out = tmp_path / "out" / "site"
    with pytest.raises(BuildFailed):
        pipeline.build(site_records, out)
    assert not out.exists()
    assert list(out.parent.iterdir()) == []


# Injection ----------------------------------------------------------------------------------------

RAW_MARKUP = [
    "<script>alert",
    "<script>window.__xss",
    "<img src=x onerror",
    "<img/src=x/onerror",
    "<svg onload",
    '"><svg',
    "'><script",
]
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def hostile_pages(hostile_site: Path) -> list[Path]:
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) >= 12
    return pages


def test_hostile_fixture_is_valid() -> None:
    outcome = CliRunner().invoke(cli.main, ["check", "--records", str(HOSTILE_RECORDS)])
    assert outcome.exit_code == 0, outcome.output


TEXT_FIELDS = {
    "people": {
        "name", "name_hy", "other_names.name", "other_names.note", "born.place", "born.sources.note",
        "origin.place", "origin.note", "roles.title", "category_note", "summary", "summary_hy",
        "identifiers.echr_application",
    },
    "events": {
        "title", "title_hy", "summary", "summary_hy", "place", "court", "charges", "people.note",
        "people.sentence.note", "count.counted", "sources.note", "dispute_note",
    },
    "sources": {"title", "publisher", "via", "note"},
}  # fmt: skip


def fields_holding_payload(value: object, prefix: str = "") -> set[str]:
    found: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            found |= fields_holding_payload(item, f"{prefix}{key}.")
    elif isinstance(value, list):
        for item in value:
            found |= fields_holding_payload(item, prefix)
    elif isinstance(value, str) and "<script>alert(1)</script>" in value:
        found.add(prefix.rstrip("."))
    return found


def test_hostile_fixture_covers_every_text_field() -> None:
    for kind, expected in TEXT_FIELDS.items():
        found = set().union(*(fields_holding_payload(record) for record in records_of(HOSTILE_RECORDS, kind)))
        assert not expected - found, f"{kind}: fields without the payload in tests/fixtures/hostile: {expected - found}"


def test_hostile_text_never_appears_as_markup(hostile_site: Path) -> None:
    problems = []
    for path in hostile_pages(hostile_site):
        html = path.read_text("utf-8")
        where = path.relative_to(hostile_site)
        for raw in RAW_MARKUP:
            for match in re.finditer(re.escape(raw), html):
                problems.append(f"{where}: unescaped {raw!r} at line {html.count(chr(10), 0, match.start()) + 1}")
        parsed = Page(html)
        for tag, attributes in parsed.tags:
            for name, value in attributes.items():
                if name.startswith("on"):
                    problems.append(f"{where}: <{tag} {name}={value!r}>")
                if name in {"href", "src", "action"} and (value or "").strip().lower().startswith("javascript:"):
                    problems.append(f"{where}: <{tag} {name}={value!r}>")
        for (_tag, attributes), script in zip(
            [t for t in parsed.tags if t[0] == "script"], parsed.scripts, strict=True
        ):
            if attributes.get("type") in {"application/ld+json", "application/json"}:
                try:
                    json.loads(script)  # record text stays inside its JSON strings
                except ValueError:
                    problems.append(f"{where}: a JSON script is broken by record text: {script[:80]!r}")
            elif "alert(" in script or "__xss" in script:
                problems.append(f"{where}: a script holds record text: {script[:80]!r}")
    assert not problems, "record text rendered as markup:\n" + "\n".join(problems[:40])


def test_hostile_text_is_shown_escaped(hostile_site: Path) -> None:
    for person in records_of(HOSTILE_RECORDS, "people"):
        html = page(hostile_site, f"people/{person['id']}/")
        assert ESCAPED in html
        assert Page(html).text("person").startswith(person["name"]), "the name is not shown as text"
    for event in records_of(HOSTILE_RECORDS, "events"):
        assert ESCAPED in page(hostile_site, f"events/{event['id']}/")
    for url in ("", "people/", "timeline/", "sources/"):
        assert ESCAPED in page(hostile_site, url), f"/{url}"
