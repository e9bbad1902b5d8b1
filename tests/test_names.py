"""Name rules (icpfile/checks/names.py) beyond the records' own examples: hidden characters, providers, provinces."""

from __future__ import annotations

import json

import pytest

from icpfile.data.packs import Packs
from icpfile.findings import Severity

from conftest import (
    check_text,
    codes,
    dump,
    example_base,
    example_findings,
    invoke,
    only,
    person_in,
    pointers,
)

HIDERS = {"combining mark": "\u0301", "variation selector": "\ufe0f", "Hangul filler": "\u3164",
          "zero-width space": "\u200b", "soft hyphen": "\u00ad"}


def name_rules(name: str, *extra: str) -> set[str]:
    result = invoke("name", name, "--province", "浙江省", "--nature", "personal", "--format", "json", *extra)
    return {f["rule"] for f in json.loads(result.output)["files"][0]["findings"]}


@pytest.mark.timeout(60)
def test_special_symbol_scan_is_linear_in_distinct_symbols() -> None:
    """180,000 characters, 60,000 distinct: a scan quadratic in distinct symbols (3·10¹⁰ steps) would
    hang past the timeout; the linear one takes a fraction of a second. Its speed is bench/'s
    (bench/contract.py), not a timed assertion here (#23.6).

    Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    from icpfile.values.text import special_characters

    symbols = "".join(chr(c) for c in range(0x2100, 0x2100 + 60000) if not 0xD800 <= c < 0xE000)
    found = special_characters(symbols * 3)
    assert len(found) == len(set(found))


@pytest.mark.parametrize("hider", list(HIDERS))
@pytest.mark.parametrize(("word", "base", "code"), [
    ("论坛", "personal", "ICP210"), ("社区", "personal", "ICP210"), ("赌博", "enterprise", "ICP206"),
])
def test_a_hidden_character_inside_a_word_does_not_hide_it(hider: str, word: str, base: str, code: str) -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    data = example_base("personal") if base == "personal" else example_base("enterprise")
    data["websites"][0]["name"] = "静夜读书" + word[0] + HIDERS[hider] + word[1]
    found = check_text(dump(data))
    assert code in [f.rule for f in found]
    hidden = only(found, "ICP230")
    assert hidden.column > 1


@pytest.mark.parametrize("name", ["中\ufe0f国读书会", "全\u3164国读书会", "中\u0301国读书会"])
def test_a_hidden_character_inside_a_prefix_does_not_hide_it(name: str) -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    data = example_base("enterprise")
    data["websites"][0]["name"] = name
    assert "ICP204" in [f.rule for f in check_text(dump(data))]


def test_traditional_and_compatibility_forms_are_read_as_simplified() -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    data = example_base("personal")
    data["websites"][0]["name"] = "静夜讀書論壇"
    assert "ICP210" in [f.rule for f in check_text(dump(data))]
    data = example_base("enterprise")
    data["websites"][0]["name"] = "\uf9b5子中國賭博"
    assert {"ICP206", "ICP230"} <= {f.rule for f in check_text(dump(data))}


def test_the_hidden_character_is_reported_at_its_column() -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    data = example_base("enterprise")
    data["websites"][0]["name"] = "云栖科技\u200b官网"
    text = dump(data)
    finding = only(check_text(text), "ICP230")
    line = text.split("\n")[finding.line - 1]
    assert line[finding.column - 1] == "\u200b" or line[finding.column - 1 :].startswith("\\u200B")


@pytest.mark.parametrize(("name", "code"), [
    ("静夜读书论-坛", "ICP210"), ("静夜读书(论)坛", "ICP210"), ("静夜读书论（坛）", "ICP210"),
    ("静夜读书博-客", "ICP218"), ("中-国静夜读书", "ICP204"), ("(中国)静夜读书", "ICP204"),
])
def test_symbols_tencent_accepts_do_not_hide_a_word(name: str, code: str) -> None:
    """Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""
    found = name_rules(name, "--provider", "tencent")
    assert code in found and "ICP203" not in found


def test_a_gambling_word_split_by_a_hyphen_is_still_found() -> None:
    """Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""
    result = invoke("name", "赌-博静夜读书", "--province", "浙江省", "--nature", "enterprise", "--format", "json",
                 "--provider", "tencent")
    assert "ICP206" in {f["rule"] for f in json.loads(result.output)["files"][0]["findings"]}


@pytest.mark.parametrize("sep", [" ", "\t", "\u3000", "\u2028", "\x1b", "\x7f", "\b", "\u2800", "\x85"])
def test_whitespace_and_controls_do_not_hide_a_word(sep: str) -> None:
    """Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""
    assert "ICP210" in name_rules(f"静夜读书论{sep}坛")


@pytest.mark.parametrize("sep", ["\t", "\u2028", "\x1b", "\x7f", "\b", "\u2800", "\x85"])
def test_invisible_separators_are_hidden_characters(sep: str) -> None:
    """Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""
    assert "ICP230" in name_rules(f"静夜读书论{sep}坛")


@pytest.mark.parametrize("sep", [" ", "\u3000", "-"])
def test_visible_separators_are_not_hidden_characters(sep: str) -> None:
    """Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""
    assert "ICP230" not in name_rules(f"静夜读书{sep}笔记")


