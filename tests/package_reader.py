"""The data package read back, for the round-trip tests: the package written from Records in one
call, and the records rebuilt from the typed rows frictionless reads (the inverse of
tracker.package_rows.table_rows), which is how the tests prove the CSVs lose nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tracker.derive import views_of
from tracker.models import ALL_MODELS
from tracker.package import data_piece, write_files
from tracker.package_rows import Row, _get
from tracker.package_tables import Table, tables
from tracker.validate import Records


def write_package(records: Records, out_dir: Path, *, created: str, version: str | None = None) -> dict[str, Any]:
    """Write the CSVs, records.json, its schema, datapackage.json and the zip; return the descriptor."""
    views = views_of(records)
    data = {
        kind: {
            key: data_piece(kind, getattr(records, kind)[key], views.get(key) if kind == "people" else None)
            for key in getattr(records, kind)
        }
        for kind in ALL_MODELS
    }
    result = write_files(data, out_dir, created=created, version=version)
    return result


def _set(item: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for part in path[:-1]:
        item = item.setdefault(part, {})
    item[path[-1]] = value


def _item(table: Table, row: Row) -> Any:
    values = [column for column in table.columns if column.role == "value" and not column.derived]
    if len(values) == 1 and not values[0].path:
        return row[values[0].name]
    item: dict[str, Any] = {}
    for column in values:
        _set(item, column.path, row[column.name])
    for path in sorted(table.nested, key=len, reverse=True):
        nested = _get(item, path)
        if nested is not None and all(value is None for value in _leaves(nested)):
            _set(item, path, None)
    if table.name == "names":
        item["kind"] = row["kind"]
    return item


def _leaves(value: Any) -> Iterator[Any]:
    if isinstance(value, dict):
        for inner in value.values():
            yield from _leaves(inner)
    else:
        yield value


def records_from_rows(rows: dict[str, list[Row]]) -> dict[str, list[dict[str, Any]]]:
    """Rebuild the records (as dicts by kind, sorted by id) from the rows of every table."""
    by_key: dict[str, dict[tuple[Any, ...], Any]] = {}
    every = tables()
    for table in every:
        ordered = sorted(rows.get(table.name, []), key=lambda row, t=table: tuple(row[n] for n in t.primary_key))
        by_key[table.name] = {tuple(row[n] for n in table.primary_key): _item(table, row) for row in ordered}
        for item in by_key[table.name].values():
            for list_field, _child in table.children:
                item.setdefault(list_field, [])
    for table in every:
        if table.parent is None:
            continue
        for key, item in by_key[table.name].items():
            parent = by_key[table.parent][key[:-1]]
            if table.name == "names" and item.pop("kind") != "other_names":
                continue
            parent[table.list_field].append(item)
    return {table.name: list(by_key[table.name].values()) for table in every if table.parent is None}
