"""Issue 10: the rules as reviewers apply them today. Each kind is tried on small drafts of our own
(made-up IDs with valid check digits), and each example of the issue gives its finding at the field
the issue names."""

from __future__ import annotations

import re
from typing import Any

import pytest

from icpfile.commands.explain import applicable, render, render_where
from icpfile.data.packs import Packs
from icpfile.findings import Severity
from icpfile.values import identifiers as ids

from conftest import apply_example, check_text, codes, only


def person_in(province: str, division: str, **sets: Any) -> dict[str, Any]:
    """A personal example in `province`, with a local ID (its check digit computed)."""
    number = division + "0102199001011" + "23"
    number = number[:17] + ids.rid_check_digit(number[:17])
    return {"base": "personal", "set": {"/subject/province": province, "/subject/certificate/number": number,
                                        "/subject/principal/id_number": number, **sets}}


def findings(example: dict[str, Any], lang: str = "zh"):
    return check_text(apply_example(example), lang=lang)


def at(found, code: str) -> list[str]:
    return [f.pointer for f in found if f.rule == code]


# ------------------------------------------------------------------ kind 1: name words
def test_a_video_word_in_a_personal_name_is_refused_for_its_licence() -> None:
    found = findings(person_in("河北省", "13", **{"/websites/0/name": "好多视频网"}))
    finding = only(found, "ICP218")
    assert finding.pointer == "/websites/0/name"
    assert finding.severity is Severity.ERROR
    assert "网络视听" in finding.message and "视频" in finding.message
    assert "HW 2025-12-31" in finding.hint  # the word's own source and its date


def test_commentary_is_refused_in_shanghai_and_not_where_no_list_says_so() -> None:
    shanghai = findings(person_in("上海市", "31", **{"/websites/0/name": "电影评论笔记"}))
    assert "评论" in {f.message.split("“")[2].split("”")[0] for f in shanghai if f.rule == "ICP218"}
    zhejiang = findings({"base": "personal", "set": {"/websites/0/name": "读书评论笔记"}})
    assert "ICP218" not in codes(zhejiang)


def test_every_licensed_word_names_its_licence_and_dated_source() -> None:
    for word in Packs().name_words:
        assert word["licence"]["zh"] and word["licence"]["en"]
        assert any(ch.isdigit() for ch in word["source"]), word


def test_a_unit_needs_the_approval_its_name_implies() -> None:
    fail = findings({"base": "enterprise", "set": {"/websites/0/name": "云栖新闻官网"}})
    assert at(fail, "ICP219") == ["/websites/0/name"]
    held = findings({"base": "enterprise", "set": {"/websites/0/name": "云栖新闻官网",
                                                   "/websites/0/pre_approvals": [{"category": "news",
                                                                                  "number": "31120190001"}]}})
    assert "ICP219" not in codes(held)


# ------------------------------------------------------------------ kind 2: remarks
def test_a_blog_word_in_a_personal_remark_is_an_error_at_the_remark() -> None:
    found = findings({"base": "personal", "set": {"/websites/0/remarks": "个人技术博客，记录学习。"}})
    assert at(found, "ICP223") == ["/websites/0/remarks"]


def test_jiangsu_content_remark_is_met_by_either_remark_and_is_never_an_error() -> None:
    site_only = person_in("江苏省", "32", **{"/websites/0/name": "李四的个人博客"})
    site_only["unset"] = ["/subject/remarks"]
    subject_only = person_in("江苏省", "32", **{"/websites/0/name": "李四的个人博客"})
    subject_only["unset"] = ["/websites/0/remarks"]
    assert "ICP217" not in codes(findings(site_only))
    assert "ICP217" not in codes(findings(subject_only))
    neither = person_in("江苏省", "32", **{"/websites/0/name": "李四的个人博客"})
    neither["unset"] = ["/subject/remarks", "/websites/0/remarks"]
    assert only(findings(neither), "ICP217").severity is Severity.WARNING


def test_inner_mongolia_wants_thirty_characters_and_a_commitment() -> None:
    short = findings(person_in("内蒙古自治区", "15"))
    assert only(short, "ICP224").pointer == "/websites/0/remarks"
    remark = "本网站为个人网站，用于记录读书笔记和摄影作品，不含任何企业信息，本人承诺所填信息真实有效。"
    assert len(remark) >= 30
    assert not {"ICP224", "ICP225"} & set(codes(findings(person_in("内蒙古自治区", "15",
                                                                     **{"/websites/0/remarks": remark}))))


def test_anhui_unit_without_landline_says_so_in_the_remark() -> None:
    example = {"base": "enterprise", "set": {"/subject/province": "安徽省", "/subject/principal/phone2": "13600136000"}}
    assert at(findings(example), "ICP409") == ["/subject/remarks"]
    example["set"]["/subject/remarks"] = "单位无座机，办公电话为负责人手机。"
    assert "ICP409" not in codes(findings(example))


