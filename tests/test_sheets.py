"""`icpfile import` / `export --format xlsx|csv` (#19): hostile sheets, the round trip, the files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from icpfile.load.read import load_path
from icpfile.schema import typed
from icpfile.sheets import exporter, importer, reader, run
from icpfile.sheets.layout import layout

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
HEADERS = exporter.headers(layout())


def data_of(path: Path) -> dict:
    return typed.apply(load_path(path, str(path)).data)


def icpfile(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "icpfile", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=120)


def letter(label: str) -> str:
    return importer.column_letter(HEADERS.index(label) + 1)


def sheet(tmp: Path, rows: list[list[object]], headers: list[str] | None = None, name: str = "c.xlsx") -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Sheet1"
    ws.append(headers or HEADERS)
    for row in rows:
        ws.append(row)
    path = tmp / name
    book.save(path)
    return path


def row(**values: object) -> list[object]:
    cells: list[object] = [None] * len(HEADERS)
    for label, value in values.items():
        cells[HEADERS.index(label)] = value
    return cells


def imported(tmp: Path, path: Path, **kw: object) -> run.Imported:
    return run.import_sheet(path, tmp / "out", "en", **kw)


def codes(result: run.Imported) -> list[tuple[str, str]]:
    return [(f.rule, f.pointer) for f in result.report.findings]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_then_import_is_the_identity_on_every_example(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"all.{fmt}"
    _, reports = run.export_sheet([str(p) for p in EXAMPLES], fmt, out, "zh", show_pii=True)
    assert [(f.rule, f.pointer) for r in reports for f in r.findings] == []  # nothing left out, record: and police: too
    assert any("record" in data_of(e) and "police" in data_of(e) for e in EXAMPLES)
    result = imported(tmp_path, out)
    assert result.report.findings == []
    assert result.counts["written"] == len(EXAMPLES)
    for example in EXAMPLES:
        assert data_of(tmp_path / "out" / example.name) == data_of(example), example.name
    # and once more: import → export → import gives the same drafts
    again = tmp_path / f"again.{fmt}"
    run.export_sheet([str(tmp_path / "out")], fmt, again, "zh", show_pii=True)
    second = run.import_sheet(again, tmp_path / "out2", "en")
    assert second.report.findings == []
    for example in EXAMPLES:
        assert data_of(tmp_path / "out2" / example.name) == data_of(example), example.name


def test_export_masks_by_default(tmp_path: Path) -> None:
    text, _ = run.export_sheet([str(ROOT / "examples" / "enterprise-website-and-app.yaml")], "csv", None, "zh", False)
    assert "330106198503151238" not in text and "13800138000" not in text
    assert "330***********1238" in text


def test_numbers_excel_made_are_named_at_their_cells(tmp_path: Path) -> None:
    path = sheet(tmp_path, [row(订单编号="A-1", 主体负责人证件号码=1.1010519491231002e17,
                                主体负责人手机号码=13800138000, 主体负责人联系方式2=57188888888,
                                主体证件号码="1.1010519491231E+17")])
    result = imported(tmp_path, path)
    found = {(f.rule, f.pointer): f for f in result.report.findings}
    id_cell = f"Sheet1!{letter('主体负责人证件号码')}2"
    assert ("ICP950", id_cell) in found
    assert "主体负责人证件号码" in found[("ICP950", id_cell)].message
    assert ("ICP951", f"Sheet1!{letter('主体负责人手机号码')}2") in found
    assert ("ICP950", f"Sheet1!{letter('主体负责人联系方式2')}2") in found
    assert "leading 0" in found[("ICP950", f"Sheet1!{letter('主体负责人联系方式2')}2")].message
    assert ("ICP950", f"Sheet1!{letter('主体证件号码')}2") in found
    draft = (tmp_path / "out" / "A-1.yaml").read_text(encoding="utf-8")
    assert 'id_number: "1.1010519491231E+17"' in draft  # as the sheet shows it: check refuses it too
    assert f"⚠ {id_cell} ICP950" in draft
    assert data_of(tmp_path / "out" / "A-1.yaml")["subject"]["principal"]["mobile"] == "13800138000"


def test_gb18030_and_bom_csv(tmp_path: Path) -> None:
    text = "订单编号,主办单位名称,省份\r\nB-1,杭州云栖示例科技有限公司,浙江省\r\n"
    for name, raw in (("gb.csv", text.encode("gb18030")), ("bom.csv", b"\xef\xbb\xbf" + text.encode())):
        (tmp_path / name).write_bytes(raw)
        result = run.import_sheet(tmp_path / name, tmp_path / name.replace(".", "_"), "en")
        assert result.report.findings == []
        assert data_of(tmp_path / name.replace(".", "_") / "B-1.yaml")["subject"]["name"] == "杭州云栖示例科技有限公司"
    assert reader.decode(text.encode("gb18030"))[1] == "gb18030"


def test_merged_header_and_empty_rows(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Sheet1"
    ws.append(["订单编号", "主体信息", None, "网站信息", None])  # a group row above the header
    ws.append([None, "主办单位名称", "省份", "网站名称", "网站域名"])
    ws.merge_cells("A1:A2")  # the order header spans both header rows: its text is in A1 only
    ws.merge_cells("B1:C1")
    ws.merge_cells("D1:E1")
    ws.append(["C-1", "甲示例有限公司", "浙江省", "甲示例官网", "a.example.com"])
    ws.append([None, None, None, "甲示例商城", "b.example.com"])  # the order's second website
    ws.append([None, None, None, None, None])  # an empty row
    ws.append(["C-2", "乙示例有限公司", "江苏省", "乙示例官网", "c.example.com"])
    book.save(tmp_path / "m.xlsx")
    result = imported(tmp_path, tmp_path / "m.xlsx")
    assert result.report.findings == []  # the group row above the header is not a header
    first = data_of(tmp_path / "out" / "C-1.yaml")
    assert [w["domain"] for w in first["websites"]] == ["a.example.com", "b.example.com"]
    assert data_of(tmp_path / "out" / "C-2.yaml")["subject"]["province"] == "江苏省"


def test_formula_bad_code_and_one_bad_row_does_not_stop_the_others(tmp_path: Path) -> None:
    path = sheet(tmp_path, [row(订单编号="D-1", 主办单位名称="=A2&B2", 备案性质="company"),
                            row(订单编号="D-2", 主办单位名称="丙示例有限公司", 备案性质="企业",
                                网站语言="中文简体、英语")])
    result = imported(tmp_path, path)
    rules = codes(result)
    assert ("ICP955", f"Sheet1!{letter('主办单位名称')}2") in rules
    assert ("ICP952", f"Sheet1!{letter('备案性质')}2") in rules
    assert result.counts["errors"] == 2
    good = data_of(tmp_path / "out" / "D-2.yaml")
    assert good["subject"]["nature"] == "enterprise" and good["websites"][0]["languages"] == ["zh-Hans", "en"]
    assert data_of(tmp_path / "out" / "D-1.yaml")["subject"]["nature"] == "company"  # as written, for check


def test_a_one_mib_cell_is_refused_and_the_rest_imported(tmp_path: Path) -> None:
    big = "备" * (1024 * 1024)
    text = f"订单编号,主体备注,省份\nE-1,{big},浙江省\nE-2,短备注,江苏省\n"
    (tmp_path / "big.csv").write_text(text, encoding="utf-8")
    result = run.import_sheet(tmp_path / "big.csv", tmp_path / "out", "en")
    assert codes(result) == [("ICP955", "B2")]
    assert "province" in data_of(tmp_path / "out" / "E-1.yaml")["subject"]
    assert data_of(tmp_path / "out" / "E-2.yaml")["subject"]["remarks"] == "短备注"


def test_no_order_column(tmp_path: Path) -> None:
    result = imported(tmp_path, sheet(tmp_path, [["x", "y"]], headers=["省份", "城市"]))
    assert codes(result) == [("ICP954", "Sheet1!A1")]
    assert result.counts["written"] == 0


def test_existing_draft_kept_then_replaced_with_a_backup(tmp_path: Path) -> None:
    path = sheet(tmp_path, [row(订单编号="F-1", 省份="浙江省")])
    out = tmp_path / "out"
    out.mkdir()
    (out / "F-1.yaml").write_text("# mine\n", encoding="utf-8")
    result = imported(tmp_path, path)
    assert [f.rule for f in result.report.findings] == ["ICP956"]
    assert (out / "F-1.yaml").read_text(encoding="utf-8") == "# mine\n"
    result = imported(tmp_path, path, force=True)
    assert result.counts["replaced"] == 1
    assert (out / "F-1.yaml.bak").read_text(encoding="utf-8") == "# mine\n"
    assert "浙江省" in (out / "F-1.yaml").read_text(encoding="utf-8")
    imported(tmp_path, path, force=True)  # a second --force: the backup is still the user's file
    assert (out / "F-1.yaml.bak").read_text(encoding="utf-8") == "# mine\n"


def test_a_file_too_large_to_be_a_draft_is_moved_to_the_backup_never_read(tmp_path: Path) -> None:
    """breaker22 L14: `import --force` over a 3 GiB sparse file under a draft's name read it whole
    and wrote a dense 3 GiB `.bak`; a file over the loader's limit is renamed to `.bak` instead."""
    path = sheet(tmp_path, [row(订单编号="F-1", 省份="浙江省")])
    out = tmp_path / "out"
    out.mkdir()
    big = out / "F-1.yaml"
    with open(big, "wb") as handle:
        handle.truncate(64 * 1024 * 1024)  # sparse: nothing of it is on disk
    inode = big.stat().st_ino
    result = imported(tmp_path, path, force=True)
    assert result.counts["replaced"] == 1
    backup = out / "F-1.yaml.bak"
    assert backup.stat().st_ino == inode and backup.stat().st_size == 64 * 1024 * 1024  # moved, not copied
    assert "浙江省" in big.read_text(encoding="utf-8")


