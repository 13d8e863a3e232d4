"""Issue 5, permanent and citable: the URL guarantee, redirects and withdrawal notices, the citation
kit, Dataset metadata, reproducible builds, Atom feeds, change history from git, CITATION.cff.

Every site here is built from a temporary copy of tests/fixtures/valid/records (plus one person
added for the purpose), never from records/. Builds are shared per module; tests that change
records copy the whole folder first.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import html
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner, Result

from tracker import cite, paths, search
from tracker.cli import main
from tracker.package import ZIP_NAME, current_version, releases
from tracker.pipeline import configured_site_url
from tracker.verify import exists, read_urls

TESTS = Path(__file__).resolve().parent
VALID = TESTS / "fixtures" / "valid" / "records"
CFF_SCHEMA = TESTS / "schemas" / "cff-1.2.0.schema.json"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

EPOCH = "1714521600"
"""2024-05-01T00:00:00Z: SOURCE_DATE_EPOCH for the builds that are not in git."""
EPOCH_DAY = "2024-05-01"
SITE_URL = configured_site_url()

NEW_PERSON = "test-person-three"
NEW_EVENT = "2023-10-02-test-person-three-detained"
KEPT_PERSON = "test-person-one"
KEPT_EVENT = "2023-09-28-test-person-one-detained"
EDITED_EVENT = "2024-03-15-test-person-one-sentenced"


# Helpers ------------------------------------------------------------------------------------------


@contextlib.contextmanager
def source_date_epoch(value: str | None) -> Iterator[None]:
    """SOURCE_DATE_EPOCH set to value (or unset) for the block, and restored afterwards.

    The build itself writes SOURCE_DATE_EPOCH into os.environ (see test_build_does_not_pin_the_epoch),
    so the variable is set first, which makes the monkeypatch remember and restore the original.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "0")
        if value is None:
            patch.delenv("SOURCE_DATE_EPOCH")
        else:
            patch.setenv("SOURCE_DATE_EPOCH", value)
        yield


