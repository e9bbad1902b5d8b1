"""`icpfile init`: what it takes and how it writes the draft (issue 22: P20, P27)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from icpfile.cli import app


def _init(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str):
    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(app, ["init", *args])


def test_the_nature_and_type_by_their_chinese_labels(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """P20: `name --nature 企业` took the label and `init --nature 个人` did not."""
    done = _init(tmp_path, monkeypatch, "--nature", "个人", "-o", "mine.yaml")
    assert done.exit_code == 0, done.output
    draft = yaml.safe_load((tmp_path / "mine.yaml").read_text(encoding="utf-8"))
    assert draft["subject"]["nature"] == "personal"
    assert draft["filing"]["type"] == "first_filing"


def test_an_unknown_nature_lists_the_choices(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    done = _init(tmp_path, monkeypatch, "--nature", "robot")
    assert done.exit_code == 2
    assert "unknown nature 'robot' (choose from personal, enterprise," in done.output
    assert not list(tmp_path.iterdir())


def test_the_draft_is_written_for_its_owner_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """P27: the draft holds ID and phone numbers; like the .bak and the state it is 0600."""
    assert _init(tmp_path, monkeypatch, "-o", "mine.yaml").exit_code == 0
    assert stat.S_IMODE((tmp_path / "mine.yaml").stat().st_mode) == 0o600
