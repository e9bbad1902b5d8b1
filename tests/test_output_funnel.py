"""The one output funnel (cli/output.py): every line a command prints is masked by shape, has its
controls escaped and carries no workflow command the GitHub runner would obey (issue 24, items 3
and 4; the s3 breaker's D05–D07, E01–E06)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from icpfile.filing.state import State, StateStore
from icpfile.values.echo import guard_commands, shown_line

from conftest import ROOT, invoke

ID = "330106198807202348"  # made up, valid check digit
MOBILE = "13800138001"


def _commands(text: str) -> list[str]:
    """The lines the runner would read as workflow commands (`::` after trimming, `##[` anywhere)."""
    return [line for line in text.replace("\r", "\n").split("\n") if line.lstrip().startswith("::") or "##[" in line]


@pytest.mark.parametrize("text", [" ::error file=a::b", "\u3000::warning::p", "a##[error]b", "x\r\t::debug::y",
                                  "ok\n  ::set-output name=a::b"])
def test_guard_leaves_no_command_in_any_style(text: str) -> None:
    for style in ("text", "json", "xml"):
        assert _commands(guard_commands(text, style)) == [], style


def test_guard_keeps_the_value_for_json_and_xml() -> None:
    value = "静夜##[error]  ::x"
    assert json.loads('"' + guard_commands(value, "json") + '"') == value
    import xml.etree.ElementTree as ET

    assert ET.fromstring(f"<a>{guard_commands('##[x', 'xml')}</a>").text == "##[x"


def test_a_line_for_a_person_is_masked_escaped_and_one_line() -> None:
    line = shown_line(f"李四-{ID}.yaml\n::error::x \x1b]0;T\x07 \u202e")
    assert ID not in line and "330***********2348" in line
    assert "\n" not in line and "\x1b" not in line and "\u202e" not in line
    assert _commands(line) == []


def test_usage_error_masks_the_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("check", f"李四-{ID}.yaml")
    assert result.exit_code == 2
    assert ID not in result.output and "330***********2348" in result.output


def test_did_you_mean_is_masked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(ROOT / "examples/personal-first-filing.yaml", tmp_path / f"{ID}.yaml")
    result = invoke("status", f"{ID[:-1]}9.yaml")
    assert result.exit_code == 2
    assert "did you mean" in result.output and ID not in result.output and ID[:-1] not in result.output


def test_status_masks_and_escapes_the_recorded_rejection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    draft = tmp_path / "mine.yaml"
    shutil.copy(ROOT / "examples/personal-first-filing.yaml", draft)
    reason = f"证件号码 {ID} 与手机 {MOBILE} 不一致\x1b]0;PWNED\x07 ##[error]x"
    StateStore(draft).save(State(draft=draft.name, step="authority_review", facts={"rejection": reason}))
    text = invoke("status", "mine.yaml", "--today", "2026-11-29")
    assert text.exit_code == 0, text.output
    for out in (text.output, invoke("status", "mine.yaml", "-f", "json", "--today", "2026-11-29").output):
        assert ID not in out and MOBILE not in out and "\x1b" not in out and "\x07" not in out
        assert _commands(out) == []
    assert "138****8001" in text.output


def test_name_report_path_is_masked_and_cannot_forge_a_line() -> None:
    name = f"李四{MOBILE}\n::error file=README.md::pwned"
    result = invoke("name", name, "--province", "浙江", "--nature", "personal")
    assert MOBILE not in result.output
    assert _commands(result.output) == []


def test_text_report_of_a_hostile_name_and_file_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    base = (ROOT / "examples/personal-first-filing.yaml").read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(base.replace("name: 静夜读书笔记 ", 'name: "静夜读书论坛##[error]x"'),
                                     encoding="utf-8")
    (tmp_path / " ::error file=README.md,line=1::pwned.yaml").write_text(base, encoding="utf-8")
    (tmp_path / "\u3000::warning::pwned2.yaml").write_text(base, encoding="utf-8")
    for fmt in ("text", "json", "sarif", "junit", "gitlab"):
        result = invoke("check", ".", "-f", fmt, "--today", "2026-11-29")
        assert result.exit_code == 1, (fmt, result.output)
        assert _commands(result.stdout) == [], fmt
    assert "静夜读书论坛#\\x23[error]x" in invoke("check", "a.yaml", "--today", "2026-11-29").output


def test_internal_error_is_masked_and_one_line(tmp_path: Path) -> None:
    """The crash line quotes the exception; a parser's message quotes the draft's line (D04)."""
    code = (
        "import sys; from icpfile.cli import registry\n"
        "def boom(*a, **k):\n"
        f"    raise ValueError('line 3:\\n  id_number: \"{ID}\"\\t# x\\n ::error::y')\n"
        "registry._command = lambda argv: boom\n"
        "sys.argv = ['icpfile', 'check', 'x.yaml']\n"
        "registry.main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert done.returncode == 2
    assert "internal error: ValueError" in done.stderr
    assert ID not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert _commands(done.stderr) == []


def test_the_wizards_summary_is_masked_and_escaped(tmp_path: Path) -> None:
    """E04: the summary showed the ID and the mobile in full and let a remark's OSC retitle the terminal."""
    from icpfile.cli.output import echo
    from icpfile.filing.wizard import Wizard
    from icpfile.options import Options

    draft = tmp_path / "mine.yaml"
    text = (ROOT / "examples/personal-first-filing.yaml").read_text(encoding="utf-8")
    draft.write_text(text.replace("remarks: 本网站为个人网站", 'remarks: "\\e]0;PWNED\\a本网站为个人网站'
                                  ).replace("不含企业信息。   #", '不含企业信息。"   #'), encoding="utf-8")
    wizard = Wizard(draft, None, Options(lang="en"), print)
    wizard.load()
    lines = wizard.session.review_lines()
    joined = "\n".join(lines)
    assert ID not in joined and MOBILE not in joined and "138****8001" in joined
    import io
    import sys as system

    out = io.StringIO()
    saved, system.stdout = system.stdout, out
    try:
        for line in lines:
            echo(line)
    finally:
        system.stdout = saved
    assert "\x1b" not in out.getvalue() and "\x07" not in out.getvalue() and "\\x1b]0;PWNED" in out.getvalue()
