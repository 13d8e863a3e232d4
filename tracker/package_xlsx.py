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
            "default_date_format": "yyyy-mm-dd",  # a date cell (written by write_row) shows as a day
        },
    )
    workbook.set_properties({**properties, "created": created.replace(tzinfo=None)})
    header = workbook.add_format({"bold": True})
    try:
        for table in tables:
            _write_sheet(workbook, table, header)
        workbook.close()
    except BaseException:
        workbook.close()
        path.unlink(missing_ok=True)
        raise


def _write_sheet(workbook: Any, table: PackageTable, header: Any) -> None:
    if len(table.name) > MAX_SHEET_NAME:
        raise BuildFailed(f"record.xlsx: the sheet name {table.name} is longer than {MAX_SHEET_NAME} characters")
    sheet = workbook.add_worksheet(table.name)
    for index in range(len(table.columns)):
        sheet.set_column(index, index, _width(table, index))
    sheet.write_row(0, 0, table.columns, header)
    sheet.freeze_panes(1, 0)
    texts = [index for index, item in enumerate(table.fields) if item["type"] == "string"]
    count = 0
    # A row at a time: write_row picks each cell's kind from its value's type (text, number, boolean,
    # date; None is left empty), about a third quicker than a call per cell.
    for count, row in enumerate(table.rows(), start=1):
        for index in texts:
            if row[index] is not None and len(row[index]) > MAX_CELL_TEXT:
                raise BuildFailed(
                    f"record.xlsx: {table.name}.{table.columns[index]} row {count + 1} has "
                    f"{len(row[index])} characters, more than a spreadsheet cell holds ({MAX_CELL_TEXT})"
                )
        sheet.write_row(count, 0, row)
    sheet.autofilter(0, 0, count, len(table.columns) - 1)
