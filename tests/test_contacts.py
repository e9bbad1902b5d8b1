"""The e-mail fast path never disagrees with email-validator, which decides everything else."""

from __future__ import annotations

import pytest
from email_validator import EmailNotValidError, validate_email

from icpfile.checks.contacts import _PLAIN_EMAIL, email_problem

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
