"""checks/provincial.py: province requirements only Tencent's page states (TXM), ICP360–364."""

from __future__ import annotations

from typing import Any

from conftest import check_text, dump, example_base


def _findings(draft: dict[str, Any], code: str) -> list[tuple[str, str, str]]:
    return [(f.pointer, f.severity.value, f.message) for f in check_text(dump(draft)) if f.rule == code]


def _in(draft: dict[str, Any], province: str, city: str, district: str) -> dict[str, Any]:
    draft["subject"].update(province=province, city=city, district=district)
    return draft


def test_blog_content_is_an_error_under_tencent_and_a_warning_naming_tencent_otherwise() -> None:
    draft = example_base("personal")
    draft["websites"][0]["content"] = "blog_personal_space"
    assert _findings(draft, "ICP360") == [(
        "/websites/0/content", "warning",
        "a personal website in 浙江省 may not choose the service content blog_personal_space (博客/个人空间)"
        " (stated only by tencent; name your provider in filing.provider to apply its position)")]
    draft["filing"]["provider"] = "tencent"
    assert _findings(draft, "ICP360") == [(
        "/websites/0/content", "error",
        "a personal website in 浙江省 may not choose the service content blog_personal_space (博客/个人空间)")]


def test_heilongjiang_requires_blog_content_and_icp336_spares_it() -> None:
    draft = _in(example_base("personal"), "黑龙江省", "哈尔滨市", "南岗区")
    draft["filing"]["provider"] = "tencent"
    assert [f[:2] for f in _findings(draft, "ICP361")] == [("/websites/0/content", "error")]
    draft["websites"][0]["content"] = "blog_personal_space"
    assert _findings(draft, "ICP361") == []
    assert _findings(draft, "ICP336") == []


def test_enterprise_investor_form_by_province() -> None:
    draft = _in(example_base("enterprise"), "宁夏回族自治区", "银川市", "兴庆区")
    draft["filing"]["provider"] = "tencent"
    assert _findings(draft, "ICP364") == []  # the legal representative, as 宁夏 asks
    draft["subject"]["investor"] = draft["subject"]["name"]
    assert [f[:2] for f in _findings(draft, "ICP364")] == [("/subject/investor", "error")]
    _in(draft, "吉林省", "长春市", "南关区")
    assert _findings(draft, "ICP364") == []  # the unit's full name, as 吉林 asks


def test_blog_content_the_wizard_offers_is_no_error_outside_the_provinces_that_refuse_it() -> None:
    """Origin: W30-02/W30-20, issue 18: the wizard offers blog_personal_space to a person and ICP336
    called it an error, though no source refuses it nationally (黑龙江 even requires it)."""
    draft = _in(example_base("personal"), "江苏省", "南京市", "玄武区")
    draft["websites"][0]["content"] = "blog_personal_space"
    for provider in ("", "aliyun", "tencent"):
        draft["filing"]["provider"] = provider or None
        found = [f for f in check_text(dump(draft)) if f.rule in {"ICP336", "ICP360"}]
        assert found == [], provider
    draft["websites"][0]["content"] = "comprehensive_portal"  # the guide: a person chooses 其他
    assert [f[:2] for f in _findings(draft, "ICP336")] == [("/websites/0/content", "error")]
    draft["websites"][0]["content"] = "online_video"  # not ICP336's: Huawei's list (ICP380)
    assert _findings(draft, "ICP336") == []
    [(_, severity, message)] = _findings(draft, "ICP380")
    assert severity == "warning" and "stated only by huawei" in message
    draft["filing"]["provider"] = "huawei"
    assert [f[:2] for f in _findings(draft, "ICP380")] == [("/websites/0/content", "error")]
