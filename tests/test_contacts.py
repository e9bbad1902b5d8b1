"""The e-mail fast path never disagrees with email-validator, which decides everything else."""

from __future__ import annotations

import pytest
from email_validator import EmailNotValidError, validate_email

from icpfile.checks.contacts import _PLAIN_EMAIL, email_problem
from icpfile.findings import Severity

from conftest import (
    check_text,
    codes,
    dump,
    example_base,
    example_findings,
    only,
    pointers,
)

SAMPLES = [
    "admin@example.com", "a.b-c_d+e@mail.example.cn", "x@y.co", "first.last@sub.domain.org",
    "a..b@example.com", ".a@example.com", "a.@example.com", "a@-example.com", "a@example-.com",
    "a@example", "a@localhost.com", "user@example.invalid", "a@123.com", "a" * 64 + "@example.com",
    "a" * 65 + "@example.com", "a@" + "b" * 63 + ".com", "a@" + "b" * 64 + ".com", "管理员@例子.中国",
    "jeff@臺網中心.tw", "admin@@example.com", "admin.example.com", "a b@example.com", "a@b_c.com",
    "a@example.com.", "A@EXAMPLE.COM", "x@xn--fiqs8s.com",
]


@pytest.mark.parametrize("address", SAMPLES)
def test_fast_path_agrees_with_email_validator(address: str) -> None:
    try:
        validate_email(address, check_deliverability=False)
        valid = True
    except EmailNotValidError:
        valid = False
    if _PLAIN_EMAIL.match(address):
        assert valid, f"the fast path accepts {address!r}, which email-validator rejects"
    assert (email_problem(address) is None) == valid


def test_a_landline_in_the_guides_form_is_shown_so_its_fix_can_be_copied() -> None:
    """086-0571-88888888 is a unit's public number; a mobile or an ID run beside it is still masked.

    Origin: Hostile input, issue 12 (was tests/test_hostile.py).
    """
    from icpfile.values.pii import mask_text

    assert mask_text("write 086-0571-88888888-123") == "write 086-0571-88888888-123"
    assert mask_text("086-0571-88888888, 13800138000") == "086-0571-88888888, 138****8000"


def test_anhui_unit_without_landline_says_so_in_the_remark() -> None:
    """Origin: Rules as reviewers apply them, issue 10 (was tests/test_reviewers_2026.py)."""
    example = {"base": "enterprise", "set": {"/subject/province": "安徽省", "/subject/principal/phone2": "13600136000"}}
    assert pointers(example_findings(example), "ICP409") == ["/subject/remarks"]
    example["set"]["/subject/remarks"] = "单位无座机，办公电话为负责人手机。"
    assert "ICP409" not in codes(example_findings(example))


def test_another_principal_with_the_same_mobile_is_an_error_at_the_website_principal() -> None:
    """Origin: Rules as reviewers apply them, issue 10 (was tests/test_reviewers_2026.py)."""
    other = {"name": "王五", "id_type": "resident_id", "id_number": "33010619900101123X", "id_expiry": "long_term",
             "mobile": "13800138000", "phone2": "086-0571-88888888", "emergency_mobile": "13700137000",
             "email": "wangwu@example.com"}
    found = example_findings({"base": "enterprise", "set": {"/websites/0/principal": other}})
    assert pointers(found, "ICP408") == ["/websites/0/principal/mobile"]
    assert only(found, "ICP408").severity is Severity.ERROR


def test_emergency_phone_equal_to_own_mobile_is_an_error() -> None:
    """Origin: Rules as reviewers apply them, issue 10 (was tests/test_reviewers_2026.py)."""
    found = example_findings({"base": "enterprise", "set": {"/subject/principal/emergency_mobile": "13800138000"}})
    assert only(found, "ICP406").severity is Severity.ERROR


