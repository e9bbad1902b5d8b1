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
    assert lines[0].split()[:7] == ["草稿", "检查", "错误", "警告", "第一个错误", "步骤（进度文件）", "按步骤等待"]
    # the SMS code's 24 hours end at 20:00 on --today: overdue or not by the hour of the run
    assert "b-sms.yaml" in lines[1] and ("小时" in lines[1] or "已过期" in lines[1]), lines[1]
    assert "草稿（未运行向导）" in next(line for line in lines if "d-new.yaml" in line)
    assert lines[-1] in ("5 份草稿：0 份有错误（修改前向导不会继续），0 个期限已过，2 个在 7 天内到期",
                         "5 份草稿：0 份有错误（修改前向导不会继续），1 个期限已过，1 个在 7 天内到期"), lines[-1]
    assert icpfile("status", "drafts", "--format", "xlsx", cwd=tmp_path).returncode == 2
    assert icpfile("status", "drafts", "--format", "xlsx", "-o", "s.xlsx", "--lang", "en", cwd=tmp_path).returncode == 0
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(tmp_path / "s.xlsx")["status"].iter_rows()]
    assert rows[0][:3] == ["draft", "check", "errors"] and rows[1][0].endswith("b-sms.yaml")
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


def test_the_check_results_agree_with_check_and_a_blocked_draft_says_so(tmp_path: Path) -> None:
    """status FOLDER read only the state files: a draft `check` refuses showed as ready to go on."""
    folder = portfolio(tmp_path)
    broken = (folder / "a-submitted.yaml").read_text(encoding="utf-8").replace("province: 浙江省", "province: 火星省")
    (folder / "a-submitted.yaml").write_text(broken, encoding="utf-8")
    status = json.loads(icpfile("status", "drafts", "--format", "json", "--lang", "en", cwd=tmp_path).stdout)
    checked = json.loads(icpfile("check", "drafts", "--format", "json", "--lang", "en", cwd=tmp_path).stdout)
    by_name = {Path(o["draft"]).name: o["check"] for o in status["orders"]}
    for report in checked["files"]:
        counts = by_name[Path(report["path"]).name]
        errors = [f for f in report["findings"] if f["severity"] == "error"]
        assert counts["errors"] == len(errors) and counts["blocked"] == bool(errors)
        assert counts["warnings"] == sum(1 for f in report["findings"] if f["severity"] == "warning")
        if errors:
            assert counts["first_error"]["rule"] == errors[0]["rule"]
    assert by_name["a-submitted.yaml"]["blocked"] and not by_name["b-sms.yaml"]["blocked"]
    text = icpfile("status", "drafts", "--lang", "en", cwd=tmp_path).stdout.splitlines()
    row = next(line for line in text if "a-submitted.yaml" in line)
    assert "blocked" in row and by_name["a-submitted.yaml"]["first_error"]["rule"] in row
    assert text[-1].startswith("5 drafts: 1 with errors")
    ignored = tmp_path / ".icpfile.toml"  # the settings file's ignore applies as it does to check
    ignored.write_text(f'ignore = ["{by_name["a-submitted.yaml"]["first_error"]["rule"]}"]\n', encoding="utf-8")
    again = json.loads(icpfile("status", "drafts", "--format", "json", cwd=tmp_path).stdout)
    assert next(o for o in again["orders"] if o["draft"].endswith("a-submitted.yaml"))["check"]["errors"] < \
        by_name["a-submitted.yaml"]["errors"]


def test_a_folder_with_no_drafts_is_one_line_and_exit_2_unless_allow_empty(tmp_path: Path) -> None:
    """As `check` of such a folder: a wrong path in CI is no empty portfolio. A wizard state left
    behind is no draft.

    Origin: issue 22 (`status` of an empty folder printed an empty table and exited 0)."""
    empty = tmp_path / "clients"
    (empty / ".icpfile").mkdir(parents=True)
    (empty / ".icpfile" / "gone.yaml.state.json").write_text('{"version": 1, "step": "sms"}', encoding="utf-8")
    for args in (("status", "clients"), ("status", "clients", "-f", "json"), ("status", "clients", "--lang", "zh")):
        run = icpfile(*args, cwd=tmp_path)
        assert run.returncode == 2 and run.stdout == "", run
        assert run.stderr.count("\n") == 1 and ("nothing to show" in run.stderr or "没有可显示的内容" in run.stderr)
        assert "clients" in run.stderr
    accepted = icpfile("status", "clients", "--allow-empty", cwd=tmp_path)
    assert accepted.returncode == 0 and "0 drafts" in accepted.stdout
    (empty / "a.yaml").write_text((ROOT / "examples" / "access.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert icpfile("status", "clients", cwd=tmp_path).returncode == 0


def test_a_state_date_in_year_9999_is_no_date_not_an_overflow(tmp_path) -> None:
    """breaker21 K22: site_opened 9999-12-31 (the wizard's date prompt took it) made the police
    deadline overflow: `status` was an internal error, and `status FOLDER` lost every row."""
    from icpfile.filing.state import State, StateStore

    from conftest import apply_example, invoke

    for name in ("a", "b"):
        (tmp_path / f"{name}.yaml").write_text(apply_example({"base": "personal"}), encoding="utf-8")
    StateStore(tmp_path / "a.yaml").save(State(draft="a.yaml", step="approved", dates={"site_opened": "9999-12-31"}))
    one = invoke("status", str(tmp_path / "a.yaml"))
    assert one.exit_code == 2 and "is not an ISO date of 1900–2199" in one.output, one.output  # one line
    folder = invoke("status", str(tmp_path))
    assert "internal error" not in folder.output and "b.yaml" in folder.output, folder.output


def test_status_of_a_draft_with_errors_says_they_come_first(tmp_path) -> None:
    """walker22: `status` of a draft with errors said "next: prepare the materials to upload"; the
    wizard goes no further until they are fixed (the folder view called it blocked)."""
    from conftest import apply_example, invoke

    wrong = apply_example({"base": "personal", "set": {"/subject/principal/mobile": "1380013800"}})
    (tmp_path / "d.yaml").write_text(wrong, encoding="utf-8")
    result = invoke("status", str(tmp_path / "d.yaml"), "--lang", "en")
    assert "next: fix the 1 error(s) first" in result.output, result.output
    (tmp_path / "d.yaml").write_text(apply_example({"base": "personal"}), encoding="utf-8")
    assert "fix the" not in invoke("status", str(tmp_path / "d.yaml"), "--lang", "en").output
