"""Read a client sheet (CSV or XLSX) into rows of raw cell values, bounded.

A CSV is read with the standard library in the encodings Chinese offices save in: UTF-8 with or
without a BOM, UTF-16 with its BOM (Excel's "Unicode text", tab-separated) and GB18030 (which
covers GBK and GB2312); the delimiter is found among `,` tab and `;` by parsing (`delimiter`). An XLSX is read with
openpyxl in read-only mode, formulas as written (`=A1&B1`: icpfile does not compute them).

Bounds: a file over `MAX_BYTES`, an XLSX whose parts unpack to more than `MAX_UNPACKED` (a zip
bomb), whose shared strings (the part its `[Content_Types].xml` names, as openpyxl finds it)
unpack to more than `MAX_SHARED_STRINGS` or hold more than `MAX_STRINGS` strings, whose
`xl/styles.xml` unpacks to more than `MAX_STYLES` or holds more than `MAX_STYLE_ELEMENTS`
elements, or whose parts fail their CRC or do not inflate, is refused with a `SheetError` (one
line; the CLI exits 2). More than `MAX_ROWS` rows that hold a value, more than `MAX_ELEMENTS` XML
elements, a bad cell reference, an error value (`#REF!`) or a byte that is not text are `Problem`s
at their cell (ICP955), the rows before (and the other cells) still read.
A cell's length is judged by the importer; past `MAX_CELL` characters its text is not gathered
(a `Long`, which says the whole length). openpyxl's warnings are not shown.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MAX_BYTES = 64 * 1024 * 1024
MAX_UNPACKED = 512 * 1024 * 1024
MAX_ROWS = 200_000
# openpyxl holds every shared string in memory before the first row is read: 20 million tiny
# strings (an 826 KB file) took over 2 minutes and 1.2 GB. A 5,000-order sheet has a few MiB.
MAX_SHARED_STRINGS = 32 * 1024 * 1024
# Counted while the part is read (each string costs a Python object): 2 million empty strings are
# 26 MB unpacked, under the cap above, and took 12 s and 223 MB. A worksheet read whole
# (`MAX_ELEMENTS`: a cell and its value are two) can use at most 500,000 of them.
MAX_STRINGS = 500_000
MAX_STRING_ELEMENTS = 1_000_000  # as many as the worksheet may have (`<si><t>` is two; a rich-text run about 9)
# Only the date formats of the styles are used (which `s=` index is a date). Excel keeps at most
# 65,490 cell formats ("Excel specifications and limits", Microsoft); 1 million `<xf/>` (46 KB
# packed) took 13 s and 791 MB through openpyxl's stylesheet.
MAX_STYLES = 16 * 1024 * 1024
MAX_STYLE_ELEMENTS = 500_000
# The workbook part (sheet names, defined names) and its rels are read whole by openpyxl; a real
# one is a few KB. 1 million defined names (2.5 MB packed) took 10.7 s and 847 MB (breaker23 M1).
MAX_WORKBOOK = 4 * 1024 * 1024
MAX_PARTS = 10_000  # files in the zip: a client sheet has a dozen; 1 million sheets took 14.7 s, 1.4 GB
MAX_CELL = 20_000  # characters of one cell: a 4096-bit key in hex is 1,100; a remarks field 200
MAX_COLUMNS = 1_000
MAX_SHEET_ROW = 1_048_576
MAX_SHEET_COLUMN = 16_384
# Every XML element of the worksheet is counted (empty cells and rows, and elements a spreadsheet
# program never writes): past this many the rest of the sheet is not read, said at the last row read.
# 30 filled columns × 5,000 orders are 300,000 (a cell and its value); padded to column ALL on
# 200,000 rows, 400,000 more.
MAX_ELEMENTS = 1_000_000
CHUNK = 1 << 20  # the worksheet's XML is read in pieces of this size

Value = str | int | float | bool | dt.datetime | dt.date | dt.time | None


class SheetError(ValueError):
    """A file that cannot be read as a sheet at all: one line, exit 2."""


class Damaged(SheetError):
    """An XLSX whose zip or XML is broken, said in the user's terms in either language (`line`),
    never by the name of the Python exception that found it (was "cannot be read as XLSX (KeyError)")."""

    key = "sheet_damaged"

    def __init__(self, path: Path, exc: BaseException) -> None:
        self.words = _damage(path, exc)
        super().__init__(self.words["en"])

    def line(self, lang: str) -> str:
        return self.words["zh" if lang == "zh" else "en"]


def _damage(path: Path, exc: BaseException) -> dict[str, str]:
    import xml.etree.ElementTree as ElementTree
    from xml.parsers.expat import ExpatError

    again = ("请用表格软件打开后重新另存为 .xlsx，或另存为 CSV",
             "open it in the spreadsheet program and save it again as .xlsx, or as CSV")
    if isinstance(exc, zipfile.BadZipFile | zlib.error | EOFError):
        zh, en = ("文件已损坏（压缩数据校验不通过或不完整），无法作为 XLSX 读取",
                  "the file is damaged (its compressed data fails its checksum or is cut short) and cannot be "
                  "read as XLSX")
    elif isinstance(exc, KeyError):
        named = re.search(r"'([^']{1,80})'", str(exc))
        part = ascii(named[1])[1:-1] if named else ""
        zh, en = (f"文件缺少 XLSX 必需的部分{f'（{part}）' if part else ''}，无法读取",
                  f"the file lacks a part an XLSX needs{f' ({part})' if part else ''}, so it cannot be read")
    elif isinstance(exc, ElementTree.ParseError | ExpatError):
        zh, en = ("文件里的 XML 已损坏（不是完整的 XML），无法作为 XLSX 读取",
                  "the XML inside the file is broken (not well-formed), so it cannot be read as XLSX")
    else:
        zh, en = ("文件的内容不是 XLSX 应有的结构，无法读取", "what the file holds is not laid out as an XLSX is, so "
                  "it cannot be read")
    return {"zh": f"{path}：{zh}；{again[0]}", "en": f"{path}: {en}: {again[1]}"}


class Long(str):
    """A cell's text longer than `MAX_CELL`, cut at `MAX_CELL` + 1 characters (the rest was never
    gathered); `length` is how many characters the cell holds."""

    length: int

    def __new__(cls, text: str, length: int) -> Long:
        value = super().__new__(cls, text[: MAX_CELL + 1])
        value.length = max(length, len(value))
        return value


@dataclass(slots=True, frozen=True)
class Problem:
    """A cell or row the reader could not read as it stands (a byte that is not text, a bad cell
    reference, a limit reached): reported at it (ICP955) by the import, the other rows still read.
    `what` is the words in zh and en."""

    row: int
    column: int
    what: dict[str, str]


@dataclass(slots=True)
class Table:
    """One sheet: its name (`Sheet1`; "" for a CSV), its rows as (row number, values), the
    encoding a CSV was read in, which cells (row, column) held a formula, and the problems met."""

    name: str
    rows: list[tuple[int, list[Value]]]
    encoding: str = ""
    formulas: frozenset[tuple[int, int]] = frozenset()
    problems: list[Problem] = field(default_factory=list)


def _both(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}


_MANY_ROWS = _both(f"表格有值的行超过 {MAX_ROWS} 行，之后的行没有读取；请拆分表格",
                   f"more than {MAX_ROWS} rows hold a value; the rows after this one were not read: split the sheet")


def _many_elements() -> dict[str, str]:
    return _both(f"工作表的 XML 超过 {MAX_ELEMENTS} 个元素，之后的内容没有读取；请另存为新的 .xlsx 或 CSV",
                 f"the worksheet's XML has more than {MAX_ELEMENTS} elements; nothing after this row was "
                 "read: save it again as a new .xlsx, or as CSV")


def _error_value(value: object) -> dict[str, str]:
    shown = ascii(str(value)[:20])
    return _both(f"这一格是错误值 {shown}（公式出错的结果），没有导入；请改正公式，或填写数值",
                 f"the cell holds the error value {shown} (what a broken formula leaves); not imported: "
                 "fix the formula, or type the value")


def _no_date(serial: str) -> dict[str, str]:
    shown = ascii(serial[:20])
    return _both(f"这一格是日期格式，但数值 {shown} 不是真实的日期（早于 1900-01-01 的负数，或 Excel 虚构的 "
                 "1900-02-29），没有导入；请填写日期（如 2034-06-30）",
                 f"a date cell whose number {shown} is no real date (a negative number, before 1900-01-01, or "
                 "Excel's nonexistent 1900-02-29); not imported: type the date, as 2034-06-30")


def _impossible_date(parser: Any, element: Any, value: dt.datetime) -> str | None:
    """The serial of a date cell that names no day, or None. Excel's 1900 date system counts days
    from 1900-01-01 (1) and has no date below 0; it also counts a 1900-02-29 (60) that never was
    (ECMA-376 Part 1, 18.17.4.1). openpyxl turns -1 into 1899-12-29 and 60 into 1900-02-28: a
    birth or validity date silently a day or a century wrong. In the 1904 system no date is before
    1904-01-01."""
    from openpyxl.utils.datetime import CALENDAR_WINDOWS_1900

    windows = parser.epoch == CALENDAR_WINDOWS_1900
    first = dt.datetime(1900, 1, 1) if windows else parser.epoch
    if value >= first and not (windows and value.date() == dt.date(1900, 2, 28)):
        return None
    from openpyxl.worksheet._reader import VALUE_TAG

    found = element.findtext(VALUE_TAG)
    serial = (found or "").strip()
    try:
        number = float(serial)
    except ValueError:
        return serial or "?"
    return serial if number < (1 if windows else 0) or (windows and 60 <= number < 61) else None


_BAD_VALUE = _both("这一格的值无法读取（类型与内容不符），没有导入",
                   "the cell's value cannot be read (its type does not fit its content); not imported")


def _bad_ref(ref: str) -> dict[str, str]:
    shown = ascii(ref[:20])
    return _both(f"单元格地址 {shown} 不是 A1 到 XFD1048576 之间的地址，这一格没有导入",
                 f"the cell reference {shown} is not one from A1 to XFD1048576; the cell was not imported")


def _bad_row(number: str) -> dict[str, str]:
    shown = ascii(number[:20])
    return _both(f"行号 {shown} 不是 1 到 {MAX_SHEET_ROW} 之间的数，这一行没有导入",
                 f"the row number {shown} is not one from 1 to {MAX_SHEET_ROW}; the row was not imported")


_DOCTYPE = _both("工作表的 XML 有 DOCTYPE（电子表格程序不会写），没有读取；请另存为新的 .xlsx 或 CSV",
                 "the worksheet's XML has a DOCTYPE (no spreadsheet program writes one); not read: save it "
                 "again as a new .xlsx, or as CSV")


def _not_xml(exc: object) -> dict[str, str]:
    return _both(f"工作表的 XML 在这里损坏（{exc}），之后的内容没有读取",
                 f"the worksheet's XML is broken here ({exc}); nothing after it was read")


_STRAY = re.compile("[\udc80-\udcff]+")  # bytes that did not decode, kept by surrogateescape
_WIDE = re.compile("[^\x00-\x7f\udc80-\udcff]")


def decode(raw: bytes) -> tuple[str, str]:
    """(text, encoding name) of a CSV's bytes: by BOM, else UTF-8 if it is mostly UTF-8, else GB18030.

    A byte that is not of the encoding is kept as a lone surrogate (`surrogateescape`), so the
    reader names its cell (`bad_bytes`) instead of turning the whole file into another encoding's
    text or failing: a UTF-8 file with one stray byte stays UTF-8."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="surrogateescape"), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace"), "utf-16"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    text = raw.decode("utf-8", errors="surrogateescape")
    stray = sum(len(m) for m in _STRAY.findall(text))
    wide = len(_WIDE.findall(text))
    if wide > stray:  # more characters of UTF-8 than stray bytes: UTF-8 with a few bad bytes
        return text, "utf-8"
    return raw.decode("gb18030", errors="surrogateescape"), "gb18030"




