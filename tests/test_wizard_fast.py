"""cli/fast.py runs `icpfile wizard` without typer (#23): the same stdout, stderr, exit code and
written draft as the typer command, which takes every form the fast path does not."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

TYPER_ONLY = "import sys; from icpfile.cli.registry import main; sys.argv[0] = 'icpfile'; main()"
PERSONAL = ROOT / "examples" / "personal-first-filing.yaml"


@pytest.mark.parametrize("args", [
    ("d.yaml", "--answers", "answers.yaml", "--today", "2026-11-29"),  # a whole scripted run, written
    ("--lang", "zh", "d.yaml", "--answers", "partial.yaml"),  # answers that leave fields missing
    ("d.yaml", "--answers", "answers.yaml", "--edit", "no.such.field"),  # a usage error of its own code
    ("existing.yaml",),  # no terminal, no answers: refused
    ("existing.yml", "--lang", "en"),  # a mistyped name, off a terminal
    (),  # draft.yaml, which does not exist
    ("existing.yaml", "--today", "2026-13-01", "--answers", "answers.yaml"),
    ("existing.yaml", "--lang", "fr"),  # a choice typer refuses: typer's path
    ("existing.yaml", "--lang=en"),  # a form the plain path leaves to typer
])
def test_the_plain_wizard_runs_without_typer_as_the_typer_command_does(args: tuple[str, ...], tmp_path: Path) -> None:
    def run(*argv: str) -> tuple[int, str, str, str]:
        work = tmp_path / str(len(list(tmp_path.iterdir())))
        work.mkdir()
        shutil.copy(PERSONAL, work / "answers.yaml")
        shutil.copy(PERSONAL, work / "existing.yaml")
        (work / "partial.yaml").write_text("filing: {type: first_filing}\n", encoding="utf-8")
        done = subprocess.run([sys.executable, *argv, "wizard", *args], cwd=work, capture_output=True, text=True,
                              timeout=120, env={**os.environ, "ICPFILE_CACHE_DIR": str(tmp_path / "c")})
        written = (work / "d.yaml").read_text(encoding="utf-8") if (work / "d.yaml").exists() else ""
        return done.returncode, done.stdout, done.stderr, written

    fast, typer_path = run("-m", "icpfile"), run("-c", TYPER_ONLY)
    assert fast == typer_path
    assert fast[1] or fast[2]
    if args[-1:] == ("2026-11-29",):
        assert fast[0] == 0 and "李四" in fast[3]  # the scripted run did write the draft
