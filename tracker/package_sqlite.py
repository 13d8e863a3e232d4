"""record.db: the data package's tables as one SQLite database (sqlite-utils), and its Datasette metadata.

Every table keeps its primary key and foreign keys (compound ones too), each single-column foreign key
not first in its primary key gets an index, and three views answer common questions: ``held_now``,
``sentences`` and ``timeline``. Booleans are 0/1 and dates ISO text, as SQLite stores them.

Reproducible bytes: the database is built in memory by the same statements in the same order and
vacuumed into the file, so two builds from the same tables give identical files with the same SQLite
library; a different SQLite version may lay the pages out differently (its version number is in the
file header), so the bytes are promised for one environment, the content (tables, rows, schema) for any.
"""

from __future__ import annotations

import graphlib
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import sqlite_utils

from tracker.package_read import CONVERTERS, PackageTable
from tracker.problems import BuildFailed

SQL_TYPES: dict[str, type] = {"string": str, "integer": int, "number": float, "boolean": int, "date": str}
"""Table Schema type -> the Python type sqlite-utils maps to a column type (TEXT, INTEGER, FLOAT)."""
STORED: dict[str, Callable[[str], Any]] = {**CONVERTERS, "boolean": {"true": 1, "false": 0}.__getitem__, "date": str}
"""Table Schema type -> how a CSV cell becomes the value stored: booleans as 0/1, dates as the CSV's ISO
text (read straight, not made a date and written back)."""

VIEWS: dict[str, tuple[str, str]] = {
    "held_now": (
        "Who is held now, as the site counts them: one row per person whose status is held, with since when "
        "(empty where no detention is recorded), their latest sentence and court, earliest detention first.",
        """SELECT id, name, name_hy, category, status_since, status_since_earliest, sentenced_on,
       sentence_years, sentence_life, court, charges_joined, last_reported, page_url
FROM people
WHERE status = 'held'
ORDER BY status_since_earliest IS NULL, status_since_earliest, id""",
    ),
    "sentences": (
        "Every sentence handed down (a verdict, or an appeal that states one): person, date, court and term.",
        """SELECT event_people.person, people.name, people.name_hy, events.id AS event, events.type,
       events.date, events.date_earliest, events.court, event_people.sentence_years,
       event_people.sentence_life, event_people.sentence_note, events.page_url
FROM event_people
JOIN events ON events.id = event_people.event
JOIN people ON people.id = event_people.person
WHERE events.type IN ('verdict', 'appeal')
  AND (event_people.sentence_years IS NOT NULL OR event_people.sentence_life = 1)
ORDER BY events.date_earliest, events.id, event_people.person""",
    ),
    "timeline": (
        "Every event in date order (undated ones last), with the people it concerns.",
        """SELECT events.id, events.date, events.date_earliest, events.date_latest, events.type, events.title,
       events.title_hy, events.place, events.court,
       (SELECT group_concat(people.name, '; ') FROM event_people JOIN people ON people.id = event_people.person
        WHERE event_people.event = events.id ORDER BY event_people.position) AS people,
       events.page_url
FROM events
ORDER BY events.date_earliest IS NULL, events.date_earliest, events.date_latest, events.id""",
    ),
}
"""View name -> (what it answers, its SQL)."""

LABEL_COLUMNS = {"people": "name", "events": "title", "sources": "title"}
"""The column Datasette shows for a row a foreign key points at (a person's name, not their id)."""


def _in_reference_order(tables: Sequence[PackageTable]) -> list[PackageTable]:
    """The tables with every table a foreign key points at before the table pointing at it."""
    graph = {
        table.name: {key["reference"]["resource"] for key in table.foreign_keys} - {table.name} for table in tables
    }
    by_name = {table.name: table for table in tables}
    order = graphlib.TopologicalSorter(graph)
    order.prepare()
    result: list[PackageTable] = []
    while order.is_active():  # each round in the package's order: the same tables give the same file
        ready = sorted(order.get_ready(), key=[table.name for table in tables].index)
        result.extend(by_name[name] for name in ready)
        order.done(*ready)
    return result


