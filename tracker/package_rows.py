"""Records to table rows, following the tables derived from the models.

``table_rows`` flattens the records (as ``model_dump(mode="json")`` dicts) into rows sorted by
primary key (the round-trip tests read them back: tests/package_reader.py). ``check_rows``
enforces what frictionless does not: unique primary keys and values within their categories.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from tracker import dates
from tracker.package_tables import Table, read_only_tables
from tracker.problems import BuildFailed

Row = dict[str, Any]
Item = tuple[tuple[Any, ...], Any]
"""(primary key values, the item the row describes: a record, a list entry or a plain value)."""


def _get(item: Any, path: tuple[str, ...]) -> Any:
    for part in path:
        if item is None:
            return None
        item = item.get(part)
    return item


def _list(table: Table, parent_item: dict[str, Any]) -> list[Any]:
    entries = list(parent_item.get(table.list_field or "", []))
    if table.name != "names":
        return entries
    person = parent_item
    lead = [{"kind": "name", "name": person["name"], "language": None, "note": None}]
    if person.get("name_hy"):
        lead.append({"kind": "name_hy", "name": person["name_hy"], "language": "hy", "note": None})
    return lead + [{"kind": "other_names", **entry} for entry in entries]


def _row(table: Table, key: tuple[Any, ...], item: Any) -> Row:
    row: Row = {}
    key_values = iter(key)
    for column in table.columns:
        if column.derived:
            row[column.name] = None  # filled from the PersonView by package.data_piece
        elif column.role in {"key", "position"}:
            row[column.name] = next(key_values)
        elif column.role == "kind":
            row[column.name] = item["kind"]
        elif column.role in {"earliest", "latest"}:
            text = _get(item, column.path)
            row[column.name] = getattr(dates.parse(text), column.role) if text else None
        else:
            row[column.name] = _get(item, column.path) if column.path else item
    return row


def table_rows(records: dict[str, list[dict[str, Any]]]) -> dict[str, list[Row]]:
    """Rows of every table, sorted by primary key; records as model_dump(mode="json") lists by kind."""
    items: dict[str, list[Item]] = {}
    result: dict[str, list[Row]] = {}
    for table in read_only_tables():
        if table.parent is None:
            these = [((record["id"],), record) for record in records.get(table.name, [])]
        else:
            these = [
                ((*key, position), entry)
                for key, parent_item in items[table.parent]
                for position, entry in enumerate(_list(table, parent_item), start=1)
            ]
        items[table.name] = these
        rows = [_row(table, key, item) for key, item in these]
        result[table.name] = sorted(rows, key=lambda row, t=table: tuple(row[name] for name in t.primary_key))
    return result


@cache
def _rules(table_name: str) -> tuple[dict[str, set[Any]], list[str]]:
    """A table's closed columns (name -> allowed values) and required columns."""
    table = next(table for table in read_only_tables() if table.name == table_name)
    allowed = {
        column.name: {category["value"] for category in column.field["categories"]}
        for column in table.columns
        if "categories" in column.field
    }
    required = [column.name for column in table.columns if column.field.get("constraints", {}).get("required")]
    return allowed, required


def check_rows(rows: dict[str, list[Row]]) -> None:
    """Raise BuildFailed on a duplicate primary key, an empty required value or a value outside its categories."""
    problems: list[str] = []
    for table in read_only_tables():
        seen: set[tuple[Any, ...]] = set()
        allowed, required = _rules(table.name)
        for number, row in enumerate(rows.get(table.name, []), start=2):
            key = tuple(row[name] for name in table.primary_key)
            if key in seen:
                problems.append(f"{table.name}.csv row {number}: duplicate primary key {key}")
            seen.add(key)
            for name, values in allowed.items():
                if row[name] is not None and row[name] not in values:
                    problems.append(f'{table.name}.csv row {number}: {name} "{row[name]}" is not one of its categories')
            problems.extend(
                f"{table.name}.csv row {number}: {name} is required but empty" for name in required if row[name] is None
            )
    if problems:
        shown = "; ".join(problems[:5]) + (f" (and {len(problems) - 5} more)" if len(problems) > 5 else "")
        raise BuildFailed(f"data package: {shown}")