def run(*args: str) -> Result:
    """The command line, as a user runs it (click's runner; stdout and stderr kept apart)."""
    result = CliRunner().invoke(main, list(args), catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def build(records: Path, out: Path, epoch: str | None = EPOCH) -> Result:
    with source_date_epoch(epoch):
        return run("build", "--records", str(records), "--out", str(out), "-q")


def build_ok(records: Path, out: Path, epoch: str | None = EPOCH) -> Path:
    result = build(records, out, epoch)
    assert result.exit_code == 0, f"build failed:\n{result.stderr}"
    return out


def write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def differences(one: dict[str, bytes], two: dict[str, bytes]) -> list[str]:
    """Paths present in only one tree, or with different bytes."""
    return sorted(path for path in one.keys() | two.keys() if one.get(path) != two.get(path))


def page(site: Path, url: str) -> str:
    return (site / url.strip("/") / "index.html").read_text(encoding="utf-8")


def record_ids(records: Path, kind: str) -> list[str]:
    return sorted(path.stem for path in (records / kind).glob("*.json"))


def site_path(site: Path, absolute_url: str) -> Path:
    """The built file an absolute site URL points at."""
    assert absolute_url.startswith(SITE_URL), absolute_url
    relative = absolute_url.removeprefix(SITE_URL)
    return site / relative / "index.html" if relative.endswith("/") or not relative else site / relative


class Head(HTMLParser):
    """The parts of a page this issue is about: meta tags, link elements, JSON-LD scripts."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: list[dict[str, str]] = []
        self.links: list[dict[str, str]] = []
        self.jsonld: list[str] = []
        self._in_jsonld = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "meta":
            self.meta.append(values)
        elif tag == "link":
            self.links.append(values)
        elif tag == "script" and values.get("type") == "application/ld+json":
            self._in_jsonld = True
            self.jsonld.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_jsonld = False

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld[-1] += data

    def named(self, name: str) -> list[str]:
        return [m.get("content", "") for m in self.meta if m.get("name") == name]

    def canonical(self) -> list[str]:
        return [link.get("href", "") for link in self.links if link.get("rel") == "canonical"]

    def refresh(self) -> list[str]:
        return [m.get("content", "") for m in self.meta if m.get("http-equiv", "").lower() == "refresh"]


def add_third_person(records: Path) -> None:
    """A person (and the event that concerns them) who exists only to be removed later."""
    write_json(
        records / "people" / f"{NEW_PERSON}.json",
        {
            "id": NEW_PERSON,
            "name": "Test Person Three",
            "category": "detained-september-2023",
            "summary": "A fictional person the permanence tests publish and then retire.",
            "summary_sources": [{"source": "example-news-detentions"}],
        },
    )
    write_json(
        records / "events" / f"{NEW_EVENT}.json",
        {
            "id": NEW_EVENT,
            "date": "2023-10-02",
            "type": "detention",
            "title": "Test Person Three detained",
            "summary": "The invented news report says Test Person Three was detained.",
            "people": [{"person": NEW_PERSON}],
            "sources": [{"source": "example-news-detentions"}],
        },
    )


def remove_third_person(records: Path) -> None:
    (records / "people" / f"{NEW_PERSON}.json").unlink()
    (records / "events" / f"{NEW_EVENT}.json").unlink()


def retire_third_person(records: Path) -> Path:
    """Remove the third person and their event, keeping their URLs: a redirect (renamed) and a
    withdrawal notice (an error). Returns records."""
    remove_third_person(records)
    write_json(
        records / "redirects" / f"{NEW_PERSON}.json",
        {"id": NEW_PERSON, "kind": "people", "to": KEPT_PERSON, "date": "2025-01-15", "reason": "renamed"},
    )
    write_json(
        records / "withdrawn" / f"{NEW_EVENT}.json",
        {"id": NEW_EVENT, "kind": "events", "date": "2025-02-03", "reason": "error"},
    )
    return records


# The published site: built once, its URLs recorded with the `urls` command ------------------------


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding records/ (fixture + a third person), site/ built from it, and the
    published-urls.txt that `urls` wrote beside records/. Tests must not modify it: copy it."""
    root = tmp_path_factory.mktemp("published")
    shutil.copytree(VALID, root / "records")
    add_third_person(root / "records")
    build_ok(root / "records", root / "site")
    result = run("urls", "--records", str(root / "records"), "--out", str(root / "site"))
    assert result.exit_code == 0, result.stderr
    return root


@pytest.fixture(scope="module")
def site(published: Path) -> Path:
    return published / "site"


@pytest.fixture
def work(published: Path, tmp_path: Path) -> Path:
    """A private copy of the published folder, free to change."""
    copy = tmp_path / "work"
    shutil.copytree(published, copy)
    return copy


def live_pages(records: Path) -> list[str]:
    return [f"/people/{i}/" for i in record_ids(records, "people")] + [
        f"/events/{i}/" for i in record_ids(records, "events")
    ]


# 1. The URL guarantee ------------------------------------------------------------------------------


def test_urls_command_lists_every_published_page(published: Path) -> None:
    urls = read_urls(published / "published-urls.txt")
    assert urls == sorted(set(urls)), "published-urls.txt has duplicates or is out of order"
    expected = [*live_pages(published / "records"), "/", "/people/", "/timeline/", "/sources/", "/data/"]
    expected += ["/about/", "/feed.xml", "/sitemap.xml", "/data/datapackage.json", f"/data/{ZIP_NAME}"]
    missing = sorted(set(expected) - set(urls))
    assert not missing, f"not recorded in published-urls.txt: {missing}"
    assert all(url.startswith("/") for url in urls)
    theme = [
        url for url in urls if url.startswith(("/assets/", "/pagefind/")) or url.endswith(("cite.bib", "404.html"))
    ]
    assert not theme, f"theme files and per-page attachments are not guaranteed URLs: {theme}"
    unserved = [url for url in urls if not exists(published / "site", url)]
    assert not unserved, f"listed but not in the site: {unserved}"


def test_urls_command_only_appends(work: Path) -> None:
    listed = work / "published-urls.txt"
    before = listed.read_text(encoding="utf-8")
    result = run("urls", "--records", str(work / "records"), "--out", str(work / "site"))
    assert result.exit_code == 0, result.stderr
    assert "0 new URL(s)" in result.stdout
    assert listed.read_text(encoding="utf-8") == before

    # A URL the site no longer has (and one still listed) stays listed: lines are never removed.
    listed.write_text(before + "/people/someone-long-gone/\n", encoding="utf-8")
    run("urls", "--records", str(work / "records"), "--out", str(work / "site"))
    assert "/people/someone-long-gone/" in read_urls(listed)
    assert listed.read_text(encoding="utf-8").startswith(before)


def test_urls_command_needs_a_built_site(work: Path) -> None:
    result = run("urls", "--records", str(work / "records"), "--out", str(work / "nothing-here"))
    assert result.exit_code == 2
    assert "no built site" in result.stderr


def test_removing_a_published_person_fails_naming_the_url(work: Path) -> None:
    before = snapshot(work / "site")
    remove_third_person(work / "records")

    result = build(work / "records", work / "site")

    assert result.exit_code != 0
    assert f"/people/{NEW_PERSON}/" in result.stderr
    assert f"/events/{NEW_EVENT}/" in result.stderr
    assert f"/people/{KEPT_PERSON}/" not in result.stderr
    assert "records/redirects/" in result.stderr and "records/withdrawn/" in result.stderr  # says how to fix
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    changed = differences(before, snapshot(work / "site"))
    assert not changed, f"a failed build changed the previous output: {changed[:10]}"
    leftovers = [p.name for p in work.iterdir() if p.name.startswith(".site-building-")]
    assert not leftovers, f"staging folders left behind: {leftovers}"


def test_a_build_without_published_urls_is_not_guarded(work: Path) -> None:
    """Sanity check of the fixture: the failure above comes from published-urls.txt, nothing else."""
    remove_third_person(work / "records")
    (work / "published-urls.txt").unlink()
    build_ok(work / "records", work / "site")
    assert not (work / "site" / "people" / NEW_PERSON).exists()


def test_a_redirect_keeps_a_renamed_persons_url(work: Path) -> None:
    records = work / "records"
    remove_third_person(records)
    write_json(
        records / "redirects" / f"{NEW_PERSON}.json",
        {"id": NEW_PERSON, "kind": "people", "to": KEPT_PERSON, "date": "2025-01-15", "reason": "renamed"},
    )
    write_json(
        records / "redirects" / f"{NEW_EVENT}.json",
        {"id": NEW_EVENT, "kind": "events", "to": KEPT_EVENT, "date": "2025-01-15", "reason": "merged"},
    )
    site = build_ok(records, work / "site")

    for old, new in (
        (f"/people/{NEW_PERSON}/", f"/people/{KEPT_PERSON}/"),
        (f"/events/{NEW_EVENT}/", f"/events/{KEPT_EVENT}/"),
    ):
        text = page(site, old)
        head = Head(text)
        refresh = head.refresh()
        assert len(refresh) == 1, f"{old}: expected one meta refresh, found {refresh}"
        delay, _, target = refresh[0].partition(";")
        assert delay.strip() == "0"
        target = target.strip().removeprefix("url=")
        resolved = os.path.normpath(os.path.join(old, target)) + "/"
        assert resolved == new, f"{old} redirects to {target} ({resolved}), not {new}"
        assert exists(site, resolved)
        assert "noindex" in head.named("robots"), f"{old} is not marked noindex"
        assert "has moved" in text and "15 January 2025" in text
        assert f'href="{target}"' in text, "the notice also links to the new page (for readers without refresh)"
        assert not head.named("citation_title"), "a redirect is not a citable page"
    # The retired id is not listed as a person any more, and the rename is not in the search index.
    assert f"{NEW_PERSON}/" not in page(site, "/people/")
    assert not [p["url"] for p in search.indexed_pages(site) if NEW_PERSON in p["url"] + p["content"]]


def test_a_withdrawal_notice_keeps_a_withdrawn_persons_url(work: Path) -> None:
    records = work / "records"
    remove_third_person(records)
    note = "The record was withdrawn to protect the person's family."
    write_json(
        records / "withdrawn" / f"{NEW_PERSON}.json",
        {"id": NEW_PERSON, "kind": "people", "date": "2025-02-03", "reason": "safety", "note": note},
    )
    write_json(
        records / "withdrawn" / f"{NEW_EVENT}.json",
        {"id": NEW_EVENT, "kind": "events", "date": "2025-02-03", "reason": "error"},
    )
    site = build_ok(records, work / "site")

    text = page(site, f"/people/{NEW_PERSON}/")
    head = Head(text)
    assert "noindex" in head.named("robots")
    assert not head.refresh(), "a withdrawn record does not redirect anywhere"
    assert "withdrawn on 3 February 2025" in text  # when
    assert "publishing it could put someone at risk" in text  # why (the label of the closed-list reason)
    assert note in html.unescape(text)
    assert "Test Person Three" not in text, "a withdrawn person's name must not stay on the notice"
    assert not head.named("citation_title")

    event_text = page(site, f"/events/{NEW_EVENT}/")
    assert "withdrawn on 3 February 2025" in event_text and "it was found to be wrong" in event_text
    assert "noindex" in Head(event_text).named("robots")
    assert not [p["url"] for p in search.indexed_pages(site) if "Test Person Three" in p["content"]]


def test_retired_pages_are_left_out_of_the_sitemap(work: Path) -> None:
    site = build_ok(retire_third_person(work / "records"), work / "site")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"/people/{NEW_PERSON}/" not in sitemap
    assert f"/events/{NEW_EVENT}/" not in sitemap


def test_retired_ids_appear_in_the_data_package(work: Path) -> None:
    site = build_ok(retire_third_person(work / "records"), work / "site")
    data = "\n".join(
        path.read_text(encoding="utf-8") for path in (site / "data").iterdir() if path.suffix in {".csv", ".json"}
    )
    assert NEW_PERSON in data, "the redirected id is nowhere in the data package"
    assert NEW_EVENT in data, "the withdrawn id is nowhere in the data package"


def check(records: Path) -> Result:
    return run("check", "--records", str(records))


def test_a_redirect_to_an_unknown_record_is_a_problem(tmp_path: Path) -> None:
    records = tmp_path / "records"
    shutil.copytree(VALID, records)
    write_json(
        records / "redirects" / "old-name.json",
        {"id": "old-name", "kind": "people", "to": "test-person-nine", "date": "2025-01-15", "reason": "renamed"},
    )
    result = check(records)
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.endswith("]")]
    assert len(lines) == 1, result.stderr
    assert "redirects/old-name.json: to: " in lines[0]
    assert '"test-person-nine"' in lines[0]
    assert lines[0].endswith("[unknown-reference]")


