"""A sheet's text reaches the draft file and the import report as data, never as syntax (#19 B1,
B8, W1): keys and values with line breaks, `: `, `#`, quotes, a leading `-`, U+2028 or a BOM load
back exactly; a sheet's title cannot break a line; a re-import says where once and keeps quiet about
a draft it would write the same; an overwrite backs the user's file up every time (B23, W13)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from icpfile.load.read import load_path
from icpfile.sheets import draft_text, exporter, run
from icpfile.sheets.layout import layout

HEADERS = exporter.headers(layout())
HOSTILE = ["a\nevil: 1", "k: v # c", "#c", "'q'", '"d"', "- item", "x\u2028y", "\ufeffbom", "p\u2029q\x85r",
           "tab\there", "a\u202ebidi", "yes", "null", "0755", "  spaced ", "[1]", "{a: 1}", "&anchor", "*alias",
           "!tag", "|", ">", "%YAML", "@x", "`x", "? k", "\\back", "中文: 值", "--- doc", "..."]


def book(tmp: Path, rows: list[list[object]], title: str = "Sheet1") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    path = tmp / "c.xlsx"
    wb.save(path)
    return path


def row(**values: object) -> list[object]:
    cells: list[object] = [None] * len(HEADERS)
    for label, value in values.items():
        cells[HEADERS.index(label)] = value
    return cells


def loaded(path: Path) -> dict:
    doc = load_path(path, str(path))
    assert doc.issues == [], [i.code for i in doc.issues]
    return doc.data


@pytest.mark.parametrize("text", HOSTILE)
def test_every_key_and_value_is_written_so_it_loads_back_exactly(text: str) -> None:
    import yaml

    draft = {"version": 1, "subject": {"name": text, text: [text, {text: text}], "x_n": {text: 1.5}}}
    written = draft_text.render(draft, {}, "c.xlsx")
    assert yaml.safe_load(written) == draft
    assert "\u2028" not in written and "\ufeff" not in written and "\u202e" not in written


def test_a_record_copy_cell_with_hostile_json_keys_and_values_imports_exactly(tmp_path: Path) -> None:
    value = {key: key for key in HOSTILE}
    cell = "x_note: " + json.dumps(value, ensure_ascii=False)
    name = "张三\u2028- evil: 1 # 备注 \"q\""
    path = book(tmp_path, [row(订单编号="o-1", 备案时主体信息=cell, 主办单位名称=name)])
    result = run.import_sheet(path, tmp_path / "out", "en")
    assert result.report.findings == []
    data = loaded(tmp_path / "out" / "o-1.yaml")
    assert data["record"]["subject"]["x_note"] == value
    assert data["subject"]["name"] == name == data["record"]["subject"]["name"]


def test_a_sheet_title_with_a_line_break_is_escaped_in_the_report_and_the_draft(tmp_path: Path) -> None:
    path = book(tmp_path, [row(订单编号="o-1", 备案类型="nonsense")], title="客户\u2028evil # 1")
    result = run.import_sheet(path, tmp_path / "out", "en")
    assert [(f.rule, f.pointer) for f in result.report.findings] == [("ICP952", "客户\\u2028evil # 1!B2")]
    text = (tmp_path / "out" / "o-1.yaml").read_text(encoding="utf-8")
    assert "\u2028" not in text and "# ⚠ 客户\\u2028evil # 1!B2 ICP952" in text
    assert "evil" not in loaded(tmp_path / "out" / "o-1.yaml")
    assert "\u2028" not in run.import_text(result, "en")


def test_a_re_import_names_the_cell_once_and_an_unchanged_draft_is_no_problem(tmp_path: Path) -> None:
    path = book(tmp_path, [row(订单编号="o-1", 省份="浙江省"), row(订单编号="o-2", 省份="浙江省")])
    out = tmp_path / "out"
    run.import_sheet(path, out, "en")
    (out / "o-2.yaml").write_text("# edited by hand\n", encoding="utf-8")
    again = run.import_sheet(path, out, "en")
    assert [(f.rule, f.severity.value, f.pointer) for f in again.report.findings] == [
        ("ICP956", "warning", "Sheet1!A3")]
    assert again.counts["unchanged"] == 1 and again.counts["kept"] == 1 and again.counts["errors"] == 0
    text = run.import_text(again, "en")
    first = text.splitlines()[0]
    assert first == f"{again.report.path}:Sheet1!A3  warning  ICP956  o-2.yaml exists and differs from the sheet; " \
                    "not overwritten"
    assert "1 unchanged, 1 differing and kept" in text


def test_every_overwrite_backs_up_the_file_it_replaces_and_loses_no_earlier_backup(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    draft = out / "o-1.yaml"
    draft.write_text("# mine\n", encoding="utf-8")
    run.import_sheet(book(tmp_path, [row(订单编号="o-1", 省份="浙江省")]), out, "en", force=True)
    first = draft.read_text(encoding="utf-8")
    assert (out / "o-1.yaml.bak").read_text(encoding="utf-8") == "# mine\n"
    run.import_sheet(book(tmp_path, [row(订单编号="o-1", 省份="浙江省")]), out, "en", force=True)
    assert not (out / "o-1.yaml.bak.1").exists()  # the same text again: nothing rewritten, nothing backed up
    assert (out / "o-1.yaml.bak").read_text(encoding="utf-8") == "# mine\n"
    run.import_sheet(book(tmp_path, [row(订单编号="o-1", 省份="江苏省")]), out, "en", force=True)
    assert (out / "o-1.yaml.bak").read_text(encoding="utf-8") == first
    assert (out / "o-1.yaml.bak.1").read_text(encoding="utf-8") == "# mine\n"
    assert "江苏省" in draft.read_text(encoding="utf-8")


def test_import_offers_the_gitignore_lines_until_they_are_there(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = book(tmp_path, [row(订单编号="o-1")])
    text = run.import_text(run.import_sheet(path, tmp_path / "out", "en"), "en")
    assert text.splitlines()[-4:] == [".icpfile/", "*.bak", "*.bak.*", ".*.tmp"]
    (tmp_path / ".gitignore").write_text(".icpfile/\n*.bak\n*.bak.*\n.*.tmp\n", encoding="utf-8")
    text = run.import_text(run.import_sheet(path, tmp_path / "out2", "en"), "en")
    assert ".gitignore" not in text


def test_a_formula_cell_is_null_in_the_draft_marked_with_its_cell_so_check_refuses_it_there(tmp_path: Path) -> None:
    path = book(tmp_path, [row(订单编号="o-1", 省份="浙江省", 主办单位名称="=A1&B1", 备案时主体信息="=X1")])
    result = run.import_sheet(path, tmp_path / "out", "en")
    name, copy = f"Sheet1!{letter('主办单位名称')}2", f"Sheet1!{letter('备案时主体信息')}2"
    assert [(f.rule, f.pointer) for f in result.report.findings] == [("ICP955", name), ("ICP955", copy)]
    lines = (tmp_path / "out" / "o-1.yaml").read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines, start=1) if line.startswith("  name:"))
    assert lines[at - 1].startswith(f"  name: null  # ⚠ {name} ICP955 |")
    assert any(line.startswith(f"  subject: null  # ⚠ {copy} ICP955 |") for line in lines)
    from icpfile import engine
    from icpfile.options import Options

    report = engine.check_document(load_path(tmp_path / "out" / "o-1.yaml", "o-1.yaml"), Options()).report
    assert any(f.line == at and f.severity.value == "error" for f in report.findings)


def test_a_sheet_of_the_order_column_alone_imports(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["订单编号"])
    ws.append(["p-1"])
    wb.save(tmp_path / "p.xlsx")
    result = run.import_sheet(tmp_path / "p.xlsx", tmp_path / "out", "en")
    assert result.report.findings == [] and result.counts["written"] == 1
    assert loaded(tmp_path / "out" / "p-1.yaml") == {"version": "1"}  # the loader reads scalars as text


def letter(label: str) -> str:
    from icpfile.sheets import importer

    return importer.column_letter(HEADERS.index(label) + 1)


def test_template_force_over_an_existing_sheet_keeps_it_as_bak(tmp_path: Path) -> None:
    from conftest import invoke

    sheet = tmp_path / "clients.xlsx"
    sheet.write_bytes(b"the agency's own sheet")
    result = invoke("import", "--template", str(sheet), "--force")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "clients.xlsx.bak").read_bytes() == b"the agency's own sheet"
    assert len(openpyxl.load_workbook(sheet).sheetnames) == 2  # the template: headers and 说明


def test_every_echoed_cell_text_is_escaped_and_masked_in_the_import_report(tmp_path: Path) -> None:
    import csv

    path = tmp_path / "e.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([*HEADERS, "头\u2028\x1b]0;x\x07"])
        writer.writerow(row(订单编号="o-1", 备案类型="首次\u2028\x1b[31m备案",
                            备案时主体信息="bad\u2028\x1b[31m 13800138000"))
    result = run.import_sheet(path, tmp_path / "out", "en")
    text = run.import_text(result, "en")
    assert not any(c in text for c in "\x1b\x07\u2028"), text
    assert "13800138000" not in text and "'bad\\u2028\\x1b[31m 138****8000' is not 'field: value'" in text
    assert "the header '头\\u2028\\x1b]0;x\\x07'" in text