def _bad_bytes(value: str) -> dict[str, str]:
    shown = " ".join(f"0x{ord(c) - 0xDC00:02X}" for c in "".join(_STRAY.findall(value))[:8])
    return _both(f"这一格有无法按文件编码读取的字节（{shown}），已换成 \ufffd；请核对这一格",
                 f"the cell holds bytes that are not text in the file's encoding ({shown}), replaced by \ufffd: "
                 "check the cell")


def _read_bytes(path: Path) -> bytes:
    from icpfile.load.files import read_regular

    try:
        data = read_regular(path, MAX_BYTES)
    except OSError as exc:
        raise SheetError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:
        raise SheetError(f"{path}: over {MAX_BYTES // (1024 * 1024)} MiB; split the sheet")
    return data


DELIMITERS = (",", "\t", ";")


def delimiter(text: str) -> str:
    """The delimiter of a CSV's text: of `,` tab `;`, the one under which most of the first records
    have the same number of fields (more than one), ties to the earlier (`,` is what export writes).

    csv.Sniffer is not used: it guesses the quote character and the delimiter from patterns in
    the values, and a value holding `"` and `,` (an export of `说"明",好`) made it split
    inside quoted cells. Here every candidate is parsed as the excel dialect (quote `"`, doubled
    inside) over the first 50 records of at most 64 KiB: linear, and a quoted cell never splits."""
    sample = text[: 64 * 1024]
    best, best_score = ",", (0, 0)
    for candidate in DELIMITERS:
        widths: dict[int, int] = {}
        try:
            for record in itertools.islice(csv.reader(io.StringIO(sample, newline=""), delimiter=candidate), 50):
                if len(record) > 1:
                    widths[len(record)] = widths.get(len(record), 0) + 1
        except csv.Error:
            continue
        score = max(((n, w) for w, n in widths.items()), default=(0, 0))
        if score > best_score:
            best, best_score = candidate, score
    return best


