"""Platform codes: the dated snapshot names only draft codes, regions cover every division."""

from __future__ import annotations

import json

import yaml

from icpfile.data.catalog import read_data
from icpfile.platforms import codes as pc
from icpfile.schema import draft as sch
from icpfile.values import material_needs as mat

from conftest import ROOT, check_text, dump


def _enum(node: dict) -> set[str]:
    return set(sch.deref(node)["enum"])


def test_every_code_of_the_snapshot_is_a_code_of_the_draft() -> None:
    defs = sch.schema()["$defs"]
    snap = pc.snapshot()
    assert set(snap["natures"]["ids"]) == _enum(defs["subject"]["properties"]["nature"])
    assert set(snap["certificates"]["ids"]) <= _enum(defs["certificate_type"])
    assert set(snap["platforms"]["wechat"]["pre_approvals"]["ids"]) <= _enum(
        defs["pre_approval"]["properties"]["category"])
    languages = defs["website"]["properties"]["languages"]["items"]["enum"]
    assert [snap["languages"]["ids"][code] for code in languages] == list(range(1, 18))
    assert snap["date"] and all(snap[t]["source"] for t in pc.SHARED)


def test_region_codes_cover_every_name_of_the_divisions() -> None:
    divisions = read_data("divisions.yaml")
    missing = [(p, c, d) for p, prov in divisions["provinces"].items() for c, ds in prov["cities"].items()
               for d in ds if pc.region(p, c, d) is None]
    assert missing == []
    assert pc.region("北京市", "北京市", "朝阳区") == ("110000", "110100", "110105")
    assert pc.region("浙江省", "杭州市", "西湖区") == ("330000", "330100", "330106")
    assert pc.region("浙江省", "杭州市", "不存在区") is None


def test_a_certificate_with_an_id_per_nature_is_looked_up_by_nature(tmp_path) -> None:
    overlay = tmp_path / "wechat.json"
    overlay.write_text(json.dumps({"date": "2026-12-04", "certificates_by_nature": {
        "organization_code": {"social_group": 9}}, "service_content": {"教育-在线学习": 77}}), encoding="utf-8")
    codes = pc.Codes.load("wechat", overlay)
    assert codes.certificate("organization_code", "social_group") == 9
    assert codes.certificate("organization_code", "enterprise") is None  # never guessed
    assert codes.id("service_content", "教育-在线学习") == 77 and codes.refreshed
    assert pc.Codes.load("wechat").id("service_content", "教育-在线学习") is None


def test_a_promise_video_may_be_an_mp4_and_nothing_else_may() -> None:
    formats = read_data("national.yaml")["material_formats"]
    head = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 8
    assert mat.sniff(head, formats, "promise_video") == "mp4"
    assert mat.sniff(head, formats, "principal_id") is None


def test_the_new_draft_keys_pass_the_schema() -> None:
    data = yaml.safe_load((ROOT / "examples" / "wechat-mini-program.yaml").read_text(encoding="utf-8"))
    data["subject"]["principal"]["id_valid_from"] = "2018-07-20"
    findings = check_text(dump(data))
    assert not [f for f in findings if f.rule.startswith("ICP1")], findings
