"""`icpfile export --format xlsx|csv` (#19): control characters never crash an XLSX (B3), a terminal
gets escapes and a file the exact text (B4), IDs and phones are masked by shape in every column
(B19, W3), `long_term` is shown as 长期 (W2), `-o` never replaces a draft or writes through a link
(B15), and the 说明 sheet offers 长期 only where it is valid and the code lists it takes (W4)."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from icpfile.cli import export as export_cli
from icpfile.load.read import load_path
from icpfile.schema import typed
from icpfile.sheets import exporter, run
from icpfile.sheets.layout import layout

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "examples" / "enterprise-website-and-app.yaml"
HEADERS = exporter.headers(layout())


def base() -> dict:
    return typed.apply(load_path(BASE, str(BASE)).data)


def draft_file(tmp: Path, data: dict, name: str = "c-1.yaml") -> Path:
    path = tmp / "drafts" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")  # JSON is YAML (and escapes \x7f, which YAML takes only so)
    return path


def cells(text: str) -> dict[str, str]:
    rows = list(csv.reader(io.StringIO(text)))
    return dict(zip(rows[0], rows[1]))


def test_control_characters_are_escaped_in_an_xlsx_and_the_cell_says_so(tmp_path: Path) -> None:
    data = base()
    data["subject"]["remarks"] = "备注\x01\x1b[31m红\x7f"
    out = tmp_path / "c.xlsx"
    run.export_sheet([str(draft_file(tmp_path, data))], "xlsx", out, "zh", show_pii=False)
    ws = openpyxl.load_workbook(out)["客户"]
    column = HEADERS.index("主体备注") + 1
    cell = ws.cell(row=2, column=column)
    assert cell.value == "备注\\x01\\x1b[31m红\x7f"
    assert cell.comment is not None and "\\x01" in cell.comment.text
    assert ws.cell(row=2, column=HEADERS.index("主办单位名称") + 1).comment is None


def test_csv_on_a_terminal_is_escaped_and_a_pipe_gets_the_exact_text(tmp_path: Path, monkeypatch) -> None:
    data = base()
    data["subject"]["remarks"] = "a\x1b]0;PWNED\x07b\u202ec"
    path = draft_file(tmp_path, data)
    text, _ = run.export_sheet([str(path)], "csv", None, "zh", show_pii=False)
    assert "\x1b]0;PWNED\x07" in text  # what a pipe gets
    shown = exporter.terminal_text(text)
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert "a\\x1b]0;PWNED\\x07b\\u202ec" in shown
    assert shown.count("\n") == text.count("\n")  # a cell's own line breaks are kept
    monkeypatch.setattr(export_cli, "_terminal", lambda: True)
    from icpfile.cli import app

    result = CliRunner().invoke(app, ["export", str(path), "--format", "csv"])
    assert "\x1b" not in result.stdout and "a\\x1b]0;PWNED\\x07b" in result.stdout


def test_ids_and_phones_are_masked_by_shape_in_every_column(tmp_path: Path) -> None:
    data = base()
    data["subject"]["remarks"] = "联系 13912345678 或 13912345678@163.com，身份证 330106198807202348"
    path = draft_file(tmp_path, data)
    text, _ = run.export_sheet([str(path)], "csv", None, "zh", show_pii=False)
    row = cells(text)
    assert row["主体备注"] == "联系 139****5678 或 139****5678@163.com，身份证 330***********2348"
    assert "13912345678" not in text and "330106198807202348" not in text
    data["websites"][0]["access"]["ip"] = ["192.168.100.200", "47.96.10.21"]
    text, _ = run.export_sheet([str(draft_file(tmp_path, data))], "csv", None, "zh", show_pii=False)
    assert cells(text)["网站IP地址"] == "192.168.100.200\n47.96.10.21"  # an address is not a number to hide
    assert exporter._shaped('"ip": ["192.168.100.200"], "mobile": "13800138000"') == \
        '"ip": ["192.168.100.200"], "mobile": "138****8000"'
    assert exporter._shaped("110.105.194.9123.1002") == "110.***.***.****.1002"  # not an address: masked
    full, _ = run.export_sheet([str(path)], "csv", None, "zh", show_pii=True)
    assert cells(full)["主体备注"] == data["subject"]["remarks"]


def test_the_certificate_number_is_masked_as_check_shows_it(tmp_path: Path) -> None:
    from icpfile.values.pii import mask_text

    number = base()["subject"]["certificate"]["number"]
    text, _ = run.export_sheet([str(BASE)], "csv", None, "zh", show_pii=False)
    assert cells(text)["主体证件号码"] == mask_text(number) != number


def test_long_term_is_exported_as_its_label_and_imported_back(tmp_path: Path) -> None:
    data = base()
    data["subject"]["principal"]["id_expiry"] = "long_term"
    path = draft_file(tmp_path, data)
    text, _ = run.export_sheet([str(path)], "csv", None, "zh", show_pii=True)
    assert cells(text)["主体负责人证件有效期至"] == "长期"
    (tmp_path / "c.csv").write_text(text, encoding="utf-8")
    run.import_sheet(tmp_path / "c.csv", tmp_path / "out", "en")
    back = typed.apply(load_path(tmp_path / "out" / "c-1.yaml", "x").data)
    assert back["subject"]["principal"]["id_expiry"] == "long_term"


def test_output_naming_a_draft_inside_a_folder_or_a_link_is_refused(tmp_path: Path) -> None:
    path = draft_file(tmp_path, base())
    before = path.read_bytes()
    with pytest.raises(run.OutputIsInput):
        run.export_sheet([str(path.parent)], "csv", path, "en", show_pii=False)
    with pytest.raises(run.OutputIsInput):
        run.export_sheet([str(path.parent)], "xlsx", path, "en", show_pii=False)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    link = tmp_path / "out.csv"
    os.symlink(victim, link)
    with pytest.raises(run.RunError, match="symbolic link"):
        run.export_sheet([str(path)], "csv", link, "en", show_pii=False)
    assert path.read_bytes() == before and victim.read_text(encoding="utf-8") == "keep"
    from icpfile.cli import app

    result = CliRunner().invoke(app, ["export", str(path.parent), "--format", "csv", "-o", str(path)])
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == before


def test_the_columns_sheet_offers_long_term_only_where_valid_and_the_holder_certificate_codes() -> None:
    rows = {r[0]: r for r in exporter.explanation(layout(), "zh")}
    assert "长期" in rows["主体负责人证件有效期至"][3]
    for label in ("主体负责人证件有效期起", "域名到期日期", "备案通过日期"):
        assert "长期" not in rows[label][3], label
    holder = rows["域名持有者证件类型"]
    assert "resident_id 居民身份证" in holder[4] and "business_license" in holder[4]


def test_a_masked_confirmation_sheet_imports_no_masked_text(tmp_path: Path) -> None:
    data = base()
    data["subject"]["remarks"] = "联系 13912345678"
    out = tmp_path / "c.xlsx"
    run.export_sheet([str(draft_file(tmp_path, data))], "xlsx", out, "zh", show_pii=False)
    result = run.import_sheet(out, tmp_path / "out", "en")
    refused = {f.pointer.split("!")[1] for f in result.report.findings if f.rule == "ICP955"}
    remarks = f"{exporter.headers(layout()).index('主体备注') + 1}"
    from icpfile.sheets.importer import column_letter

    assert f"{column_letter(int(remarks))}2" in refused
    text = (tmp_path / "out" / "c-1.yaml").read_text(encoding="utf-8")
    assert "139****5678" not in text  # never a masked number as data: null, marked at its cell
    mark = f"  remarks: null  # ⚠ 客户!{column_letter(int(remarks))}2 ICP955 |"
    assert any(line.startswith(mark) for line in text.splitlines()), text
