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
    for cost in ("POOL_MS", "WORKER_MS", "RETURN_MS"):  # workers cost nothing: the model always forks
        monkeypatch.setattr(batch, cost, 0.0)
    forked: list[int] = []
    real = batch.in_workers
    monkeypatch.setattr(batch, "in_workers", lambda *a, **k: forked.append(k["workers"]) or real(*a, **k))
    many = batch.run(inputs, options, progress=True)
    assert (forked and forked[0] >= 2) or batch.cores() < 2
    assert [r.report.path for r in many] == paths
    assert [r.report.findings for r in many] == [r.report.findings for r in one]
    assert any(f.rule == "ICP102" for r in many for f in r.report.findings)


def test_workers_only_when_the_measured_cost_says_they_save_time() -> None:
    """The cost model of #23.3: on 2 cores, about 1 ms a draft, 64–200 drafts ran slower in
    parallel than here; a few thousand are faster in 2 workers; a slow draft pays sooner."""
    assert batch.workers_for(100, 1.0, 2) == 1
    assert batch.workers_for(5000, 1.0, 2) == 2
    assert batch.workers_for(5000, 1.0, 1) == 1
    assert batch.workers_for(100, 20.0, 2) == 2
    assert batch.workers_for(400, 1.0, 8) < 8  # a worker's start is not free: not one per core for little work
    assert batch.workers_for(0, 1.0, 8) == 1


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    make_drafts(70, tmp_path)
    result = subprocess.run([sys.executable, "-m", "icpfile", "check", "--isolated", str(tmp_path)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-500:]
    assert result.stderr == ""  # stderr is a pipe here: no bar
