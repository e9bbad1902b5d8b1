"""`icpfile status FOLDER` (#19.4): every order's step, next deadline and who it waits on, soonest first."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent


def icpfile(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "icpfile", *args, "--today", "2026-11-29"], capture_output=True,
                          text=True, cwd=cwd, timeout=120)


def portfolio(tmp: Path) -> Path:
    folder = tmp / "drafts"
    (folder / ".icpfile").mkdir(parents=True)
    states = {
        "a-submitted.yaml": {"step": "provider_review", "dates": {"order_updated": "2026-10-20T10:00"}},
        "b-sms.yaml": {"step": "sms", "dates": {"sms_received": "2026-11-28T20:00"}},
        "c-online.yaml": {"step": "approved", "dates": {"site_opened": "2026-11-20"}},
        "d-new.yaml": None,
    }
    for name, state in states.items():
        shutil.copy(ROOT / "examples" / "access.yaml", folder / name)
        if state is not None:
            (folder / ".icpfile" / f"{name}.state.json").write_text(
                json.dumps({"version": 1, "draft": name, **state}), encoding="utf-8")
    (folder / ".icpfile" / "e-broken.yaml.state.json").write_text("{", encoding="utf-8")
    shutil.copy(ROOT / "examples" / "access.yaml", folder / "e-broken.yaml")
    return folder


def test_soonest_deadline_first_with_who_acts(tmp_path: Path) -> None:
    portfolio(tmp_path)
    run = icpfile("status", "drafts", "--format", "json", "--lang", "en", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    orders = json.loads(run.stdout)["orders"]
    names = [Path(o["draft"]).name for o in orders]
    assert names[:3] == ["b-sms.yaml", "a-submitted.yaml", "c-online.yaml"]  # 24 h, 45 days, 30 days
    first = orders[0]
    assert first["next_deadline"]["id"] == "sms_code" and first["waiting_on"].startswith("client")
    assert orders[1]["next_deadline"]["id"] == "order_deleted"
    assert orders[1]["next_deadline"]["days_left"] in (4, 5)  # by the hour of the run
    assert orders[2]["next_deadline"]["id"] == "police_filing"
    broken = next(o for o in orders if o["draft"].endswith("e-broken.yaml"))
    assert broken["problem"] and broken["step"] is None  # one bad state file never stops the others
    assert next(o for o in orders if o["draft"].endswith("d-new.yaml"))["next_deadline"] is None


def test_text_and_xlsx(tmp_path: Path) -> None:
    portfolio(tmp_path)
    text = icpfile("status", "drafts", "--lang", "zh", cwd=tmp_path).stdout
    lines = text.splitlines()
    assert lines[0].split()[:3] == ["草稿", "步骤", "等待"] and "b-sms.yaml" in lines[1] and "小时" in lines[1]
    assert icpfile("status", "drafts", "--format", "xlsx", cwd=tmp_path).returncode == 2
    assert icpfile("status", "drafts", "--format", "xlsx", "-o", "s.xlsx", "--lang", "en", cwd=tmp_path).returncode == 0
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(tmp_path / "s.xlsx")["status"].iter_rows()]
    assert rows[0][:3] == ["draft", "step", "waiting on"] and rows[1][0].endswith("b-sms.yaml")
    assert len(rows) == 6


def test_a_draft_named_by_an_id_number_is_masked_in_every_format(tmp_path: Path) -> None:
    """`check` masks a file named 110101199003071234.yaml; status FOLDER showed it whole (breaker)."""
    folder = tmp_path / "drafts"
    folder.mkdir()
    shutil.copy(ROOT / "examples" / "access.yaml", folder / "110101199003071234.yaml")
    (folder / ".icpfile").mkdir()
    (folder / ".icpfile" / "13800138001.yaml.state.json").write_text("{", encoding="utf-8")
    shutil.copy(ROOT / "examples" / "access.yaml", folder / "13800138001.yaml")
    for fmt in ("text", "json"):
        done = icpfile("status", "drafts", "--format", fmt, cwd=tmp_path)
        assert "110***********1234" in done.stdout, done.stdout + done.stderr
        assert "110101199003071234" not in done.stdout and "13800138001" not in done.stdout