def test_a_redirect_to_a_record_of_another_kind_is_a_problem(tmp_path: Path) -> None:
    records = tmp_path / "records"
    shutil.copytree(VALID, records)
    write_json(
        records / "redirects" / "old-name.json",
        {"id": "old-name", "kind": "events", "to": KEPT_PERSON, "date": "2025-01-15", "reason": "merged"},
    )
    result = check(records)
    assert result.exit_code == 1
    assert "[unknown-reference]" in result.stderr


@pytest.mark.parametrize("folder", ["withdrawn", "redirects"])
def test_a_retired_id_reused_by_a_live_record_is_a_problem(tmp_path: Path, folder: str) -> None:
    records = tmp_path / "records"
    shutil.copytree(VALID, records)
    retired: dict[str, Any] = {"id": "test-person-two", "kind": "people", "date": "2025-01-15"}
    retired |= {"reason": "error"} if folder == "withdrawn" else {"reason": "renamed", "to": KEPT_PERSON}
    write_json(records / folder / "test-person-two.json", retired)
    result = check(records)
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if "[reserved-id]" in line]
    assert len(lines) == 1, result.stderr
    assert f"{folder}/test-person-two.json: id: " in lines[0]
    assert "people/test-person-two.json" in lines[0], "the problem names the live record that reuses the id"


