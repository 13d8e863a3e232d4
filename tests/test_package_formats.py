"""Derived columns, record.xlsx and record.db: they hold what the CSVs hold, and people.csv alone
answers who is held, since when and with what sentence."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from package_reader import write_package
from test_package import CREATED, write_records

from tracker import package, package_derived, package_read, package_sqlite, package_xlsx, paths
from tracker.pipeline import check_records
from tracker.problems import BuildFailed
from tracker.validate import Records


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> Records:
    return check_records(write_records(tmp_path_factory.mktemp("records")), today=dt.date(2026, 11, 27))


@pytest.fixture(scope="module")
def built(records: Records, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("data")
    return out, write_package(records, out, created=CREATED, version="1.0.0")


def csv_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    return header, rows


def tables(descriptor: dict[str, Any]) -> list[dict[str, Any]]:
    return [resource for resource in descriptor["resources"] if resource.get("type") == "table"]


def as_csv_text(value: Any) -> str:
    """A value read from the spreadsheet or the database, written as the CSV writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value)


def people_csv(folder: Path) -> dict[str, dict[str, str]]:
    with (folder / "people.csv").open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


# Derived columns ----------------------------------------------------------------------------------


def test_people_csv_says_who_is_held_since_when_with_what_sentence(built: tuple[Path, dict[str, Any]]) -> None:
    out, _ = built
    people = people_csv(out)
    one, two = people["test-person-one"], people["test-person-two"]
    assert (one["status"], one["status_since"], one["status_since_earliest"]) == ("held", "2023-09-28", "2023-09-28")
    assert (one["sentenced_on"], one["sentenced_on_latest"]) == ("2024-03-14/2024-03-15", "2024-03-15")
    assert (one["sentence_years"], one["sentence_life"], one["court"]) == ("15", "false", "Example Military Court")
    assert one["charges_joined"] == "an invented charge; another, with a comma"
    assert one["page_url"] == f"{package.SITE_URL}people/test-person-one/"
    # Held (a verdict shows it) but no detention is recorded: since when stays empty, never guessed.
    assert (two["status"], two["status_since"], two["sentence_years"], two["sentence_life"]) == ("held", "", "", "true")
    assert one["released_on"] == one["died_on"] == ""
    assert one["last_reported"] == "~2024-06"  # the latest of its events (the verdict) and sources (~2024-06)


def test_events_and_sources_have_their_addresses(built: tuple[Path, dict[str, Any]]) -> None:
    out, _ = built
    with (out / "events.csv").open(encoding="utf-8", newline="") as handle:
        events = {row["id"]: row["page_url"] for row in csv.DictReader(handle)}
    assert events["2024-05-official-count"] == f"{package.SITE_URL}events/2024-05-official-count/"
    with (out / "sources.csv").open(encoding="utf-8", newline="") as handle:
        sources = {row["id"]: row["page_url"] for row in csv.DictReader(handle)}
    assert sources["example-ngo-two"] == f"{package.SITE_URL}sources/#example-ngo-two"


def test_a_person_row_without_their_view_fails(records: Records) -> None:
    person = records.people["test-person-one"]
    with pytest.raises(BuildFailed, match="test-person-one needs that person's derived view"):
        package.data_piece("people", person)


def test_every_derived_column_is_described_in_both_languages(built: tuple[Path, dict[str, Any]]) -> None:
    from tracker import data_words_hy

    for table, fields in package_derived.FIELDS.items():
        for field in fields:
            assert field["description"], (table, field["name"])
            assert (table, field["name"]) in data_words_hy.COLUMNS, (table, field["name"])


def test_no_real_charge_contains_the_separator() -> None:
    """charges_joined splits back into the charges only while no charge contains "; "."""
    records = check_records(paths.RECORDS)
    charges = [charge for event in records.events.values() for charge in event.charges]
    assert charges
    assert [charge for charge in charges if package_derived.CHARGE_SEPARATOR in charge] == []


def test_real_held_count_in_people_csv_is_the_home_page_count(real_site: Path) -> None:
    site = real_site
    people = people_csv(site / "data")
    held = [row for row in people.values() if row["status"] == "held"]
    home = (site / "index.html").read_text(encoding="utf-8")
    shown = re.search(r'<div class="headline"><span class="number">(\d+)</span>', home)
    assert shown and held and len(held) == int(shown[1])
    for row in held:  # each held person's own page says so too
        page = (site / "people" / row["id"] / "index.html").read_text(encoding="utf-8")
        assert "status-held" in page, row["id"]
    with sqlite3.connect(site / "data" / package.DB_NAME) as db:
        assert db.execute("SELECT count(*) FROM held_now").fetchone()[0] == len(held)


# record.xlsx --------------------------------------------------------------------------------------