def _foreign_keys(table: PackageTable) -> list[tuple[Any, str, Any]]:
    keys = []
    for key in table.foreign_keys:
        fields, target = key["fields"], key["reference"]["fields"]
        if len(fields) == 1:
            keys.append((fields[0], key["reference"]["resource"], target[0]))
        else:
            keys.append((tuple(fields), key["reference"]["resource"], tuple(target)))
    return keys


def write_sqlite(tables: Sequence[PackageTable], path: Path) -> None:
    """Write ``path`` afresh from the tables (removed again if writing fails); fail if a foreign key
    points nowhere."""
    path.unlink(missing_ok=True)
    # Built in memory and written out once, compacted (VACUUM INTO): no journal, no page written twice.
    db = sqlite_utils.Database(memory=True)
    try:
        for table in _in_reference_order(tables):
            _write_table(db, table)
        for name, (_, sql) in VIEWS.items():
            db.create_view(name, sql)
        broken = db.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            table_name, rowid, target, _ = broken[0]
            raise BuildFailed(
                f"record.db: a foreign key points at no row ({table_name} row {rowid} -> {target}; {len(broken)} in all)"
            )
        db.conn.commit()
        db.execute("VACUUM INTO ?", [str(path)])
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    finally:
        db.close()


def _write_table(db: sqlite_utils.Database, table: PackageTable) -> None:
    required = [item["name"] for item in table.fields if item.get("constraints", {}).get("required")]
    pk = table.primary_key[0] if len(table.primary_key) == 1 else tuple(table.primary_key)
    db[table.name].create(  # type: ignore[union-attr]
        {item["name"]: SQL_TYPES[item["type"]] for item in table.fields},
        pk=pk,
        foreign_keys=_foreign_keys(table),
        not_null=required,
    )
    # One prepared statement for every row: sqlite-utils' insert_all builds a statement per batch of
    # dicts, which took ten times as long, and the schema is already created above.
    columns = ", ".join(f"[{name}]" for name in table.columns)
    marks = ", ".join("?" for _ in table.columns)
    db.conn.executemany(f"INSERT INTO [{table.name}] ({columns}) VALUES ({marks})", table.rows(STORED))
    for key in table.foreign_keys:
        if len(key["fields"]) == 1 and key["fields"][0] != table.primary_key[0]:
            db[table.name].create_index(key["fields"])  # type: ignore[union-attr]


def foreign_key_problems(path: Path) -> list[tuple[Any, ...]]:
    """``PRAGMA foreign_key_check`` on a database file: the rows whose foreign key points nowhere."""
    with sqlite3.connect(path) as connection:
        return connection.execute("PRAGMA foreign_key_check").fetchall()


def datasette_metadata(
    tables: Sequence[PackageTable], *, database: str, title: str, description: str, licence: dict[str, str], source: str
) -> dict[str, Any]:
    """metadata.json for ``datasette record.db --metadata metadata.json``: titles, descriptions, the
    licence and source, every column described, and which column labels a row a foreign key points at."""
    described: dict[str, Any] = {}
    for table in tables:
        entry: dict[str, Any] = {
            "title": table.title,
            "description": table.description,
            "columns": {item["name"]: item.get("description", "") for item in table.fields},
        }
        if table.name in LABEL_COLUMNS:
            entry["label_column"] = LABEL_COLUMNS[table.name]
        described[table.name] = entry
    for name, (about, _) in VIEWS.items():
        described[name] = {"title": name.replace("_", " ").capitalize(), "description": about}
    return {
        "title": title,
        "description": description,
        "license": licence["name"],
        "license_url": licence["path"],
        "source": source,
        "source_url": source,
        "databases": {database: {"title": title, "tables": described}},
    }
