"""Batches: parallel workers give the same results, in input order, as one process does."""

from __future__ import annotations

import datetime as dt
import random
import subprocess
import sys
from pathlib import Path

from icpfile import batch
from icpfile.options import Options

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from make_drafts import main as make_drafts


def test_parallel_equals_sequential_in_input_order(tmp_path: Path, monkeypatch) -> None:
    make_drafts(80, tmp_path)
    broken = tmp_path / "draft-0007.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("zh-Hans", "zh-CN"), encoding="utf-8")
    paths = sorted(str(p) for p in tmp_path.glob("*.yaml"))
    random.Random(3).shuffle(paths)
    inputs = batch.expand(paths)
    options = Options(today=dt.date(2026, 11, 29))
    monkeypatch.setattr(batch, "PARALLEL_FROM", 10**9)
    one = batch.run(inputs, options)
    monkeypatch.setattr(batch, "PARALLEL_FROM", 2)
    many = batch.run(inputs, options, progress=True)
    assert [r.report.path for r in many] == paths
    assert [r.report.findings for r in many] == [r.report.findings for r in one]
    assert any(f.rule == "ICP102" for r in many for f in r.report.findings)


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    make_drafts(70, tmp_path)
    result = subprocess.run([sys.executable, "-m", "icpfile", "check", "--isolated", str(tmp_path)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-500:]
    assert result.stderr == ""  # stderr is a pipe here: no bar
