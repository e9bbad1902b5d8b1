"""Dates judged against --today (icpfile/checks/dates.py): ID expiry and the principal's age."""

from __future__ import annotations

from icpfile.findings import Severity

from conftest import (
    example_findings,
    only,
    person_in,
)


def test_conflicting_sources_are_warnings_that_name_both() -> None:
    """Origin: Rules as reviewers apply them, issue 10 (was tests/test_reviewers_2026.py)."""
    age = only(example_findings(person_in("山东省", "37", **{
        "/subject/certificate/number": "370102200906011231", "/subject/principal/id_number": "370102200906011231"})),
        "ICP805")
    assert age.severity is Severity.WARNING and "TX17" in age.message and "HW 2025-12-31" in age.message
    rep = only(example_findings(
        {"base": "enterprise", "set": {"/subject/province": "北京市", "/subject/investor": "王五"}}),
               "ICP803")
    assert rep.severity is Severity.WARNING and "TXS" in rep.message and "HW" in rep.message
