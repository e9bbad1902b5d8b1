"""Websites in the order (icpfile/checks/websites.py)."""

from __future__ import annotations

from conftest import (
    example_findings,
    person_in,
    pointers,
)


def test_hainan_first_personal_filing_holds_one_domain() -> None:
    """Origin: Rules as reviewers apply them, issue 10 (was tests/test_reviewers_2026.py)."""
    second = {"name": "静夜观星笔记", "domain": "example.org", "access": {"service": "ecs", "ip": ["47.96.10.22"]},
              "content": "other", "service_type": "website_app", "languages": ["zh-Hans"],
              "principal": "same_as_subject", "remarks": "个人观星笔记。"}
    found = example_findings(person_in("海南省", "46", **{"/websites/1": second}))
    assert pointers(found, "ICP503") == ["/websites/1/domain"]
