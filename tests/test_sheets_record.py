"""The sheet's `record:` and `police:` columns (#19): a filed client's draft goes through the sheet
and back unchanged, an edit made since approval included (the record's copy is written as what
differs), and an ID inside the record's copy is masked like every other."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from icpfile.load.read import load_path
from icpfile.schema import typed
from icpfile.sheets import run, snapshot

ROOT = Path(__file__).resolve().parent.parent
FILED = ROOT / "examples" / "filed-site-with-police.yaml"


def data_of(path: Path) -> dict:
    return typed.apply(load_path(path, str(path)).data)


def round_trip(tmp: Path, draft: dict, fmt: str = "xlsx") -> tuple[dict, list, list]:
    source = tmp / "in" / "c-1.yaml"
    source.parent.mkdir(exist_ok=True)
    source.write_text(json.dumps(draft, ensure_ascii=False), encoding="utf-8")  # JSON is YAML
    _, reports = run.export_sheet([str(source)], fmt, tmp / f"c.{fmt}", "en", show_pii=True)
    result = run.import_sheet(tmp / f"c.{fmt}", tmp / "out", "en")
    return (data_of(tmp / "out" / "c-1.yaml"), [f.pointer for r in reports for f in r.findings],
            [(f.rule, f.pointer) for f in result.report.findings])


def edited_since_approval() -> dict:
    draft = data_of(FILED)
    draft["subject"]["mailing_address"] = "浙江省杭州市余杭区文一西路1号"  # moved since
    draft["subject"]["principal"]["mobile"] = "13900139001"
    del draft["subject"]["investor"]
    draft["subject"]["remarks"] = "新增备注"  # not in the record
    draft["websites"].append({"name": "第二个网站", "domain": "example.org", "access": {"service": "ecs",
                              "ip": ["47.96.10.21"]}, "content": "unit_portal", "service_type": "website_app",
                              "languages": ["zh-Hans"], "principal": "same_as_subject"})  # added after approval
    draft["websites"][0]["languages"] = ["zh-Hans", "en"]
    return draft


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_draft_edited_since_approval_comes_back_the_same(tmp_path: Path, fmt: str) -> None:
    draft = edited_since_approval()
    back, left_out, findings = round_trip(tmp_path, draft, fmt)
    assert left_out == [] and findings == []
    assert back == draft
    assert back["record"]["subject"]["mailing_address"] == "浙江省杭州市余杭区文一西路969号3号楼5层"


def test_a_record_without_copies_and_an_app_record(tmp_path: Path) -> None:
    draft = edited_since_approval()
    del draft["record"]["subject"]
    del draft["record"]["websites"][0]["filed"]
    back, left_out, findings = round_trip(tmp_path, draft)
    assert left_out == [] and findings == [] and back == draft
    app = data_of(ROOT / "examples" / "app-only.yaml")
    app["record"] = {"approved_on": "2026-11-20", "number": "浙ICP备2026000003号", "apps": [
        {"number": "浙ICP备2026000003号-1A", "approved_on": "2026-11-21", "filed": copy.deepcopy(app["apps"][0])}]}
    app["record"]["apps"][0]["filed"]["name"] = "旧名称"
    (tmp_path / "app").mkdir()
    back, left_out, findings = round_trip(tmp_path / "app", app)
    assert left_out == [] and findings == [] and back == app


def test_the_record_copy_is_written_as_what_differs_and_masked(tmp_path: Path) -> None:
    source = tmp_path / "c-1.yaml"
    source.write_text(json.dumps(edited_since_approval(), ensure_ascii=False), encoding="utf-8")
    masked, _ = run.export_sheet([str(source)], "csv", None, "zh", show_pii=False)
    assert "13800138000" not in masked and "330106198503151238" not in masked
    assert 'principal.mobile: ""138****8000""' in masked and "-remarks" in masked  # CSV doubles the quotes
    shown, _ = run.export_sheet([str(source)], "csv", None, "zh", show_pii=True)
    assert 'principal.mobile: ""13800138000""' in shown
    (tmp_path / "masked.csv").write_text(masked, encoding="utf-8")
    result = run.import_sheet(tmp_path / "masked.csv", tmp_path / "out", "en")
    refused = [f for f in result.report.findings if f.rule == "ICP955" and "principal.mobile" in f.message]
    assert refused, [f.message for f in result.report.findings]


def test_snapshot_changes_and_apply_are_inverse() -> None:
    base = {"a": 1, "b": {"c": [1, 2], "d": "x"}, "e": True}
    copy_ = {"a": 1, "b": {"c": [1], "f": None}, "g": {"h": "新"}, "e": 1}
    found = snapshot.changes(base, copy_)
    assert snapshot.apply(base, found) == copy_ and type(snapshot.apply(base, found)["e"]) is int
    assert snapshot.parse(snapshot.text(found)) == (found, [])
    assert snapshot.parse("mailing_address: 文三路 1 号\nnot a line\n-x.") == (
        [(("mailing_address",), "文三路 1 号")], ["not a line", "-x."])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_template_notes_follow_the_first_sheet_chinese_with_english_under(tmp_path: Path, lang: str) -> None:
    """The first sheet's headers are Chinese; its notes sheet was English under --lang en (#19 walk)."""
    import openpyxl

    from icpfile.sheets.exporter import template

    template(tmp_path / "t.xlsx", lang)
    notes = [[c.value for c in r] for r in openpyxl.load_workbook(tmp_path / "t.xlsx")["说明"].iter_rows()]
    how = {r[0]: r[3] for r in notes[1:]}
    if lang == "zh":
        assert notes[0][0] == "列名" and how["备案性质"] == "下列取值之一（代码或中文名称）"
    else:
        assert notes[0][0] == "列名\nHeader"
        assert how["备案性质"] == "下列取值之一（代码或中文名称）\none of the values below (code or Chinese label)"
        assert how["订单编号"].startswith("一个订单一个编号") and "\none id an order" in how["订单编号"]