def read_csv(path: Path) -> Table:
    text, encoding = decode(_read_bytes(path))
    csv.field_size_limit(MAX_BYTES)  # a long cell is judged (and refused) by the importer, not here
    rows: list[tuple[int, list[Value]]] = []
    problems: list[Problem] = []
    stray = encoding != "utf-16" and _STRAY.search(text) is not None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text))
    try:
        for values in reader:
            if len(rows) >= MAX_ROWS:
                problems.append(Problem(len(rows), 1, _MANY_ROWS))
                break
            rows.append((reader.line_num, list(values[:MAX_COLUMNS])))
    except csv.Error as exc:
        raise SheetError(f"{path}: not a CSV file near line {reader.line_num} ({exc})") from None
    # csv's line_num counts physical lines: a cell with a line break spans two; number rows by record.
    numbered: list[tuple[int, list[Value]]] = []
    for number, (_, values) in enumerate(rows, start=1):
        if stray:
            for column, value in enumerate(values, start=1):
                if isinstance(value, str) and _STRAY.search(value):
                    problems.append(Problem(number, column, _bad_bytes(value)))
                    values[column - 1] = _STRAY.sub(lambda m: "\ufffd" * len(m[0]), value)
        numbered.append((number, values))
    return Table("", numbered, encoding, problems=problems)


