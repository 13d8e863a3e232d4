"""Stage: package. The records as an open Data Package v2: CSV tables, nested JSON, one zip.

``descriptor`` derives the package descriptor from the models (see ``package_tables``);
``data_piece`` is one record's rows and JSON, computed with its other pieces (tracker/pieces.py);
``write_files`` writes the tables, ``records.json`` with its JSON Schema and the descriptor with
each file's size and hash from those pieces, and a byte-identical zip of them;
``regenerate_descriptor`` keeps the committed ``datapackage.json`` equal to what the models say;
``data_page_context`` feeds ``templates/data.html``.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import itertools
import json
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from tracker import package_derived, package_page, package_read, package_sqlite, package_xlsx, paths
from tracker.background import Background
from tracker.derive import PersonView
from tracker.models import ALL_MODELS, Event, Person, Redirect, Source, Withdrawal
from tracker.package_rows import Row, check_rows, table_rows
from tracker.package_tables import read_only_tables, tables
from tracker.problems import BuildFailed

SITE_URL = paths.configured_site_url()
"""Where the site is published (set in mkdocs.yml; a placeholder until the real address is settled)."""

NAME = "armenian-prisoners-azerbaijan"
TITLE = "Armenian prisoners held in Azerbaijan: an open record"
PUBLISHER = "Armenian prisoners held in Azerbaijan (open record project)"
"""The organisation that publishes the record: its one author, written the same in every format."""
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
ZIP_NAME = f"{NAME}.zip"
RECORDS_JSON = "records.json"
XLSX_NAME = package_xlsx.NAME
DB_NAME = "record.db"
DATASETTE_METADATA = package_page.DATASETTE_METADATA
"""Beside record.db: its titles, descriptions, licence and labels for Datasette."""
RECORDS_SCHEMA = "records.schema.json"
FIRST_VERSION = "1.0.0"
VERSION_RE = re.compile(r"^\d+\.\d+\.\d+$")
LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}


class RecordsFile(BaseModel):
    """The whole record as one JSON document: every person, event and source, each list sorted by id."""

    model_config = ConfigDict(extra="forbid", title="Armenian prisoners held in Azerbaijan: records")

    people: list[Person] = Field(description="Every person record (records/people/<id>.json).")
    events: list[Event] = Field(description="Every event record (records/events/<id>.json).")
    sources: list[Source] = Field(description="Every source record (records/sources/<id>.json).")
    redirects: list[Redirect] = Field(description="Every retired id whose URL redirects (records/redirects/<id>.json).")
    withdrawn: list[Withdrawal] = Field(description="Every withdrawn record's notice (records/withdrawn/<id>.json).")


def records_schema() -> dict[str, Any]:
    """records.schema.json: the JSON Schema of the whole record, each kind of record in its $defs."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **RecordsFile.model_json_schema()}


def records_schema_bytes() -> bytes:
    """records.schema.json as written into the package (and as editors' copy, by `build.py fieldref`)."""
    return _json_bytes(records_schema())


def releases(changelog: Path = paths.CHANGELOG) -> list[tuple[str, str]]:
    """(version, date) of every release in the data changelog, newest first."""
    return [(release["version"], release["date"]) for release in package_page.changelog(changelog)["releases"]]


def current_version() -> str:
    """The newest release in CHANGELOG.md, else the committed datapackage.json's version, else 1.0.0."""
    found = releases()
    if found:
        return found[0][0]
    if paths.DATAPACKAGE.is_file():
        version = json.loads(paths.DATAPACKAGE.read_text(encoding="utf-8")).get("version")
        if isinstance(version, str) and VERSION_RE.match(version):
            return version
    return FIRST_VERSION


def _resource(table: Any, path: str) -> dict[str, Any]:
    return {
        "name": table.name,
        "type": "table",
        "path": path,
        "title": table.name.replace("_", " ").capitalize(),
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {
            "header": True,
            "delimiter": ",",
            "lineTerminator": "\n",
            "quoteChar": '"',
            "doubleQuote": True,
            "skipInitialSpace": False,  # said, since readers guess otherwise: text may start with a space
        },
        "schema": table.schema(),
    }