# ------------------------------------------------------------------ kind 3: suffixes
@pytest.mark.parametrize(("example", "code", "severity"), [
    ({"base": "enterprise", "set": {"/websites/0/domain": "example.io"}}, "ICP515", Severity.ERROR),
    ({"base": "enterprise", "set": {"/websites/0/domain": "example.tech"}}, "ICP516", Severity.WARNING),
    (person_in("上海市", "31", **{"/websites/0/domain": "example.tv"}), "ICP515", Severity.ERROR),
    ({"base": "enterprise", "set": {"/subject/province": "北京市", "/websites/0/domain": "example.dev"}},
     "ICP515", Severity.ERROR),
])
def test_suffixes_refused_and_pending(example: dict, code: str, severity: Severity) -> None:
    finding = only(findings(example), code)
    assert finding.pointer == "/websites/0/domain" and finding.severity is severity
    assert "ICP513" not in codes(findings(example))


def test_a_shanghai_unit_may_file_tv() -> None:
    example = {"base": "enterprise", "set": {"/subject/province": "上海市", "/websites/0/domain": "example.tv"}}
    assert not {"ICP513", "ICP515", "ICP516"} & set(codes(findings(example)))


# ------------------------------------------------------------------ kind 4: name content by province
def test_henan_forbids_china_anywhere_once() -> None:
    middle = findings({"base": "enterprise", "set": {"/subject/province": "河南省", "/websites/0/name": "云栖中国站"}})
    assert at(middle, "ICP220") == ["/websites/0/name"]
    front = findings({"base": "enterprise", "set": {"/subject/province": "河南省", "/websites/0/name": "中国云栖科技"}})
    assert "ICP204" in codes(front) and "ICP220" not in codes(front)


def test_yunnan_company_may_not_take_a_portal_name() -> None:
    found = findings({"base": "enterprise", "set": {"/subject/province": "云南省", "/websites/0/name": "怒江网"}})
    assert at(found, "ICP221") == ["/websites/0/name"]


def test_sichuan_unrelated_unit_name_is_a_reminder() -> None:
    found = findings({"base": "enterprise", "set": {"/subject/province": "四川省", "/websites/0/name": "好运旅行指南"}})
    assert only(found, "ICP222").severity is Severity.INFO


# ------------------------------------------------------------------ kind 5: contacts
def test_another_principal_with_the_same_mobile_is_an_error_at_the_website_principal() -> None:
    other = {"name": "王五", "id_type": "resident_id", "id_number": "33010619900101123X", "id_expiry": "long_term",
             "mobile": "13800138000", "phone2": "086-0571-88888888", "emergency_mobile": "13700137000",
             "email": "wangwu@example.com"}
    found = findings({"base": "enterprise", "set": {"/websites/0/principal": other}})
    assert at(found, "ICP408") == ["/websites/0/principal/mobile"]
    assert only(found, "ICP408").severity is Severity.ERROR


def test_emergency_phone_equal_to_own_mobile_is_an_error() -> None:
    found = findings({"base": "enterprise", "set": {"/subject/principal/emergency_mobile": "13800138000"}})
    assert only(found, "ICP406").severity is Severity.ERROR


# ------------------------------------------------------------------ kind 6: province facts, conflicts
def test_hainan_first_personal_filing_holds_one_domain() -> None:
    second = {"name": "静夜观星笔记", "domain": "example.org", "access": {"service": "ecs", "ip": ["47.96.10.22"]},
              "content": "other", "service_type": "website_app", "languages": ["zh-Hans"],
              "principal": "same_as_subject", "remarks": "个人观星笔记。"}
    found = findings(person_in("海南省", "46", **{"/websites/1": second}))
    assert at(found, "ICP503") == ["/websites/1/domain"]


def test_beijing_door_numbers_in_words() -> None:
    found = findings({"base": "enterprise", "set": {"/subject/province": "北京市",
                                                    "/subject/mailing_address": "北京市海淀区示例路8号院1-2-3"}})
    assert "1单元2层3号" in only(found, "ICP337").message


def test_conflicting_sources_are_warnings_that_name_both() -> None:
    age = only(findings(person_in("山东省", "37", **{
        "/subject/certificate/number": "370102200906011231", "/subject/principal/id_number": "370102200906011231"})),
        "ICP805")
    assert age.severity is Severity.WARNING and "TX17" in age.message and "HW 2025-12-31" in age.message
    rep = only(findings({"base": "enterprise", "set": {"/subject/province": "北京市", "/subject/investor": "王五"}}),
               "ICP803")
    assert rep.severity is Severity.WARNING and "TXS" in rep.message and "HW" in rep.message


