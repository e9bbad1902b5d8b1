"""Read a client sheet (CSV or XLSX) into rows of raw cell values, bounded.

A CSV is read with the standard library in the encodings Chinese offices save in: UTF-8 with or
without a BOM, UTF-16 with its BOM (Excel's "Unicode text", tab-separated) and GB18030 (which
covers GBK and GB2312); the delimiter is sniffed among `,` `;` and tab. An XLSX is read with
openpyxl in read-only mode, formulas as written (`=A1&B1`: icpfile does not compute them).

Bounds: a file over `MAX_BYTES`, an XLSX whose parts unpack to more than `MAX_UNPACKED` (a zip
bomb) or whose shared strings unpack to more than `MAX_SHARED_STRINGS`, or more than `MAX_ROWS`
rows that hold a value is refused with a `SheetError` (one line; the CLI exits 2).
A cell's length is judged by the importer.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
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
        rows, formulas = _rows(ws, path)
        return Table(ws.title, rows, formulas=frozenset(formulas))
    finally:
        book.close()


# An empty cell (no value, formula or inline string: `<c r="ALL7" s="3"/>`) and then a row left with
# no cell, each only when it and the one after it carry `r=` (one without is numbered by counting
# from the one before, so that one is kept; the last in its row or sheet goes).
_EMPTY_CELL = re.compile(rb'<(?:\w+:)?c(?=\s)(?=[^>]*\sr=")[^>]*(?:/>|>\s*</(?:\w+:)?c>)'
                         rb'(?=<(?:\w+:)?c(?=\s)[^>]*\sr="|</(?:\w+:)?row>)')
_EMPTY_ROW = re.compile(rb'<(?:\w+:)?row(?=\s)(?=[^>]*\sr=")[^>]*(?:/>|>\s*</(?:\w+:)?row>)'
                        rb'(?=<(?:\w+:)?row(?=\s)[^>]*\sr="|</(?:\w+:)?sheetData>)')
_ROW_END = re.compile(rb"</(?:\w+:)?row>|<(?:\w+:)?row(?=\s)[^>]*/>")
CHUNK = 1 << 20


class _Stripped(io.RawIOBase):
    """A worksheet's XML with its empty cells and rows taken out before any XML parser sees them.

    Read in `CHUNK`s, each cut after its last complete row (a cell or row never straddles two
    pieces), so memory stays a chunk whatever the sheet's size; regular expressions in C, linear."""

    def __init__(self, source: Any) -> None:
        self.source, self.rest, self.ready, self.done = source, b"", b"", False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self.ready and not self.done:
            data = self.source.read(CHUNK)
            self.done = not data
            text = self.rest + data
            ends = None if self.done else [m.end() for m in _ROW_END.finditer(text, max(0, len(text) - CHUNK - 64))]
            cut = len(text) if self.done else (ends[-1] if ends else 0)
            if not self.done and not ends and len(text) > 64 * CHUNK:
                cut = len(text)  # a single row over 64 MiB: passed on as it is
            self.rest, piece = text[cut:], text[:cut]
            self.ready = _EMPTY_ROW.sub(b"", _EMPTY_CELL.sub(b"", piece))
        size = min(len(buffer), len(self.ready))
        buffer[:size] = self.ready[:size]
        self.ready = self.ready[size:]
        return size


def _rows(ws: Any, path: Path) -> tuple[list[tuple[int, list[Value]]], set[tuple[int, int]]]:
    """The rows that hold a value, each cut after its last value, and the cells with a formula.

    Only the cells the file holds are looked at. openpyxl's `iter_rows` pads every row to the
    sheet's dimension and yields every row up to it: a sheet whose whole columns were formatted
    (dimension A1:ALL200000, an empty cell in column ALL on every row) became 200 million cells
    and took 41 s for 5,000 rows of data (docs/benchmarks.md). Here the rows are read as written,
    an empty cell (no value, formula or inline string) passed over unparsed, and each other cell
    parsed by openpyxl's own worksheet parser (an internal class: when another version lacks it,
    the padded rows are read and cut as before)."""
    try:
        from openpyxl.utils.cell import coordinate_to_tuple
        from openpyxl.worksheet._reader import ROW_TAG, WorkSheetParser
        from openpyxl.xml.functions import iterparse

        source = ws._get_source()
        parser = WorkSheetParser(source, ws._shared_strings, data_only=ws.parent.data_only, epoch=ws.parent.epoch,
                                 date_formats=ws.parent._date_formats,
                                 timedelta_formats=ws.parent._timedelta_formats)
    except (ImportError, AttributeError, TypeError):
        return _padded_rows(ws, path)
    rows: list[tuple[int, list[Value]]] = []
    formulas: set[tuple[int, int]] = set()
    with source:
        for _, element in iterparse(io.BufferedReader(_Stripped(source), CHUNK)):
            if element.tag != ROW_TAG:
                continue  # a cell is read with its row; the sheet's other parts are not needed
            number = element.get("r")
            parser.row_counter = int(float(number)) if number else parser.row_counter + 1
            parser.col_counter = 0
            values: list[Value] = []
            skipped = None  # the coordinate of the last empty cell passed over, for a cell without one
            for child in element:
                if len(child) == 0:  # no value, formula or inline string: an empty (formatted) cell, not parsed
                    skipped = child.get("r")
                    if skipped is None:
                        parser.col_counter += 1
                    continue
                if skipped is not None and child.get("r") is None:
                    parser.col_counter = coordinate_to_tuple(skipped)[1]
                skipped = None
                cell = parser.parse_cell(child)
                value, column = cell["value"], cell["column"]
                if value is None or column > MAX_COLUMNS:
                    continue
                if cell["data_type"] == "f":
                    formulas.add((parser.row_counter, column))
                if column > len(values):
                    values.extend([None] * (column - len(values)))
                values[column - 1] = value
            element.clear()
            if values:
                if len(rows) >= MAX_ROWS:
                    raise SheetError(f"{path}: more than {MAX_ROWS} rows; split the sheet")
                rows.append((parser.row_counter, values))
    return rows, formulas


def _padded_rows(ws: Any, path: Path) -> tuple[list[tuple[int, list[Value]]], set[tuple[int, int]]]:
    """`_rows` by openpyxl's public `iter_rows` (every row padded to the sheet's dimension)."""
    rows: list[tuple[int, list[Value]]] = []
    formulas: set[tuple[int, int]] = set()
    for number, cells in enumerate(ws.iter_rows(max_col=MAX_COLUMNS), start=1):
        values: list[Value] = []
        for index, cell in enumerate(cells, start=1):
            value = getattr(cell, "value", None)
            if value is None:
                continue
            if getattr(cell, "data_type", "") == "f":
                formulas.add((number, index))
            values.extend([None] * (index - 1 - len(values)))
            values.append(value)
        if values:
            if len(rows) >= MAX_ROWS:
                raise SheetError(f"{path}: more than {MAX_ROWS} rows; split the sheet")
            rows.append((number, values))
    return rows, formulas


def read(path: Path, sheet: str | None = None) -> Table:
    """The sheet at `path`: `.xlsx`/`.xlsm` by openpyxl, anything else as CSV."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_xlsx(path, sheet)
    if path.suffix.lower() == ".xls":
        raise SheetError(f"{path}: the old .xls format is not read; save it as .xlsx or CSV")
    return read_csv(path)