def test_valid_redirect_and_withdrawal_pass_check(tmp_path: Path) -> None:
    records = tmp_path / "records"
    shutil.copytree(VALID, records)
    write_json(
        records / "redirects" / "test-person-one-old.json",
        {"id": "test-person-one-old", "kind": "people", "to": KEPT_PERSON, "date": "2025-01", "reason": "renamed"},
    )
    write_json(
        records / "withdrawn" / "test-person-four.json",
        {"id": "test-person-four", "kind": "people", "date": "2025-01-15", "reason": "request-of-person-or-family"},
    )
    result = check(records)
    assert result.exit_code == 0, result.stderr


def test_a_withdrawal_reason_comes_from_the_closed_list(tmp_path: Path) -> None:
    records = tmp_path / "records"
    shutil.copytree(VALID, records)
    write_json(
        records / "withdrawn" / "test-person-four.json",
        {"id": "test-person-four", "kind": "people", "date": "2025-01-15", "reason": "we felt like it"},
    )
    result = check(records)
    assert result.exit_code == 1
    assert "withdrawn/test-person-four.json: reason" in result.stderr


def test_the_repository_keeps_every_published_record_url() -> None:
    """The cheap half of the guarantee for the real records: every /people/<id>/ and /events/<id>/
    in the committed published-urls.txt still has a record, a redirect or a withdrawal notice."""
    urls = read_urls(paths.PUBLISHED_URLS)
    assert urls, "published-urls.txt is empty"
    assert len(urls) == len(set(urls)), "published-urls.txt lists a URL twice"
    assert all(url.startswith("/") and " " not in url for url in urls)
    lost = []
    for url in urls:
        match = re.fullmatch(r"/(people|events)/([^/]+)/", url)
        if match:
            kind, record_id = match.groups()
            candidates = [paths.RECORDS / kind / f"{record_id}.json"]
            candidates += [paths.RECORDS / folder / f"{record_id}.json" for folder in ("redirects", "withdrawn")]
            if not any(path.is_file() for path in candidates):
                lost.append(url)
    assert not lost, f"published URLs with no record, redirect or withdrawal: {lost}"


# 2. Reproducible builds ---------------------------------------------------------------------------

