"""Portfolio reports cap the findings listed per draft (#19): one draft with 100,000 findings does not
bury the others, the counts stay whole, and a line says how many were left out."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl

from icpfile.findings import FileReport, Finding, Severity
from icpfile.report import MAX_FINDINGS, ReportOptions, listed, reporter
from icpfile.report.xlsx import tables

ROOT = Path(__file__).resolve().parent.parent


def flood(n: int) -> list[FileReport]:
    many = [Finding("ICP331", Severity.WARNING, f"/x/{i}", i + 2, 1, f"w{i}", "", "") for i in range(n)]
    many.insert(n // 2, Finding("ICP102", Severity.ERROR, "/subject/province", n + 5, 3, "late error", "", ""))
    other = FileReport("b.yaml", [Finding("ICP201", Severity.ERROR, "/subject/name", 4, 1, "b's error", "", "")])
    return [FileReport("a.yaml", many), other]


def test_the_cap_keeps_errors_first_and_counts_whole() -> None:
    reports = flood(100_000)
    page = reporter("html")(reports, ReportOptions(lang="en"))
    assert page.count('<li class="finding') == MAX_FINDINGS + 1  # a's 200, b's one
    assert "late error" in page and "b&#x27;s error" in page  # the error past the cap is listed; b is whole
    assert f'class="left-out" data-count="{100_001 - MAX_FINDINGS}"' in page
    assert f"{100_001 - MAX_FINDINGS} more finding(s) not listed" in page
    assert 'id="count-warnings" data-count="100000"' in page  # the counts stay whole
    assert len(page) < 200_000
    drafts, findings = (rows for _, rows in tables(reports, ReportOptions(lang="zh", max_findings=10)))
    a_rows = [r for r in findings[1:] if r[0] == "a.yaml"]
    assert len(a_rows) == 11 and a_rows[-1][5].startswith("另有 99991 条问题未列出")
    assert [r[4] for r in a_rows[:10]].count("ICP102") == 1 and drafts[1][3] == 100_000
    assert [r[1] for r in a_rows[:10]] == sorted(r[1] for r in a_rows[:10])  # in the file's order


def test_no_cap_lists_all_and_under_the_cap_nothing_is_said() -> None:
    reports = flood(300)
    everything = reporter("html")(reports, ReportOptions(lang="en", max_findings=0))
    assert everything.count('<li class="finding') == 302 and 'class="left-out"' not in everything
    kept, left = listed(reports[1].findings, 5)
    assert left == 0 and kept == reports[1].findings


def test_check_max_findings_flag(tmp_path: Path) -> None:
    def check(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "icpfile", "check", str(ROOT / "tests" / "data" / "broken.yaml"),
                               "--isolated", "--today", "2026-11-29", *args], capture_output=True, text=True,
                              timeout=120)

    check("--format", "html", "-o", str(tmp_path / "r.html"), "--max-findings", "2")
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert page.count('<li class="finding') == 2 and 'class="left-out"' in page
    assert check("--format", "xlsx", "-o", str(tmp_path / "r.xlsx"), "--max-findings", "3").returncode == 1
    rows = list(openpyxl.load_workbook(tmp_path / "r.xlsx").worksheets[1].iter_rows(values_only=True))
    assert len(rows) == 1 + 3 + 1 and "not listed" in rows[-1][5]
    assert check("--max-findings", "-1").returncode == 2


def test_the_xlsx_severity_column_speaks_the_reports_language() -> None:
    """Origin: issue 22 (the 级别 column read error/warning under --lang zh)."""
    reports = [FileReport("a.yaml", [Finding("ICP102", Severity.ERROR, "/x", 2, 1, "e", "", ""),
                                     Finding("ICP331", Severity.WARNING, "/y", 3, 1, "w", "", ""),
                                     Finding("ICP706", Severity.INFO, "", 1, 1, "i", "", "")])]
    for lang, words in (("zh", ["错误", "警告", "提示"]), ("en", ["error", "warning", "info"])):
        _, findings = (rows for _, rows in tables(reports, ReportOptions(lang=lang)))
        assert findings[0][3] == ("级别" if lang == "zh" else "severity")
        assert [r[3] for r in findings[1:]] == words
