"""`icpfile rules` (icpfile/commands/explain.py): a rule explained, what applies where."""

from __future__ import annotations

import re

from icpfile.commands.explain import applicable, render, render_where
from icpfile.data.packs import Packs


def test_rules_code_shows_each_providers_position() -> None:
    """Origin: Rules as reviewers apply them, issue 10 (was tests/test_reviewers_2026.py)."""
    text = render("ICP201", "text", "zh")
    assert "tencent:" in text and "aliyun:" in text
    assert render("ICP216", "json", "en").count('"qingcloud"') == 1
    assert '"provider": "guide_only_rules"' in render("ICP216", "json", "en")


def test_rules_where_lists_what_applies_there() -> None:
    """Origin: Rules as reviewers apply them, issue 10 (was tests/test_reviewers_2026.py)."""
    there = {r.code for r in applicable("江苏省", "")}
    assert {"ICP216", "ICP217", "ICP201"} <= there and "ICP220" not in there
    assert "ICP216" not in {r.code for r in applicable("江苏省", "tencent")}
    assert "ICP220" in {r.code for r in applicable("河南省", "tencent")}
    text = render_where("上海市", "tencent", "text", "en")
    assert "评论" in text and "Tencent Cloud" in text


def test_rules_icp211_prints_no_unfilled_field() -> None:
    """Origin: Rules as reviewers apply them, issue 10 (was tests/test_reviewers_2026.py)."""
    for lang in ("zh", "en"):
        assert not re.search(r"\{[A-Za-z_][A-Za-z0-9_]*\}", render("ICP211", "text", lang))
        assert "{categories}" in render("ICP211", "json", lang)  # the record keeps its template


def test_province_data_keys_named_by_records_exist_in_the_defaults() -> None:
    """A record's applies: {province: key} names a key of provinces.yaml (a typo would hide the rule
    from `icpfile rules --province`).

    Origin: Rules as reviewers apply them, issue 10 (was tests/test_reviewers_2026.py).
    """
    from icpfile.data.catalog import rules

    packs = Packs()
    profile_keys = set(packs.profile(""))
    for rule in rules().values():
        if "province" in rule.applies:
            assert rule.applies["province"] in packs.defaults, rule.code
        if "provider" in rule.applies:
            assert rule.applies["provider"] in profile_keys, rule.code


def test_the_rules_command_takes_a_province_and_a_provider() -> None:
    """Origin: Rules as reviewers apply them, issue 10 (was tests/test_reviewers_2026.py)."""
    import json

    from typer.testing import CliRunner

    from icpfile.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["rules", "--province", "江苏", "--provider", "tencent", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["province"] == "江苏省" and data["provider"] == "tencent"
    assert "ICP217" in data["particular"] and "ICP216" not in data["rules"]
    assert runner.invoke(app, ["rules", "--province", "火星"]).exit_code == 2
    assert runner.invoke(app, ["rules", "--provider", "nobody"]).exit_code == 2


def test_rules_with_a_prefix_lists_the_rules_under_it() -> None:
    """Origin: issue 22, P26 (`icpfile rules ICP2` was refused though `--select ICP2` works)."""
    import json

    from icpfile.data.catalog import rules

    from conftest import invoke

    wanted = [code for code in rules() if code.startswith("ICP54")]
    listed = invoke("rules", "icp54")
    assert listed.exit_code == 0
    assert [line.split()[0] for line in listed.stdout.splitlines()] == wanted
    as_json = invoke("rules", "ICP2", "--format", "json")
    assert [r["code"] for r in json.loads(as_json.stdout)] == [c for c in rules() if c.startswith("ICP2")]
    refused = invoke("rules", "ICP2x")
    assert refused.exit_code == 2 and "no rule ICP2x" in refused.output


def test_rule_examples_name_the_draft_they_start_from_not_a_fixture() -> None:
    """Origin: issue 22, P26 (`base: enterprise_app`)."""
    text = render("ICP541", "text", "en")
    assert "base:" not in text and "from: a clean enterprise draft with a website and an app;" in text
    assert "起点: 一份无误的企业草稿（网站和 APP）" in render("ICP541", "text", "zh")


def test_rule_listings_name_the_severity_in_the_language() -> None:
    """Origin: issue 22, B16 (`icpfile rules --lang zh` listed `error`/`warning`)."""
    from icpfile.commands.explain import render_list, under

    listed = under("ICP20")
    assert render_list(listed, "text", "zh").splitlines()[0].startswith("ICP201  错误  name-min-hanzi")
    assert render_list(listed, "text", "en").splitlines()[0].startswith("ICP201  error    name-min-hanzi")
    assert "  error  " not in render_where("江苏省", "", "text", "zh")


def test_rules_code_shows_the_message_variants_and_which_an_example_gives() -> None:
    """#18: a rule whose message differs by case (record `messages:`) lists each text, and each
    failing example says which one it gives."""
    text = render("ICP303", "text", "en")
    for name in ("default", "full_width", "spreadsheet_number", "characters"):
        assert f"  {name}: resident ID number … " in text
        assert f"message: {name}" in text
    zh = render("ICP661", "text", "zh")
    assert "before_approval: 网站开通日期 … 早于 ICP 备案通过的 …" in zh and "提示语: before_approval" in zh
    assert '"before_approval": "the opening date {opened} is before' in render("ICP661", "json", "en")
    assert "messages" not in render("ICP201", "text", "en")  # no variants, no section
