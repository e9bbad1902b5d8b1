"""Progress on long runs (#19.6): on stderr, only when stderr is a terminal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pexpect

ROOT = Path(__file__).resolve().parent.parent


def sheet(tmp: Path, rows: int) -> Path:
    lines = ["订单编号,省份,主办单位名称"] + [f"P-{i},浙江省,示例{i}有限公司" for i in range(rows)]
    path = tmp / "many.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_import_shows_a_bar_on_a_terminal(tmp_path: Path) -> None:
    sheet(tmp_path, 400)
    child = pexpect.spawn(sys.executable, ["-m", "icpfile", "import", "many.csv", "-o", "out", "--lang", "en"],
                          cwd=str(tmp_path), encoding="utf-8", timeout=120, dimensions=(24, 120))
    child.expect(pexpect.EOF)
    child.close()
    assert "icpfile import" in child.before  # the bar's label, drawn on the terminal
    assert child.exitstatus == 0


def test_no_bar_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    sheet(tmp_path, 400)
    run = subprocess.run([sys.executable, "-m", "icpfile", "import", "many.csv", "-o", "out", "--lang", "en"],
                         capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert run.returncode == 0 and run.stderr == ""
    assert "wrote 400 draft(s)" in run.stdout


def test_bar_is_silent_when_disabled(capsys) -> None:
    from icpfile.progress import bar, wanted

    with bar(False, 10, "x") as advance:
        advance(3)
    assert capsys.readouterr().err == ""
    assert wanted(10) is False  # pytest captures stderr: not a terminal