def test_the_same_rows_from_a_renamed_sheet_are_unchanged(tmp_path: Path) -> None:
    """walker22: re-importing the same cells from a renamed sheet marked every draft as differing
    (ICP956), for the sheet's name in the header line alone."""
    path = sheet(tmp_path, [row(订单编号="F-1", 省份="浙江省")])
    imported(tmp_path, path)
    renamed = path.with_name("renamed" + path.suffix)
    path.rename(renamed)
    result = imported(tmp_path, renamed)
    assert result.counts["unchanged"] == 1 and not codes(result)


def test_never_through_a_symlink_nor_outside_the_folder(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    os.symlink(victim, out / "G-1.yaml")
    path = sheet(tmp_path, [row(订单编号="G-1"), row(订单编号="../../escape"), row(订单编号="..")])
    result = imported(tmp_path, path, force=True)
    assert victim.read_text(encoding="utf-8") == "keep"
    assert (out / "escape.yaml").is_file() and not (tmp_path / "escape.yaml").exists()
    assert sorted(f.rule for f in result.report.findings) == ["ICP955", "ICP955"]


def test_csv_formula_values_are_marked_and_read_back(tmp_path: Path) -> None:
    example = tmp_path / "x.yaml"
    example.write_text((ROOT / "examples" / "access.yaml").read_text(encoding="utf-8").replace(
        "subject:", "subject:\n  remarks: \"=HYPERLINK(1)\"", 1), encoding="utf-8")
    shown, _ = run.export_sheet([str(example)], "csv", tmp_path / "x.csv", "zh", True)
    assert ",'=HYPERLINK(1)," in (tmp_path / "x.csv").read_text(encoding="utf-8-sig")
    assert ",'=HYPERLINK(1)," in shown and ",=HYPERLINK" not in shown  # standard output is marked too
    run.import_sheet(tmp_path / "x.csv", tmp_path / "out", "en")
    assert data_of(tmp_path / "out" / "x.yaml")["subject"]["remarks"] == "=HYPERLINK(1)"


def test_export_names_what_the_sheet_cannot_carry(tmp_path: Path) -> None:
    example = tmp_path / "y.yaml"
    example.write_text((ROOT / "examples" / "access.yaml").read_text(encoding="utf-8") + "x_note: mine\n",
                       encoding="utf-8")
    _, reports = run.export_sheet([str(example)], "csv", None, "en", True)
    assert [(f.rule, f.message) for f in reports[0].findings] == [
        ("ICP957", "/x_note has no column in the sheet and was not exported")]


def test_cli_template_import_and_exit_codes(tmp_path: Path) -> None:
    assert icpfile("import", "--template", "t.xlsx", cwd=tmp_path).returncode == 0
    assert icpfile("import", "--template", "t.xlsx", cwd=tmp_path).returncode == 2  # maybe the agency's sheet
    assert icpfile("import", "--template", "t.xlsx", "--force", cwd=tmp_path).returncode == 0
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    assert book.sheetnames == ["客户", "说明"]
    assert [c.value for c in book["客户"][1]] == HEADERS
    explained = {r[0].value: r[4].value for r in book["说明"].iter_rows(min_row=2)}
    assert "enterprise 企业" in explained["备案性质"]
    ws = book["客户"]
    ws.append(row(订单编号="H-1", 主体负责人证件号码=110105194912310021))
    book.save(tmp_path / "t.xlsx")
    run_ = icpfile("import", "t.xlsx", "-o", "drafts", "--lang", "en", cwd=tmp_path)
    assert run_.returncode == 1
    assert f"t.xlsx:客户!{letter('主体负责人证件号码')}2  error  ICP950" in run_.stdout
    assert (tmp_path / "drafts" / "H-1.yaml").is_file()
    assert icpfile("import", "missing.xlsx", cwd=tmp_path).returncode == 2
    (tmp_path / "bad.xlsx").write_bytes(b"not a zip")
    bad = icpfile("import", "bad.xlsx", cwd=tmp_path)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1


def test_a_200_row_office_sheet_becomes_drafts_and_reports(tmp_path: Path) -> None:
    """Issue 19's 'done when': GB18030, IDs turned to E notation, an empty row → drafts and reports."""
    import csv
    import io

    drafts, _ = run.load_drafts([str(ROOT / "examples")])
    table = [HEADERS]
    n = 0
    while len(table) < 201:
        for name, _, data in drafts:
            table.extend(exporter.rows_of(f"{name}-{n:03d}", data, layout(), show_pii=True))
            n += 1
    table = table[:201]
    id_column = HEADERS.index("主体负责人证件号码")
    broken = [r for r in range(1, 201, 37) if table[r][id_column]][:4]
    for r in broken:
        table[r][id_column] = "1.1010519491231E+17"
    table.insert(100, [""] * len(HEADERS))  # an empty row in the middle
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(table)
    (tmp_path / "clients.csv").write_bytes(buffer.getvalue().encode("gb18030"))
    orders = len({row[0] for row in table[1:] if row[0]})
    result = run.import_sheet(tmp_path / "clients.csv", tmp_path / "clients", "en")
    assert result.counts["written"] == orders
    named = [f.pointer for f in result.report.findings if f.rule == "ICP950"]
    letter_ = importer.column_letter(id_column + 1)
    assert named == [f"{letter_}{r + 1 + (r >= 100)}" for r in broken]  # every broken cell, by its cell
    for folder in ("assets", "materials"):  # the files the example drafts name
        shutil.copytree(ROOT / "examples" / folder, tmp_path / "clients" / folder)
    for fmt in ("html", "xlsx"):
        done = icpfile("check", "clients", "--isolated", "--format", fmt, "-o", f"report.{fmt}", cwd=tmp_path)
        assert done.returncode == 1 and (tmp_path / f"report.{fmt}").stat().st_size > 1000
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert f'id="count-failing" data-count="{len(broken)}"' in page


def test_a_masked_number_from_a_confirmation_sheet_is_refused_at_its_cell(tmp_path: Path) -> None:
    """The confirmation sheet masks IDs and phones; imported back, the mask must not become the draft's
    number (a new user's round trip replaced every real ID by its mask)."""
    masked = row(订单编号="A-1", 主体负责人证件号码="330***********1238", 主体负责人手机号码="138****8000")
    path = sheet(tmp_path, [masked])
    result = imported(tmp_path, path)
    cells = {f.pointer for f in result.report.findings if f.rule == "ICP955"}
    assert cells == {f"Sheet1!{letter('主体负责人证件号码')}2", f"Sheet1!{letter('主体负责人手机号码')}2"}
    written = (tmp_path / "out").glob("*.yaml")
    assert all("****" not in p.read_text(encoding="utf-8") for p in written)


def test_import_refuses_an_output_folder_linked_out_of_the_tree(tmp_path: Path) -> None:
    """`drafts -> ../outside` committed by a pull request: import wrote IDs and phones outside the tree."""
    project, outside = tmp_path / "proj", tmp_path / "outside"
    project.mkdir()
    outside.mkdir()
    os.symlink(outside, project / "drafts")
    path = sheet(project, [row(订单编号="H-1")])
    done = icpfile("import", str(path), "-o", "drafts", cwd=project)
    assert done.returncode == 2 and "symbolic link" in done.stderr and "Traceback" not in done.stderr
    assert list(outside.iterdir()) == []


def test_the_order_id_cell_is_checked_like_any_other(tmp_path: Path) -> None:
    """An order id passed no cell check: a 30,000-character id was imported as a file name (breaker)."""
    path = sheet(tmp_path, [row(订单编号="A" * 30_000), row(订单编号="B-1")])
    result = imported(tmp_path, path)
    assert [(f.rule, f.pointer) for f in result.report.findings] == [("ICP955", f"Sheet1!{letter('订单编号')}2")]
    assert sorted(p.name for p in (tmp_path / "out").glob("*.yaml")) == ["B-1.yaml"]


def test_an_xlsx_of_countless_shared_strings_is_refused_before_openpyxl_reads_them(tmp_path: Path) -> None:
    """openpyxl loads every shared string first: 20 million of them (826 KB zipped) took minutes and GBs."""
    import zipfile

    from icpfile.sheets import reader

    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", "<si><t>a</t></si>" * (reader.MAX_SHARED_STRINGS // 17 + 1))
    with pytest.raises(reader.SheetError, match="shared strings"):
        reader.read_xlsx(bomb)


@pytest.mark.parametrize("number", [2887654321, 57188886666, "2887654321"])
def test_a_landline_that_lost_its_zero_still_fails_check_after_import(tmp_path: Path, number: object) -> None:
    """The landline is written as read (never given a guessed 0), and `check` refuses it at that
    line (ICP403), so the problem the import named does not vanish from the draft.

    Origin: issue 22, W30-21 (the draft passed `check` with a warning suggesting 086-0288-…)."""
    from conftest import check_text

    out = tmp_path / "one.xlsx"
    run.export_sheet([str(ROOT / "examples" / "enterprise-first-filing.yaml")], "xlsx", out, "zh", show_pii=True)
    book = openpyxl.load_workbook(out)
    book.worksheets[0][f"{letter('主体负责人联系方式2')}2"] = number
    book.save(out)
    result = imported(tmp_path, out)
    cell = f"客户!{letter('主体负责人联系方式2')}2"
    assert ("ICP950", cell) in codes(result)
    draft = tmp_path / "out" / "enterprise-first-filing.yaml"
    assert data_of(draft)["subject"]["principal"]["phone2"] == str(number)
    found = check_text(draft.read_text(encoding="utf-8"), lang="en")
    errors = [(f.rule, f.pointer) for f in found if f.severity.value == "error"]
    assert ("ICP403", "/subject/principal/phone2") in errors
    assert not [f for f in found if f.rule == "ICP404"]


def test_a_personal_row_without_investor_imports_into_a_valid_draft(tmp_path: Path) -> None:
    """A person's 投资人 is the person (docs/draft-format.md): a personal row that leaves it empty
    gets the 主办人's name, and the draft has no ICP100; a unit's stays missing (check names it).

    Origin: issue 22, W30-22."""
    from conftest import check_text

    out = tmp_path / "p.xlsx"
    run.export_sheet([str(ROOT / "examples" / "personal-first-filing.yaml"),
                      str(ROOT / "examples" / "enterprise-first-filing.yaml")], "xlsx", out, "zh", show_pii=True)
    book = openpyxl.load_workbook(out)
    for number in (2, 3):
        book.worksheets[0][f"{letter('投资人或主管单位')}{number}"] = None
    book.save(out)
    result = imported(tmp_path, out)
    assert result.report.findings == []
    personal = tmp_path / "out" / "personal-first-filing.yaml"
    assert data_of(personal) == data_of(ROOT / "examples" / "personal-first-filing.yaml")
    assert "ICP100" not in [f.rule for f in check_text(personal.read_text(encoding="utf-8"))]
    unit = (tmp_path / "out" / "enterprise-first-filing.yaml").read_text(encoding="utf-8")
    assert "investor" not in unit
    assert "ICP100" in [f.rule for f in check_text(unit)]


def test_dates_and_ids_a_sheet_mangled_are_named_at_their_cells(tmp_path: Path) -> None:
    """A year-first date (a spreadsheet's CSV writes a date cell as 2034/6/30) is the same date;
    any other text in a date column, 长期 where the field cannot be long-term, and a 居民身份证
    number of the wrong length are findings at their cells, written as read and marked.

    Origin: issue 22, W30-23 (2034/6/30 and a 20-character ID were reported by check alone, at no cell)."""
    path = sheet(tmp_path, [
        row(订单编号="D-1", 主体负责人证件类型="resident_id", 主体负责人证件号码="33010619850315123800",
            主体负责人证件有效期至="2034/6/30", 主体负责人证件有效期起="长期", 域名到期日期="2034年6月30日"),
        row(订单编号="D-2", 主体负责人证件类型="resident_id", 主体负责人证件号码="330106198503151238",
            主体负责人证件有效期至="30/6/2034", 域名实名认证日期="2034-02-30", 域名到期日期="2034.6.30"),
    ])
    result = imported(tmp_path, path)
    found = {(f.rule, f.pointer): f for f in result.report.findings}
    assert set(found) == {("ICP955", f"Sheet1!{letter('主体负责人证件号码')}2"),
                          ("ICP955", f"Sheet1!{letter('主体负责人证件有效期起')}2"),
                          ("ICP955", f"Sheet1!{letter('主体负责人证件有效期至')}3"),
                          ("ICP955", f"Sheet1!{letter('域名实名认证日期')}3")}
    assert "20 characters" in found[("ICP955", f"Sheet1!{letter('主体负责人证件号码')}2")].message
    assert "33010619850315123800" not in str(result.report.findings)
    one, two = (data_of(tmp_path / "out" / f"D-{n}.yaml") for n in (1, 2))
    assert one["subject"]["principal"]["id_expiry"] == "2034-06-30"
    assert one["websites"][0]["registration"]["expires_on"] == "2034-06-30"
    assert two["subject"]["principal"]["id_expiry"] == "30/6/2034"  # as read: check refuses it too
    assert two["websites"][0]["registration"]["expires_on"] == "2034-06-30"
    draft = (tmp_path / "out" / "D-2.yaml").read_text(encoding="utf-8")
    assert f"⚠ Sheet1!{letter('主体负责人证件有效期至')}3 ICP955" in draft
    assert "ICP955" not in draft.split("id_number")[1].split("\n")[0]  # a well-formed ID is not marked


def test_import_writes_the_drafts_comments_in_its_language(tmp_path: Path) -> None:
    """Origin: issue 22 (`import --lang en` wrote Chinese comments)."""
    import re

    path = sheet(tmp_path, [row(订单编号="L-1", 主办单位名称="杭州云栖示例科技有限公司",
                                主体负责人证件有效期至="30/6/2034")])
    han = re.compile("[\u4e00-\u9fff]")
    for lang in ("en", "zh"):
        run.import_sheet(path, tmp_path / lang, lang)
        text = (tmp_path / lang / "L-1.yaml").read_text(encoding="utf-8")
        comments = [line.split("  # ", 1)[1] for line in text.splitlines()[1:] if "  # " in line]
        assert comments and text.startswith("# icpfile 草稿" if lang == "zh" else "# icpfile draft")
        if lang == "en":
            assert not [c for c in comments if han.search(re.sub("`[^`]*`", "", c))], comments  # `长期` is a value
            assert "# ⚠ Sheet1!" in text
        else:
            assert all(han.search(c) for c in comments)
        assert data_of(tmp_path / lang / "L-1.yaml")["subject"]["name"] == "杭州云栖示例科技有限公司"


def test_a_reimport_under_the_other_language_leaves_the_draft_unchanged(tmp_path: Path) -> None:
    """Only the comments' language differs: the draft is not 'different from the sheet' (no ICP956)."""
    path = sheet(tmp_path, [row(订单编号="R-1", 主办单位名称="杭州云栖示例科技有限公司")])
    run.import_sheet(path, tmp_path / "out", "zh")
    before = (tmp_path / "out" / "R-1.yaml").read_bytes()
    again = run.import_sheet(path, tmp_path / "out", "en")
    assert again.report.findings == [] and again.counts["unchanged"] == 1
    assert (tmp_path / "out" / "R-1.yaml").read_bytes() == before


def test_a_sheet_with_no_rows_is_one_line_and_exit_2_unless_allow_empty(tmp_path: Path) -> None:
    """As `check` of a folder with no drafts: a sheet with no row (empty, blank lines, or its header
    alone; CSV and XLSX) imports nothing, says so in one line and exits 2, and makes no folder;
    --allow-empty (or the settings' allow_empty) accepts it, exit 0, without ICP954.

    Origin: issue 19 (a header-only sheet exited 0 with "wrote 0 draft(s)")."""
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "blank.csv").write_bytes(b"\r\n ,\r\n")
    (tmp_path / "header.csv").write_text(",".join(HEADERS) + "\n", encoding="utf-8")
    sheet(tmp_path, [], name="header.xlsx")
    sheet(tmp_path, [[None] * 3], name="blank.xlsx")
    for name in ("empty.csv", "blank.csv", "header.csv", "header.xlsx", "blank.xlsx"):
        for lang, words in (("en", "no rows to import"), ("zh", "没有可导入的行")):
            done = icpfile("import", name, "-o", "out", "--lang", lang, cwd=tmp_path)
            assert done.returncode == 2 and done.stdout == "", (name, done)
            assert done.stderr.count("\n") == 1 and words in done.stderr and name in done.stderr, done.stderr
            assert not (tmp_path / "out").exists()
        accepted = icpfile("import", name, "-o", "out", "--allow-empty", "--lang", "en", cwd=tmp_path)
        assert accepted.returncode == 0 and "wrote 0 draft(s)" in accepted.stdout, (name, accepted)
        assert "ICP954" not in accepted.stdout
        shutil.rmtree(tmp_path / "out")
    (tmp_path / ".icpfile.toml").write_text("allow_empty = true\n", encoding="utf-8")
    assert icpfile("import", "header.csv", "-o", "out", cwd=tmp_path).returncode == 0
    # A sheet with rows is not empty: no header is still ICP954 (exit 1), --allow-empty or not
    (tmp_path / ".icpfile.toml").unlink()
    (tmp_path / "noheader.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    for extra in ((), ("--allow-empty",)):
        done = icpfile("import", "noheader.csv", "-o", "out", *extra, cwd=tmp_path)
        assert done.returncode == 1 and "ICP954" in done.stdout, done


def test_check_of_an_imported_draft_names_the_sheet_cell_of_a_mangled_value(tmp_path: Path) -> None:
    """`check` on a draft `import` wrote: a finding on a line the import marked (`# ⚠ Sheet1!S2
    ICP950 | …`) says in its hint which cell of the sheet gave the value, zh and en; a finding on an
    unmarked line does not, and a mark inside a quoted value is no mark.

    Origin: issue 19 (sheets31: ICP303 "有 20 位" was reported at the draft's line only)."""
    import json

    path = sheet(tmp_path, [
        row(订单编号="M-1", 主体负责人证件类型="resident_id", 主体负责人证件号码=3.30106198503151e17,
            主体备注="# ⚠ Sheet1!A9 ICP950 | not a mark"),
    ])
    imported(tmp_path, path)
    cell = f"Sheet1!{letter('主体负责人证件号码')}2"
    draft = (tmp_path / "out" / "M-1.yaml").read_text(encoding="utf-8")
    assert f"# ⚠ {cell} ICP950 |" in draft
    for lang, words in (("en", f"came from the sheet's cell {cell} by icpfile import (marked ICP950 then)"),
                        ("zh", f"从表格单元格 {cell} 读出（导入时已标记 ICP950）")):
        done = icpfile("check", "out/M-1.yaml", "--format", "json", "--lang", lang, cwd=tmp_path)
        findings = json.loads(done.stdout)["files"][0]["findings"]
        marked = [f for f in findings if words in f["hint"]]
        assert marked and all(f["pointer"] == "/subject/principal/id_number" for f in marked), findings
        assert not any("A9" in f["hint"] for f in findings)
        assert any(f["pointer"] != "/subject/principal/id_number" and f["hint"] for f in findings)
        assert all(words not in f["hint"] for f in findings if f["pointer"] != "/subject/principal/id_number")
        text = icpfile("check", "out/M-1.yaml", "--lang", lang, cwd=tmp_path).stdout
        assert words in text


def test_a_fresh_folder_is_written_straight_and_an_existing_one_by_temporary_files(tmp_path, monkeypatch) -> None:
    """#19 speed: into a folder the import makes, each draft is created at its name (O_EXCL, no
    temporary file, no rename); into a folder that was there, a new draft still goes by a temporary
    file and a rename. Either way the bits are 0o666 less the umask, nothing `.tmp` is left, and an
    import stopped mid-write (Ctrl-C) leaves no cut draft."""
    import os
    import stat

    from icpfile.sheets import importer

    orders = [importer.Order(f"o{n}", n + 2, f"A{n + 2}", {"version": 1, "filing": {"type": "first"}})
              for n in range(3)]
    renames: list[str] = []
    real_replace = os.replace
    monkeypatch.setattr(os, "replace", lambda a, b: (renames.append(str(b)), real_replace(a, b))[1])
    old = os.umask(0o027)
    try:
        fresh = tmp_path / "new" / "drafts"
        done, issues = importer.write_orders(orders, fresh, "c.csv", lang="en")
        assert [w.status for w in done] == ["written"] * 3 and not issues and renames == []
        there = tmp_path / "there"
        there.mkdir()
        done, _ = importer.write_orders(orders, there, "c.csv", lang="en")
        assert [w.status for w in done] == ["written"] * 3 and len(renames) == 3
    finally:
        os.umask(old)
    for folder in (fresh, there):
        assert sorted(p.name for p in folder.iterdir()) == ["o0.yaml", "o1.yaml", "o2.yaml"]
        assert all(stat.S_IMODE(p.stat().st_mode) == 0o640 for p in folder.iterdir())
    assert (fresh / "o1.yaml").read_bytes() == (there / "o1.yaml").read_bytes()

    real_write = os.write

    def interrupted(fd: int, data) -> int:
        real_write(fd, bytes(data[:10]))
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "write", interrupted)
    try:
        importer.write_orders(orders, tmp_path / "cut", "c.csv", lang="en")
    except KeyboardInterrupt:
        pass
    else:
        raise AssertionError("the interrupt was swallowed")
    assert list((tmp_path / "cut").iterdir()) == []
