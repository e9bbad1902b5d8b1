"""Dates that cannot be true are said at the answer (walker41 item 9): an approval date after today
is refused (ICP806), an opening date before the approval is warned about (ICP661), each through the
checks as every other answer is."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from test_wizard_flow import PERSONAL_TEXT, Walk, write
from test_wizard_io import CLEAR, ENTER, drive, spawn

from icpfile.filing.state import State, StateStore
from icpfile.filing.wizard import Wizard
from icpfile.options import Options

from conftest import TODAY  # 2026-11-29


class Dates(Walk):
    """A Walk that tries `refused` at a prompt first (its validate must refuse it, with the words
    kept), and stops the run (Ctrl-C) when its script ends."""

    def __init__(self, script: list[tuple[str, Any]], refused: dict[str, str]) -> None:
        super().__init__(script)
        self.refused = refused
        self.verdicts: dict[str, object] = {}

    def _next(self, message: str) -> Any:
        if not self.script:
            raise KeyboardInterrupt
        return super()._next(message)

    def text(self, message, default="", validate=None, instruction=None, completions=None):
        for piece, answer in self.refused.items():
            if piece in message and validate is not None:
                self.verdicts[piece] = validate(answer)
        return super().text(message, default, validate, instruction, completions)


def _at_review(tmp_path: Path) -> Path:
    draft = write(tmp_path / "mine.yaml", PERSONAL_TEXT)
    StateStore(draft).save(State(draft=draft.name, step="authority_review",
                                 dates={"authority_submitted": "2026-11-20T10:00"}))
    return draft


def _walk(draft: Path, script: list[tuple[str, Any]], refused: dict[str, str]) -> tuple[Dates, list[str]]:
    said: list[str] = []
    prompter = Dates(script, refused)
    wizard = Wizard(draft, prompter, Options(lang="en", today=TODAY), said.append)
    with wizard.store.locked(), pytest.raises(KeyboardInterrupt):
        wizard.run()
    return prompter, said


def _approval(day: str, opened: str) -> list[tuple[str, Any]]:
    """The authority's yes, its day, the number, then the site's opening day."""
    return [("decision", "approved"), ("Approval date", day), ("filing number", "浙ICP备2026000001号-1"),
            ("open to the public", True), ("Opening date", opened)]


def test_an_approval_after_today_is_refused_and_an_opening_before_the_approval_is_warned(tmp_path: Path) -> None:
    draft = _at_review(tmp_path)
    prompter, said = _walk(draft, _approval("2026-11-25", "2026-11-24"), {"Approval date": "2027-01-08"})
    refused = prompter.verdicts["Approval date"]
    assert isinstance(refused, str) and refused.startswith("ICP806") and "2027-01-08" in refused
    warned = [line for line in said if "ICP661" in line]
    assert warned and "2026-11-24" in warned[0] and "2026-11-25" in warned[0], said
    assert StateStore(draft).load().dates["approved"] == "2026-11-25"


def test_an_opening_on_or_after_the_approval_says_nothing(tmp_path: Path) -> None:
    draft = _at_review(tmp_path)
    # tomorrow: China's today on a UTC clock, not refused
    prompter, said = _walk(draft, _approval("2026-11-25", "2026-11-26"), {"Approval date": "2026-11-30"})
    assert prompter.verdicts["Approval date"] is True
    assert not [line for line in said if "ICP661" in line or "ICP806" in line], said


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pseudo-terminal")
def test_a_future_approval_date_is_refused_on_the_screen(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    _at_review(tmp_path)
    child = spawn(tmp_path, ["wizard", "mine.yaml", "--lang", "en", "--today", "2026-11-29"], 120)
    drive(child, [("decision", "\x1b[B" + ENTER),  # approved, the second
                  ("Approval date", CLEAR + "2027-01-08" + ENTER)])
    child.expect_exact("ICP806")
    drive(child, [("", CLEAR + "2026-11-25" + ENTER)])
    child.expect_exact("filing number")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert StateStore(tmp_path / "mine.yaml").load().dates["approved"] == "2026-11-25"