def test_a_video_word_in_a_personal_name_is_refused_for_its_licence() -> None:
    """Origin: Rules as reviewers apply them, issue 10 (was tests/test_reviewers_2026.py)."""
    found = example_findings(person_in("河北省", "13", **{"/websites/0/name": "好多视频网"}))
    finding = only(found, "ICP218")
    assert finding.pointer == "/websites/0/name"
    assert finding.severity is Severity.ERROR
    assert "网络视听" in finding.message and "视频" in finding.message
    assert "HW 2025-12-31" in finding.hint  # the word's own source and its date


def test_commentary_is_refused_in_shanghai_and_not_where_no_list_says_so() -> None:
    """Origin: Rules as reviewers apply them, issue 10 (was tests/test_reviewers_2026.py)."""
    shanghai = example_findings(person_in("上海市", "31", **{"/websites/0/name": "电影评论笔记"}))
    assert "评论" in {f.message.split("“")[2].split("”")[0] for f in shanghai if f.rule == "ICP218"}
    zhejiang = example_findings({"base": "personal", "set": {"/websites/0/name": "读书评论笔记"}})
    assert "ICP218" not in codes(zhejiang)


def test_every_licensed_word_names_its_licence_and_dated_source() -> None:
    """Origin: Rules as reviewers apply them, issue 10 (was tests/test_reviewers_2026.py)."""
    for word in Packs().name_words:
        assert word["licence"]["zh"] and word["licence"]["en"]
        assert any(ch.isdigit() for ch in word["source"]), word


def test_a_unit_needs_the_approval_its_name_implies() -> None:
    """Origin: Rules as reviewers apply them, issue 10 (was tests/test_reviewers_2026.py)."""
    fail = example_findings({"base": "enterprise", "set": {"/websites/0/name": "云栖新闻官网"}})
    assert pointers(fail, "ICP219") == ["/websites/0/name"]
    held = example_findings({"base": "enterprise", "set": {"/websites/0/name": "云栖新闻官网",
                                                   "/websites/0/pre_approvals": [{"category": "news",
                                                                                  "number": "31120190001"}]}})
    assert "ICP219" not in codes(held)


def test_a_blog_word_in_a_personal_remark_is_an_error_at_the_remark() -> None:
    """Origin: Rules as reviewers apply them, issue 10 (was tests/test_reviewers_2026.py)."""
    found = example_findings({"base": "personal", "set": {"/websites/0/remarks": "个人技术博客，记录学习。"}})
    assert pointers(found, "ICP223") == ["/websites/0/remarks"]


def test_jiangsu_content_remark_is_met_by_either_remark_and_is_never_an_error() -> None:
    """Origin: Rules as reviewers apply them, issue 10 (was tests/test_reviewers_2026.py)."""
    site_only = person_in("江苏省", "32", **{"/websites/0/name": "李四的个人博客"})
    site_only["unset"] = ["/subject/remarks"]
    subject_only = person_in("江苏省", "32", **{"/websites/0/name": "李四的个人博客"})
    subject_only["unset"] = ["/websites/0/remarks"]
    assert "ICP217" not in codes(example_findings(site_only))
    assert "ICP217" not in codes(example_findings(subject_only))
    neither = person_in("江苏省", "32", **{"/websites/0/name": "李四的个人博客"})
    neither["unset"] = ["/subject/remarks", "/websites/0/remarks"]
    assert only(example_findings(neither), "ICP217").severity is Severity.WARNING


def test_inner_mongolia_wants_thirty_characters_and_a_commitment() -> None:
    """Origin: Rules as reviewers apply them, issue 10 (was tests/test_reviewers_2026.py)."""
    short = example_findings(person_in("内蒙古自治区", "15"))
    assert only(short, "ICP224").pointer == "/websites/0/remarks"
    remark = "本网站为个人网站，用于记录读书笔记和摄影作品，不含任何企业信息，本人承诺所填信息真实有效。"
    assert not {"ICP224", "ICP225"} & set(codes(example_findings(person_in("内蒙古自治区", "15",
                                                                     **{"/websites/0/remarks": remark}))))


def test_henan_forbids_china_anywhere_once() -> None:
    """Origin: Rules as reviewers apply them, issue 10 (was tests/test_reviewers_2026.py)."""
    middle = example_findings(
        {"base": "enterprise", "set": {"/subject/province": "河南省", "/websites/0/name": "云栖中国站"}})
    assert pointers(middle, "ICP220") == ["/websites/0/name"]
    front = example_findings(
        {"base": "enterprise", "set": {"/subject/province": "河南省", "/websites/0/name": "中国云栖科技"}})
    assert "ICP204" in codes(front) and "ICP220" not in codes(front)


