"""A folder check an agency reads: no silent green on an empty folder, and the drafts line (#19)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def icpfile(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "icpfile", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=120)


def test_empty_folder_exits_2_with_one_line(tmp_path: Path) -> None:
    run = icpfile("check", str(tmp_path), "--isolated")
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr.count("\n") == 1 and "no drafts" in run.stderr


def test_pattern_that_matched_nothing_exits_2(tmp_path: Path) -> None:
    run = icpfile("check", str(tmp_path / "*.yaml"), "--isolated")
    assert run.returncode == 2
    assert "matched no file" in run.stderr


def test_allow_empty_option_and_setting(tmp_path: Path) -> None:
    assert icpfile("check", str(tmp_path), "--isolated", "--allow-empty").returncode == 0
    (tmp_path / ".icpfile.toml").write_text("allow_empty = true\n", encoding="utf-8")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    assert icpfile("check", "drafts", cwd=tmp_path).returncode == 0
    assert icpfile("check", "drafts", "--no-allow-empty", cwd=tmp_path).returncode == 2


def test_drafts_line_counts_ready_and_failing(tmp_path: Path) -> None:
    for name in ("personal-first-filing.yaml", "access.yaml"):
        shutil.copy(ROOT / "examples" / name, tmp_path / name)
    shutil.copy(ROOT / "tests" / "data" / "broken.yaml", tmp_path / "broken.yaml")
    (tmp_path / "empty.yaml").write_text("", encoding="utf-8")
    run = icpfile("check", str(tmp_path), "--isolated", "--lang", "en", "--today", "2026-11-29")
    last = run.stdout.splitlines()[-1]
    assert last.startswith("4 draft(s): 2 ready, 2 failing (most common: ")
    zh = icpfile("check", str(tmp_path), "--isolated", "--lang", "zh", "--today", "2026-11-29")
    assert zh.stdout.splitlines()[-1].startswith("草稿 4 份：2 份可以提交，2 份不通过（主要问题：")


def test_one_draft_has_no_drafts_line() -> None:
    run = icpfile("check", str(ROOT / "examples" / "access.yaml"), "--isolated", "--lang", "en")
    assert "draft(s):" not in run.stdout


def test_portfolio_counts_a_code_once_a_draft() -> None:
    from icpfile.findings import FileReport, Finding, Severity
    from icpfile.report import portfolio

    def f(code: str, severity: Severity = Severity.ERROR) -> Finding:
        return Finding(code, severity, "", 1, 1, "m", "", "s")

    reports = [FileReport("a", [f("ICP304"), f("ICP304"), f("ICP201")]), FileReport("b", [f("ICP201")]),
               FileReport("c", [f("ICP999", Severity.WARNING)])]
    assert portfolio(reports) == {"drafts": 3, "ready": 1, "failing": 2, "top": [("ICP201", 2), ("ICP304", 1)]}
    assert portfolio(reports, strict=True)["failing"] == 3
