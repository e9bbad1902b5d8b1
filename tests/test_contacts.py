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
