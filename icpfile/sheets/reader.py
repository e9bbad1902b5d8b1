"""Read a client sheet (CSV or XLSX) into rows of raw cell values, bounded.

A CSV is read with the standard library in the encodings Chinese offices save in: UTF-8 with or
without a BOM, UTF-16 with its BOM (Excel's "Unicode text", tab-separated) and GB18030 (which
covers GBK and GB2312); the delimiter is sniffed among `,` `;` and tab. An XLSX is read with
openpyxl in read-only mode, formulas as written (`=A1&B1`: icpfile does not compute them).

Bounds: a file over `MAX_BYTES`, an XLSX whose parts unpack to more than `MAX_UNPACKED` (a zip
bomb) or whose shared strings unpack to more than `MAX_SHARED_STRINGS`, or more than `MAX_ROWS`
rows is refused with a `SheetError` (one line; the CLI exits 2).
A cell's length is judged by the importer.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAX_BYTES = 64 * 1024 * 1024
MAX_UNPACKED = 512 * 1024 * 1024
MAX_ROWS = 200_000
# openpyxl holds every shared string in memory before the first row is read: 20 million tiny
# strings (an 826 KB file) took over 2 minutes and 1.2 GB. A 5,000-order sheet has a few MiB.
MAX_SHARED_STRINGS = 32 * 1024 * 1024
MAX_COLUMNS = 1_000

Value = str | int | float | bool | dt.datetime | dt.date | dt.time | None


class SheetError(ValueError):
    """A file that cannot be read as a sheet at all: one line, exit 2."""


@dataclass(slots=True)
class Table:
    """One sheet: its name (`Sheet1`; "" for a CSV), its rows as (row number, values), the
    encoding a CSV was read in, and which cells (row, column) held a formula."""

    name: str
    rows: list[tuple[int, list[Value]]]
    encoding: str = ""
    formulas: frozenset[tuple[int, int]] = frozenset()


def decode(raw: bytes) -> tuple[str, str]:
    """(text, encoding name) of a CSV's bytes: by BOM, else UTF-8 if it decodes, else GB18030."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace"), "utf-16"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace"), "gb18030"


def _read_bytes(path: Path) -> bytes:
    from icpfile.load.files import read_regular

    try:
        data = read_regular(path, MAX_BYTES)
    except OSError as exc:
        raise SheetError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:
        raise SheetError(f"{path}: over {MAX_BYTES // (1024 * 1024)} MiB; split the sheet")
    return data


def read_csv(path: Path) -> Table:
    text, encoding = decode(_read_bytes(path))
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    csv.field_size_limit(MAX_BYTES)  # a long cell is judged (and refused) by the importer, not here
    rows: list[tuple[int, list[Value]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        for values in reader:
            if len(rows) >= MAX_ROWS:
                raise SheetError(f"{path}: more than {MAX_ROWS} rows; split the sheet")
            rows.append((reader.line_num, list(values[:MAX_COLUMNS])))
    except csv.Error as exc:
        raise SheetError(f"{path}: not a CSV file near line {reader.line_num} ({exc})") from None
    # csv's line_num counts physical lines: a cell with a line break spans two; number rows by record.
    return Table("", [(i, values) for i, (_, values) in enumerate(rows, start=1)], encoding)


def read_xlsx(path: Path, sheet: str | None = None) -> Table:
    data = _read_bytes(path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
                raise SheetError(f"{path}: unpacks to more than {MAX_UNPACKED // (1024 * 1024)} MiB")
            shared = sum(i.file_size for i in archive.infolist() if i.filename.lower().endswith("sharedstrings.xml"))
            if shared > MAX_SHARED_STRINGS:
                raise SheetError(f"{path}: its shared strings unpack to more than "
                                 f"{MAX_SHARED_STRINGS // (1024 * 1024)} MiB; split the sheet")
    except zipfile.BadZipFile:
        raise SheetError(f"{path}: not an XLSX file (save it as .xlsx, or as CSV)") from None
    import openpyxl  # only `import`, `export` and the xlsx report pay for it

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise SheetError(f"{path}: cannot be read as XLSX ({type(exc).__name__})") from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise SheetError(f"{path}: no sheet '{sheet}' (sheets: {', '.join(book.sheetnames)})")
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        rows: list[tuple[int, list[Value]]] = []
        formulas: set[tuple[int, int]] = set()
        for number, cells in enumerate(ws.iter_rows(max_col=MAX_COLUMNS), start=1):
            if number > MAX_ROWS:
                raise SheetError(f"{path}: more than {MAX_ROWS} rows; split the sheet")
            values: list[Value] = []
            for index, cell in enumerate(cells, start=1):
                value = getattr(cell, "value", None)
                if getattr(cell, "data_type", "") == "f":
                    formulas.add((number, index))
                values.append(value)
            rows.append((number, values))
        return Table(ws.title, rows, formulas=frozenset(formulas))
    finally:
        book.close()


def read(path: Path, sheet: str | None = None) -> Table:
    """The sheet at `path`: `.xlsx`/`.xlsm` by openpyxl, anything else as CSV."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_xlsx(path, sheet)
    if path.suffix.lower() == ".xls":
        raise SheetError(f"{path}: the old .xls format is not read; save it as .xlsx or CSV")
    return read_csv(path)
