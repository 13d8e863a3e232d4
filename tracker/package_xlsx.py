"""record.xlsx: the data package's tables as one spreadsheet, a sheet per table (XlsxWriter).

Each sheet has the table's header row, frozen and filterable; dates whose column is a full date (the
``*_earliest``/``*_latest`` days) are spreadsheet dates, while EDTF text (2023-07, ~2023) stays text,
as do ids and every other text (never read as numbers, formulas or links). Text is Unicode, so the
Armenian is kept as written. The same tables and the same build time give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import xlsxwriter

from tracker.package_read import PackageTable
from tracker.problems import BuildFailed

MAX_SHEET_NAME = 31
MAX_CELL_TEXT = 32_767
"""Excel's limits: a sheet's name, and the characters of one cell."""
MAX_WIDTH = 60


def _width(table: PackageTable, index: int) -> int:
    """A column's starting width in characters: its name's, at least 10, at most MAX_WIDTH."""
    return min(max(len(table.columns[index]) + 2, 10), MAX_WIDTH)


def write_xlsx(tables: Sequence[PackageTable], path: Path, *, created: dt.datetime, properties: dict[str, str]) -> None:
    """Write ``path`` (removed again if writing fails: the build writes into a staging folder, so no
    half-written file is ever published); ``created`` fixes the document's dates (reproducible bytes),
    ``properties``: its title, author, subject and comments."""
    workbook = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": True,  # rows go straight to disk: a large table never sits in memory
            "strings_to_numbers": False,
            "strings_to_formulas": False,  # a text starting with "=" stays text
            "strings_to_urls": False,
            "remove_timezone": True,
        },
    )
    workbook.set_properties({**properties, "created": created.replace(tzinfo=None)})
    header = workbook.add_format({"bold": True})
    day = workbook.add_format({"num_format": "yyyy-mm-dd"})
    try:
        for table in tables:
            _write_sheet(workbook, table, header, day)
        workbook.close()
    except BaseException:
        workbook.close()
        path.unlink(missing_ok=True)
        raise


def _write_sheet(workbook: Any, table: PackageTable, header: Any, day: Any) -> None:
    if len(table.name) > MAX_SHEET_NAME:
        raise BuildFailed(f"record.xlsx: the sheet name {table.name} is longer than {MAX_SHEET_NAME} characters")
    sheet = workbook.add_worksheet(table.name)
    types = [item["type"] for item in table.fields]
    for index, name in enumerate(table.columns):
        sheet.set_column(index, index, _width(table, index))
        sheet.write_string(0, index, name, header)
    sheet.freeze_panes(1, 0)
    count = 0
    for count, row in enumerate(table.rows(), start=1):
        for index, value in enumerate(row):
            if value is None:
                continue
            kind = types[index]
            if kind == "date":
                sheet.write_datetime(count, index, value, day)
            elif kind == "boolean":
                sheet.write_boolean(count, index, value)
            elif kind in {"integer", "number"}:
                sheet.write_number(count, index, value)
            elif len(value) > MAX_CELL_TEXT:
                raise BuildFailed(
                    f"record.xlsx: {table.name}.{table.columns[index]} row {count + 1} has "
                    f"{len(value)} characters, more than a spreadsheet cell holds ({MAX_CELL_TEXT})"
                )
            else:
                sheet.write_string(count, index, value)
    sheet.autofilter(0, 0, count, len(table.columns) - 1)