def read_xlsx(path: Path, sheet: str | None = None) -> Table:
    data = _read_bytes(path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if len(archive.infolist()) > MAX_PARTS:
                raise SheetError(f"{path}: holds more than {MAX_PARTS} parts (sheets and files); split the workbook")
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
                raise SheetError(f"{path}: unpacks to more than {MAX_UNPACKED // (1024 * 1024)} MiB")
            shared = sum(i.file_size for i in archive.infolist() if i.filename.lower().endswith("sharedstrings.xml"))
            if shared > MAX_SHARED_STRINGS:
                raise SheetError(f"{path}: its shared strings unpack to more than "
                                 f"{MAX_SHARED_STRINGS // (1024 * 1024)} MiB; split the sheet")
    except zipfile.BadZipFile:
        raise SheetError(f"{path}: not an XLSX file (save it as .xlsx, or as CSV)") from None
    import warnings

    with warnings.catch_warnings():  # openpyxl warns about what it leaves out; nothing of it is ours to show
        warnings.simplefilter("ignore")
        return _read_book(path, data, sheet)


def _read_book(path: Path, data: bytes, sheet: str | None) -> Table:
    try:
        book = _Book(data, path)
    except SheetError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise Damaged(path, exc) from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise SheetError(f"{path}: no sheet '{sheet}' (sheets: {', '.join(book.sheetnames)})")
        if not book.sheetnames:
            raise SheetError(f"{path}: no worksheet in the file")
        ws = book.sheet(sheet if sheet is not None else book.sheetnames[0])
        problems: list[Problem] = []
        rows, formulas = _rows(ws, path, problems)
        return Table(ws.title, rows, formulas=frozenset(formulas), problems=problems)
    finally:
        book.close()


class _Book:
    """An XLSX's workbook read by openpyxl's own reader, all but its worksheets.

    `openpyxl.load_workbook(read_only=True)` makes a ReadOnlyWorksheet of every sheet, and each
    parses its whole XML at once looking for a `<dimension>` written after the data (keeping every
    element of it: 4 million empty elements were 9.6 s and 474 MB before the first row), and raises
    on a bad dimension reference. Here the workbook's parts (names, shared strings, styles and so
    date formats) are read as load_workbook reads them, and a sheet's XML only by `_rows`, once.
    Where openpyxl's internals differ (another version), `load_workbook` is used as before."""

    def __init__(self, data: bytes, path: Path) -> None:
        import openpyxl  # only `import`, `export` and the xlsx report pay for it

        self.book: Any = None
        try:
            from openpyxl.reader.excel import ExcelReader
            from openpyxl.xml.constants import ARC_STYLE, SHARED_STRINGS

            reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=False)
            reader.read_manifest()
            part = reader.package.find(SHARED_STRINGS)  # as openpyxl's read_strings finds it, by content type
            reader.shared_strings = [] if part is None else _shared_strings(reader.archive, part.PartName[1:], path)
            _bounded_workbook(reader, path)
            reader.read_workbook()
            # openpyxl's apply_stylesheet builds every style object; the sheet needs only which are dates
            reader.wb._date_formats, reader.wb._timedelta_formats = _date_styles(reader.archive, ARC_STYLE, path)
            self.targets = {sheet.name: rel.target for sheet, rel in reader.parser.find_sheets()
                            if rel.target in reader.valid_files and "chartsheet" not in rel.Type}
            self.reader = reader
        except (ImportError, AttributeError, TypeError):
            self.book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
            self.targets = {name: "" for name in self.book.sheetnames}
        self.sheetnames = list(self.targets)

    def sheet(self, name: str) -> Any:
        if self.book is not None:
            return self.book[name]
        return _SheetSource(name, self.reader, self.targets[name])

    def close(self) -> None:
        if self.book is not None:
            self.book.close()
        else:
            self.reader.archive.close()


