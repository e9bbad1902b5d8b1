"""Rule packs are validated by pack.schema.json at load: each mistake at pack.yaml:LINE:COL, exit 2."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jsonschema
import pytest

from icpfile import engine
from icpfile.cli import main
from icpfile.data import packs, user_packs
from icpfile.data.catalog import read_data
from icpfile.options import Options

from conftest import (
    ROOT,
    TODAY,
    dump,
    example_base,
)

PERSONAL = str(ROOT / "examples" / "personal-first-filing.yaml")


def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["icpfile", *args])
    with pytest.raises(SystemExit) as stop:
        main()
    out, err = capsys.readouterr()
    return int(stop.value.code or 0), out, err


def test_the_built_in_data_follows_the_pack_schema() -> None:
    """national.yaml and provinces.yaml (defaults too) are what a pack may say, in full."""
    provinces = read_data("provinces.yaml")
    # The suffix lists come from the one table suffixes.yaml (#18.5), the rest from national.yaml.
    national = {**read_data("national.yaml"), **packs.suffix_lists()}
    data = {"national": national, "provinces": {**provinces["provinces"], "(defaults)": provinces["defaults"]}}
    assert list(jsonschema.Draft202012Validator(user_packs.schema()).iter_errors(data)) == []
    assert user_packs.problems(data) == []
    assert set(national) == set(user_packs.schema()["$defs"]["national"]["properties"])
    assert set(provinces["defaults"]) | {"short", "icp", "police", "division"} == set(
        user_packs.schema()["$defs"]["province"]["properties"])


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("national:\n  sensitive_words: 5\n", "2:20", 'must be a list, not "5"'),
        ("national:\n  mobile_pattern: \"[\"\n", "2:19", "not a valid regular expression"),
        ("provinces:\n  海南省:\n    personal_name_pattern: '(['\n", "3:28", "not a valid regular expression"),
        ("provinces:\n  海南省:\n    materials: [5]\n", "3:17", 'must be a mapping, not "5"'),
        ("provinces:\n  海南省:\n    min_age: old\n", "3:14", 'must be a whole number, not "old"'),
        ("rules: [a]\n", "1:8", "must be a mapping or empty, not a list"),
        ("national:\n  material_max_bytes: 99999999999999999999999999\n", "2:23", "must be a whole number"),
        ("national:\n  id_expiry_min_months: " + "9" * 5000 + "\n", "2:25", "must be a whole number, not"),
        ("national:\n  name_forbidden_prefixes: 中国\n", "2:28", 'must be a list, not "中国"'),
        ("rules:\n  ICP9999: {severity: error}\n", "2:3", "unknown rule code ICP9999"),
        ("rules:\n  ICP999: {severity: error}\n", "2:3", "unknown rule code ICP999"),
        ("rules:\n  ICP214: {severity: fatal}\n", "2:22", "must be one of error, warning, info"),
        ("provinces:\n  海南:\n    personal_name_banned_words: []\n", "2:3", "unknown province '海南'"),
        ("provinces:\n  海南省:\n    words: []\n", "3:5", "unknown province setting 'words'"),
        ("national:\n  colour: red\n", "2:3", "unknown national setting 'colour'"),
        ("extra: 1\n", "1:1", "unknown key 'extra' (a pack has rules, national and provinces)"),
        ("provinces:\n  海南省:\n    materials: [{kind: nope, zh: a, en: b}]\n", "3:24", "unknown material kind"),
        ("provinces:\n  海南省:\n    legal_rep: always\n", "3:16", "must be one of required, authorization"),
        # X04: the patterns of a mapping are compiled at load too, not at the rule (internal error)
        ("national:\n  mini_program_app_id_patterns:\n    wechat: \"[\"\n", "3:13", "not a valid regular expression"),
        ("national:\n  app_package_patterns:\n    android: \"(\"\n", "3:14", "not a valid regular expression"),
    ],
)
def test_a_pack_mistake_is_located_and_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, where: str,
    words: str,
) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(text, encoding="utf-8")
    code, out, err = run(monkeypatch, capsys, "check", PERSONAL, "--rules", str(pack))
    assert code == 2 and out == "", err
    assert f"{pack}:{where}: {words}" in err, err
    assert "internal error" not in err


# The same mistakes under `--lang zh`: each located, said in Chinese, no English words but the
# pack's own keys and values (#22: the pack loader's lines stayed English under zh).
ZH_PACK = """rules:
  ICP999: {severity: error}
  ICP214: {severity: fatal}
national:
  mobile_pattern: "["
  sensitive_words: 5
  colour: red
provinces:
  海南:
    words: []
  海南省:
    min_age: old
    materials: [{kind: nope, zh: a, en: b}]
