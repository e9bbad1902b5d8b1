"""`icpfile status FOLDER`: never overwrites a draft, never writes through a symlink, shows every
name escaped and every file it finds, in every format (#21: B9, B10, B15, W14)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import openpyxl
import pytest

from conftest import ROOT, invoke

DRAFT = ROOT / "examples" / "personal-first-filing.yaml"
HOSTILE = "evil\x1b]0;pwn\x07\u202e.yaml"  # retitles a terminal, reverses the line


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    shutil.copy(DRAFT, drafts / "a.yaml")
    return drafts


def status(*args: str):
    return invoke("status", *args, "--today", "2026-11-29", "--lang", "en")


def test_output_over_a_draft_is_refused_and_the_draft_unchanged(folder: Path) -> None:
    """Origin: #21 B15: `status FOLDER -o FOLDER/a.yaml` replaced the client's draft with the table."""
    before = (folder / "a.yaml").read_bytes()
    run = status("drafts", "-o", "drafts/a.yaml")
    assert run.exit_code == 2 and "is a file being checked" in run.output
    assert (folder / "a.yaml").read_bytes() == before


def test_output_through_a_symlink_is_refused(folder: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("mine", encoding="utf-8")
    (tmp_path / "out.json").symlink_to(victim)
    run = status("drafts", "-f", "json", "-o", "out.json")
    assert run.exit_code == 2 and "is a symbolic link" in run.output
    assert victim.read_text(encoding="utf-8") == "mine" and (tmp_path / "out.json").is_symlink()
    (tmp_path / "to-draft.json").symlink_to(folder / "a.yaml")  # a link to a draft is the draft
    assert status("drafts", "-o", "to-draft.json").exit_code == 2
    assert (folder / "a.yaml").read_bytes() == DRAFT.read_bytes()


def test_output_that_would_be_read_as_a_new_draft_is_refused(folder: Path) -> None:
    run = status("drafts", "-o", "drafts/status.yaml")
    assert run.exit_code == 2 and "read as a draft" in run.output
    assert not (folder / "status.yaml").exists()
    assert status("drafts", "-f", "json", "-o", "status.json").exit_code == 0  # beside it: fine
    assert json.loads(Path("status.json").read_text(encoding="utf-8"))["orders"][0]["draft"] == "drafts/a.yaml"


def test_hostile_names_are_escaped_in_text_json_and_xlsx(folder: Path) -> None:
    """Origin: #21 B9/B10: a name's ESC, BEL, U+202E and newline were printed raw, and the xlsx
    view ended in `internal error: IllegalCharacterError`."""
    shutil.copy(DRAFT, folder / HOSTILE)
    shutil.copy(DRAFT, folder / "new\nline.yaml")
    text = status("drafts")
    assert text.exit_code == 0, text.output
    assert not any(c in text.output for c in "\x1b\x07\u202e")
    assert "drafts/evil\\x1b]0;pwn\\x07\\u202e.yaml" in text.output and "drafts/new\\x0aline.yaml" in text.output
    rows = json.loads(status("drafts", "-f", "json").output)["orders"]
    assert sorted(r["draft"] for r in rows) == ["drafts/a.yaml", "drafts/evil\\x1b]0;pwn\\x07\\u202e.yaml",
                                                "drafts/new\\x0aline.yaml"]
    sheet = status("drafts", "-f", "xlsx", "-o", "status.xlsx")
    assert sheet.exit_code == 0, sheet.output
    cells = [c.value for c in openpyxl.load_workbook("status.xlsx").active["A"]]
    assert "drafts/evil\\x1b]0;pwn\\x07\\u202e.yaml" in cells


@pytest.mark.skipif(os.name == "nt", reason="POSIX symlinks")
def test_a_file_the_walk_must_not_read_is_a_row_not_a_silent_skip(folder: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    shutil.copy(DRAFT, outside)
    (folder / "link.yaml").symlink_to(outside)
    rows = json.loads(status("drafts", "-f", "json").output)["orders"]
    link = next(r for r in rows if r["draft"] == "drafts/link.yaml")
    assert link["check"]["blocked"] and link["check"]["first_error"]["rule"] == "ICP015"
    assert link["step"] is None and link["read"] is False
    text = status("drafts").output
    assert "not read" in text and "ICP015" in text and "2 drafts:" in text


def test_the_total_says_1_draft_and_1_deadline(folder: Path) -> None:
    """Origin: #21 W14: `1 drafts`."""
    assert "\n1 draft: 0 with errors" in status("drafts").output
    state = folder / ".icpfile"
    state.mkdir()
    (state / "a.yaml.state.json").write_text(json.dumps(
        {"version": 1, "draft": "a.yaml", "step": "approved", "dates": {"site_opened": "2026-10-01"}}),
        encoding="utf-8")
    assert "1 deadline overdue" in status("drafts").output
    assert "1 份草稿：" in invoke("status", "drafts", "--today", "2026-11-29", "--lang", "zh").output


def test_a_filed_draft_without_a_state_file_stands_where_its_record_says(folder: Path) -> None:
    """A draft that holds its record (a fresh checkout: the state file is kept out of git) is not
    "wizard not run" at "fill in the draft": it is done when every website has its police number,
    else approved with the police filing's 30 days running from the opening date."""
    filed = (ROOT / "examples" / "filed-site-with-police.yaml").read_text(encoding="utf-8")
    (folder / "filed.yaml").write_text(filed, encoding="utf-8")
    (folder / "opened.yaml").write_text(filed.replace("      number: 浙公网安备 33011002012345号", ""),
                                        encoding="utf-8")
    rows = {r["draft"]: r for r in json.loads(status("drafts", "-f", "json").output)["orders"]}
    assert rows["drafts/filed.yaml"]["step"] == "done" and rows["drafts/filed.yaml"]["next_deadline"] is None
    assert rows["drafts/opened.yaml"]["step"] == "approved"
    assert rows["drafts/opened.yaml"]["next_deadline"]["id"] == "police_filing"
    assert rows["drafts/opened.yaml"]["next_deadline"]["due"].startswith("2026-12-25")
    text = status("drafts").output
    assert "all done" in text and text.count("draft (wizard not run)") == 1  # a.yaml only
    single = invoke("status", "drafts/filed.yaml", "--today", "2026-11-29", "--lang", "en").output
    assert "step all done" in single and "materials not ready" not in single
    assert ("example.com: filing number 浙ICP备2026000002号-1; "
            "public-security number: 浙公网安备 33011002012345号") in single


def test_status_json_of_one_draft_masks_and_escapes_what_was_typed(tmp_path: Path) -> None:
    """breaker21 K21: `status -f json` printed a record number and a police number as typed (a full
    ID, a mobile, U+202E, a C1 control) where the text output masked and escaped them."""
    from conftest import apply_example

    text = apply_example({"base": "enterprise_police", "set": {
        "/record/websites/0/number": "13412345678 \u202e\x9b31m",
        "/police/websites/0/number": "110105194912310037 ##[error]pwn"}})
    (tmp_path / "d.yaml").write_text(text, encoding="utf-8")
    result = invoke("status", str(tmp_path / "d.yaml"), "-f", "json")
    shown = result.stdout  # as a CI log or a terminal shows it
    assert json.loads(shown)["websites"][0]["number"].startswith("134****5678")
    assert "13412345678" not in shown and "110105194912310037" not in shown
    assert "\u202e" not in shown and "\x9b" not in shown and "##[" not in shown


def test_status_of_a_draft_linked_out_of_the_folder_is_refused(tmp_path: Path, monkeypatch) -> None:
    """breaker21 K61: `status link.yaml -> ../outside/x.yaml` printed the outside draft's numbers,
    where `check` and `status FOLDER` refuse it (ICP015)."""
    from conftest import apply_example

    (tmp_path / "outside").mkdir()
    (tmp_path / "repo").mkdir()
    (tmp_path / "outside" / "x.yaml").write_text(apply_example({"base": "enterprise_police"}), encoding="utf-8")
    (tmp_path / "repo" / "link.yaml").symlink_to("../outside/x.yaml")
    monkeypatch.chdir(tmp_path / "repo")
    result = invoke("status", "link.yaml", "--lang", "en")
    assert result.exit_code == 2 and "浙ICP备" not in result.output
    assert "leads out of this folder through a symbolic link" in result.output
