"""No report line commands the CI runner or the terminal (issue 24.4).

`--format github`: each finding is exactly one workflow command; its data escaped as the runner's
toolkit escapes it (`%` → %25, CR → %0D, LF → %0A; in properties also `:` → %3A and `,` → %2C),
so the runner's unescaping gives back the message, and no value starts a line of its own.
The text format: a value's C0/C1 controls, ESC sequences and bidi controls are escaped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from icpfile.findings import FileReport, Finding, Severity
from icpfile.report import ReportOptions, reporter

from conftest import ROOT, invoke

HOSTILE = "静夜读书论坛%0A::error::x\r\n##[error]y \u202e\x1b]0;T\x07\x85\u2066"


def _unescape(text: str, prop: bool = False) -> str:
    """The runner's unescaping (actions/runner ActionCommand: %0D %0A %25, and %3A %2C in properties)."""
    pairs = [("%0D", "\r"), ("%0A", "\n")] + ([("%3A", ":"), ("%2C", ",")] if prop else []) + [("%25", "%")]
    for token, char in pairs:
        text = text.replace(token, char)
    return text


def _finding(message: str, hint: str = "") -> Finding:
    return Finding("ICP203", Severity.ERROR, "/websites/0/name", 28, 11, message, hint, "指南")


def test_github_writes_one_command_per_finding_and_its_text_decodes_back() -> None:
    path = "a,b:c%0A\n::x.yaml"
    out = reporter("github")([FileReport(path, [_finding(HOSTILE, "第二行\n::warning::z")])], ReportOptions())
    lines = out.splitlines()
    assert len(lines) == 2 and lines[0].startswith("::error file=") and not lines[1].lstrip().startswith("::")
    assert "\r" not in out and "\x85" not in out
    command = re.fullmatch(r"::error (?P<props>[^:]*)::(?P<data>.*)", lines[0])
    assert command is not None, lines[0]
    props = dict(part.split("=", 1) for part in command["props"].split(","))
    assert _unescape(props["file"], prop=True) == path.replace("\n", "\\x0a")
    assert props["line"] == "28" and props["col"] == "11"
    from icpfile.values.echo import escape_controls

    assert _unescape(command["data"]) == f"{escape_controls(HOSTILE)}\n第二行\\x0a::warning::z"


def test_github_format_of_a_hostile_draft_leaves_no_other_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    base = (ROOT / "examples/personal-first-filing.yaml").read_text(encoding="utf-8")
    value = HOSTILE.replace("\r", "\\r").replace("\n", "\\n").replace("\x1b", "\\e").replace("\x07", "\\a") \
        .replace("\x85", "\\N").replace("\u202e", "\\u202e").replace("\u2066", "\\u2066")
    (tmp_path / "a.yaml").write_text(base.replace("name: 静夜读书笔记 ", f'name: "{value}"'), encoding="utf-8")
    result = invoke("check", "a.yaml", "-f", "github", "--today", "2026-11-29")
    assert result.exit_code == 1
    *commands, summary = result.stdout.splitlines()
    assert commands and all(re.match(r"::(error|warning|notice) file=a\.yaml,line=\d+,col=\d+,title=", c)
                            for c in commands)
    assert "::" not in summary and "##[" not in summary
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", result.stdout)


def test_text_format_escapes_controls_escapes_and_bidi_in_values() -> None:
    out = reporter("text")([FileReport("a\x1b.yaml", [_finding(HOSTILE, HOSTILE)])], ReportOptions())
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out)
    assert "\\x1b" in out and "\\u202e" in out and "\\x85" in out and "a\\x1b.yaml" in out
    assert out.count("\n") == 4  # head, hint, source and summary: the value forged no line


def test_text_format_of_a_hostile_draft_has_no_control(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    base = (ROOT / "examples/personal-first-filing.yaml").read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(
        base.replace("name: 静夜读书笔记 ", 'name: "静夜读书论坛\\e]0;PWNED\\a\\u202e\\x9b31m"'), encoding="utf-8")
    result = invoke("check", "a.yaml", "--today", "2026-11-29")
    assert result.exit_code == 1
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", result.stdout)
    assert "\\x1b]0;PWNED\\x07" in result.stdout
