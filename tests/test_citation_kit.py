"""Citable pages: Highwire tags, BibTeX and CSL-JSON on every record page, one canonical link per
page, Dataset JSON-LD on the home and data pages, a sitemap with each page's last change, and a valid
CITATION.cff that matches the site (what reference managers make of it all: test_citations.py)."""

from __future__ import annotations

import base64
import datetime as dt
import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import (
    EPOCH_DAY,
    ROOT,
    SITE_URL,
    SITEMAP,
    Head,
    live_pages,
    page,
    record_ids,
    site_path,
)

from tracker import cite, paths
from tracker.package import ZIP_NAME, current_version, releases

CFF_SCHEMA = ROOT / "tests" / "schemas" / "cff-1.2.0.schema.json"


def record_pages(records: Path) -> list[tuple[str, str, str]]:
    """(kind, id, title) of every person and event."""
    pages = []
    for kind, field in (("people", "name"), ("events", "title")):
        for record_id in record_ids(records, kind):
            data = json.loads((records / kind / f"{record_id}.json").read_text(encoding="utf-8"))
            pages.append((kind, record_id, data[field]))
    return pages


def test_record_pages_carry_highwire_tags(published: Path, published_site: Path) -> None:
    for kind, record_id, title in record_pages(published / "records"):
        url = f"{SITE_URL}{kind}/{record_id}/"
        head = Head(page(published_site, f"/{kind}/{record_id}/"))
        where = f"/{kind}/{record_id}/"
        assert head.named("citation_title") == [title], where
        assert head.named("citation_public_url") == [url], where
        assert head.named("citation_author") == [cite.HIGHWIRE_AUTHOR], where
        dates = head.named("citation_date")
        assert len(dates) == 1 and re.fullmatch(r"\d{4}/\d{2}/\d{2}", dates[0]), (where, dates)
        assert dates[0] == EPOCH_DAY.replace("-", "/"), "outside git a page's last change is the build day"


def test_record_pages_offer_bibtex_and_csl_json(published: Path, published_site: Path) -> None:
    version = current_version()
    for kind, record_id, title in record_pages(published / "records"):
        where = f"/{kind}/{record_id}/"
        url = f"{SITE_URL}{kind}/{record_id}/"
        text = page(published_site, where)
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


def test_every_page_has_its_canonical_link(published_site: Path) -> None:
    pages = html_pages(published_site)
    assert len(pages) >= 14
    wrong = []
    for path in pages:
        relative = path.parent.relative_to(published_site).as_posix()
        expected = SITE_URL if relative == "." else f"{SITE_URL}{relative}/"
        found = Head(path.read_text(encoding="utf-8")).canonical()
        if found != [expected]:
            wrong.append((relative, found))
    assert not wrong, f"pages without exactly one correct canonical link: {wrong}"


@pytest.mark.parametrize("url", ["/", "/data/"])
def test_home_and_data_pages_carry_dataset_jsonld(published_site: Path, url: str) -> None:
    scripts = Head(page(published_site, url)).jsonld
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
    descriptor = json.loads((published_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    expected = {f"{SITE_URL}data/{r['path']}" for r in descriptor["resources"]} | {f"{SITE_URL}data/datapackage.json"}
    assert expected <= urls
    missing = [u for u in sorted(urls) if not site_path(published_site, u).is_file()]
    assert not missing, f"distribution points at files the site does not have: {missing}"


def test_dataset_jsonld_offers_the_zip(published_site: Path) -> None:
    document = json.loads(Head(page(published_site, "/")).jsonld[0])
    assert f"{SITE_URL}data/{ZIP_NAME}" in {d["contentUrl"] for d in document["distribution"]}


def test_sitemap_lists_every_page_with_a_last_change(published: Path, published_site: Path) -> None:
    root = ET.parse(published_site / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP}urlset"
    entries = {}
    for node in root.findall(f"{SITEMAP}url"):
        loc, lastmod = node.findtext(f"{SITEMAP}loc"), node.findtext(f"{SITEMAP}lastmod")
        assert loc and lastmod, ET.tostring(node, encoding="unicode")
        dt.date.fromisoformat(lastmod)
        entries[loc] = lastmod
    for url in live_pages(published / "records"):
        assert f"{SITE_URL}{url.lstrip('/')}" in entries, f"{url} is not in sitemap.xml"
    assert not [loc for loc in entries if not site_path(published_site, loc).is_file()]


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
