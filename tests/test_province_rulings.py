"""Province rulings where the sources disagree (issue #18, rules32): an error only where a source
states the refusal, else a warning that says what the province accepts (TXM read end to end)."""

from __future__ import annotations

from typing import Any

from conftest import apply_example, check_text

CHONGQING = {"/subject/province": "重庆市", "/subject/city": "重庆市", "/subject/district": "渝中区"}
FUJIAN = {"/subject/province": "福建省", "/subject/city": "福州市", "/subject/district": "鼓楼区"}


def _found(code: str, base: str, sets: dict[str, Any], lang: str = "en") -> list[Any]:
    text = apply_example({"base": base, "set": sets})
    return [f for f in check_text(text, lang=lang) if f.rule == code]


def test_a_chongqing_units_domain_held_by_its_legal_representative_is_a_warning_asking_for_the_letter() -> None:
    found = _found("ICP581", "enterprise", {**CHONGQING, "/websites/0/registration": {"holder": "张三"}})
    assert [f.severity.value for f in found] == ["warning"]
    assert "letter of authorisation" in found[0].hint and "authorization_letter" in found[0].hint


def test_fujian_still_refuses_a_domain_held_by_the_legal_representative() -> None:
    found = _found("ICP581", "enterprise", {**FUJIAN, "/websites/0/registration": {"holder": "张三"}})
    assert [f.severity.value for f in found] == ["error"]
    assert "letter" not in found[0].hint


GUANGDONG = {"/subject/province": "广东省", "/subject/city": "广州市", "/subject/district": "天河区"}
BEIJING = {"/subject/province": "北京市", "/subject/city": "北京市", "/subject/district": "海淀区"}
INTO_ENTERPRISE = {"/subject/nature": "enterprise", "/subject/name": "杭州静夜示例科技有限公司",
                   "/subject/certificate": {"type": "business_license", "number": "91330100716105852F",
                                            "address": "浙江省杭州市西湖区文三路100号"}}


def test_a_change_of_subject_where_txm_allows_it_is_a_warning_naming_the_change_process() -> None:
    found = _found("ICP674", "enterprise_filed", {**GUANGDONG, "/subject/certificate/number": "91330106MA2GXXXX0K"})
    assert [f.severity.value for f in found] == ["warning"]
    assert "allows a change of subject" in found[0].hint and "change of the subject" in found[0].message


def test_a_person_into_the_enterprise_they_represent_is_a_warning_only_where_txm_says_so() -> None:
    zhejiang = _found("ICP674", "personal_police", {**INTO_ENTERPRISE, "/subject/investor": "李四"})
    assert [f.severity.value for f in zhejiang] == ["warning"] and "enterprise they represent" in zhejiang[0].hint
    other = _found("ICP674", "personal_police", {**INTO_ENTERPRISE, "/subject/investor": "王五"})
    assert [f.severity.value for f in other] == ["error"]
    beijing = _found("ICP674", "personal_police", {**BEIJING, **INTO_ENTERPRISE, "/subject/investor": "李四"})
    assert [f.severity.value for f in beijing] == ["error"] and "注销主体" in beijing[0].message


def test_every_province_with_a_stated_refusal_errors_and_the_others_warn() -> None:
    from icpfile.data.packs import builtin

    packs = builtin()
    refusing = {p for p in packs.provinces if (packs.province(p).get("subject_change") or {}).get("unit") == "refused"}
    assert {"北京市", "浙江省", "上海市", "四川省"} <= refusing
    assert not refusing & {"广东省", "福建省", "青海省", "重庆市", "新疆维吾尔自治区", "河北省", "湖南省", "山西省"}


def test_shanxi_warns_that_sources_disagree_on_a_principal_other_than_the_legal_representative() -> None:
    shanxi = {"/subject/province": "山西省", "/subject/city": "太原市", "/subject/district": "小店区"}
    found = _found("ICP803", "enterprise", {**shanxi, "/subject/investor": "王五"})
    assert [f.severity.value for f in found] == ["warning"]
    assert "RDW" in found[0].message and "TXS" in found[0].message
    assert not _found("ICP803", "enterprise", shanxi)


def test_the_tech_warning_cites_the_source_that_says_it_not_tencents_province_page() -> None:
    found = _found("ICP516", "enterprise", {"/websites/0/domain": "example.tech"})
    assert [f.severity.value for f in found] == ["warning"]
    assert "agent009#10" in found[0].source and "TXD" in found[0].source
    assert "TXM (.tech" not in found[0].source and "reported" in found[0].message
    from icpfile.data.packs import suffix_lists

    assert "TXM" not in str(suffix_lists())


def test_the_news_site_error_rests_on_todays_sources_not_only_the_2009_standard() -> None:
    found = _found("ICP356", "enterprise", {"/websites/0/name": "云栖示例新闻网"})
    assert [f.severity.value for f in found] == ["error"]
    assert "MIIT-STD" in found[0].source and "TXP" in found[0].source and "HW 2025-12-31" in found[0].source
    forum = _found("ICP356", "enterprise", {"/websites/0/name": "云栖示例论坛"})
    assert [f.severity.value for f in forum] == ["warning"]
