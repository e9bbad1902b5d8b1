"""Reading an XLSX by the cells it holds (#19): a sheet padded to column ALL and row 200,000 (whole
columns formatted in a spreadsheet program) costs its data, not its dimension."""

from __future__ import annotations

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
    assert reader._padded_rows(ws, padded) == (expected, {(2, 4)})  # the fallback reads the same


def test_pieces_never_cut_a_row_and_cells_without_coordinates_keep_their_column(tmp_path: Path,
                                                                                 monkeypatch: pytest.MonkeyPatch
                                                                                 ) -> None:
    monkeypatch.setattr(reader, "CHUNK", 50)
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
    stripped = reader._Stripped(__import__("io").BytesIO(xml)).read()
    # B1 and row 2 are kept (the next cell / row is numbered by counting from them); ALL9 goes
    assert b"B1" in stripped and b'r="2"' in stripped and b"ALL9" not in stripped and b"A3" in stripped
    assert reader._Stripped(__import__("io").BytesIO(xml.replace(b'<x:c t="inlineStr">', b'<x:c r="C1" t="inlineStr">'))
                            ).read().count(b"B1") == 0
