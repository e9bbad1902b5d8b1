"""Reading an XLSX by the cells it holds (#19): a sheet padded to column ALL and row 200,000 (whole
columns formatted in a spreadsheet program) costs its data, not its dimension."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import openpyxl
import pytest

from icpfile.sheets import reader

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from import_check import pad  # noqa: E402


def small_sheet(tmp: Path) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "客户"
    ws.append(["订单编号", "主办单位名称", None, "备注"])
    ws.append(["A-1", "甲公司", None, "=1+1"])
    ws.append([])
    ws.append(["A-2", 12, None, None])
    ws["B4"].number_format = "@"
    path = tmp / "c.xlsx"
    book.save(path)
    return path


def test_a_padded_sheet_reads_as_its_data(tmp_path: Path) -> None:
    plain = small_sheet(tmp_path)
    padded = pad(plain, 3000, "ALL")
    expected = [(1, ["订单编号", "主办单位名称", None, "备注"]), (2, ["A-1", "甲公司", None, "=1+1"]), (4, ["A-2", 12])]
    for path in (plain, padded):
        table = reader.read(path)
        assert table.rows == expected and table.formulas == {(2, 4)}, path.name
    ws = openpyxl.load_workbook(padded, read_only=True).worksheets[0]
    assert ws.max_column == 1000 and ws.max_row == 3000  # what openpyxl's iter_rows would have padded to
    assert reader._padded_rows(ws, padded, []) == (expected, {(2, 4)})  # the fallback reads the same


def test_cells_without_coordinates_keep_their_column(tmp_path: Path) -> None:
    xml = (b'<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>'
           b'<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>\xe8\xae\xa2\xe5\x8d\x95\xe7\xbc\x96\xe5\x8f\xb7'
           b'</x:t></x:is></x:c><x:c r="B1" s="1"/><x:c t="inlineStr"><x:is><x:t>c</x:t></x:is></x:c></x:row>'
           b'<x:row r="2" ht="20"></x:row><x:row><x:c r="A3" s="2"></x:c><x:c t="n"><x:v>7</x:v></x:c></x:row>'
           b'<x:row r="9"><x:c r="ALL9" s="1"/></x:row></x:sheetData></x:worksheet>')
    plain = small_sheet(tmp_path)
    import zipfile

    target = tmp_path / "prefixed.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            out.writestr(info, xml if info.filename == "xl/worksheets/sheet1.xml" else source.read(info.filename))
    assert reader.read(target).rows == [(1, ["订单编号", None, "c"]), (3, [None, 7])]


def _with_sheet_xml(tmp: Path, xml: bytes, name: str = "hostile.xlsx") -> Path:
    """small_sheet's file with its worksheet's XML replaced by `xml`."""
    import zipfile

    plain = small_sheet(tmp)
    target = tmp / name
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info, xml if info.filename == "xl/worksheets/sheet1.xml" else source.read(info.filename))
    return target


HEAD = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
TAIL = b"</sheetData></worksheet>"


def _inline(ref: str, text: str) -> bytes:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()


@pytest.mark.timeout(20)
def test_xml_comments_and_unclosed_tags_in_a_worksheet_are_read_in_linear_time(tmp_path: Path) -> None:
    # (B5) The empty-cell regexes rescanned to the end of the piece from every `<c ` / `<row `: a comment of
    # 400 KB of them took minutes. A stream parser reads the comment once.
    junk = b"<!-- " + b'<c r="A1" <row r="1" ' * 20_000 + b" -->"
    xml = HEAD + junk + b'<row r="1">' + _inline("A1", "订单编号") + b"</row>" + junk + TAIL
    table = reader.read(_with_sheet_xml(tmp_path, xml))
    assert table.rows == [(1, ["订单编号"])] and table.problems == []


def test_millions_of_empty_elements_are_bounded_and_named_not_held(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # (B18) 4 million empty elements: openpyxl's read-only sheet parsed them all, keeping each, looking for a
    # <dimension> after the data (9.6 s, 474 MB), and nothing bounded them. Now they are counted as read and
    # past MAX_ELEMENTS the reading stops with a problem at the last row read, the rows before kept
    # (bench/hostile.py measures the real limit).
    monkeypatch.setattr(reader, "MAX_ELEMENTS", 10_000, raising=False)
    xml = (HEAD + b'<row r="1">' + _inline("A1", "订单编号") + b"</row>" + b"<row><c/></row>" * 6000
           + b'<row r="7003">' + _inline("A7003", "late") + b'</row></sheetData><dimension ref="A0:1"/></worksheet>')
    table = reader.read(_with_sheet_xml(tmp_path, xml))
    assert table.rows == [(1, ["订单编号"])]
    [problem] = table.problems
    assert problem.row == 4998 and "10000 elements" in problem.what["en"]


def test_bad_cell_references_are_named_at_their_cell_and_huge_ones_allocate_nothing(tmp_path: Path) -> None:
    # (B6) openpyxl's coordinate_to_tuple raised on these: an internal error. (B7) XFD1048576 is Excel's last
    # cell: past MAX_COLUMNS it is left out, the row is not padded to 16,384 values.
    cells = b"".join(_inline(ref, "x") for ref in ("A0", "1A", "AAAA1", "a1", "", "XFE1", "A1048577"))
    xml = (HEAD + b'<row r="1">' + _inline("A1", "订单编号") + cells + _inline("C1", "c") + b"</row>"
           + b'<row r="1048576">' + _inline("XFD1048576", "far") + _inline("B1048576", "b") + b"</row>"
           + b'<row r="0">' + _inline("A5", "x") + b"</row>" + b'<row r="x9">' + b"</row>" + TAIL)
    table = reader.read(_with_sheet_xml(tmp_path, xml))
    assert table.rows == [(1, ["订单编号", None, "c"]), (1048576, [None, "b"])]
    assert [(p.row, p.column) for p in table.problems] == [(1, n) for n in range(2, 9)] + [(1048577, 1),
                                                                                             (1048578, 1)]
    assert "'AAAA1'" in table.problems[2].what["en"] and "'0'" in table.problems[7].what["en"]


def test_a_cell_whose_value_does_not_fit_its_type_is_named_the_row_kept(tmp_path: Path) -> None:
    xml = (HEAD + b'<row r="1">' + _inline("A1", "订单编号") + b'<c r="B1" t="s"><v>99999</v></c>'
           + b'<c r="C1" t="n"><v>abc</v></c><c r="D1" t="b"><v>x</v></c>' + _inline("E1", "e") + b"</row>" + TAIL)
    table = reader.read(_with_sheet_xml(tmp_path, xml))
    assert table.rows == [(1, ["订单编号", None, None, None, "e"])]
    assert [(p.row, p.column) for p in table.problems] == [(1, 2), (1, 3), (1, 4)]


NASTY = ['a"b,c', '"x", y', '"', '","', "'", "a;b;c;d;e", "a\tb", '"a";"b"', "x\ny", ",", '";"', '"\t"',
         ' "q" , r ', "=1+1", "说\"明\"，好,的", "", "\r\n"]


@pytest.mark.parametrize("value", NASTY)
def test_csv_export_then_read_keeps_every_nasty_value(tmp_path: Path, value: str) -> None:
    # (B2) csv.Sniffer guessed `'` as the quote (or `;` as the delimiter) from a value holding `"` and `,`,
    # and split the row inside a quoted cell.
    from icpfile.sheets.exporter import write_csv

    rows = [["订单编号", "网站名称", "备注"], ["A-1", value, value], ["A-2", "x", value]]
    path = tmp_path / "out.csv"
    write_csv(path, rows)
    from icpfile.sheets.layout import FORMULA_START

    expected = [[("'" + v if v.startswith(FORMULA_START) else v) for v in row] for row in rows]
    assert [values for _, values in reader.read(path).rows] == expected


@pytest.mark.parametrize(("sep", "text"), [(";", 'a;b;c\n1;"x,y";3\n4;5;6\n'),
                                           ("\t", 'a\tb\tc\n1\t"x;y,z"\t3\n'),
                                           (",", 'a,b\n"1;2;3;4;5;6",x\n')])
def test_the_delimiter_is_the_one_the_records_agree_on(sep: str, text: str) -> None:
    assert reader.delimiter(text) == sep


def test_a_stray_byte_in_a_utf8_csv_is_named_at_its_cell_and_the_rest_read(tmp_path: Path) -> None:
    # (B17) one byte that is not UTF-8 turned the whole file into GB18030 mojibake (or failed).
    path = tmp_path / "stray.csv"
    path.write_bytes("订单编号,网站名称\nA-1,静夜\n".encode() + b"A-2,\xff\xfe\xe9\n" + "A-3,读书\n".encode())
    table = reader.read(path)
    assert table.encoding == "utf-8"
    assert table.rows == [(1, ["订单编号", "网站名称"]), (2, ["A-1", "静夜"]), (3, ["A-2", "\ufffd" * 3]),
                          (4, ["A-3", "读书"])]
    [problem] = table.problems
    assert (problem.row, problem.column) == (3, 2) and "0xFF 0xFE 0xE9" in problem.what["en"]


def test_the_reader_s_problems_are_findings_of_the_import(tmp_path: Path) -> None:
    from icpfile.sheets.run import import_sheet

    path = tmp_path / "stray.csv"
    path.write_bytes("订单编号,主办单位名称\n".encode() + b"A-1,\xff\n")
    result = import_sheet(path, tmp_path / "drafts", "en")
    [finding] = [f for f in result.report.findings if f.rule == "ICP955"]
    assert (finding.line, finding.column) == (2, 2)
    # The cell is named once, by the pointer (agency29's W1), not again in the message.
    assert finding.pointer == "B2"
    assert finding.message.startswith("CSV: the cell holds bytes that are not text in the file's encoding (0xFF)")


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
KINDS = "application/vnd.openxmlformats-officedocument.spreadsheetml"
PLAIN_STYLES = '<cellXfs><xf numFmtId="0"/></cellXfs>'


def _book(tmp: Path, rows: str, strings: str | None = None, styles: str | None = None,
          strings_name: str = "xl/sharedStrings.xml", stored: bool = False) -> Path:
    """A hand-built XLSX: one sheet of `rows` (XML), shared strings (`<si>`s) in `strings_name` found by
    its content type and the workbook's rels, and `xl/styles.xml` holding `styles` (`<numFmts>`, `<cellXfs>`)."""
    import zipfile

    types = (f'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             f'<Override PartName="/xl/workbook.xml" ContentType="{KINDS}.sheet.main+xml"/>'
             f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{KINDS}.worksheet+xml"/>'
             f'<Override PartName="/{strings_name}" ContentType="{KINDS}.sharedStrings+xml"/>'
             f'<Override PartName="/xl/styles.xml" ContentType="{KINDS}.styles+xml"/></Types>')
    rel = "http://schemas.openxmlformats.org/package/2006/relationships"
    root_rels = (f'<Relationships xmlns="{rel}"><Relationship Id="rId1" Type="{OFFICE}/officeDocument" '
                 'Target="xl/workbook.xml"/></Relationships>')
    workbook = (f'<workbook xmlns="{MAIN}" xmlns:r="{OFFICE}"><sheets><sheet name="S1" sheetId="1" r:id="rId1"/>'
                '</sheets></workbook>')
    book_rels = (f'<Relationships xmlns="{rel}"><Relationship Id="rId1" Type="{OFFICE}/worksheet" '
                 f'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{OFFICE}/sharedStrings" '
                 f'Target="/{strings_name}"/><Relationship Id="rId3" Type="{OFFICE}/styles" Target="styles.xml"/>'
                 '</Relationships>')
    style = f'<styleSheet xmlns="{MAIN}">{styles or PLAIN_STYLES}</styleSheet>'
    sst = f'<sst xmlns="{MAIN}">{strings or ""}</sst>'
    sheet_xml = f'<worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>'
    path = tmp / "built.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in (("[Content_Types].xml", types), ("_rels/.rels", root_rels), ("xl/workbook.xml", workbook),
                           ("xl/_rels/workbook.xml.rels", book_rels), ("xl/styles.xml", style), (strings_name, sst)):
            archive.writestr(name, text)
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml,
                         compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
    return path


