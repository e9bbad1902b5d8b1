"""MIIT's national standard across the subject's fields (checks/standard.py, ICP350–357, #18)."""

from __future__ import annotations

from pathlib import Path

import pytest

from icpfile.checks.standard import _subscriber
from icpfile.findings import Severity

from conftest import check_text, codes, example_findings, only, pointers

ROOT = Path(__file__).resolve().parent.parent
STANDARD = [f"ICP35{i}" for i in range(8)]
GOVERNMENT = {"/subject/nature": "government", "/subject/name": "杭州市余杭区数据资源管理局",
              "/subject/investor": "杭州市余杭区人民政府"}


@pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*.yaml")), ids=lambda p: p.name)
def test_no_standard_rule_fires_on_the_bundled_examples(path: Path) -> None:
    found = check_text(path.read_text(encoding="utf-8"), path=str(path))
    assert not [f.rule for f in found if f.rule in STANDARD]


@pytest.mark.parametrize(("typed", "subscriber"), [
    ("086-010-00000000", "00000000"), ("010-00000000", "00000000"), ("086-0571-88888888-123", "88888888"),
    ("13000000000", "00000000"), ("13800138000", "00138000"), ("123", ""), ("", ""),
])
def test_the_subscriber_digits_follow_the_area_code(typed: str, subscriber: str) -> None:
    assert _subscriber(typed) == subscriber


def test_a_real_looking_number_is_no_placeholder() -> None:
    # 88888888 is a number people buy, not a placeholder; only all zeros is the standard's example
    found = example_findings({"base": "enterprise", "set": {"/subject/principal/phone2": "086-0571-88888888"}})
    assert "ICP355" not in codes(found)


def test_a_government_body_with_its_superior_passes_every_investor_rule() -> None:
    found = example_findings({"base": "enterprise", "set": GOVERNMENT})
    assert not {"ICP333", "ICP352", "ICP353"} & set(codes(found))


def test_the_investor_named_as_the_principal_is_an_error_a_person_shaped_one_a_warning() -> None:
    def investor(name: str):
        found = example_findings({"base": "enterprise", "set": {**GOVERNMENT, "/subject/investor": name}})
        return only(found, "ICP353")

    named = investor("张三")
    assert named.severity is Severity.ERROR
    shaped = investor("赵六")
    assert shaped.severity is Severity.WARNING


def test_an_enterprise_is_still_asked_for_its_representative_or_name() -> None:
    found = example_findings({"base": "enterprise", "set": {"/subject/investor": "王五"}})
    assert pointers(found, "ICP333") == ["/subject/investor"]


def test_forum_and_news_are_reported_once_and_in_both_languages() -> None:
    example = {"base": "enterprise", "set": {"/subject/province": "上海市", "/websites/0/name": "云栖示例新闻网"}}
    found = example_findings(example)
    assert pointers(found, "ICP356") == ["/websites/0/name"]
    assert "ICP219" not in codes(found), "新闻网 is ICP356's; ICP219 does not report 新闻 again"
    assert "新闻" in only(found, "ICP356").message
    assert "news" in only(example_findings(example, lang="en"), "ICP356").message
    # with the approval, neither reports it
    example["set"]["/websites/0/pre_approvals"] = [{"category": "news", "number": "沪新闻-2026-001"}]
    assert not {"ICP219", "ICP356"} & set(codes(example_findings(example)))


def test_other_licensed_words_stay_with_icp219() -> None:
    found = example_findings({"base": "enterprise", "set": {"/websites/0/name": "云栖视频官网"}})
    assert "ICP219" in codes(found) and "ICP356" not in codes(found)


def test_a_person_named_with_a_title_is_reported_where_it_is_written() -> None:
    found = example_findings({"base": "enterprise", "set": {"/websites/0/principal": {
        "name": "李小姐", "id_type": "resident_id", "id_number": "330106198807202348", "id_expiry": "2038-07-20",
        "mobile": "13800138001", "emergency_mobile": "13900139001", "email": "li@example.com"}}})
    assert pointers(found, "ICP354") == ["/websites/0/principal/name"]


@pytest.mark.parametrize("name", ["王先生伟", "欧阳先生", "张三丰"])
def test_a_name_that_only_contains_a_title_or_is_long_passes(name: str) -> None:
    # 欧阳先生 is still surname + title (4 characters); 王先生伟 does not end with one
    sets = {"/subject/principal/name": name, "/subject/investor": name}
    found = example_findings({"base": "enterprise", "set": sets})
    assert ("ICP354" in codes(found)) is (name == "欧阳先生")


def test_public_institutions_may_carry_government_words() -> None:
    example = {"base": "enterprise", "set": {"/subject/nature": "public_institution",
                                             "/subject/name": "杭州市余杭区数据中心",
                                             "/subject/investor": "杭州市余杭区人民政府",
                                             "/websites/0/name": "余杭区人民政府数据开放平台"}}
    assert "ICP357" not in codes(example_findings(example))


@pytest.mark.timeout(60)
def test_long_values_are_checked_in_linear_time() -> None:
    long_name = "a" * 200_000 + "." + "b" * 200_000
    example = {"base": "enterprise", "set": {"/subject/name": long_name, "/websites/0/name": "新闻网" * 50_000,
                                             "/subject/principal/phone2": "0" * 100_000}}
    found = example_findings(example)  # a quadratic path would hang past the timeout mark
    assert "ICP356" in codes(found)