def descriptor(version: str | None = None) -> dict[str, Any]:
    """The Data Package v2 descriptor derived from the models, resources at data/<name>.csv."""
    version = version or current_version()
    if not VERSION_RE.match(version):
        raise BuildFailed(f'data package: version "{version}" is not MAJOR.MINOR.PATCH')
    result: dict[str, Any] = {
        "$schema": PROFILE,
        "name": NAME,
        "title": TITLE,
        "description": (
            "Who is held, what happened to them and which public sources say so: people, events and "
            "sources as tidy tables. Every fact cites a source in the sources table; whose account a "
            "source gives is recorded with each citation. Dates are EDTF as the sources allow, with "
            "earliest and latest days for sorting and filtering. records.json holds the same records "
            "nested, as the editors write them, with records.schema.json."
        ),
        "version": version,
    }
    released = dict(releases())
    if version in released:
        result["created"] = f"{released[version]}T00:00:00Z"
    result |= {
        "homepage": SITE_URL,
        "licenses": [dict(LICENSE)],
        "contributors": [{"title": PUBLISHER, "path": SITE_URL, "roles": ["creator"]}],
        "sources": [
            {
                "title": "Public sources (media, official statements, NGO reports, court documents), each "
                "listed in the sources table and cited row by row",
                "path": f"{SITE_URL}sources/",
            }
        ],
        "keywords": [
            "Armenia",
            "Azerbaijan",
            "Nagorno-Karabakh",
            "prisoners",
            "detention",
            "human rights",
            "trials",
        ],
        "resources": [
            *(_resource(table, f"data/{table.name}.csv") for table in tables()),
            {
                "name": "records",
                "path": f"data/{RECORDS_JSON}",
                "title": "Records (nested JSON)",
                "description": "Every person, event and source as one JSON document, nested as the editors "
                f"write them; its JSON Schema is {RECORDS_SCHEMA}, next to it.",
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
            },
            {
                "name": "record-xlsx",
                "type": "file",
                "path": f"data/{XLSX_NAME}",
                "title": "Spreadsheet",
                "description": "Every table above as one sheet of a spreadsheet (header row frozen, the earliest "
                "and latest days as dates, EDTF dates as text), written from the CSVs.",
                "format": "xlsx",
                "mediatype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            },
            {
                "name": "record-db",
                "type": "file",
                "path": f"data/{DB_NAME}",
                "title": "SQLite database",
                "description": "Every table above in one SQLite database, with their primary and foreign keys and "
                f"the views held_now, sentences and timeline, written from the CSVs; {DATASETTE_METADATA} beside "
                "it describes it for Datasette.",
                "format": "sqlite",
                "mediatype": "application/vnd.sqlite3",
            },
        ],
    }
    return result


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _csv_lines(lines: Any) -> str:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerows(lines)
    return buffer.getvalue()


@cache
def _tables_by_name() -> dict[str, Any]:
    return {table.name: table for table in read_only_tables()}


def csv_text(table_name: str, rows: list[Row]) -> str:
    """CSV lines (no header) of some rows of a table."""
    columns = [column.name for column in _tables_by_name()[table_name].columns]
    return _csv_lines([_cell(row[name]) for name in columns] for row in rows)


def _root(table_name: str) -> str:
    """The record kind a table's rows belong to (a child table's top ancestor)."""
    parent = _tables_by_name()[table_name].parent
    return table_name if parent is None else _root(parent)


@dataclass
class DataPiece:
    """One record's rows of every table, and its entry in records.json, ready to be joined."""

    tables: dict[str, bytes]
    """Table name -> the record's CSV lines in it (no header); tables it has no rows in are left out."""
    json: bytes
    """The record as compact JSON."""


def data_piece(kind: str, record: BaseModel, view: PersonView | None = None) -> DataPiece:
    """A record's share of the package. Every table's primary key starts with the record's id, so a
    table is its header and the pieces' lines in id order. ``view``: a person's PersonView, which
    their derived columns (status, sentence, ...) are read from; required for people."""
    dumped = record.model_dump(mode="json")
    rows = table_rows({kind: [dumped]})
    rows[kind][0].update(derived_values(kind, dumped["id"], view))
    check_rows(rows)
    return DataPiece(
        tables={name: csv_text(name, table).encode("utf-8") for name, table in rows.items() if table},
        json=json.dumps(dumped, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
    )


def derived_values(kind: str, record_id: str, view: PersonView | None) -> dict[str, Any]:
    """The derived column values of a record's row (package_derived), from its id and, for a person, their view."""
    if kind == "people":
        if view is None or view.id != record_id:
            raise BuildFailed(f"data package: people.csv row {record_id} needs that person's derived view")
        return package_derived.person_values(view, SITE_URL)
    if kind == "events":
        return package_derived.event_values(record_id, SITE_URL)
    if kind == "sources":
        return package_derived.source_values(record_id, SITE_URL)
    return {}


def _json_bytes(data: Any, *, compact: bool = False) -> bytes:
    """Indented for the small descriptor files; compact (and 10× faster, in C) for the whole record."""
    if compact:
        return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _zip_time(created: str) -> tuple[int, int, int, int, int, int]:
    try:
        moment = dt.datetime.fromisoformat(created)
    except ValueError:
        raise BuildFailed(f'data package: created "{created}" is not an ISO 8601 date and time') from None
    moment = max(moment.replace(tzinfo=None), dt.datetime(1980, 1, 1))
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


def site_descriptor(version: str | None = None) -> dict[str, Any]:
    """The descriptor as published in the site's data folder: resource paths beside it, not under data/
    (sizes, hashes and the creation time are added by write_files)."""
    result = descriptor(version)
    for resource in result["resources"]:
        resource["path"] = resource["path"].removeprefix("data/")
    return result


def write_files(
    data: Mapping[str, Mapping[str, DataPiece]],
    out_dir: Path,
    *,
    created: str,
    version: str | None = None,
    coverage: tuple[str, str | None] | None = None,
    parallel: bool = False,
    previous: Path | None = None,
) -> dict[str, Any]:
    """Write every file of the package into out_dir, the zip of them last, from every record's
    DataPiece, and return the descriptor. ``coverage``: the span the records cover and the date of the
    latest report in them (``temporalCoverage`` and ``reportsUpTo`` in the descriptor). ``parallel``:
    the spreadsheet is written by a forked process while this one writes the database. ``previous``: the
    package folder of the output this build updates (written by the same code), whose spreadsheet sheets
    are kept for the tables that came out the same. One file at a
    time: a 60,000-record package is 60 MB, and holding it whole added that much to a build's peak memory."""
    result = site_descriptor(version)
    if coverage:  # how far the record reaches: (first year/latest report's day, the latest report's EDTF date)
        result["temporalCoverage"], result["reportsUpTo"] = coverage
    when = _zip_time(created)  # fail early on a bad time
    ordered = {kind: [data.get(kind, {})[key] for key in sorted(data.get(kind, {}))] for kind in ALL_MODELS}
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, tuple[int, str]] = {}

    def put(name: str, parts: Iterable[bytes]) -> None:
        """Write the parts (UTF-8), a thousand at a time, hashing as they go: a whole file joined first
        would add its size to the build's peak memory."""
        digest, size = hashlib.sha256(), 0
        with (out_dir / name).open("wb") as handle:
            for batch in _batched(parts):
                data = b"".join(batch)
                handle.write(data)
                digest.update(data)
                size += len(data)
        written[name] = (size, "sha256:" + digest.hexdigest())

    for table in read_only_tables():
        lines = (piece.tables.get(table.name, b"") for piece in ordered[_root(table.name)])
        header = _csv_lines([[column.name for column in table.columns]]).encode("utf-8")
        put(f"{table.name}.csv", itertools.chain([header], lines))
    put(RECORDS_JSON, _records_json(ordered))
    tables = package_read.package_tables(result, out_dir)  # the spreadsheet and database, from the CSVs
    moment = dt.datetime.fromisoformat(created)
    digests = {name: digest for name, (_, digest) in written.items()}
    spreadsheet = Background(
        XLSX_NAME,
        lambda: package_xlsx.write_xlsx(
            tables,
            out_dir / XLSX_NAME,
            created=moment,
            properties=_document_properties(result),
            reuse=package_xlsx.previous_sheets(previous, digests, tables) if previous else None,
        ),
        fork=parallel,
    )
    try:
        package_sqlite.write_sqlite(tables, out_dir / DB_NAME)
    finally:
        spreadsheet.wait()
    for name in (XLSX_NAME, DB_NAME):
        written[name] = _file_digest(out_dir / name)
    metadata = package_sqlite.datasette_metadata(
        tables,
        database=DB_NAME.removesuffix(".db"),
        title=TITLE,
        description=result["description"],
        licence=LICENSE,
        source=SITE_URL,
    )
    put(DATASETTE_METADATA, [_json_bytes(metadata)])
    for resource in result["resources"]:
        resource["bytes"], resource["hash"] = written[resource["path"]]
    result["created"] = created
    put(RECORDS_SCHEMA, [records_schema_bytes()])
    put("datapackage.json", [_json_bytes(result)])
    write_zip(out_dir, written, when)
    return result


def _document_properties(descriptor: dict[str, Any]) -> dict[str, str]:
    return {
        "title": TITLE,
        "subject": f"Data package {NAME}, version {descriptor['version']}",
        "author": PUBLISHER,
        "company": PUBLISHER,
        "comments": f"{LICENSE['title']} ({LICENSE['name']}). {SITE_URL}data/",
    }


def _file_digest(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return path.stat().st_size, "sha256:" + digest.hexdigest()


def _records_json(ordered: dict[str, list[DataPiece]]) -> Iterator[bytes]:
    """records.json in parts: {"people":[...],"events":[...],...} with each record's compact JSON."""
    yield b"{"
    for number, kind in enumerate(ALL_MODELS):
        yield (b"," if number else b"") + f'"{kind}":['.encode()
        for index, piece in enumerate(ordered[kind]):
            yield (b"," if index else b"") + piece.json
        yield b"]"
    yield b"}\n"


def _batched(parts: Iterable[bytes], size: int = 1000) -> Iterator[list[bytes]]:
    """Lists of ``size`` parts (itertools.batched, from Python 3.12 on)."""
    batch: list[bytes] = []
    for part in parts:
        batch.append(part)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_zip(folder: Path, names: Iterable[str], when: tuple[int, int, int, int, int, int]) -> None:
    """folder/<ZIP_NAME>: these files of the folder, in name order, with fixed times (reproducible)."""
    target = folder / ZIP_NAME
    temporary = target.with_name(target.name + ".tmp")
    with zipfile.ZipFile(temporary, "w") as archive:
        for name in sorted(names):
            info = zipfile.ZipInfo(name, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, (folder / name).read_bytes(), compresslevel=6)
    temporary.replace(target)


def regenerate_descriptor(path: Path = paths.DATAPACKAGE) -> bool:
    """Rewrite the committed datapackage.json from the models; True when it changed."""
    content = _json_bytes(descriptor())
    if path.is_file() and path.read_bytes() == content:
        return False
    path.write_bytes(content)
    return True


def data_page_context(descriptor: dict[str, Any], files: Mapping[str, bytes] | Path) -> dict[str, Any]:
    """What templates/data.html needs: downloads, licence, citation, data dictionary, changelog.

    ``files``: the package's files (name -> content), or the folder they were written to."""
    if isinstance(files, Path):
        sizes = {path.name: path.stat().st_size for path in files.iterdir() if path.is_file()}
    else:
        sizes = {name: len(content) for name, content in files.items()}
    return package_page.page_context(descriptor, sizes, zip_name=ZIP_NAME, schema_name=RECORDS_SCHEMA)
