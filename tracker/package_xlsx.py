"""record.xlsx: the data package's tables as one spreadsheet, a sheet per table (XlsxWriter).

Each sheet has the table's header row, frozen and filterable; dates whose column is a full date (the
``*_earliest``/``*_latest`` days) are spreadsheet dates, while EDTF text (2023-07, ~2023) stays text,
as do ids and every other text (never read as numbers, formulas or links). Text is Unicode, so the
Armenian is kept as written. The same tables and the same build time give the same bytes.

A build that updates an output reuses the previous workbook's sheet for every table whose CSV came out
the same (``reuse``): XlsxWriter writes only the changed tables' rows, and the workbook's zip is then
written again with the kept sheets in place. Each sheet's XML stands alone, since text is written inline
(``constant_memory``) and the two cell formats get the same style numbers in every workbook, so the
result is the file a whole write gives, byte for byte (tests/test_package_formats.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import zipfile
from collections.abc import Mapping, Sequence
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


NAME = "record.xlsx"
SHEET_PATH = "xl/worksheets/sheet{number}.xml"
"""Where XlsxWriter puts the n-th sheet (from 1) in the workbook's zip."""
_AUTOFILTER = re.compile(rb'<autoFilter ref="A1:[A-Z]+(\d+)"/>')


def write_xlsx(
    tables: Sequence[PackageTable],
    path: Path,
    *,
    created: dt.datetime,
    properties: dict[str, str],
    reuse: Mapping[str, bytes] | None = None,
) -> None:
    """Write ``path`` (removed again if writing fails: the build writes into a staging folder, so no
    half-written file is ever published); ``created`` fixes the document's dates (reproducible bytes),
    ``properties``: its title, author, subject and comments; ``reuse``: table name -> that table's sheet
    XML in a workbook written before from the same table (previous_sheets)."""
    reuse = reuse or {}
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
    # Style numbers are otherwise handed out in the order cells first use them, so a workbook that skips
    # some tables' rows would number them differently from one that writes every row.
    header._get_xf_index()
    workbook.default_date_format._get_xf_index()
    try:
        try:
            for table in tables:
                kept = reuse.get(table.name)
                _write_sheet(workbook, table, header, kept_rows=None if kept is None else _row_count(kept, table))
        finally:
            workbook.close()
        if reuse:
            numbered = {SHEET_PATH.format(number=index): table.name for index, table in enumerate(tables, 1)}
            _put_sheets(path, {entry: reuse[name] for entry, name in numbered.items() if name in reuse})
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def previous_sheets(folder: Path, digests: Mapping[str, str], tables: Sequence[PackageTable]) -> dict[str, bytes]:
    """The sheets of the workbook in ``folder`` (the package a previous build wrote, by the same code)
    whose table's CSV has the digest it has now (``digests``: CSV name -> "sha256:..."), by table name;
    nothing when the folder holds no workbook, or one its descriptor does not describe."""
    try:
        descriptor = json.loads((folder / "datapackage.json").read_bytes())
        content = (folder / NAME).read_bytes()
    except (OSError, ValueError):
        return {}
    before = {resource["path"]: resource.get("hash") for resource in descriptor.get("resources", [])}
    if before.get(NAME) != "sha256:" + hashlib.sha256(content).hexdigest():
        return {}  # not the workbook the descriptor was written with
    same = {
        table.name: index
        for index, table in enumerate(tables, 1)
        if before.get(table.path.name) == digests.get(table.path.name)
    }
    with zipfile.ZipFile(folder / NAME) as workbook:
        names = set(workbook.namelist())
        return {
            name: workbook.read(SHEET_PATH.format(number=index))
            for name, index in same.items()
            if SHEET_PATH.format(number=index) in names
        }


def _row_count(sheet: bytes, table: PackageTable) -> int:
    """The number of data rows a kept sheet holds (its filter's range ends at the last row)."""
    found = _AUTOFILTER.search(sheet, max(0, len(sheet) - 4096))
    if not found:
        raise BuildFailed(f"record.xlsx: the kept {table.name} sheet has no filter range")
    return int(found[1]) - 1


def _put_sheets(path: Path, sheets: Mapping[str, bytes]) -> None:
    """Write the workbook's zip again with ``sheets`` (zip path -> XML) in place of what XlsxWriter wrote
    there, every entry with the same name, time and attributes (so the same bytes a whole write gives)."""
    temporary = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, sheets.get(info.filename) or source.read(info))
    os.replace(temporary, path)


def _write_sheet(workbook: Any, table: PackageTable, header: Any, *, kept_rows: int | None = None) -> None:
    """Write one table's sheet; ``kept_rows``: the rows are not written, since the sheet's XML is kept
    from a previous workbook (this many rows), but the workbook still names its filter's range."""
    if len(table.name) > MAX_SHEET_NAME:
        raise BuildFailed(f"record.xlsx: the sheet name {table.name} is longer than {MAX_SHEET_NAME} characters")
    sheet = workbook.add_worksheet(table.name)
    for index in range(len(table.columns)):
        sheet.set_column(index, index, _width(table, index))
    sheet.write_row(0, 0, table.columns, header)
    sheet.freeze_panes(1, 0)
    if kept_rows is not None:
        sheet.autofilter(0, 0, kept_rows, len(table.columns) - 1)
        return
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