def test_jiangsu_pattern_is_an_error_only_under_the_guides_provider() -> None:
    for provider in (None, "aliyun"):
        sets = {"/filing/provider": provider} if provider else {}
        found = findings(person_in("江苏省", "32", **sets))
        assert only(found, "ICP216").message.startswith("按指南（阿里云）")
    for provider in ("tencent", "huawei", "jd", "qingcloud"):
        assert "ICP216" not in codes(findings(person_in("江苏省", "32", **{"/filing/provider": provider})))
    unnamed = only(findings(person_in("江苏省", "32")), "ICP216")
    named = only(findings(person_in("江苏省", "32", **{"/filing/provider": "aliyun"})), "ICP216")
    assert "filing.provider" in unnamed.hint and "filing.provider" not in named.hint


# ------------------------------------------------------------------ kind 7: providers
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
    found = findings({"base": nature, "set": {"/filing/provider": provider, "/websites/0/name": name}})
    assert [f.rule for f in found if f.severity is Severity.ERROR] == []


def test_without_a_provider_a_finding_says_which_providers_would_pass() -> None:
    found = findings({"base": "enterprise", "set": {"/websites/0/name": "云栖Cloud"}}, lang="en")
    assert "Tencent Cloud" in only(found, "ICP201").hint
    found = findings({"base": "enterprise", "set": {"/websites/0/name": "云栖科技(杭州)官网"}}, lang="zh")
    assert "腾讯云" in only(found, "ICP203").hint
    named = findings({"base": "enterprise", "set": {"/filing/provider": "aliyun", "/websites/0/name": "云栖Cloud"}})
    assert "腾讯云" not in only(named, "ICP201").hint


def test_rules_code_shows_each_providers_position() -> None:
    text = render("ICP201", "text", "zh")
    assert "tencent:" in text and "aliyun:" in text
    assert render("ICP216", "json", "en").count('"qingcloud"') == 1
    assert '"provider": "guide_only_rules"' in render("ICP216", "json", "en")


def test_rules_where_lists_what_applies_there() -> None:
    there = {r.code for r in applicable("江苏省", "")}
    assert {"ICP216", "ICP217", "ICP201"} <= there and "ICP220" not in there
    assert "ICP216" not in {r.code for r in applicable("江苏省", "tencent")}
    assert "ICP220" in {r.code for r in applicable("河南省", "tencent")}
    text = render_where("上海市", "tencent", "text", "en")
    assert "评论" in text and "Tencent Cloud" in text


# ------------------------------------------------------------------ kind 8: messages that mislead
def test_blog_is_refused_for_persons_without_a_pre_approval_offer() -> None:
    finding = only(findings({"base": "personal", "set": {"/websites/0/name": "静夜读书博客"}}), "ICP218")
    assert "2019" in finding.message and "pre_approvals" not in finding.hint
    assert "ICP211" not in codes(findings({"base": "personal", "set": {"/websites/0/name": "静夜读书博客"}}))


def test_a_word_on_both_lists_is_reported_once() -> None:
    found = findings({"base": "personal", "set": {"/websites/0/name": "静夜的博客"}})  # 浙江 lists 博客 too
    assert [f.rule for f in found if "博客" in f.message] == ["ICP218"]


def test_two_domains_in_one_website_get_the_one_domain_rule_not_an_idna_error() -> None:
    found = findings({"base": "enterprise", "set": {"/websites/0/domain": "example.com example.cn"}}, lang="en")
    finding = only(found, "ICP517")
    assert "2019-04-22" in finding.message and "example.cn" in finding.hint
    assert not {"ICP510", "ICP511", "ICP512"} & set(codes(found))


def test_rules_icp211_prints_no_unfilled_field() -> None:
    for lang in ("zh", "en"):
        assert not re.search(r"\{[A-Za-z_][A-Za-z0-9_]*\}", render("ICP211", "text", lang))
        assert "{categories}" in render("ICP211", "json", lang)  # the record keeps its template


def test_shanghai_units_may_not_name_a_forum_without_its_approval() -> None:
    example = {"base": "enterprise", "set": {"/subject/province": "上海市", "/websites/0/name": "云栖技术论坛"}}
    assert at(findings(example), "ICP219") == ["/websites/0/name"]
    example["set"]["/subject/province"] = "浙江省"
    assert "ICP219" not in codes(findings(example))


def test_province_data_keys_named_by_records_exist_in_the_defaults() -> None:
    """A record's applies: {province: key} names a key of provinces.yaml (a typo would hide the rule
    from `icpfile rules --province`)."""
    from icpfile.data.catalog import rules

    packs = Packs()
    profile_keys = set(packs.profile(""))
    for rule in rules().values():
        if "province" in rule.applies:
            assert rule.applies["province"] in packs.defaults, rule.code
        if "provider" in rule.applies:
            assert rule.applies["provider"] in profile_keys, rule.code


def test_the_rules_command_takes_a_province_and_a_provider() -> None:
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