def _bounded_workbook(reader: Any, path: Path) -> None:
    """The workbook part openpyxl reads whole (found as it finds it, by content type) and its rels
    are at most `MAX_WORKBOOK` bytes unpacked (breaker23 M1: 1 million defined names took 10.7 s)."""
    from openpyxl.packaging.relationship import get_rels_path
    from openpyxl.reader.excel import _find_workbook_part

    name = _find_workbook_part(reader.package).PartName[1:]
    parts = (reader.archive.NameToInfo.get(n) for n in (name, get_rels_path(name)))
    if sum(info.file_size for info in parts if info is not None) > MAX_WORKBOOK:
        raise SheetError(f"{path}: its workbook part (sheet and defined names) unpacks to more than "
                         f"{MAX_WORKBOOK // (1024 * 1024)} MiB")


def _stream(archive: zipfile.ZipFile, name: str, size: int, path: Path, what: str,
            advice: str = "split the sheet") -> Any:
    """The open part `name`, refused when it unpacks to more than `size` bytes."""
    if archive.getinfo(name).file_size > size:
        raise SheetError(f"{path}: its {what} unpack to more than {size // (1024 * 1024)} MiB; {advice}")
    return archive.open(name)


def _parse(expat: Any, source: Any, path: Path, what: str) -> None:
    """`source` through `expat`, piece by piece; a DOCTYPE (so any entity) is refused in one line."""
    with source:
        try:
            while piece := source.read(CHUNK):
                expat.Parse(piece, False)
            expat.Parse(b"", True)
        except _Stop:
            raise SheetError(f"{path}: its {what} have a DOCTYPE (no spreadsheet program writes one); "
                             "save it again as a new .xlsx, or as CSV") from None


def _shared_strings(archive: zipfile.ZipFile, name: str, path: Path) -> list[str]:
    """The shared strings as openpyxl's `read_string_table` reads them (the text of an `<si>`'s
    `<t>` and of its runs' `<t>`, `x005F_` removed), counted as they are read: more than
    `MAX_STRINGS` strings or `MAX_STRING_ELEMENTS` elements is a `SheetError`. A text past
    `MAX_CELL` characters is not gathered (a `Long`)."""
    import pyexpat

    from openpyxl.xml.constants import SHEET_MAIN_NS

    si, t, r = (f"{SHEET_MAIN_NS}}}{tag}" for tag in ("si", "t", "r"))
    strings: list[str] = []
    parts: list[str] = []
    path_in: list[str] = []  # element names from the `<si>` down, while inside one
    state = {"count": 0, "chars": 0, "text": False}
    expat = pyexpat.ParserCreate(namespace_separator="}")
    expat.buffer_text = True

    def start(tag: str, _attrs: dict[str, str]) -> None:
        state["count"] += 1
        if state["count"] > MAX_STRING_ELEMENTS:
            raise SheetError(f"{path}: its shared strings have more than {MAX_STRING_ELEMENTS} XML elements; "
                             "split the sheet")
        if path_in:
            path_in.append(tag)
            state["text"] = tag == t and (len(path_in) == 2 or (len(path_in) == 3 and path_in[1] == r))
        elif tag == si:
            if len(strings) >= MAX_STRINGS:
                raise SheetError(f"{path}: it has more than {MAX_STRINGS} shared strings; split the sheet")
            path_in.append(tag)
            parts.clear()
            state["chars"] = 0

    def end(_tag: str) -> None:
        if not path_in:
            return
        path_in.pop()
        state["text"] = False
        if not path_in:
            text = "".join(parts).replace("x005F_", "")
            strings.append(Long(text, state["chars"]) if state["chars"] > MAX_CELL else text)

    def data(text: str) -> None:
        if state["text"]:
            room = MAX_CELL + 1 - state["chars"]
            state["chars"] += len(text)
            if room > 0:
                parts.append(text[:room])

    expat.StartElementHandler, expat.EndElementHandler, expat.CharacterDataHandler = start, end, data
    expat.StartDoctypeDeclHandler = _doctype
    _parse(expat, _stream(archive, name, MAX_SHARED_STRINGS, path, "shared strings"), path, "shared strings")
    return strings


