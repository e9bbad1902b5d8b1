"""`icpfile export --platform P`: the bundled mini-program's body for each platform, validated
against the platform's shipped schema; a draft the platform cannot take gets findings, no body."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from icpfile.cli import app
from icpfile.platforms import PLATFORMS
from icpfile.platforms.export import body_schema

from conftest import ROOT

# Made-up ids standing in for a refreshed list: the sources document no id for these names.
TEST_CODES = {"date": "2026-12-03", "service_content": {"教育-在线学习": 301}, "pre_approvals": {"none": 99}}


def _example(tmp_path: Path, codes: bool = True, **changes: object) -> Path:
    folder = tmp_path / "draft"
    shutil.copytree(ROOT / "examples" / "materials", folder / "materials", dirs_exist_ok=True)
    data = yaml.safe_load((ROOT / "examples" / "wechat-mini-program.yaml").read_text(encoding="utf-8"))
    for pointer, value in changes.items():
        *parents, last = pointer.split("__")
        node = data
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        if value is None:
            node.pop(last)
        else:
            node[last] = value
    draft = folder / "wechat-mini-program.yaml"
    draft.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if codes:
        for platform in PLATFORMS:
            target = folder / ".icpfile" / "codes" / f"{platform}.json"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(TEST_CODES, ensure_ascii=False), encoding="utf-8")
    return draft


def _run(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


@pytest.mark.parametrize("platform", PLATFORMS)
def test_the_bundled_mini_program_exports_to_each_platform_and_validates(platform: str, tmp_path: Path) -> None:
    draft = _example(tmp_path)
    result = _run("export", "--platform", platform, str(draft), "--lang", "en")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert not list(Draft202012Validator(body_schema(platform)).iter_errors(body))
    assert "330106" in json.dumps(body)  # 西湖区 as its six-digit code
    assert "media:/materials/" in json.dumps(body)  # the ID photos, to be uploaded by submit


def test_the_wechat_body_maps_codes_dates_address_and_media(tmp_path: Path) -> None:
    body = json.loads(_run("export", "--platform", "wechat", str(_example(tmp_path))).stdout)
    subject = body["icp_subject"]
    assert subject["base_info"]["type"] == 5 and subject["organize_info"]["certificate_type"] == 2
    assert (subject["base_info"]["province"], subject["base_info"]["city"]) == ("330000", "330100")
    assert subject["base_info"]["address"] == "文三路100号2单元301室"  # without the region's names
    principal = subject["principal_info"]
    assert principal["certificate_validity_date_start"] == "20180720"
    assert principal["certificate_validity_date_end"] == "20380720"
    assert principal["certificate_photo_front"] == "media:/materials/1/path"
    assert principal["certificate_photo_back"] == "media:/materials/2/path"
    applet = body["icp_applets"]
    assert applet["base_info"]["service_content_types"] == [301]
    assert applet["base_info"]["nrlx_details"] == [{"type": 99}]
    assert applet["principal_info"]["verify_task_id"] == "face-check:pending"
    assert body["icp_materials"]["commitment_letter"] == ["media:/materials/3/path"]


def test_douyin_takes_unix_seconds_and_a_has_end_flag(tmp_path: Path) -> None:
    body = json.loads(_run("export", "--platform", "douyin", str(_example(tmp_path))).stdout)
    corp = body["corp_info"]
    assert corp["incharge_people_credentials_valid_start_time"] == 1532016000  # 2018-07-20 00:00 +08:00
    assert corp["incharge_people_credentials_has_end_time"] is True
    assert corp["incharge_people_credentials_valid_end_time"] == 2163168000  # 2038-07-20 00:00 +08:00
    assert body["app_info"]["involve_pre_approval"] is False


def test_alipay_sends_codes_as_strings_and_huawei_a_period(tmp_path: Path) -> None:
    draft = _example(tmp_path)
    alipay = json.loads(_run("export", "--platform", "alipay", str(draft)).stdout)
    assert alipay["icp_subject"]["type"] == "5" and alipay["icp_subject"]["directer_certificate_validate_start"] == (
        "2018-07-20")
    huawei = json.loads(_run("export", "--platform", "huawei", str(draft)).stdout)
    assert huawei["subject"]["principal"]["certificatePeriod"] == "2018.07.20-2038.07.20"
    assert huawei["service"]["serviceTypeId"] == 8


def test_without_a_refreshed_list_the_unknown_codes_are_findings_at_their_lines(tmp_path: Path) -> None:
    draft = _example(tmp_path, codes=False)
    result = _run("export", "--platform", "wechat", str(draft), "--lang", "en")
    assert result.exit_code == 1
    typed = draft.read_text(encoding="utf-8").splitlines()
    content = next(i for i, line in enumerate(typed, 1) if "教育-在线学习" in line)
    approvals = next(i for i, line in enumerate(typed, 1) if "pre_approvals" in line)
    assert "{" not in result.stdout.split("ICP572")[0]  # no body before or instead of the findings
    lines = [line for line in result.stdout.splitlines() if "ICP572" in line]
    assert len(lines) == 2 and "教育-在线学习" in lines[0] and "以上都不涉及" in lines[1]
    assert f":{content}:" in lines[0] and f":{approvals}:" in lines[1]


def test_a_draft_missing_what_the_platform_requires_gets_findings_not_a_body(tmp_path: Path) -> None:
    draft = _example(tmp_path, subject__principal__id_valid_from=None)
    result = _run("export", "--platform", "wechat", str(draft), "--lang", "en")
    assert result.exit_code == 1
    found = [line for line in result.stdout.splitlines() if "ICP570" in line]
    assert found and all("certificate_validity_date_start" in line for line in found)
    line = draft.read_text(encoding="utf-8").splitlines().index("  principal:") + 1
    assert all(f":{line}:" in f for f in found)  # at the principal, where id_valid_from belongs
    assert '"icp_subject"' not in result.stdout


def test_export_writes_the_body_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "body.json"
    result = _run("export", "--platform", "wechat", str(_example(tmp_path)), "-o", str(out))
    assert result.exit_code == 0 and json.loads(out.read_text(encoding="utf-8"))["icp_subject"]
    assert _run("export", "--platform", "baidu", str(_example(tmp_path))).exit_code == 2


def test_the_platform_s_media_limits_apply_when_the_draft_names_it(tmp_path: Path) -> None:
    """The same small JPEG is fine for WeChat and refused for Alipay (100 KB at least), in `check`."""
    draft = _example(tmp_path)
    (draft.parent / "materials" / "small.jpg").write_bytes((ROOT / "examples" / "materials" / "id-front.jpg")
                                                          .read_bytes()[:2048])
    text = draft.read_text(encoding="utf-8").replace("materials/id-back.jpg", "materials/small.jpg")
    draft.write_text(text, encoding="utf-8")
    assert "ICP573" not in _run("check", str(draft)).stdout
    draft.write_text(text.replace("host: wechat", "host: alipay"), encoding="utf-8")
    out = _run("check", str(draft), "--lang", "en").stdout
    assert "ICP573" in out and "small.jpg" in out
