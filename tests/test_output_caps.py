"""Output bounded by input (issue 24.7; the s3 breaker's T03, T08): at most MAX_PER_RULE findings
of one rule in one file, the first by position, then one closing finding that counts the rest."""

from __future__ import annotations

import json

import pytest

from icpfile import engine
from icpfile.engine import MAX_PER_RULE
from icpfile.findings import FileReport
from icpfile.report import ReportOptions, reporter

from conftest import check_text, dump, example_base


def _bad_languages(n: int) -> str:
    draft = example_base("personal")
    draft["websites"][0]["languages"] = [f"x{i}" for i in range(n)]
    return dump(draft)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_rule_repeated_past_the_cap_closes_with_a_count(lang: str) -> None:
    found = [f for f in check_text(_bad_languages(3 * MAX_PER_RULE), lang=lang) if f.rule == "ICP102"]
    assert len(found) == MAX_PER_RULE + 1
    *listed, closing = found
    assert [f.pointer for f in listed] == [f"/websites/0/languages/{i}" for i in range(MAX_PER_RULE)]
    assert str(2 * MAX_PER_RULE) in closing.message and "ICP102" in closing.message
    assert closing.severity == listed[0].severity and closing.pointer == ""
    assert (closing.line, closing.column) >= (listed[-1].line, listed[-1].column)


def test_under_the_cap_every_finding_is_listed() -> None:
    found = [f for f in check_text(_bad_languages(MAX_PER_RULE)) if f.rule == "ICP102"]
    assert len(found) == MAX_PER_RULE and all(f.pointer for f in found)


def test_the_report_grows_with_what_it_shows_not_with_the_draft() -> None:
    sizes = []
    for n in (2 * MAX_PER_RULE, 20 * MAX_PER_RULE):
        findings = check_text(_bad_languages(n))
        text = reporter("sarif")([FileReport("d.yaml", findings)], ReportOptions())
        sizes.append(len(text))
        assert len(json.loads(text)["runs"][0]["results"]) == len(findings)
    assert sizes[1] < sizes[0] * 1.05  # ten times the bad codes, the same report


def test_the_cap_is_per_file_and_rule() -> None:
    assert engine.MAX_PER_RULE >= 50  # enough to fix a real draft by its report
    draft = example_base("personal")
    draft["websites"][0]["languages"] = [f"x{i}" for i in range(MAX_PER_RULE + 5)]
    draft["websites"][0]["access"]["ip"] = [f"999.0.0.{i}" for i in range(3)]
    found = check_text(dump(draft))
    others = [f for f in found if f.rule != "ICP102"]
    assert others and all("not listed" not in f.message for f in others)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_totals_count_the_unlisted_findings_not_the_closing_line(fmt: str) -> None:
    """Origin: #24 B20 (22,500 errors were summed as 101: the 100 listed and the closing line).
    The total is every finding the rule made; the closing finding stands for the unlisted ones."""
    from icpfile.report import summary

    found = check_text(_bad_languages(3 * MAX_PER_RULE))
    bad_codes = [f for f in found if f.rule == "ICP102"]
    assert len(bad_codes) == MAX_PER_RULE + 1 and bad_codes[-1].stands_for == 2 * MAX_PER_RULE
    report = FileReport("d.yaml", found)
    others = sum(1 for f in found if f.rule != "ICP102" and f.severity.value == "error")
    assert summary([report])["errors"] == 3 * MAX_PER_RULE + others
    text = reporter(fmt)([report], ReportOptions())
    if fmt == "json":
        data = json.loads(text)
        assert data["summary"]["errors"] == 3 * MAX_PER_RULE + others
        assert [f["unlisted"] for f in data["files"][0]["findings"] if "unlisted" in f] == [2 * MAX_PER_RULE]
    else:
        assert f"{3 * MAX_PER_RULE + others} error(s)" in text