@pytest.mark.parametrize(("mobile", "why"), [
    ("15412345678", "its prefix 154 is not a mobile number range"),
    ("1380013800", "it has 10 digits; a mobile has 11"),
    ("+8613800138000", "it holds characters other than digits"),
])
def test_icp401_says_why_a_number_is_no_mobile(mobile: str, why: str) -> None:
    """#22 P23: `15412345678` was only "(11 characters)", which read as if the count were wrong."""
    example = {"base": "enterprise", "set": {"/subject/principal/mobile": mobile}}
    finding = only(example_findings(example, lang="en"), "ICP401")
    assert why in finding.message


@pytest.mark.parametrize(("typed", "fixed"), [
    ("02887654321", "086-028-87654321"), ("(028)87654321", "086-028-87654321"),
    ("057188886666", "086-0571-88886666"), ("010-12345678", "086-010-12345678"),
    ("+86 2887654321", "086-028-87654321"), ("0571-88888888-123", "086-0571-88888888-123"),
    ("2887654321", None), ("57188886666", None), ("0288-7654321", None), ("057188888888123", None)])
def test_icp404_suggests_only_a_number_it_can_derive(typed: str, fixed: str | None) -> None:
    """The suggestion is copied into the draft: it follows the numbering plan (010 and 02X have two
    digits after the 0) and is made only where the area code is certain. A run without its 0 (a
    sheet's number cell) gets none, and ICP403 refuses it, so the draft cannot pass.

    Origin: issue 22, W30-21 (086-0288-7654321 was suggested for 028-87654321)."""
    found = example_findings({"base": "enterprise", "set": {"/subject/principal/phone2": typed}}, lang="en")
    hints = [f.hint for f in found if f.rule == "ICP404"]
    if fixed is None:
        assert hints == []
        assert only(found, "ICP403").severity is Severity.ERROR
    else:
        assert hints == [f"write {fixed}"]
        assert "ICP403" not in codes(found)


def test_the_phone2_the_docs_show_passes_the_contact_rules() -> None:
    """A reader copies `phone2: …` from README and docs/draft-format.md into a draft.

    Origin: issue 22 (README's `phone2: 0571-88888888` drew ICP404)."""
    import re

    from conftest import ROOT

    shown = {m for doc in ("README.md", "docs/draft-format.md")
             for m in re.findall(r"`phone2: ([^`]+)`", (ROOT / doc).read_text(encoding="utf-8"))}
    assert shown
    for value in shown:
        found = example_findings({"base": "enterprise", "set": {"/subject/principal/phone2": value}})
        assert not [f.rule for f in found if f.rule.startswith("ICP40")], value


def test_phone2_missing_says_so_and_is_an_error_only_where_tencent_states_it() -> None:
    """Origin: W30-24, issue 18: ICP402 said "does not fit the nature" when a unit's phone2 was
    simply missing; and a unit without one is an error only where a source states 必填."""
    draft = example_base("enterprise")
    del draft["subject"]["principal"]["phone2"]

    def icp402(lang: str = "en") -> list[tuple[str, str]]:
        return [(f.severity.value, f.message) for f in check_text(dump(draft), lang=lang) if f.rule == "ICP402"]

    [(severity, message)] = icp402()
    assert severity == "warning" and message.startswith("the second contact (phone2) is missing")
    assert "inferred" in message and "nature" not in message
    draft["subject"]["province"] = "北京市"
    draft["filing"]["provider"] = "tencent"
    [(severity, message)] = icp402("zh")
    assert severity == "error" and message.startswith("联系方式2（phone2）缺失") and "北京市" in message


def test_an_e_mail_reason_is_in_the_runs_language() -> None:
    """walker22: under zh the message read "…格式不对：An email address must have an @-sign."."""
    example = {"base": "enterprise", "set": {"/subject/principal/email": "admin.example.com"}}
    zh = only(example_findings(example, lang="zh"), "ICP405").message
    assert zh.endswith("须有且只有一个 @") and "sign" not in zh
    assert "must have an @-sign" in only(example_findings(example, lang="en"), "ICP405").message