def _date_styles(archive: zipfile.ZipFile, name: str, path: Path) -> tuple[set[int], set[int]]:
    """Which style indices (`s=`) are date and which timedelta formats, as openpyxl's stylesheet
    computes them (an `<xf>` of `<cellXfs>` by its `numFmtId`, a custom `<numFmt>` or a built-in
    format), from a bounded stream of `name` (no styles part: none)."""
    import pyexpat

    from openpyxl.styles.numbers import builtin_format_code, is_date_format, is_timedelta_format
    from openpyxl.xml.constants import SHEET_MAIN_NS

    if name not in archive.NameToInfo:
        return set(), set()
    num_fmts, num_fmt, cell_xfs, xf = (f"{SHEET_MAIN_NS}}}{tag}" for tag in ("numFmts", "numFmt", "cellXfs", "xf"))
    custom: dict[int, str] = {}
    ids: list[int] = []
    stack: list[str] = []

    def number(text: str | None) -> int:
        return int(text) if text is not None and text.isdigit() and len(text) < 10 else 0

    def start(tag: str, attrs: dict[str, str]) -> None:
        if state["count"] >= MAX_STYLE_ELEMENTS:
            raise SheetError(f"{path}: its styles have more than {MAX_STYLE_ELEMENTS} XML elements "
                             "(Excel keeps at most 65,490 cell formats); save it again as a new .xlsx, or as CSV")
        state["count"] += 1
        parent = stack[-1] if stack else ""
        if tag == xf and parent == cell_xfs:
            ids.append(number(attrs.get("numFmtId")))
        elif tag == num_fmt and parent == num_fmts:
            custom[number(attrs.get("numFmtId"))] = attrs.get("formatCode", "")
        stack.append(tag)

    def end(_tag: str) -> None:
        stack.pop()

    state = {"count": 0}
    expat = pyexpat.ParserCreate(namespace_separator="}")
    expat.StartElementHandler, expat.EndElementHandler = start, end
    expat.StartDoctypeDeclHandler = _doctype
    _parse(expat, _stream(archive, name, MAX_STYLES, path, "styles", "save it again as a new .xlsx, or as CSV"),
           path, "styles")
    dates: set[int] = set()
    spans: set[int] = set()
    for index, fmt_id in enumerate(ids):
        fmt = custom[fmt_id] if fmt_id in custom else builtin_format_code(fmt_id)
        if is_date_format(fmt):
            dates.add(index)
        if is_timedelta_format(fmt):
            spans.add(index)
    return dates, spans


class _SheetSource:
    """What `_rows` reads of a worksheet: its title, XML, shared strings and workbook (date formats)."""

    def __init__(self, title: str, reader: Any, target: str) -> None:
        self.title, self.target, self.archive = title, target, reader.archive
        self._shared_strings, self.parent = reader.shared_strings, reader.wb

    def _get_source(self) -> Any:
        return self.archive.open(self.target)


# A cell reference: 1–3 letters up to XFD, a row up to 1,048,576 (Excel's limits). Anything else is named
# at its cell (ICP955) and the cell left out, never passed to openpyxl (which raises on it).
_CELL_REF = re.compile(r"([A-Z]{1,3})([1-9][0-9]{0,6})")


def _column(ref: str) -> tuple[int, int] | None:
    """(row, column) of an `A1` reference within Excel's limits, else None."""
    match = _CELL_REF.fullmatch(ref)
    if match is None:
        return None
    column = 0
    for letter in match[1]:
        column = column * 26 + ord(letter) - 64
    row = int(match[2])
    return (row, column) if column <= MAX_SHEET_COLUMN and row <= MAX_SHEET_ROW else None


class _Stop(Exception):
    """Raised inside an expat handler to end the reading (a limit reached, a DOCTYPE)."""


