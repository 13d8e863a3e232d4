"""The Armenian edition: every page in both languages, lang set, a working switch, Armenian dates,
untranslated text marked, one data package, and Armenian search on the Armenian pages."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import Watched, page, records_of, search, unique_person

from tracker import data_words_hy, dates, i18n, package_page, package_tables, render
from tracker.i18n import Language
from tracker.models import Redirect, Withdrawal
from tracker.vocab import AccountGiver, EventType, SourceKind, Status

PAGES = ["", "people/", "timeline/", "sources/", "data/", "about/", "contributing/"]


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
        english, armenian = page(built_site, url), page(built_site, f"hy/{url}")
        assert '<html lang="en"' in english and '<html lang="hy"' in armenian, url
        assert switch_target(english, url) == f"hy/{url}", url
        assert switch_target(armenian, f"hy/{url}") == url, url


def test_armenian_pages_word_dates_and_labels_in_armenian(built_site: Path, site_records: Path) -> None:
    event = next(e for e in records_of(site_records, "events") if e.get("date") and len(e["date"]) == 10)
    html = page(built_site, f"hy/events/{event['id']}/")
    assert Language("hy").date(event["date"]) in html
    assert re.search(
        r"թ\. (հունվարի|փետրվարի|մարտի|ապրիլի|մայիսի|հունիսի|հուլիսի|օգոստոսի|սեպտեմբերի|հոկտեմբերի|նոյեմբերի|դեկտեմբերի) \d",
        html,
    )
    assert Language("hy").label(EventType(event["type"])) in html
    assert "Աղբյուրներ" in html  # the Sources heading


def test_missing_translations_show_english_marked_never_empty(built_site: Path, site_records: Path) -> None:
    person = next(p for p in records_of(site_records, "people") if not p.get("summary_hy"))
    html = page(built_site, f"hy/people/{person['id']}/")
    summary = re.search(r'<p class="summary">(.*?)</p>', html, re.DOTALL).group(1)
    assert 'class="untranslated"' in summary and 'lang="en"' in summary
    assert person["summary"].split()[0] in summary


def test_armenian_text_is_used_where_editors_gave_it(built_site: Path, site_records: Path) -> None:
    person = next(p for p in records_of(site_records, "people") if p.get("name_hy"))
    html = page(built_site, f"hy/people/{person['id']}/")
    assert f"<h1>{person['name_hy']}</h1>" in html
    assert f"<title>{person['name_hy']} - " in html


def test_one_data_package_linked_from_both_languages(built_site: Path) -> None:
    assert not (built_site / "hy" / "data" / "datapackage.json").exists()
    html = page(built_site, "hy/data/")
    assert 'href="../../data/datapackage.json"' in html


def test_armenian_search_index_titles_people_in_armenian(built_site: Path, site_records: Path) -> None:
    from tracker.search import indexed_pages

    titles = {page["url"]: page["meta"]["title"] for page in indexed_pages(built_site) if page["language"] == "hy"}
    person = next(p for p in records_of(site_records, "people") if p.get("name_hy"))
    assert titles[f"/hy/people/{person['id']}/"] == person["name_hy"]


@pytest.mark.browser
def test_searching_an_armenian_name_on_the_armenian_site_finds_the_person(
    watched: Watched,
    site_url: str,
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


# What an Armenian reader reads on /hy/ pages, and the faults that must not come back (ARMENIAN.md).

SKIPPED_TAGS = {"script", "style", "cite", "code", "pre", "title", "textarea"}
"""Elements whose text is not interface wording: source titles (cite), codes, the page's script."""
SKIPPED_CLASSES = {"cite", "lang", "citation-text", "data-citation"}
"""The citation blocks (tracker/cite.py, another language's convention) and language codes like [ru]."""
SKIPPED_COMPONENTS = {"header-topic"}
"""The theme's header repeating the page title (the page's own <h1>, which is checked, marks it)."""
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
LATIN_NAMES = (
    "Material for MkDocs",
    "Creative Commons Attribution 4.0",
    "CC BY 4.0",
    "mkdocs-material",
    "CSL-JSON",
    "BibTeX",
    "Frictionless",
    "Wikidata",
    "RFE/RL",
    "Python",
    "JSON",
    "Atom",
    "MIT",
    "GitHub",
)
"""Proper names an Armenian page keeps in Latin script (formats, licences, tools, outlets)."""
BANNED_WORDS = ("սկսած", "պատում", "արձանագրություն")
"""«սկսած» after a nominative date, «պատում» for "account", «արձանագրություն» for "record"."""


