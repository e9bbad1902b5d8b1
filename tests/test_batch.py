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
import json
import os

import pytest
from make_drafts import main as make_drafts

from conftest import (
    POSIX,
    ROOT,
    TODAY,
    dump,
    example_base,
    invoke,
    with_timeout,
)


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
    assert batch.workers_for(40, 10.0, 2) == 2


def test_the_pool_must_win_by_a_margin_not_by_a_hair() -> None:
    """#23: 200 drafts on a loaded machine probed at 1.2-1.5 ms a draft, just over the model's
    break-even (1.14 ms for the 176 after the probe), forked and lost 11-25 %: the model ignores
    that the other core is busy too. The pool is chosen only when it is modelled to save a quarter."""
    here = 176 * 1.4
    modelled = batch.POOL_MS + 2 * batch.WORKER_MS + 176 * (1.4 / 2 + batch.RETURN_MS)
    assert modelled < here  # a fork by the bare model
    assert batch.workers_for(176, 1.4, 2) == 1
    assert batch.workers_for(176, 3.0, 2) == 2  # slow drafts still pay for the pool
    assert batch.workers_for(976, 0.9, 2) == 2  # and so does a thousand of today's



@pytest.mark.parametrize("wall_per_cpu", [1.0, 20.0])
def test_the_pool_is_sized_from_the_probes_cpu_time_whatever_the_machines_load(monkeypatch, wall_per_cpu) -> None:
    """#19: on a shared machine the probe's wall time swings with other work (one preemption is
    as long as a few drafts); its CPU time does not, and neither does the choice. 219 drafts of
    1 ms CPU are just below break-even for 2 workers: they stay in this process on a quiet
    machine and on one where the probe took 20 times its CPU time (sized by wall time, they forked)."""
    from types import SimpleNamespace

    from icpfile import engine
    from icpfile.findings import FileReport

    clock = {"cpu": 0.0, "wall": 0.0}

    def check(item: batch.Input, options: Options, packs: object) -> engine.Result:
        clock["cpu"] += 0.001
        clock["wall"] += 0.001 * wall_per_cpu
        return engine.Result(FileReport(item.shown, []))

    forked: list[int] = []
    monkeypatch.setattr(batch, "time", SimpleNamespace(process_time=lambda: clock["cpu"],
                                                       perf_counter=lambda: clock["wall"]))
    monkeypatch.setattr(batch, "_check", check)
    monkeypatch.setattr(batch, "cores", lambda: 2)
    monkeypatch.setattr(engine, "warm", lambda: None)
    monkeypatch.setattr(batch, "in_workers", lambda work, items, *a, **k: forked.append(k["workers"]) or [])
    inputs = [batch.Input(f"d{i}.yaml", Path(f"d{i}.yaml")) for i in range(219)]
    assert batch.workers_for(len(inputs) - batch.PROBE, 1.0, 2) == 1
    results = batch.run(inputs, Options())
    assert forked == [] and [r.report.path for r in results] == [i.shown for i in inputs]
    many = [batch.Input(f"d{i}.yaml", Path(f"d{i}.yaml")) for i in range(1000)]
    batch.run(many, Options())
    assert forked == [2]


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    make_drafts(70, tmp_path)
    result = subprocess.run([sys.executable, "-m", "icpfile", "check", "--isolated", str(tmp_path)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-500:]
    assert result.stderr == ""  # stderr is a pipe here: no bar


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            return "\nState:\tZ" not in handle.read()
    except FileNotFoundError:
        return False


@POSIX
def test_a_fifo_in_a_drafts_folder_is_reported_not_waited_on(tmp_path: Path) -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    (tmp_path / "a.yaml").write_text(dump(example_base("enterprise")), encoding="utf-8")
    os.mkfifo(tmp_path / "b.yaml")
    result = with_timeout(lambda: invoke("check", "--isolated", "--format", "json", "--today", "2026-11-29",
                                       str(tmp_path)))
    found = {Path(f["path"]).name: [x["rule"] for x in f["findings"]] for f in json.loads(result.stdout)["files"]}
    assert found["b.yaml"] == ["ICP001"] and "ICP001" not in found["a.yaml"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_worker_dies_with_its_killed_parent() -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    import signal
    import subprocess
    import time

    worker = ("import os, sys, time; from icpfile.batch import _die_with_parent; _die_with_parent(os.getppid()); "
              "print('ready', flush=True); time.sleep(60)")
    parent = ("import subprocess, sys, time; p = subprocess.Popen([sys.executable, '-c', sys.argv[1]], "
              "stdout=subprocess.PIPE, text=True); p.stdout.readline(); print(p.pid, flush=True); time.sleep(60)")
    middle = subprocess.Popen([sys.executable, "-c", parent, worker], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    child = int(middle.stdout.readline())
    assert _alive(child)
    middle.send_signal(signal.SIGKILL)
    middle.wait()
    deadline = time.monotonic() + 5
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child)


def test_a_crash_on_one_draft_keeps_the_others(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    from icpfile import batch
    from icpfile.schema import typed

    real = typed.apply

    def explode(data: dict) -> dict:
        if data.get("x_boom"):
            raise RecursionError("boom")
        return real(data)

    monkeypatch.setattr(typed, "apply", explode)
    (tmp_path / "a.yaml").write_text("x_boom: 1\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text(dump(example_base("enterprise")), encoding="utf-8")
    results = batch.run(batch.expand([str(tmp_path)]), Options(today=TODAY))
    assert [bool(r.internal) for r in results] == [True, False]
    assert results[1].report.path.endswith("b.yaml")