class _SheetStream:
    """A worksheet's XML read once by expat's handlers (pyexpat), no tree kept but one cell's.

    A cell's element and its children (value, formula, inline string) are built with
    ElementTree's TreeBuilder and parsed by openpyxl's own `WorkSheetParser.parse_cell`; a cell
    with no child is an empty (formatted) cell and only counted. A row is taken when the next one
    starts (or the sheet ends), so an end handler is set only inside a cell: an empty row or any
    other element costs one Python call and no memory. A DOCTYPE (so any entity declaration) is
    refused: a worksheet never has one, and no entity is expanded at all."""

    def __init__(self, expat: Any, parser: Any, tags: tuple[str, str], problems: list[Problem]) -> None:
        from xml.etree.ElementTree import TreeBuilder

        self.expat, self.parser, self.problems, self.builder_type = expat, parser, problems, TreeBuilder
        self.cell_tag, self.row_tag = tags[0][1:], tags[1][1:]  # expat names: "ns}c" for "{ns}c"
        self.rows: list[tuple[int, list[Value]]] = []
        self.formulas: set[tuple[int, int]] = set()
        self.values: list[Value] = []
        self.number = 0  # the row `values` belong to
        self.row_ok = True
        self.builder: Any = None  # inside a cell
        self.depth = 0  # of the cell's subtree
        self.count = 0
        self.chars = 0  # of the cell's text, gathered up to MAX_CELL + 1

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.count += 1
        if self.count > MAX_ELEMENTS:
            self.problems.append(Problem(self.parser.row_counter or 1, 1, _many_elements()))
            raise _Stop
        if self.builder is not None:
            self.depth += 1
            self.builder.start(_tag(name), {_tag(k): v for k, v in attrs.items()})
        elif name == self.cell_tag:
            self.builder, self.depth, self.chars = self.builder_type(), 1, 0
            self.builder.start(_tag(name), attrs)
            self.expat.EndElementHandler = self.end
        elif name == self.row_tag:
            self.flush()
            self._row(attrs.get("r"))

    def end(self, name: str) -> None:
        """Inside a cell only."""
        self.builder.end(_tag(name))
        self.depth -= 1
        if self.depth == 0:
            element = self.builder.close()
            self.builder = None
            self.expat.EndElementHandler = None
            if self.row_ok:
                _cell(self.parser, element, self.values, self.formulas, self.problems, self.chars)

    def data(self, text: str) -> None:
        """A cell's text past MAX_CELL characters is counted, not gathered (400 MiB were built whole)."""
        if self.builder is not None:
            room = MAX_CELL + 1 - self.chars
            self.chars += len(text)
            if room > 0:
                self.builder.data(text[:room])

    def flush(self) -> None:
        """Take the row read so far (if it holds a value)."""
        if self.values:
            if len(self.rows) >= MAX_ROWS:
                self.problems.append(Problem(self.number, 1, _MANY_ROWS))
                self.values = []
                raise _Stop
            self.rows.append((self.number, self.values))
            self.values = []

    def _row(self, number: str | None) -> None:
        parser = self.parser
        self.row_ok, parser.col_counter = True, 0
        if number is None:
            parser.row_counter += 1
        elif number.isdigit() and 0 < int(number[:8]) <= MAX_SHEET_ROW:
            parser.row_counter = int(number)
        else:
            parser.row_counter += 1
            self.row_ok = False
            self.problems.append(Problem(parser.row_counter, 1, _bad_row(number)))
        self.number = parser.row_counter


def _tag(name: str) -> str:
    """ElementTree's `{ns}c` for expat's `ns}c`."""
    return "{" + name if "}" in name else name


def _doctype(*_: Any) -> None:
    raise _Stop("doctype")


def _rows(ws: Any, path: Path, problems: list[Problem]) -> tuple[list[tuple[int, list[Value]]], set[tuple[int, int]]]:
    """The rows that hold a value, each cut after its last value, and the cells with a formula.

    The worksheet's XML is read once, in pieces, by expat (`_SheetStream`): linear, no regular
    expression over the raw bytes, memory one cell whatever the sheet's size or its dimension.
    openpyxl's `iter_rows` pads every row to the sheet's dimension (A1:ALL200000 is 200 million
    cells); here only the cells the file holds are looked at. A bad cell reference, a value
    openpyxl cannot read, a row past Excel's last, more than `MAX_ELEMENTS` elements or broken XML
    become problems (ICP955 at their cell), never an internal error; the rows before are kept.
    (`WorkSheetParser` is an internal class: when another version lacks it, the padded rows are
    read and cut as before.)"""
    try:
        from openpyxl.worksheet._reader import CELL_TAG, ROW_TAG, WorkSheetParser

        source = ws._get_source()
        parser = WorkSheetParser(source, ws._shared_strings, data_only=ws.parent.data_only, epoch=ws.parent.epoch,
                                 date_formats=ws.parent._date_formats,
                                 timedelta_formats=ws.parent._timedelta_formats)
    except (ImportError, AttributeError, TypeError):
        if isinstance(ws, _SheetSource):
            from openpyxl.worksheet._read_only import ReadOnlyWorksheet

            ws = ReadOnlyWorksheet(ws.parent, ws.title, ws.target, ws._shared_strings)
        return _padded_rows(ws, path, problems)
    import pyexpat

    expat = pyexpat.ParserCreate(namespace_separator="}")
    stream = _SheetStream(expat, parser, (CELL_TAG, ROW_TAG), problems)
    expat.buffer_text = True
    expat.StartElementHandler, expat.CharacterDataHandler = stream.start, stream.data
    expat.StartDoctypeDeclHandler = _doctype
    with source:
        try:
            while piece := source.read(CHUNK):
                expat.Parse(piece, False)
            expat.Parse(b"", True)
            stream.flush()
        except _Stop as stop:
            if stop.args:
                problems.append(Problem(parser.row_counter or 1, 1, _DOCTYPE))
        except pyexpat.ExpatError as exc:
            problems.append(Problem(parser.row_counter or 1, max(parser.col_counter, 1),
                                    _not_xml(pyexpat.ErrorString(exc.code))))
            stream.flush()
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:  # a bad CRC is found at the part's end
            raise Damaged(path, exc) from None
    return stream.rows, stream.formulas