class ArmenianReading(HTMLParser):
    """The text of a page a reader of Armenian reads: not inside another language's lang="…", a
    source title, code, a URL shown as a link, or the citation block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # per open element: is its text skipped?
        self.href: list[str | None] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_TAGS:
            return
        values = dict(attrs)
        skipped = bool(self.stack and self.stack[-1])
        skipped |= tag in SKIPPED_TAGS or values.get("lang", "hy") != "hy"
        skipped |= bool(SKIPPED_CLASSES & set((values.get("class") or "").split()))
        skipped |= values.get("data-md-component") in SKIPPED_COMPONENTS
        self.stack.append(skipped)
        self.href.append(values.get("href") if tag == "a" else None)

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID_TAGS and self.stack:
            self.stack.pop()
            self.href.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1]:
            return
        if self.href and self.href[-1] and data.strip() == self.href[-1]:
            return  # a URL shown as its own link text
        self.parts.append(data)

    @classmethod
    def of(cls, html: str) -> str:
        reader = cls()
        reader.feed(html[html.index("<body") :])
        return " ".join(" ".join(reader.parts).split())


def latin_left(text: str, allowed: set[str]) -> list[str]:
    """Latin-script words left in Armenian reading text once the allowed names are taken out."""
    for name in sorted(allowed, key=len, reverse=True):
        text = text.replace(name, " ")
    return re.findall(r"[A-Za-z][A-Za-z'’-]*", text)


def punctuation_faults(html: str) -> list[str]:
    """ASCII ':' after Armenian text (it reads as «։»), and '.' ending an Armenian sentence or paragraph
    (a '.' inside one stands for the միջակետ «․», and «թ.» abbreviates a year)."""
    text = ArmenianReading.of(html)
    html = re.sub(r'<details class="cite".*?</details>', "", html, flags=re.DOTALL)
    colons = re.findall(r"[\u0531-\u0587»)]\s*:(?:\s|$)", text)
    stops = re.findall(r"[\u0531-\u0587»)](?<!թ)\.\s*(?:</(?:p|li|dd|td|strong|figcaption|caption)>|$)", html)
    return colons + stops


def armenian_pages(site: Path, records: Path) -> dict[str, str]:
    """URL -> HTML of every Armenian page but the data page (its wording is the data package's)."""
    urls = [url for url in PAGES if url != "data/"]
    urls += [f"people/{p['id']}/" for p in records_of(records, "people")]
    urls += [f"events/{e['id']}/" for e in records_of(records, "events")]
    return {url: page(site, f"hy/{url}") for url in urls}


def test_the_reading_checks_fire_on_the_faults_they_guard_against() -> None:
    planted = (
        '<body><p>Մշտական հասցե: <a href="https://x.org/">https://x.org/</a>. Վերջին փոփոխությունը։</p>'
        '<p lang="en">English kept</p><p>Sentenced since</p><p><cite>A title</cite> 2023 թ. մարտ</p></body>'
    )
    assert latin_left(ArmenianReading.of(planted), set()) == ["Sentenced", "since"]
    assert len(punctuation_faults(planted)) == 1  # the colon; the dot after the URL follows no Armenian
    assert punctuation_faults("<body><p>Այլ գրություններ: X</p><p>Այն հանվել է.</p></body>") == ["ր: ", "է.</p>"]
    assert not punctuation_faults("<body><p>2023 թ. մարտ. 2021–2023 թթ.</p><p>Այո։</p></body>")


def test_armenian_pages_put_no_ascii_colon_or_full_stop_after_armenian(built_site: Path, site_records: Path) -> None:
    for url, html in armenian_pages(built_site, site_records).items():
        assert not punctuation_faults(html), f"/hy/{url}: {punctuation_faults(html)}"


def test_armenian_pages_show_latin_script_only_in_names_titles_codes_and_english_marked(
    built_site: Path, site_records: Path
) -> None:
    sources = records_of(site_records, "sources")
    allowed = set(LATIN_NAMES) | {s["publisher"] for s in sources} | {s["via"] for s in sources if s.get("via")}
    for url, html in armenian_pages(built_site, site_records).items():
        left = latin_left(ArmenianReading.of(html), allowed)
        assert not left, f"/hy/{url} shows Latin script outside names, titles and marked English: {left[:10]}"


def test_armenian_wording_avoids_the_calques_the_review_found(built_site: Path, site_records: Path) -> None:
    texts = armenian_pages(built_site, site_records)
    texts["i18n catalogue"] = json.dumps([i18n.HY, {str(k): v for k, v in i18n.HY_LABELS.items()}], ensure_ascii=False)
    texts.update(
        {path.name: path.read_text("utf-8") for path in (Path(__file__).parent.parent / "docs" / "hy").glob("*.md")}
    )
    for where, text in texts.items():
        for word in BANNED_WORDS:
            assert word not in text, f"{where}: «{word}»"


def test_armenian_dates_use_one_abbreviation_dot_and_collapse_ranges(built_site: Path, site_records: Path) -> None:
    for url, html in armenian_pages(built_site, site_records).items():
        assert "թ\u2024" not in html, f"/hy/{url} writes «թ.» with U+2024"
    assert re.search(r"\d թ\. ", page(built_site, "hy/"))  # the home page dates its coverage
    words = Language("hy")
    assert words.date("2025-12-24/2025-12-25") == "2025 թ. դեկտեմբերի 24–25"
    assert words.date("2021/2023") == "2021–2023 թթ."
    assert words.span("2021", "2023") == "2021–2023 թթ."
    assert words.date("2023-10-03", "from") == "2023 թ. հոկտեմբերի 3-ից"
    assert words.date("2026-01-14", "on") == "2026 թ. հունվարի 14-ին"
    assert words.date("2020-10", "from") == "2020 թ. հոկտեմբերից"  # no hyphen after an Armenian word
    assert words.number(12345) == "12\u00a0345"


def test_status_since_is_worded_with_a_case_ending_never_since() -> None:
    words = Language("hy")
    held = words.status_since(Status.HELD, dates.parse("2023-10-03"))
    released = words.status_since(Status.RELEASED, dates.parse("2026-01-14"))
    assert (held, released) == ("պահվում է 2023 թ. հոկտեմբերի 3-ից", "ազատ է արձակվել 2026 թ. հունվարի 14-ին")
    assert Language("en").status_since(Status.HELD, dates.parse("2023-10-03")) == "held since 3 October 2023"


def test_stitched_phrases_are_whole_phrases_in_armenian_order() -> None:
    words = Language("hy")
    assert words.and_more(10) == "և ևս 10-ը"
    assert words.via("Azatutyun") == "սկզբնաղբյուրը՝ Azatutyun"
    assert words.account_of(AccountGiver.FAMILY) == "ըստ ընտանիքի"
    summary = words.people_summary(25, [(words.label(Status.HELD), 20), (words.label(Status.RELEASED), 5)])
    assert summary == "Այստեղ փաստագրված է 25 անձ, որոնցից 20-ը պահվում են, 5-ն ազատ են արձակվել։"
    english = Language("en")
    assert (
        english.people_summary(25, [("held", 20), ("released", 5)])
        == "25 people are documented here: 20 held, 5 released."
    )
    assert (english.and_more(10), english.via("X")) == ("and 10 more", "via X")


def test_withdrawal_notice_is_one_armenian_sentence_with_its_reason_in_armenian() -> None:
    withdrawal = Withdrawal(id="x-y", kind="people", date="2026-12-01", reason="safety")
    html = (
        render.environment("hy")
        .get_template("retired.html")
        .render(redirect=None, withdrawal=withdrawal, root="../../")
    )
    assert (
        "Այս գրառումը հանվել է 2026 թ. դեկտեմբերի 1-ին, քանի որ դրա հրապարակումը կարող էր վտանգի ենթարկել որևէ մեկին։"
        in html
    )
    assert not latin_left(ArmenianReading.of(f"<body>{html}</body>"), set())


def test_source_headings_are_plural_and_keep_their_capitals(built_site: Path) -> None:
    armenian = re.findall(r'<h2 id="[a-z-]+">([^<]+)</h2>', page(built_site, "hy/sources/"))
    english = re.findall(r'<h2 id="[a-z-]+">([^<]+)</h2>', page(built_site, "sources/"))
    assert armenian and english
    assert all(heading.split(" (")[0].endswith(("ներ", "ՀԿ-ներ", ")", "հասարակություն")) for heading in armenian), (
        armenian
    )
    assert "International NGO (2)" in english and not any("ngo" in heading for heading in english)
    assert Language("hy").heading(SourceKind.RFE_RL) == "«Ազատություն» ռադիոկայան (RFE/RL)"


def test_theme_and_configuration_strings_are_armenian_on_armenian_pages(built_site: Path) -> None:
    html = page(built_site, "hy/")
    for armenian in ("Էջագլուխ", "Նավարկում", "Դեպի էջի սկիզբ", "Անցնել մութ ռեժիմի", "Տվյալները՝ CC BY 4.0"):
        assert armenian in html, armenian
    for upstream in ("Գլխագիր", "Տեղորոշում", "Վերադառնալ սկիզբ", "Switch to", "Every fact links"):
        assert upstream not in html, upstream
    assert "Switch to dark mode" in page(built_site, "")


def test_redirect_notice_ends_its_sentences_in_armenian() -> None:
    redirect = Redirect(id="x-y", kind="people", to="x-z", date="2026-11-03", reason="renamed")
    html = (
        render.environment("hy")
        .get_template("retired.html")
        .render(redirect=redirect, target="../../people/x-z/", target_title="Արմեն Դանիելյան", root="../../")
    )
    assert 'Այն այժմ այստեղ է՝ <a href="../../people/x-z/">Արմեն Դանիելյան</a>։' in html
    assert not punctuation_faults(f"<body>{html}</body>")


# The data page: the data dictionary in Armenian (tracker/data_words_hy.py), the package English.

DATA_PAGE_NAMES = (
    "JSON Schema",
    "EDTF",
    "UTF-8",
    "CSV",
    "RFC",
    "ISO",
    "zip",
    "frictionless",
    "pandas",
    "OC Media",
    "R",
    "SQLite",
    "Datasette",
    "Excel",
    "LibreOffice Calc",
    "Google Sheets",
)
"""Names of standards, formats and tools (and a publisher in an example) the Armenian data page keeps."""


def missing_armenian(tables: list[package_tables.Table]) -> list[str]:
    """What the data dictionary of these tables lacks in Armenian, each naming where to add it."""
    by_name = {table.name: table for table in tables}
    where = "tracker/data_words_hy.py"
    missing = [
        f"table {t.name!r}: add it to {words} in {where}"
        for t in tables
        for words, entries in [("TABLES", data_words_hy.TABLES), ("TITLES", data_words_hy.TITLES)]
        if t.name not in entries
    ]
    for table in tables:
        for column in table.columns:
            if package_page.armenian_column(by_name, table, column) is None:
                missing.append(
                    f"column {table.name}.{column.name}: add ({table.name!r}, {column.name!r}) to COLUMNS in {where}"
                )
            labels = package_page.armenian_labels(column)
            for category in column.field.get("categories", []):
                if category["value"] not in labels:
                    missing.append(f"value {category['value']!r} of {table.name}.{column.name}: add its Armenian label")
    return missing


def test_every_table_column_and_value_of_the_package_has_its_armenian_description() -> None:
    tables = package_tables.tables()
    assert not missing_armenian(tables), "\n".join(missing_armenian(tables))
    columns = {(table.name, column.name) for table in tables for column in table.columns}
    assert not set(data_words_hy.COLUMNS) - columns, "entries for columns the package no longer has"
    for entries in (data_words_hy.TABLES, data_words_hy.TITLES):
        assert not set(entries) - {table.name for table in tables}, "entries for tables the package lacks"


def test_a_new_field_without_armenian_is_named_with_where_to_add_it() -> None:
    tables = package_tables.tables()
    people = next(table for table in tables if table.name == "people")
    new = {"name": "nickname", "type": "string", "description": "A nickname.", "categories": [{"value": "x"}]}
    people.columns.append(package_tables.Column("nickname", new))
    assert missing_armenian(tables) == [
        "column people.nickname: add ('people', 'nickname') to COLUMNS in tracker/data_words_hy.py",
        "value 'x' of people.nickname: add its Armenian label",
    ]
    tables.append(package_tables.Table("nicknames", "Nicknames.", [], ["id"]))
    assert missing_armenian(tables)[:2] == [
        "table 'nicknames': add it to TABLES in tracker/data_words_hy.py",
        "table 'nicknames': add it to TITLES in tracker/data_words_hy.py",
    ]


def test_armenian_data_page_is_armenian_but_for_code_names_and_the_marked_changelog(
    built_site: Path, site_records: Path
) -> None:
    html = page(built_site, "hy/data/")
    sources = records_of(site_records, "sources")
    allowed = set(LATIN_NAMES) | set(DATA_PAGE_NAMES) | {s["publisher"] for s in sources}
    left = latin_left(ArmenianReading.of(html), allowed)
    assert not left, f"/hy/data/ shows Latin script outside code and marked English: {left[:10]}"
    before_changelog = html[html.index("<body") : html.index('<h2 id="data-changelog"')]
    untranslated = re.findall(r'<(?:p|td|span|li|ul)\b[^>]* lang="en"[^>]*>[^<]*', before_changelog)
    assert not untranslated, f"/hy/data/ falls back to English (add the Armenian to data_words_hy): {untranslated[:3]}"
    dictionary = html[html.index('<h2 id="data-dictionary"') : html.index('<h2 id="data-changelog"')]
    assert not punctuation_faults(f"<body>{dictionary}</body>"), punctuation_faults(f"<body>{dictionary}</body>")
    assert "<code>detained-blockade</code>՝ կալանավորվել է շրջափակման ընթացքում" in html  # a vocabulary's label
    assert (
        "<code>advocacy</code>՝ իրավապաշտպանների" in html
        and "<code>advocacy</code>՝ իրավապաշտպան կազմակերպություն" in html
    )
    changelog = html[html.index('<h2 id="data-changelog"') :]
    assert '<ul lang="en">' in changelog  # the record of releases stays English, marked