def test_xlsx_reads_back_as_the_csvs(built: tuple[Path, dict[str, Any]]) -> None:
    out, descriptor = built
    workbook = openpyxl.load_workbook(out / package.XLSX_NAME)
    assert workbook.sheetnames == [resource["name"] for resource in tables(descriptor)]
    for resource in tables(descriptor):
        sheet = workbook[resource["name"]]
        header, rows = csv_rows(out / resource["path"])
        values = [[as_csv_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        assert values[0] == header, resource["name"]
        assert values[1:] == rows, resource["name"]
        assert sheet.freeze_panes == "A2"
    people = workbook["people"]
    header = [cell.value for cell in people[1]]
    first = {name: cell.value for name, cell in zip(header, people[2], strict=True)}
    assert first["name_hy"] == "Թեստ Անձ Մեկ"
    assert isinstance(first["status_since_earliest"], dt.datetime)  # a full date column: a date
    events = workbook["events"]
    header = [cell.value for cell in events[1]]
    texts = {row[0].value: row[header.index("date")] for row in events.iter_rows(min_row=2)}
    assert texts["2024-05-official-count"].value == "2024-05" and texts["2024-05-official-count"].data_type == "s"


def test_xlsx_text_is_never_a_formula(tmp_path: Path) -> None:
    table = _one_column_table(tmp_path, ["=1+1", "0012"])
    package_xlsx.write_xlsx([table], tmp_path / "t.xlsx", created=dt.datetime(2026, 1, 1), properties={})
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx")["things"]
    assert [(cell.value, cell.data_type) for (cell,) in sheet.iter_rows(min_row=2)] == [("=1+1", "s"), ("0012", "s")]


def test_xlsx_refuses_text_longer_than_a_cell(tmp_path: Path) -> None:
    table = _one_column_table(tmp_path, ["x" * (package_xlsx.MAX_CELL_TEXT + 1)])
    with pytest.raises(BuildFailed, match=r"things\.text row 2 has 32768 characters"):
        package_xlsx.write_xlsx([table], tmp_path / "t.xlsx", created=dt.datetime(2026, 1, 1), properties={})
    assert not (tmp_path / "t.xlsx").exists()


def test_xlsx_document_dates_are_the_package_time(built: tuple[Path, dict[str, Any]]) -> None:
    out, _ = built
    properties = openpyxl.load_workbook(out / package.XLSX_NAME).properties
    assert properties.created == dt.datetime(2026, 11, 27, 12, 0) and properties.title == package.TITLE


def test_xlsx_with_kept_sheets_is_the_whole_write(built: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    """A rebuild keeps the previous workbook's sheets of the tables that came out the same: the file is
    the one a whole write gives, byte for byte."""
    out, descriptor = built
    package_tables = package_read.package_tables(descriptor, out)
    digests = {resource["path"]: resource["hash"] for resource in descriptor["resources"]}
    kept = package_xlsx.previous_sheets(out, {**digests, "people.csv": "sha256:edited"}, package_tables)
    assert set(kept) == {table.name for table in package_tables} - {"people"}
    when, about = dt.datetime(2026, 12, 1, 9, 30), {"title": "Kept sheets"}
    package_xlsx.write_xlsx(package_tables, tmp_path / "whole.xlsx", created=when, properties=about)
    package_xlsx.write_xlsx(package_tables, tmp_path / "kept.xlsx", created=when, properties=about, reuse=kept)
    assert (tmp_path / "kept.xlsx").read_bytes() == (tmp_path / "whole.xlsx").read_bytes()


def test_xlsx_kept_sheet_is_used_as_it_is(tmp_path: Path) -> None:
    table = _one_column_table(tmp_path, ["a", "b"])
    marker = b'<worksheet><!-- kept --><autoFilter ref="A1:A3"/></worksheet>'
    package_xlsx.write_xlsx(
        [table], tmp_path / "t.xlsx", created=dt.datetime(2026, 1, 1), properties={}, reuse={"things": marker}
    )
    with zipfile.ZipFile(tmp_path / "t.xlsx") as workbook:
        assert workbook.read(package_xlsx.SHEET_PATH.format(number=1)) == marker
        assert b"things!$A$1:$A$3" in workbook.read("xl/workbook.xml")  # the filter's range, from the kept rows


def test_xlsx_sheets_are_not_kept_from_a_workbook_its_descriptor_does_not_describe(
    built: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    out, descriptor = built
    previous = tmp_path / "previous"
    shutil.copytree(out, previous)
    package_tables = package_read.package_tables(descriptor, previous)
    digests = {resource["path"]: resource["hash"] for resource in descriptor["resources"]}
    assert package_xlsx.previous_sheets(previous, digests, package_tables)  # as written: every sheet kept
    with (previous / package.XLSX_NAME).open("ab") as handle:
        handle.write(b"\0")
    assert package_xlsx.previous_sheets(previous, digests, package_tables) == {}
    assert package_xlsx.previous_sheets(tmp_path / "nothing", digests, package_tables) == {}


def _one_column_table(folder: Path, values: list[str]) -> package_read.PackageTable:
    path = folder / "things.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([["text"], *[[value] for value in values]])
    field = {"name": "text", "type": "string", "description": "Some text."}
    return package_read.PackageTable("things", "Things", "Things.", [field], ["text"], [], path)


# record.db ----------------------------------------------------------------------------------------


def test_db_holds_the_csvs_rows_and_keys(built: tuple[Path, dict[str, Any]]) -> None:
    out, descriptor = built
    db = sqlite3.connect(out / package.DB_NAME)
    for resource in tables(descriptor):
        name, schema = resource["name"], resource["schema"]
        header, rows = csv_rows(out / resource["path"])
        info = db.execute(f'PRAGMA table_info("{name}")').fetchall()
        assert [column[1] for column in info] == header
        assert [column[1] for column in sorted(info, key=lambda c: c[5]) if column[5]] == schema["primaryKey"]
        booleans = {field["name"] for field in schema["fields"] if field["type"] == "boolean"}
        got = [
            [as_csv_text(bool(v) if k in booleans and v is not None else v) for k, v in zip(header, row, strict=True)]
            for row in db.execute(f'SELECT * FROM "{name}"')
        ]
        assert got == rows, name
        declared = {
            (tuple(key["fields"]), key["reference"]["resource"], tuple(key["reference"]["fields"]))
            for key in schema.get("foreignKeys", [])
        }
        found: dict[int, list[Any]] = {}
        for key in db.execute(f'PRAGMA foreign_key_list("{name}")').fetchall():
            found.setdefault(key[0], []).append(key)
        assert {
            (tuple(k[3] for k in keys), keys[0][2], tuple(k[4] for k in keys)) for keys in found.values()
        } == declared, name
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    held = [row["id"] for row in people_csv(out).values() if row["status"] == "held"]
    assert [row[0] for row in db.execute("SELECT id FROM held_now ORDER BY id")] == sorted(held)
    sentences = db.execute("SELECT person, sentence_years, sentence_life FROM sentences ORDER BY person").fetchall()
    assert sentences == [("test-person-one", 15, 0), ("test-person-two", None, 1)]
    timeline = [row[0] for row in db.execute("SELECT id FROM timeline")]
    assert timeline == ["2023-09-28-test-person-one-detained", "2024-03-15-verdict", "2024-05-official-count"]


def test_db_refuses_a_key_that_points_nowhere(built: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    out, descriptor = built
    for path in out.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    text = (tmp_path / "event_people.csv").read_text(encoding="utf-8")
    (tmp_path / "event_people.csv").write_text(text.replace(",test-person-two,", ",nobody,"), encoding="utf-8")
    with pytest.raises(
        BuildFailed, match=r"record\.db: a foreign key points at no row \(event_people row \d+ -> people; 1 in all\)"
    ):
        package_sqlite.write_sqlite(package_read.package_tables(descriptor, tmp_path), tmp_path / "record.db")
    assert not (tmp_path / "record.db").exists()
    assert package_sqlite.foreign_key_problems(out / package.DB_NAME) == []


def test_datasette_metadata_labels_the_keys(built: tuple[Path, dict[str, Any]]) -> None:
    out, descriptor = built
    metadata = json.loads((out / package.DATASETTE_METADATA).read_text(encoding="utf-8"))
    described = metadata["databases"]["record"]["tables"]
    assert metadata["license"] == "CC-BY-4.0" and metadata["title"] == package.TITLE
    assert described["people"]["label_column"] == "name" and described["sources"]["label_column"] == "title"
    assert set(described) == {resource["name"] for resource in tables(descriptor)} | set(package_sqlite.VIEWS)
    people = next(resource for resource in tables(descriptor) if resource["name"] == "people")
    assert set(described["people"]["columns"]) == {field["name"] for field in people["schema"]["fields"]}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_datasette_serves_the_database(built: tuple[Path, dict[str, Any]]) -> None:
    out, _ = built
    port = _free_port()
    command = [sys.executable, "-m", "datasette", "serve", str(out / package.DB_NAME), "--host", "127.0.0.1"]
    command += ["--port", str(port), "--metadata", str(out / package.DATASETTE_METADATA)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/record"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/people.json?_shape=array", timeout=5) as response:
                    people = json.load(response)
                break
            except OSError as error:
                if server.poll() is not None or time.monotonic() > deadline:
                    stderr = server.stderr.read() if server.stderr else b""
                    raise AssertionError(f"datasette did not start: {stderr!r}") from error
                time.sleep(0.3)
        assert [row["id"] for row in people] == sorted(people_csv(out))
        assert people[0]["name_hy"] == "Թեստ Անձ Մեկ"
        url = f"{base}/event_people.json?_shape=array&_labels=on&event=2024-03-15-verdict"
        with urllib.request.urlopen(url, timeout=10) as response:
            rows = json.load(response)
        assert {row["person"]["label"] for row in rows} == {"Test Person One", "Test Person Two"}
        with urllib.request.urlopen(f"{base}/held_now.json?_shape=array", timeout=10) as response:
            assert len(json.load(response)) == 2
    finally:
        server.terminate()
        server.wait(timeout=10)