extra: 1
"""
ZH_LINES = [
    "2:3: 未知的规则编码 ICP999",
    '3:22: 须为 error, warning, info 之一，而不是 "fatal"',
    "5:19: 不是有效的正则表达式（第 1 个字符附近）",
    '6:20: 须为列表，而不是 "5"',
    "7:3: 未知的全国设置“colour”",
    "9:3: 未知的省份“海南”（请写全称，如 海南省）",
    "10:5: 未知的省份设置“words”",
    '12:14: 须为整数，而不是 "old"',
    "14:1: 未知的键“extra”（规则包只有 rules、national 和 provinces）",
]


def test_a_pack_mistake_is_said_in_the_run_language(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(ZH_PACK, encoding="utf-8")
    code, out, err = run(monkeypatch, capsys, "check", PERSONAL, "--rules", str(pack), "--lang", "zh")
    assert code == 2 and out == "", err
    assert err.startswith("icpfile: 规则包有错误：\n"), err
    for line in ZH_LINES:
        assert f"{pack}:{line}\n" in err, (line, err)
    assert f"{pack}:13:24: 未知的材料类型“nope”（可用：app_screenshots" in err
    assert "must" not in err and "unknown" not in err and "unterminated" not in err
    code, _, err = run(monkeypatch, capsys, "check", PERSONAL, "--rules", str(pack), "--lang", "en")
    assert f"{pack}:5:19: not a valid regular expression: unterminated character set (near character 1)" in err


def test_a_word_that_looks_like_a_number_stays_a_word(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`2024` in a word list was an int and crashed ICP215; a string that is not a list is refused above."""
    pack = tmp_path / "pack.yaml"
    pack.write_text("provinces:\n  浙江省:\n    personal_name_banned_words: [2024, 读书]\n", encoding="utf-8")
    loaded = user_packs.load(pack)
    assert loaded.provinces["浙江省"]["personal_name_banned_words"] == ["2024", "读书"]
    code, out, err = run(monkeypatch, capsys, "check", PERSONAL, "--rules", str(pack), "--format", "json")
    assert code == 1 and "internal error" not in err
    found = json.loads(out)["files"][0]["findings"]
    assert any(f["rule"] == "ICP215" and "读书" in f["message"] for f in found)


def test_numbers_and_booleans_are_typed_where_the_schema_asks(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text("provinces:\n  海南省:\n    min_age: 16\n    local_mobile: true\n    legal_rep: null\n"
                    "rules:\n  ICP214: {severity: error}\n", encoding="utf-8")
    loaded = user_packs.load(pack)
    assert loaded.provinces["海南省"] == {"min_age": 16, "local_mobile": True, "legal_rep": None}
    assert loaded.severities == {"ICP214": "error"}


def test_empty_sections_are_allowed(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text("rules:\nnational:\nprovinces:\n  海南省:\n", encoding="utf-8")
    loaded = user_packs.load(pack)
    assert (loaded.national, loaded.provinces, loaded.severities) == ({}, {}, {})


@pytest.mark.timeout(60)
def test_a_catastrophic_pack_pattern_is_cut_off_and_reported() -> None:
    """`^(a|a)*$` on 40 a's and a `!` backtracks 2⁴⁰ times: uncut it would hang past the timeout;
    cut off it is ICP016 naming the rule (#23.6: no timed assertion).

    Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    from icpfile.data.packs import Packs

    data = example_base("personal")
    data["subject"]["province"] = "江苏省"
    data["websites"][0]["name"] = "a" * 40 + "!"
    packs = Packs([{"provinces": {"江苏省": {"personal_name_pattern": "^(a|a)*$"}}}])
    result = engine.check_bytes(dump(data).encode(), "d.yaml", Options(today=TODAY), packs)
    assert not result.internal
    assert any(f.rule == "ICP016" and "ICP216" in f.message for f in result.report.findings)


@pytest.mark.parametrize(("pointer", "pattern"), [("/national/app_package_patterns/android", "^(a|a)*$"),
                                                  ("/national/mini_program_app_id_patterns/wechat", "^(a|a)*$")])
@pytest.mark.timeout(60)
def test_a_catastrophic_app_pattern_is_cut_off_and_reported(pointer: str, pattern: str) -> None:
    """T07, T09 of the s3 breaker: the app package and AppID patterns of a pack ran with plain `re`
    (18 s at 29 characters, doubling per character); they run under the regex timeout now. At 40
    characters an uncut match would hang past the timeout (#23.6: no timed assertion)."""
    from icpfile.data.packs import Packs

    key = pointer.split("/")[2]
    which = pointer.split("/")[3]
    data = example_base("mini_program" if which == "wechat" else "app_only")
    app = data["apps"][0]
    if which == "wechat":
        app["app_id"] = "a" * 40 + "!"
    else:
        app["platforms"][0]["package"] = "a" * 40 + "!"
    packs = Packs([{"national": {key: {which: pattern}}}])
    result = engine.check_bytes(dump(data).encode(), "d.yaml", Options(today=TODAY), packs)
    assert not result.internal
    assert any(f.rule == "ICP016" for f in result.report.findings), [f.rule for f in result.report.findings]