_INLINE, _TEXT, _VALUE = (f"{{http://schemas.openxmlformats.org/spreadsheetml/2006/main}}{tag}"
                          for tag in ("is", "t", "v"))


def _plain_text(parser: Any, element: Any) -> dict[str, Any] | None:
    """openpyxl's `parse_cell` result for the two commonest cells, without its per-cell objects
    (a `Text` built and its descriptors run per cell: 1.7 s of 5,000 rows' 2.4 s, #19): an inline
    string that is one `<is><t>…</t></is>` (what icpfile export and openpyxl write) and a shared
    string that is one `<v>` (what Excel writes). None for any other cell, left to `parse_cell`."""
    kind = element.get("t")
    if kind not in ("inlineStr", "s") or len(element) != 1 or parser.rich_text:
        return None
    child = element[0]
    if kind == "inlineStr":
        if child.tag != _INLINE or len(child) != 1 or child[0].tag != _TEXT or len(child[0]):
            return None
        value = child[0].text or ""  # Text.content of a lone `<t/>` is ""
    else:
        if child.tag != _VALUE or not child.text:
            return None
        value = parser.shared_strings[int(child.text)]
    parser.col_counter += 1
    return {"row": parser.row_counter, "column": parser.col_counter, "value": value, "data_type": "s"}


def _cell(parser: Any, element: Any, values: list[Value], formulas: set[tuple[int, int]],
          problems: list[Problem], length: int = 0) -> None:
    """One cell element into `values` (its row's), by openpyxl's parser; a bad one into `problems`."""
    ref = element.get("r")
    if ref is not None:
        at = _column(ref)
        if at is None:
            parser.col_counter += 1
            problems.append(Problem(parser.row_counter, parser.col_counter, _bad_ref(ref)))
            return
        parser.col_counter = at[1] - 1
        del element.attrib["r"]  # numbered by counting: openpyxl's own parse of it is not needed
    if len(element) == 0:  # no value, formula or inline string: an empty (formatted) cell, not parsed
        parser.col_counter += 1
        return
    before = parser.col_counter
    try:
        cell = _plain_text(parser, element) or parser.parse_cell(element)
    except (ValueError, TypeError, IndexError, KeyError, OverflowError, AttributeError):
        parser.col_counter = before + 1
        problems.append(Problem(parser.row_counter, parser.col_counter, _BAD_VALUE))
        return
    value, column = cell["value"], cell["column"]
    if value is None or column > MAX_COLUMNS:
        return
    if cell["data_type"] == "e":  # #REF!, #N/A…: a formula's broken result, kept without its formula
        problems.append(Problem(parser.row_counter, column, _error_value(value)))
        return
    if cell["data_type"] == "f":
        formulas.add((parser.row_counter, column))
    if isinstance(value, dt.datetime) and value.year < 1905 \
            and (serial := _impossible_date(parser, element, value)) is not None:
        problems.append(Problem(parser.row_counter, column, _no_date(serial)))
        return
    if length > MAX_CELL and isinstance(value, str) and not isinstance(value, Long):
        value = Long(value, length)
    if column > len(values):
        values.extend([None] * (column - len(values)))
    values[column - 1] = value


def _padded_rows(ws: Any, path: Path,
                 problems: list[Problem]) -> tuple[list[tuple[int, list[Value]]], set[tuple[int, int]]]:
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
                problems.append(Problem(number, 1, _MANY_ROWS))
                break
            rows.append((number, values))
    return rows, formulas


def read(path: Path, sheet: str | None = None) -> Table:
    """The sheet at `path`: `.xlsx`/`.xlsm` by openpyxl, anything else as CSV."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_xlsx(path, sheet)
    if path.suffix.lower() == ".xls":
        raise SheetError(f"{path}: the old .xls format is not read; save it as .xlsx or CSV")
    return read_csv(path)