def test_yunnan_company_may_not_take_a_portal_name() -> None:
    """Origin: Rules as reviewers apply them, issue 10 (was tests/test_reviewers_2026.py)."""
    found = example_findings(
        {"base": "enterprise", "set": {"/subject/province": "云南省", "/websites/0/name": "怒江网"}})
    assert pointers(found, "ICP221") == ["/websites/0/name"]


def test_sichuan_unrelated_unit_name_is_a_reminder() -> None:
    """Origin: Rules as reviewers apply them, issue 10 (was tests/test_reviewers_2026.py)."""
    found = example_findings(
        {"base": "enterprise", "set": {"/subject/province": "四川省", "/websites/0/name": "好运旅行指南"}})
    assert only(found, "ICP222").severity is Severity.INFO


def test_jiangsu_pattern_is_an_error_only_under_the_guides_provider() -> None:
    """Origin: Rules as reviewers apply them, issue 10 (was tests/test_reviewers_2026.py)."""
    for provider in (None, "aliyun"):
        sets = {"/filing/provider": provider} if provider else {}
        found = example_findings(person_in("江苏省", "32", **sets))
        assert only(found, "ICP216").message.startswith("按指南（阿里云，2020-09-21）")
    for provider in ("tencent", "huawei", "jd", "qingcloud"):
        assert "ICP216" not in codes(example_findings(person_in("江苏省", "32", **{"/filing/provider": provider})))
    unnamed = only(example_findings(person_in("江苏省", "32")), "ICP216")
    named = only(example_findings(person_in("江苏省", "32", **{"/filing/provider": "aliyun"})), "ICP216")
    assert "filing.provider" in unnamed.hint and "filing.provider" not in named.hint


@pytest.mark.parametrize(("provider", "nature", "name"), [
    ("tencent", "enterprise", "云栖Cloud"),
    ("tencent", "personal", "PHP开发"),
    ("tencent", "enterprise", "云栖科技（杭州）官网"),
    ("tencent", "enterprise", "云栖-示例科技官网"),
    ("aliyun", "enterprise", "云栖示例科技官网"),
    ("aliyun", "personal", "静夜读书笔记"),
    ("aliyun", "personal", "山水摄影日记"),
])
def test_approved_looking_names_pass_under_their_provider(provider: str, nature: str, name: str) -> None:
    """Origin: Rules as reviewers apply them, issue 10 (was tests/test_reviewers_2026.py)."""
    found = example_findings({"base": nature, "set": {"/filing/provider": provider, "/websites/0/name": name}})
    assert [f.rule for f in found if f.severity is Severity.ERROR] == []


def test_without_a_provider_a_finding_says_which_providers_would_pass() -> None:
    """Origin: Rules as reviewers apply them, issue 10 (was tests/test_reviewers_2026.py)."""
    found = example_findings({"base": "enterprise", "set": {"/websites/0/name": "云栖Cloud"}}, lang="en")
    assert "Tencent Cloud" in only(found, "ICP201").hint
    found = example_findings({"base": "enterprise", "set": {"/websites/0/name": "云栖科技(杭州)官网"}}, lang="zh")
    assert "腾讯云" in only(found, "ICP203").hint
    named = example_findings(
        {"base": "enterprise", "set": {"/filing/provider": "aliyun", "/websites/0/name": "云栖Cloud"}})
    assert "腾讯云" not in only(named, "ICP201").hint


def test_blog_is_refused_for_persons_without_a_pre_approval_offer() -> None:
    """Origin: Rules as reviewers apply them, issue 10 (was tests/test_reviewers_2026.py)."""
    finding = only(example_findings({"base": "personal", "set": {"/websites/0/name": "静夜读书博客"}}), "ICP218")
    assert "2019" in finding.message and "pre_approvals" not in finding.hint
    assert "ICP211" not in codes(example_findings({"base": "personal", "set": {"/websites/0/name": "静夜读书博客"}}))


def test_a_word_on_both_lists_is_reported_once() -> None:
    """Origin: Rules as reviewers apply them, issue 10 (was tests/test_reviewers_2026.py)."""
    found = example_findings({"base": "personal", "set": {"/websites/0/name": "静夜的博客"}})  # 浙江 lists 博客 too
    assert [f.rule for f in found if "博客" in f.message] == ["ICP218"]


def test_shanghai_units_may_not_name_a_forum_without_its_approval() -> None:
    """Origin: Rules as reviewers apply them, issue 10 (was tests/test_reviewers_2026.py)."""
    example = {"base": "enterprise", "set": {"/subject/province": "上海市", "/websites/0/name": "云栖技术论坛"}}
    # MIIT's standard refuses 论坛 without the bulletin approval everywhere (ICP356, #18), so
    # 上海's own word (ICP219) does not report it a second time, and 浙江 refuses it too.
    assert pointers(example_findings(example), "ICP356") == ["/websites/0/name"]
    assert "ICP219" not in codes(example_findings(example))
    example["set"]["/subject/province"] = "浙江省"
    assert pointers(example_findings(example), "ICP356") == ["/websites/0/name"]
    example["set"]["/websites/0/pre_approvals"] = [{"category": "bbs", "number": "浙BBS-2026-001"}]
    assert "ICP356" not in codes(example_findings(example))
