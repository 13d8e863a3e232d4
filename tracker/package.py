"""Stage: package. The records as an open Data Package v2: CSV tables, nested JSON, one zip.

``descriptor`` derives the package descriptor from the models (see ``package_tables``);
``write_package`` writes the tables, ``records.json`` with its JSON Schema, the descriptor with
each file's size and hash, and a byte-identical zip; ``regenerate_descriptor`` keeps the committed
``datapackage.json`` equal to what the models say; ``data_page_context`` feeds ``templates/data.html``.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from tracker import package_page, paths
from tracker.models import ALL_MODELS, Event, Person, Redirect, Source, Withdrawal
from tracker.package_rows import Row, check_rows, table_rows
from tracker.package_tables import tables
from tracker.problems import BuildFailed
from tracker.validate import Records

SITE_URL = paths.configured_site_url()
"""Where the site is published (set in mkdocs.yml; a placeholder until the real address is settled)."""

NAME = "armenian-prisoners-azerbaijan"
TITLE = "Armenian prisoners held in Azerbaijan: an open record"
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
ZIP_NAME = f"{NAME}.zip"
RECORDS_JSON = "records.json"
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
        "dialect": {"header": True, "delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "doubleQuote": True},
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
        "contributors": [{"title": "The editors of the open record", "path": SITE_URL, "roles": ["creator"]}],
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


def csv_bytes(columns: list[str], rows: list[Row]) -> bytes:
    """RFC 4180 CSV: UTF-8, header row, LF line ends, quotes only where needed."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([_cell(row[name]) for name in columns] for row in rows)
    return buffer.getvalue().encode("utf-8")


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


def _zip(files: dict[str, bytes], when: tuple[int, int, int, int, int, int]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name], compresslevel=6)
    return buffer.getvalue()


def write_package(records: Records, out_dir: Path, *, created: str, version: str | None = None) -> dict[str, Any]:
    """Write the CSVs, records.json, its schema, datapackage.json and the zip; return the descriptor."""
    # Load inputs.
    result = descriptor(version)
    dumped = {
        kind: [getattr(records, kind)[key].model_dump(mode="json") for key in sorted(getattr(records, kind))]
        for kind in ALL_MODELS
    }

    # Process data.
    rows = table_rows(dumped)
    check_rows(rows)
    _check_counts(records, rows)
    files = {f"{table.name}.csv": csv_bytes([c.name for c in table.columns], rows[table.name]) for table in tables()}
    files[RECORDS_JSON] = _json_bytes(dumped, compact=True)
    for resource in result["resources"]:
        name = resource["path"] = resource["path"].removeprefix("data/")
        resource["bytes"] = len(files[name])
        resource["hash"] = "sha256:" + hashlib.sha256(files[name]).hexdigest()
    when = _zip_time(created)
    result["created"] = created
    schema = RecordsFile.model_json_schema()
    files[RECORDS_SCHEMA] = _json_bytes({"$schema": "https://json-schema.org/draft/2020-12/schema", **schema})
    files["datapackage.json"] = _json_bytes(result)

    # Save outputs.
    out_dir.mkdir(parents=True, exist_ok=True)
    files[ZIP_NAME] = _zip(files, when)
    for name, content in files.items():
        (out_dir / name).write_bytes(content)
    return result


def _check_counts(records: Records, rows: dict[str, list[Row]]) -> None:
    for kind in ALL_MODELS:
        if len(rows[kind]) != len(getattr(records, kind)):
            raise BuildFailed(
                f"data package: {kind}.csv has {len(rows[kind])} rows for {len(getattr(records, kind))} records"
            )


def regenerate_descriptor(path: Path = paths.DATAPACKAGE) -> bool:
    """Rewrite the committed datapackage.json from the models; True when it changed."""
    content = _json_bytes(descriptor())
    if path.is_file() and path.read_bytes() == content:
        return False
    path.write_bytes(content)
    return True


def data_page_context(descriptor: dict[str, Any], out_dir: Path) -> dict[str, Any]:
    """What templates/data.html needs: downloads, licence, citation, data dictionary, changelog."""
    return package_page.page_context(descriptor, out_dir, zip_name=ZIP_NAME, schema_name=RECORDS_SCHEMA)