PYGAL_RANDOM = [
    (re.compile(r"chart-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), "chart-ID"),
    (re.compile(r"window\.pygal\.config\['[0-9a-f-]{36}'\]"), "window.pygal.config['ID']"),
    (re.compile(r"<!--Generated with pygal [^>]*-->"), "<!--pygal-->"),
]


def without_chart_ids(files: dict[str, bytes]) -> dict[str, bytes]:
    normalised = {}
    for path, content in files.items():
        if path.endswith(".html"):
            text = content.decode("utf-8")
            for pattern, replacement in PYGAL_RANDOM:
                text = pattern.sub(replacement, text)
            content = text.encode("utf-8")
        normalised[path] = content
    return normalised


@pytest.fixture(scope="module")
def twin_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same records (fixture + synthetic people) built twice, same SOURCE_DATE_EPOCH, two folders."""
    from tracker.synth import synthesize

    root = tmp_path_factory.mktemp("twins")
    records = root / "records"
    shutil.copytree(VALID, records)
    synthesize(6, records, seed=5)
    return build_ok(records, root / "one" / "site"), build_ok(records, root / "elsewhere" / "out")


def test_two_builds_are_byte_identical(twin_builds: tuple[Path, Path]) -> None:
    one, two = twin_builds
    changed = differences(snapshot(one), snapshot(two))
    assert not changed, f"two builds of the same records differ in: {changed}"


def test_two_builds_are_identical_apart_from_the_chart_ids(twin_builds: tuple[Path, Path]) -> None:
    """Everything but pygal's random chart id (the bug above) is already reproducible."""
    one, two = (snapshot(site) for site in twin_builds)
    assert len(one) > 50
    changed = differences(without_chart_ids(one), without_chart_ids(two))
    assert not changed, f"two builds of the same records differ in: {changed}"


def test_the_data_zip_is_identical_with_fixed_times(twin_builds: tuple[Path, Path]) -> None:
    one, two = (site / "data" / ZIP_NAME for site in twin_builds)
    assert one.read_bytes() == two.read_bytes()
    with zipfile.ZipFile(one) as archive:
        infos = archive.infolist()
        names = [info.filename for info in infos]
        assert names == sorted(names)
        assert {info.date_time for info in infos} == {(2024, 5, 1, 0, 0, 0)}, "zip times come from SOURCE_DATE_EPOCH"
        assert archive.testzip() is None


def test_build_timestamps_come_from_source_date_epoch(twin_builds: tuple[Path, Path]) -> None:
    site = twin_builds[0]
    descriptor = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["created"] == "2024-05-01T00:00:00Z"
    lastmods = {node.text for node in ET.parse(site / "sitemap.xml").getroot().iter(f"{SITEMAP}lastmod")}
    assert lastmods == {EPOCH_DAY}, "outside git every page's last change is the build day"


# 3. Citation kit and machine-readable metadata ----------------------------------------------------


def record_pages(records: Path) -> list[tuple[str, str, str]]:
    """(kind, id, title) of every person and event."""
    pages = []
    for kind, field in (("people", "name"), ("events", "title")):
        for record_id in record_ids(records, kind):
            data = json.loads((records / kind / f"{record_id}.json").read_text(encoding="utf-8"))
            pages.append((kind, record_id, data[field]))
    return pages


def test_record_pages_carry_highwire_tags(published: Path, site: Path) -> None:
    for kind, record_id, title in record_pages(published / "records"):
        url = f"{SITE_URL}{kind}/{record_id}/"
        head = Head(page(site, f"/{kind}/{record_id}/"))
        where = f"/{kind}/{record_id}/"
        assert head.named("citation_title") == [title], where
        assert head.named("citation_public_url") == [url], where
        assert head.named("citation_author") == [cite.HIGHWIRE_AUTHOR], where
        dates = head.named("citation_date")
        assert len(dates) == 1 and re.fullmatch(r"\d{4}/\d{2}/\d{2}", dates[0]), (where, dates)
        assert dates[0] == EPOCH_DAY.replace("-", "/"), "outside git a page's last change is the build day"


def test_record_pages_offer_bibtex_and_csl_json(published: Path, site: Path) -> None:
    version = current_version()
    for kind, record_id, title in record_pages(published / "records"):
        where = f"/{kind}/{record_id}/"
        url = f"{SITE_URL}{kind}/{record_id}/"
        text = page(site, where)
        assert "Cite this page" in text, where
        blocks = [html.unescape(b) for b in re.findall(r"<pre[^>]*><code>(.*?)</code></pre>", text, re.DOTALL)]
        bibtex = [b for b in blocks if b.startswith("@misc{")]
        assert len(bibtex) == 1, f"{where}: no BibTeX block"
        assert f"url = {{{url}}}" in bibtex[0] and f"data version {version}" in bibtex[0]
        csl_blocks = [json.loads(b) for b in blocks if b.lstrip().startswith("[")]
        assert len(csl_blocks) == 1, f"{where}: no CSL-JSON block"
        csl = csl_blocks[0][0]
        assert csl["URL"] == url and csl["title"] == title and csl["version"] == version
        assert csl["issued"]["date-parts"] == [[2024, 5, 1]]
        # The formatted citation: title, site, data version, last change, stable URL, access date.
        formatted = html.unescape(re.search(r'<p class="citation-text">(.*?)</p>', text, re.DOTALL).group(1))
        for part in (title, cite.SITE_TITLE, f"data version {version}", f"Last changed {EPOCH_DAY}", url, "accessed"):
            assert part in formatted, f"{where}: the citation lacks {part!r}: {formatted}"

        links = dict(re.findall(r'<a href="data:([^"]+)" download="[^"]+\.(bib|json)">', text))
        downloads = {ext: base64.b64decode(href.split(",", 1)[1]).decode("utf-8") for href, ext in links.items()}
        assert downloads["bib"].strip() == html.unescape(bibtex[0]).strip()
        assert json.loads(downloads["json"]) == csl_blocks[0]


def test_bibtex_is_balanced_and_escaped() -> None:
    citation = cite.page_citation("A {tricky} title & 100% of_it #1", "https://x.org/p/", "1.2.3", "2025-06-07", "a-b")
    body = citation.bibtex
    assert body.startswith("@misc{a_b_2025,")
    assert cite.page_citation("T", "https://x.org/p/", "1.2.3", "2025-06-07", "a-b", "hy").bibtex.startswith(
        "@misc{a_b_2025_hy,"
    ), "an Armenian twin has its own key"
    assert body.count("{") - body.count("\\{") == body.count("}") - body.count("\\}")
    assert r"A \{tricky\} title \& 100\% of\_it \#1" in body
    assert json.loads(citation.csl)[0]["title"] == "A {tricky} title & 100% of_it #1"


def html_pages(site: Path) -> list[Path]:
    skipped = {"assets", "pagefind"}
    return [path for path in sorted(site.rglob("index.html")) if path.relative_to(site).parts[0] not in skipped]


def test_every_page_has_its_canonical_link(site: Path) -> None:
    pages = html_pages(site)
    assert len(pages) >= 14
    wrong = []
    for path in pages:
        relative = path.parent.relative_to(site).as_posix()
        expected = SITE_URL if relative == "." else f"{SITE_URL}{relative}/"
        found = Head(path.read_text(encoding="utf-8")).canonical()
        if found != [expected]:
            wrong.append((relative, found))
    assert not wrong, f"pages without exactly one correct canonical link: {wrong}"


@pytest.mark.parametrize("url", ["/", "/data/"])
def test_home_and_data_pages_carry_dataset_jsonld(site: Path, url: str) -> None:
    scripts = Head(page(site, url)).jsonld
    assert len(scripts) == 1, f"{url}: {len(scripts)} JSON-LD scripts"
    document = json.loads(scripts[0])
    assert document["@context"] == "https://schema.org"
    assert document["@type"] == "Dataset"
    assert document["name"] and document["description"]
    assert document["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert document["version"] == current_version()
    assert document["creator"]["name"] == cite.PUBLISHER
    assert re.fullmatch(r"\d{4}/\d{4}-\d{2}-\d{2}", document["temporalCoverage"]), document["temporalCoverage"]
    assert document["temporalCoverage"] == f"2020/{EPOCH_DAY}"  # first event (2020-12-10) to the build day
    distribution = document["distribution"]
    assert isinstance(distribution, list) and distribution
    assert all(d["@type"] == "DataDownload" and d["encodingFormat"] for d in distribution)
    urls = {d["contentUrl"] for d in distribution}
    descriptor = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    expected = {f"{SITE_URL}data/{r['path']}" for r in descriptor["resources"]} | {f"{SITE_URL}data/datapackage.json"}
    assert expected <= urls
    missing = [u for u in sorted(urls) if not site_path(site, u).is_file()]
    assert not missing, f"distribution points at files the site does not have: {missing}"


def test_dataset_jsonld_offers_the_zip(site: Path) -> None:
    document = json.loads(Head(page(site, "/")).jsonld[0])
    assert f"{SITE_URL}data/{ZIP_NAME}" in {d["contentUrl"] for d in document["distribution"]}


def test_sitemap_lists_every_page_with_a_last_change(published: Path, site: Path) -> None:
    root = ET.parse(site / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP}urlset"
    entries = {}
    for node in root.findall(f"{SITEMAP}url"):
        loc, lastmod = node.findtext(f"{SITEMAP}loc"), node.findtext(f"{SITEMAP}lastmod")
        assert loc and lastmod, ET.tostring(node, encoding="unicode")
        dt.date.fromisoformat(lastmod)
        entries[loc] = lastmod
    for url in live_pages(published / "records"):
        assert f"{SITE_URL}{url.lstrip('/')}" in entries, f"{url} is not in sitemap.xml"
    assert not [loc for loc in entries if not site_path(site, loc).is_file()]


# 4. Feeds -----------------------------------------------------------------------------------------


def events_of(records: Path, person: str) -> set[str]:
    found = set()
    for record_id in record_ids(records, "events"):
        data = json.loads((records / "events" / f"{record_id}.json").read_text(encoding="utf-8"))
        if any(p["person"] == person for p in data.get("people", [])):
            found.add(record_id)
    return found


def check_atom(path: Path, site: Path) -> list[ET.Element]:
    """Parse an Atom feed and check what RFC 4287 requires; returns its entries."""
    root = ET.parse(path).getroot()
    assert root.tag == f"{ATOM}feed", f"{path}: root is {root.tag}"
    for name in ("id", "title", "updated"):
        assert (root.findtext(f"{ATOM}{name}") or "").strip(), f"{path}: feed has no {name}"
    dt.datetime.fromisoformat(root.findtext(f"{ATOM}updated"))
    assert root.find(f"{ATOM}author/{ATOM}name") is not None, f"{path}: no feed author"
    assert [link.get("href") for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"] == [
        root.findtext(f"{ATOM}id")
    ]
    entries = root.findall(f"{ATOM}entry")
    newest = dt.datetime.fromisoformat(root.findtext(f"{ATOM}updated"))
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{name}") or "").strip(), f"{path}: entry without {name}"
        updated = dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
        assert updated <= newest, "the feed's updated is its newest entry's"
        links = [link.get("href") or "" for link in entry.findall(f"{ATOM}link")]
        assert len(links) == 1 and links[0].startswith(f"{SITE_URL}events/"), links
        assert links[0] == entry.findtext(f"{ATOM}id")
        assert site_path(site, links[0]).is_file(), f"{path}: entry links to {links[0]}, which the site lacks"
    return entries


def entry_ids(entries: list[ET.Element]) -> set[str]:
    return {(e.findtext(f"{ATOM}id") or "").removeprefix(f"{SITE_URL}events/").strip("/") for e in entries}


def test_site_feed_is_valid_atom_listing_every_event(published: Path, site: Path) -> None:
    entries = check_atom(site / "feed.xml", site)
    assert entry_ids(entries) == set(record_ids(published / "records", "events"))
    assert ET.parse(site / "feed.xml").getroot().findtext(f"{ATOM}id") == f"{SITE_URL}feed.xml"


def test_each_person_has_a_valid_atom_feed_of_their_events(published: Path, site: Path) -> None:
    records = published / "records"
    for person in record_ids(records, "people"):
        path = site / "people" / person / "feed.xml"
        entries = check_atom(path, site)
        assert entry_ids(entries) == events_of(records, person), person
        assert 'href="feed.xml"' in page(site, f"/people/{person}/"), f"{person}'s page does not link its feed"


def test_pages_announce_the_site_feed_and_person_pages_their_own(site: Path) -> None:
    expected = {
        "/": ["/feed.xml"],
        f"/events/{KEPT_EVENT}/": ["/feed.xml"],
        f"/people/{KEPT_PERSON}/": ["/feed.xml", f"/people/{KEPT_PERSON}/feed.xml"],
        "/hy/": ["/hy/feed.xml"],
        f"/hy/people/{KEPT_PERSON}/": ["/hy/feed.xml", f"/people/{KEPT_PERSON}/feed.xml"],
    }
    for url, wanted in expected.items():
        links = Head(page(site, url)).links
        feeds = [link["href"] for link in links if link.get("type") == "application/atom+xml"]
        assert all("alternate" in link["rel"].split() for link in links if link.get("type") == "application/atom+xml")
        resolved = [os.path.normpath(os.path.join(url, feed)) for feed in feeds]
        assert resolved == wanted, (url, feeds)
        for path in resolved:
            assert (site / path.lstrip("/")).is_file(), f"{url} announces {path}, which the site lacks"


# 5. Change history from git -----------------------------------------------------------------------

FIRST = ("2024-01-10T12:00:00+00:00", "Add the fixture records")
SECOND = ("2024-02-20T09:30:00+00:00", "Correct the sentencing summary")
THIRD = ("2024-03-05T08:00:00+00:00", "Correct the detention place")


def git(repo: Path, *args: str, when: str | None = None) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.test",
        "GIT_COMMITTER_NAME": "Test Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.test",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def commit(repo: Path, change: tuple[str, str]) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", change[1], when=change[0])


def edit_event(records: Path, event_id: str, **fields: Any) -> None:
    path = records / "events" / f"{event_id}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(fields)
    write_json(path, data)


@pytest.fixture(scope="module")
def history_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository holding the fixture records: one commit adding them, one editing an event."""
    repo = tmp_path_factory.mktemp("history") / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    shutil.copytree(VALID, repo / "records")
    commit(repo, FIRST)
    edit_event(
        repo / "records",
        EDITED_EVENT,
        summary="The invented court sentenced Test Person One, the invented report and the court say.",
    )
    commit(repo, SECOND)
    return repo


@pytest.fixture(scope="module")
def history_site(history_repo: Path) -> Path:
    """Built with no SOURCE_DATE_EPOCH: every date comes from git."""
    return build_ok(history_repo / "records", history_repo.parent / "site", epoch=None)


def test_an_edited_event_shows_its_last_change_and_history(history_site: Path) -> None:
    text = page(history_site, f"/events/{EDITED_EVENT}/")
    assert 'Last changed: <time datetime="2024-02-20">20 February 2024</time>' in text
    assert "(2 changes)" in text
    # What changed in the record, in a reader's terms; never the commit messages.
    assert '<time datetime="2024-02-20">20 February 2024</time>: summary revised' in text
    assert '<time datetime="2024-01-10">10 January 2024</time>: first published' in text
    assert text.index("summary revised") < text.index("first published"), "history is newest first"
    assert SECOND[1] not in text and FIRST[1] not in text
    head = Head(text)
    assert head.named("citation_date") == ["2024/02/20"]
    assert head.named("citation_publication_date") == ["2024/02/20"]


def test_an_untouched_event_shows_its_first_commit(history_site: Path) -> None:
    text = page(history_site, f"/events/{KEPT_EVENT}/")
    assert 'Last changed: <time datetime="2024-01-10">10 January 2024</time>' in text
    assert "(1 change)" in text and ": first published" in text
    assert SECOND[1] not in text and FIRST[1] not in text


def test_a_person_page_dates_changes_to_their_events(history_site: Path) -> None:
    one = page(history_site, f"/people/{KEPT_PERSON}/")
    assert 'Last changed: <time datetime="2024-02-20">' in one  # the day one of their events changed
    assert "(1 change)" in one and ": first published" in one  # the history is the person record's own
    assert SECOND[1] not in one and FIRST[1] not in one
    two = page(history_site, "/people/test-person-two/")
    assert 'Last changed: <time datetime="2024-01-10">' in two
    assert SECOND[1] not in two


def test_feed_entries_carry_the_git_dates(history_site: Path) -> None:
    for path in (history_site / "feed.xml", history_site / "people" / KEPT_PERSON / "feed.xml"):
        root = ET.parse(path).getroot()
        entries = {e.findtext(f"{ATOM}id"): e for e in root.findall(f"{ATOM}entry")}
        edited = entries[f"{SITE_URL}events/{EDITED_EVENT}/"]
        assert dt.datetime.fromisoformat(edited.findtext(f"{ATOM}updated")).date() == dt.date(2024, 2, 20)
        assert dt.datetime.fromisoformat(edited.findtext(f"{ATOM}published")).date() == dt.date(2024, 1, 10)
        kept = entries[f"{SITE_URL}events/{KEPT_EVENT}/"]
        assert dt.datetime.fromisoformat(kept.findtext(f"{ATOM}updated")).date() == dt.date(2024, 1, 10)
        assert dt.datetime.fromisoformat(root.findtext(f"{ATOM}updated")).date() == dt.date(2024, 2, 20)
        first = root.find(f"{ATOM}entry")
        assert first is not None and first.findtext(f"{ATOM}id") == f"{SITE_URL}events/{EDITED_EVENT}/", (
            "the most recently changed event comes first"
        )


def test_sitemap_dates_are_each_pages_last_change(history_site: Path) -> None:
    root = ET.parse(history_site / "sitemap.xml").getroot()
    lastmod = {n.findtext(f"{SITEMAP}loc"): n.findtext(f"{SITEMAP}lastmod") for n in root.findall(f"{SITEMAP}url")}
    assert lastmod[f"{SITE_URL}events/{EDITED_EVENT}/"] == "2024-02-20"
    assert lastmod[f"{SITE_URL}events/{KEPT_EVENT}/"] == "2024-01-10"
    assert lastmod[f"{SITE_URL}people/{KEPT_PERSON}/"] == "2024-02-20"
    assert lastmod[f"{SITE_URL}people/test-person-two/"] == "2024-01-10"


def test_build_time_is_the_last_commit(history_site: Path) -> None:
    descriptor = json.loads((history_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["created"] == "2024-02-20T09:30:00Z"


def test_building_the_same_commit_twice_is_identical(history_repo: Path, history_site: Path, tmp_path: Path) -> None:
    again = build_ok(history_repo / "records", tmp_path / "site", epoch=None)
    changed = differences(without_chart_ids(snapshot(history_site)), without_chart_ids(snapshot(again)))
    assert not changed, f"two builds of the same commit differ in: {changed}"


def test_build_does_not_pin_the_epoch(history_repo: Path, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(history_repo, repo)
    with source_date_epoch(None):
        first = run("build", "--records", str(repo / "records"), "--out", str(tmp_path / "site"), "-q")
        assert first.exit_code == 0, first.stderr
        edit_event(repo / "records", KEPT_EVENT, place="Another Exampleville")
        commit(repo, THIRD)
        # As `serve` does: the next build runs in the same process, with no SOURCE_DATE_EPOCH of its own.
        second = run("build", "--records", str(repo / "records"), "--out", str(tmp_path / "site"), "-q")
        assert second.exit_code == 0, second.stderr
    descriptor = json.loads((tmp_path / "site" / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["created"] == "2024-03-05T08:00:00Z"


# 6. CITATION.cff ----------------------------------------------------------------------------------


def as_strings(value: Any) -> Any:
    """YAML reads dates as date objects; the CFF schema wants the text."""
    if isinstance(value, dict):
        return {key: as_strings(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_strings(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def citation_cff() -> dict[str, Any]:
    return as_strings(yaml.safe_load((paths.ROOT / "CITATION.cff").read_text(encoding="utf-8")))


def test_citation_cff_is_valid(citation_cff: dict[str, Any]) -> None:
    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(citation_cff), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors)


def test_citation_cff_matches_the_site_and_package(citation_cff: dict[str, Any]) -> None:
    assert citation_cff["cff-version"] == "1.2.0"
    assert citation_cff["type"] == "dataset"
    assert citation_cff["title"] == cite.SITE_TITLE
    assert citation_cff["version"] == current_version()
    assert dict(releases()).get(current_version()) == citation_cff["date-released"]
    assert citation_cff["url"] == SITE_URL
    assert citation_cff["license"] == "CC-BY-4.0"
    assert [author["name"] for author in citation_cff["authors"]] == [cite.PUBLISHER]
    assert citation_cff["message"] and citation_cff["abstract"] and citation_cff["keywords"]
