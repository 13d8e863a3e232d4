"""The Armenian edition: every page in both languages, lang set, a working switch, Armenian dates,
untranslated text marked, one data package, and Armenian search on the Armenian pages."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from test_browser import Watched, records_of, search, site_url, unique_person, watched  # noqa: F401 - fixtures

from tracker.i18n import Language
from tracker.vocab import EventType

PAGES = ["", "people/", "timeline/", "sources/", "data/", "about/", "contributing/"]


def html_of(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def switch_target(html: str, url: str) -> str:
    """Where the page's language switch leads, as a site-relative URL."""
    match = re.search(r'<p class="language-switch"><a href="([^"]+)" hreflang="(\w+)"', html)
    assert match, f"/{url} has no language switch"
    resolved = urljoin(f"https://x.org/{url}", match.group(1))
    return resolved.removeprefix("https://x.org/")


def test_every_page_exists_in_both_languages_with_lang_and_a_switch(built_site: Path, site_records: Path) -> None:
    urls = PAGES + [f"people/{p['id']}/" for p in records_of(site_records, "people")]
    urls += [f"events/{e['id']}/" for e in records_of(site_records, "events")]
    for url in urls:
        english, armenian = html_of(built_site, url), html_of(built_site, f"hy/{url}")
        assert '<html lang="en"' in english and '<html lang="hy"' in armenian, url
        assert switch_target(english, url) == f"hy/{url}", url
        assert switch_target(armenian, f"hy/{url}") == url, url


def test_armenian_pages_word_dates_and_labels_in_armenian(built_site: Path, site_records: Path) -> None:
    event = next(e for e in records_of(site_records, "events") if e.get("date") and len(e["date"]) == 10)
    html = html_of(built_site, f"hy/events/{event['id']}/")
    assert Language("hy").date(event["date"]) in html
    assert re.search(
        r"թ\. (հունվարի|փետրվարի|մարտի|ապրիլի|մայիսի|հունիսի|հուլիսի|օգոստոսի|սեպտեմբերի|հոկտեմբերի|նոյեմբերի|դեկտեմբերի) \d",
        html,
    )
    assert Language("hy").label(EventType(event["type"])) in html
    assert "Աղբյուրներ" in html  # the Sources heading


def test_missing_translations_show_english_marked_never_empty(built_site: Path, site_records: Path) -> None:
    person = next(p for p in records_of(site_records, "people") if not p.get("summary_hy"))
    html = html_of(built_site, f"hy/people/{person['id']}/")
    summary = re.search(r'<p class="summary">(.*?)</p>', html, re.DOTALL).group(1)
    assert 'class="untranslated"' in summary and 'lang="en"' in summary
    assert person["summary"].split()[0] in summary


def test_armenian_text_is_used_where_editors_gave_it(built_site: Path, site_records: Path) -> None:
    person = next(p for p in records_of(site_records, "people") if p.get("name_hy"))
    html = html_of(built_site, f"hy/people/{person['id']}/")
    assert f"<h1>{person['name_hy']}</h1>" in html
    assert f"<title>{person['name_hy']} - " in html


def test_one_data_package_linked_from_both_languages(built_site: Path) -> None:
    assert not (built_site / "hy" / "data" / "datapackage.json").exists()
    html = html_of(built_site, "hy/data/")
    assert 'href="../../data/datapackage.json"' in html


def test_armenian_search_index_titles_people_in_armenian(built_site: Path, site_records: Path) -> None:
    index = json.loads((built_site / "hy" / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {doc["location"]: doc["title"] for doc in index["docs"]}
    person = next(p for p in records_of(site_records, "people") if p.get("name_hy"))
    assert titles[f"people/{person['id']}/"] == person["name_hy"]


@pytest.mark.browser
def test_searching_an_armenian_name_on_the_armenian_site_finds_the_person(
    watched: Watched,  # noqa: F811 - the fixture imported above
    site_url: str,  # noqa: F811
    site_records: Path,
) -> None:
    person, word = unique_person(site_records, lambda p: (p.get("name_hy") or "").split())
    watched.page.goto(f"{site_url}hy/", wait_until="networkidle")
    assert watched.page.evaluate("document.documentElement.lang") == "hy"
    hrefs = search(watched.page, word)
    assert any(f"/hy/people/{person['id']}/" in href for href in hrefs), f"{word!r} did not find {person['id']}"
    watched.page.goto(f"{site_url}hy/people/{person['id']}/", wait_until="networkidle")
    watched.page.click(".language-switch a")
    watched.page.wait_for_url(f"**/people/{person['id']}/")
    assert watched.page.evaluate("document.documentElement.lang") == "en"
    assert not watched.errors()
