"""The data package's tables read back from their CSV files, typed by their Table Schema.

The spreadsheet and the database (package_xlsx, package_sqlite) are written from these, so they hold
exactly what the CSVs hold: the same rows, columns and keys, with the CSVs' types.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.problems import BuildFailed

BOOLEANS = {"true": True, "false": False}


def _boolean(text: str) -> bool:
    return BOOLEANS[text]


CONVERTERS: dict[str, Callable[[str], Any]] = {
    "string": str,
    "integer": int,
    "number": float,
    "boolean": _boolean,
    "date": dt.date.fromisoformat,
}
"""Table Schema type -> how a non-empty CSV cell of that type becomes a value (empty cells are None)."""


@dataclass(frozen=True)
class PackageTable:
    """One tabular resource of the package: its schema, and where its CSV is."""

    name: str
    title: str
    description: str
    fields: list[dict[str, Any]]
    primary_key: list[str]
    foreign_keys: list[dict[str, Any]] = field(default_factory=list)
    path: Path = Path()

    @property
    def columns(self) -> list[str]:
        return [item["name"] for item in self.fields]

    def rows(self, converters_by_type: dict[str, Callable[[str], Any]] | None = None) -> Iterator[list[Any]]:
        """The table's rows in file order (sorted by primary key), each value typed by its field
        (``converters_by_type``: in place of CONVERTERS, for a writer that stores values otherwise)."""
        by_type = CONVERTERS if converters_by_type is None else converters_by_type
        converters = [by_type[item["type"]] for item in self.fields]
        with self.path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header != self.columns:
                raise BuildFailed(f"data package: {self.path.name}'s header is not its schema's fields {self.columns}")
            for number, cells in enumerate(reader, start=2):
                try:
                    yield [convert(cell) if cell else None for convert, cell in zip(converters, cells, strict=True)]
                except (ValueError, KeyError) as error:
                    message = f"data package: {self.path.name} row {number} does not read as its schema says ({error})"
                    raise BuildFailed(message) from None


def package_tables(descriptor: dict[str, Any], folder: Path) -> list[PackageTable]:
    """The tabular resources of a written package (descriptor paths relative to ``folder``), in order."""
    return [
        PackageTable(
            name=resource["name"],
            title=resource.get("title", resource["name"]),
            description=resource.get("description", ""),
            fields=resource["schema"]["fields"],
            primary_key=list(resource["schema"].get("primaryKey", [])),
            foreign_keys=list(resource["schema"].get("foreignKeys", [])),
            path=folder / resource["path"],
        )
        for resource in descriptor["resources"]
        if resource.get("type") == "table"
    ]
