"""The open data package: valid by the reference validator, in sync with the models, deterministic."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import hashlib
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import build_ok, build_site, differences, files_of
from package_reader import records_from_rows, write_package
from pydantic import Field

from tracker import derive, outputs, package, package_tables, paths, pieces
from tracker.models import Event, Person, Source
from tracker.package_rows import check_rows, table_rows
from tracker.pipeline import build, check_records
from tracker.problems import BuildFailed
from tracker.validate import Records

TODAY = dt.date(2026, 11, 27)
CREATED = "2026-11-27T12:00:00Z"

SOURCES = [
    {
        "id": "example-news-one",
        "title": 'Invented report, with "quotes", commas',
        "publisher": "Example News",
        "url": "https://example.test/news/one",
        "published": "2023-09-29",
        "accessed": "2025-01-15",
        "language": "en",
        "kind": "independent-media",
    },
    {
        "id": "example-ngo-two",
        "title": "Invented NGO report",
        "publisher": "Example NGO",
        "url": "https://example.test/ngo/two",
        "published": "~2024-06",
        "kind": "international-ngo",
        "archive_url": "https://web.archive.org/web/2024/https://example.test/ngo/two",
        "note": "A fictional source.\nIt spans two lines.",
    },
]
PEOPLE = [
    {
        "id": "test-person-one",
        "name": "Test Person One",
        "name_hy": "Թեստ Անձ Մեկ",
        "other_names": [
            {"name": "Тест Персон", "language": "ru", "note": "An invented Russian form"},
            {"name": "Test Persón Uno"},
        ],
        "born": [
            {"date": "1970", "place": "Exampleville", "sources": [{"source": "example-news-one"}]},
            {"date": "1971?", "sources": [{"source": "example-ngo-two", "account": "family", "note": "differs"}]},
        ],
        "origin": [{"place": "Exampleville", "note": "resident of", "sources": [{"source": "example-news-one"}]}],
        "roles": [
            {
                "title": "Invented official",
                "start": "2020",
                "end": "2023-09",
                "sources": [{"source": "example-ngo-two"}],
            }
        ],
        "category": "detained-september-2023",
        "summary": "A fictional person, used only by the test suite.",
        "summary_sources": [{"source": "example-news-one"}],
        "identifiers": {"wikidata": "Q123", "echr_application": "12345/23"},
    },
    {
        "id": "test-person-two",
        "name": "Test Person Two",
        "summary": "Another fictional person.",
        "summary_sources": [{"source": "example-ngo-two"}],
    },
]
EVENTS = [
    {
        "id": "2023-09-28-test-person-one-detained",
        "date": "2023-09-28",
        "type": "detention",
        "title": "Test Person One detained",
        "summary": "The invented report says Test Person One was detained.",
        "place": "Exampleville",
        "people": [{"person": "test-person-one"}],
        "sources": [{"source": "example-news-one"}],
    },
    {
        "id": "2024-03-15-verdict",
        "date": "2024-03-14/2024-03-15",
        "type": "verdict",
        "title": "Both test people sentenced",
        "summary": "An invented court, an invented verdict.",
        "court": "Example Military Court",
        "charges": ["an invented charge", "another, with a comma"],
        "people": [
            {
                "person": "test-person-one",
                "role": "defendant",
                "sentence": {"years": 15, "note": "first 5 in prison"},
                "sources": [{"source": "example-ngo-two"}],
            },
            {
                "person": "test-person-two",
                "role": "defendant",
                "sentence": {"life": True},
                "sources": [{"source": "example-ngo-two"}, {"source": "example-news-one"}],
            },
        ],
        "sources": [
            {"source": "example-ngo-two", "account": "court"},
            {"source": "example-news-one", "account": "defence", "note": "the defence disputes the charge"},
        ],
        "disputed": True,
        "dispute_note": "The invented sources give different days.",
    },
    {
        "id": "2024-05-official-count",
        "date": "2024-05",
        "type": "official-count",
        "title": "An invented count",
        "summary": "An invented official gave a number.",
        "count": {"number": 23, "qualifier": "at-least", "claimant": "armenian-official", "counted": "prisoners"},
        "sources": [{"source": "example-ngo-two", "account": "armenian-official"}],
    },
]


def write_records(root: Path) -> Path:
    for kind, items in (("people", PEOPLE), ("events", EVENTS), ("sources", SOURCES)):
        (root / kind).mkdir(parents=True, exist_ok=True)
        for item in items:
            (root / kind / f"{item['id']}.json").write_text(json.dumps(item, ensure_ascii=False), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> Records:
    return check_records(write_records(tmp_path_factory.mktemp("records")), today=TODAY)


@pytest.fixture(scope="module")
def built(records: Records, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("data")
    return out, write_package(records, out, created=CREATED, version="1.0.0")


def frictionless_report(path: Path) -> dict[str, Any]:
    command = [sys.executable, "-m", "frictionless", "validate", "--json", str(path)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
    return json.loads(result.stdout)


def test_reference_validator_finds_the_package_valid(built: tuple[Path, dict[str, Any]]) -> None:
    out, _ = built
    report = frictionless_report(out / "datapackage.json")
    errors = [(task["name"], error["type"]) for task in report["tasks"] for error in task["errors"]]
    assert errors == []
    assert report["valid"] is True
    assert {task["name"] for task in report["tasks"]} >= {"people", "events", "sources", "event_people", "names"}


def test_reference_validator_catches_a_changed_file(built: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    out, _ = built
    for path in out.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    text = (tmp_path / "origins.csv").read_text(encoding="utf-8")
    (tmp_path / "origins.csv").write_text(text.replace("Exampleville", "Examplevillx"), encoding="utf-8")
    report = frictionless_report(tmp_path / "datapackage.json")
    assert report["valid"] is False
    assert "hash-count" in {error["type"] for task in report["tasks"] for error in task["errors"]}


def test_one_row_per_record_and_sorted_keys(built: tuple[Path, dict[str, Any]], records: Records) -> None:
    out, _ = built
    for kind in ("people", "events", "sources"):
        with (out / f"{kind}.csv").open(encoding="utf-8", newline="") as file:
            ids = [row["id"] for row in csv.DictReader(file)]
        assert ids == sorted(getattr(records, kind))
    rows = table_rows(_dumped(records))
    assert [row["id"] for row in rows["people"]] == sorted(records.people)
    assert len(rows["names"]) == 2 + 1 + 2  # two Latin names, one Armenian, two other names


def test_every_resource_has_bytes_and_matching_hash(built: tuple[Path, dict[str, Any]]) -> None:
    out, written = built
    on_disk = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert on_disk == written
    assert written["created"] == CREATED and written["version"] == "1.0.0"
    for resource in written["resources"]:
        content = (out / resource["path"]).read_bytes()
        assert resource["bytes"] == len(content)
        assert resource["hash"] == "sha256:" + hashlib.sha256(content).hexdigest()


def test_keys_and_foreign_keys_are_declared(built: tuple[Path, dict[str, Any]]) -> None:
    _, written = built
    tables = {r["name"]: r["schema"] for r in written["resources"] if "schema" in r}
    links = {
        (name, tuple(key["fields"]), key["reference"]["resource"])
        for name, schema in tables.items()
        for key in schema.get("foreignKeys", [])
    }
    assert all(schema["primaryKey"] for schema in tables.values())
    for expected in [
        ("event_people", ("event",), "events"),
        ("event_people", ("person",), "people"),
        ("event_sources", ("source",), "sources"),
        ("names", ("person",), "people"),
        ("birth_sources", ("person", "birth"), "births"),
        ("birth_sources", ("source",), "sources"),
    ]:
        assert expected in links
    event_people = [field["name"] for field in tables["event_people"]["fields"]]
    assert {"role", "sentence_years", "sentence_life", "sentence_note"} <= set(event_people)
    assert {"date", "date_earliest", "date_latest"} <= {field["name"] for field in tables["events"]["fields"]}


def test_every_field_is_described_and_enums_have_categories(built: tuple[Path, dict[str, Any]]) -> None:
    _, written = built
    for resource in written["resources"]:
        assert resource["description"]
        for field in resource.get("schema", {}).get("fields", []):
            assert field["description"], (resource["name"], field["name"])
            enum = field.get("constraints", {}).get("enum")
            if enum:
                assert [category["value"] for category in field["categories"]] == enum
    kinds = next(
        f for r in written["resources"] if r["name"] == "sources" for f in r["schema"]["fields"] if f["name"] == "kind"
    )
    assert {"value": "rfe-rl", "label": "RFE/RL"} in kinds["categories"]


def test_records_json_matches_its_schema(built: tuple[Path, dict[str, Any]], records: Records) -> None:
    out, _ = built
    data = json.loads((out / "records.json").read_text(encoding="utf-8"))
    schema = json.loads((out / "records.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert [person["id"] for person in data["people"]] == sorted(records.people)


def _dumped(records: Records) -> dict[str, list[dict[str, Any]]]:
    return {
        kind: [getattr(records, kind)[key].model_dump(mode="json") for key in sorted(getattr(records, kind))]
        for kind in ("people", "events", "sources")
    }


def test_csvs_read_back_by_frictionless_give_the_records(built: tuple[Path, dict[str, Any]], records: Records) -> None:
    from frictionless import Package

    out, _ = built
    pack = Package(str(out / "datapackage.json"))
    rows = {r.name: [row.to_dict() for row in r.read_rows()] for r in pack.resources if r.type == "table"}
    rebuilt = records_from_rows(rows)
    models = {"people": Person, "events": Event, "sources": Source}
    for kind, model in models.items():
        assert [model.model_validate(item).model_dump() for item in rebuilt[kind]] == [
            getattr(records, kind)[key].model_dump() for key in sorted(getattr(records, kind))
        ]


def test_writing_twice_gives_identical_bytes(records: Records, tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    write_package(records, first, created=CREATED)
    write_package(records, second, created=CREATED)
    names = sorted(path.name for path in first.iterdir())
    assert names == sorted(path.name for path in second.iterdir())
    assert package.ZIP_NAME in names
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_zip_holds_every_file(built: tuple[Path, dict[str, Any]]) -> None:
    out, written = built
    with zipfile.ZipFile(out / package.ZIP_NAME) as archive:
        assert archive.testzip() is None
        names = set(archive.namelist())
        assert {r["path"] for r in written["resources"]} | {
            "datapackage.json",
            "records.schema.json",
            package.DATASETTE_METADATA,
        } == names
        assert archive.read("people.csv") == (out / "people.csv").read_bytes()


def test_csv_is_utf8_with_consistent_line_ends(built: tuple[Path, dict[str, Any]]) -> None:
    out, _ = built
    names = (out / "names.csv").read_bytes()
    assert "Թեստ Անձ Մեկ".encode() in names and b"\r" not in names
    assert not names.startswith(b"\xef\xbb\xbf")
    assert b'"Invented report, with ""quotes"", commas"' in (out / "sources.csv").read_bytes()


def test_committed_descriptor_matches_the_models() -> None:
    committed = json.loads(paths.DATAPACKAGE.read_text(encoding="utf-8"))
    assert committed == package.descriptor(), "run `python build.py datapackage` and commit datapackage.json"
    assert all(r["path"].startswith("data/") and "hash" not in r for r in committed["resources"])


def test_changing_a_model_without_regenerating_is_caught(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    class WiderSource(Source):
        """A public source that records cite."""

        paywalled: bool = Field(default=False, description="True when the page is behind a paywall.")

    committed = json.loads(paths.DATAPACKAGE.read_text(encoding="utf-8"))
    package_tables._tables.cache_clear()
    monkeypatch.setitem(package_tables.ALL_MODELS, "sources", WiderSource)
    try:
        assert committed != package.descriptor()
        target = tmp_path / "datapackage.json"
        target.write_text(json.dumps(committed), encoding="utf-8")
        assert package.regenerate_descriptor(target) is True
        assert package.regenerate_descriptor(target) is False
        fields = [
            f["name"]
            for r in json.loads(target.read_text())["resources"]
            if r["name"] == "sources"
            for f in r["schema"]["fields"]
        ]
        assert "paywalled" in fields
    finally:
        monkeypatch.undo()
        package_tables._tables.cache_clear()
    assert committed == package.descriptor()


def test_version_comes_from_the_changelog() -> None:
    releases = package.releases()
    assert releases[0][0] == package.current_version() == json.loads(paths.DATAPACKAGE.read_text())["version"]
    assert ("1.0.0", "2026-11-27") in releases
    assert [date for _, date in releases] == sorted((date for _, date in releases), reverse=True)


def test_bad_version_or_created_fail_with_a_message(records: Records, tmp_path: Path) -> None:
    with pytest.raises(BuildFailed, match=r"MAJOR\.MINOR\.PATCH"):
        write_package(records, tmp_path, created=CREATED, version="one")
    with pytest.raises(BuildFailed, match="ISO 8601"):
        write_package(records, tmp_path, created="yesterday")


def test_duplicate_keys_and_unknown_categories_fail_the_build(records: Records) -> None:
    rows = table_rows(_dumped(records))
    with pytest.raises(BuildFailed, match="status is required but empty"):  # a person's row needs their view
        check_rows(rows)
    views = derive.views_of(records)
    for row in rows["people"]:
        row.update(package.derived_values("people", row["id"], views[row["id"]]))
    check_rows(rows)
    doubled = copy.deepcopy(rows)
    doubled["people"].append(dict(doubled["people"][0]))
    with pytest.raises(BuildFailed, match=r"people\.csv row 4: duplicate primary key \('test-person-one',\)"):
        check_rows(doubled)
    strange = copy.deepcopy(rows)
    strange["sources"][0]["kind"] = "tabloid"
    with pytest.raises(BuildFailed, match='kind "tabloid" is not one of its categories'):
        check_rows(strange)
    empty = copy.deepcopy(rows)
    empty["events"][0]["title"] = None
    with pytest.raises(BuildFailed, match="title is required but empty"):
        check_rows(empty)


def test_data_page_renders_every_table_and_field(built: tuple[Path, dict[str, Any]]) -> None:
    out, written = built
    context = package.data_page_context(written, out)
    html = pieces.data_page_body(context, "en")  # the site's own (autoescaping) environment
    assert "<html" not in html and "<body" not in html
    tables = [resource for resource in written["resources"] if resource.get("type") == "table"]
    assert html.count("<table") == html.count("<caption>") == len(tables) + 1  # each table's, and the downloads'
    for name in (package.XLSX_NAME, package.DB_NAME, package.DATASETTE_METADATA):
        assert f'href="{name}"' in html
    assert "choose UTF-8" in html and "FROM held_now" in html
    assert '<th scope="col">' in html and '<th scope="row">' in html
    for resource in written["resources"]:
        assert f'href="{resource["path"]}"' in html
        for field in resource.get("schema", {}).get("fields", []):
            assert f"<code>{field['name']}</code>" in html
    assert 'href="datapackage.json"' in html and f'href="{package.ZIP_NAME}"' in html
    assert f'Package("{package.SITE_URL}data/datapackage.json")' in html
    assert "pd.read_csv(" in html and "read_package(" in html
    assert "(data version 1.0.0) [Data set]" in html and "@misc{armenian_prisoners_record_1_0_0_2026," in html
    assert "CC-BY-4.0" in html and "1.0.0 <small>(2026-11-27)</small>" in html
    downloads = {d["name"]: d for d in context["downloads"]}
    assert downloads["people.csv"]["bytes"] == (out / "people.csv").stat().st_size
    assert downloads[package.ZIP_NAME]["size"].endswith("kB")


def test_human_sizes() -> None:
    from tracker.package_page import human_size

    assert [human_size(n) for n in (0, 1, 999, 1000, 1234, 2_500_000)] == [
        "0 bytes",
        "1 byte",
        "999 bytes",
        "1.0 kB",
        "1.2 kB",
        "2.5 MB",
    ]


def test_the_package_written_by_a_forked_process_is_the_package_written_at_once(
    site_records: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at_once = build_ok(site_records, tmp_path / "at-once")
    monkeypatch.setattr(outputs, "PARALLEL_PACKAGE_FROM", 0)  # fork even for this small record
    forks = []
    real_background = outputs.Background

    def counted(name: str, function: Any, *, fork: bool = True) -> Any:
        forks.append(fork)
        return real_background(name, function, fork=fork)

    monkeypatch.setattr(outputs, "Background", counted)
    forked = build_ok(site_records, tmp_path / "forked")
    assert forks == [True], "the data package was written by a forked process"
    assert differences(files_of(forked), files_of(at_once)) == []
    with zipfile.ZipFile(forked / "data" / package.ZIP_NAME) as archive:
        names = set(archive.namelist())
    assert "records.json" in names and package.XLSX_NAME in names
    assert not names & {"records-index.json", "versions.json", "index.html"}, "only the package's own files"


def test_a_failure_in_the_forked_package_process_stops_the_build_and_keeps_the_site(
    site_records: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = build_site(site_records, tmp_path / "site")
    before = files_of(site)
    monkeypatch.setattr(outputs, "PARALLEL_PACKAGE_FROM", 0)

    def broken(*args: Any, **kwargs: Any) -> None:
        raise BuildFailed("record.xlsx: test failure in the forked process")

    monkeypatch.setattr(package.package_xlsx, "write_xlsx", broken)
    with pytest.raises(BuildFailed, match=r"^record\.xlsx: test failure in the forked process$"):
        build(site_records, site, reuse=False)
    assert differences(files_of(site), before) == []