def _row(number: int, *cells: str) -> str:
    return f'<row r="{number}">{"".join(cells)}</row>'


def test_shared_strings_are_bounded_in_the_part_openpyxl_reads_whatever_its_name(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # (breaker22 L10) The size cap matched names ending in sharedstrings.xml; openpyxl finds the part by its
    # content type, so `xl/strs.bin` was never measured. And 2 million empty strings (26 MB, under the cap)
    # took 12 s and 223 MB: the strings are now counted as they are read.
    rows = _row(1, '<c r="A1" t="s"><v>0</v></c>', '<c r="B1" t="s"><v>2</v></c>')
    for name in ("xl/sharedStrings.xml", "xl/strs.bin"):
        ok = _book(tmp_path, rows, "<si><t>订单编号</t></si><si><t/></si><si><r><t>a</t></r><r><t>b</t></r></si>",
                   strings_name=name)
        assert reader.read(ok).rows == [(1, ["订单编号", "ab"])], name
    laughs = _book(tmp_path, rows, "<si><t>&a;</t></si>")  # a DOCTYPE (entities) in the strings: refused
    import zipfile

    with zipfile.ZipFile(laughs) as source, zipfile.ZipFile(tmp_path / "laughs.xlsx", "w") as out:
        for info in source.infolist():
            text = source.read(info.filename)
            if info.filename == "xl/sharedStrings.xml":
                text = b'<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">]>' + text
            out.writestr(info, text)
    with pytest.raises(reader.SheetError, match="shared strings have a DOCTYPE"):
        reader.read(tmp_path / "laughs.xlsx")
    monkeypatch.setattr(reader, "MAX_STRINGS", 1000, raising=False)
    many = _book(tmp_path, rows, "<si><t>订单编号</t></si>" + "<si><t/></si>" * 1000, strings_name="xl/strs.bin")
    with pytest.raises(reader.SheetError, match="more than 1000 shared strings"):
        reader.read(many)
    monkeypatch.setattr(reader, "MAX_SHARED_STRINGS", 1024)
    big = _book(tmp_path, rows, "<si><t>订单编号</t></si>" + "<si><t>x</t></si>" * 100, strings_name="xl/strs.bin")
    with pytest.raises(reader.SheetError, match="shared strings unpack to more than"):
        reader.read(big)


def test_styles_are_bounded_and_only_their_date_formats_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # (breaker22 L11) openpyxl's stylesheet built every <xf>: 1 million of them (46 KB packed) took 13 s and
    # 791 MB, with no bound but the 512 MiB one. Only which styles are dates is used.
    styles = ('<numFmts><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>'
              '<numFmt numFmtId="165" formatCode="[h]:mm"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/>'
              '<xf numFmtId="164"/><xf numFmtId="49"/><xf numFmtId="165"/></cellXfs>')
    rows = _row(1, *(f'<c r="{c}1" s="{s}"><v>45000</v></c>' for c, s in zip("ABCDE", range(5))))
    [(_, values)] = reader.read(_book(tmp_path, rows, styles=styles)).rows
    assert values[0] == 45000 and values[3] == 45000
    assert values[1] == values[2] == dt.datetime(2023, 3, 15) and values[4] == dt.timedelta(days=45000)
    monkeypatch.setattr(reader, "MAX_STYLE_ELEMENTS", 1000, raising=False)
    with pytest.raises(reader.SheetError, match="styles have more than 1000 XML elements"):
        reader.read(_book(tmp_path, rows, styles="<cellXfs>" + '<xf numFmtId="0"/>' * 1000 + "</cellXfs>"))
    monkeypatch.setattr(reader, "MAX_STYLES", 1024, raising=False)
    with pytest.raises(reader.SheetError, match="styles unpack to more than"):
        reader.read(_book(tmp_path, rows, styles="<cellXfs>" + '<xf numFmtId="0"/>' * 100 + "</cellXfs>"))


def test_a_huge_cell_s_text_is_counted_not_gathered(tmp_path: Path) -> None:
    # (breaker22 L12) One inline string of 400 MiB was built whole (859 MB) before the importer's 20,000-character
    # limit refused it. Past the limit the text is counted only; the importer still says how long it is.
    from icpfile.sheets.run import import_sheet

    limit = 20_000  # reader.MAX_CELL, which the importer judges a cell's length by
    size = limit * 50
    rows = (_row(1, _inline("A1", "订单编号").decode(), _inline("B1", "主体备注").decode())
            + _row(2, _inline("A2", "o1").decode(), f'<c r="B2" t="inlineStr"><is><t>{"A" * size}</t></is></c>')
            + _row(3, _inline("A3", "o2").decode(), '<c r="B3" t="s"><v>0</v></c>'))
    path = _book(tmp_path, rows, f"<si><t>{'B' * (size + 1)}</t></si>")
    [_, (_, second), (_, third)] = reader.read(path).rows
    for value, length in ((second[1], size), (third[1], size + 1)):
        assert getattr(value, "length", None) == length
        assert len(value) == limit + 1  # the rest was never held
    result = import_sheet(path, tmp_path / "drafts", "en")
    found = sorted((f.pointer, f.message) for f in result.report.findings if f.rule == "ICP955")
    assert [p for p, _ in found] == ["S1!B2", "S1!B3"]
    assert f"holds {size} characters, more than {limit}" in found[0][1]
    assert f"holds {size + 1} characters" in found[1][1]


def test_a_worksheet_with_a_bad_crc_is_one_line_not_an_internal_error(tmp_path: Path) -> None:
    # (breaker22 L13) zipfile checks the CRC at the part's end, inside the sheet's read loop: BadZipFile was an
    # internal error.
    path = _book(tmp_path, _row(1, _inline("A1", "订单编号").decode()) + _row(2, _inline("A2", "o1").decode()),
                 stored=True)
    data = bytearray(path.read_bytes())
    at = data.index(b"<t>o1</t>")
    data[at + 4] = ord("2")
    path.write_bytes(bytes(data))
    with pytest.raises(reader.SheetError, match=r"damaged \(its compressed data fails its checksum"):
        reader.read(path)


def test_an_error_value_is_named_at_its_cell_and_openpyxl_warns_nothing(tmp_path: Path) -> None:
    # (breaker22 L23, L25) `#REF!` was imported as text; a date serial past 9999 made openpyxl warn on stderr
    # and give `#VALUE!`.
    import warnings

    rows = _row(1, _inline("A1", "订单编号").decode(), '<c r="B1" t="e"><v>#REF!</v></c>',
                '<c r="C1" s="1"><v>99999999</v></c>', _inline("D1", "d").decode())
    path = _book(tmp_path, rows, styles='<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>')
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = reader.read(path)
    assert table.rows == [(1, ["订单编号", None, None, "d"])]
    assert [(p.row, p.column) for p in table.problems] == [(1, 2), (1, 3)]
    assert "error value '#REF!'" in table.problems[0].what["en"]
    assert "'#VALUE!'" in table.problems[1].what["en"]


def test_the_workbook_part_and_the_number_of_parts_are_bounded(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """breaker23 M1: workbook.xml was read whole by openpyxl: 1 million defined names (2.5 MB packed)
    took 10.7 s and 847 MB, 1 million sheets with their own parts 14.7 s and 1.4 GB."""
    import zipfile

    path = _book(tmp_path, _row(1, _inline("A1", "订单编号").decode()))
    assert reader.read(path).rows  # the plain book reads
    monkeypatch.setattr(reader, "MAX_WORKBOOK", 100)
    with pytest.raises(reader.SheetError, match="workbook part"):
        reader.read(path)
    monkeypatch.undo()
    with zipfile.ZipFile(path, "a") as archive:
        for i in range(20):
            archive.writestr(f"xl/extra/{i}.xml", "<x/>")
    monkeypatch.setattr(reader, "MAX_PARTS", 20)
    with pytest.raises(reader.SheetError, match="more than 20 parts"):
        reader.read(path)


def test_a_date_cell_that_names_no_day_is_named_at_its_cell(tmp_path: Path) -> None:
    """A date-formatted -1 became 1899-12-29 and 60 (Excel's 1900-02-29) 1900-02-28: a date silently
    wrong. Both are ICP955 at their cell, the value left out, as any impossible date; 59, 61, 1 and a
    1904-system book's own dates read as before. Origin: issue 19 (sheets32's L23 left them)."""
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    for epoch, bad, good in ((None, (-1, -0.5, 60, 60.5), (59, 61, 1, 45000)),
                             (CALENDAR_MAC_1904, (-1, -0.25), (1, 45000))):
        book = openpyxl.Workbook()
        if epoch is not None:
            book.epoch = epoch
        ws = book.active
        ws.title = "S"
        for number, value in enumerate((*bad, *good), start=1):
            ws.cell(row=number, column=2, value=value).number_format = "yyyy-mm-dd"
        path = tmp_path / "dates.xlsx"
        book.save(path)
        table = reader.read(path)
        assert [(p.row, p.column) for p in table.problems] == [(n, 2) for n in range(1, len(bad) + 1)]
        assert all("no real date" in p.what["en"] and "不是真实的日期" in p.what["zh"] for p in table.problems)
        assert [number for number, _ in table.rows] == list(range(len(bad) + 1, len(bad) + len(good) + 1))
        assert all(isinstance(values[1], dt.datetime) and values[1].year >= 1900 for _, values in table.rows)
    assert reader.read(path).rows[0][1][1] == dt.datetime(1904, 1, 2)  # 1 in the 1904 system


def test_a_broken_xlsx_is_said_in_the_users_words_not_a_python_exception(tmp_path: Path) -> None:
    """`cannot be read as XLSX (KeyError)` / `(ParseError)` / `(BadZipFile)` named Python's exception:
    now the line says what is wrong with the file, in zh and en, exit 2. Origin: issue 19."""
    import subprocess
    import zipfile

    source = tmp_path / "ok.xlsx"
    openpyxl.Workbook().save(source)

    def variant(name: str, change) -> str:
        with zipfile.ZipFile(source) as old, zipfile.ZipFile(tmp_path / name, "w", zipfile.ZIP_STORED) as new:
            for info in old.infolist():
                data = change(info.filename, old.read(info.filename))
                if data is not None:
                    new.writestr(info.filename, data)
        return name

    crc = variant("crc.xlsx", lambda n, d: d)
    data = bytearray((tmp_path / crc).read_bytes())
    data[data.index(b"<workbook") + 3] ^= 1  # stored: the byte is in the file; its CRC no longer fits
    (tmp_path / crc).write_bytes(bytes(data))
    cases = {variant("nowb.xlsx", lambda n, d: None if n == "xl/workbook.xml" else d):
             ("缺少 XLSX 必需的部分（xl/workbook.xml）", "lacks a part an XLSX needs (xl/workbook.xml)"),
             variant("xml.xlsx", lambda n, d: b"<workbook" if n == "xl/workbook.xml" else d):
             ("XML 已损坏", "the XML inside the file is broken"),
             variant("styles.xlsx", lambda n, d: b"<<" if n == "xl/styles.xml" else d):
             ("XML 已损坏", "the XML inside the file is broken"),
             crc: ("文件已损坏（压缩数据校验不通过或不完整）", "damaged (its compressed data fails its checksum")}
    for name, words in cases.items():
        for lang, said in zip(("zh", "en"), words):
            done = subprocess.run([sys.executable, "-m", "icpfile", "import", name, "-o", "out", "--lang", lang],
                                  capture_output=True, text=True, cwd=tmp_path, timeout=120)
            assert done.returncode == 2 and done.stderr.count("\n") == 1, done
            assert said in done.stderr and "save it again" in done.stderr if lang == "en" else said in done.stderr
            for python in ("Error", "KeyError", "BadZipFile", "ParseError", "Traceback"):
                assert python not in done.stderr, done.stderr
