"""Issue 16, a record per URL: /people/<id>.json, /events/<id>.json and /sources/<id>.json.

Checked against the repository's own records built by the real pipeline (every record has its document,
equal to its file), and against a temporary copy of the valid fixture with a redirect and a withdrawal
(retired ids answer)."""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import REAL_RECORDS, VALID_RECORDS, build_site

from tracker import record_json
from tracker.derive import views_of
from tracker.pipeline import check_records, configured_site_url

SITE_URL = configured_site_url()
KINDS = ("people", "events", "sources")


def load(site: Path, path: str) -> dict:
    return json.loads((site / path).read_text(encoding="utf-8"))


class AlternateLinks(HTMLParser):
    """The JSON <link>s of a page's head."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        rel = (values.get("rel") or "").split()
        if tag == "link" and "alternate" in rel and values.get("type") == "application/json":
            self.hrefs.append(values.get("href") or "")


def json_links(page: Path) -> list[str]:
    parser = AlternateLinks()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.hrefs


def test_every_record_has_its_document_equal_to_its_file(real_site: Path) -> None:
    checked = 0
    for kind in KINDS:
        files = sorted((REAL_RECORDS / kind).glob("*.json"))
        assert files, f"records/{kind} is empty"
        for file in files:
            written = json.loads(file.read_text(encoding="utf-8"))
            document = load(real_site, f"{kind}/{file.stem}.json")
            assert document["record"] == written, f"{kind}/{file.stem}.json differs from the record file"
            assert (document["kind"], document["id"], document["state"]) == (kind, file.stem, "published")
            assert document["json_url"] == f"{SITE_URL}{kind}/{file.stem}.json"
            checked += 1
    index = load(real_site, record_json.INDEX_PATH)
    listed = {(entry["kind"], entry["id"]) for entry in index["records"]}
    on_disk = {(kind, file.stem) for kind in KINDS for file in (REAL_RECORDS / kind).glob("*.json")}
    assert listed == on_disk and index["count"] == checked


def test_every_page_links_to_its_document_in_both_languages(real_site: Path) -> None:
    for prefix in ("", "hy/"):
        for kind in ("people", "events"):
            for file in sorted((REAL_RECORDS / kind).glob("*.json")):
                page = real_site / prefix / kind / file.stem / "index.html"
                hrefs = json_links(page)
                assert len(hrefs) == 1, f"{page}: expected one JSON link, found {hrefs}"
                page_url = f"https://example.org/{prefix}{kind}/{file.stem}/"
                assert urljoin(page_url, hrefs[0]) == f"https://example.org/{kind}/{file.stem}.json"


def test_a_persons_derived_facts_are_the_pages_derivation() -> None:
    records = check_records(REAL_RECORDS)
    views = views_of(records)
    held = [view for view in views.values() if view.status.value == "held"]
    assert held, "the records show someone held"
    for view in views.values():
        facts = json.loads(record_json.document("people", view.person, view, SITE_URL))["derived"]
        assert facts["status"] == view.status.value
        assert facts["last_reported"] == view.last_reported
        assert facts["events"] == [event.id for event in view.events]
        if view.sentence is not None:
            assert facts["sentence"]["event"] == view.sentence.event.id
            assert facts["sentence"]["sentence"] == view.sentence.sentence.model_dump(mode="json")
        assert [c["charges"] for c in facts["charges"]] == [list(fact.terms) for fact in view.charges]
        held_since = view.status_since.text if view.status.value == "held" and view.status_since else None
        assert facts["held_since"] == held_since


def test_documents_are_reproducible_bytes_with_sorted_keys() -> None:
    records = check_records(VALID_RECORDS)
    for view in views_of(records).values():
        first = record_json.document("people", view.person, view, SITE_URL)
        assert first == record_json.document("people", view.person, view, SITE_URL)
        text = first.decode("utf-8")
        assert text.endswith("}\n") and text.count("\n") == 1
        assert text == json.dumps(json.loads(text), ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


@pytest.fixture(scope="module")
def retired_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The valid fixture plus a renamed person's old id and a withdrawn event's id."""
    records = tmp_path_factory.mktemp("retired") / "records"
    shutil.copytree(VALID_RECORDS, records)
    (records / "redirects").mkdir()
    (records / "withdrawn").mkdir()
    redirect = {
        "id": "test-person-one-old",
        "kind": "people",
        "to": "test-person-one",
        "date": "2025-01",
        "reason": "renamed",
    }
    withdrawal = {"id": "2023-01-01-withdrawn-event", "kind": "events", "date": "2025-01-15", "reason": "error"}
    (records / "redirects" / "test-person-one-old.json").write_text(json.dumps(redirect), encoding="utf-8")
    (records / "withdrawn" / "2023-01-01-withdrawn-event.json").write_text(json.dumps(withdrawal), encoding="utf-8")
    return build_site(records, records.parent / "site")


def test_a_redirected_id_answers_with_where_it_moved(retired_site: Path) -> None:
    document = load(retired_site, "people/test-person-one-old.json")
    assert document["state"] == "redirected"
    assert document["moved_to"] == {
        "id": "test-person-one",
        "json_url": f"{SITE_URL}people/test-person-one.json",
        "url": f"{SITE_URL}people/test-person-one/",
    }
    assert (retired_site / "people" / "test-person-one.json").is_file(), "the target answers too"


def test_a_withdrawn_id_answers_with_its_notice_and_nothing_else(retired_site: Path) -> None:
    document = load(retired_site, "events/2023-01-01-withdrawn-event.json")
    assert document["state"] == "withdrawn"
    assert document["record"]["reason"] == "error" and "derived" not in document
    index = {(e["kind"], e["id"]): e["state"] for e in load(retired_site, record_json.INDEX_PATH)["records"]}
    assert index[("events", "2023-01-01-withdrawn-event")] == "withdrawn"
    assert index[("people", "test-person-one-old")] == "redirected"


def test_the_index_is_not_in_the_data_packages_zip(retired_site: Path) -> None:
    import zipfile

    from tracker.package import ZIP_NAME

    names = zipfile.ZipFile(retired_site / "data" / ZIP_NAME).namelist()
    assert "datapackage.json" in names and Path(record_json.INDEX_PATH).name not in names
